//! `dpodesk profile set|show`: who reports are from — the memo's "from" line (name, role, firm)
//! and every report's author. Stored in the vault's settings by core.

use dpodesk_core::Lang;

use crate::cli::{Cli, ProfileCommand};
use crate::error::CliError;
use crate::unlock;

pub fn run(cli: &Cli, command: &ProfileCommand, lang: Lang) -> Result<(), CliError> {
    let mut vault = unlock::open(cli, lang)?;
    let (profile, json) = match command {
        ProfileCommand::Set { name, role, firm } => (
            vault.set_profile(
                &cli.actor(),
                name.as_deref(),
                role.as_deref(),
                firm.as_deref(),
            )?,
            false,
        ),
        ProfileCommand::Show { json } => (vault.profile()?, *json),
    };
    if json {
        let json = serde_json::json!({
            "name": profile.name,
            "role": profile.role,
            "firm": profile.firm,
        });
        println!("{json}");
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
