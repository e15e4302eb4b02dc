//! `dpodesk bundle export --client NAME_OR_ID --out F.dpodesk` and `dpodesk bundle import
//! F.dpodesk`: one client's matter to and from an encrypted bundle. The bundle's passphrase is
//! its own (DPODESK_BUNDLE_PASSPHRASE, else a hidden prompt, typed twice on export); the vault's
//! is read as for every command. Both print the bundle's audit chain head, to keep outside.
//! With `--team` both work on the team database (the chain they report is the client's).

use dpodesk_core::{Lang, api};

use crate::cli::{BundleCommand, Cli};
use crate::error::CliError;
use crate::secret::{self, BUNDLE_PASSPHRASE_VAR};
use crate::unlock::Opened;

pub fn run(cli: &Cli, command: &BundleCommand, lang: Lang) -> Result<(), CliError> {
    match command {
        BundleCommand::Export { client, out } => {
            let info = crate::with_store!(cli, lang, |store| export_from(
                cli, client, out, lang, store
            ))?;
            println!(
                "{} {} ({} {}): {} {}, {} {}, {} {}",
                lang.pick("已写入事项包", "bundle written to"),
                info.path.display(),
                info.size,
                lang.pick("字节", "bytes"),
                info.rows,
                lang.pick("行", "rows"),
                info.evidence,
                lang.pick("个证据文件", "evidence files"),
                info.reports,
                lang.pick("份报告", "reports"),
            );
            print_head(
                lang,
                lang.pick("事项包审计链", "bundle audit chain"),
                (info.chain.count, &info.chain.head_hash),
            );
            print_head(
                lang,
                own_chain(cli, lang),
                (info.vault_head.count, &info.vault_head.head_hash),
            );
        }
        BundleCommand::Import { file } => {
            let info = crate::with_store!(cli, lang, |store| import_into(cli, file, lang, store))?;
            if info.already_imported {
                println!(
                    "{} {} ({}): {}",
                    lang.pick("该事项包此前已导入", "this bundle was imported before"),
                    info.client_name,
                    info.client_id,
                    lang.pick("没有新内容，未做任何更改", "nothing new, nothing changed"),
                );
            } else {
                println!(
                    "{} {} ({}) · {} {} {} · {} {}, {} {}",
                    lang.pick("已导入事项", "imported the matter of"),
                    info.client_name,
                    info.client_id,
                    lang.pick("导出者", "exported by"),
                    info.exported_by,
                    info.exported_at,
                    info.added,
                    lang.pick("行新增", "rows added"),
                    info.unchanged,
                    lang.pick("行已存在且相同", "already here unchanged"),
                );
            }
            print_head(
                lang,
                lang.pick("事项包审计链", "bundle audit chain"),
                (info.chain.count, &info.chain.head_hash),
            );
            print_head(
                lang,
                own_chain(cli, lang),
                (info.vault_head.count, &info.vault_head.head_hash),
            );
        }
    }
    Ok(())
}

/// The chain the export or import was recorded in: the vault's one chain, or on a team
/// database the client's own.
fn own_chain(cli: &Cli, lang: Lang) -> &'static str {
    if cli.team.is_some() {
        lang.pick(
            "团队数据库中该客户的审计链",
            "the client's team audit chain",
        )
    } else {
        lang.pick("本保险库审计链", "vault audit chain")
    }
}

/// Writes the client's matter from the store to `out`, and lets the store go before anything
/// is said.
fn export_from<S: Opened>(
    cli: &Cli,
    client: &str,
    out: &std::path::Path,
    lang: Lang,
    mut store: S,
) -> Result<dpodesk_core::bundle::ExportInfo, CliError> {
    let passphrase = secret::read_new_labeled(
        BUNDLE_PASSPHRASE_VAR,
        lang,
        [
            ("事项包的新密码：", "New passphrase for the bundle: "),
            ("再次输入事项包密码：", "Repeat the bundle passphrase: "),
        ],
    )?;
    let info = api::export_bundle(&mut store, &cli.actor(), client, out, &passphrase)?;
    drop(passphrase);
    store.close()?;
    Ok(info)
}

/// An audit chain's head (entry count, hash), to keep outside the vault.
fn print_head(lang: Lang, what: &str, (count, hash): (u64, &str)) {
    println!(
        "{what}: {count} {} · {} {hash}",
        lang.pick("条记录", "entries"),
        lang.pick("链头", "head"),
    );
}

/// Imports `file` into the store, all or nothing, and lets the store go before anything is said.
fn import_into<S: Opened>(
    cli: &Cli,
    file: &std::path::Path,
    lang: Lang,
    mut store: S,
) -> Result<dpodesk_core::bundle::ImportInfo, CliError> {
    // Refuse another kind of file or a newer format before asking for a passphrase.
    api::inspect_bundle(file)?;
    let passphrase = secret::read_labeled(
        BUNDLE_PASSPHRASE_VAR,
        lang,
        [("事项包密码：", "Bundle passphrase: "), ("", "")],
    )?;
    let info = api::import_bundle(&mut store, &cli.actor(), file, &passphrase)?;
    drop(passphrase);
    store.close()?;
    Ok(info)
}
