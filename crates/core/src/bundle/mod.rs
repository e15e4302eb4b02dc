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
//! - `export` / `import`: `Vault::export_bundle` and `Vault::import_bundle`. An import reads
//!   the bundle twice: first to authenticate and check all of it, then to apply it in one
//!   transaction with one audit entry naming the bundle's chain head. It never half-imports.
//!
//! Passphrases stay in `Passphrase`; the derived key and every plaintext buffer are wiped when
//! dropped; nothing is written outside the vault but the encrypted bundle itself.

mod contents;
mod crypto;
mod export;
mod format;
mod import;

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::vault::AuditHead;

pub use format::{FORMAT_VERSION, Header, KdfParams, MAGIC};
pub use import::{FUZZ_PASSPHRASE, fuzz_check, fuzz_plaintext, inspect};

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

/// How a bundle is damaged ([`crate::Error::BundleDamaged`]), worded in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// The file does not start with the bundle magic.
    NotABundle,
    /// The file ends inside its header.
    HeaderCut,
    /// An unknown key derivation, or costs outside what an import accepts.
    BadHeader,
    /// An encrypted segment fails its check: altered, reordered, or the file was cut short.
    Segment { index: u64 },
    /// The decrypted stream is not laid out as a bundle is (frames missing, extra or too long).
    Layout,
    /// The manifest is not a bundle manifest, or its rows contradict each other.
    Inconsistent(String),
    /// An audit entry no longer matches its own hash.
    AuditEntry { position: u64 },
    /// The audit entries do not chain to the head the bundle names.
    AuditHead,
    /// An evidence file's or report's bytes do not match their recorded SHA-256 or size.
    Blob { id: String },
}

impl Damage {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Damage::NotABundle, Lang::En) => {
                "it is not a DPO Desk bundle: choose the .dpodesk file that was exported".to_owned()
            }
            (Damage::NotABundle, Lang::Zh) => {
                "该文件不是 DPO Desk 事项包：请选择导出的 .dpodesk 文件".to_owned()
            }
            (Damage::HeaderCut, Lang::En) => "the file ends inside its header".to_owned(),
            (Damage::HeaderCut, Lang::Zh) => "文件在文件头处就已结束".to_owned(),
            (Damage::BadHeader, Lang::En) => {
                "its header names an unknown or out-of-range key derivation".to_owned()
            }
            (Damage::BadHeader, Lang::Zh) => "文件头中的密钥派生方式未知或参数超出范围".to_owned(),
            (Damage::Segment { index }, Lang::En) => format!(
                "encrypted segment {} fails its check: the file was altered or cut short",
                index + 1
            ),
            (Damage::Segment { index }, Lang::Zh) => {
                format!("第 {} 个加密分段校验失败：文件被改动过或不完整", index + 1)
            }
            (Damage::Layout, Lang::En) => {
                "its decrypted contents are not laid out as a bundle".to_owned()
            }
            (Damage::Layout, Lang::Zh) => "解密后的内容不符合事项包的结构".to_owned(),
            (Damage::Inconsistent(what), Lang::En) => {
                format!("its contents contradict each other: {what}")
            }
            (Damage::Inconsistent(what), Lang::Zh) => format!("其内容前后矛盾：{what}"),
            (Damage::AuditEntry { position }, Lang::En) => {
                format!("audit entry {position} no longer matches its hash")
            }
            (Damage::AuditEntry { position }, Lang::Zh) => {
                format!("第 {position} 条审计记录与其哈希不符")
            }
            (Damage::AuditHead, Lang::En) => {
                "its audit entries do not chain to the head it names".to_owned()
            }
            (Damage::AuditHead, Lang::Zh) => "其审计记录无法衔接到所记载的链头".to_owned(),
            (Damage::Blob { id }, Lang::En) => {
                format!("the bytes of file {id} do not match their SHA-256")
            }
            (Damage::Blob { id }, Lang::Zh) => format!("文件 {id} 的内容与其 SHA-256 不符"),
        }
    }
}

/// Why a bundle is too new for this build ([`crate::Error::BundleTooNew`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Newer {
    /// A newer bundle format.
    Format { found: u16, known: u16 },
    /// A vault schema with a column this build does not have.
    Schema {
        found: u32,
        known: u32,
        table: String,
        column: String,
    },
}

impl Newer {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Newer::Format { found, known }, Lang::En) => {
                format!("bundle format {found}; this version reads up to {known}")
            }
            (Newer::Format { found, known }, Lang::Zh) => {
                format!("事项包格式 {found}；本版本最高支持 {known}")
            }
            (
                Newer::Schema {
                    found,
                    known,
                    table,
                    column,
                },
                Lang::En,
            ) => format!(
                "vault schema {found} with {table}.{column}; this version knows schema {known}"
            ),
            (
                Newer::Schema {
                    found,
                    known,
                    table,
                    column,
                },
                Lang::Zh,
            ) => format!("保险库结构版本 {found}，含 {table}.{column}；本版本支持结构版本 {known}"),
        }
    }
}

/// A matter table's name in the reader's language (for [`crate::Error::BundleConflict`]).
pub fn table_name(table: &str, lang: Lang) -> &str {
    let (zh, en) = match table {
        "clients" => ("客户", "client"),
        "data_sources" => ("数据来源", "data source"),
        "vendors" => ("供应商", "vendor"),
        "assessments" => ("评估", "assessment"),
        "assessment_links" => ("评估关联", "assessment link"),
        "answers" => ("答案", "answer"),
        "signoffs" => ("签署记录", "sign-off"),
        "actions" => ("整改措施", "action"),
        "evidence" => ("证据文件", "evidence file"),
        "reports" => ("报告", "report"),
        other => (other, other),
    };
    lang.pick(zh, en)
}
