//! `dpodesk source …`: a client's data sources (collection channels).

use dpodesk_core::Lang;
use dpodesk_core::api::{self, NewDataSourceRequest, RegisterKind};

use crate::cli::{Cli, SourceCommand};
use crate::error::CliError;
use crate::unlock::Opened;
use crate::{client_cmd, json_out, table};

pub fn run(cli: &Cli, command: &SourceCommand, lang: Lang) -> Result<(), CliError> {
    crate::with_store!(cli, lang, |store| run_on(cli, command, lang, store))
}

fn run_on<S: Opened>(
    cli: &Cli,
    command: &SourceCommand,
    lang: Lang,
    mut store: S,
) -> Result<(), CliError> {
    match command {
        SourceCommand::Add(args) => {
            let client = api::resolve_client(&store, &args.client)?;
            let source = api::add_data_source(
                &mut store,
                &cli.actor(),
                NewDataSourceRequest {
                    client_id: client.id,
                    name: args.name.clone(),
                    channel: args.channel.clone(),
                    platform: args.platform.clone(),
                    notes: args.notes.clone(),
                },
            )?;
            store.close()?;
            println!("{}", source.id);
        }
        SourceCommand::List(args) => {
            let client_id = client_cmd::resolve(&store, args.client.as_deref())?;
            let sources = api::data_sources(&store, client_id.as_deref(), args.all)?;
            if args.output.json {
                println!("{}", json_out::list(&sources));
            } else {
                let clients = client_cmd::names(&store)?;
                let rows: Vec<Vec<String>> = sources
                    .into_iter()
                    .map(|s| {
                        let client = clients.get(&s.client_id).cloned().unwrap_or_default();
                        vec![s.id, client, s.name, s.channel, s.platform]
                    })
                    .collect();
                table::print(
                    &[
                        "ID",
                        lang.pick("客户", "Client"),
                        lang.pick("名称", "Name"),
                        lang.pick("渠道", "Channel"),
                        lang.pick("平台", "Platform"),
                    ],
                    &rows,
                    lang.pick("没有数据来源", "no data sources"),
                );
            }
        }
        SourceCommand::Edit(args) => crate::edit_cmd::source(cli, args, lang, store)?,
        SourceCommand::Archive(args) => {
            let id = args.id.trim();
            api::set_archived(&mut store, &cli.actor(), RegisterKind::DataSource, id, true)?;
            store.close()?;
            println!(
                "{} {}",
                lang.pick("已归档数据来源", "archived data source"),
                id
            );
        }
    }
    Ok(())
}
