//! `dpodesk action …`: corrective actions, their status, owner and due date.

use dpodesk_core::vault::{Action, ActionFilter, ActionStatus, NewAction, UpdateAction};
use dpodesk_core::{Lang, time};
use serde_json::{Value, json};

use crate::cli::{ActionCommand, Cli};
use crate::error::CliError;
use crate::{client_cmd, table, unlock};

pub fn run(cli: &Cli, command: &ActionCommand, lang: Lang) -> Result<(), CliError> {
    let mut vault = unlock::open(cli, lang)?;
    match command {
        ActionCommand::Add(args) => {
            let action = vault.add_action(
                &cli.actor(),
                &NewAction {
                    assessment_id: args.assessment.clone(),
                    client_id: client_cmd::resolve(&vault, args.client.as_deref())?,
                    finding_id: args.finding.clone(),
                    title: args.title.clone(),
                    owner: args.owner.clone(),
                    due_date: args.due.clone(),
                    status: ActionStatus::Open,
                    note: args.note.clone(),
                },
            )?;
            vault.lock()?;
            println!("{}", action.id);
        }
        ActionCommand::List(args) => {
            let actions = vault.actions(&ActionFilter {
                client_id: client_cmd::resolve(&vault, args.client.as_deref())?,
                assessment_id: args.assessment.clone(),
                status: args.status.as_deref().map(str::parse).transpose()?,
                overdue_on: args.overdue.then(time::today),
            })?;
            if args.output.json {
                println!("{}", Value::from_iter(actions.iter().map(to_json)));
            } else {
                let clients = client_cmd::names(&vault)?;
                let rows: Vec<Vec<String>> = actions
                    .into_iter()
                    .map(|a| {
                        let client = a
                            .client_id
                            .and_then(|id| clients.get(&id).cloned())
                            .unwrap_or_default();
                        vec![
                            a.id,
                            a.status.label(lang).to_owned(),
                            a.due_date.unwrap_or_default(),
                            a.owner,
                            client,
                            a.title,
                        ]
                    })
                    .collect();
                table::print(
                    &[
                        "ID",
                        lang.pick("状态", "Status"),
                        lang.pick("截止日期", "Due"),
                        lang.pick("负责人", "Owner"),
                        lang.pick("客户", "Client"),
                        lang.pick("标题", "Title"),
                    ],
                    &rows,
                    lang.pick("没有整改措施", "no actions"),
                );
            }
        }
        ActionCommand::Update(args) => {
            let action = vault.update_action(
                &cli.actor(),
                args.id.trim(),
                &UpdateAction {
                    status: args.status.as_deref().map(str::parse).transpose()?,
                    owner: args.owner.clone(),
                    due_date: args.due.clone(),
                    note: args.note.clone(),
                },
            )?;
            vault.lock()?;
            println!(
                "{} {} ({})",
                lang.pick("已更新整改措施", "updated action"),
                action.id,
                action.status.label(lang)
            );
        }
    }
    Ok(())
}

/// An action in `--json` output; the README documents these fields.
fn to_json(action: &Action) -> Value {
    json!({
        "id": action.id,
        "client_id": action.client_id,
        "assessment_id": action.assessment_id,
        "finding_id": action.finding_id,
        "title": action.title,
        "owner": action.owner,
        "due_date": action.due_date,
        "status": action.status.as_str(),
        "note": action.note,
        "created_at": action.created_at,
        "updated_at": action.updated_at,
    })
}
