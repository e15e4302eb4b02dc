//! Vault settings: small key/value pairs that belong to the vault (the profile name used as the
//! actor, auto-lock minutes, …). Settings that must be readable before unlocking (UI language, last
//! vault path) live outside the vault and are not handled here.

use rusqlite::{OptionalExtension, params};

use super::Vault;
use crate::error::Result;

impl Vault {
    /// A setting's value, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?)
    }

    /// Sets a setting, replacing any earlier value.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}
