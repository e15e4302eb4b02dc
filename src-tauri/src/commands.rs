//! One thin adapter per IPC call: take the arguments, lock the state briefly, call one core
//! function, convert the result. No rule lives here.

use dpodesk_core::api::{ApiError, PassphraseVerdict, Startup, UnlockRequest, VaultInfo};
use dpodesk_core::prefs::Prefs;
use dpodesk_core::{Lang, Passphrase, Vault};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// The actor recorded in the audit log until the vault has a profile name.
const DEFAULT_ACTOR: &str = "DPO Desk user";

#[tauri::command]
pub fn startup(state: State<'_, AppState>) -> Startup {
    let session = state.session();
    Startup {
        lang: session.lang,
        vault_path: session.vault_path.display().to_string(),
        vault_exists: session.vault_path.exists(),
    }
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, lang: Lang) -> CommandResult<()> {
    state.session().lang = lang;
    let mut prefs = Prefs::load(&state.config_dir);
    prefs.lang = Some(lang);
    prefs
        .save(&state.config_dir)
        .map_err(|e| ApiError::new(&e, lang))
}

#[tauri::command]
pub fn check_passphrase(request: UnlockRequest) -> PassphraseVerdict {
    PassphraseVerdict::new(Passphrase::new(request.passphrase).strength(), request.lang)
}

#[tauri::command]
pub fn create_vault(
    state: State<'_, AppState>,
    request: UnlockRequest,
) -> CommandResult<VaultInfo> {
    let passphrase = Passphrase::new(request.passphrase);
    let mut session = state.session();
    let vault = Vault::create(&session.vault_path, &passphrase, DEFAULT_ACTOR)
        .map_err(|e| ApiError::new(&e, request.lang))?;
    let info = vault.check().map_err(|e| ApiError::new(&e, request.lang))?;
    session.vault = Some(vault);
    Ok(info.into())
}

#[tauri::command]
pub fn unlock_vault(
    state: State<'_, AppState>,
    request: UnlockRequest,
) -> CommandResult<VaultInfo> {
    let passphrase = Passphrase::new(request.passphrase);
    let mut session = state.session();
    let vault = Vault::open(&session.vault_path, &passphrase)
        .map_err(|e| ApiError::new(&e, request.lang))?;
    let info = vault.check().map_err(|e| ApiError::new(&e, request.lang))?;
    session.vault = Some(vault);
    Ok(info.into())
}

#[tauri::command]
pub fn lock_vault(state: State<'_, AppState>) -> CommandResult<()> {
    let mut session = state.session();
    let lang = session.lang;
    match session.vault.take() {
        Some(vault) => vault.lock().map_err(|e| ApiError::new(&e, lang)),
        None => Ok(()),
    }
}
