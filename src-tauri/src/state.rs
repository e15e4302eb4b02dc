//! What the shell keeps between commands: the unlocked vault (one long-lived connection), the
//! vault path, and the UI language used to word errors.

use std::path::PathBuf;
use std::sync::Mutex;

use dpodesk_core::prefs::Prefs;
use dpodesk_core::vault::VAULT_FILE_NAME;
use dpodesk_core::{Lang, Vault};

#[derive(Debug)]
pub struct AppState {
    pub config_dir: PathBuf,
    pub session: Mutex<Session>,
}

/// The mutable part, behind one lock so path, language and vault always change together.
#[derive(Debug)]
pub struct Session {
    pub vault: Option<Vault>,
    pub vault_path: PathBuf,
    pub lang: Lang,
}

impl AppState {
    pub fn new(config_dir: PathBuf, data_dir: PathBuf, system_locale: &str) -> AppState {
        let prefs = Prefs::load(&config_dir);
        AppState {
            session: Mutex::new(Session {
                vault: None,
                vault_path: prefs
                    .last_vault
                    .unwrap_or_else(|| data_dir.join(VAULT_FILE_NAME)),
                lang: prefs
                    .lang
                    .unwrap_or_else(|| Lang::from_locale(system_locale)),
            }),
            config_dir,
        }
    }

    /// The session, even if a panic poisoned its lock: the data behind it stays consistent because
    /// every change to it is a single assignment.
    pub fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
