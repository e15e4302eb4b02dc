//! Evidence enters the vault through an open dialog opened here, in Rust: the webview asks "attach
//! a file to this question" and gets the fresh assessment view back; it never hands the shell a
//! path and holds no dialog permission. Core reads the chosen file within its size cap (a file
//! over it is refused from its size, before it is read) and stores it encrypted in the vault.
//!
//! Test-only hook: in debug builds, `DPODESK_TEST_OPEN_PATH` presets the dialog's answer, so the
//! end-to-end suite can attach without a native dialog. The code reading it is compiled out of
//! release builds (`#[cfg(debug_assertions)]`).

use std::path::PathBuf;

use dpodesk_core::Lang;
use dpodesk_core::api::{self, ApiError, AssessmentView};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::commands::with_vault_as;
use crate::dialogs::off_the_main_thread;
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
        let Some(path) = ask_open_path(&app, lang) else {
            return Ok(None);
        };
        // Read before taking the vault: a large file must not hold every other command up.
        let (name, content) =
            api::read_evidence_file(&path).map_err(|e| ApiError::new(&e, lang))?;
        with_vault_as(&state, |v, actor| {
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

/// Which file: the native open dialog, parented to the main window and offering every kind of file
/// (evidence is screenshots, contracts, logs… so `dialogs::ask_open_path`'s one filter does not
/// fit) — or, in a debug build with `DPODESK_TEST_OPEN_PATH` set, that path without a dialog.
fn ask_open_path(app: &AppHandle, lang: Lang) -> Option<PathBuf> {
    if let Some(preset) = test_hook::preset_open_path() {
        return Some(preset);
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title(lang.pick("附加证据文件", "Attach evidence file"));
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    dialog.blocking_pick_file()?.into_path().ok()
}

#[cfg(debug_assertions)]
mod test_hook {
    use std::ffi::OsString;
    use std::path::PathBuf;

    /// The environment variable that answers the open dialog in debug builds.
    pub const TEST_OPEN_PATH_VAR: &str = "DPODESK_TEST_OPEN_PATH";

    pub fn preset_open_path() -> Option<PathBuf> {
        preset_from(std::env::var_os(TEST_OPEN_PATH_VAR))
    }

    pub fn preset_from(value: Option<OsString>) -> Option<PathBuf> {
        value.filter(|v| !v.is_empty()).map(PathBuf::from)
    }
}

#[cfg(not(debug_assertions))]
mod test_hook {
    /// Release builds always ask the user.
    pub fn preset_open_path() -> Option<std::path::PathBuf> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only debug builds (tests included) read the hook; a blank value means "ask".
    #[cfg(debug_assertions)]
    #[test]
    fn the_test_hook_presets_the_open_dialog_only_when_set() {
        assert_eq!(test_hook::TEST_OPEN_PATH_VAR, "DPODESK_TEST_OPEN_PATH");
        assert_eq!(test_hook::preset_from(None), None);
        assert_eq!(test_hook::preset_from(Some("".into())), None);
        assert_eq!(
            test_hook::preset_from(Some("/tmp/evidence.png".into())),
            Some(PathBuf::from("/tmp/evidence.png"))
        );
    }

    /// A file over core's cap is refused from its size, in the user's language, before it is
    /// read: a sparse file that large costs nothing to make and would take a while to read.
    #[test]
    fn a_file_over_the_cap_is_refused_in_the_users_language() {
        let dir = std::env::temp_dir().join(format!("dpodesk-evidence-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("huge.bin");
        let file = std::fs::File::create(&path).expect("file");
        file.set_len(60 * 1024 * 1024).expect("sparse length");
        let error = api::read_evidence_file(&path).expect_err("over the cap");
        let zh = ApiError::new(&error, Lang::Zh);
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
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
