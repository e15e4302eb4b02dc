//! `dpodesk action …`: corrective actions, their status, owner and due date.

use dpodesk_core::api::{self, ActionChange, ActionInfo, ActionQuery, NewActionRequest};
use dpodesk_core::{Lang, time};

use crate::cli::{ActionCommand, Cli};
use crate::error::CliError;
use crate::unlock::Opened;
use crate::{client_cmd, json_out, table};

pub fn run(cli: &Cli, command: &ActionCommand, lang: Lang) -> Result<(), CliError> {
    crate::with_store!(cli, lang, |store| run_on(cli, command, lang, store))
}

fn run_on<S: Opened>(
    cli: &Cli,
    command: &ActionCommand,
    lang: Lang,
    mut store: S,
) -> Result<(), CliError> {
    let today = time::today();
    match command {
        ActionCommand::Add(args) => {
            let request = NewActionRequest {
                assessment_id: args.assessment.clone(),
                client_id: client_cmd::resolve(&store, args.client.as_deref())?,
                finding_id: args.finding.clone(),
                title: args.title.clone(),
                owner: args.owner.clone(),
                due_date: args.due.clone().unwrap_or_default(),
                note: args.note.clone(),
                another: args.another,
            };
            let action = api::add_action(&mut store, &cli.actor(), &request, &today)?;
            store.close()?;
            println!("{}", action.id);
        }
        ActionCommand::List(args) => {
            let client_id = client_cmd::resolve(&store, args.client.as_deref())?;
            let query = ActionQuery {
                client_id: client_id.as_deref(),
                assessment_id: args.assessment.as_deref(),
                status: args.status.as_deref(),
                overdue_only: args.overdue,
            };
            let actions = api::find_actions(&store, &query, &today)?;
            if args.output.json {
                println!("{}", json_out::list(&actions));
            } else {
                let clients = client_cmd::names(&store)?;
                let rows: Vec<Vec<String>> = actions
                    .into_iter()
                    .map(|a| {
                        let client = a
                            .client_id
                            .as_ref()
                            .and_then(|id| clients.get(id).cloned())
                            .unwrap_or_default();
                        vec![
                            a.id.clone(),
                            label(&a, lang).to_owned(),
                            a.due_date.clone().unwrap_or_default(),
                            a.owner.clone(),
                            client,
                            title(&a, lang).to_owned(),
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
            let change = ActionChange {
                status: args.status.as_deref(),
                title: args.title.clone(),
                owner: args.owner.clone(),
                due_date: args.due.clone(),
                note: args.note.clone(),
            };
            let action = api::change_action_read(
                &mut store,
                &cli.actor(),
                args.id.trim(),
                change,
                &today,
                args.if_version.as_deref(),
            )?;
            store.close()?;
            println!(
                "{} {} ({})",
                lang.pick("已更新整改措施", "updated action"),
                action.id,
                // A word inside the sentence here, not a label on its own (as in the list).
                label(&action, lang).to_lowercase()
            );
        }
    }
    Ok(())
}

/// The title in the user's language: the finding's words when it was taken from one.
fn title(action: &ActionInfo, lang: Lang) -> &str {
    action
        .title_words
        .as_ref()
        .map_or(action.title.as_str(), |words| {
            lang.pick(&words.zh, &words.en)
        })
}

/// The status in the user's language, as core words it.
fn label(action: &ActionInfo, lang: Lang) -> &str {
    lang.pick(&action.status.label.zh, &action.status.label.en)
}
