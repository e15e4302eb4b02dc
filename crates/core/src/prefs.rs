//! Preferences kept outside the vault, because they are needed before it is unlocked. Only what
//! design.md allows lives here in plaintext: the UI language, the last vault path and the last
//! team connection (its connection string and user, which never hold a password: team mode
//! refuses a connection string with one) — never names, answers or anything else a user typed
//! into an assessment.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::i18n::Lang;

const PREFS_FILE: &str = "prefs.json";

/// The plaintext preferences.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// The UI language the user chose; `None` follows the system locale.
    pub lang: Option<Lang>,
    /// The vault opened last, when it is not the default one.
    pub last_vault: Option<PathBuf>,
    /// The team database connected to last, so the start screen can offer it again.
    #[serde(default)]
    pub last_team: Option<TeamConnection>,
}

/// A team database as the start screen remembers it: where and as whom, never the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamConnection {
    pub conninfo: String,
    pub user: String,
}

impl Prefs {
    /// Reads the preferences from `dir`. A missing or unreadable file gives the defaults: losing a
    /// language choice is harmless, refusing to start over it is not.
    pub fn load(dir: &Path) -> Prefs {
        std::fs::read(dir.join(PREFS_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the preferences to `dir` atomically (temp file, then rename).
    pub fn save(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let path = dir.join(PREFS_FILE);
        let temp = dir.join(format!("{PREFS_FILE}.tmp"));
        let bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        std::fs::write(&temp, bytes).map_err(|e| Error::io(&temp, e))?;
        std::fs::rename(&temp, &path).map_err(|e| Error::io(&path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefs_round_trip_and_default_when_missing_or_damaged() {
        let dir = tempfile::tempdir().expect("dir");
        assert_eq!(Prefs::load(dir.path()), Prefs::default());
        let prefs = Prefs {
            lang: Some(Lang::Zh),
            last_vault: Some(PathBuf::from("/tmp/other.dpvault")),
            last_team: Some(TeamConnection {
                conninfo: "host=db.firm.example dbname=dpo".to_owned(),
                user: "ann".to_owned(),
            }),
        };
        prefs.save(dir.path()).expect("save");
        assert_eq!(Prefs::load(dir.path()), prefs);
        // A file written before team mode existed still reads.
        std::fs::write(
            dir.path().join(PREFS_FILE),
            br#"{"lang":"zh","last_vault":null}"#,
        )
        .expect("old file");
        assert_eq!(Prefs::load(dir.path()).lang, Some(Lang::Zh));
        std::fs::write(dir.path().join(PREFS_FILE), b"{not json").expect("damage");
        assert_eq!(Prefs::load(dir.path()), Prefs::default());
    }
}
