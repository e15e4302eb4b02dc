//! `dpodesk --team CONNINFO team …`: connect, call one `api::team` function, say what was done.
//! Passwords are never arguments: the connection's from PGPASSWORD, ~/.pgpass or a prompt; a
//! member's from DPODESK_MEMBER_PASSWORD or a prompt typed twice, held zeroized.

use std::io::IsTerminal;

use dpodesk_core::Lang;
use dpodesk_core::api::team::{self, Login, MemberRole, TeamSession};
use zeroize::Zeroizing;

use crate::cli::{Cli, TeamCommand};
use crate::cli_team::{GrantArgs, MemberCommand, RoleArg};
use crate::error::CliError;

/// A new member's password (`member add`, `member password`).
pub const MEMBER_PASSWORD_VAR: &str = "DPODESK_MEMBER_PASSWORD";

pub fn run(cli: &Cli, command: &TeamCommand, lang: Lang) -> Result<(), CliError> {
    let Some(conninfo) = cli.team.as_deref() else {
        // A display name given no team database is asked of the vault: refused as the app
        // refuses it there, in core's words.
        return Err(match command {
            TeamCommand::Member(MemberCommand::DisplayName { .. }) => {
                dpodesk_core::api::no_display_name_on_a_vault().into()
            }
            _ => CliError::NoTeamDatabase,
        });
    };
    let mut session = team::connect(conninfo, &mut |login| prompt_login(login, lang))?;
    match command {
        TeamCommand::Init => {
            let installed = team::init(&mut session)?;
            let (version, prefix) = (installed.version, &installed.prefix);
            let said = pick(
                lang,
                format!("已设置团队数据库（架构版本 {version}，角色前缀 {prefix}）"),
                format!("team database set up (schema {version}, role prefix {prefix})"),
            );
            println!("{said}");
        }
        TeamCommand::Upgrade => {
            let upgraded = team::upgrade(&mut session)?;
            let (from, to) = (upgraded.from, upgraded.to);
            let said = if from == to {
                pick(
                    lang,
                    format!("架构已是版本 {to}：无需升级"),
                    format!("schema {to} already: nothing to do"),
                )
            } else {
                pick(
                    lang,
                    format!("架构已从版本 {from} 升级到 {to}"),
                    format!("schema upgraded from {from} to {to}"),
                )
            };
            println!("{said}");
        }
        TeamCommand::Member(command) => member(&mut session, command, lang)?,
        TeamCommand::Grant(GrantArgs { client, member }) => {
            let id = team::grant(&mut session, client, member)?;
            println!("{id}");
        }
        TeamCommand::Revoke(GrantArgs { client, member }) => {
            let id = team::revoke(&mut session, client, member)?;
            println!("{id}");
        }
        TeamCommand::ImportVault { file } => import_vault(cli, session, file, lang)?,
    }
    Ok(())
}

fn member(session: &mut TeamSession, command: &MemberCommand, lang: Lang) -> Result<(), CliError> {
    match command {
        MemberCommand::Add {
            name,
            role,
            display_name,
        } => {
            let password = member_password(name, lang)?;
            team::member_add(
                session,
                name,
                role_of(*role),
                &password,
                display_name.as_deref(),
            )?;
        }
        MemberCommand::DisplayName { name, display_name } => {
            team::member_set_display_name(session, name, display_name)?;
        }
        MemberCommand::Disable { name } => team::member_disable(session, name)?,
        MemberCommand::Enable { name } => team::member_enable(session, name)?,
        MemberCommand::Remove { name } => team::member_remove(session, name)?,
        MemberCommand::Password { name } => {
            let password = member_password(name, lang)?;
            team::member_set_password(session, name, &password)?;
        }
    }
    Ok(())
}

/// `team import-vault FILE`: the vault's passphrase is read as for every command on a vault.
fn import_vault(
    cli: &Cli,
    session: TeamSession,
    file: &std::path::Path,
    lang: Lang,
) -> Result<(), CliError> {
    let mut store = team::open_store(session)?;
    let passphrase = crate::secret::read(crate::secret::PASSPHRASE_VAR, lang)?;
    let moved = team::import_vault(&mut store, &cli.actor(), file, &passphrase)?;
    drop(passphrase);
    let said = pick(
        lang,
        format!(
            "已将保险库移入团队数据库：{} 个客户，新增 {} 行（{} 行已存在且相同），{} 个文件，{} 条审计记录",
            moved.clients, moved.added, moved.unchanged, moved.files, moved.entries
        ),
        format!(
            "vault moved into the team database: {} clients, {} rows added ({} already here unchanged), {} files, {} audit entries",
            moved.clients, moved.added, moved.unchanged, moved.files, moved.entries
        ),
    );
    println!("{said}");
    if moved.left_out > 0 {
        let n = moved.left_out;
        let said = pick(
            lang,
            format!("{n} 项评估未归属任何客户，未移入：它们仍在保险库中"),
            format!("{n} assessments filed under no client were not moved: they stay in the vault"),
        );
        println!("{said}");
    }
    Ok(())
}

fn role_of(role: RoleArg) -> MemberRole {
    match role {
        RoleArg::Author => MemberRole::Author,
        RoleArg::Reviewer => MemberRole::Reviewer,
        RoleArg::Approver => MemberRole::Approver,
        RoleArg::Admin => MemberRole::Admin,
    }
}

/// The connection's password, asked only when the server wants one and PGPASSWORD and the
/// password file had none; declined (`None`) without a terminal.
pub(crate) fn prompt_login(login: &Login, lang: Lang) -> Option<Zeroizing<String>> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    let (user, host, db) = (&login.user, &login.host, &login.dbname);
    let label = pick(
        lang,
        format!("{user} 在 {host}/{db} 的密码："),
        format!("Password for {user} on {host}/{db}: "),
    );
    rpassword::prompt_password(label).ok().map(Zeroizing::new)
}

/// A member's new password: DPODESK_MEMBER_PASSWORD, else typed twice at a hidden prompt.
fn member_password(name: &str, lang: Lang) -> Result<Zeroizing<String>, CliError> {
    if let Ok(text) = std::env::var(MEMBER_PASSWORD_VAR) {
        return Ok(Zeroizing::new(text));
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::NoPassphrase {
            var: MEMBER_PASSWORD_VAR,
        });
    }
    let ask = |zh: String, en: String| {
        rpassword::prompt_password(pick(lang, zh, en))
            .map(Zeroizing::new)
            .map_err(CliError::Prompt)
    };
    let first = ask(
        format!("{name} 的新密码："),
        format!("New password for {name}: "),
    )?;
    let second = ask(
        format!("再次输入 {name} 的新密码："),
        format!("Repeat the new password for {name}: "),
    )?;
    if first != second {
        return Err(CliError::PassphraseMismatch);
    }
    Ok(first)
}

fn pick(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
