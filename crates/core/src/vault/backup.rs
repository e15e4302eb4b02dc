//! Backup and restore. A backup is a whole vault: the same SQLCipher format, encrypted under the
//! key the vault had when the backup was made, so it is opened with that passphrase.
//!
//! - [`Vault::backup`] copies the open vault with `sqlcipher_export` into an attached database
//!   that inherits the vault's key (no key is ever written as SQL text). The export reads inside
//!   one transaction, so the copy is consistent while the vault stays open. It is written to a
//!   temporary file beside the target and then linked into place, so the target name either does
//!   not exist or holds a complete backup; an existing file is never overwritten.
//! - [`Vault::backup_recovery`] writes the same copy under a separate recovery passphrase (the
//!   attached database is keyed with it, bound as a parameter), to keep in a safe against a lost
//!   passphrase; it restores like any backup, with that passphrase.
//! - [`Vault::restore`] verifies a backup on a private copy (opens it with its passphrase, runs
//!   `cipher_integrity_check`, `integrity_check` and the audit chain) before touching the target;
//!   then moves the current vault aside as `<name>.before-restore-<time>`, moves the verified
//!   copy into place and opens it. If that last open fails the previous vault is put back.

use std::path::{Path, PathBuf};

use super::{AuditEvent, Passphrase, Vault, remove_vault_files};
use crate::error::{Error, Result, Target};

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub size: u64,
    /// How many audit entries the backup holds (its chain head count).
    pub audit_entries: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreInfo {
    /// The restored vault (the target).
    pub path: PathBuf,
    /// Where the vault that was at the target now lies, if there was one.
    pub previous: Option<PathBuf>,
    /// How many audit entries the backup held (verified), before the restore's own entry.
    pub audit_entries: u64,
}

impl Vault {
    /// Writes an encrypted, consistent copy of the open vault to `out` and records it in the
    /// audit log. Refuses an existing `out`; leaves nothing behind on failure.
    pub(crate) fn backup(&mut self, actor: &str, out: &Path) -> Result<BackupInfo> {
        self.backup_under(actor, out, None)
    }

    /// Writes a recovery copy: a backup like [`Vault::backup`], encrypted under `recovery` instead
    /// of the vault's passphrase, so the matter survives a lost passphrase if the recovery one is
    /// kept apart (in a safe). Refuses a weak recovery passphrase; a read-only vault cannot
    /// attach a database keyed otherwise, so it is refused as read-only.
    pub(crate) fn backup_recovery(
        &mut self,
        actor: &str,
        out: &Path,
        recovery: &Passphrase,
    ) -> Result<BackupInfo> {
        recovery.strength().map_err(Error::WeakPassphrase)?;
        if self.read_only {
            return Err(self.read_only_fault());
        }
        self.backup_under(actor, out, Some(recovery))
    }

    fn backup_under(
        &mut self,
        actor: &str,
        out: &Path,
        recovery: Option<&Passphrase>,
    ) -> Result<BackupInfo> {
        if out.symlink_metadata().is_ok() {
            return Err(Error::VaultExists(out.to_path_buf()));
        }
        let temp = temp_beside(out, "backup")?;
        let result = self
            .export_to(&temp, recovery)
            .map_err(|e| backup_fault(e, out).instead_of(&temp, out))
            .and_then(|()| {
                // Link, not rename: linking fails when `out` appeared meanwhile, so nothing is
                // overwritten, and the name appears only once the copy is complete and synced.
                std::fs::hard_link(&temp, out).map_err(|e| {
                    if e.kind() == std::io::ErrorKind::AlreadyExists {
                        Error::VaultExists(out.to_path_buf())
                    } else {
                        Error::io(out, e)
                    }
                })?;
                sync_dir(out);
                Ok(())
            });
        remove_vault_files(&temp);
        let _ = std::fs::remove_file(side(&temp, "-journal"));
        result?;
        let audit_entries = self.audit_count()?;
        let size = std::fs::metadata(out).map_err(|e| Error::io(out, e))?.len();
        super::record_leaving(
            self,
            AuditEvent {
                actor,
                action: "vault.backed_up",
                entity_type: "vault",
                entity_id: "",
                summary: &format!(
                    "{} written: {size} bytes, {audit_entries} audit entries",
                    if recovery.is_some() {
                        "recovery copy"
                    } else {
                        "backup"
                    }
                ),
            },
        )?;
        Ok(BackupInfo {
            path: out.to_path_buf(),
            size,
            audit_entries,
        })
    }

