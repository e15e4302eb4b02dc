//! `dpodesk vault …`: create, check, re-key, back up and restore the vault.

use std::io::Write;
use std::path::Path;

use dpodesk_core::{Lang, api};

use crate::cli::{Cli, JsonArg, VaultCommand};
use crate::error::{CliError, FileLevel};
use crate::secret::{self, NEW_PASSPHRASE_VAR, PASSPHRASE_VAR};
use crate::unlock;

/// Why a vault command does not run with `--team`, and what to use instead.
pub fn team_refusal(command: &VaultCommand) -> CliError {
    CliError::VaultOnly(match command {
        VaultCommand::Init => FileLevel::Init,
        VaultCommand::Check(_) => FileLevel::Check,
        VaultCommand::Rekey => FileLevel::Rekey,
        VaultCommand::Backup { .. } => FileLevel::Backup,
        VaultCommand::Restore { .. } => FileLevel::Restore,
        VaultCommand::Soak { .. } => FileLevel::Soak,
    })
}

pub fn run(cli: &Cli, command: &VaultCommand, lang: Lang) -> Result<(), CliError> {
    match command {
        VaultCommand::Init => init(cli, lang),
        VaultCommand::Check(args) => check(cli, args, lang),
        VaultCommand::Rekey => rekey(cli, lang),
        VaultCommand::Backup { out, recovery } => backup(cli, out, *recovery, lang),
        VaultCommand::Restore { from } => restore(cli, from, lang),
        VaultCommand::Soak { count, prefix } => soak(cli, *count, prefix, lang),
    }
}

/// Creates the vault with a new passphrase and locks it again.
fn init(cli: &Cli, lang: Lang) -> Result<(), CliError> {
    let path = unlock::vault_path(cli)?;
    let passphrase = secret::read_new(PASSPHRASE_VAR, lang)?;
    let vault = api::create_vault(&path, &passphrase, &cli.actor())?;
    drop(passphrase);
    api::lock_vault(vault)?;
    println!(
        "{} {}",
        lang.pick("已创建保险库", "created vault"),
        path.display()
    );
    Ok(())
}

/// Opens the vault and prints what its checks found.
fn check(cli: &Cli, args: &JsonArg, lang: Lang) -> Result<(), CliError> {
    let check = api::check_vault(&unlock::open(cli, lang)?)?;
    if args.json {
        let json = serde_json::json!({
            "format": crate::json_out::FORMAT,
            "ok": true,
            "path": check.path.display().to_string(),
            "schema_version": check.schema_version,
            "cipher_version": check.cipher_version,
            "journal_mode": check.journal_mode,
            "audit_entries": check.audit_entries,
            "read_only": check.read_only,
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
    Ok(())
}

fn rekey(cli: &Cli, lang: Lang) -> Result<(), CliError> {
    let mut vault = unlock::open(cli, lang)?;
    let new_passphrase = secret::read_new(NEW_PASSPHRASE_VAR, lang)?;
    api::rekey(&mut vault, &new_passphrase, &cli.actor())?;
    api::lock_vault(vault)?;
    println!("{}", lang.pick("已更换密码", "passphrase changed"));
    Ok(())
}

/// Writes a backup, under the vault's passphrase or a separate recovery one.
fn backup(cli: &Cli, out: &Path, recovery: bool, lang: Lang) -> Result<(), CliError> {
    let mut vault = unlock::open(cli, lang)?;
    let recovery_passphrase = if recovery {
        Some(secret::read_new_labeled(
            NEW_PASSPHRASE_VAR,
            lang,
            [
                ("恢复密码：", "Recovery passphrase: "),
                ("再次输入恢复密码：", "Repeat the recovery passphrase: "),
            ],
        )?)
    } else {
        None
    };
    let info = api::backup(&mut vault, &cli.actor(), out, recovery_passphrase.as_ref())?;
    drop(recovery_passphrase);
    api::lock_vault(vault)?;
    let needs = if recovery {
        lang.pick(
            "恢复时需输入恢复密码；请将该副本和恢复密码分开妥善保管",
            "restoring it needs the recovery passphrase; keep the copy and that passphrase apart, somewhere safe",
        )
    } else {
        lang.pick(
            "恢复时需输入当前密码",
            "restoring it needs the current passphrase",
        )
    };
    println!(
        "{} {} ({} {}, {} {}); {}",
        if recovery {
            lang.pick("已写入恢复副本", "recovery copy written to")
        } else {
            lang.pick("已写入备份", "backup written to")
        },
        info.path.display(),
        info.size,
        lang.pick("字节", "bytes"),
        info.audit_entries,
        lang.pick("条审计记录", "audit entries"),
        needs,
    );
    Ok(())
}

/// Replaces the vault with a verified backup, keeping the old one aside.
fn restore(cli: &Cli, from: &Path, lang: Lang) -> Result<(), CliError> {
    let target = unlock::vault_path(cli)?;
    if std::env::var_os(PASSPHRASE_VAR).is_none() {
        eprintln!(
            "{}",
            lang.pick(
                "请输入制作该备份时保险库所用的密码（不一定是当前密码）。",
                "Enter the passphrase the backup was made under (not necessarily the current one)."
            )
        );
    }
    let passphrase = secret::read(PASSPHRASE_VAR, lang)?;
    let (vault, info) = api::restore_vault(&target, from, &passphrase, &cli.actor())?;
    drop(passphrase);
    api::lock_vault(vault)?;
    println!(
        "{} {} ({} {})",
        lang.pick("已从备份恢复保险库", "vault restored from the backup to"),
        info.path.display(),
        info.audit_entries,
        lang.pick("条审计记录已校验", "audit entries verified"),
    );
    println!(
        "{}",
        lang.pick(
            "保险库的密码现为制作该备份时所用的密码。",
            "The vault's passphrase is now the one the backup was made under."
        )
    );
    if let Some(previous) = info.previous {
        println!(
            "{} {}",
            lang.pick(
                "原保险库已保留在（确认无误后可删除）",
                "the previous vault is kept at (delete it once satisfied)"
            ),
            previous.display()
        );
    }
    Ok(())
}

/// The crash-safety soak's writer: audited inserts, each key printed once committed.
fn soak(cli: &Cli, count: u64, prefix: &str, lang: Lang) -> Result<(), CliError> {
    let mut vault = unlock::open(cli, lang)?;
    let actor = cli.actor();
    let stdout = std::io::stdout();
    for i in 0..count {
        let key = format!("{prefix}.{i}");
        // An audited insert (one transaction with its audit entry), then a plain setting.
        api::soak_step(&mut vault, &actor, &key, &format!("value {i}"))?;
        // The key is printed only once the transaction has committed.
        let mut out = stdout.lock();
        writeln!(out, "{key}")
            .and_then(|()| out.flush())
            .map_err(|source| CliError::Write {
                path: "<stdout>".into(),
                source,
            })?;
    }
    api::lock_vault(vault)?;
    Ok(())
}
