//! `dpodesk demo --out DIR [--force] [--date]`: a fresh demo vault with sample assessments of all
//! three kinds and every report in zh, en and bi. Building it is core's (`dpodesk_core::demo`);
//! this door picks the passphrase (DPODESK_PASSPHRASE, else the documented demo passphrase, which
//! it prints) and the date.

use dpodesk_core::demo::{self, DEMO_CLIENT, DEMO_PASSPHRASE, DEMO_VAULT_FILE};
use dpodesk_core::{Lang, Passphrase};

use crate::cli::DemoArgs;
use crate::error::CliError;
use crate::report_cmd::date_or_today;
use crate::secret::PASSPHRASE_VAR;

pub fn run(args: &DemoArgs, lang: Lang) -> Result<(), CliError> {
    let vault = args.out.join(DEMO_VAULT_FILE);
    if !args.force && vault.symlink_metadata().is_ok() {
        return Err(CliError::OutputExists(vault));
    }
    let (passphrase, shown) = match std::env::var(PASSPHRASE_VAR) {
        Ok(text) => (Passphrase::new(text), None),
        Err(_) => (
            Passphrase::new(DEMO_PASSPHRASE.to_owned()),
            Some(DEMO_PASSPHRASE),
        ),
    };
    let date = date_or_today(args.date.as_deref());
    let made = demo::create(&args.out, &passphrase, &date, args.force)?;
    println!(
        "{} {}",
        lang.pick("已创建演示保险库", "created demo vault"),
        made.vault.display()
    );
    if let Some(shown) = shown {
        println!(
            "{}: {shown}",
            lang.pick(
                "演示密码（未设置 DPODESK_PASSPHRASE）",
                "demo passphrase (DPODESK_PASSPHRASE not set)"
            )
        );
    }
    println!("{} ({}):", lang.pick("报告", "reports"), made.reports.len());
    for report in &made.reports {
        println!("  {}", report.display());
    }
    println!(
        "{}: dpodesk --vault {} report --client \"{DEMO_CLIENT}\" --lang bi --out memo.pdf",
        lang.pick("再次生成备忘录", "render the memo again"),
        made.vault.display()
    );
    Ok(())
}
