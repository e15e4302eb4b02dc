//! The DPO Desk desktop shell: builds the Tauri app, registers the thin commands and the shared
//! state. Every rule lives in dpodesk-core; this crate only connects the webview to it.

mod commands;
mod error;
mod state;

use tauri::Manager;

use crate::state::AppState;

/// Builds and runs the desktop app until its window closes.
pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let data_dir = app.path().app_data_dir()?;
            let system_locale = sys_locale::get_locale().unwrap_or_default();
            app.manage(AppState::new(config_dir, data_dir, &system_locale));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::startup,
            commands::set_language,
            commands::check_passphrase,
            commands::create_vault,
            commands::unlock_vault,
            commands::lock_vault,
        ])
        .run(tauri::generate_context!())
        .expect("DPO Desk could not start its window");
}
