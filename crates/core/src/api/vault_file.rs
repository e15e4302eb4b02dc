//! The vault file as a whole, for the doors: where it lies, create, unlock, lock, check, re-key,
//! back up, restore, and the audit chain. The doors hold the open [`Vault`] as an opaque handle
//! and pass it back to `api`; they never call its methods.
//!
//! These take the [`Vault`] itself, not a [`Store`]: each is about the SQLCipher file (its key,
//! its pages, its copies on disk), which a team database does not have — the server's own
//! tools back it up and check it. Only the audit reads here are generic.

use std::path::{Path, PathBuf};

use super::*;
use crate::vault::Passphrase;

pub use crate::vault::{AUTO_LOCK_DEFAULT_MINUTES, VAULT_FILE_NAME, Vault};

/// The default vault file, shared by the app and the CLI: the platform data folder.
pub fn default_vault_path() -> Option<PathBuf> {
    vault::default_vault_path()
}

/// Creates a vault at `path` (refused when something is there) and returns it unlocked.
pub fn create_vault(path: &Path, passphrase: &Passphrase, actor: &str) -> crate::Result<Vault> {
    Vault::create(path, passphrase, actor)
}

/// Unlocks the vault at `path`; never creates one.
pub fn open_vault(path: &Path, passphrase: &Passphrase) -> crate::Result<Vault> {
    Vault::open(path, passphrase)
}

/// Closes the vault; its key leaves memory with it.
pub fn lock_vault(vault: Vault) -> crate::Result<()> {
    vault.lock()
}

/// What the unlock screen shows of an open vault: path, schema, cipher, audit length. Cheap:
/// no integrity check (that is [`check_vault`]).
pub fn vault_info(vault: &Vault) -> crate::Result<VaultInfo> {
    vault.describe().map(Into::into)
}

/// Cannot be written where it lies (opened read-only).
pub fn is_read_only<R: Read>(store: &R) -> bool {
    store.is_read_only()
}

/// Every consistency check the vault has: cipher pages, SQLite's integrity check, the audit
/// chain.
pub fn check_vault(vault: &Vault) -> crate::Result<vault::VaultCheck> {
    vault.check()
}

/// Re-encrypts the vault under a new passphrase (which must pass the strength rule).
pub fn rekey(vault: &mut Vault, new_passphrase: &Passphrase, actor: &str) -> crate::Result<()> {
    vault.rekey(new_passphrase, actor)
}

/// Writes an encrypted copy of the vault to `out`, keyed with `recovery` when given (a separate
/// passphrase to keep apart), else with the vault's own key.
pub fn backup(
    vault: &mut Vault,
    actor: &str,
    out: &Path,
    recovery: Option<&Passphrase>,
) -> crate::Result<vault::BackupInfo> {
    match recovery {
        Some(recovery) => vault.backup_recovery(actor, out, recovery),
        None => vault.backup(actor, out),
    }
}

/// Replaces the vault at `target` by the verified backup `from`, keeping the old one aside.
pub fn restore_vault(
    target: &Path,
    from: &Path,
    passphrase: &Passphrase,
    actor: &str,
) -> crate::Result<(Vault, vault::RestoreInfo)> {
    Vault::restore(target, from, passphrase, actor)
}

/// Walks the audit chain; the first broken entry is an error naming it.
pub fn verify_audit<R: Read>(store: &R) -> crate::Result<vault::AuditHead> {
    store.verify_audit()
}

/// The audit chain's head as recorded (not re-verified).
pub fn audit_head<R: Read>(store: &R) -> crate::Result<vault::AuditHead> {
    store.audit_head()
}

/// The head, as recorded, of the audit chain an assessment's entries join: the vault's one
/// chain, or on the team database its client's.
pub fn assessment_audit_head<R: Read>(
    store: &R,
    assessment_id: &str,
) -> crate::Result<vault::AuditHead> {
    store.audit_head_of(store.assessment_client(assessment_id)?.as_deref())
}

/// One step of the hidden crash soak: an audited insert (a client named `key`, in one
/// transaction with its audit entry), then a plain setting.
pub fn soak_step<S: Store>(
    store: &mut S,
    actor: &str,
    key: &str,
    value: &str,
) -> crate::Result<()> {
    let client = vault::NewClient {
        name: key.to_owned(),
        ..vault::NewClient::default()
    };
    vault::add_client(store, actor, &client)?;
    vault::put_setting(store, key, value)
}

/// Sets the idle time before the app locks the vault (1 to `AUTO_LOCK_MAX_MINUTES`; 0, "never",
/// is refused with its own reason).
pub fn set_auto_lock_minutes<S: Store>(
    store: &mut S,
    actor: &str,
    minutes: u32,
) -> crate::Result<u32> {
    super::profile::set_auto_lock_minutes(store, actor, minutes)
}

/// Changes the passphrase after proving the current one.
pub fn change_passphrase(
    vault: &mut Vault,
    actor: &str,
    current: &Passphrase,
    new: &Passphrase,
) -> crate::Result<()> {
    vault.change_passphrase(actor, current, new)
}
