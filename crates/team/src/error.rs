//! The crate's one error type. Each variant is a case a door treats differently (fix the
//! connection string, fix a file's permissions, ask for the password again, call the firm's IT);
//! `message(lang)` words it in Chinese or English, side by side so the two never drift.

use std::path::PathBuf;

use crate::audit::{AuditBreak, chain_en, id_suffix};
pub use crate::denied::Denied;

/// The reader's language, for [`Error::message`]. The product's own is core's `Lang`; this crate
/// sits below core (core's `api::team` calls it), cannot name it, and core maps its own onto
/// this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

/// Result with the team [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong reaching the team database, worded for the person connecting.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A password written into the connection string would end up in shell history, process
    /// lists and the remembered connection.
    #[error(
        "the connection string contains a password: remove it, and give the password through PGPASSWORD, ~/.pgpass or the prompt"
    )]
    PasswordInConnInfo,

    #[error("the connection string cannot be read: {detail}")]
    ConnInfoSyntax { detail: String },

    /// A parameter this client does not honour: refused rather than silently ignored.
    #[error("the connection parameter \"{key}\" is not supported here: remove it")]
    UnsupportedParameter { key: String },

    #[error("give one host in the connection string (\"{hosts}\" lists several)")]
    MultipleHosts { hosts: String },

    /// `sslmode=disable|allow|prefer` to a network host could send the password and the data in
    /// clear text.
    #[error(
        "sslmode={mode} would allow an unencrypted connection to {host}: remove sslmode (certificates are always verified)"
    )]
    InsecureSslMode { mode: String, host: String },

    #[error(
        "sslmode=\"{mode}\" is not a known mode: use verify-full (the default), verify-ca or require"
    )]
    UnknownSslMode { mode: String },

    #[error("\"{value}\" is not a valid {key}")]
    BadValue { key: &'static str, value: String },

    /// libpq ignores such a file with a warning; we say why the password was not found.
    #[error(
        "the password file {} can be read by other users (mode {mode:o}): run chmod 600 on it",
        .path.display()
    )]
    PassfileTooOpen { path: PathBuf, mode: u32 },

    #[error("cannot read the password file {}: {detail}", .path.display())]
    PassfileUnreadable { path: PathBuf, detail: String },

    /// The server asked for a password and none was given (no PGPASSWORD, no matching
    /// ~/.pgpass line, the prompt declined).
    #[error("the server asks for {user}'s password and none was given")]
    PasswordNeeded { user: String },

    #[error("the server refused the user name or password of {user}")]
    AuthenticationFailed { user: String },

    #[error("cannot read the root certificate {}: {detail}", .path.display())]
    RootCertUnreadable { path: PathBuf, detail: String },

    /// The server's certificate failed verification: an unknown authority, or a certificate
    /// for another host name. Never connected anyway.
    #[error(
        "the certificate of {host} was refused ({reason}): check sslrootcert and the host name"
    )]
    CertificateRefused { host: String, reason: String },

    #[error("the server {host} does not offer TLS: the firm's administrator must enable it")]
    TlsUnavailable { host: String },

    #[error("cannot connect to {host}: {detail}")]
    Connect { host: String, detail: String },

    /// `team init` names its roles after the database, so the name must be a plain identifier.
    #[error(
        "the database name \"{name}\" cannot prefix the team's roles: use lower-case letters, digits and _ (at most 40, starting with a letter)"
    )]
    BadDatabaseName { name: String },

    #[error(
        "the database {dbname} is encoded in {encoding}: team mode needs a UTF8 database (CREATE DATABASE ... ENCODING 'UTF8')"
    )]
    NotUtf8 { dbname: String, encoding: String },

    #[error("DPO Desk is already set up in the database {dbname}")]
    AlreadyInitialised { dbname: String },

    #[error("DPO Desk is not set up in the database {dbname}: run team init first")]
    NotInitialised { dbname: String },

    /// The database was upgraded by a newer DPO Desk: writing with this one could damage data
    /// it does not know.
    #[error(
        "the team database has schema {found} and this DPO Desk knows only up to {known}: update DPO Desk before working in it"
    )]
    SchemaTooNew { found: i32, known: i32 },

    #[error(
        "the team database has schema {found} and this DPO Desk needs {known}: the administrator must run team upgrade"
    )]
    SchemaTooOld { found: i32, known: i32 },

    /// Another member saved the row since it was read; nothing was overwritten.
    #[error(
        "this {} was changed by {changed_by} at {changed_at} after you opened it: reload it and make your change again",
        .entity.en()
    )]
    Stale {
        entity: Entity,
        id: String,
        changed_by: String,
        changed_at: String,
    },

    /// Segregation of duties, enforced by the database: whoever edited an assessment may not
    /// sign it off.
    #[error("you edited the assessment {assessment_id}, so another approver must sign it off")]
    OwnWork { assessment_id: String },

    /// The member's roles or grants do not allow it (PostgreSQL's own refusal, or the schema's
    /// own checks): what was refused, sorted from the server's words, and those words.
    #[error("{}", .denied.en(.detail))]
    NotPermitted { denied: Denied, detail: String },

    #[error(
        "\"{name}\" is not a usable member name: use lower-case letters, digits and _ (at most 50, starting with a letter)"
    )]
    BadMemberName { name: String },

    #[error(
        "\"{display}\" is not a usable display name: give one of 1 to 200 characters, not only spaces"
    )]
    BadDisplayName { display: String },

    #[error("a role named {name} already exists on this server")]
    MemberExists { name: String },

    #[error("{name} is not a member of this team database")]
    UnknownMember { name: String },

    #[error("no client named {name} in the team database (or it is not granted to you)")]
    UnknownClient { name: String },

    #[error("several clients are named {name} ({}): give the id instead", .ids.join(", "))]
    AmbiguousClient { name: String, ids: Vec<String> },

    /// The connection failed after COMMIT was sent: the change may or may not have landed.
    /// `write::landed` settles it on a new session.
    #[error(
        "the connection to the team database was lost while saving (unit {unit}): reconnect to learn whether the change was saved"
    )]
    CommitUnknown { unit: String },

    /// A retried unit of work had landed already: nothing was done twice.
    #[error("this change (unit {unit}) was already saved: it was not saved a second time")]
    UnitLanded { unit: String },

    /// An audit chain breaks (`audit_verify()`): where, why, and the hashes the walk expected
    /// and found there.
    #[error(
        "the audit chain of {} is broken at entry {position}{}: {}; expected hash {expected}, found {found}: ask the team database's administrator to restore the chain from a backup you trust",
        chain_en(.client_id), id_suffix(.id), .reason.en()
    )]
    AuditBroken {
        client_id: Option<String>,
        position: i64,
        id: Option<String>,
        reason: AuditBreak,
        expected: String,
        found: String,
    },

    /// An erasure would change another client's matter: one of its assessments links to one of
    /// this matter's.
    #[error(
        "assessment {assessment_id} of another matter relies on this client's work: remove that link first, then erase"
    )]
    ReliedOnElsewhere { assessment_id: String },
    /// A bundle's row whose key is in the team database already, where the importing member
    /// may not see it (under a client not granted to him).
    #[error(
        "this bundle's {} {id} is already in the team database, under a client not granted to you: ask an administrator to grant you that client (team grant) or to import the bundle; nothing was imported",
        Entity::of_table(.table).en()
    )]
    HiddenRow { table: String, id: String },

    #[error("the team database refused the operation: {detail}")]
    Database { detail: String },

    /// A store operation team mode does not offer yet: refused before anything is read or
    /// written, never answered with an empty or made-up result.
    #[error("{} is not available on a team database yet: this version does it in a personal vault only; a later version of DPO Desk will offer it here", .what.en())]
    NotInTeamMode { what: Unsupported },
}

