//! Where the vault lives by default: the platform data directory for the app identifier, the same
//! for the CLI and the desktop app (Tauri's `app_data_dir` resolves to the same folder).

use std::path::PathBuf;

use crate::APP_IDENTIFIER;

/// The default vault file name.
pub const VAULT_FILE_NAME: &str = "vault.dpvault";

/// The default vault path, or `None` on a system without a home directory.
pub fn default_vault_path() -> Option<PathBuf> {
    directories::BaseDirs::new()
        .map(|dirs| dirs.data_dir().join(APP_IDENTIFIER).join(VAULT_FILE_NAME))
}
