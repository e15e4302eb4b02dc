//! Vault settings: small key/value pairs that belong to the vault (the profile name used as the
//! actor, auto-lock minutes, …). Settings that must be readable before unlocking (UI language, last
//! vault path) live outside the vault and are not handled here.

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::store::Read;
use super::{Passphrase, Vault};
use crate::error::Result;

impl Vault {
    /// A setting's value, if set.
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?)
    }
}

/// The setting keys of the profile: who reports are from.
pub(crate) const PROFILE_NAME: &str = "profile.name";
pub(crate) const PROFILE_ROLE: &str = "profile.role";
pub(crate) const PROFILE_FIRM: &str = "profile.firm";

/// Who the vault's reports are from: the memo's "from" line and every report's author.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub role: String,
    pub firm: String,
}

impl Profile {
    /// This profile, with `actor` as the name when none is set.
    pub fn or_actor(mut self, actor: &str) -> Profile {
        if self.name.trim().is_empty() {
            self.name = actor.to_owned();
        }
        self
    }
}

/// The setting key of the idle time after which the app locks the vault.
pub(crate) const AUTO_LOCK_MINUTES: &str = "auto_lock.minutes";
/// Minutes of inactivity before the app locks the vault, unless the user chose otherwise.
pub const AUTO_LOCK_DEFAULT_MINUTES: u32 = 10;
/// The longest idle time the app accepts: a vault left open for a working day is a risk a
/// password manager would not take either, so "never" is not offered.
pub(crate) const AUTO_LOCK_MAX_MINUTES: u32 = 480;

impl Vault {
    /// Changes the passphrase after proving the current one: someone at an unlocked, unattended
    /// laptop must not be able to lock the owner out. The current passphrase is checked on a
    /// second, read-only connection, which costs one key derivation.
    pub(crate) fn change_passphrase(
        &mut self,
        actor: &str,
        current: &Passphrase,
        new: &Passphrase,
    ) -> Result<()> {
        self.ensure_writable()?;
        let probe = Vault {
            conn: Connection::open_with_flags(
                &self.path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?,
            path: self.path.clone(),
            read_only: true,
            identity: None,
            templates: Default::default(),
        };
        probe.set_key(current)?;
        probe.verify_key()?;
        drop(probe);
        self.rekey(new, actor)
    }

    /// How much room the vault takes on disk and what fills it, so the user sees it grow.
    pub(crate) fn storage(&self) -> Result<VaultStorage> {
        let size = |path: &std::path::Path| std::fs::metadata(path).map_or(0, |m| m.len());
        let wal = {
            let mut name = self.path.clone().into_os_string();
            name.push("-wal");
            std::path::PathBuf::from(name)
        };
        let sum = |sql: &str| -> Result<(u64, u64)> {
            Ok(self.conn.query_row(sql, [], |row| {
                Ok((
                    row.get::<_, i64>(0)?.unsigned_abs(),
                    row.get::<_, i64>(1)?.unsigned_abs(),
                ))
            })?)
        };
        let (evidence_count, evidence_bytes) =
            sum("SELECT count(*), coalesce(sum(length(content)), 0) FROM evidence")?;
        let (report_count, report_bytes) =
            sum("SELECT count(*), coalesce(sum(length(content)), 0) FROM reports")?;
        Ok(VaultStorage {
            file_bytes: size(&self.path),
            wal_bytes: size(&wal),
            evidence_count,
            evidence_bytes,
            report_count,
            report_bytes,
        })
    }
}

/// What the vault holds on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VaultStorage {
    pub file_bytes: u64,
    pub wal_bytes: u64,
    pub evidence_count: u64,
    pub evidence_bytes: u64,
    pub report_count: u64,
    pub report_bytes: u64,
}

/// Sets a setting, replacing any earlier value, inside the caller's transaction.
pub(crate) fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Removes a setting inside the caller's transaction.
pub(crate) fn delete(conn: &Connection, key: &str) -> Result<()> {
    conn.execute("DELETE FROM settings WHERE key = ?1", [key])?;
    Ok(())
}

/// The profile as set (blank fields where nothing is set), on any store.
pub(crate) fn profile(store: &impl Read) -> Result<Profile> {
    let get = |key| store.setting(key).map(Option::unwrap_or_default);
    Ok(Profile {
        name: get(PROFILE_NAME)?,
        role: get(PROFILE_ROLE)?,
        firm: get(PROFILE_FIRM)?,
    })
}

/// Minutes of inactivity before the app locks this store's session, on any store.
pub(crate) fn auto_lock_minutes(store: &impl Read) -> Result<u32> {
    Ok(store
        .setting(AUTO_LOCK_MINUTES)?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|m| (1..=AUTO_LOCK_MAX_MINUTES).contains(m))
        .unwrap_or(AUTO_LOCK_DEFAULT_MINUTES))
}
