//! Wire types: the only types that cross IPC to the UI. Domain types stay free of IPC concerns; the
//! doors convert with the `From` impls here. TypeScript declarations are generated from these types
//! (ts-rs) into `ui/src/ipc/bindings.ts`; a test fails when the committed file drifts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, ErrorKind};
use crate::i18n::Lang;
use crate::vault::{VaultCheck, WeakReason};

/// An error as the UI sees it: a tag to switch on and a message already in the user's language.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
}

impl ApiError {
    pub fn new(error: &Error, lang: Lang) -> ApiError {
        ApiError {
            kind: error.kind(),
            message: error.message(lang),
        }
    }
}

/// What the unlock screen needs before any vault is open.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Startup {
    /// The UI language: the user's last choice, else the system locale's.
    pub lang: Lang,
    /// The vault the app will open (the last one used, else the default location).
    pub vault_path: String,
    /// Whether a file exists there: the screen offers "unlock" if so, "create" if not.
    pub vault_exists: bool,
}

/// The strength verdict on a passphrase being typed for a new vault.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PassphraseVerdict {
    pub acceptable: bool,
    pub weakness: Option<WeakReason>,
    /// The weakness in the requested language, empty when acceptable.
    pub message: String,
}

impl PassphraseVerdict {
    pub fn new(result: Result<(), WeakReason>, lang: Lang) -> PassphraseVerdict {
        match result {
            Ok(()) => PassphraseVerdict {
                acceptable: true,
                weakness: None,
                message: String::new(),
            },
            Err(reason) => PassphraseVerdict {
                acceptable: false,
                weakness: Some(reason),
                message: reason.message(lang),
            },
        }
    }
}

/// An unlocked vault, as the home screen shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VaultInfo {
    pub path: String,
    pub schema_version: u32,
    #[ts(type = "number")]
    pub audit_entries: u64,
}

impl From<VaultCheck> for VaultInfo {
    fn from(check: VaultCheck) -> VaultInfo {
        VaultInfo {
            path: check.path.display().to_string(),
            schema_version: check.schema_version,
            audit_entries: check.audit_entries,
        }
    }
}

/// A request to create or unlock a vault. The passphrase is moved into a zeroizing
/// [`crate::Passphrase`] as soon as the door receives it.
#[derive(Deserialize, TS)]
pub struct UnlockRequest {
    pub passphrase: String,
    pub lang: Lang,
}

impl std::fmt::Debug for UnlockRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnlockRequest")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

/// The TypeScript declarations of every wire type, in one file's text.
pub fn typescript_bindings() -> String {
    let cfg = ts_rs::Config::default();
    let mut out = String::from(
        "// Generated from crates/core/src/api.rs by `cargo xtask bindings`; do not edit.\n\n",
    );
    for decl in [
        ErrorKind::decl(&cfg),
        ApiError::decl(&cfg),
        Lang::decl(&cfg),
        WeakReason::decl(&cfg),
        Startup::decl(&cfg),
        PassphraseVerdict::decl(&cfg),
        VaultInfo::decl(&cfg),
        UnlockRequest::decl(&cfg),
    ] {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::typescript_bindings;

    /// The committed `ui/src/ipc/bindings.ts` must match the Rust wire types.
    /// `cargo xtask bindings` (UPDATE_BINDINGS=1) rewrites it.
    #[test]
    fn typescript_bindings_are_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/bindings.ts");
        let expected = typescript_bindings();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).expect("write bindings.ts");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "ui/src/ipc/bindings.ts is out of date with crates/core/src/api.rs: run `cargo xtask bindings`"
        );
    }
}
