//! `dpodesk client|source|vendor edit ID …`: change the fields given, keep the others. The edit
//! carries the version it started from — the entry's `updated_at` as `--if-version` gives it (from
//! a `list --json` read earlier), else as read here — so a colleague's change made since is
//! refused as stale, naming who and when, rather than overwritten.

use clap::Args;
use dpodesk_core::Lang;
use dpodesk_core::api::{self, UpdateClientRequest, UpdateDataSourceRequest, UpdateVendorRequest};

use crate::cli::Cli;
use crate::error::CliError;
use crate::unlock::Opened;

/// What every edit takes besides its fields.
#[derive(Debug, Args)]
pub struct EditTarget {
    /// The entry's id (a client: its id or exact name)
    #[arg(value_name = "ID")]
    pub id: String,
    /// The entry's `updated_at` as you read it (e.g. from `list --json`): refused if anyone
    /// changed the entry since. Default: the entry as this command reads it
    #[arg(long, value_name = "UPDATED_AT")]
    pub if_version: Option<String>,
}

#[derive(Debug, Args)]
pub struct ClientEditArgs {
    #[command(flatten)]
    pub target: EditTarget,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub matter: Option<String>,
    #[arg(long)]
    pub contact: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct SourceEditArgs {
    #[command(flatten)]
    pub target: EditTarget,
    #[arg(long)]
    pub name: Option<String>,
    /// The channel's code (see `templates list`)
    #[arg(long)]
    pub channel: Option<String>,
    /// Platforms, comma-separated
    #[arg(long)]
    pub platform: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct VendorEditArgs {
    #[command(flatten)]
    pub target: EditTarget,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub country: Option<String>,
    #[arg(long)]
    pub service: Option<String>,
    #[arg(long)]
    pub contact: Option<String>,
    /// YYYY-MM-DD, or "" for none
    #[arg(long, value_name = "DATE")]
    pub next_review: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

/// The field as given, else as read.
fn given(field: &Option<String>, read: String) -> String {
    field.clone().unwrap_or(read)
}

/// The version the edit carries: the one the user read, else the one read here.
fn version(target: &EditTarget, read: String) -> Option<String> {
    Some(target.if_version.clone().unwrap_or(read))
}

pub fn client<S: Opened>(
    cli: &Cli,
    args: &ClientEditArgs,
    lang: Lang,
    mut store: S,
) -> Result<(), CliError> {
    let read = api::resolve_client(&store, args.target.id.trim())?;
    let request = UpdateClientRequest {
        id: read.id.clone(),
        name: given(&args.name, read.name),
        matter: given(&args.matter, read.matter),
        contact: given(&args.contact, read.contact),
        notes: given(&args.notes, read.notes),
        version: version(&args.target, read.updated_at),
    };
    let edited = api::update_client(&mut store, &cli.actor(), &request)?;
    store.close()?;
    said(lang.pick("已修改客户", "edited client"), &edited.id);
    Ok(())
}

pub fn source<S: Opened>(
    cli: &Cli,
    args: &SourceEditArgs,
    lang: Lang,
    mut store: S,
) -> Result<(), CliError> {
    let read = api::data_source(&store, args.target.id.trim())?;
    let request = UpdateDataSourceRequest {
        id: read.id.clone(),
        name: given(&args.name, read.name),
        channel: given(&args.channel, read.channel),
        platform: given(&args.platform, read.platform),
        notes: given(&args.notes, read.notes),
        version: version(&args.target, read.updated_at),
    };
    let edited = api::update_data_source(&mut store, &cli.actor(), &request)?;
    store.close()?;
    said(
        lang.pick("已修改数据来源", "edited data source"),
        &edited.id,
    );
    Ok(())
}

pub fn vendor<S: Opened>(
    cli: &Cli,
    args: &VendorEditArgs,
    lang: Lang,
    mut store: S,
) -> Result<(), CliError> {
    let read = api::vendor(&store, args.target.id.trim())?;
    let request = UpdateVendorRequest {
        id: read.id.clone(),
        name: given(&args.name, read.name),
        country: given(&args.country, read.country),
        service: given(&args.service, read.service),
        contact: given(&args.contact, read.contact),
        next_review: given(&args.next_review, read.next_review.unwrap_or_default()),
        notes: given(&args.notes, read.notes),
        version: version(&args.target, read.updated_at),
    };
    let edited = api::update_vendor(&mut store, &cli.actor(), &request)?;
    store.close()?;
    said(lang.pick("已修改供应商", "edited vendor"), &edited.id);
    Ok(())
}

fn said(what: &str, id: &str) {
    println!("{what} {id}");
}
