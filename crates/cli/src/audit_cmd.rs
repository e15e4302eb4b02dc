//! `dpodesk audit verify`: walk the audit chain and name the first broken entry. On a team
//! database, every chain the member may check (an admin: all), each named, and a member who is
//! not an admin is told which were left out.

use dpodesk_core::{Lang, api};

use crate::cli::{AuditCommand, Cli};
use crate::error::CliError;
use crate::unlock::Opened;

pub fn run(cli: &Cli, command: &AuditCommand, lang: Lang) -> Result<(), CliError> {
    crate::with_store!(cli, lang, |store| run_on(command, lang, store))
}

fn run_on<S: Opened>(command: &AuditCommand, lang: Lang, store: S) -> Result<(), CliError> {
    match command {
        AuditCommand::Verify => {
            let checked = api::check_audit(&store)?;
            print_check(&checked, lang);
        }
    }
    store.close()?;
    Ok(())
}

fn print_check(checked: &api::AuditCheckView, lang: Lang) {
    let entries = lang.pick("条记录", "entries");
    if !checked.head_hash.is_empty() {
        println!(
            "{}: {} {entries} · {} {}",
            lang.pick("审计链完整", "audit chain intact"),
            checked.entries,
            lang.pick("链头", "head"),
            checked.head_hash
        );
        return;
    }
    println!(
        "{}: {} {} · {} {entries}",
        lang.pick("审计链完整", "audit chains intact"),
        checked.chains.len(),
        lang.pick("条链", "chains"),
        checked.entries,
    );
    for chain in &checked.chains {
        let whose = match (&chain.client_id, &chain.client_name) {
            (Some(id), Some(name)) => format!("{name} ({id})"),
            (Some(id), None) => format!("{} ({id})", lang.pick("已删除的客户", "erased client")),
            (None, _) => lang
                .pick(
                    "事务所（不属于任何客户的记录）",
                    "the firm (entries about no client)",
                )
                .to_owned(),
        };
        println!(
            "  {whose}: {} {entries} · {} {}",
            chain.entries,
            lang.pick("链头", "head"),
            chain.head_hash
        );
    }
    if !checked.all_chains {
        println!(
            "{}",
            lang.pick(
                "未授权给您的客户的审计链未检查：管理员可检查全部审计链。",
                "The chains of clients not granted to you were not checked: an admin checks them all."
            )
        );
    }
}
