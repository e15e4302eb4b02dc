//! Declares the app's own commands to Tauri, so capabilities can grant exactly these and nothing
//! else (least privilege: no core plugin permissions are granted to the webview). The names come
//! from the one command list, src/command_list.rs.

include!("src/command_list.rs");

/// The command names of the list, as tauri-build wants them.
macro_rules! names {
    ($($module:ident :: $name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

fn main() {
    // tauri-build narrows what reruns this script; the list must be among it.
    println!("cargo:rerun-if-changed=src/command_list.rs");
    let manifest = tauri_build::AppManifest::new().commands(with_commands!(names));
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
