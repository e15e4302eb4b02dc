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

    /// Team mode's store is not there yet: a vault command must not silently use the vault
    /// while the user asked for the team database.
    #[error(
        "--team (or DPODESK_TEAM_URL) works only with `team …` commands for now: assessments, registers and reports cannot yet be worked on in a team database; unset it to use your vault"
    )]
    TeamStoreNotYet,

    #[error("no passphrase: set {var} or run in a terminal to be prompted")]
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
            (CliError::TeamStoreNotYet, Lang::Zh) => {
                "--team（或 DPODESK_TEAM_URL）目前只能用于 `team …` 命令：尚不能在团队数据库中处理评估、登记册和报告；如要使用您的保险库，请取消该设置".to_owned()
            }
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
            reason: Invalid::NoSigner,
            ..
        } => lang.pick(
            "（`--name …`，或 `dpodesk profile set --name … --role …`）",
            " (`--name …`, or `dpodesk profile set --name … --role …`)",
        ),
        _ => "",
    }
}
