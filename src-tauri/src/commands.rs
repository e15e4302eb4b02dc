//! One thin adapter per IPC call: take the arguments, lock the state briefly, call one core
//! function, convert the result. No rule lives here.

use dpodesk_core::api::team::Unsupported;
use dpodesk_core::api::{
    self, ActionInfo, ActionStatusOption, ApiError, AssessmentSummary, AssessmentView, ClientInfo,
    DashboardView, DataSourceInfo, ErasureView, LinkOption, NewActionRequest, NewAssessmentRequest,
    NewClientRequest, NewDataSourceRequest, NewVendorRequest, PassphraseVerdict, ProvisionView,
    RegisterKind, ReportInfo, SaveAnswerRequest, SessionStatus, SignOffRequest, Startup,
    TemplateInfo, UnlockRequest, UpdateActionRequest, UpdateClientRequest, UpdateDataSourceRequest,
    UpdateVendorRequest, VaultInfo, VendorInfo,
};
use dpodesk_core::prefs::Prefs;
use dpodesk_core::{Error, Lang, Passphrase};
use std::time::Instant;

use tauri::State;

use crate::error::CommandResult;
use crate::state::{AppState, Open};

pub(crate) use crate::state::DEFAULT_ACTOR;

#[tauri::command]
pub fn startup(state: State<'_, AppState>) -> Startup {
    let session = state.session();
    Startup {
        lang: session.lang,
        vault_path: session.vault_path.display().to_string(),
        vault_exists: session.vault_path.exists(),
        last_team: Prefs::load(&state.config_dir).last_team.map(Into::into),
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
    session
        .close()
        .map_err(|e| ApiError::new(&e, request.lang))?;
    let vault = api::create_vault(&session.vault_path, &passphrase, DEFAULT_ACTOR)
        .map_err(|e| ApiError::new(&e, request.lang))?;
    let info = api::vault_info(&vault).map_err(|e| ApiError::new(&e, request.lang))?;
    session.open(vault);
    Ok(info)
}

#[tauri::command]
pub fn unlock_vault(
    state: State<'_, AppState>,
    request: UnlockRequest,
) -> CommandResult<VaultInfo> {
    let passphrase = Passphrase::new(request.passphrase);
    let mut session = state.session();
    session
        .close()
        .map_err(|e| ApiError::new(&e, request.lang))?;
    let vault = api::open_vault(&session.vault_path, &passphrase)
        .map_err(|e| ApiError::new(&e, request.lang))?;
    let info = api::vault_info(&vault).map_err(|e| ApiError::new(&e, request.lang))?;
    session.open(vault);
    Ok(info)
}

#[tauri::command]
pub fn lock_vault(state: State<'_, AppState>) -> CommandResult<()> {
    let mut session = state.session();
    let lang = session.lang;
    session.locked_for_idle = false;
    session.close().map_err(|e| ApiError::new(&e, lang))
}

/// Runs `$body` on the open store — the vault or the team database alike — with `$s` bound to
/// it (and `$actor` to the actor, for changes): a use case generic over core's `Store` / `Read`
/// is written once and compiled for both back-ends. Errors as [`with_open`].
macro_rules! on_store {
    ($state:expr, |$s:ident| $body:expr) => {
        on_store!($state, |$s, _actor| $body)
    };
    ($state:expr, |$s:ident, $actor:ident| $body:expr) => {
        $crate::commands::with_open($state, |open, $actor| match open {
            $crate::state::Open::Personal($s) => $body,
            $crate::state::Open::Team($s) => $body,
        })
    };
}
pub(crate) use on_store;

/// Runs `f` on the open store, wording any error in the session's language; `VaultLocked` when
/// nothing is open — or when the user has been idle past the auto-lock time, in which case the
/// store is closed first. `f` also gets the actor to record in the audit log (the profile name;
/// on a team database, the member's display name). The session lock is held only for the call.
pub(crate) fn with_open<T>(
    state: &AppState,
    f: impl FnOnce(&mut Open, &str) -> dpodesk_core::Result<T>,
) -> CommandResult<T> {
    let mut session = state.session();
    let lang = session.lang;
    let now = Instant::now();
    session.expire_if_idle(now);
    session.touch(now);
    let session = &mut *session;
    let open = session
        .open
        .as_mut()
        .ok_or_else(|| ApiError::new(&Error::VaultLocked, lang))?;
    f(open, &session.actor).map_err(|e| ApiError::new(&e, lang))
}

/// Runs `f` on the unlocked vault, for what core does on a vault only so far; on a team
/// database it is refused as `what`, not yet available there. Errors as [`with_open`]; `f` also
/// gets the actor.
pub(crate) fn with_vault_as<T>(
    state: &AppState,
    what: Unsupported,
    f: impl FnOnce(&mut api::Vault, &str) -> dpodesk_core::Result<T>,
) -> CommandResult<T> {
    with_open(state, |open, actor| match open {
        Open::Personal(vault) => f(vault, actor),
        Open::Team(_) => Err(api::team::not_yet(what)),
    })
}

#[tauri::command]
pub fn list_clients(
    state: State<'_, AppState>,
    include_archived: Option<bool>,
) -> CommandResult<Vec<ClientInfo>> {
    on_store!(&state, |v| {
        api::clients(v, include_archived.unwrap_or(false))
    })
}

#[tauri::command]
pub fn add_client(
    state: State<'_, AppState>,
    request: NewClientRequest,
) -> CommandResult<ClientInfo> {
    on_store!(&state, |v, actor| api::add_client(v, actor, request))
}

#[tauri::command]
pub fn list_data_sources(
    state: State<'_, AppState>,
    client_id: Option<String>,
    include_archived: Option<bool>,
) -> CommandResult<Vec<DataSourceInfo>> {
    let include_archived = include_archived.unwrap_or(false);
    on_store!(&state, |v| {
        api::data_sources(v, client_id.as_deref(), include_archived)
    })
}

#[tauri::command]
pub fn add_data_source(
    state: State<'_, AppState>,
    request: NewDataSourceRequest,
) -> CommandResult<DataSourceInfo> {
    on_store!(&state, |v, actor| api::add_data_source(v, actor, request))
}

#[tauri::command]
pub fn list_vendors(
    state: State<'_, AppState>,
    client_id: Option<String>,
    include_archived: Option<bool>,
) -> CommandResult<Vec<VendorInfo>> {
    let include_archived = include_archived.unwrap_or(false);
    on_store!(&state, |v| {
        api::vendors(v, client_id.as_deref(), None, include_archived)
    })
}

#[tauri::command]
pub fn add_vendor(
    state: State<'_, AppState>,
    request: NewVendorRequest,
) -> CommandResult<VendorInfo> {
    on_store!(&state, |v, actor| api::add_vendor(v, actor, request))
}

/// The templates a new assessment can start from: the bundled ones and the vault's custom folder
/// (core's library decides which wins); only the bundled ones while locked.
#[tauri::command]
pub fn list_templates(state: State<'_, AppState>) -> CommandResult<Vec<TemplateInfo>> {
    if state.session().open.is_none() {
        return Ok(state.templates.iter().map(Into::into).collect());
    }
    on_store!(&state, |v| {
        Ok(api::load_library(v, &state.law)?
            .templates()
            .iter()
            .map(Into::into)
            .collect())
    })
}

#[tauri::command]
pub fn list_assessments(
    state: State<'_, AppState>,
    client_id: Option<String>,
    limit: Option<usize>,
) -> CommandResult<Vec<AssessmentSummary>> {
    on_store!(&state, |v| {
        api::recent_assessment_summaries(v, client_id.as_deref(), limit.unwrap_or(usize::MAX))
    })
}

#[tauri::command]
pub fn create_assessment(
    state: State<'_, AppState>,
    request: NewAssessmentRequest,
) -> CommandResult<AssessmentSummary> {
    on_store!(&state, |v, actor| {
        let library = api::load_library(v, &state.law)?;
        api::create_assessment(v, library.templates(), actor, &request)
    })
}

#[tauri::command]
pub fn get_assessment(state: State<'_, AppState>, id: String) -> CommandResult<AssessmentView> {
    on_store!(&state, |v| AssessmentView::build(v, &state.law, &id))
}

#[tauri::command]
pub fn save_answer(
    state: State<'_, AppState>,
    request: SaveAnswerRequest,
) -> CommandResult<AssessmentView> {
    on_store!(&state, |v, actor| {
        api::save_answer(v, &state.law, actor, &request)
    })
}

#[tauri::command]
pub fn get_provision(state: State<'_, AppState>, key: String) -> Option<ProvisionView> {
    ProvisionView::lookup(&state.law, &key)
}

// Review and sign-off.

/// `version`: the assessment's `updated_at` as the screen read it; a colleague's change since is
/// refused as stale.
#[tauri::command]
pub fn submit_assessment(
    state: State<'_, AppState>,
    id: String,
    version: Option<String>,
) -> CommandResult<AssessmentView> {
    on_store!(&state, |v, actor| {
        api::submit_assessment_read(v, &state.law, actor, &id, version.as_deref())
    })
}

#[tauri::command]
pub fn sign_off(
    state: State<'_, AppState>,
    request: SignOffRequest,
) -> CommandResult<AssessmentView> {
    on_store!(&state, |v, actor| {
        api::sign_off(v, &state.law, actor, &request)
    })
}

#[tauri::command]
pub fn reopen_assessment(
    state: State<'_, AppState>,
    id: String,
) -> CommandResult<AssessmentSummary> {
    on_store!(&state, |v, actor| api::reopen_assessment(v, actor, &id))
}

/// Links the assessment to one it rests on; returns its fresh view (findings, linked routes).
#[tauri::command]
pub fn link_assessment(
    state: State<'_, AppState>,
    id: String,
    linked_id: String,
) -> CommandResult<AssessmentView> {
    on_store!(&state, |v, actor| {
        api::link_assessment(v, actor, &id, &linked_id)?;
        AssessmentView::build(v, &state.law, &id)
    })
}

#[tauri::command]
pub fn link_options(state: State<'_, AppState>, id: String) -> CommandResult<Vec<LinkOption>> {
    on_store!(&state, |v| api::link_options(v, &id))
}

// Actions.

#[tauri::command]
pub fn list_actions(
    state: State<'_, AppState>,
    client_id: Option<String>,
    assessment_id: Option<String>,
) -> CommandResult<Vec<ActionInfo>> {
    let today = dpodesk_core::time::today();
    on_store!(&state, |v| {
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
    on_store!(&state, |v, actor| {
        api::add_action(v, actor, &request, &today)
    })
}

#[tauri::command]
pub fn update_action(
    state: State<'_, AppState>,
    request: UpdateActionRequest,
) -> CommandResult<ActionInfo> {
    let today = dpodesk_core::time::today();
    on_store!(&state, |v, actor| {
        api::update_action(v, actor, &request, &today)
    })
}

// Reports (generating and saving them is `reports.rs`: it opens the save dialog).

#[tauri::command]
pub fn list_reports(
    state: State<'_, AppState>,
    assessment_id: Option<String>,
    client_id: Option<String>,
) -> CommandResult<Vec<ReportInfo>> {
    on_store!(&state, |v| {
        api::reports(v, assessment_id.as_deref(), client_id.as_deref())
    })
}

// Editing and archiving register entries (nothing is ever deleted).

#[tauri::command]
pub fn update_client(
    state: State<'_, AppState>,
    request: UpdateClientRequest,
) -> CommandResult<ClientInfo> {
    on_store!(&state, |v, actor| api::update_client(v, actor, &request))
}

#[tauri::command]
pub fn update_data_source(
    state: State<'_, AppState>,
    request: UpdateDataSourceRequest,
) -> CommandResult<DataSourceInfo> {
    on_store!(&state, |v, actor| {
        api::update_data_source(v, actor, &request)
    })
}

#[tauri::command]
pub fn update_vendor(
    state: State<'_, AppState>,
    request: UpdateVendorRequest,
) -> CommandResult<VendorInfo> {
    on_store!(&state, |v, actor| api::update_vendor(v, actor, &request))
}

#[tauri::command]
pub fn set_archived(
    state: State<'_, AppState>,
    kind: RegisterKind,
    id: String,
    archived: bool,
) -> CommandResult<()> {
    on_store!(&state, |v, actor| {
        api::set_archived(v, actor, kind, &id, archived)
    })
}

/// What erasing a client would remove: the counts the confirmation names.
#[tauri::command]
pub fn erasure_preview(
    state: State<'_, AppState>,
    client_id: String,
) -> CommandResult<ErasureView> {
    let today = dpodesk_core::time::today();
    on_store!(&state, |v| api::erasure_preview(v, &client_id, &today))
}

/// Erases a client's whole matter once `confirmation` is its exact name (checked in core).
#[tauri::command]
pub fn erase_client(
    state: State<'_, AppState>,
    client_id: String,
    confirmation: String,
) -> CommandResult<ErasureView> {
    on_store!(&state, |v, actor| {
        api::erase_client(v, actor, &client_id, &confirmation)
    })
}

// The home screen and the session.

#[tauri::command]
pub fn get_client_overview(
    state: State<'_, AppState>,
    client_id: String,
) -> CommandResult<api::ClientOverview> {
    let today = dpodesk_core::time::today();
    on_store!(&state, |v| {
        api::client_overview(v, &state.law, &client_id, &today)
    })
}

#[tauri::command]
pub fn get_portfolio(state: State<'_, AppState>) -> CommandResult<Vec<api::OverviewRow>> {
    let today = dpodesk_core::time::today();
    on_store!(&state, |v| api::portfolio(v, &state.law, &today))
}

#[tauri::command]
pub fn get_channel_catalogue(state: State<'_, AppState>) -> CommandResult<api::ChannelCatalogue> {
    on_store!(&state, |v| api::channel_catalogue(v, &state.law))
}

#[tauri::command]
pub fn get_dashboard(state: State<'_, AppState>) -> CommandResult<DashboardView> {
    let today = dpodesk_core::time::today();
    on_store!(&state, |v| api::dashboard(v, &today))
}

/// Whether the vault is still open. Asking does not count as activity, so the UI can poll it to
/// learn that the vault locked itself.
#[tauri::command(async)]
pub fn session_status(state: State<'_, AppState>) -> SessionStatus {
    // `async`, as `keep_alive`: a sync command runs on GTK's thread, and this one waits for the
    // session lock, which a report being drawn holds while it draws; the page's 15-second poll
    // (or its focus check) froze the window and an open save dialog with it
    // (docs/benchmarks.md, "The chooser's half second, and the web process").
    let mut session = state.session();
    session.expire_if_idle(Instant::now());
    status_of(&session)
}

/// The user is active (typing, clicking) without calling anything else: postpones auto-lock.
#[tauri::command(async)]
pub fn keep_alive(state: State<'_, AppState>) -> SessionStatus {
    let mut session = state.session();
    let now = Instant::now();
    if !session.expire_if_idle(now) {
        session.touch(now);
    }
    status_of(&session)
}

fn status_of(session: &crate::state::Session) -> SessionStatus {
    SessionStatus {
        unlocked: session.open.is_some(),
        locked_for_idle: session.locked_for_idle,
        auto_lock_minutes: session.auto_lock_minutes,
    }
}

/// The dashboard's search box; core decides what matches (short Chinese terms included).
#[tauri::command]
pub fn search(state: State<'_, AppState>, query: String) -> CommandResult<Vec<api::SearchHitView>> {
    on_store!(&state, |v| api::search(v, &query, SEARCH_LIMIT))
}

/// Enough hits to find what one is looking for without flooding the screen.
const SEARCH_LIMIT: usize = 50;
