//! `dpodesk vendor …`: a client's vendors and processors, and the reviews coming due.

use dpodesk_core::Lang;
use dpodesk_core::api::{self, NewVendorRequest, RegisterKind};

use crate::cli::{Cli, VendorCommand};
use crate::error::CliError;
use crate::unlock::Opened;
use crate::{client_cmd, json_out, table};

pub fn run(cli: &Cli, command: &VendorCommand, lang: Lang) -> Result<(), CliError> {
    crate::with_store!(cli, lang, |store| run_on(cli, command, lang, store))
}

fn run_on<S: Opened>(
    cli: &Cli,
    command: &VendorCommand,
    lang: Lang,
    mut store: S,
) -> Result<(), CliError> {
    match command {
        VendorCommand::Add(args) => {
            let client = api::resolve_client(&store, &args.client)?;
            let vendor = api::add_vendor(
                &mut store,
                &cli.actor(),
                NewVendorRequest {
                    client_id: client.id,
                    name: args.name.clone(),
                    country: args.country.clone(),
                    service: args.service.clone(),
                    contact: args.contact.clone(),
                    next_review: args.next_review.clone().unwrap_or_default(),
                    notes: args.notes.clone(),
                },
            )?;
            store.close()?;
            println!("{}", vendor.id);
        }
        VendorCommand::List(args) => {
            let client_id = client_cmd::resolve(&store, args.client.as_deref())?;
            let vendors = api::vendors(
                &store,
                client_id.as_deref(),
                args.due_by.as_deref(),
                args.all,
            )?;
            if args.output.json {
                println!("{}", json_out::list(&vendors));
            } else {
                let clients = client_cmd::names(&store)?;
                let rows: Vec<Vec<String>> = vendors
                    .into_iter()
                    .map(|v| {
                        let client = clients.get(&v.client_id).cloned().unwrap_or_default();
                        let review = v.next_review.unwrap_or_default();
                        vec![v.id, client, v.name, v.country, v.service, review]
                    })
                    .collect();
                table::print(
                    &[
                        "ID",
                        lang.pick("客户", "Client"),
                        lang.pick("名称", "Name"),
                        lang.pick("国家或地区", "Country"),
                        lang.pick("服务", "Service"),
                        lang.pick("下次复核", "Next review"),
                    ],
                    &rows,
                    lang.pick("没有供应商", "no vendors"),
                );
            }
        }
        VendorCommand::Edit(args) => crate::edit_cmd::vendor(cli, args, lang, store)?,
        VendorCommand::Archive(args) => {
            let id = args.id.trim();
            api::set_archived(&mut store, &cli.actor(), RegisterKind::Vendor, id, true)?;
            store.close()?;
            println!("{} {}", lang.pick("已归档供应商", "archived vendor"), id);
        }
    }
    Ok(())
}
