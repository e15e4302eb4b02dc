//! The native file dialogs, opened here in Rust: the webview asks for "save this" or "open a
//! vault" and never sees or hands over a path (it holds no dialog permission). Every file the app
//! writes goes through `write_atomically`.
//!
//! Test-only hooks: in debug builds, `DPODESK_TEST_SAVE_PATH` and `DPODESK_TEST_OPEN_PATH` preset
//! the dialogs' answers, so the end-to-end suite runs without a native dialog. The code reading
//! them is compiled out of release builds (`#[cfg(debug_assertions)]`).

use std::path::{Path, PathBuf};

pub use dpodesk_core::files::write_atomically;

use dpodesk_core::api::ApiError;
use dpodesk_core::{Error, Lang};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandResult;
use crate::state::AppState;

#[cfg(target_os = "linux")]
mod gtk_chooser;

/// What a dialog offers: its title in both languages and one file-type filter (none when
/// `extensions` is empty: evidence can be any kind of file).
#[derive(Debug, Clone, Copy)]
pub struct DialogSpec {
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub filter_name: &'static str,
    pub extensions: &'static [&'static str],
}

/// Where to save: the native save dialog, parented to the main window, offering `suggested` —
/// or, in a debug build with `DPODESK_TEST_SAVE_PATH` set, that path without a dialog. The
/// filter's first extension is added when the user typed none.
pub fn ask_save_path(
    app: &AppHandle,
    spec: DialogSpec,
    suggested: &str,
    lang: Lang,
) -> Option<PathBuf> {
    if let Some(preset) = test_hook::preset(test_hook::SAVE) {
        return Some(preset);
    }
    let mut path = ask(
        app,
        &Ask {
            kind: Kind::Save,
            title: lang.pick(spec.title_zh, spec.title_en),
            suggested: Some(suggested),
            filter: Some((spec.filter_name, spec.extensions)),
            lang,
        },
    )?;
    if path.extension().is_none()
        && let Some(ext) = spec.extensions.first()
    {
        path.set_extension(ext);
    }
    Some(path)
}

/// Which file to open: the native open dialog, or in a debug build `DPODESK_TEST_OPEN_PATH`.
pub fn ask_open_path(app: &AppHandle, spec: DialogSpec, lang: Lang) -> Option<PathBuf> {
    if let Some(preset) = test_hook::preset(test_hook::OPEN) {
        return Some(preset);
    }
    ask(
        app,
        &Ask {
            kind: Kind::Open,
            title: lang.pick(spec.title_zh, spec.title_en),
            suggested: None,
            filter: (!spec.extensions.is_empty()).then_some((spec.filter_name, spec.extensions)),
            lang,
        },
    )
}

/// Which folder: the native folder picker, or in a debug build `DPODESK_TEST_OPEN_PATH` (the same
/// hook as the open dialog: a test gives a folder's path).
pub fn ask_folder_path(
    app: &AppHandle,
    title_zh: &str,
    title_en: &str,
    lang: Lang,
) -> Option<PathBuf> {
    if let Some(preset) = test_hook::preset(test_hook::OPEN) {
        return Some(preset);
    }
    ask(
        app,
        &Ask {
            kind: Kind::Folder,
            title: lang.pick(title_zh, title_en),
            suggested: None,
            filter: None,
            lang,
        },
    )
}

/// Which native dialog: save a file, open one, or choose a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Save,
    Open,
    Folder,
}

/// What a native dialog is asked: its kind, title, the name offered (save only) and one
/// file-type filter (name, extensions).
#[derive(Debug)]
struct Ask<'a> {
    kind: Kind,
    title: &'a str,
    suggested: Option<&'a str>,
    filter: Option<(&'a str, &'a [&'a str])>,
    lang: Lang,
}

/// On Linux, GTK's chooser built by the shell (`gtk_chooser`: it answers as soon as the user
/// has chosen, where the plugin's waits half a second); the dialog plugin elsewhere, inside a
/// sandbox (where GTK hands the plugin's dialog to the desktop portal), and when
/// `DPODESK_FILE_DIALOG=plugin` asks for it (to measure one against the other, or as a way out).
fn ask(app: &AppHandle, ask: &Ask<'_>) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    if !plugin_wanted() {
        return gtk_chooser::choose(app, ask);
    }
    plugin(app, ask)
}

#[cfg(target_os = "linux")]
fn plugin_wanted() -> bool {
    let env_is = |var: &str, value: &str| std::env::var_os(var).is_some_and(|v| v == value);
    env_is("DPODESK_FILE_DIALOG", "plugin")
        || env_is("GTK_USE_PORTAL", "1")
        || Path::new("/.flatpak-info").exists()
        || std::env::var_os("SNAP").is_some()
}

/// The dialog plugin's native dialog (rfd), parented to the main window.
fn plugin(app: &AppHandle, ask: &Ask<'_>) -> Option<PathBuf> {
    let mut dialog = app.dialog().file().set_title(ask.title);
    if let Some(name) = ask.suggested {
        dialog = dialog.set_file_name(name);
    }
    if let Some((name, extensions)) = ask.filter {
        dialog = dialog.add_filter(name, extensions);
    }
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let chosen = match ask.kind {
        Kind::Save => dialog.blocking_save_file(),
        Kind::Open => dialog.blocking_pick_file(),
        Kind::Folder => dialog.blocking_pick_folder(),
    };
    chosen?.into_path().ok()
}

/// Runs `f` on a blocking worker: a dialog waits for the main thread, and rendering or copying
/// takes a moment, so neither may run on the main thread.
pub async fn off_the_main_thread<T: Send + 'static>(
    app: &AppHandle,
    f: impl FnOnce() -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    let lang = app.state::<AppState>().session().lang;
    tauri::async_runtime::spawn_blocking(f)
        .await
        // Only a panic fails the join; its text could hold anything the command touched, so the
        // user reads core's worded failure instead.
        .unwrap_or_else(|_| {
            Err(ApiError::new(
                &Error::Crashed(dpodesk_core::error::Crash::Command),
                lang,
            ))
        })
}

#[cfg(debug_assertions)]
mod test_hook {
    use std::ffi::OsString;
    use std::path::PathBuf;

    /// The environment variables that answer the dialogs in debug builds.
    pub const SAVE: &str = "DPODESK_TEST_SAVE_PATH";
    pub const OPEN: &str = "DPODESK_TEST_OPEN_PATH";

    pub fn preset(var: &str) -> Option<PathBuf> {
        preset_from(std::env::var_os(var))
    }

    pub fn preset_from(value: Option<OsString>) -> Option<PathBuf> {
        value.filter(|v| !v.is_empty()).map(PathBuf::from)
    }
}

#[cfg(not(debug_assertions))]
mod test_hook {
    pub const SAVE: &str = "";
    pub const OPEN: &str = "";

    /// Release builds always ask the user.
    pub fn preset(_var: &str) -> Option<std::path::PathBuf> {
        None
    }
}

pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only debug builds (tests included) read the hooks; a blank value means "ask".
    #[cfg(debug_assertions)]
    #[test]
    fn the_test_hooks_preset_the_dialogs_only_when_set() {
        assert_eq!(test_hook::SAVE, "DPODESK_TEST_SAVE_PATH");
        assert_eq!(test_hook::OPEN, "DPODESK_TEST_OPEN_PATH");
        assert_eq!(test_hook::preset_from(None), None);
        assert_eq!(test_hook::preset_from(Some("".into())), None);
        assert_eq!(
            test_hook::preset_from(Some("/tmp/out.pdf".into())),
            Some(PathBuf::from("/tmp/out.pdf"))
        );
    }
}
