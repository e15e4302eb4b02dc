//! The arguments of the commands that carry data out of and into the vault: reports, exports,
//! imports, and their formats and languages. Split from `cli.rs` so that each file stays small.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Subcommand, ValueEnum};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("subject").required(true).args(["id", "client"])))]
pub struct ReportArgs {
    /// The assessment id
    pub id: Option<String>,
    /// The client (name or id): its memo over all of its current data-source assessments
    #[arg(long, value_name = "NAME_OR_ID")]
    pub client: Option<String>,
    /// The report language: Chinese, English, or bilingual (Chinese first)
    #[arg(long, value_enum)]
    pub lang: LangArg,
    /// The file format [default: docx when FILE ends in .docx, else pdf]
    #[arg(long, value_enum)]
    pub format: Option<ReportFormatArg>,
    /// The file to write (FILE.pdf or FILE.docx)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
    /// The date printed on the report [default: today, UTC]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormatArg {
    Pdf,
    Docx,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The data-source register (all clients', or one client's with --client)
    Sources(RegisterExportArgs),
    /// The vendor register, with next review dates
    Vendors(RegisterExportArgs),
    /// The action register, with due dates and statuses
    Actions(RegisterExportArgs),
    /// One assessment: each question shown with its answer, then each finding with its citations
    Answers(AnswersExportArgs),
    /// A PIA as a CNIL PIA tool JSON file; what the CNIL format cannot hold is listed on stderr
    Cnil(CnilExportArgs),
}

#[derive(Debug, Args)]
pub struct CnilExportArgs {
    /// The PIA assessment id
    pub id: String,
    /// The JSON file to write
    #[arg(long, value_name = "FILE.json")]
    pub out: PathBuf,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A CNIL PIA tool JSON export (or a saved revision) as a new draft PIA; prints its id, and
    /// on stderr where each CNIL field went
    Cnil(CnilImportArgs),
}

#[derive(Debug, Args)]
pub struct CnilImportArgs {
    /// The CNIL PIA JSON file
    pub file: PathBuf,
    /// File the new PIA under this client (its id, or its exact name)
    #[arg(long, value_name = "NAME_OR_ID")]
    pub client: Option<String>,
}

#[derive(Debug, Args)]
pub struct RegisterExportArgs {
    /// Only this client's (its id, or its exact name)
    #[arg(long, value_name = "NAME_OR_ID")]
    pub client: Option<String>,
    /// Include archived entries and those of archived clients (sources and vendors)
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub output: ExportOutputArgs,
}

#[derive(Debug, Args)]
pub struct AnswersExportArgs {
    /// The assessment id
    pub id: String,
    #[command(flatten)]
    pub output: ExportOutputArgs,
}

/// Where and how an export is written.
#[derive(Debug, Args)]
pub struct ExportOutputArgs {
    /// csv (UTF-8 with a byte-order mark, so Excel reads Chinese) or xlsx
    #[arg(long, value_enum)]
    pub format: SheetFormatArg,
    /// The header language [default: the locale's]
    #[arg(long, value_enum)]
    pub lang: Option<SheetLangArg>,
    /// The file to write
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SheetFormatArg {
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SheetLangArg {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
    Bi,
}
