//! `dpodesk report ID | --client NAME_OR_ID --lang zh|en|bi [--format pdf|docx] --out FILE
//! [--force] [--date]`: renders an assessment's report (a PIA report for a PIA, a due-diligence report for a vendor
//! assessment, a one-channel memo for a data-source assessment) or, with `--client`, the client
//! memo over all of the client's current data-source assessments; records it in the vault, and
//! writes it atomically — a temporary file in the same folder, then a rename — refusing to replace
//! an existing file without `--force`. Building and drawing the report (as PDF or DOCX, from the
//! same model) is core's; without `--format` the format follows the file name (`.docx`, else PDF).

use std::path::Path;

use dpodesk_core::Lang;
use dpodesk_core::api::{self, ReportSubject};
use dpodesk_core::report::{ReportFormat, ReportLang};

use crate::cli::{Cli, LangArg, ReportArgs, ReportFormatArg};
use crate::error::CliError;
use crate::unlock::Opened;

pub fn report_lang(lang: LangArg) -> ReportLang {
    match lang {
        LangArg::Zh => ReportLang::Zh,
        LangArg::En => ReportLang::En,
        LangArg::Bi => ReportLang::Bi,
    }
}

/// `--format`, else what the file name says: `.docx` is a Word document, anything else a PDF.
fn report_format(format: Option<ReportFormatArg>, out: &Path) -> ReportFormat {
    match format {
        Some(ReportFormatArg::Pdf) => ReportFormat::Pdf,
        Some(ReportFormatArg::Docx) => ReportFormat::Docx,
        None if out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx")) =>
        {
            ReportFormat::Docx
        }
        None => ReportFormat::Pdf,
    }
}

/// The door reads the clock; core's render takes the date as given.
pub fn date_or_today(date: Option<&str>) -> String {
    date.map_or_else(
        || dpodesk_core::time::now().chars().take(10).collect(),
        str::to_owned,
    )
}

pub fn run(cli: &Cli, args: &ReportArgs, lang: Lang) -> Result<(), CliError> {
    if !args.force && args.out.symlink_metadata().is_ok() {
        return Err(CliError::OutputExists(args.out.clone()));
    }
    crate::with_store!(cli, lang, |store| run_on(cli, args, lang, store))
}

fn run_on<S: Opened>(
    cli: &Cli,
    args: &ReportArgs,
    lang: Lang,
    mut store: S,
) -> Result<(), CliError> {
    let report_lang = report_lang(args.lang);
    let date = date_or_today(args.date.as_deref());
    let format = report_format(args.format, &args.out);
    let subject = match (&args.client, &args.id) {
        (Some(client), _) => ReportSubject::Client(client),
        (None, Some(id)) => ReportSubject::Assessment(id),
        // clap requires one of the two.
        (None, None) => unreachable!("clap requires an id or --client"),
    };
    let report = api::generate(
        &mut store,
        &cli.actor(),
        subject,
        report_lang,
        format,
        &date,
    )?;
    write_atomically(&args.out, &report.bytes)?;
    let size = match format {
        ReportFormat::Pdf => format!("{} {}", report.pages, lang.pick("页", "pages")),
        ReportFormat::Docx => "DOCX".to_owned(),
    };
    println!(
        "{} {} ({size}, {} bytes, sha256 {})",
        lang.pick("已生成", "wrote"),
        args.out.display(),
        report.bytes.len(),
        report.record.sha256
    );
    if api::is_read_only(&store) {
        eprintln!("dpodesk: {}", not_kept(lang));
    }
    // The report says "author not recorded" rather than guess; say how to record one.
    if api::profile(&store)?.name.trim().is_empty() {
        eprintln!(
            "dpodesk: {}",
            lang.pick(
                "未设置编写人，报告中注明“未记录编写人”；可用 `dpodesk profile set --name …` 记录",
                "no author is set, so the report says \"author not recorded\"; `dpodesk profile set --name …` records one"
            )
        );
    }
    if !report.missing.is_empty() {
        let chars: String = report.missing.iter().collect();
        eprintln!(
            "dpodesk: {}: {chars}",
            lang.pick(
                "字体缺少以下字符，已以 [?] 标出",
                "the font lacks these characters, printed as [?]"
            )
        );
    }
    Ok(())
}

/// The note after a report or export made from a vault that is read-only here.
pub(crate) fn not_kept(lang: Lang) -> &'static str {
    lang.pick(
        "保险库在此处为只读：本文件已写出，但未在保险库中留存或记入审计日志",
        "the vault is read-only here: the file was written, but not kept or recorded in the vault",
    )
}

/// Writes `bytes` atomically (core's `files::write_atomically`), a failure worded as the CLI's
/// write error.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    dpodesk_core::files::write_atomically(path, bytes).map_err(|e| match e {
        dpodesk_core::Error::Io { path, source } => CliError::Write { path, source },
        other => other.into(),
    })
}
