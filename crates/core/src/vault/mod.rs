//! The vault: one SQLCipher 4 file that holds everything a user enters, attaches or generates.
//!
//! One long-lived connection per unlocked vault, because every new connection pays the key
//! derivation again. The key is set through `sqlite3_key` (never as SQL text), then a read of
//! `sqlite_master` proves it right: SQLCipher accepts any key and only fails on first use.
//! Opening never creates; only [`Vault::create`] does. A failed open writes nothing to the file.

mod actions;
mod assessments;
mod audit;
mod backup;
mod clients;
mod data_sources;
mod evidence;
mod file_check;
mod location;
mod migrate;
mod passphrase;
mod register;
mod reports;
mod search;
mod settings;
mod template_folder;
mod vendors;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use actions::{Action, ActionFilter, ActionStatus, NewAction, UpdateAction};
pub use assessments::{
    ATTESTATIONS, AssessmentRecord, Decision, NewAssessment, SignOff, SignOffInput, Status,
    canonical_sha256,
};
pub(crate) use audit::append as append_audit;
pub use audit::{AuditBreak, AuditEvent, AuditHead, GENESIS_HASH, entry_hash};
pub use backup::{BackupInfo, RestoreInfo};
pub use clients::{Client, NewClient, UpdateClient};
pub use data_sources::{DataSource, DataSourceFilter, NewDataSource, UpdateDataSource};
pub use evidence::{EvidenceRecord, MAX_EVIDENCE_BYTES};
pub use location::{VAULT_FILE_NAME, default_vault_path};
pub use migrate::SCHEMA_VERSION;
pub use passphrase::{MIN_PASSPHRASE_CHARS, Passphrase, WeakReason};
pub use reports::{GeneratedReport, ReportFormat, ReportRecord};
pub use search::{SearchHit, SearchKind, SearchOptions};
pub use settings::{
    AUTO_LOCK_DEFAULT_MINUTES, AUTO_LOCK_MAX_MINUTES, PROFILE_FIRM, PROFILE_NAME, PROFILE_ROLE,
    Profile, VaultStorage,
};
pub use template_folder::TEMPLATE_FOLDER;
pub use vendors::{NewVendor, UpdateVendor, Vendor, VendorFilter};

use crate::error::{Error, Result};

/// Marks a SQLCipher database as a DPO Desk vault ("DPOD"); set by the first migration.
const APPLICATION_ID: i64 = 0x4450_4F44;

/// An unlocked vault. Dropping it (or [`Vault::lock`]) closes the connection and forgets the key.
#[derive(Debug)]
pub struct Vault {
    conn: Connection,
    path: PathBuf,
}

/// What `vault check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultCheck {
    pub path: PathBuf,
    pub schema_version: u32,
    pub journal_mode: String,
    /// SQLite's `synchronous` level; 2 is FULL.
    pub synchronous: i64,
    pub cipher_version: String,
    pub audit_entries: u64,
}

