//! The command line, as clap parses it. Documented here once: `dpodesk --help` prints it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const AFTER_HELP: &str = "\
Passphrases are never read from arguments: set DPODESK_PASSPHRASE (and DPODESK_NEW_PASSPHRASE for
`vault rekey`), or type them at the hidden prompt.

Exit codes:
  0  success
  1  any other error (the message on stderr says what to do)
  2  invalid command line
  3  wrong passphrase, or not a DPO Desk vault
  4  passphrase refused as too weak";

/// DPO Desk: GDPR and PIPL assessments in an encrypted local vault.
#[derive(Debug, Parser)]
#[command(name = "dpodesk", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// The vault file [default: the platform data directory, shared with the desktop app]
    #[arg(long, global = true, value_name = "PATH")]
    pub vault: Option<PathBuf>,

    /// Who is acting, for the audit log [default: $DPODESK_ACTOR, else the OS user name]
    #[arg(long, global = true, value_name = "NAME", env = "DPODESK_ACTOR")]
    pub actor: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, check or re-key the encrypted vault
    #[command(subcommand)]
    Vault(VaultCommand),
}

#[derive(Debug, Subcommand)]
pub enum VaultCommand {
    /// Create a new, empty vault (refuses an existing file and a weak passphrase)
    Init,
    /// Unlock the vault and run its integrity checks
    Check(CheckArgs),
    /// Re-encrypt the vault under a new passphrase (DPODESK_NEW_PASSPHRASE, or a prompt)
    Rekey,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

impl Cli {
    /// The actor recorded in the audit log for this invocation.
    pub fn actor(&self) -> String {
        self.actor
            .clone()
            .filter(|name| !name.trim().is_empty())
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .unwrap_or_else(|| "unknown".to_owned())
    }
}
