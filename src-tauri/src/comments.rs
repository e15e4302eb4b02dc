//! Reviewers' comments on questions: list an assessment version's threads, add a comment to a
//! question, resolve one. Each runs its use case on the open store, vault or team database alike.

use dpodesk_core::api::{self, CommentInfo, CommentThread};
use tauri::State;

use crate::commands::on_store;
use crate::error::CommandResult;
use crate::state::AppState;

/// The version's comments by question, open ones first.
#[tauri::command]
pub fn list_comments(
    state: State<'_, AppState>,
    assessment_id: String,
) -> CommandResult<Vec<CommentThread>> {
    on_store!(&state, |v| api::list_comments(&*v, &assessment_id))
}

/// Comments on one question of a draft or a version in review.
#[tauri::command]
pub fn add_comment(
    state: State<'_, AppState>,
    assessment_id: String,
    question_id: String,
    text: String,
) -> CommandResult<CommentInfo> {
    on_store!(&state, |v, actor| {
        api::add_comment(v, actor, &assessment_id, &question_id, &text)
    })
}

/// Marks a comment resolved; it stays listed, as resolved.
#[tauri::command]
pub fn resolve_comment(
    state: State<'_, AppState>,
    comment_id: String,
) -> CommandResult<CommentInfo> {
    on_store!(&state, |v, actor| {
        api::resolve_comment(v, actor, &comment_id)
    })
}
