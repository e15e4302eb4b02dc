//! The DPO Desk desktop shell: builds the Tauri app, registers the thin commands and the shared
//! state. Every rule lives in dpodesk-core; this crate only connects the webview to it.

mod commands;
mod dialogs;
mod diff;
mod error;
mod evidence;
mod exports;
mod recovery;
mod reports;
mod retention;
mod settings;
mod state;
mod templates;
mod vault_file;
mod webview;

use tauri::Manager;

use crate::state::AppState;

/// Builds and runs the desktop app until its window closes.
pub fn run() {
    tauri::Builder::default()
        // The dialog plugin is used from Rust only (report saving); the webview is granted none
        // of its permissions.
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let data_dir = app.path().app_data_dir()?;
            let system_locale = sys_locale::get_locale().unwrap_or_default();
            app.manage(AppState::new(config_dir, data_dir, &system_locale)?);
            if let Some(window) = app.get_webview_window("main") {
                webview::make_lean(&window)?;
            }
            watch_idle(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::startup,
            commands::set_language,
            commands::check_passphrase,
            commands::create_vault,
            commands::unlock_vault,
            commands::lock_vault,
            commands::list_clients,
            commands::add_client,
            commands::list_data_sources,
            commands::add_data_source,
            commands::list_vendors,
            commands::add_vendor,
            commands::list_templates,
            commands::list_assessments,
            commands::create_assessment,
            commands::get_assessment,
            commands::save_answer,
            commands::get_provision,
            commands::submit_assessment,
            commands::sign_off,
            commands::reopen_assessment,
            commands::list_actions,
            commands::action_statuses,
            commands::add_action,
            commands::update_action,
            commands::list_reports,
            reports::generate_report,
            reports::save_report_copy,
            commands::update_client,
            commands::update_data_source,
            commands::update_vendor,
            commands::set_archived,
            commands::erasure_preview,
            commands::erase_client,
            retention::get_keep_until,
            retention::set_keep_until,
            commands::get_dashboard,
            commands::session_status,
            commands::keep_alive,
            commands::search,
            settings::get_settings,
            settings::save_profile,
            settings::set_auto_lock,
            settings::change_passphrase,
            settings::verify_audit,
            vault_file::open_vault_file,
            vault_file::backup_vault,
            recovery::backup_recovery,
            vault_file::restore_vault,
            exports::export_table,
            templates::template_library,
            templates::choose_template_folder,
            templates::clear_template_folder,
            templates::import_template,
            templates::export_template,
            evidence::attach_evidence,
            diff::diff_versions,
        ])
        .run(tauri::generate_context!())
        .expect("DPO Desk could not start its window");
}

/// Locks the vault when the user has been idle past the auto-lock time, even if the webview is
/// frozen or closed to the tray: the key must not outlive the user's attention. Checking twice a
/// minute keeps the lock within half a minute of the limit at no measurable cost.
fn watch_idle(app: tauri::AppHandle) {
    let period = state::minute() / 2;
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(period);
            app.state::<AppState>()
                .session()
                .expire_if_idle(std::time::Instant::now());
        }
    });
}

#[cfg(test)]
mod tests {
    //! The shell's security configuration, asserted as data: least-privilege capabilities, a strict
    //! CSP, and the identifier that makes the app and the CLI share one default vault.

    use serde_json::Value;

    fn json(path: &str) -> Value {
        let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let text = std::fs::read_to_string(&full).expect("read config file");
        serde_json::from_str(&text).expect("valid JSON")
    }

    #[test]
    fn capabilities_grant_only_the_apps_own_commands() {
        let capability = json("capabilities/main-window.json");
        let permissions = capability["permissions"]
            .as_array()
            .expect("permissions list");
        assert!(!permissions.is_empty());
        for permission in permissions {
            let name = permission.as_str().expect("plain permission name");
            assert!(
                name.starts_with("allow-") && !name.contains(':'),
                "{name} is not one of the app's own commands"
            );
        }
    }

    /// Every command build.rs declares is granted, and nothing else: in particular no dialog
    /// permission, since report dialogs are opened from Rust.
    #[test]
    fn capabilities_grant_exactly_the_declared_commands_and_no_dialog() {
        let capability = json("capabilities/main-window.json");
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .expect("permissions list")
            .iter()
            .map(|p| p.as_str().expect("name").to_owned())
            .collect();
        assert!(granted.iter().all(|p| !p.contains("dialog")));
        let build = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("build.rs"),
        )
        .expect("build.rs");
        let commands = build
            .split("commands(&[")
            .nth(1)
            .and_then(|rest| rest.split("])").next())
            .expect("command list");
        let mut declared: Vec<String> = commands
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .filter(|c| !c.is_empty())
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        granted.sort();
        declared.sort();
        assert_eq!(granted, declared);
    }

    #[test]
    fn the_csp_allows_only_the_app_itself() {
        let config = json("tauri.conf.json");
        let csp = config["app"]["security"]["csp"]
            .as_object()
            .expect("CSP as a directive map");
        assert_eq!(csp["default-src"], "'self'");
        assert_eq!(csp["script-src"], "'self'");
        assert_eq!(csp["object-src"], "'none'");
        // The IPC channel is the only connection the webview may open.
        assert_eq!(csp["connect-src"], "ipc: http://ipc.localhost");
        for (directive, sources) in csp.iter().filter(|(name, _)| *name != "connect-src") {
            let sources = sources.as_str().expect("sources as text");
            for forbidden in ["unsafe-eval", "unsafe-inline", "http", "*"] {
                assert!(
                    !sources.contains(forbidden),
                    "{directive} allows {forbidden}: {sources}"
                );
            }
        }
    }

    #[test]
    fn the_app_and_the_cli_share_one_identifier() {
        let config = json("tauri.conf.json");
        assert_eq!(config["identifier"], dpodesk_core::APP_IDENTIFIER);
    }
}
