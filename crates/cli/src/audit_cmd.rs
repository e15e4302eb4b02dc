//! `dpodesk audit verify`: walk the audit chain and name the first broken entry.

use dpodesk_core::{Lang, api};

use crate::cli::{AuditCommand, Cli};
use crate::error::CliError;
use crate::unlock;

pub fn run(cli: &Cli, command: &AuditCommand, lang: Lang) -> Result<(), CliError> {
    let vault = unlock::open(cli, lang)?;
    match command {
        AuditCommand::Verify => {
            let head = api::verify_audit(&vault)?;
            println!(
                "{}: {} {} · {} {}",
                lang.pick("审计链完整", "audit chain intact"),
                head.count,
                lang.pick("条记录", "entries"),
                lang.pick("链头", "head"),
                head.head_hash
            );
        }
    }
    api::lock_vault(vault)?;
    Ok(())
}
