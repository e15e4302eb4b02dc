//! The vault: one SQLCipher 4 file that holds everything a user enters, attaches or generates.
//!
//! One long-lived connection per unlocked vault, because every new connection pays the key
//! derivation again. The key is set through `sqlite3_key` (never as SQL text), then a read of
//! `sqlite_master` proves it right: SQLCipher accepts any key and only fails on first use.
//! Opening never creates; only [`Vault::create`] does. A failed open writes nothing to the file.
//!
//! Faults are told as they are (`error::Fault`): a vault that cannot be written where it lies is
//! opened read-only (reads, searches, reports and exports work; every write is refused as
//! read-only); a write waits [`BUSY_WAIT_SECONDS`] for another program's write before calling the
//! vault busy; a write to a vault whose file was moved or deleted while open is refused.

mod action_titles;
pub(crate) mod actions;
mod assessments;
mod audit;
#[cfg(test)]
mod audit_compact_tests;
mod audit_legacy;
mod backup;
pub(crate) mod bundle_store;
mod chains;
mod clients;
mod cnil_store;
mod comments;
mod data_sources;
mod diagnose;
mod erase;
mod evidence;
mod file_check;
mod init;
mod location;
pub(crate) mod matter_scope;
mod migrate;
mod passphrase;
mod read;
mod records;
pub(crate) mod register;
mod reports;
mod retention;
mod search;
mod settings;
mod signoffs;
pub(crate) mod snapshots;
pub mod store;
mod summaries;
pub mod team_store;
mod template_folder;
mod vault_work;
mod vendors;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

pub use actions::{Action, ActionFilter, ActionStatus};
pub(crate) use actions::{NewAction, UpdateAction};
pub(crate) use assessments::NewAssessment;
pub use assessments::{AssessmentRecord, NewAssessmentRow, Status};
pub use audit::{
    AuditBreak, AuditChain, AuditEvent, AuditHead, GENESIS_HASH, detail_sha256, digest_entry_hash,
    entry_hash, summary_entry_hash,
};
pub use backup::{BackupInfo, RestoreInfo};
pub use chains::{AuditChains, ChainHead};
pub use clients::Client;
pub(crate) use clients::{NewClient, UpdateClient};
pub use comments::CommentRow;
// The use cases of the registers and of erasure, generic over the store (`api` calls them).
pub(crate) use actions::action_subject;
pub(crate) use clients::{add_client, resolve_client, update_client_read};
pub use data_sources::{DataSource, DataSourceFilter};
pub(crate) use data_sources::{NewDataSource, UpdateDataSource};
pub(crate) use data_sources::{add_data_source, update_data_source_read};
pub use erase::ErasureCounts;
pub(crate) use erase::erase_client;
pub use evidence::EvidenceRecord;
pub(crate) use evidence::MAX_EVIDENCE_BYTES;
pub use location::{VAULT_FILE_NAME, default_vault_path};
pub use migrate::SCHEMA_VERSION;
pub use passphrase::{Guessable, Passphrase, WeakReason};
pub(crate) use records::{put_setting, record, record_leaving};
pub use reports::{ReportFormat, ReportRecord};
pub use retention::{Kept, PastKeepUntil};
pub use search::{
    FindingDoc, QuestionDoc, SearchHit, SearchKind, SearchOptions, SearchPending, Snippet,
};
pub use settings::{AUTO_LOCK_DEFAULT_MINUTES, Profile, VaultStorage};
pub(crate) use settings::{
    AUTO_LOCK_MAX_MINUTES, AUTO_LOCK_MINUTES, PROFILE_FIRM, PROFILE_NAME, PROFILE_ROLE,
    auto_lock_minutes, profile,
};
pub(crate) use signoffs::{ATTESTATIONS, SignOffInput};
pub use signoffs::{Decision, LatestSignOff, SignOffRow};
pub use snapshots::Snapshot;
pub(crate) use template_folder::{set_template_folder, template_folder};
pub(crate) use vendors::{NewVendor, UpdateVendor};
pub use vendors::{Vendor, VendorFilter};
pub(crate) use vendors::{add_vendor, update_vendor_read};

pub use crate::error::BUSY_WAIT_SECONDS;
use crate::error::{Error, Fault, Result, Target};
use diagnose::{FileIdentity, immutable_uri};
use file_check::Access;

/// Marks a SQLCipher database as a DPO Desk vault ("DPOD"); set by the first migration.
const APPLICATION_ID: i64 = 0x4450_4F44;

