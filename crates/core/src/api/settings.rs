//! Wire types of the settings screen: the profile (who signs and writes), auto-lock, the vault's
//! size, the passphrase change and the audit check.

use super::*;

/// Who the user is in this vault: the actor of the audit log, the author of reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfileView {
    pub name: String,
    pub role: String,
    pub firm: String,
}

impl ProfileView {
    /// The actor this profile names: its name, or `fallback` when none is set.
    pub fn actor_or(&self, fallback: &str) -> String {
        if self.name.trim().is_empty() {
            fallback.to_owned()
        } else {
            self.name.clone()
        }
    }
}

impl From<vault::Profile> for ProfileView {
    fn from(p: vault::Profile) -> ProfileView {
        ProfileView {
            name: p.name,
            role: p.role,
            firm: p.firm,
        }
    }
}

/// What the vault holds on disk, so growth is visible.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StorageView {
    #[ts(type = "number")]
    pub file_bytes: u64,
    #[ts(type = "number")]
    pub wal_bytes: u64,
    #[ts(type = "number")]
    pub evidence_count: u64,
    #[ts(type = "number")]
    pub evidence_bytes: u64,
    #[ts(type = "number")]
    pub report_count: u64,
    #[ts(type = "number")]
    pub report_bytes: u64,
    /// The largest attachment the vault takes.
    #[ts(type = "number")]
    pub max_evidence_bytes: u64,
}

impl From<vault::VaultStorage> for StorageView {
    fn from(s: vault::VaultStorage) -> StorageView {
        StorageView {
            file_bytes: s.file_bytes,
            wal_bytes: s.wal_bytes,
            evidence_count: s.evidence_count,
            evidence_bytes: s.evidence_bytes,
            report_count: s.report_count,
            report_bytes: s.report_bytes,
            max_evidence_bytes: vault::MAX_EVIDENCE_BYTES as u64,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SettingsView {
    pub profile: ProfileView,
    pub auto_lock_minutes: u32,
    pub auto_lock_max_minutes: u32,
    pub vault_path: String,
    pub storage: StorageView,
}

impl SettingsView {
    /// The settings screen of any store: on a team database, `vault_path` names the database
    /// and `storage` what the member's clients hold there.
    pub fn build<R: Read>(store: &R) -> crate::Result<SettingsView> {
        Ok(SettingsView {
            profile: vault::profile(store)?.into(),
            auto_lock_minutes: vault::auto_lock_minutes(store)?,
            auto_lock_max_minutes: vault::AUTO_LOCK_MAX_MINUTES,
            vault_path: store.location()?,
            storage: store.storage()?.into(),
        })
    }
}

/// A passphrase change: the current one proves the user, the new one must pass the strength rule.
/// Both move into zeroizing [`crate::Passphrase`]s as soon as the door receives them.
#[derive(Deserialize, TS)]
pub struct ChangePassphraseRequest {
    pub current: String,
    pub new: String,
}

impl std::fmt::Debug for ChangePassphraseRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChangePassphraseRequest")
            .finish_non_exhaustive()
    }
}

/// The audit chain as verified: intact, with its head to note down. On a team database, the
/// chains the member may check (`api::check_audit`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditCheckView {
    /// Entries over every chain checked.
    #[ts(type = "number")]
    pub entries: u64,
    /// The vault's chain head; "" on a team database (each chain has its own, in `chains`).
    pub head_hash: String,
    /// Each chain checked, all intact.
    pub chains: Vec<AuditChainView>,
    /// `false` for a team member who is not an admin: the chains of clients not granted to him
    /// were not checked.
    pub all_chains: bool,
}

/// Where a backup was written.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupView {
    pub file_name: String,
    #[ts(type = "number")]
    pub size: u64,
    #[ts(type = "number")]
    pub audit_entries: u64,
}

/// What a restore did: the vault now open, and where the vault it replaced was kept.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoreView {
    pub vault: VaultInfo,
    /// The file name the replaced vault was moved to (kept, never deleted), if there was one.
    pub previous_file: Option<String>,
    #[ts(type = "number")]
    pub audit_entries: u64,
}

/// Which register an entry to archive belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RegisterKind {
    Client,
    DataSource,
    Vendor,
}

/// Archives (or brings back) a register entry, with its audit entry in one unit of work.
/// Nothing is deleted; the flag it already has writes nothing.
pub fn set_archived<S: Store>(
    store: &mut S,
    actor: &str,
    kind: RegisterKind,
    id: &str,
    archived: bool,
) -> crate::Result<()> {
    use crate::vault::register::archive;
    match kind {
        RegisterKind::Client => archive::<vault::Client, _>(store, actor, id, archived),
        RegisterKind::DataSource => archive::<vault::DataSource, _>(store, actor, id, archived),
        RegisterKind::Vendor => archive::<vault::Vendor, _>(store, actor, id, archived),
    }
}
