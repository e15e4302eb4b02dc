//! `dpodesk export sources|vendors|actions [--client NAME_OR_ID] [--all]` and
//! `dpodesk export answers ID`, each `--format csv|xlsx [--lang zh|en] --out FILE [--force]`:
//! core builds the table, draws it and records the export in the audit log; this door writes the
//! file atomically (as reports are written) and refuses to replace one without `--force`.

use dpodesk_core::export::{ExportFormat, ExportSubject};
use dpodesk_core::{Lang, api};

use crate::cli::{
    AnswersExportArgs, Cli, ExportOutputArgs, RegisterExportArgs, SheetFormatArg, SheetLangArg,
};
use crate::error::CliError;
use crate::report_cmd::{date_or_today, write_atomically};
use crate::unlock::Opened;

pub fn sources(cli: &Cli, args: &RegisterExportArgs, lang: Lang) -> Result<(), CliError> {
    let subject = ExportSubject::DataSources {
        client: args.client.clone(),
        include_archived: args.all,
    };
    run(cli, &subject, &args.output, lang)
}

pub fn vendors(cli: &Cli, args: &RegisterExportArgs, lang: Lang) -> Result<(), CliError> {
    let subject = ExportSubject::Vendors {
        client: args.client.clone(),
        include_archived: args.all,
    };
    run(cli, &subject, &args.output, lang)
}

pub fn actions(cli: &Cli, args: &RegisterExportArgs, lang: Lang) -> Result<(), CliError> {
    let subject = ExportSubject::Actions {
        client: args.client.clone(),
    };
    run(cli, &subject, &args.output, lang)
}

pub fn answers(cli: &Cli, args: &AnswersExportArgs, lang: Lang) -> Result<(), CliError> {
    let subject = ExportSubject::Answers {
        assessment: args.id.clone(),
    };
    run(cli, &subject, &args.output, lang)
}

fn run(
    cli: &Cli,
    subject: &ExportSubject,
    out: &ExportOutputArgs,
    lang: Lang,
) -> Result<(), CliError> {
    if !out.force && out.out.symlink_metadata().is_ok() {
        return Err(CliError::OutputExists(out.out.clone()));
    }
    crate::with_store!(cli, lang, |store| run_on(cli, subject, out, lang, store))
}

fn run_on<S: Opened>(
    cli: &Cli,
    subject: &ExportSubject,
    out: &ExportOutputArgs,
    lang: Lang,
    mut store: S,
) -> Result<(), CliError> {
    let format = match out.format {
        SheetFormatArg::Csv => ExportFormat::Csv,
        SheetFormatArg::Xlsx => ExportFormat::Xlsx,
    };
    let headers = match out.lang {
        Some(SheetLangArg::Zh) => Lang::Zh,
        Some(SheetLangArg::En) => Lang::En,
        None => lang,
    };
    let exported = api::export_table(
        &mut store,
        &cli.actor(),
        subject,
        format,
        headers,
        &date_or_today(None),
    )?;
    write_atomically(&out.out, &exported.bytes)?;
    if api::is_read_only(&store) {
        eprintln!("dpodesk: {}", crate::report_cmd::not_kept(lang));
    }
    println!(
        "{} {} ({} {}, {} bytes)",
        lang.pick("已导出", "wrote"),
        out.out.display(),
        exported.rows,
        lang.pick("行", "rows"),
        exported.bytes.len()
    );
    println!(
        "{} {} · {}",
        lang.pick("审计链", "audit chain"),
        exported.audit.count,
        exported.audit.head_hash
    );
    Ok(())
}
