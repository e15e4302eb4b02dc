//! The DPO Desk desktop shell: builds the Tauri app, registers the thin commands and the shared
//! state. Every rule lives in dpodesk-core; this crate only connects the webview to it.

// First: its `with_commands!` macro is in scope only below this line.
#[macro_use]
mod command_list;
mod commands;
mod comments;
mod dialogs;
mod diff;
mod error;
mod evidence;
mod exports;
mod memory;
mod recovery;
mod reports;
mod retention;
mod settings;
mod state;
mod team;
#[cfg(test)]
mod team_tests;
mod templates;
mod timings;
mod vault_file;
mod webview;

use tauri::Manager;

use crate::state::AppState;

/// `generate_handler!` over the command list.
macro_rules! handlers {
    ($($module:ident :: $name:ident),* $(,)?) => {
        tauri::generate_handler![$($module::$name),*]
    };
}

/// Builds and runs the desktop app until its window closes.
pub fn run() {
    webview::prepare_environment();
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
        .invoke_handler(memory::trimmed(timings::timed(with_commands!(handlers))))
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

    /// Every command of the list is granted, and nothing else: in particular no dialog
    /// permission, since report dialogs are opened from Rust.
    #[test]
    fn capabilities_grant_exactly_the_listed_commands_and_no_dialog() {
        macro_rules! names {
            ($($module:ident :: $name:ident),* $(,)?) => {
                [$(stringify!($name)),*]
            };
        }
        let capability = json("capabilities/main-window.json");
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .expect("permissions list")
            .iter()
            .map(|p| p.as_str().expect("name").to_owned())
            .collect();
        assert!(granted.iter().all(|p| !p.contains("dialog")));
        let mut listed: Vec<String> = with_commands!(names)
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        granted.sort();
        listed.sort();
        assert_eq!(granted, listed);
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
