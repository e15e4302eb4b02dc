//! `dpodesk source …`: a client's data sources (collection channels).

use dpodesk_core::Lang;
use dpodesk_core::api::{self, NewDataSourceRequest, RegisterKind};

use crate::cli::{Cli, SourceCommand};
use crate::error::CliError;
use crate::{client_cmd, json_out, table, unlock};

pub fn run(cli: &Cli, command: &SourceCommand, lang: Lang) -> Result<(), CliError> {
    let mut vault = unlock::open(cli, lang)?;
    match command {
        SourceCommand::Add(args) => {
            let client = api::resolve_client(&vault, &args.client)?;
            let source = api::add_data_source(
                &mut vault,
                &cli.actor(),
                NewDataSourceRequest {
                    client_id: client.id,
                    name: args.name.clone(),
                    channel: args.channel.clone(),
                    platform: args.platform.clone(),
                    notes: args.notes.clone(),
                },
            )?;
            api::lock_vault(vault)?;
            println!("{}", source.id);
        }
        SourceCommand::List(args) => {
            let client_id = client_cmd::resolve(&vault, args.client.as_deref())?;
            let sources = api::data_sources(&vault, client_id.as_deref(), args.all)?;
            if args.output.json {
                println!("{}", json_out::list(&sources));
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
            let id = args.id.trim();
            api::set_archived(&mut vault, &cli.actor(), RegisterKind::DataSource, id, true)?;
            api::lock_vault(vault)?;
            println!(
                "{} {}",
                lang.pick("已归档数据来源", "archived data source"),
                id
            );
        }
    }
    Ok(())
}
