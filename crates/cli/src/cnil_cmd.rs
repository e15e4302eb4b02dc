//! `dpodesk import cnil FILE.json [--client NAME_OR_ID]` and `dpodesk export cnil ID --out
//! FILE.json [--force]`: the CNIL PIA tool's JSON format. Import prints the new assessment's id on
//! stdout and the mapping report on stderr; export writes the file atomically (never over an
//! existing file without `--force`) and prints the loss report on stderr. Reading, mapping and
//! writing the vault are core's.

use std::io::Write;
use std::path::{Path, PathBuf};

use dpodesk_core::Lang;
use dpodesk_core::law::LawRegister;
use dpodesk_core::template;

use crate::cli::{Cli, CnilExportArgs, CnilImportArgs};
use crate::error::CliError;
use crate::unlock;

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
    let mut vault = unlock::open(cli, lang)?;
    let client = args
        .client
        .as_deref()
        .map(|c| vault.resolve_client(c))
        .transpose()?;
    let imported = vault.import_cnil(
        &cli.actor(),
        &template,
        &bytes,
        client.as_ref().map(|c| c.id.as_str()),
    )?;
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
    let mut vault = unlock::open(cli, lang)?;
    let export = vault.export_cnil(&cli.actor(), &args.id)?;
    write_atomically(&args.out, export.json.as_bytes())?;
    for line in export.loss.lines(lang) {
        eprintln!("{line}");
    }
    Ok(())
}

/// A temporary file beside `path`, flushed, then renamed over it: a reader never sees half a
/// file. The file holds the PIA's content, as the user asked; nothing else is written outside
/// the vault.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "pia.json".into(), |n| n.to_string_lossy().into_owned());
    let temp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    if let Err(source) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(CliError::Write {
            path: path.to_path_buf(),
            source,
        });
    }
    Ok(())
}
