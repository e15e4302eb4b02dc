//! Preferences kept outside the vault, because they are needed before it is unlocked. Only what
//! design.md allows lives here in plaintext: the UI language and the last vault path — never
//! names, answers or anything else a user typed into an assessment.

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
        };
        prefs.save(dir.path()).expect("save");
        assert_eq!(Prefs::load(dir.path()), prefs);
        std::fs::write(dir.path().join(PREFS_FILE), b"{not json").expect("damage");
        assert_eq!(Prefs::load(dir.path()), Prefs::default());
    }
}
