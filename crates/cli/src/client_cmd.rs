//! `dpodesk client …`: the client register.

use std::collections::HashMap;

use dpodesk_core::Lang;
use dpodesk_core::api::{self, ErasureView, NewClientRequest, RegisterKind};
use serde_json::{Value, json};

use crate::cli::{Cli, ClientCommand};
use crate::error::CliError;
use crate::unlock::Opened;
use crate::{json_out, retention_cmd, table};

pub fn run(cli: &Cli, command: &ClientCommand, lang: Lang) -> Result<(), CliError> {
    crate::with_store!(cli, lang, |store| run_on(cli, command, lang, store))
}

fn run_on<S: Opened>(
    cli: &Cli,
    command: &ClientCommand,
    lang: Lang,
    mut store: S,
) -> Result<(), CliError> {
    match command {
        ClientCommand::Add(args) => {
            let client = api::add_client(
                &mut store,
                &cli.actor(),
                NewClientRequest {
                    name: args.name.clone(),
                    matter: args.matter.clone(),
                    contact: args.contact.clone(),
                    notes: args.notes.clone(),
                },
            )?;
            store.close()?;
            println!("{}", client.id);
        }
        ClientCommand::List(args) => {
            let clients = api::clients(&store, args.all)?;
            if args.output.json {
                println!("{}", json_out::list(&clients));
            } else {
                let mut headers = vec![
                    "ID",
                    lang.pick("名称", "Name"),
                    lang.pick("事项", "Matter"),
                    lang.pick("联系人", "Contact"),
                ];
                if args.all {
                    headers.push(lang.pick("状态", "State"));
                }
                let rows: Vec<Vec<String>> = clients
                    .into_iter()
                    .map(|c| {
                        let mut row = vec![c.id, c.name, c.matter, c.contact];
                        if args.all {
                            let state = if c.archived {
                                lang.pick("已归档", "archived")
                            } else {
                                lang.pick("当前", "current")
                            };
                            row.push(state.to_owned());
                        }
                        row
                    })
                    .collect();
                table::print(&headers, &rows, lang.pick("没有客户", "no clients"));
            }
        }
        ClientCommand::Archive(args) => {
            let id = args.id.trim();
            api::set_archived(&mut store, &cli.actor(), RegisterKind::Client, id, true)?;
            store.close()?;
            println!("{} {}", lang.pick("已归档客户", "archived client"), id);
        }
        ClientCommand::Unarchive(args) => {
            let id = args.id.trim();
            api::set_archived(&mut store, &cli.actor(), RegisterKind::Client, id, false)?;
            store.close()?;
            println!(
                "{} {}",
                lang.pick("已取消归档客户", "unarchived client"),
                id
            );
        }
        ClientCommand::Edit(args) => crate::edit_cmd::client(cli, args, lang, store)?,
        ClientCommand::Erase(args) => {
            let erased = api::erase_client(&mut store, &cli.actor(), &args.client, &args.confirm)?;
            store.close()?;
            if args.output.json {
                println!("{}", erasure_json(&erased));
            } else {
                print_erasure(&erased, lang);
            }
        }
        ClientCommand::KeepUntil(args) => {
            retention_cmd::keep_until(cli, &mut store, api::KeptKind::Client, args, lang)?;
            store.close()?;
        }
        ClientCommand::DueForErasure(args) => {
            retention_cmd::due_for_erasure(&store, args, lang)?;
            store.close()?;
        }
    }
    Ok(())
}

/// An erasure in `--json` output; the README documents these fields.
fn erasure_json(e: &ErasureView) -> Value {
    json!({
        "format": json_out::FORMAT,
        "client_id": e.client_id,
        "data_sources": e.data_sources,
        "vendors": e.vendors,
        "assessments": e.assessments,
        "answers": e.answers,
        "links": e.links,
        "signoffs": e.signoffs,
        "evidence": e.evidence,
        "reports": e.reports,
        "actions": e.actions,
        "bundle_imports": e.bundle_imports,
        "audit_entries_blanked": e.audit_entries,
    })
}

fn print_erasure(e: &ErasureView, lang: Lang) {
    println!(
        "{} {}",
        lang.pick("已永久删除客户", "erased client"),
        e.client_id
    );
    let rows = [
        (lang.pick("数据来源", "data sources"), e.data_sources),
        (lang.pick("供应商", "vendors"), e.vendors),
        (
            lang.pick("评估（各版本）", "assessment versions"),
            e.assessments,
        ),
        (lang.pick("答案", "answers"), e.answers),
        (lang.pick("评估关联", "links"), e.links),
        (lang.pick("签署", "sign-offs"), e.signoffs),
        (lang.pick("证据文件", "evidence files"), e.evidence),
        (lang.pick("报告", "reports"), e.reports),
        (lang.pick("整改措施", "actions"), e.actions),
        (lang.pick("事项包导入", "bundle imports"), e.bundle_imports),
        (
            lang.pick("已清空内容的审计记录", "audit entries blanked"),
            e.audit_entries,
        ),
    ];
    for (label, count) in rows {
        println!("  {label}: {count}");
    }
    let closing = if e.kept_by_server {
        lang.pick(
            "审计链仍可验证。服务器在管理员运行 VACUUM 之前仍保留已删除的数据，此前的备份也保留：请告知数据库管理员（见 README“Erasure on the server”）。",
            "The audit chains still verify. The server keeps the deleted rows until its administrator runs VACUUM, and backups made earlier keep them: tell the database's administrator (README, \"Erasure on the server\").",
        )
    } else {
        lang.pick(
            "审计链仍可验证。此前制作的备份和事项包是您自己的副本，不受影响。",
            "The audit chain still verifies. Backups and bundles made earlier are your own copies and are not reached.",
        )
    };
    println!("{closing}");
}

/// The id of the client given as `--client NAME_OR_ID`, if any.
pub fn resolve<R: api::Read>(
    store: &R,
    name_or_id: Option<&str>,
) -> Result<Option<String>, CliError> {
    Ok(name_or_id
        .map(|given| api::resolve_client(store, given))
        .transpose()?
        .map(|client| client.id))
}

/// Every client's name by id, archived ones included, for the client column of other lists.
pub fn names<R: api::Read>(store: &R) -> Result<HashMap<String, String>, CliError> {
    Ok(api::clients(store, true)?
        .into_iter()
        .map(|client| (client.id, client.name))
        .collect())
}