/// What team mode does not offer yet, for [`Error::NotInTeamMode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {
    AuditLog,
    /// The vault file's own operations (backup, recovery copy, passphrase change): the server's
    /// administrator keeps a team database (`pg_dump`, `team member password`).
    VaultFile,
}

impl Unsupported {
    fn en(self) -> &'static str {
        match self {
            Unsupported::AuditLog => "Anchoring a file to an audit chain other than one client's",
            Unsupported::VaultFile => "Backing up, restoring or re-keying a vault file",
        }
    }

    fn zh(self) -> &'static str {
        match self {
            Unsupported::AuditLog => "将文件锚定到单个客户之外的审计链",
            Unsupported::VaultFile => "备份、恢复或更改保险库文件的密钥",
        }
    }
}

/// What a stale row was, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Client,
    DataSource,
    Vendor,
    Assessment,
    Answer,
    Action,
    Row,
}

impl Entity {
    /// The entity a table holds.
    pub fn of_table(table: &str) -> Entity {
        match table {
            "clients" => Entity::Client,
            "data_sources" => Entity::DataSource,
            "vendors" => Entity::Vendor,
            "assessments" => Entity::Assessment,
            "answers" => Entity::Answer,
            "actions" => Entity::Action,
            _ => Entity::Row,
        }
    }

