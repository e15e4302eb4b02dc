//! `dpodesk vault …`: create, check and re-key the vault.

use dpodesk_core::{Lang, Vault};

use crate::cli::{Cli, VaultCommand};
use crate::error::CliError;
use crate::secret::{self, NEW_PASSPHRASE_VAR, PASSPHRASE_VAR};
use crate::unlock;

pub fn run(cli: &Cli, command: &VaultCommand, lang: Lang) -> Result<(), CliError> {
    match command {
        VaultCommand::Init => {
            let path = unlock::vault_path(cli)?;
            let passphrase = secret::read_new(PASSPHRASE_VAR, lang)?;
            let vault = Vault::create(&path, &passphrase, &cli.actor())?;
            drop(passphrase);
            vault.lock()?;
            println!(
                "{} {}",
                lang.pick("已创建保险库", "created vault"),
                path.display()
            );
        }
        VaultCommand::Check(args) => {
            let check = unlock::open(cli, lang)?.check()?;
            if args.json {
                let json = serde_json::json!({
                    "ok": true,
                    "path": check.path.display().to_string(),
                    "schema_version": check.schema_version,
                    "cipher_version": check.cipher_version,
                    "journal_mode": check.journal_mode,
                    "audit_entries": check.audit_entries,
                });
                println!("{json}");
            } else {
                println!(
                    "{}: {} ({} {}, SQLCipher {}, {} {})",
                    lang.pick("正常", "ok"),
                    check.path.display(),
                    lang.pick("结构版本", "schema"),
                    check.schema_version,
                    check.cipher_version,
                    check.audit_entries,
                    lang.pick("条审计记录", "audit entries"),
                );
            }
        }
        VaultCommand::Rekey => {
            let mut vault = unlock::open(cli, lang)?;
            let new_passphrase = secret::read_new(NEW_PASSPHRASE_VAR, lang)?;
            vault.rekey(&new_passphrase, &cli.actor())?;
            vault.lock()?;
            println!("{}", lang.pick("已更换密码", "passphrase changed"));
        }
    }
    Ok(())
}
