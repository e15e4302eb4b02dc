//! The crate's one error type. A variant exists only where a caller acts on it differently (the
//! CLI's exit code, the app's screen); each message tells the user what to do next. `kind()` is the
//! stable tag that crosses IPC; `message(lang)` is the wording in the user's language.

use std::path::PathBuf;

use serde::Serialize;

use crate::i18n::Lang;
use crate::vault::{AuditBreak, WeakReason};

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

    /// A report or export could not be drawn; the vault itself is fine.
    #[error(
        "the {what} could not be produced ({detail}); nothing was saved: try again, and report it if it happens again"
    )]
    OutputFailed { what: &'static str, detail: String },

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

    #[error("the audit log is broken at entry {position}{}: {}", id_suffix(.id), audit_break_en(*.reason))]
    AuditBroken {
        position: u64,
        id: String,
        reason: AuditBreak,
    },

    #[error("{file}: {}{}", .problems.first().map_or("invalid", String::as_str), more(.problems.len()))]
    InvalidTemplate { file: String, problems: Vec<String> },

    #[error("{file}: {}; nothing was imported", .refusal.message(Lang::En))]
    TemplateRefused {
        file: String,
        refusal: crate::template::Refusal,
    },

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
    BundleDamaged(crate::bundle::Damage),

    #[error(
        "this bundle was made by a newer DPO Desk ({}): update DPO Desk to import it; nothing was imported",
        .0.message(Lang::En)
    )]
    BundleTooNew(crate::bundle::Newer),

    #[error(
        "the {} {id} already exists in this vault with different content: the matter changed on one side since it was shared; nothing was imported (compare the two, or import into another vault)",
        crate::bundle::table_name(.table, Lang::En)
    )]
    BundleConflict { table: String, id: String },

    #[error("the CNIL PIA file is not valid at {field}: {}; nothing was imported", .problem.message(Lang::En))]
    InvalidCnil {
        /// The JSON path of the refused field, e.g. `answers[3].data.gauge` (`$` for the file).
        field: String,
        problem: crate::cnil::CnilProblem,
    },
}

/// What kind of record a [`Error::NotFound`] or [`Error::Ambiguous`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Client,
    DataSource,
    Vendor,
    Action,
    Assessment,
    EvidenceSlot,
}

impl Entity {
    /// The entity's name in the reader's language.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Entity::Client => lang.pick("客户", "client"),
            Entity::DataSource => lang.pick("数据来源", "data source"),
            Entity::Vendor => lang.pick("供应商", "vendor"),
            Entity::Action => lang.pick("整改措施", "action"),
            Entity::Assessment => lang.pick("评估", "assessment"),
            Entity::EvidenceSlot => lang.pick("证据栏（证据类问题）", "evidence question"),
        }
    }
}

/// Why an input was refused ([`Error::InvalidInput`]); each reason is worded in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// Blank after trimming.
    Empty,
    /// A one-line field holds a line break or another control character.
    NotOneLine,
    /// Not a calendar date written as YYYY-MM-DD.
    Date { value: String },
    /// Not one of the action statuses.
    Status { value: String },
    /// Not a channel code (letters, digits, `-`, `_`; at most 16).
    ChannelCode { value: String },
    /// The client is archived, so nothing new may be filed under it.
    ClientArchived,
    /// An action names neither a client nor an assessment.
    NoSubject,
    /// The assessment given belongs to a different client than the one given.
    ClientMismatch,
    /// Only a draft assessment can be answered or submitted.
    NotDraft,
    /// Only an assessment in review can be signed off.
    NotInReview,
    /// Only an approved or rejected assessment can be re-opened.
    NotSignedOff,
    /// This version already has a newer one.
    AlreadyReopened,
    /// Approval without all four attestations.
    Attestations,
    /// A PIA links only to data-source and vendor assessments.
    NotLinkable,
    /// A client memo over a client with no current data-source assessment.
    NoChannels,
    /// A file larger than the attachment limit.
    TooLarge { size: u64, max: u64 },
    /// A bundle carries one client's matter, and this assessment (linked or re-opened from one of
    /// the matter's) is filed under another client.
    OtherClient { id: String },
    /// A number outside the range the setting accepts.
    OutOfRange { min: i64, max: i64 },
    /// Only a PIA (from a PIA template) goes to or from the CNIL PIA format.
    NotPia,
}