    /// Replaces the vault at `target` (if any) with the backup `from`, which must open with
    /// `passphrase` (the one the backup was made under) and pass every check first. The previous
    /// vault is kept as `<name>.before-restore-<time>`; `from` itself is only read.
    pub(crate) fn restore(
        target: &Path,
        from: &Path,
        passphrase: &Passphrase,
        actor: &str,
    ) -> Result<(Vault, RestoreInfo)> {
        super::file_check::inspect(from)?;
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        // Verify a private copy, so that neither the backup nor the target is written to before
        // the backup is known to be good (opening switches a file to WAL and may migrate it).
        let staged = temp_beside(target, "restore")?;
        std::fs::File::open(from).map_err(|e| Error::io(from, e))?;
        let verified = std::fs::copy(from, &staged)
            .map_err(|e| Error::io(target, e))
            .and_then(|_| verify_staged(&staged, passphrase));
        let audit_entries = match verified {
            Ok(count) => count,
            Err(e) => {
                remove_vault_files(&staged);
                return Err(e);
            }
        };

        let previous = if target.symlink_metadata().is_ok() {
            let aside = aside_path(target);
            if let Err(e) = move_vault_files(target, &aside) {
                remove_vault_files(&staged);
                return Err(e);
            }
            Some(aside)
        } else {
            None
        };
        let put_back = |e: Error| {
            remove_vault_files(target);
            if let Some(aside) = &previous {
                let _ = move_vault_files(aside, target);
            }
            remove_vault_files(&staged);
            e
        };
        std::fs::rename(&staged, target).map_err(|e| put_back(Error::io(target, e)))?;
        sync_dir(target);
        let mut vault = Vault::open(target, passphrase).map_err(put_back)?;
        super::record(
            &mut vault,
            AuditEvent {
                actor,
                action: "vault.restored",
                entity_type: "vault",
                entity_id: "",
                summary: &format!("restored from a backup of {audit_entries} audit entries"),
            },
        )?;
        Ok((
            vault,
            RestoreInfo {
                path: target.to_path_buf(),
                previous,
                audit_entries,
            },
        ))
    }

    fn export_to(&self, temp: &Path, recovery: Option<&Passphrase>) -> Result<()> {
        if self.read_only {
            return self.copy_to(temp);
        }
        let name = temp
            .to_str()
            .ok_or_else(|| Error::io(temp, std::io::Error::other("path is not UTF-8")))?;
        // A vault opened (not created) has no SQLITE_OPEN_CREATE, which ATTACH inherits: create
        // the empty file first; an empty file is an empty database.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(temp)
            .map_err(|e| Error::io(temp, e))?;
        // Without a KEY clause SQLCipher keys the attached database with the main one's key; a
        // recovery passphrase is bound as a blob, never written into the SQL text.
        match recovery {
            None => self.conn.execute("ATTACH DATABASE ?1 AS backup", [name])?,
            Some(key) => self.conn.execute(
                "ATTACH DATABASE ?1 AS backup KEY ?2",
                rusqlite::params![name, key.as_bytes()],
            )?,
        };
        let exported = (|| -> Result<()> {
            self.conn
                .pragma_update(Some("backup"), "cipher_log_level", "NONE")
                .ok();
            self.conn
                .query_row("SELECT sqlcipher_export('backup')", [], |_| Ok(()))?;
            // sqlcipher_export copies user_version; the application id is set explicitly so the
            // copy is recognised as a vault whatever the SQLCipher version.
            let app_id: i64 = self
                .conn
                .pragma_query_value(None, "application_id", |row| row.get(0))?;
            self.conn
                .pragma_update(Some("backup"), "application_id", app_id)?;
            let version: i64 = self
                .conn
                .pragma_query_value(None, "user_version", |row| row.get(0))?;
            self.conn
                .pragma_update(Some("backup"), "user_version", version)?;
            Ok(())
        })();
        let detached = self.conn.execute("DETACH DATABASE backup", []);
        exported?;
        detached?;
        std::fs::File::open(temp)
            .and_then(|f| f.sync_all())
            .map_err(|e| Error::io(temp, e))?;
        Ok(())
    }

