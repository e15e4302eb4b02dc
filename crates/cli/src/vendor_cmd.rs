//! `dpodesk vendor …`: a client's vendors and processors, and the reviews coming due.

use dpodesk_core::Lang;
use dpodesk_core::vault::{NewVendor, Vendor, VendorFilter};
use serde_json::{Value, json};

use crate::cli::{Cli, VendorCommand};
use crate::error::CliError;
use crate::{client_cmd, table, unlock};

pub fn run(cli: &Cli, command: &VendorCommand, lang: Lang) -> Result<(), CliError> {
    let mut vault = unlock::open(cli, lang)?;
    match command {
        VendorCommand::Add(args) => {
            let client = vault.resolve_client(&args.client)?;
            let vendor = vault.add_vendor(
                &cli.actor(),
                &NewVendor {
                    client_id: client.id,
                    name: args.name.clone(),
                    country: args.country.clone(),
                    service: args.service.clone(),
                    contact: args.contact.clone(),
                    next_review: args.next_review.clone(),
                    notes: args.notes.clone(),
                },
            )?;
            vault.lock()?;
            println!("{}", vendor.id);
        }
        VendorCommand::List(args) => {
            let vendors = vault.vendors(&VendorFilter {
                client_id: client_cmd::resolve(&vault, args.client.as_deref())?,
                review_due_by: args.due_by.clone(),
                include_archived: args.all,
            })?;
            if args.output.json {
                println!("{}", Value::from_iter(vendors.iter().map(to_json)));
            } else {
                let clients = client_cmd::names(&vault)?;
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
        VendorCommand::Archive(args) => {
            let vendor = vault.archive_vendor(&cli.actor(), args.id.trim())?;
            vault.lock()?;
            println!(
                "{} {}",
                lang.pick("已归档供应商", "archived vendor"),
                vendor.id
            );
        }
    }
    Ok(())
}

/// A vendor in `--json` output; the README documents these fields.
fn to_json(vendor: &Vendor) -> Value {
    json!({
        "id": vendor.id,
        "client_id": vendor.client_id,
        "name": vendor.name,
        "country": vendor.country,
        "service": vendor.service,
        "contact": vendor.contact,
        "next_review": vendor.next_review,
        "notes": vendor.notes,
        "archived": vendor.archived,
        "created_at": vendor.created_at,
        "updated_at": vendor.updated_at,
    })
}
