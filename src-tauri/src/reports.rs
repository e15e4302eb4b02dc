//! Reports leave the vault through a save dialog opened here, in Rust: the webview asks for "save
//! this report" and is told the file's name afterwards; it never hands the shell a path (and holds
//! no dialog permission). Core builds, draws and records the report; this module asks where to
//! put it and writes it atomically.
//!
//! Test-only hook: in debug builds, `DPODESK_TEST_SAVE_PATH` presets the dialog's answer, so the
//! end-to-end suite can save without a native dialog. The code reading it is compiled out of
//! release builds (`#[cfg(debug_assertions)]`).

use std::io::Write;
use std::path::{Path, PathBuf};

use dpodesk_core::api::{self, ApiError, ReportRequest, ReportSaved};
use dpodesk_core::{Error, Lang};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::commands::{DEFAULT_ACTOR, with_vault};
use crate::error::CommandResult;
use crate::state::AppState;

/// Generates a report (one assessment's, or the client memo), asks where to save it, records it
/// in the vault and writes it. `None` when the user cancels the dialog: nothing is generated.
#[tauri::command]
pub async fn generate_report(
    app: AppHandle,
    request: ReportRequest,
) -> CommandResult<Option<ReportSaved>> {
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let suggested = with_vault(&state, |v| api::suggested_file_name(v, &request))?;
        let lang = state.session().lang;
        let Some(path) = ask_save_path(&app, &suggested, lang) else {
            return Ok(None);
        };
        let date = dpodesk_core::time::today();
        let generated = with_vault(&state, |v| {
            api::generate_report(v, DEFAULT_ACTOR, &request, &date)
        })?;
        write_atomically(&path, &generated.bytes).map_err(|e| ApiError::new(&e, lang))?;
        Ok(Some(ReportSaved {
            report: generated.record.into(),
            file_name: file_name(&path),
            pages: generated.pages,
            missing: generated.missing.iter().map(char::to_string).collect(),
        }))
    })
    .await
}

/// Saves again the exact bytes of a report kept in the vault. Returns the file's name, or `None`
/// when the user cancels.
#[tauri::command]
pub async fn save_report_copy(app: AppHandle, id: String) -> CommandResult<Option<String>> {
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let Some((_info, suggested, bytes)) = with_vault(&state, |v| api::report_copy(v, &id))?
        else {
            return Ok(None);
        };
        let lang = state.session().lang;
        let Some(path) = ask_save_path(&app, &suggested, lang) else {
            return Ok(None);
        };
        write_atomically(&path, &bytes).map_err(|e| ApiError::new(&e, lang))?;
        Ok(Some(file_name(&path)))
    })
    .await
}

/// Runs `f` on a blocking worker: the dialog waits for the main thread, and rendering takes a
/// moment, so neither may run on the main thread.
async fn off_the_main_thread<T: Send + 'static>(
    app: &AppHandle,
    f: impl FnOnce() -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    let lang = app.state::<AppState>().session().lang;
    tauri::async_runtime::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| {
            Err(ApiError::new(
                &Error::Io {
                    path: PathBuf::new(),
                    source: std::io::Error::other(e.to_string()),
                },
                lang,
            ))
        })
}

/// Where to save: the native save dialog, parented to the main window, offering `suggested` —
/// or, in a debug build with `DPODESK_TEST_SAVE_PATH` set, that path without a dialog.
fn ask_save_path(app: &AppHandle, suggested: &str, lang: Lang) -> Option<PathBuf> {
    if let Some(preset) = test_hook::preset_save_path() {
        return Some(preset);
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title(lang.pick("保存报告", "Save report"))
        .set_file_name(suggested)
        .add_filter("PDF", &["pdf"]);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let mut path = dialog.blocking_save_file()?.into_path().ok()?;
    if path.extension().is_none() {
        path.set_extension("pdf");
    }
    Some(path)
}

#[cfg(debug_assertions)]
mod test_hook {
    use std::ffi::OsString;
    use std::path::PathBuf;

    /// The environment variable that answers the save dialog in debug builds.
    pub const TEST_SAVE_PATH_VAR: &str = "DPODESK_TEST_SAVE_PATH";

    pub fn preset_save_path() -> Option<PathBuf> {
        preset_from(std::env::var_os(TEST_SAVE_PATH_VAR))
    }

    pub fn preset_from(value: Option<OsString>) -> Option<PathBuf> {
        value.filter(|v| !v.is_empty()).map(PathBuf::from)
    }
}

#[cfg(not(debug_assertions))]
mod test_hook {
    /// Release builds always ask the user.
    pub fn preset_save_path() -> Option<std::path::PathBuf> {
        None
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Writes `bytes` to a new temporary file beside `path`, flushes it to disk, then renames it over
/// `path`, so nobody ever sees half a report; the temporary file is removed on failure.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = dir.join(format!(".{}.{}.tmp", file_name(path), std::process::id()));
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    result.map_err(|source| {
        let _ = std::fs::remove_file(&temp);
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_written_whole_and_replaces_an_older_file() {
        let dir = std::env::temp_dir().join(format!("dpodesk-app-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("memo.pdf");
        std::fs::write(&path, b"old").expect("old file");
        write_atomically(&path, b"%PDF-1.7 new").expect("written");
        assert_eq!(std::fs::read(&path).expect("read"), b"%PDF-1.7 new");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary file left behind");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_write_into_a_missing_folder_fails_with_the_path() {
        let path = std::env::temp_dir().join("dpodesk-no-such-folder/x/memo.pdf");
        let error = write_atomically(&path, b"%PDF").expect_err("no folder");
        assert!(error.message(Lang::En).contains("memo.pdf"));
    }

    /// Only debug builds (tests included) read the hook; a blank value means "ask".
    #[cfg(debug_assertions)]
    #[test]
    fn the_test_hook_presets_the_dialog_only_when_set() {
        assert_eq!(test_hook::TEST_SAVE_PATH_VAR, "DPODESK_TEST_SAVE_PATH");
        assert_eq!(test_hook::preset_from(None), None);
        assert_eq!(test_hook::preset_from(Some("".into())), None);
        assert_eq!(
            test_hook::preset_from(Some("/tmp/out.pdf".into())),
            Some(PathBuf::from("/tmp/out.pdf"))
        );
    }
}
