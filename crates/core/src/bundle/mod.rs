//! Matter bundles: one client's matter — its registers, assessments (with their template
//! snapshots, answers, links and sign-offs), evidence files, actions, reports and audit entries —
//! as one encrypted `.dpodesk` file under its own passphrase, to import into another vault.
//!
//! - `format`: the plaintext header (magic, version, key-derivation parameters) and the frames
//!   of the decrypted stream.
//! - `crypto`: Argon2id and ChaCha20-Poly1305 in 64 KiB STREAM segments, the header as
//!   associated data; memory stays at one segment, whatever the evidence weighs.
//! - the store's half — which tables and rows make up a matter, reading them out of a vault,
//!   writing an import's rows and provenance: every SQL statement — is `vault::bundle_store`.
//! - `contents`: the manifest, and every check it must pass before a vault is touched — rows that
//!   refer only to the matter, and the matter's audit entries re-chained from the genesis hash so
//!   the sequence verifies alone and ends in the head the manifest names.
//! - `export` / `import`: `export` (any store that can hand out a matter) and `import_bundle`. An import reads
//!   the bundle twice: first to authenticate and check all of it, then to apply it in one
//!   transaction with one audit entry naming the bundle's chain head. It never half-imports.
//!
//! - `vault_move`: every client's matter of a vault into another store (the team database) in
//!   one unit of work, each the way a bundle would go, without the file.
//!
//! Passphrases stay in `Passphrase`; the derived key and every plaintext buffer are wiped when
//! dropped; nothing is written outside the vault but the encrypted bundle itself.

mod contents;
mod crypto;
mod export;
mod format;
mod import;
mod vault_move;

use std::path::PathBuf;

use crate::vault::AuditHead;

pub use crate::error::{Damage, Newer, table_name};

pub use export::export;
pub use format::{FORMAT_VERSION, Header, KdfParams, MAGIC};
pub use import::{FUZZ_PASSPHRASE, fuzz_check, fuzz_plaintext, fuzz_seal, import_bundle, inspect};
pub use vault_move::{VaultMoved, move_vault};

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportInfo {
    pub path: PathBuf,
    pub size: u64,
    pub bundle_id: String,
    pub client_id: String,
    /// Rows of every table, evidence files and reports included.
    pub rows: u64,
    pub evidence: u64,
    pub reports: u64,
    /// The bundle's chain over the matter's audit entries.
    pub chain: AuditHead,
    /// The exporting vault's own chain, after the entry that records this export.
    pub vault_head: AuditHead,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportInfo {
    pub bundle_id: String,
    pub client_id: String,
    pub client_name: String,
    pub exported_by: String,
    pub exported_at: String,
    /// The bundle's chain over the matter's audit entries (verified).
    pub chain: AuditHead,
    /// Rows inserted, and rows that were already there with the same content.
    pub added: u64,
    pub unchanged: u64,
    /// True when this very bundle had been imported before and nothing was new: the vault was
    /// not written to.
    pub already_imported: bool,
    /// This vault's own chain after the import (its last entry records the bundle's head).
    pub vault_head: AuditHead,
}
