//! DPO Desk core: every rule of the product lives here — the encrypted vault, the law register,
//! templates, pure scoring, reports and the demo. No GUI, no Tauri, no network: the CLI and
//! the desktop shell are thin doors that call into this crate and never hold rules of their own.

pub mod api;
pub mod assessment;
pub mod bundle;
pub mod cnil;
pub mod demo;
pub mod error;
pub mod export;
pub mod files;
pub mod i18n;
pub mod id;
pub mod kind;
pub mod law;
pub mod prefs;
pub mod report;
pub mod template;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod time;
pub mod transfer;
pub mod vault;

pub use error::{Error, Result};
pub use i18n::Lang;
pub use vault::{Passphrase, Vault};

/// The application identifier, shared by the CLI and the desktop app so both find the same default
/// vault (the Tauri bundle identifier in `src-tauri/tauri.conf.json` must match; a test checks it).
pub const APP_IDENTIFIER: &str = "org.dpodesk.desktop";
