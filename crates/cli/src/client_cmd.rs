//! `dpodesk client …`: the client register.

use std::collections::HashMap;

use dpodesk_core::vault::{Client, NewClient};
use dpodesk_core::{Lang, Vault};
use serde_json::{Value, json};

use crate::cli::{Cli, ClientCommand};
use crate::error::CliError;
use crate::{table, unlock};

pub fn run(cli: &Cli, command: &ClientCommand, lang: Lang) -> Result<(), CliError> {
    let mut vault = unlock::open(cli, lang)?;
    match command {
        ClientCommand::Add(args) => {
            let client = vault.add_client(
                &cli.actor(),
                &NewClient {
                    name: args.name.clone(),
                    matter: args.matter.clone(),
                    contact: args.contact.clone(),
                    notes: args.notes.clone(),
                },
            )?;
            vault.lock()?;
            println!("{}", client.id);
        }
        ClientCommand::List(args) => {
            let clients = vault.clients(args.all)?;
            if args.output.json {
                println!("{}", Value::from_iter(clients.iter().map(to_json)));
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
            let client = vault.archive_client(&cli.actor(), args.id.trim())?;
            vault.lock()?;
            println!(
                "{} {}",
                lang.pick("已归档客户", "archived client"),
                client.id
            );
        }
        ClientCommand::Unarchive(args) => {
            let client = vault.unarchive_client(&cli.actor(), args.id.trim())?;
            vault.lock()?;
            println!(
                "{} {}",
                lang.pick("已取消归档客户", "unarchived client"),
                client.id
            );
        }
    }
    Ok(())
}

/// A client in `--json` output; the README documents these fields.
fn to_json(client: &Client) -> Value {
    json!({
        "id": client.id,
        "name": client.name,
        "matter": client.matter,
        "contact": client.contact,
        "notes": client.notes,
        "archived": client.archived,
        "created_at": client.created_at,
        "updated_at": client.updated_at,
    })
}

/// The id of the client given as `--client NAME_OR_ID`, if any.
pub fn resolve(vault: &Vault, name_or_id: Option<&str>) -> Result<Option<String>, CliError> {
    Ok(name_or_id
        .map(|given| vault.resolve_client(given))
        .transpose()?
        .map(|client| client.id))
}

/// Every client's name by id, archived ones included, for the client column of other lists.
pub fn names(vault: &Vault) -> Result<HashMap<String, String>, CliError> {
    Ok(vault
        .clients(true)?
        .into_iter()
        .map(|client| (client.id, client.name))
        .collect())
}
