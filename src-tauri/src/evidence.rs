//! Evidence enters the vault through an open dialog opened here, in Rust: the webview asks "attach
//! a file to this question" and gets the fresh assessment view back; it never hands the shell a
//! path and holds no dialog permission. Core reads the chosen file within its size cap (a file
//! over it is refused from its size, before it is read) and stores it encrypted in the vault.
//! In debug builds the dialog's answer can be preset for the end-to-end suite (`dialogs`).

use dpodesk_core::api::{self, ApiError, AssessmentView};
use tauri::{AppHandle, Manager};

use crate::commands::on_store;
use crate::dialogs::{self, DialogSpec, off_the_main_thread};
use crate::error::CommandResult;
use crate::state::AppState;

/// Asks for a file, reads it and attaches it to an evidence question of a draft. `None` when the
/// user cancels the dialog: nothing is read or stored.
#[tauri::command]
pub async fn attach_evidence(
    app: AppHandle,
    assessment_id: String,
    question_id: String,
) -> CommandResult<Option<AssessmentView>> {
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let lang = state.session().lang;
        let Some(path) = dialogs::ask_open_path(&app, EVIDENCE_FILE, lang) else {
            return Ok(None);
        };
        // Read before taking the vault: a large file must not hold every other command up.
        let (name, content) =
            api::read_evidence_file(&path).map_err(|e| ApiError::new(&e, lang))?;
        on_store!(&state, |v, actor| {
            api::attach_evidence(
                v,
                &state.law,
                actor,
                &assessment_id,
                &question_id,
                &name,
                &content,
            )
        })
        .map(Some)
    })
    .await
}

const EVIDENCE_FILE: DialogSpec = DialogSpec {
    title_zh: "附加证据文件",
    title_en: "Attach evidence file",
    filter_name: "",
    // Evidence is screenshots, contracts, logs…: every kind of file is offered.
    extensions: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// A file over core's cap is refused from its size, in the user's language, before it is
    /// read: a sparse file that large costs nothing to make and would take a while to read.
    #[test]
    fn a_file_over_the_cap_is_refused_in_the_users_language() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("huge.bin");
        let file = std::fs::File::create(&path).expect("file");
        file.set_len(60 * 1024 * 1024).expect("sparse length");
        let error = api::read_evidence_file(&path).expect_err("over the cap");
        let zh = ApiError::new(&error, dpodesk_core::Lang::Zh);
        assert!(matches!(
            zh.kind,
            dpodesk_core::error::ErrorKind::InvalidInput
        ));
        assert!(
            zh.message.contains("60 MB") && zh.message.contains("50 MB"),
            "{}",
            zh.message
        );
        assert!(zh.message.contains("附件上限"), "{}", zh.message);
    }
}
