//! `dpodesk import cnil FILE.json [--client NAME_OR_ID]` and `dpodesk export cnil ID --out
//! FILE.json [--force]`: the CNIL PIA tool's JSON format. Import prints the new assessment's id on
//! stdout and the mapping report on stderr; export writes the file atomically (never over an
//! existing file without `--force`) and prints the loss report on stderr. Reading, mapping and
//! writing the vault are core's.

use dpodesk_core::law::LawRegister;
use dpodesk_core::template;
use dpodesk_core::{Lang, api};

use crate::cli::{Cli, CnilExportArgs, CnilImportArgs};
use crate::error::CliError;
use crate::report_cmd::write_atomically;
use crate::unlock::Opened;

/// The bundled template an import answers.
const PIA_TEMPLATE: &str = "pia";

pub fn import(cli: &Cli, args: &CnilImportArgs, lang: Lang) -> Result<(), CliError> {
    let bytes = std::fs::read(&args.file).map_err(|source| CliError::Read {
        path: args.file.clone(),
        source,
    })?;
    let law = LawRegister::bundled()?;
    let template = template::bundled(&law)?
        .into_iter()
        .find(|t| t.id == PIA_TEMPLATE)
        .ok_or_else(|| CliError::UnknownTemplate(PIA_TEMPLATE.to_owned()))?;
    let imported = crate::with_store!(cli, lang, |store| {
        let mut store = store;
        let imported = api::import_cnil(
            &mut store,
            &cli.actor(),
            &template,
            &bytes,
            args.client.as_deref(),
        )?;
        store.close()?;
        imported
    });
    for line in imported.report.lines(lang) {
        eprintln!("{line}");
    }
    println!("{}", imported.assessment.id);
    Ok(())
}

pub fn export(cli: &Cli, args: &CnilExportArgs, lang: Lang) -> Result<(), CliError> {
    if !args.force && args.out.symlink_metadata().is_ok() {
        return Err(CliError::OutputExists(args.out.clone()));
    }
    crate::with_store!(cli, lang, |store| export_on(cli, args, lang, store))
}

fn export_on<S: Opened>(
    cli: &Cli,
    args: &CnilExportArgs,
    lang: Lang,
    mut store: S,
) -> Result<(), CliError> {
    let export = api::export_cnil(&mut store, &cli.actor(), &args.id)?;
    // The chain head after the export's own entry: an anchor to keep outside the vault. Read
    // before the file is written, so a store that cannot give it leaves no file behind.
    let head = api::assessment_audit_head(&store, &args.id)?;
    write_atomically(&args.out, export.json.as_bytes())?;
    for line in export.loss.lines(lang) {
        eprintln!("{line}");
    }
    eprintln!(
        "{} {} · {}",
        lang.pick("审计链", "audit chain"),
        head.count,
        head.head_hash
    );
    Ok(())
}
