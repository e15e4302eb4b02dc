//! `dpodesk audit verify`: walk the audit chain and name the first broken entry.

use dpodesk_core::{Lang, api};

use crate::cli::{AuditCommand, Cli};
use crate::error::CliError;
use crate::unlock::Opened;

pub fn run(cli: &Cli, command: &AuditCommand, lang: Lang) -> Result<(), CliError> {
    crate::with_store!(cli, lang, |store| run_on(command, lang, store))
}

fn run_on<S: Opened>(command: &AuditCommand, lang: Lang, store: S) -> Result<(), CliError> {
    match command {
        AuditCommand::Verify => {
            let head = api::verify_audit(&store)?;
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
    store.close()?;
    Ok(())
}
