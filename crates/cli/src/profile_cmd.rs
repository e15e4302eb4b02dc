//! `dpodesk profile set|show`: who reports are from — the memo's "from" line (name, role, firm)
//! and every report's author. Stored in the vault's settings by core.

use dpodesk_core::{Lang, api};

use crate::cli::{Cli, ProfileCommand};
use crate::error::CliError;
use crate::json_out;
use crate::unlock::Opened;

pub fn run(cli: &Cli, command: &ProfileCommand, lang: Lang) -> Result<(), CliError> {
    crate::with_store!(cli, lang, |store| run_on(cli, command, lang, store))
}

fn run_on<S: Opened>(
    cli: &Cli,
    command: &ProfileCommand,
    lang: Lang,
    mut store: S,
) -> Result<(), CliError> {
    let (profile, json) = match command {
        ProfileCommand::Set { name, role, firm } => (
            api::set_profile(
                &mut store,
                &cli.actor(),
                name.as_deref(),
                role.as_deref(),
                firm.as_deref(),
            )?,
            false,
        ),
        ProfileCommand::Show { json } => (api::profile(&store)?, *json),
    };
    store.close()?;
    if json {
        println!("{}", json_out::object(&profile));
    } else {
        let none = lang.pick("（未设置）", "(not set)");
        let or_none = |s: &str| {
            if s.is_empty() {
                none.to_owned()
            } else {
                s.to_owned()
            }
        };
        println!("{}: {}", lang.pick("姓名", "name"), or_none(&profile.name));
        println!("{}: {}", lang.pick("职务", "role"), or_none(&profile.role));
        println!("{}: {}", lang.pick("机构", "firm"), or_none(&profile.firm));
    }
    Ok(())
}
