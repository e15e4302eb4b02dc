//! The arguments of `dpodesk templates`: the library, its custom folder, export and import. Split
//! from `cli.rs` so that each file stays small.

use std::path::PathBuf;

use clap::{ArgGroup, Subcommand};

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// List the templates in use (bundled and custom) with their origin; files of the custom
    /// folder that are not used are listed on stderr with why
    List {
        /// Print the list as JSON
        #[arg(long)]
        json: bool,
    },
    /// Validate a template file; prints every problem with its place
    Check {
        /// The template file (TOML)
        file: PathBuf,
    },
    /// The vault's folder of custom templates
    #[command(subcommand)]
    Folder(TemplateFolderCommand),
    /// Write a template as a TOML file: one in use, by id, or the snapshot an assessment was
    /// started with
    #[command(group(ArgGroup::new("which").required(true).args(["id", "assessment"])))]
    Export {
        /// The template id (see `templates list`)
        id: Option<String>,
        /// The assessment whose template snapshot to export
        #[arg(long, value_name = "ID")]
        assessment: Option<String>,
        /// The TOML file to write
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Copy a template file into the custom folder as <id>-<version>.toml, once it is valid and
    /// the id and version rules accept it (never overwrites)
    Import {
        /// The template file (TOML)
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplateFolderCommand {
    /// Use DIR (an existing folder) for custom templates; prints the templates it adds
    Set {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Use the bundled templates only
    Clear,
    /// Print the folder set in the vault (nothing when none is set)
    Show,
}
