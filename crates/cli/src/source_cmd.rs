//! `dpodesk source …`: a client's data sources (collection channels).

use dpodesk_core::Lang;
use dpodesk_core::vault::{DataSource, DataSourceFilter, NewDataSource};
use serde_json::{Value, json};

use crate::cli::{Cli, SourceCommand};
use crate::error::CliError;
use crate::{client_cmd, table, unlock};

pub fn run(cli: &Cli, command: &SourceCommand, lang: Lang) -> Result<(), CliError> {
    let mut vault = unlock::open(cli, lang)?;
    match command {
        SourceCommand::Add(args) => {
            let client = vault.resolve_client(&args.client)?;
            let source = vault.add_data_source(
                &cli.actor(),
                &NewDataSource {
                    client_id: client.id,
                    name: args.name.clone(),
                    channel: args.channel.clone(),
                    platform: args.platform.clone(),
                    notes: args.notes.clone(),
                },
            )?;
            vault.lock()?;
            println!("{}", source.id);
        }
        SourceCommand::List(args) => {
            let sources = vault.data_sources(&DataSourceFilter {
                client_id: client_cmd::resolve(&vault, args.client.as_deref())?,
                include_archived: args.all,
            })?;
            if args.output.json {
                println!("{}", Value::from_iter(sources.iter().map(to_json)));
            } else {
                let clients = client_cmd::names(&vault)?;
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
        SourceCommand::Archive(args) => {
            let source = vault.archive_data_source(&cli.actor(), args.id.trim())?;
            vault.lock()?;
            println!(
                "{} {}",
                lang.pick("已归档数据来源", "archived data source"),
                source.id
            );
        }
    }
    Ok(())
}

/// A data source in `--json` output; the README documents these fields.
fn to_json(source: &DataSource) -> Value {
    json!({
        "id": source.id,
        "client_id": source.client_id,
        "name": source.name,
        "channel": source.channel,
        "platform": source.platform,
        "notes": source.notes,
        "archived": source.archived,
        "created_at": source.created_at,
        "updated_at": source.updated_at,
    })
}
