//! What the shell keeps between commands: the unlocked vault (one long-lived connection), the
//! vault path, the UI language used to word errors, and the law register and bundled templates
//! (loaded once at start; they are read-only data).

use std::path::PathBuf;
use std::sync::Mutex;

use dpodesk_core::law::LawRegister;
use dpodesk_core::prefs::Prefs;
use dpodesk_core::template::{self, Template};
use dpodesk_core::vault::VAULT_FILE_NAME;
use dpodesk_core::{Lang, Vault};

#[derive(Debug)]
pub struct AppState {
    pub config_dir: PathBuf,
    pub law: LawRegister,
    pub templates: Vec<Template>,
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
    pub fn new(
        config_dir: PathBuf,
        data_dir: PathBuf,
        system_locale: &str,
    ) -> dpodesk_core::Result<AppState> {
        let prefs = Prefs::load(&config_dir);
        let law = LawRegister::bundled()?;
        let templates = template::bundled(&law)?;
        Ok(AppState {
            law,
            templates,
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
        })
    }

    /// The session, even if a panic poisoned its lock: the data behind it stays consistent because
    /// every change to it is a single assignment.
    pub fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
