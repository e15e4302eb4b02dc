//! The crate's one error type. A variant exists only where a caller acts on it differently (the
//! CLI's exit code, the app's screen); each message tells the user what to do next. `kind()` is the
//! stable tag that crosses IPC; `message(lang)` is the wording in the user's language.

use std::path::PathBuf;

use serde::Serialize;

use crate::i18n::Lang;
use crate::vault::WeakReason;

/// Result with the core [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in core, worded for the person at the keyboard.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("wrong passphrase, or not a DPO Desk vault")]
    WrongPassphrase,

    #[error("the passphrase is too weak: {}", .0.message(Lang::En))]
    WeakPassphrase(WeakReason),

    #[error("no vault at {}: check the path, or create one with `dpodesk vault init`", .0.display())]
    VaultNotFound(PathBuf),

    #[error("a file already exists at {}: choose another path, or open it instead", .0.display())]
    VaultExists(PathBuf),

    #[error("{} is empty, not a DPO Desk vault: restore it from a backup", .0.display())]
    EmptyFile(PathBuf),

    #[error(
        "{} is truncated ({size} bytes is not a whole number of 4096-byte pages): restore it from a backup",
        .path.display()
    )]
    Truncated { path: PathBuf, size: u64 },

    #[error("{} is a plain, unencrypted SQLite database, not a DPO Desk vault", .0.display())]
    NotEncrypted(PathBuf),

    #[error("{} is an encrypted database but not a DPO Desk vault", .0.display())]
    NotAVault(PathBuf),

    #[error("the vault is damaged ({detail}): restore it from a backup")]
    Corrupted { detail: String },

    #[error(
        "this vault was written by a newer DPO Desk (schema {found}, this version knows up to {known}): update DPO Desk to open it"
    )]
    SchemaTooNew { found: u32, known: u32 },

    #[error("the vault is locked: unlock it first")]
    VaultLocked,

    #[error("cannot access {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("vault storage error: {0}")]
    Database(#[from] rusqlite::Error),
}

/// The stable tag of an [`Error`], for doors that switch on it (exit codes, IPC, UI wording).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    WrongPassphrase,
    WeakPassphrase,
    VaultNotFound,
    VaultExists,
    EmptyFile,
    Truncated,
    NotEncrypted,
    NotAVault,
    Corrupted,
    SchemaTooNew,
    VaultLocked,
    Io,
    Database,
}

impl Error {
    /// The stable tag of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::WrongPassphrase => ErrorKind::WrongPassphrase,
            Error::WeakPassphrase(_) => ErrorKind::WeakPassphrase,
            Error::VaultNotFound(_) => ErrorKind::VaultNotFound,
            Error::VaultExists(_) => ErrorKind::VaultExists,
            Error::EmptyFile(_) => ErrorKind::EmptyFile,
            Error::Truncated { .. } => ErrorKind::Truncated,
            Error::NotEncrypted(_) => ErrorKind::NotEncrypted,
            Error::NotAVault(_) => ErrorKind::NotAVault,
            Error::Corrupted { .. } => ErrorKind::Corrupted,
            Error::SchemaTooNew { .. } => ErrorKind::SchemaTooNew,
            Error::VaultLocked => ErrorKind::VaultLocked,
            Error::Io { .. } => ErrorKind::Io,
            Error::Database(_) => ErrorKind::Database,
        }
    }

    /// The message in the reader's language. English is the `Display` text; Chinese is written
    /// here, next to it, so the two never drift apart.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Error::WrongPassphrase => "密码错误，或该文件不是 DPO Desk 保险库".to_owned(),
            Error::WeakPassphrase(reason) => format!("密码强度不足：{}", reason.message(Lang::Zh)),
            Error::VaultNotFound(path) => format!(
                "{} 处没有保险库：请检查路径，或用 `dpodesk vault init` 新建",
                path.display()
            ),
            Error::VaultExists(path) => {
                format!("{} 处已有文件：请换一个路径，或直接打开它", path.display())
            }
            Error::EmptyFile(path) => {
                format!(
                    "{} 是空文件，不是 DPO Desk 保险库：请从备份恢复",
                    path.display()
                )
            }
            Error::Truncated { path, size } => format!(
                "{} 已被截断（{size} 字节不是 4096 字节页的整数倍）：请从备份恢复",
                path.display()
            ),
            Error::NotEncrypted(path) => format!(
                "{} 是未加密的普通 SQLite 数据库，不是 DPO Desk 保险库",
                path.display()
            ),
            Error::NotAVault(path) => {
                format!("{} 是加密数据库，但不是 DPO Desk 保险库", path.display())
            }
            Error::Corrupted { detail } => format!("保险库已损坏（{detail}）：请从备份恢复"),
            Error::SchemaTooNew { found, known } => format!(
                "该保险库由更新版本的 DPO Desk 写入（结构版本 {found}，本版本最高支持 {known}）：请升级 DPO Desk 后再打开"
            ),
            Error::VaultLocked => "保险库已锁定：请先解锁".to_owned(),
            Error::Io { path, source } => format!("无法访问 {}：{source}", path.display()),
            Error::Database(source) => format!("保险库存储错误：{source}"),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