    fn en(self) -> &'static str {
        match self {
            Entity::Client => "client",
            Entity::DataSource => "data source",
            Entity::Vendor => "vendor",
            Entity::Assessment => "assessment",
            Entity::Answer => "answer",
            Entity::Action => "action",
            Entity::Row => "entry",
        }
    }

    fn zh(self) -> &'static str {
        match self {
            Entity::Client => "客户",
            Entity::DataSource => "数据来源",
            Entity::Vendor => "供应商",
            Entity::Assessment => "评估",
            Entity::Answer => "答复",
            Entity::Action => "整改措施",
            Entity::Row => "条目",
        }
    }
}

/// Sorts a failed statement into a variant: the SQLSTATEs the schema's own rules raise
/// (`DP001` stale row, `DP002` own work, `DP003` member rules; see `sql/`), PostgreSQL's
/// refusal of a privilege or a row-level-security check, else the server's message.
pub(crate) fn sql_error(error: postgres::Error) -> Error {
    let Some(db) = error.as_db_error() else {
        return Error::Database {
            detail: error.to_string(),
        };
    };
    let detail = db.detail().unwrap_or_default();
    match db.code().code() {
        "DP001" => stale(detail).unwrap_or_else(|| Error::Database {
            detail: db.message().to_owned(),
        }),
        "DP002" => Error::OwnWork {
            assessment_id: detail.to_owned(),
        },
        "DP003" => Error::UnknownMember {
            name: detail.to_owned(),
        },
        "DP004" => Error::MemberExists {
            name: detail.to_owned(),
        },
        "DP005" => Error::BadMemberName {
            name: detail.to_owned(),
        },
        "DP010" => Error::ReliedOnElsewhere {
            assessment_id: detail.to_owned(),
        },
        "DP011" => Error::UnknownClient {
            name: detail.to_owned(),
        },
        "DP006" => Error::BadDisplayName {
            display: detail.to_owned(),
        },
        // insufficient_privilege, and a row refused by a row-level-security policy.
        "42501" => Error::NotPermitted {
            denied: Denied::of_message(db.message()),
            detail: db.message().to_owned(),
        },
        _ => Error::Database {
            detail: db.message().to_owned(),
        },
    }
}

/// The stale-row error's detail: JSON with the table, id and who changed the row when.
fn stale(detail: &str) -> Option<Error> {
    let value: serde_json::Value = serde_json::from_str(detail).ok()?;
    let field = |key: &str| value.get(key)?.as_str().map(str::to_owned);
    Some(Error::Stale {
        entity: Entity::of_table(&field("table")?),
        id: field("id")?,
        changed_by: field("changed_by")?,
        changed_at: field("changed_at")?,
    })
}

