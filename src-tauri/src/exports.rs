//! Spreadsheet exports (CSV / XLSX) saved through a save dialog opened here: core builds the
//! table in the user's language and records the export in the audit log; the webview learns only
//! the file's name.

use dpodesk_core::api::{ApiError, ExportRequest, ExportSaved};
use dpodesk_core::export;
use tauri::{AppHandle, Manager};

use crate::commands::on_store;
use crate::dialogs::{self, DialogSpec, file_name, off_the_main_thread, write_atomically};
use crate::error::CommandResult;
use crate::state::AppState;

const CSV: DialogSpec = DialogSpec {
    title_zh: "导出 CSV",
    title_en: "Export CSV",
    filter_name: "CSV",
    extensions: &["csv"],
};

const XLSX: DialogSpec = DialogSpec {
    title_zh: "导出 Excel 工作簿",
    title_en: "Export Excel workbook",
    filter_name: "Excel",
    extensions: &["xlsx"],
};

/// Exports a register or an assessment where the user chooses. `None` when cancelled: nothing is
/// exported or recorded.
#[tauri::command]
pub async fn export_table(
    app: AppHandle,
    request: ExportRequest,
) -> CommandResult<Option<ExportSaved>> {
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let lang = state.session().lang;
        let date = dpodesk_core::time::today();
        let spec = match request.format {
            dpodesk_core::api::SheetFormat::Csv => CSV,
            dpodesk_core::api::SheetFormat::Xlsx => XLSX,
        };
        let suggested = request.suggested_file_name(&date);
        let Some(path) = dialogs::ask_save_path(&app, spec, &suggested, lang) else {
            return Ok(None);
        };
        let exported = on_store!(&state, |v, actor| {
            let subject = request.subject()?;
            export::export(v, actor, &subject, request.format(), lang, &date)
        })?;
        write_atomically(&path, &exported.bytes).map_err(|e| ApiError::new(&e, lang))?;
        Ok(Some(ExportSaved {
            file_name: file_name(&path),
            rows: exported.rows,
            audit_entries: exported.audit.count,
            audit_head: exported.audit.head_hash,
        }))
    })
    .await
}
