//! `dpodesk audit verify`: walk the audit chain and name the first broken entry.

use dpodesk_core::Lang;

use crate::cli::{AuditCommand, Cli};
use crate::error::CliError;
use crate::unlock;

pub fn run(cli: &Cli, command: &AuditCommand, lang: Lang) -> Result<(), CliError> {
    let vault = unlock::open(cli, lang)?;
    match command {
        AuditCommand::Verify => {
            let head = vault.verify_audit()?;
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
    vault.lock()?;
    Ok(())
}
