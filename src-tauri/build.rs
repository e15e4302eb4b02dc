//! Declares the app's own commands to Tauri, so capabilities can grant exactly these and nothing
//! else (least privilege: no core plugin permissions are granted to the webview).

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "startup",
        "set_language",
        "check_passphrase",
        "create_vault",
        "unlock_vault",
        "lock_vault",
        "list_clients",
        "add_client",
        "list_data_sources",
        "add_data_source",
        "list_vendors",
        "add_vendor",
        "list_templates",
        "list_assessments",
        "create_assessment",
        "get_assessment",
        "save_answer",
        "get_provision",
        "submit_assessment",
        "sign_off",
        "reopen_assessment",
        "list_actions",
        "action_statuses",
        "add_action",
        "update_action",
        "list_reports",
        "generate_report",
        "save_report_copy",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