impl Vault {
    /// Creates a new vault at `path`, protected by `passphrase`. Refuses a weak passphrase and an
    /// existing file; leaves nothing behind if creation fails half-way.
    pub fn create(path: &Path, passphrase: &Passphrase, actor: &str) -> Result<Vault> {
        passphrase.strength().map_err(Error::WeakPassphrase)?;
        if path.symlink_metadata().is_ok() {
            return Err(Error::VaultExists(path.to_path_buf()));
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let built = Connection::open_with_flags(path, flags)
            .map_err(Error::from)
            .and_then(|conn| {
                let mut vault = Vault {
                    conn,
                    path: path.to_path_buf(),
                };
                vault.set_key(passphrase)?;
                vault.configure()?;
                migrate::migrate(&mut vault.conn)?;
                vault.record(AuditEvent {
                    actor,
                    action: "vault.created",
                    entity_type: "vault",
                    entity_id: "",
                    summary: "vault created",
                })?;
                Ok(vault)
            });
        if built.is_err() {
            remove_vault_files(path);
        }
        built
    }

    /// Unlocks an existing vault. Each way a file can fail to be a usable vault has its own error.
    pub fn open(path: &Path, passphrase: &Passphrase) -> Result<Vault> {
        file_check::inspect(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        let mut vault = Vault {
            conn,
            path: path.to_path_buf(),
        };
        vault.set_key(passphrase)?;
        vault.verify_key()?;
        vault.verify_identity()?;
        // No whole-file `cipher_integrity_check` here: it reads every page, so unlocking a large
        // vault took seconds (4 s at 2.3 GB in `cargo xtask bench`). SQLCipher authenticates each
        // page (HMAC) whenever it is read, so a damaged page is still refused when touched;
        // `check()` (the CLI's `vault check`, the app's settings, every restore) runs the full scan.
        migrate::ensure_known(&vault.conn)?;
        vault.configure()?;
        migrate::migrate(&mut vault.conn)?;
        Ok(vault)
    }

    /// Re-encrypts the whole vault under a new passphrase. The old one stops working at once.
    pub fn rekey(&mut self, new_passphrase: &Passphrase, actor: &str) -> Result<()> {
        new_passphrase.strength().map_err(Error::WeakPassphrase)?;
        self.conn
            .key(None::<&str>, new_passphrase.as_bytes(), true)?;
        self.record(AuditEvent {
            actor,
            action: "vault.rekeyed",
            entity_type: "vault",
            entity_id: "",
            summary: "passphrase changed",
        })
    }

    /// Closes the vault: checkpoints the write-ahead log and drops the key with the connection.
    pub fn lock(self) -> Result<()> {
        self.conn.close().map_err(|(_, e)| Error::from(e))
    }

    /// Runs every consistency check the vault has and reports what it found.
    pub fn check(&self) -> Result<VaultCheck> {
        self.verify_cipher_integrity()?;
        let problems: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        if problems != ["ok"] {
            return Err(Error::Corrupted {
                detail: problems.join("; "),
            });
        }
        self.describe()
    }

    /// What `check` reports, without the whole-file scans: cheap enough for every unlock.
    pub fn describe(&self) -> Result<VaultCheck> {
        Ok(VaultCheck {
            path: self.path.clone(),
            schema_version: migrate::current_version(&self.conn)?,
            journal_mode: self.pragma_text("journal_mode")?,
            synchronous: self
                .conn
                .pragma_query_value(None, "synchronous", |row| row.get(0))?,
            cipher_version: self.pragma_text("cipher_version")?,
            audit_entries: self
                .conn
                .query_row("SELECT count(*) FROM audit_log", [], |row| {
                    row.get::<_, i64>(0)
                })?
                .unsigned_abs(),
        })
    }

    /// The vault file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Benchmarks only (feature `bench`): creates an unencrypted SQLite file with the vault's
    /// schema, so `cargo xtask bench` runs the very same code on plain SQLite beside SQLCipher and
    /// reports the ratio. No key, no identity or cipher checks; never part of the product.
    #[cfg(feature = "bench")]
    #[doc(hidden)]
    pub fn create_unencrypted(path: &Path) -> Result<Vault> {
        if path.symlink_metadata().is_ok() {
            return Err(Error::VaultExists(path.to_path_buf()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Vault::unencrypted(Connection::open_with_flags(path, flags)?, path)
    }

    /// Benchmarks only (feature `bench`): opens what [`Vault::create_unencrypted`] made.
    #[cfg(feature = "bench")]
    #[doc(hidden)]
    pub fn open_unencrypted(path: &Path) -> Result<Vault> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Vault::unencrypted(Connection::open_with_flags(path, flags)?, path)
    }

    #[cfg(feature = "bench")]
    fn unencrypted(conn: Connection, path: &Path) -> Result<Vault> {
        let mut vault = Vault {
            conn,
            path: path.to_path_buf(),
        };
        vault.configure()?;
        migrate::migrate(&mut vault.conn)?;
        Ok(vault)
    }

    /// Runs `f` in one transaction that also appends `event` to the audit log: the change and its
    /// record commit together or not at all.
    pub(crate) fn write<T>(
        &mut self,
        event: AuditEvent<'_>,
        f: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        audit::append(&tx, event, &crate::time::now())?;
        tx.commit()?;
        Ok(value)
    }

    /// The connection, for a whole-matter operation that lives outside this module (bundles read
    /// every table of a matter and import it in one transaction of their own).
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    fn record(&mut self, event: AuditEvent<'_>) -> Result<()> {
        self.write(event, |_| Ok(()))
    }

    fn set_key(&self, passphrase: &Passphrase) -> Result<()> {
        // SQLCipher logs failed HMAC checks to stderr by default; a wrong passphrase is an expected
        // event with its own error, not noise for the user's terminal.
        self.conn.pragma_update(None, "cipher_log_level", "NONE")?;
        self.conn.key(None::<&str>, passphrase.as_bytes(), false)?;
        Ok(())
    }

    fn verify_key(&self) -> Result<()> {
        match self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| {
                row.get::<_, i64>(0)
            }) {
            Ok(_) => Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::NotADatabase => {
                Err(Error::WrongPassphrase)
            }
            Err(e) => Err(Error::Corrupted {
                detail: e.to_string(),
            }),
        }
    }

    fn verify_identity(&self) -> Result<()> {
        let id: i64 = self
            .conn
            .pragma_query_value(None, "application_id", |row| row.get(0))?;
        if id != APPLICATION_ID {
            return Err(Error::NotAVault(self.path.clone()));
        }
        Ok(())
    }

    fn verify_cipher_integrity(&self) -> Result<()> {
        let problems: Vec<String> = self
            .conn
            .prepare("PRAGMA cipher_integrity_check")?
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        match problems.first() {
            None => Ok(()),
            Some(first) => Err(Error::Corrupted {
                detail: format!("{first} ({} damaged page(s))", problems.len()),
            }),
        }
    }

    /// Durability and confidentiality settings, applied on every connection: WAL with
    /// `synchronous = FULL` so an acknowledged save survives a power cut; temporary tables and
    /// indices in memory so no plaintext spills into temp files.
    fn configure(&self) -> Result<()> {
        let mode: String =
            self.conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Corrupted {
                detail: format!("cannot switch the journal to WAL (still {mode})"),
            });
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        // SQLCipher decrypts a page on every page-cache miss; SQLite's default 2 MiB cache cannot
        // hold the index that lists 10,000 assessments (~3 MiB), so every listing decrypted it
        // all again (1.5× plain SQLite in `cargo xtask bench`). 8 MiB keeps it, and the hot pages
        // of searches and saves, decrypted.
        self.conn.pragma_update(None, "cache_size", -8192)?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(())
    }

    fn pragma_text(&self, name: &str) -> Result<String> {
        Ok(self.conn.pragma_query_value(None, name, |row| row.get(0))?)
    }
}

/// Removes a half-created vault and its WAL side files; best effort, since the caller already has
/// an error to report and a leftover file would only make the next `init` refuse.
pub(crate) fn remove_vault_files(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(file));
    }
}
