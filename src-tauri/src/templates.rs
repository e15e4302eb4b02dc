//! Custom templates in the app: the library (bundled plus the vault's template folder) with every
//! decision and problem worded by core, choosing the folder, importing a template file and
//! exporting one — the folder and files chosen through dialogs opened here.

use dpodesk_core::api::{
    self, ApiError, TemplateExportRequest, TemplateImportView, TemplateLibraryView,
};
use tauri::{AppHandle, Manager, State};

use crate::commands::on_store;
use crate::dialogs::{self, DialogSpec, file_name, off_the_main_thread, write_atomically};
use crate::error::CommandResult;
use crate::state::AppState;

const TEMPLATE_FILE: DialogSpec = DialogSpec {
    title_zh: "选择模板文件",
    title_en: "Choose a template file",
    filter_name: "TOML",
    extensions: &["toml"],
};

const TEMPLATE_SAVE: DialogSpec = DialogSpec {
    title_zh: "导出模板",
    title_en: "Export template",
    filter_name: "TOML",
    extensions: &["toml"],
};

#[tauri::command]
pub fn template_library(state: State<'_, AppState>) -> CommandResult<TemplateLibraryView> {
    on_store!(&state, |v| api::template_library(v, &state.law))
}

/// Chooses the custom template folder. `None` when cancelled.
#[tauri::command]
pub async fn choose_template_folder(app: AppHandle) -> CommandResult<Option<TemplateLibraryView>> {
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let lang = state.session().lang;
        let Some(folder) = dialogs::ask_folder_path(
            &app,
            "选择自定义模板文件夹",
            "Choose the custom template folder",
            lang,
        ) else {
            return Ok(None);
        };
        on_store!(&state, |v, actor| {
            api::set_template_folder(v, &state.law, actor, Some(&folder))
        })
        .map(Some)
    })
    .await
}

/// Stops using a custom template folder; assessments started from it keep their snapshots.
#[tauri::command]
pub fn clear_template_folder(state: State<'_, AppState>) -> CommandResult<TemplateLibraryView> {
    on_store!(&state, |v, actor| {
        api::set_template_folder(v, &state.law, actor, None)
    })
}

/// Imports a template file into the folder (core's id and version rules apply). `None` when
/// cancelled.
#[tauri::command]
pub async fn import_template(app: AppHandle) -> CommandResult<Option<TemplateImportView>> {
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let lang = state.session().lang;
        let Some(file) = dialogs::ask_open_path(&app, TEMPLATE_FILE, lang) else {
            return Ok(None);
        };
        on_store!(&state, |v| api::import_template(v, &state.law, &file)).map(Some)
    })
    .await
}

/// Saves a template (of the library, or an assessment's snapshot) as a TOML file. Returns the
/// file's name, or `None` when cancelled.
#[tauri::command]
pub async fn export_template(
    app: AppHandle,
    request: TemplateExportRequest,
) -> CommandResult<Option<String>> {
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let lang = state.session().lang;
        let exported = on_store!(&state, |v| api::export_template(v, &state.law, &request))?;
        let Some(path) = dialogs::ask_save_path(&app, TEMPLATE_SAVE, &exported.file_name, lang)
        else {
            return Ok(None);
        };
        write_atomically(&path, exported.text.as_bytes()).map_err(|e| ApiError::new(&e, lang))?;
        Ok(Some(file_name(&path)))
    })
    .await
}
