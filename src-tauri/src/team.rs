//! Team mode in the app: connect to the firm's team database as a member. The session then
//! works on it through the same commands as on a vault (`commands::on_store!`); what core offers
//! on a vault only is refused by name.

use dpodesk_core::api::{self, ApiError, DisplayNameRequest, TeamConnectRequest, TeamMember};
use dpodesk_core::prefs::{Prefs, TeamConnection};
use tauri::{AppHandle, Manager, State};

use crate::dialogs::off_the_main_thread;
use crate::error::CommandResult;
use crate::state::AppState;

/// Connects as the member of `request`, closing whatever was open, and remembers the connection
/// and user (never the password) for the start screen. Returns who is signed in.
#[tauri::command]
pub async fn connect_team(
    app: AppHandle,
    request: TeamConnectRequest,
) -> CommandResult<TeamMember> {
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let lang = request.lang;
        let remembered = TeamConnection {
            conninfo: request.conninfo.trim().to_owned(),
            user: request.user.trim().to_owned(),
        };
        // Connect before taking the session: a slow server must not hold other commands up.
        let (store, member) = api::connect_member(request).map_err(|e| ApiError::new(&e, lang))?;
        let mut session = state.session();
        session.close().map_err(|e| ApiError::new(&e, lang))?;
        session.open_team(store, member.clone());
        drop(session);
        // Only a connection that worked is remembered, so its string was checked to hold no
        // password. Failing to remember it costs the user some typing next time, not this
        // connection.
        let mut prefs = Prefs::load(&state.config_dir);
        prefs.last_team = Some(remembered);
        let _ = prefs.save(&state.config_dir);
        Ok(member)
    })
    .await
}

/// Sets a display name, the name printed on what a member signs: the signed-in member's own, or
/// (an admin) another member's; the database checks which. Returns who is signed in now, and
/// the session records new changes under his new name. On a vault there is no member to name:
/// refused (the vault's signer is the profile's name).
#[tauri::command]
pub fn set_display_name(
    state: State<'_, AppState>,
    request: DisplayNameRequest,
) -> CommandResult<TeamMember> {
    display_name_on(&state, &request)
}

/// [`set_display_name`] on `state`.
pub(crate) fn display_name_on(
    state: &AppState,
    request: &DisplayNameRequest,
) -> CommandResult<TeamMember> {
    let mut session = state.session();
    let lang = session.lang;
    let session = &mut *session;
    let conninfo = session
        .member
        .as_ref()
        .map(|m| m.conninfo.clone())
        .unwrap_or_default();
    let member = match session.open.as_mut() {
        Some(crate::state::Open::Team(store)) => api::set_display_name(store, &conninfo, request),
        Some(crate::state::Open::Personal(_)) => Err(dpodesk_core::Error::Team(
            api::team::TeamError::NotPermitted {
                denied: api::team::Denied::Other,
                detail: "a vault has no team members".to_owned(),
            },
        )),
        None => Err(dpodesk_core::Error::VaultLocked),
    }
    .map_err(|e| ApiError::new(&e, lang))?;
    session.actor = member.display_name.clone();
    session.member = Some(member.clone());
    Ok(member)
}
