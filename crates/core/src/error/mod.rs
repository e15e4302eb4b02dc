//! The crate's one error type. A variant exists only where a caller acts on it differently (the
//! CLI's exit code, the app's screen); each message tells the user what to do next. `kind()` is the
//! stable tag that crosses IPC; `message(lang)` is the wording in the user's language.

mod answer_problem;
mod cnil_problem;
mod crash;
mod entity;
mod fault;
mod invalid;
mod reasons;
mod stale;
mod team;
mod team_only;
mod template_problem;

use std::path::PathBuf;

use serde::Serialize;

pub use answer_problem::{AnswerIssue, AnswerProblem, Expected};
pub use cnil_problem::CnilProblem;
pub use crash::Crash;
pub use entity::Entity;
pub use fault::{BUSY_WAIT_SECONDS, Fault, Target};
pub use invalid::Invalid;
pub use reasons::{AuditBreak, Damage, Guessable, Newer, Refusal, WeakReason, table_name};
pub use stale::Stale;
pub use team_only::TeamOnly;
pub(crate) use template_problem::toml_error;
pub use template_problem::{RoleUser, TemplateProblem};

use crate::i18n::Lang;

/// Result with the core [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in core, worded for the person at the keyboard.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("wrong passphrase, or not a DPO Desk vault")]
    WrongPassphrase,

    #[error("the passphrase is too weak: {}", .0.message(Lang::En))]
    WeakPassphrase(WeakReason),

    #[error("no vault at {}: check the path, or create a vault there", .0.display())]
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

    /// An integrity check failed. The only error that says "damaged, restore from a backup":
    /// an I/O fault alone never becomes this (see [`Fault`]).
    #[error("the vault is damaged ({detail}): restore it from a backup")]
    Corrupted { detail: String },

    /// A storage fault (disk full, read-only, busy, …), told as what it is.
    #[error("{}", .fault.message(.target, Lang::En))]
    Fault { fault: Fault, target: Target },

    /// A report or export could not be drawn; the vault itself is fine.
    #[error(
        "the {what} could not be produced ({detail}); nothing was saved: try again, and report it if it happens again"
    )]
    OutputFailed { what: &'static str, detail: String },

    /// Something of DPO Desk's own stopped on an internal error (kind `output_failed`).
    #[error("{}", .0.message(Lang::En))]
    Crashed(Crash),

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

    #[error(
        "the vault could not be read or written ({0}): nothing was saved; check that its drive is connected, then try again (and check the vault if it happens again)"
    )]
    Database(rusqlite::Error),

    #[error("the audit log is broken at entry {position}{}: {}", id_suffix(.id), audit_break_en(*.reason))]
    AuditBroken {
        position: u64,
        id: String,
        reason: AuditBreak,
    },

    #[error("{file}: {}{}", .problems.first().map_or_else(|| "invalid".to_owned(), ToString::to_string), more(.problems.len()))]
    InvalidTemplate {
        file: String,
        problems: Vec<TemplateProblem>,
    },

    #[error("{file}: {}; nothing was imported", .refusal.message(Lang::En))]
    TemplateRefused { file: String, refusal: Refusal },

    /// Answers refused, each problem placed (line, question) and typed; `file` is the answers
    /// file when there is one (an answer from the app has none).
    #[error("{}{}{}; nothing was saved", answers_from(.file.as_deref()), .problems.first().map_or_else(|| "invalid".to_owned(), ToString::to_string), more(.problems.len()))]
    Answers {
        file: Option<String>,
        problems: Vec<AnswerIssue>,
    },

    // TODO(issue 15): only the CNIL importer (cnil/import.rs) still builds this untyped form;
    // it moves to `Answers` with the CNIL work of this session.
    #[error("{file}: {}{}; nothing was saved", .problems.first().map_or("invalid", String::as_str), more(.problems.len()))]
    InvalidAnswers { file: String, problems: Vec<String> },

    #[error("no {} matches \"{id}\": check the id or name, or list them to find it", .entity.name(Lang::En))]
    NotFound { entity: Entity, id: String },

    #[error(
        "more than one {} is named \"{name}\" (ids: {}): give the id instead",
        .entity.name(Lang::En),
        .candidates.join(", ")
    )]
    Ambiguous {
        entity: Entity,
        name: String,
        candidates: Vec<String>,
    },

    #[error("{}", .reason.message(.field, Lang::En))]
    InvalidInput {
        /// The input that was refused, as the API names it (`name`, `due_date`, `status`, …), so a
        /// form can point at it.
        field: &'static str,
        reason: Invalid,
    },

    #[error(
        "wrong passphrase for this bundle: use the passphrase it was exported with (or its header is damaged); nothing was imported"
    )]
    BundleWrongPassphrase,

    #[error(
        "the bundle is damaged ({}): ask for a fresh export; nothing was imported",
        .0.message(Lang::En)
    )]
    BundleDamaged(Damage),

    #[error(
        "this bundle was made by a newer DPO Desk ({}): update DPO Desk to import it; nothing was imported",
        .0.message(Lang::En)
    )]
    BundleTooNew(Newer),

    #[error(
        "the {} {id} already exists here (in this vault or team database) with different content: the matter changed on one side since it was shared; nothing was imported (compare the two, or import into another vault)",
        table_name(.table, Lang::En)
    )]
    BundleConflict { table: String, id: String },

    #[error("the CNIL PIA file is not valid at {field}: {}; nothing was imported", .problem.message(Lang::En))]
    InvalidCnil {
        /// The JSON path of the refused field, e.g. `answers[3].data.gauge` (`$` for the file).
        field: String,
        problem: CnilProblem,
    },

    /// Another connection (a second window, a `dpodesk` command) is reading the vault, so an
    /// erasure could not wipe the file: refused before anything was erased.
    #[error(
        "another window or program is reading this vault, so the erasure could not wipe the file: nothing was erased; close every other DPO Desk window and running dpodesk command, then erase again"
    )]
    ErasureHeldOpen,

    /// The erasure's rows are gone, but another connection's read kept the file from being
    /// wiped; the next open of the vault finishes the wipe.
    #[error(
        "the matter was erased and can no longer be read through DPO Desk, but another window or program was reading this vault, so its old content could not yet be wiped from the file: close every other DPO Desk window and running dpodesk command, then lock this vault and open it again; the wipe finishes on opening"
    )]
    ErasureWipePending,

    /// A colleague's change landed after the row was read (on either store): nothing was
    /// overwritten; the door offers to reload.
    #[error("{}", .0.message(Lang::En))]
    Stale(Stale),

    /// The team database refused the work or could not be reached: a stale save (naming who
    /// changed what), an approver's own work, a member's role or grants, a lost connection.
    #[error("{}", .0.message(dpodesk_team::Lang::En))]
    Team(dpodesk_team::Error),

    /// What only a team database offers, asked of a vault.
    #[error("{}", .0.message(Lang::En))]
    TeamOnly(TeamOnly),
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
    DiskFull,
    ReadOnly,
    PermissionDenied,
    VaultBusy,
    VaultVanished,
    IsAFolder,
    WalUnwritable,
    OutputFailed,
    SchemaTooNew,
    VaultLocked,
    Io,
    Database,
    InvalidTemplate,
    TemplateRefused,
    AuditBroken,
    InvalidAnswers,
    NotFound,
    Ambiguous,
    InvalidInput,
    BundleWrongPassphrase,
    BundleDamaged,
    BundleTooNew,
    BundleConflict,
    InvalidCnil,
    ErasureHeldOpen,
    ErasureWipePending,
    /// Team mode: someone else's change landed first; reload and redo.
    Stale,
    /// Team mode: an approver may not sign off an assessment he edited.
    OwnWork,
    /// Team mode: the member's role or grants do not allow it.
    NotPermitted,
    /// Team mode: any other refusal or failure of the team database.
    TeamDatabase,
    /// Team mode: an operation the team database does not offer yet.
    NotInTeamMode,
    /// What only team mode offers (a member's display name), asked of a vault.
    TeamOnly,
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
            Error::Fault { fault, .. } => match fault {
                Fault::DiskFull => ErrorKind::DiskFull,
                Fault::ReadOnly => ErrorKind::ReadOnly,
                Fault::PermissionDenied => ErrorKind::PermissionDenied,
                Fault::Busy => ErrorKind::VaultBusy,
                Fault::Vanished => ErrorKind::VaultVanished,
                Fault::IsAFolder => ErrorKind::IsAFolder,
                Fault::WalUnwritable => ErrorKind::WalUnwritable,
            },
            Error::OutputFailed { .. } | Error::Crashed(_) => ErrorKind::OutputFailed,
            Error::SchemaTooNew { .. } => ErrorKind::SchemaTooNew,
            Error::VaultLocked => ErrorKind::VaultLocked,
            Error::Io { .. } => ErrorKind::Io,
            Error::Database(_) => ErrorKind::Database,
            Error::InvalidTemplate { .. } => ErrorKind::InvalidTemplate,
            Error::TemplateRefused { .. } => ErrorKind::TemplateRefused,
            Error::AuditBroken { .. } => ErrorKind::AuditBroken,
            Error::Answers { .. } | Error::InvalidAnswers { .. } => ErrorKind::InvalidAnswers,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Ambiguous { .. } => ErrorKind::Ambiguous,
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::BundleWrongPassphrase => ErrorKind::BundleWrongPassphrase,
            Error::BundleDamaged(_) => ErrorKind::BundleDamaged,
            Error::BundleTooNew(_) => ErrorKind::BundleTooNew,
            Error::BundleConflict { .. } => ErrorKind::BundleConflict,
            Error::InvalidCnil { .. } => ErrorKind::InvalidCnil,
            Error::ErasureHeldOpen => ErrorKind::ErasureHeldOpen,
            Error::ErasureWipePending => ErrorKind::ErasureWipePending,
            Error::Stale(_) => ErrorKind::Stale,
            Error::Team(error) => team::kind(error),
            Error::TeamOnly(_) => ErrorKind::TeamOnly,
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
                "{} 处没有保险库：请检查路径，或在该处新建保险库",
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
            Error::Fault { fault, target } => fault.message(target, Lang::Zh),
            Error::OutputFailed { what, detail } => format!(
                "无法生成{}（{detail}），未保存任何内容：请重试，如再次出现请报告此问题",
                output_zh(what)
            ),
            Error::Crashed(crash) => crash.message(Lang::Zh),
            Error::TeamOnly(what) => what.message(Lang::Zh),
            Error::SchemaTooNew { found, known } => format!(
                "该保险库由更新版本的 DPO Desk 写入（结构版本 {found}，本版本最高支持 {known}）：请升级 DPO Desk 后再打开"
            ),
            Error::VaultLocked => "保险库已锁定：请先解锁".to_owned(),
            Error::Io { path, source } => format!("无法访问 {}：{source}", path.display()),
            Error::Database(source) => format!(
                "无法读取或写入保险库（{source}）：未保存任何内容；请检查其所在驱动器是否已连接，然后重试（如再次出现，请检查保险库）"
            ),
            Error::Answers { file, problems } => format!(
                "{}{}{}；未保存任何内容",
                match file {
                    Some(file) => format!("答案文件 {file} 无效："),
                    None => "答案无效：".to_owned(),
                },
                problems
                    .first()
                    .map_or_else(String::new, |p| p.message(Lang::Zh)),
                if problems.len() > 1 {
                    format!("（另有 {} 处问题）", problems.len() - 1)
                } else {
                    String::new()
                }
            ),
            Error::InvalidAnswers { file, problems } => format!(
                "答案文件 {file} 无效：{}{}；未保存任何内容",
                problems.first().map_or("", String::as_str),
                if problems.len() > 1 {
                    format!("（另有 {} 处问题）", problems.len() - 1)
                } else {
                    String::new()
                }
            ),
            Error::AuditBroken {
                position,
                id,
                reason,
            } => format!(
                "审计日志在第 {position} 条{}处断裂：{}；请从可信的备份恢复保险库",
                if id.is_empty() {
                    String::new()
                } else {
                    format!("（{id}）")
                },
                match reason {
                    AuditBreak::Altered => "该条记录写入后被修改过",
                    AuditBreak::Unlinked => "它与前一条记录不衔接：有记录被删除、插入或调换了顺序",
                    AuditBreak::TailCut => "此后的记录缺失：日志末尾被截掉",
                    AuditBreak::AnchorMismatch => "链头锚点与日志不一致：锚点被修改过",
                }
            ),
            Error::InvalidTemplate { file, problems } => format!(
                "模板 {file} 无效：{}{}",
                problems
                    .first()
                    .map_or_else(String::new, |p| p.message(Lang::Zh)),
                if problems.len() > 1 {
                    format!("（另有 {} 处问题）", problems.len() - 1)
                } else {
                    String::new()
                }
            ),
            Error::TemplateRefused { file, refusal } => {
                format!("{file}：{}；未导入任何内容", refusal.message(Lang::Zh))
            }
            Error::NotFound { entity, id } => format!(
                "没有与「{id}」匹配的{}：请检查 ID 或名称，或列出全部以查找",
                entity.name(Lang::Zh)
            ),
            Error::Ambiguous {
                entity,
                name,
                candidates,
            } => format!(
                "有多个名为「{name}」的{}（ID：{}）：请改用 ID",
                entity.name(Lang::Zh),
                candidates.join("、")
            ),
            Error::InvalidInput { field, reason } => reason.message(field, Lang::Zh),
            Error::BundleWrongPassphrase => {
                "事项包密码错误：请使用导出时设定的密码（或事项包的文件头已损坏）；未导入任何内容"
                    .to_owned()
            }
            Error::BundleDamaged(damage) => format!(
                "事项包已损坏（{}）：请对方重新导出；未导入任何内容",
                damage.message(Lang::Zh)
            ),
            Error::BundleTooNew(newer) => format!(
                "该事项包由更新版本的 DPO Desk 生成（{}）：请升级 DPO Desk 后再导入；未导入任何内容",
                newer.message(Lang::Zh)
            ),
            Error::BundleConflict { table, id } => format!(
                "此处（本保险库或团队数据库）已有{} {id}，但内容不同：该事项在共享后已在其中一方被修改；未导入任何内容（请比较两边，或导入到另一个保险库）",
                table_name(table, Lang::Zh)
            ),
            Error::InvalidCnil { field, problem } => format!(
                "CNIL PIA 文件在 {field} 处无效：{}；未导入任何内容",
                problem.message(Lang::Zh)
            ),
            Error::ErasureWipePending => "该事项已删除，无法再通过 DPO Desk 读取；但另一个窗口或程序正在读取本保险库，其旧内容尚未能从文件中抹除：请关闭其他所有 DPO Desk 窗口和正在运行的 dpodesk 命令，然后锁定本保险库并重新打开；打开时会完成抹除".to_owned(),
            Error::Stale(stale) => stale.message(Lang::Zh),
            Error::Team(error) => error.message(dpodesk_team::Lang::Zh),
            Error::ErasureHeldOpen => "另一个窗口或程序正在读取本保险库，删除操作无法抹除文件中的内容：未删除任何内容；请关闭其他所有 DPO Desk 窗口和正在运行的 dpodesk 命令，然后重新删除".to_owned(),
        }
    }

    /// An operating-system error on a file the user asked for (a report, export, backup or
    /// template): a disk full, read-only, permission or folder fault is told as such.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        let path = path.into();
        match fault::from_io(&source) {
            Some(fault) => Error::Fault {
                fault,
                target: Target::File(path),
            },
            None => Error::Io { path, source },
        }
    }

    /// An operating-system error on the vault's own file.
    pub(crate) fn vault_io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        let path = path.into();
        match fault::from_io(&source) {
            Some(fault) => Error::fault(fault, Target::Vault(Some(path))),
            None => Error::Io { path, source },
        }
    }

    pub(crate) fn fault(fault: Fault, target: Target) -> Error {
        Error::Fault { fault, target }
    }

    /// The same fault, said of the file the caller was writing rather than of the vault: a backup
    /// that fills its disk is the backup's fault, not the vault's.
    pub(crate) fn at_file(self, path: &std::path::Path) -> Error {
        match self {
            Error::Fault {
                fault: fault @ (Fault::DiskFull | Fault::ReadOnly | Fault::PermissionDenied),
                target: Target::Vault(_),
            } => Error::fault(fault, Target::File(path.to_path_buf())),
            other => other,
        }
    }

    /// The same error, naming `out` where it named `temp`, the temporary file that becomes it:
    /// the user chose `out` and has never seen the other name.
    pub(crate) fn instead_of(self, temp: &std::path::Path, out: &std::path::Path) -> Error {
        match self {
            Error::Fault {
                fault,
                target: Target::File(path),
            } if path == temp => Error::fault(fault, Target::File(out.to_path_buf())),
            Error::Io { path, source } if path == temp => Error::Io {
                path: out.to_path_buf(),
                source,
            },
            other => other,
        }
    }

    /// The same fault, naming the vault's path when the code that met it could not.
    pub(crate) fn in_vault(self, path: &std::path::Path) -> Error {
        match self {
            Error::Fault {
                fault,
                target: Target::Vault(None),
            } => Error::fault(fault, Target::Vault(Some(path.to_path_buf()))),
            other => other,
        }
    }
}

