//! The CLI's one error type: core's errors plus what only a command line can get wrong.

use dpodesk_core::api::team::{self, TeamError};
use dpodesk_core::error::{ErrorKind, Invalid};
use dpodesk_core::{Error as CoreError, Lang};

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Core(#[from] CoreError),

    /// The team database's own errors, worded by `api::team::message`.
    #[error(transparent)]
    Team(#[from] TeamError),

    #[error("no team database: pass --team CONNINFO or set DPODESK_TEAM_URL")]
    NoTeamDatabase,

    /// A command about the vault file itself, which a team database has no counterpart of: the
    /// message names what to use instead. Never silently run on the vault when `--team` is given.
    #[error("`{}` works on a vault file, not on a team database: {}", .0.command(), .0.instead_en())]
    VaultOnly(FileLevel),

    #[error("no passphrase or password given: set {var} or run in a terminal to be prompted")]
    NoPassphrase { var: &'static str },

    #[error("the two passphrases do not match; nothing was changed")]
    PassphraseMismatch,

    #[error("no default vault location on this system: pass --vault PATH")]
    NoDefaultVault,

    #[error("cannot read the passphrase: {0}")]
    Prompt(std::io::Error),

    #[error("cannot read {}: {source}", .path.display())]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },

    #[error("no template with id {0}: see `dpodesk templates list`")]
    UnknownTemplate(String),

    #[error(
        "no custom template folder: pass --templates DIR, or choose one with `dpodesk templates folder set DIR`"
    )]
    NoTemplateFolder,

    #[error(
        "no data source or vendor named {0} under that client: add it first, or check the name"
    )]
    UnknownSubject(String),

    #[error("{} exists: pass --force to replace it", .0.display())]
    OutputExists(std::path::PathBuf),

    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// The commands about the vault file itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileLevel {
    Init,
    Check,
    Rekey,
    Backup,
    Restore,
    Soak,
    Demo,
}

impl FileLevel {
    fn command(self) -> &'static str {
        match self {
            FileLevel::Init => "vault init",
            FileLevel::Check => "vault check",
            FileLevel::Rekey => "vault rekey",
            FileLevel::Backup => "vault backup",
            FileLevel::Restore => "vault restore",
            FileLevel::Soak => "vault soak",
            FileLevel::Demo => "demo",
        }
    }

    fn instead_en(self) -> &'static str {
        match self {
            FileLevel::Init => {
                "a firm's DBA sets a team database up with `dpodesk --team CONNINFO team init`, and brings it to this version with `team upgrade`"
            }
            FileLevel::Check => {
                "the server's administrator checks the database with PostgreSQL's own tools (pg_amcheck)"
            }
            FileLevel::Rekey => {
                "it has no passphrase: a member's password is changed with `team member password NAME`, and encryption at rest is the server's disk's"
            }
            FileLevel::Backup => "the server's administrator backs it up with pg_dump",
            FileLevel::Restore => {
                "the server's administrator restores a pg_dump backup with pg_restore, then runs `team upgrade`"
            }
            FileLevel::Soak => "it is a diagnostic of the vault file's crash safety",
            FileLevel::Demo => "it creates a demo vault of its own; leave --team out",
        }
    }

    fn instead_zh(self) -> &'static str {
        match self {
            FileLevel::Init => {
                "团队数据库由事务所的数据库管理员用 `dpodesk --team CONNINFO team init` 设置，并用 `team upgrade` 升级到本版本"
            }
            FileLevel::Check => "由服务器管理员用 PostgreSQL 自带的工具（pg_amcheck）检查数据库",
            FileLevel::Rekey => {
                "团队数据库没有保险库密码：成员密码用 `team member password NAME` 更改，静态加密由服务器的磁盘提供"
            }
            FileLevel::Backup => "由服务器管理员用 pg_dump 备份",
            FileLevel::Restore => {
                "由服务器管理员用 pg_restore 恢复 pg_dump 备份，然后运行 `team upgrade`"
            }
            FileLevel::Soak => "这是针对保险库文件崩溃安全性的诊断",
            FileLevel::Demo => "它会自行创建演示保险库；请不要使用 --team",
        }
    }
}