impl Invalid {
    /// The whole sentence for `field` refused for this reason, in the reader's language.
    pub fn message(&self, field: &str, lang: Lang) -> String {
        let label = field_label(field, lang);
        match (self, lang) {
            (Invalid::Empty, Lang::En) => format!("the {label} must not be empty: fill it in"),
            (Invalid::Empty, Lang::Zh) => format!("{label}不能为空：请填写"),
            (Invalid::NotOneLine, Lang::En) => {
                format!("the {label} must be a single line: remove the line breaks")
            }
            (Invalid::NotOneLine, Lang::Zh) => format!("{label}只能是一行：请删除换行符"),
            (Invalid::Date { value }, Lang::En) => format!(
                "the {label} \"{value}\" is not a valid date: write it as YYYY-MM-DD, e.g. 2026-03-31"
            ),
            (Invalid::Date { value }, Lang::Zh) => format!(
                "{label}「{value}」不是有效日期：请按 YYYY-MM-DD 格式填写，例如 2026-03-31"
            ),
            (Invalid::Status { value }, Lang::En) => format!(
                "the status \"{value}\" is unknown: use open, in_progress, done or dropped"
            ),
            (Invalid::Status { value }, Lang::Zh) => {
                format!("状态「{value}」无效：请使用 open、in_progress、done 或 dropped")
            }
            (Invalid::ChannelCode { value }, Lang::En) => format!(
                "the channel code \"{value}\" is not a code: use up to 16 letters, digits, - or _ (e.g. EC, QR, WEB)"
            ),
            (Invalid::ChannelCode { value }, Lang::Zh) => format!(
                "渠道代码「{value}」格式不正确：请使用不超过 16 个字母、数字、- 或 _（例如 EC、QR、WEB）"
            ),
            (Invalid::ClientArchived, Lang::En) => {
                "the client is archived: unarchive it first".to_owned()
            }
            (Invalid::ClientArchived, Lang::Zh) => "该客户已归档：请先取消归档".to_owned(),
            (Invalid::NoSubject, Lang::En) => {
                "an action needs a client or an assessment: give at least one".to_owned()
            }
            (Invalid::NoSubject, Lang::Zh) => {
                "整改措施须关联客户或评估：请至少指定其中一项".to_owned()
            }
            (Invalid::ClientMismatch, Lang::En) => {
                "the assessment belongs to another client: give that client, or leave the client out"
                    .to_owned()
            }
            (Invalid::ClientMismatch, Lang::Zh) => {
                "该评估属于另一位客户：请指定该客户，或不指定客户".to_owned()
            }
            (Invalid::NotDraft, Lang::En) => "only a draft assessment can be answered or submitted: re-open a signed-off one as a new version".to_owned(),
            (Invalid::NotDraft, Lang::Zh) => "只有草稿状态的评估可以作答或提交：已签署的评估请重新开启为新版本".to_owned(),
            (Invalid::NotInReview, Lang::En) => "only an assessment in review can be signed off: submit it for review first".to_owned(),
            (Invalid::NotInReview, Lang::Zh) => "只有审阅中的评估可以签署：请先提交审阅".to_owned(),
            (Invalid::NotSignedOff, Lang::En) => "only an approved or rejected assessment can be re-opened; a draft can simply be edited".to_owned(),
            (Invalid::NotSignedOff, Lang::Zh) => "只有已批准或已驳回的评估可以重新开启；草稿可直接修改".to_owned(),
            (Invalid::AlreadyReopened, Lang::En) => "this version was already re-opened: work on its newest version".to_owned(),
            (Invalid::AlreadyReopened, Lang::Zh) => "该版本已被重新开启：请在其最新版本上继续".to_owned(),
            (Invalid::Attestations, Lang::En) => "approval needs all four attestations: the described processing is accurate; the risks are understood given the measures; the corrective actions are endorsed; their implementation is committed to (keys: processing_accurate, risks_understood, actions_endorsed, implementation_committed)".to_owned(),
            (Invalid::Attestations, Lang::Zh) => "批准须作出全部四项声明：所述处理活动准确无误；已在考虑措施的前提下理解相关风险；认可整改措施；承诺落实整改（标识：processing_accurate、risks_understood、actions_endorsed、implementation_committed）".to_owned(),
            (Invalid::NotLinkable, Lang::En) => "a PIA can link only to data-source and vendor assessments".to_owned(),
            (Invalid::NotLinkable, Lang::Zh) => "影响评估只能关联数据来源评估和供应商评估".to_owned(),
            (Invalid::NoChannels, Lang::En) => "the client has no data-source assessment yet, so there is nothing for a memo to cover: assess a channel first (`dpodesk assess new --template data-source --client …`)".to_owned(),
            (Invalid::NoChannels, Lang::Zh) => "该客户尚无数据来源评估，备忘录无可涵盖的渠道：请先评估一个渠道（`dpodesk assess new --template data-source --client …`）".to_owned(),
            (Invalid::TooLarge { size, max }, Lang::En) => format!(
                "the file is {} MB; attachments are limited to {} MB: attach a smaller extract or a summary",
                size / 1_048_576,
                max / 1_048_576
            ),
            (Invalid::OtherClient { id }, Lang::En) => format!(
                "the matter relies on assessment {id}, which is filed under another client: a bundle carries one client's matter, so export that client's matter separately or file the assessment under this client"
            ),
            (Invalid::OtherClient { id }, Lang::Zh) => format!(
                "该事项依赖评估 {id}，而它归属于另一位客户：一个事项包只包含一位客户的事项，请另行导出该客户的事项，或将该评估归入本客户"
            ),
            (Invalid::TooLarge { size, max }, Lang::Zh) => format!(
                "该文件为 {} MB，附件上限为 {} MB：请附上较小的摘录或摘要",
                size / 1_048_576,
                max / 1_048_576
            ),
            (Invalid::OutOfRange { min, max }, Lang::En) => {
                format!("the {label} must be a whole number from {min} to {max}")
            }
            (Invalid::OutOfRange { min, max }, Lang::Zh) => {
                format!("{label}须为 {min} 至 {max} 之间的整数")
            }
            (Invalid::NotPia, Lang::En) => "only a PIA can be exported to or imported from the CNIL PIA format: choose a PIA assessment".to_owned(),
            (Invalid::NotPia, Lang::Zh) => "只有个人信息保护影响评估（PIA）可以与 CNIL PIA 格式互相导入导出：请选择一项 PIA 评估".to_owned(),
        }
    }
}

