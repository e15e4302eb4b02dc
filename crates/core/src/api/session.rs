//! Wire types of the session: errors, start-up, passphrase verdicts, unlocking.

use super::*;

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
    /// The team database connected to last (never its password), to offer it again.
    pub last_team: Option<LastTeam>,
}

/// Whether the vault is open, and why it was closed when the app closed it on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct SessionStatus {
    pub unlocked: bool,
    /// The vault was locked after the idle time set in the settings.
    pub locked_for_idle: bool,
    pub auto_lock_minutes: u32,
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
    /// The vault cannot be written where it lies: it was opened read-only, and every change
    /// will be refused.
    pub read_only: bool,
}

impl From<VaultCheck> for VaultInfo {
    fn from(check: VaultCheck) -> VaultInfo {
        VaultInfo {
            path: check.path.display().to_string(),
            schema_version: check.schema_version,
            audit_entries: check.audit_entries,
            read_only: check.read_only,
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