/// An unlocked vault. Dropping it (or [`Vault::lock`]) closes the connection and forgets the key.
#[derive(Debug)]
pub struct Vault {
    conn: Connection,
    path: PathBuf,
    /// Opened read-only because the vault cannot be written where it lies.
    read_only: bool,
    /// The file that was opened, to notice it being moved or deleted while open (writes would
    /// then land in a file nobody can find again).
    identity: Option<FileIdentity>,
    /// The templates of the assessments looked at, parsed once per snapshot.
    templates: snapshots::ParsedSnapshots,
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
    /// Opened read-only: the vault cannot be written where it lies.
    pub read_only: bool,
}

impl Vault {
    /// Creates a new vault at `path`, protected by `passphrase`. Refuses a weak passphrase and an
    /// existing file; leaves nothing behind if creation fails half-way.
    pub(crate) fn create(path: &Path, passphrase: &Passphrase, actor: &str) -> Result<Vault> {
        passphrase.strength().map_err(Error::WeakPassphrase)?;
        if path.symlink_metadata().is_ok() {
            return Err(Error::VaultExists(path.to_path_buf()));
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        // SQLite says only "unable to open database file" when the folder refuses a new file;
        // the operating system says why (read-only, permission, full).
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        tempfile::tempfile_in(dir).map_err(|e| Error::io(path, e))?;
        init::sqlcipher_ready();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let built = Connection::open_with_flags(path, flags)
            .map_err(Error::from)
            .and_then(|conn| {
                let mut vault = Vault {
                    conn,
                    path: path.to_path_buf(),
                    read_only: false,
                    identity: None,
                    templates: Default::default(),
                };
                vault.wait_when_busy()?;
                vault.set_key(passphrase)?;
                vault.configure()?;
                migrate::migrate(&mut vault.conn)?;
                record(
                    &mut vault,
                    AuditEvent {
                        actor,
                        action: "vault.created",
                        entity_type: "vault",
                        entity_id: "",
                        summary: "vault created",
                    },
                )?;
                vault.identity = FileIdentity::of(path);
                Ok(vault)
            });
        if built.is_err() {
            remove_vault_files(path);
        }
        built.map_err(|e| e.at_file(path))
    }

    /// Unlocks an existing vault. Each way a file can fail to be a usable vault has its own error.
    /// A vault that cannot be written where it lies opens read-only ([`Vault::is_read_only`]).
    pub(crate) fn open(path: &Path, passphrase: &Passphrase) -> Result<Vault> {
        Vault::open_inner(path, passphrase).map_err(|e| diagnose::storage_error(path, None, e))
    }

    fn open_inner(path: &Path, passphrase: &Passphrase) -> Result<Vault> {
        file_check::inspect(path)?;
        let read_only = file_check::access(path)? == Access::ReadOnly;
        init::sqlcipher_ready();
        let conn = if read_only {
            // `immutable`: no -wal or -shm is needed (none can be created here), no lock taken.
            // `access` has made sure no crash left changes in a -wal that this would skip.
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(immutable_uri(path), flags)?
        } else {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(path, flags)?
        };
        let mut vault = Vault {
            conn,
            path: path.to_path_buf(),
            read_only,
            identity: FileIdentity::of(path),
            templates: Default::default(),
        };
        vault.wait_when_busy()?;
        vault.set_key(passphrase)?;
        vault.verify_key()?;
        vault.verify_identity()?;
        // No whole-file `cipher_integrity_check` here: it reads every page, so unlocking a large
        // vault took seconds (4 s at 2.3 GB in `cargo xtask bench`). SQLCipher authenticates each
        // page (HMAC) whenever it is read, so a damaged page is still refused when touched;
        // `check()` (the CLI's `vault check`, the app's settings, every restore) runs the full scan.
        migrate::ensure_known(&vault.conn)?;
        if read_only {
            if migrate::current_version(&vault.conn)? < SCHEMA_VERSION {
                // An older vault is brought up to date on open, which needs writing.
                return Err(vault.read_only_fault());
            }
            return Ok(vault);
        }
        vault.configure()?;
        migrate::migrate(&mut vault.conn)?;
        vault.finish_pending_scrub();
        Ok(vault)
    }

    /// Whether the vault was opened read-only because it cannot be written where it lies: every
    /// write is refused with [`Fault::ReadOnly`]; reports and exports are made but not kept or
    /// recorded in it.
    pub(crate) fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Re-encrypts the whole vault under a new passphrase. The old one stops working at once.
    /// Not a statement of a unit of work ([`store::Work`]): SQLCipher rewrites every page of the
    /// file under the new key, outside any transaction; only its audit entry is one.
    pub(crate) fn rekey(&mut self, new_passphrase: &Passphrase, actor: &str) -> Result<()> {
        new_passphrase.strength().map_err(Error::WeakPassphrase)?;
        self.ensure_writable()?;
        // SQLCipher's rekey under `secure_delete` left this connection without its
        // `sqlcipher_export` function (a backup right after failed with "no such function");
        // the rekey rewrites every page under the new key anyway, so nothing is left to zero.
        self.conn.pragma_update(None, "secure_delete", "OFF")?;
        let rekeyed = self.conn.key(None::<&str>, new_passphrase.as_bytes(), true);
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        rekeyed?;
        record(
            self,
            AuditEvent {
                actor,
                action: "vault.rekeyed",
                entity_type: "vault",
                entity_id: "",
                summary: "passphrase changed",
            },
        )
    }

    /// Closes the vault: checkpoints the write-ahead log and drops the key with the connection.
    pub(crate) fn lock(self) -> Result<()> {
        self.conn.close().map_err(|(_, e)| Error::from(e))
    }

    /// Runs every consistency check the vault has and reports what it found.
    pub(crate) fn check(&self) -> Result<VaultCheck> {
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
        let problems = snapshots::problems(&self.conn)?;
        if !problems.is_empty() {
            return Err(Error::Corrupted {
                detail: problems.join("; "),
            });
        }
        self.describe()
    }

    /// What `check` reports, without the whole-file scans: cheap enough for every unlock.
    pub(crate) fn describe(&self) -> Result<VaultCheck> {
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
            read_only: self.read_only,
        })
    }

    /// The vault file's path.
    pub(crate) fn path(&self) -> &Path {
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
            read_only: false,
            identity: FileIdentity::of(path),
            templates: Default::default(),
        };
        vault.configure()?;
        migrate::migrate(&mut vault.conn)?;
        Ok(vault)
    }

    /// A write transaction, taken at once: a deferred one that read first cannot wait for
    /// another program's write (SQLite reports busy at once), an immediate one waits up to
    /// [`BUSY_WAIT_SECONDS`].
    pub(crate) fn begin_write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Refuses a write that cannot be kept: on a read-only vault, or one whose file is no
    /// longer where it was opened (SQLite would write on into a file nobody can find again).
    pub(crate) fn ensure_writable(&self) -> Result<()> {
        if self.read_only {
            return Err(self.read_only_fault());
        }
        if !self.still_in_place() {
            return Err(Error::fault(
                Fault::Vanished,
                Target::Vault(Some(self.path.clone())),
            ));
        }
        Ok(())
    }

    /// Names a fault met while writing (see `diagnose::storage_error`).
    pub(crate) fn diagnose(&self, error: Error) -> Error {
        diagnose::storage_error(&self.path, self.identity, error)
    }

    fn still_in_place(&self) -> bool {
        self.identity.is_none() || diagnose::in_place(&self.path, self.identity)
    }

    fn read_only_fault(&self) -> Error {
        Error::fault(Fault::ReadOnly, Target::Vault(Some(self.path.clone())))
    }

    /// Sets how long SQLite waits for another connection's lock before answering busy.
    fn wait_when_busy(&self) -> Result<()> {
        self.conn
            .busy_timeout(Duration::from_secs(BUSY_WAIT_SECONDS))?;
        Ok(())
    }

    /// The connection, for a whole-matter operation that lives outside this module (bundles read
    /// every table of a matter and import it in one transaction of their own).
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
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
            // A fault (busy, read-only, I/O) is told as such; only SQLite's structural check
            // failing says damaged (see `impl From<rusqlite::Error> for Error`).
            Err(e) => Err(e.into()),
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
            // The file system cannot hold a write-ahead log (no shared memory): a property of
            // the place, not damage to the vault.
            return Err(Error::Io {
                path: self.path.clone(),
                source: std::io::Error::other(format!(
                    "cannot switch the journal to WAL here (still {mode})"
                )),
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
        // What a delete frees is overwritten with zeros, so an erased matter (or an old answer)
        // does not linger in free space. Its cost is small: a freed page is rewritten once more.
        self.conn.pragma_update(None, "secure_delete", "ON")?;
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