impl Error {
    /// The message in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Error::PasswordInConnInfo => {
                "连接字符串中含有密码：请删除，改用 PGPASSWORD、~/.pgpass 或输入提示提供密码"
                    .to_owned()
            }
            Error::ConnInfoSyntax { detail } => format!("无法读取连接字符串：{detail}"),
            Error::UnsupportedParameter { key } => {
                format!("此处不支持连接参数“{key}”：请删除")
            }
            Error::MultipleHosts { hosts } => {
                format!("连接字符串只能指定一个主机（“{hosts}”列出了多个）")
            }
            Error::InsecureSslMode { mode, host } => format!(
                "sslmode={mode} 允许与 {host} 建立未加密的连接：请删除 sslmode（证书始终会被验证）"
            ),
            Error::UnknownSslMode { mode } => format!(
                "sslmode=“{mode}”不是已知模式：请使用 verify-full（默认）、verify-ca 或 require"
            ),
            Error::BadValue { key, value } => format!("“{value}”不是有效的 {key}"),
            Error::PassfileTooOpen { path, mode } => format!(
                "密码文件 {} 可被其他用户读取（权限 {mode:o}）：请对其执行 chmod 600",
                path.display()
            ),
            Error::PassfileUnreadable { path, detail } => {
                format!("无法读取密码文件 {}：{detail}", path.display())
            }
            Error::PasswordNeeded { user } => {
                format!("服务器要求提供 {user} 的密码，但未提供密码")
            }
            Error::AuthenticationFailed { user } => {
                format!("服务器拒绝了 {user} 的用户名或密码")
            }
            Error::RootCertUnreadable { path, detail } => {
                format!("无法读取根证书 {}：{detail}", path.display())
            }
            Error::CertificateRefused { host, reason } => {
                format!("{host} 的证书未通过验证（{reason}）：请检查 sslrootcert 和主机名")
            }
            Error::TlsUnavailable { host } => {
                format!("服务器 {host} 不提供 TLS：须由事务所管理员启用")
            }
            Error::Connect { host, detail } => format!("无法连接到 {host}：{detail}"),
            Error::BadDatabaseName { name } => format!(
                "数据库名“{name}”不能用作团队角色的前缀：请只用小写字母、数字和 _（以字母开头，最多 40 个字符）"
            ),
            Error::NotUtf8 { dbname, encoding } => format!(
                "数据库 {dbname} 的编码为 {encoding}：团队模式需要 UTF8 编码的数据库（CREATE DATABASE ... ENCODING 'UTF8'）"
            ),
            Error::AlreadyInitialised { dbname } => {
                format!("数据库 {dbname} 中已设置 DPO Desk")
            }
            Error::NotInitialised { dbname } => {
                format!("数据库 {dbname} 中尚未设置 DPO Desk：请先运行 team init")
            }
            Error::SchemaTooNew { found, known } => format!(
                "团队数据库的架构版本为 {found}，本 DPO Desk 只支持到 {known}：请先更新 DPO Desk 再使用"
            ),
            Error::SchemaTooOld { found, known } => format!(
                "团队数据库的架构版本为 {found}，本 DPO Desk 需要 {known}：须由管理员运行 team upgrade"
            ),
            Error::Stale {
                entity,
                changed_by,
                changed_at,
                ..
            } => format!(
                "此{}在您打开后已由 {changed_by} 于 {changed_at} 修改：请重新载入后再修改",
                entity.zh()
            ),
            Error::OwnWork { assessment_id } => {
                format!("您编辑过评估 {assessment_id}，须由另一位审批人签署")
            }
            Error::NotPermitted { denied, detail } => denied.zh(detail),
            Error::BadMemberName { name } => format!(
                "“{name}”不能用作成员名：请只用小写字母、数字和 _（以字母开头，最多 50 个字符）"
            ),
            Error::BadDisplayName { display } => {
                format!("“{display}”不能用作显示名称：请填写 1 至 200 个字符，且不能只有空格")
            }
            Error::MemberExists { name } => format!("服务器上已有名为 {name} 的角色"),
            Error::UnknownMember { name } => format!("{name} 不是此团队数据库的成员"),
            Error::UnknownClient { name } => {
                format!("团队数据库中没有名为 {name} 的客户（或未授权给您）")
            }
            Error::AmbiguousClient { name, ids } => {
                format!("有多个客户名为 {name}（{}）：请改用编号", ids.join("、"))
            }
            Error::CommitUnknown { unit } => format!(
                "保存时与团队数据库的连接中断（工作单元 {unit}）：请重新连接以确认更改是否已保存"
            ),
            Error::UnitLanded { unit } => {
                format!("此更改（工作单元 {unit}）已保存过：未重复保存")
            }
            Error::AuditBroken {
                client_id,
                position,
                id,
                reason,
                expected,
                found,
            } => format!(
                "{}的审计链在第 {position} 条{}处断裂：{}；应为哈希 {expected}，实为 {found}：请团队数据库管理员从可信的备份恢复该链",
                match client_id {
                    Some(client) => format!("客户 {client} "),
                    None => "事务所（不属于任何客户）".to_owned(),
                },
                id.as_ref()
                    .map_or_else(String::new, |id| format!("（{id}）")),
                reason.zh()
            ),
            Error::ReliedOnElsewhere { assessment_id } => format!(
                "另一事项的评估 {assessment_id} 依赖此客户的评估：请先删除该关联，再执行删除"
            ),
            Error::HiddenRow { table, id } => format!(
                "此事项包中的{} {id} 已存在于团队数据库中，但所属客户未授权给您：请管理员将该客户授权给您（team grant），或由管理员导入此事项包；未导入任何内容",
                Entity::of_table(table).zh()
            ),
            Error::Database { detail } => format!("团队数据库拒绝了此操作：{detail}"),
            Error::NotInTeamMode { what } => format!(
                "团队数据库暂不支持{}：此版本仅能在个人保险库中进行；后续版本的 DPO Desk 将在团队数据库中提供",
                what.zh()
            ),
        }
    }
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