/// How a field is called in messages; an unknown field is shown by its API name.
fn field_label(field: &str, lang: Lang) -> &str {
    let (zh, en) = match field {
        "name" => ("名称", "name"),
        "matter" => ("事项", "matter"),
        "contact" => ("联系人", "contact"),
        "notes" | "note" => ("备注", "note"),
        "channel" => ("渠道代码", "channel code"),
        "platform" => ("消息平台", "messaging platform"),
        "country" => ("国家或地区", "country"),
        "service" => ("服务", "service"),
        "next_review" => ("下次复核日期", "next review date"),
        "due_date" => ("截止日期", "due date"),
        "due_by" => ("复核截止日期", "due-by date"),
        "date" => ("日期", "date"),
        "title" => ("标题", "title"),
        "owner" => ("负责人", "owner"),
        "finding_id" => ("发现项", "finding"),
        "status" => ("状态", "status"),
        "client" => ("客户", "client"),
        "assessment" => ("评估", "assessment"),
        "role" => ("职务", "role"),
        "attestations" => ("声明", "attestations"),
        "link" => ("关联", "link"),
        "evidence" => ("证据文件", "evidence file"),
        "firm" => ("机构", "firm"),
        "auto_lock_minutes" => ("自动锁定时间（分钟）", "auto-lock time in minutes"),
        "template_folder" => ("模板文件夹", "template folder"),
        other => (other, other),
    };
    lang.pick(zh, en)
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
            Error::OutputFailed { .. } => ErrorKind::OutputFailed,
            Error::SchemaTooNew { .. } => ErrorKind::SchemaTooNew,
            Error::VaultLocked => ErrorKind::VaultLocked,
            Error::Io { .. } => ErrorKind::Io,
            Error::Database(_) => ErrorKind::Database,
            Error::InvalidTemplate { .. } => ErrorKind::InvalidTemplate,
            Error::TemplateRefused { .. } => ErrorKind::TemplateRefused,
            Error::AuditBroken { .. } => ErrorKind::AuditBroken,
            Error::InvalidAnswers { .. } => ErrorKind::InvalidAnswers,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Ambiguous { .. } => ErrorKind::Ambiguous,
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::BundleWrongPassphrase => ErrorKind::BundleWrongPassphrase,
            Error::BundleDamaged(_) => ErrorKind::BundleDamaged,
            Error::BundleTooNew(_) => ErrorKind::BundleTooNew,
            Error::BundleConflict { .. } => ErrorKind::BundleConflict,
            Error::InvalidCnil { .. } => ErrorKind::InvalidCnil,
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
            Error::OutputFailed { what, detail } => format!(
                "无法生成{}（{detail}），未保存任何内容：请重试，如再次出现请报告此问题",
                output_zh(what)
            ),
            Error::SchemaTooNew { found, known } => format!(
                "该保险库由更新版本的 DPO Desk 写入（结构版本 {found}，本版本最高支持 {known}）：请升级 DPO Desk 后再打开"
            ),
            Error::VaultLocked => "保险库已锁定：请先解锁".to_owned(),
            Error::Io { path, source } => format!("无法访问 {}：{source}", path.display()),
            Error::Database(source) => format!("保险库存储错误：{source}"),
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
                problems.first().map_or("", String::as_str),
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
                "本保险库中已有{} {id}，但内容不同：该事项在共享后已在其中一方被修改；未导入任何内容（请比较两边，或导入到另一个保险库）",
                crate::bundle::table_name(table, Lang::Zh)
            ),
            Error::InvalidCnil { field, problem } => format!(
                "CNIL PIA 文件在 {field} 处无效：{}；未导入任何内容",
                problem.message(Lang::Zh)
            ),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
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
