//! The comparison of two versions of an assessment, for the side-by-side view: a thin adapter
//! over core's `api::version_diff`.

use dpodesk_core::api::{self, VersionDiffView};
use tauri::State;

use crate::commands::on_store;
use crate::error::CommandResult;
use crate::state::AppState;

/// What changed from `older` to `newer`: answers (worded), findings added and removed, rating.
#[tauri::command]
pub fn diff_versions(
    state: State<'_, AppState>,
    older: String,
    newer: String,
) -> CommandResult<VersionDiffView> {
    on_store!(&state, |v| api::version_diff(v, &older, &newer))
}
