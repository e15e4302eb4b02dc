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
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
