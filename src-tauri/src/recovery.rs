//! The recovery copy: a backup of the open vault encrypted under a separate recovery passphrase
//! (the app's `dpodesk vault backup --recovery`), the one remedy for a lost passphrase. The
//! passphrase is moved into a zeroizing secret at once and never logged; core refuses a weak one.

use dpodesk_core::Passphrase;
use dpodesk_core::api::{self, ApiError, BackupView};
use tauri::{AppHandle, Manager};

use crate::commands::with_vault_as;
use crate::dialogs::{self, DialogSpec, file_name, off_the_main_thread};
use crate::error::CommandResult;
use crate::state::AppState;
use dpodesk_core::api::team::Unsupported;

const RECOVERY_FILE: DialogSpec = DialogSpec {
    title_zh: "保存恢复副本",
    title_en: "Save recovery copy",
    filter_name: "DPO Desk vault",
    extensions: &["dpvault"],
};

/// Writes a recovery copy where the user chooses; `None` when the dialog is cancelled. A weak
/// recovery passphrase is refused before the dialog opens.
#[tauri::command]
pub async fn backup_recovery(
    app: AppHandle,
    recovery: String,
) -> CommandResult<Option<BackupView>> {
    let recovery = Passphrase::new(recovery);
    off_the_main_thread(&app.clone(), move || {
        let state = app.state::<AppState>();
        let lang = state.session().lang;
        recovery
            .strength()
            .map_err(|reason| ApiError::new(&dpodesk_core::Error::WeakPassphrase(reason), lang))?;
        let suggested = format!("dpodesk-recovery-{}.dpvault", dpodesk_core::time::today());
        let Some(path) = dialogs::ask_save_path(&app, RECOVERY_FILE, &suggested, lang) else {
            return Ok(None);
        };
        let info = with_vault_as(&state, Unsupported::VaultFile, |v, actor| {
            api::backup(v, actor, &path, Some(&recovery))
        })?;
        Ok(Some(BackupView {
            file_name: file_name(&info.path),
            size: info.size,
            audit_entries: info.audit_entries,
        }))
    })
    .await
}
