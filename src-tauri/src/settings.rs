//! The settings screen's commands: the profile (the actor of the audit log and the author of
//! reports), auto-lock, the passphrase change, and the audit chain check.

use dpodesk_core::Passphrase;
use dpodesk_core::api::{self, AuditCheckView, ChangePassphraseRequest, ProfileView, SettingsView};
use tauri::State;

use crate::commands::{on_store, with_open, with_vault_as};
use crate::error::CommandResult;
use crate::state::{AppState, DEFAULT_ACTOR, Open};
use dpodesk_core::api::team::Unsupported;

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> CommandResult<SettingsView> {
    on_store!(&state, |v| SettingsView::build(v))
}

/// Saves the profile; from now on its name is the actor of every change.
#[tauri::command]
pub fn save_profile(
    state: State<'_, AppState>,
    profile: ProfileView,
) -> CommandResult<SettingsView> {
    let (view, name) = on_store!(&state, |v, actor| {
        let saved = api::set_profile(
            v,
            actor,
            Some(&profile.name),
            Some(&profile.role),
            Some(&profile.firm),
        )?;
        Ok((SettingsView::build(v)?, saved.actor_or(DEFAULT_ACTOR)))
    })?;
    state.session().actor = name;
    Ok(view)
}

#[tauri::command]
pub fn set_auto_lock(state: State<'_, AppState>, minutes: u32) -> CommandResult<SettingsView> {
    let view = on_store!(&state, |v, actor| {
        api::set_auto_lock_minutes(v, actor, minutes)?;
        SettingsView::build(v)
    })?;
    state.session().auto_lock_minutes = view.auto_lock_minutes;
    Ok(view)
}

/// Re-encrypts the vault under a new passphrase after checking the current one. Both are moved
/// into zeroizing secrets at once.
#[tauri::command]
pub fn change_passphrase(
    state: State<'_, AppState>,
    request: ChangePassphraseRequest,
) -> CommandResult<()> {
    let ChangePassphraseRequest { current, new } = request;
    let current = Passphrase::new(current);
    let new = Passphrase::new(new);
    with_vault_as(&state, Unsupported::VaultFile, |v, actor| {
        api::change_passphrase(v, actor, &current, &new)
    })
}

/// Checks the whole vault file (every page's authentication and SQLite's own integrity check),
/// then walks the audit chain against its anchor; an error names what is broken. On a team
/// database (no file of ours to check), walks every chain the member may check.
#[tauri::command]
pub fn verify_audit(state: State<'_, AppState>) -> CommandResult<AuditCheckView> {
    with_open(&state, |open, _actor| match open {
        Open::Personal(vault) => {
            api::check_vault(vault)?;
            api::check_audit(vault)
        }
        Open::Team(store) => api::check_audit(store),
    })
}
