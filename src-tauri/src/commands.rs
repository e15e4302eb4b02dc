//! One thin adapter per IPC call: take the arguments, lock the state briefly, call one core
//! function, convert the result. No rule lives here.

use dpodesk_core::api::{
    self, ActionInfo, ActionStatusOption, ApiError, AssessmentSummary, AssessmentView, ClientInfo,
    DataSourceInfo, NewActionRequest, NewAssessmentRequest, NewClientRequest, NewDataSourceRequest,
    NewVendorRequest, PassphraseVerdict, ProvisionView, ReportInfo, SaveAnswerRequest,
    SignOffRequest, Startup, TemplateInfo, UnlockRequest, UpdateActionRequest, VaultInfo,
    VendorInfo,
};
use dpodesk_core::prefs::Prefs;
use dpodesk_core::vault::{DataSourceFilter, VendorFilter};
use dpodesk_core::{Error, Lang, Passphrase, Vault};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// The actor recorded in the audit log until the vault has a profile name.
pub(crate) const DEFAULT_ACTOR: &str = "DPO Desk user";

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

/// Runs `f` on the unlocked vault, wording any error in the session's language; `VaultLocked`
/// when no vault is open. The session lock is held only for the call.
pub(crate) fn with_vault<T>(
    state: &AppState,
    f: impl FnOnce(&mut Vault) -> dpodesk_core::Result<T>,
) -> CommandResult<T> {
    let mut session = state.session();
    let lang = session.lang;
    let vault = session
        .vault
        .as_mut()
        .ok_or_else(|| ApiError::new(&Error::VaultLocked, lang))?;
    f(vault).map_err(|e| ApiError::new(&e, lang))
}

#[tauri::command]
pub fn list_clients(state: State<'_, AppState>) -> CommandResult<Vec<ClientInfo>> {
    with_vault(&state, |v| {
        Ok(v.clients(false)?.into_iter().map(Into::into).collect())
    })
}

#[tauri::command]
pub fn add_client(
    state: State<'_, AppState>,
    request: NewClientRequest,
) -> CommandResult<ClientInfo> {
    with_vault(&state, |v| {
        v.add_client(DEFAULT_ACTOR, &request.into()).map(Into::into)
    })
}

#[tauri::command]
pub fn list_data_sources(
    state: State<'_, AppState>,
    client_id: Option<String>,
) -> CommandResult<Vec<DataSourceInfo>> {
    let filter = DataSourceFilter {
        client_id,
        include_archived: false,
    };
    with_vault(&state, |v| {
        Ok(v.data_sources(&filter)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

#[tauri::command]
pub fn add_data_source(
    state: State<'_, AppState>,
    request: NewDataSourceRequest,
) -> CommandResult<DataSourceInfo> {
    with_vault(&state, |v| {
        v.add_data_source(DEFAULT_ACTOR, &request.into())
            .map(Into::into)
    })
}

#[tauri::command]
pub fn list_vendors(
    state: State<'_, AppState>,
    client_id: Option<String>,
) -> CommandResult<Vec<VendorInfo>> {
    let filter = VendorFilter {
        client_id,
        ..VendorFilter::default()
    };
    with_vault(&state, |v| {
        Ok(v.vendors(&filter)?.into_iter().map(Into::into).collect())
    })
}

#[tauri::command]
pub fn add_vendor(
    state: State<'_, AppState>,
    request: NewVendorRequest,
) -> CommandResult<VendorInfo> {
    with_vault(&state, |v| {
        v.add_vendor(DEFAULT_ACTOR, &request.into()).map(Into::into)
    })
}

#[tauri::command]
pub fn list_templates(state: State<'_, AppState>) -> Vec<TemplateInfo> {
    state.templates.iter().map(Into::into).collect()
}

#[tauri::command]
pub fn list_assessments(
    state: State<'_, AppState>,
    client_id: Option<String>,
) -> CommandResult<Vec<AssessmentSummary>> {
    with_vault(&state, |v| {
        api::assessment_summaries(v, client_id.as_deref())
    })
}

#[tauri::command]
pub fn create_assessment(
    state: State<'_, AppState>,
    request: NewAssessmentRequest,
) -> CommandResult<AssessmentSummary> {
    with_vault(&state, |v| {
        api::create_assessment(v, &state.templates, DEFAULT_ACTOR, &request)
    })
}

#[tauri::command]
pub fn get_assessment(state: State<'_, AppState>, id: String) -> CommandResult<AssessmentView> {
    with_vault(&state, |v| AssessmentView::build(v, &state.law, &id))
}

#[tauri::command]
pub fn save_answer(
    state: State<'_, AppState>,
    request: SaveAnswerRequest,
) -> CommandResult<AssessmentView> {
    with_vault(&state, |v| {
        api::save_answer(v, &state.law, DEFAULT_ACTOR, &request)
    })
}

#[tauri::command]
pub fn get_provision(state: State<'_, AppState>, key: String) -> Option<ProvisionView> {
    ProvisionView::lookup(&state.law, &key)
}

// Review and sign-off.

#[tauri::command]
pub fn submit_assessment(state: State<'_, AppState>, id: String) -> CommandResult<AssessmentView> {
    with_vault(&state, |v| {
        api::submit_assessment(v, &state.law, DEFAULT_ACTOR, &id)
    })
}

#[tauri::command]
pub fn sign_off(
    state: State<'_, AppState>,
    request: SignOffRequest,
) -> CommandResult<AssessmentView> {
    with_vault(&state, |v| {
        api::sign_off(v, &state.law, DEFAULT_ACTOR, &request)
    })
}

#[tauri::command]
pub fn reopen_assessment(
    state: State<'_, AppState>,
    id: String,
) -> CommandResult<AssessmentSummary> {
    with_vault(&state, |v| api::reopen_assessment(v, DEFAULT_ACTOR, &id))
}

// Actions.

#[tauri::command]
pub fn list_actions(
    state: State<'_, AppState>,
    client_id: Option<String>,
    assessment_id: Option<String>,
) -> CommandResult<Vec<ActionInfo>> {
    let today = dpodesk_core::time::today();
    with_vault(&state, |v| {
        api::actions(v, client_id.as_deref(), assessment_id.as_deref(), &today)
    })
}

#[tauri::command]
pub fn action_statuses() -> Vec<ActionStatusOption> {
    api::action_statuses()
}

#[tauri::command]
pub fn add_action(
    state: State<'_, AppState>,
    request: NewActionRequest,
) -> CommandResult<ActionInfo> {
    let today = dpodesk_core::time::today();
    with_vault(&state, |v| {
        v.add_action(DEFAULT_ACTOR, &(&request).into())
            .map(|a| ActionInfo::new(a, &today))
    })
}

#[tauri::command]
pub fn update_action(
    state: State<'_, AppState>,
    request: UpdateActionRequest,
) -> CommandResult<ActionInfo> {
    let today = dpodesk_core::time::today();
    with_vault(&state, |v| {
        v.update_action(DEFAULT_ACTOR, &request.id, &(&request).into())
            .map(|a| ActionInfo::new(a, &today))
    })
}

// Reports (generating and saving them is `reports.rs`: it opens the save dialog).

#[tauri::command]
pub fn list_reports(
    state: State<'_, AppState>,
    assessment_id: Option<String>,
    client_id: Option<String>,
) -> CommandResult<Vec<ReportInfo>> {
    with_vault(&state, |v| {
        api::reports(v, assessment_id.as_deref(), client_id.as_deref())
    })
}
