//! Finding and opening what a command works on. One place decides: with `--team CONNINFO` (or
//! DPODESK_TEAM_URL) the team database's store, else the vault — `--vault PATH` or the default
//! location shared with the desktop app, unlocked with `DPODESK_PASSPHRASE` or a hidden prompt.
//! The commands are written once, generic over [`Opened`], and run on either through
//! [`with_store!`](crate::with_store).

use std::path::PathBuf;

use dpodesk_core::api::team::{self, TeamStore};
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

/// A store a command has opened, and how it is let go once the command's work is saved.
pub trait Opened: api::Store {
    /// Lets the store go; a command prints what it saved only after this succeeded.
    fn close(self) -> Result<(), CliError>;
}

impl Opened for api::Vault {
    fn close(self) -> Result<(), CliError> {
        Ok(api::lock_vault(self)?)
    }
}

impl Opened for TeamStore {
    // Every unit of work committed when it ended; the session closes when dropped.
    fn close(self) -> Result<(), CliError> {
        Ok(())
    }
}

/// What this invocation works on.
pub enum Either {
    Personal(api::Vault),
    Team(TeamStore),
}

/// The team database's store when `--team` is given, else the unlocked vault.
pub fn open_store(cli: &Cli, lang: Lang) -> Result<Either, CliError> {
    match cli.team.as_deref() {
        Some(conninfo) => {
            let session = team::connect(conninfo, &mut |login| {
                crate::team_cmd::prompt_login(login, lang)
            })?;
            Ok(Either::Team(team::open_store(session)?))
        }
        None => Ok(Either::Personal(open(cli, lang)?)),
    }
}

/// Runs `$body` with `$store` bound to the opened store, vault or team database alike: the body
/// is compiled once per back-end, so the commands stay generic over [`Opened`].
#[macro_export]
macro_rules! with_store {
    ($cli:expr, $lang:expr, |$store:ident| $body:expr) => {
        match $crate::unlock::open_store($cli, $lang)? {
            $crate::unlock::Either::Personal($store) => $body,
            $crate::unlock::Either::Team($store) => $body,
        }
    };
}