    /// A read-only vault cannot attach a database to export into (the attachment inherits the
    /// read-only open), but it cannot change either, and was closed cleanly (`access` refuses a
    /// -wal holding changes): its file, byte for byte, is a complete backup under the same key.
    fn copy_to(&self, temp: &Path) -> Result<()> {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(temp)
            .and_then(|mut out| {
                let mut file = std::fs::File::open(&self.path)?;
                std::io::copy(&mut file, &mut out)?;
                out.sync_all()
            })
            .map_err(|e| Error::io(temp, e))
    }

    fn audit_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM audit_log", [], |row| {
                row.get::<_, i64>(0)
            })?
            .unsigned_abs())
    }
}

/// A fault met while exporting is the backup file's (its disk is full, its folder read-only):
/// the export only reads the vault. `sqlcipher_export` reports a failed write as a plain SQL
/// error, so its folder is asked what the fault was.
fn backup_fault(error: Error, out: &Path) -> Error {
    match error {
        Error::Database(_) => match super::diagnose::probe(out) {
            Some(fault) => Error::fault(fault, Target::File(out.to_path_buf())),
            None => error,
        },
        other => other.at_file(out),
    }
}

/// Opens the staged copy with the passphrase, checks it and closes it; the audit entry count.
fn verify_staged(staged: &Path, passphrase: &Passphrase) -> Result<u64> {
    let vault = Vault::open(staged, passphrase)?;
    vault.check()?;
    let head = vault.verify_audit()?;
    vault.lock()?;
    Ok(head.count)
}

/// A fresh, unused file name in the folder of `path` (so a final rename stays on one filesystem).
fn temp_beside(path: &Path, purpose: &str) -> Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::io(path, std::io::Error::other("not a file path")))?;
    let mut temp = std::ffi::OsString::from(".");
    temp.push(name);
    temp.push(format!(".{purpose}-{}.tmp", crate::id::new_id()));
    Ok(path.with_file_name(temp))
}

/// `<target>.before-restore-<UTC time>`, made unique if a restore already ran that second.
fn aside_path(target: &Path) -> PathBuf {
    let stamp: String = crate::time::now()
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'T')
        .take(15)
        .collect();
    let base = side(target, &format!(".before-restore-{stamp}Z"));
    let mut candidate = base.clone();
    let mut n = 1;
    while candidate.symlink_metadata().is_ok() {
        n += 1;
        candidate = side(&base, &format!("-{n}"));
    }
    candidate
}

/// Moves a vault and its WAL side files (a vault closed by a crash keeps pages in its WAL).
fn move_vault_files(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| Error::io(from, e))?;
    for suffix in ["-wal", "-shm"] {
        let side_from = side(from, suffix);
        if side_from.symlink_metadata().is_ok() {
            std::fs::rename(&side_from, side(to, suffix)).map_err(|e| Error::io(&side_from, e))?;
        }
    }
    Ok(())
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Makes a rename or link durable (best effort: not every platform can sync a directory).
fn sync_dir(path: &Path) {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::files::sync_dir(parent);
    }
}
