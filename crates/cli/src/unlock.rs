//! Finding and unlocking the vault a command works on: `--vault PATH` or the default location
//! shared with the desktop app, and the passphrase from `DPODESK_PASSPHRASE` or a hidden prompt.

use std::path::PathBuf;

use dpodesk_core::{Lang, api};

use crate::cli::Cli;
use crate::error::CliError;
use crate::secret::{self, PASSPHRASE_VAR};

/// The vault file this invocation means.
pub fn vault_path(cli: &Cli) -> Result<PathBuf, CliError> {
    cli.vault
        .clone()
        .or_else(api::default_vault_path)
        .ok_or(CliError::NoDefaultVault)
}

/// Unlocks the existing vault (never creates one).
pub fn open(cli: &Cli, lang: Lang) -> Result<api::Vault, CliError> {
    let path = vault_path(cli)?;
    Ok(api::open_vault(
        &path,
        &secret::read(PASSPHRASE_VAR, lang)?,
    )?)
}