impl CliError {
    /// The documented exit code (see `dpodesk --help`).
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Core(e)
                if matches!(
                    e.kind(),
                    ErrorKind::WrongPassphrase | ErrorKind::BundleWrongPassphrase
                ) =>
            {
                3
            }
            CliError::Core(e) if e.kind() == ErrorKind::WeakPassphrase => 4,
            // Worth retrying as it is: a script may wait and run the command again.
            CliError::Core(e)
                if matches!(
                    e.kind(),
                    ErrorKind::VaultBusy
                        | ErrorKind::ErasureHeldOpen
                        | ErrorKind::ErasureWipePending
                ) =>
            {
                5
            }
            // The place, not the vault: nothing was saved and the vault is intact.
            CliError::Core(e)
                if matches!(
                    e.kind(),
                    ErrorKind::DiskFull
                        | ErrorKind::ReadOnly
                        | ErrorKind::PermissionDenied
                        | ErrorKind::VaultVanished
                        | ErrorKind::IsAFolder
                        | ErrorKind::WalUnwritable
                ) =>
            {
                6
            }
            _ => 1,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CliError::Core(e), _) => e.message(lang) + command_hint(e, lang),
            (CliError::Team(e), _) => team::message(e, lang),
            (_, Lang::En) => self.to_string(),
            (CliError::NoPassphrase { var }, Lang::Zh) => {
                format!("未提供密码：请设置 {var}，或在终端中运行以输入密码")
            }
            (CliError::PassphraseMismatch, Lang::Zh) => {
                "两次输入的密码不一致；未做任何更改".to_owned()
            }
            (CliError::NoDefaultVault, Lang::Zh) => {
                "本系统没有默认的保险库位置：请用 --vault PATH 指定".to_owned()
            }
            (CliError::Prompt(e), Lang::Zh) => format!("无法读取密码：{e}"),
            (CliError::Read { path, source }, Lang::Zh) => {
                format!("无法读取 {}：{source}", path.display())
            }
            (CliError::UnknownTemplate(id), Lang::Zh) => {
                format!("没有标识为 {id} 的模板：请查看 `dpodesk templates list`")
            }
            (CliError::NoTemplateFolder, Lang::Zh) => {
                "没有自定义模板文件夹：请用 --templates DIR 指定，或用 `dpodesk templates folder set DIR` 设置".to_owned()
            }
            (CliError::UnknownSubject(name), Lang::Zh) => {
                format!("该客户下没有名为 {name} 的数据来源或供应商：请先添加，或检查名称")
            }
            (CliError::OutputExists(path), Lang::Zh) => {
                format!("{} 已存在：如要替换，请加 --force", path.display())
            }
            (CliError::NoTeamDatabase, Lang::Zh) => {
                "未指定团队数据库：请用 --team CONNINFO 指定，或设置 DPODESK_TEAM_URL".to_owned()
            }
            (CliError::VaultOnly(what), Lang::Zh) => format!(
                "`{}` 只适用于保险库文件，不适用于团队数据库：{}",
                what.command(),
                what.instead_zh()
            ),
            (CliError::Write { path, source }, Lang::Zh) => {
                format!("无法写入 {}：{source}", path.display())
            }
        }
    }
}

/// What to run next, for the core errors a command line answers with a command. Core words its
/// errors for every door; only this door knows its commands.
fn command_hint(error: &CoreError, lang: Lang) -> &'static str {
    match error {
        CoreError::VaultNotFound(_) => lang.pick(
            "（可用 `dpodesk vault init` 新建）",
            " (`dpodesk vault init` creates one)",
        ),
        CoreError::Database(_) => lang.pick(
            "；可运行 `dpodesk vault check` 检查",
            "; `dpodesk vault check` checks it",
        ),
        CoreError::InvalidInput {
            reason: Invalid::NoChannels,
            ..
        } => lang.pick(
            "（`dpodesk assess new --template data-source --client …`）",
            " (`dpodesk assess new --template data-source --client …`)",
        ),
        CoreError::InvalidInput {
            reason: Invalid::ReservationsNotChosen { .. },
            ..
        } => lang.pick(
            "（附保留意见批准：`--with-reservations`）",
            " (to approve with reservations: `--with-reservations`)",
        ),
        CoreError::InvalidInput {
            field: "role",
            reason: Invalid::Empty,
        } => lang.pick(
            "（`--role …`，或在资料中设置职务：`dpodesk profile set --role …`）",
            " (`--role …`, or a role in the profile: `dpodesk profile set --role …`)",
        ),
        CoreError::InvalidInput {
            reason: Invalid::NoSigner,
            ..
        } => lang.pick(
            "（`--name …`，或 `dpodesk profile set --name … --role …`）",
            " (`--name …`, or `dpodesk profile set --name … --role …`)",
        ),
        _ => "",
    }
}
