//! Vault files chosen through the native dialogs: open another vault, and back the open one up.

use dpodesk_core::Passphrase;
use dpodesk_core::api;
use dpodesk_core::api::{ApiError, BackupView, RestoreView, Startup, UnlockRequest};
use dpodesk_core::prefs::Prefs;
use tauri::{AppHandle, Manager};

use crate::commands::with_vault_as;
use crate::dialogs::{self, DialogSpec, file_name, off_the_main_thread};
use crate::error::CommandResult;
use crate::state::{AppState, DEFAULT_ACTOR};
use dpodesk_core::api::team::Unsupported;

const VAULT_FILE: DialogSpec = DialogSpec {
    title_zh: "打开保险库",
    title_en: "Open vault",
    filter_name: "DPO Desk vault",
    extensions: &["dpvault"],
};

const BACKUP_FILE: DialogSpec = DialogSpec {
    title_zh: "保存加密备份",
    title_en: "Save encrypted backup",
    filter_name: "DPO Desk vault",
    extensions: &["dpvault"],
};

/// Chooses another vault file: the open vault (if any) is locked first, the new path becomes the
/// one the unlock screen offers and is remembered for the next start. `None` when cancelled.
#[tauri::command]
pub async fn open_vault_file(app: AppHandle) -> CommandResult<Option<Startup>> {
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let lang = state.session().lang;
        let Some(path) = dialogs::ask_open_path(&app, VAULT_FILE, lang) else {
            return Ok(None);
        };
        let mut session = state.session();
        session.close().map_err(|e| ApiError::new(&e, lang))?;
        session.locked_for_idle = false;
        session.vault_path = path.clone();
        let mut prefs = Prefs::load(&state.config_dir);
        prefs.last_vault = Some(path.clone());
        prefs
            .save(&state.config_dir)
            .map_err(|e| ApiError::new(&e, lang))?;
        Ok(Some(Startup {
            lang,
            vault_path: path.display().to_string(),
            vault_exists: path.exists(),
            last_team: prefs.last_team.clone().map(Into::into),
        }))
    })
    .await
}

/// Writes an encrypted, consistent copy of the open vault (same passphrase) where the user
/// chooses. `None` when cancelled.
#[tauri::command]
pub async fn backup_vault(app: AppHandle) -> CommandResult<Option<BackupView>> {
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let lang = state.session().lang;
        let suggested = format!("dpodesk-backup-{}.dpvault", dpodesk_core::time::today());
        let Some(path) = dialogs::ask_save_path(&app, BACKUP_FILE, &suggested, lang) else {
            return Ok(None);
        };
        let info = with_vault_as(&state, Unsupported::VaultFile, |v, actor| {
            api::backup(v, actor, &path, None)
        })?;
        Ok(Some(BackupView {
            file_name: file_name(&info.path),
            size: info.size,
            audit_entries: info.audit_entries,
        }))
    })
    .await
}

/// Replaces the vault file with a backup the user picks, which must open with the passphrase it
/// was made under (given here) and pass every check first; the replaced vault is kept beside it
/// under a new name. The restored vault is left open. `None` when the dialog is cancelled.
#[tauri::command]
pub async fn restore_vault(
    app: AppHandle,
    request: UnlockRequest,
) -> CommandResult<Option<RestoreView>> {
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let lang = request.lang;
        let passphrase = Passphrase::new(request.passphrase);
        let Some(from) = dialogs::ask_open_path(&app, VAULT_FILE, lang) else {
            return Ok(None);
        };
        let mut session = state.session();
        session.close().map_err(|e| ApiError::new(&e, lang))?;
        let target = session.vault_path.clone();
        let (vault, info) = api::restore_vault(&target, &from, &passphrase, DEFAULT_ACTOR)
            .map_err(|e| ApiError::new(&e, lang))?;
        let check = api::vault_info(&vault).map_err(|e| ApiError::new(&e, lang))?;
        session.open(vault);
        Ok(Some(RestoreView {
            vault: check,
            previous_file: info.previous.as_deref().map(file_name),
            audit_entries: info.audit_entries,
        }))
    })
    .await
}