/// SQLite's result codes sorted into what they mean for the user: a storage fault is named,
/// SQLite's own structural check failing is damage, anything else a storage error that promises
/// nothing about damage.
impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Error {
        let code = match &error {
            rusqlite::Error::SqliteFailure(e, _) => Some(e.code),
            _ => None,
        };
        match code {
            Some(code) => match fault::from_sqlite(code) {
                Some(fault) => Error::fault(fault, Target::Vault(None)),
                None if code == rusqlite::ErrorCode::DatabaseCorrupt => Error::Corrupted {
                    detail: error.to_string(),
                },
                None => Error::Database(error),
            },
            None => Error::Database(error),
        }
    }
}

/// " (and N more)" after the first of several problems.
fn more(count: usize) -> String {
    if count > 1 {
        format!(" (and {} more)", count - 1)
    } else {
        String::new()
    }
}

fn id_suffix(id: &str) -> String {
    if id.is_empty() {
        String::new()
    } else {
        format!(" ({id})")
    }
}

fn audit_break_en(reason: AuditBreak) -> &'static str {
    match reason {
        AuditBreak::Altered => {
            "it was changed after it was written; restore the vault from a backup you trust"
        }
        AuditBreak::Unlinked => {
            "it does not follow the entry before it (an entry was removed, inserted or moved); restore the vault from a backup you trust"
        }
        AuditBreak::TailCut => {
            "entries from here on are missing (the end of the log was cut off); restore the vault from a backup you trust"
        }
        AuditBreak::AnchorMismatch => {
            "the chain anchor disagrees with the log (it was edited); restore the vault from a backup you trust"
        }
    }
}

/// How the file kinds of [`Error::OutputFailed`] are called in Chinese.
fn output_zh(what: &str) -> &str {
    match what {
        "PDF" => "PDF 报告",
        "DOCX" => "Word 报告",
        "CSV" => "CSV 文件",
        "XLSX" => "Excel 工作簿",
        "report font" => "报告字体",
        other => other,
    }
}

/// How an answers refusal begins in English: the file, when there is one.
fn answers_from(file: Option<&str>) -> String {
    file.map_or_else(String::new, |file| format!("{file}: "))
}
