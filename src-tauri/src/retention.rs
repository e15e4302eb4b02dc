//! The keep-until commands: read and set a client's or an assessment's keep-until date (the list of
//! what is past its date comes with the dashboard). Rules, such as a signed PIA's legal minimum,
//! are core's.

use dpodesk_core::api::{self, KeepUntilView, KeptKind};
use tauri::State;

use crate::commands::on_store;
use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub fn get_keep_until(
    state: State<'_, AppState>,
    kind: KeptKind,
    id: String,
) -> CommandResult<KeepUntilView> {
    on_store!(&state, |v| api::keep_until(v, kind, &id))
}

/// Sets the date (YYYY-MM-DD), or clears it when `date` is null. `version`: the view's `version`
/// as the screen read it; a colleague's change since is refused as stale. `date_read`: the
/// view's `keep_until` as the field read it ("" for none); a date someone set since is refused
/// as stale, naming him.
#[tauri::command]
pub fn set_keep_until(
    state: State<'_, AppState>,
    kind: KeptKind,
    id: String,
    date: Option<String>,
    version: Option<String>,
    date_read: Option<String>,
) -> CommandResult<KeepUntilView> {
    on_store!(&state, |v, actor| {
        api::set_keep_until_from(
            v,
            actor,
            kind,
            &id,
            date.as_deref(),
            version.as_deref(),
            date_read.as_deref(),
        )
    })
}
