//! Reports leave the vault through a save dialog opened in Rust (`dialogs`): the webview asks for
//! "save this report" and is told the file's name afterwards; it never hands the shell a path.
//! Core builds, draws and records the report; this module asks where to put it and writes it
//! atomically.

use dpodesk_core::api::{self, ApiError, ReportFileFormat, ReportRequest, ReportSaved};
use tauri::{AppHandle, Manager};

use crate::commands::on_store;
use crate::dialogs::{self, DialogSpec, file_name, off_the_main_thread, write_atomically};
use crate::error::CommandResult;
use crate::state::AppState;
use crate::timings;

const PDF: DialogSpec = DialogSpec {
    title_zh: "保存报告",
    title_en: "Save report",
    filter_name: "PDF",
    extensions: &["pdf"],
};

const DOCX: DialogSpec = DialogSpec {
    title_zh: "保存 Word 报告",
    title_en: "Save Word report",
    filter_name: "Word",
    extensions: &["docx"],
};

fn ask_save_path(
    app: &AppHandle,
    format: Option<ReportFileFormat>,
    suggested: &str,
    lang: dpodesk_core::Lang,
) -> Option<std::path::PathBuf> {
    let spec = match format {
        Some(ReportFileFormat::Docx) => DOCX,
        Some(ReportFileFormat::Pdf) | None => PDF,
    };
    dialogs::ask_save_path(app, spec, suggested, lang)
}

/// Generates a report (one assessment's, or the client memo), asks where to save it, records it
/// in the vault and writes it. `None` when the user cancels the dialog: nothing is kept.
///
/// The report is drawn while the dialog is open (on its own thread, under the session lock like
/// any call), so once the user has chosen where, only keeping it and writing the file are left:
/// drawing a long bilingual PDF took as long as the rest of the wait after the dialog. A
/// cancelled dialog drops what was drawn; keeping happens only after a path is chosen.
#[tauri::command]
pub async fn generate_report(
    app: AppHandle,
    request: ReportRequest,
) -> CommandResult<Option<ReportSaved>> {
    off_the_main_thread(&app.clone(), move || {
        timings::mark("generate_report: entered");
        let state = app.state::<AppState>();
        let suggested = on_store!(&state, |v| api::suggested_file_name(v, &request))?;
        let lang = state.session().lang;
        let date = dpodesk_core::time::today();
        let drawing = {
            let (app, request) = (app.clone(), request.clone());
            std::thread::spawn(move || {
                let state = app.state::<AppState>();
                let started = std::time::Instant::now();
                let drawn = on_store!(&state, |v, actor| {
                    api::draw_report(v, actor, &request, &date)
                });
                timings::record("generate_report: draw", started);
                drawn
            })
        };
        let path = ask_save_path(&app, request.format, &suggested, lang);
        timings::mark("generate_report: dialog answered");
        let Some(path) = path else {
            // The drawing thread finishes on its own and its report is dropped unkept.
            return Ok(None);
        };
        let drawn = drawn(drawing.join(), lang)?;
        timings::mark("generate_report: drawn");
        let started = std::time::Instant::now();
        let generated = on_store!(&state, |v, actor| api::keep_report(v, actor, drawn))?;
        timings::record("generate_report: keep", started);
        let started = std::time::Instant::now();
        write_atomically(&path, &generated.bytes).map_err(|e| ApiError::new(&e, lang))?;
        timings::record("generate_report: write the file", started);
        let saved = ReportSaved {
            report: generated.record.into(),
            file_name: file_name(&path),
            pages: generated.pages,
            missing: generated.missing.iter().map(char::to_string).collect(),
        };
        timings::mark("generate_report: left");
        Ok(Some(saved))
    })
    .await
}

/// What the drawing thread gave. A thread that panicked is told as core's typed failure ("the
/// report could not be drawn", in the user's language, with what to do): the panic's own text
/// could name anything the report holds, so it is never shown.
fn drawn<T>(
    joined: std::thread::Result<CommandResult<T>>,
    lang: dpodesk_core::Lang,
) -> CommandResult<T> {
    joined.unwrap_or_else(|_| {
        Err(ApiError::new(
            &dpodesk_core::Error::Crashed(dpodesk_core::error::Crash::ReportDrawing),
            lang,
        ))
    })
}

/// Saves again the exact bytes of a report kept in the vault. Returns the file's name, or `None`
/// when the user cancels.
#[tauri::command]
pub async fn save_report_copy(app: AppHandle, id: String) -> CommandResult<Option<String>> {
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let Some((info, suggested, bytes)) = on_store!(&state, |v| api::report_copy(v, &id))?
        else {
            return Ok(None);
        };
        let lang = state.session().lang;
        let Some(path) = ask_save_path(&app, info.format, &suggested, lang) else {
            return Ok(None);
        };
        write_atomically(&path, &bytes).map_err(|e| ApiError::new(&e, lang))?;
        Ok(Some(file_name(&path)))
    })
    .await
}

#[cfg(test)]
mod tests {
    use dpodesk_core::Lang;
    use dpodesk_core::error::ErrorKind;

    use super::*;

    #[test]
    fn a_drawing_thread_that_panics_is_told_in_the_users_language_without_its_panic_text() {
        for (lang, said) in [
            (
                Lang::En,
                "the report could not be drawn: DPO Desk stopped on an internal error",
            ),
            (
                Lang::Zh,
                "无法生成报告：DPO Desk 在生成报告时遇到内部错误而中止",
            ),
        ] {
            let joined = std::thread::spawn(|| -> CommandResult<u8> {
                panic!("client Acme Ltd, answer pia03")
            })
            .join();
            let refused = drawn(joined, lang).expect_err("the thread panicked");
            assert_eq!(refused.kind, ErrorKind::OutputFailed);
            assert!(refused.message.starts_with(said), "{}", refused.message);
            assert!(!refused.message.contains("Acme"), "{}", refused.message);
        }
        let joined = std::thread::spawn(|| -> CommandResult<u8> { Ok(7) }).join();
        assert_eq!(drawn(joined, Lang::En).expect("drawn"), 7);
    }
}
