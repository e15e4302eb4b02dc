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

/// The setting keys of the profile: who reports are from.
pub const PROFILE_NAME: &str = "profile.name";
pub const PROFILE_ROLE: &str = "profile.role";
pub const PROFILE_FIRM: &str = "profile.firm";

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

impl Vault {
    /// The profile as set (blank fields where nothing is set).
    pub fn profile(&self) -> Result<Profile> {
        let get = |key| self.setting(key).map(Option::unwrap_or_default);
        Ok(Profile {
            name: get(PROFILE_NAME)?,
            role: get(PROFILE_ROLE)?,
            firm: get(PROFILE_FIRM)?,
        })
    }

    /// Sets the profile's fields that are given (`None` leaves one as it is, `Some("")` clears
    /// it), in one audited write. Each value must be one line.
    pub fn set_profile(
        &mut self,
        actor: &str,
        name: Option<&str>,
        role: Option<&str>,
        firm: Option<&str>,
    ) -> Result<Profile> {
        let mut changes = Vec::new();
        for (key, field, value) in [
            (PROFILE_NAME, "name", name),
            (PROFILE_ROLE, "role", role),
            (PROFILE_FIRM, "firm", firm),
        ] {
            if let Some(value) = value {
                let value = super::register::line(field, value)?;
                changes.push((key, field, value));
            }
        }
        if !changes.is_empty() {
            let fields = changes
                .iter()
                .map(|(_, f, _)| *f)
                .collect::<Vec<_>>()
                .join(", ");
            self.write(
                super::AuditEvent {
                    actor,
                    action: "profile.updated",
                    entity_type: "settings",
                    entity_id: "profile",
                    summary: &format!("changed {fields}"),
                },
                |tx| {
                    for (key, _, value) in &changes {
                        tx.execute(
                            "INSERT INTO settings (key, value) VALUES (?1, ?2)
                             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            params![key, value],
                        )?;
                    }
                    Ok(())
                },
            )?;
        }
        self.profile()
    }
}
