//! What leaves or enters the vault for the doors: reports, spreadsheet exports, bundles, the CNIL
//! exchange, and the settings a door sets (profile, template folder). Each is one call into the
//! module that owns the use case; the door writes the file the bytes go to.

use std::path::{Path, PathBuf};

use super::*;
use crate::bundle::{ExportInfo, ImportInfo};
use crate::cnil::{CnilExport, CnilImport};
use crate::export::{ExportFormat, ExportSubject, Exported};
use crate::report::ReportFormat;
use crate::vault::Passphrase;

/// Builds, draws and records a report: one assessment's, or with `client` (a name or an id) the
/// client memo; dated `date` (the door's clock).
pub fn generate<S: Store>(
    store: &mut S,
    actor: &str,
    subject: ReportSubject<'_>,
    lang: ReportLang,
    format: ReportFormat,
    date: &str,
) -> crate::Result<crate::report::GeneratedReport> {
    match subject {
        ReportSubject::Assessment(id) => {
            crate::report::generate_report(store, actor, id, lang, format, date)
        }
        ReportSubject::Client(client) => {
            crate::report::generate_memo(store, actor, client, lang, format, date)
        }
    }
}

/// What a report is about.
#[derive(Debug, Clone, Copy)]
pub enum ReportSubject<'a> {
    Assessment(&'a str),
    /// The client memo, the client by name or id.
    Client(&'a str),
}

/// A register or an assessment's answers as a CSV or XLSX table, recorded in the audit log.
pub fn export_table<S: Store>(
    store: &mut S,
    actor: &str,
    subject: &ExportSubject,
    format: ExportFormat,
    headers: Lang,
    date: &str,
) -> crate::Result<Exported> {
    crate::export::export(store, actor, subject, format, headers, date)
}

/// Writes one client's matter (by name or id) to an encrypted bundle at `out`.
pub fn export_bundle<S: Store>(
    store: &mut S,
    actor: &str,
    client: &str,
    out: &Path,
    passphrase: &Passphrase,
) -> crate::Result<ExportInfo> {
    crate::bundle::export(
        store,
        actor,
        client,
        out,
        passphrase,
        crate::bundle::KdfParams::DEFAULT,
    )
}

/// Refuses another kind of file or a newer bundle format, before a passphrase is asked for.
pub fn inspect_bundle(file: &Path) -> crate::Result<()> {
    crate::bundle::inspect(file).map(drop)
}

/// Reads a bundle into the vault (a re-import is a no-op that says so).
pub fn import_bundle<S: Store>(
    store: &mut S,
    actor: &str,
    file: &Path,
    passphrase: &Passphrase,
) -> crate::Result<ImportInfo> {
    let info = crate::bundle::import_bundle(store, actor, file, passphrase)?;
    if !info.already_imported {
        // The bundle's rows are written as they were exported (no scoring on the way in): the
        // matter's findings are indexed now, not at the first search. Should it fail, they stay
        // pending and the next search's catch-up tries again: the import stands.
        super::search_index::index_matter(store, &info.client_id).ok();
    }
    Ok(info)
}

/// Imports a CNIL PIA file as a new PIA from `template`, filed under `client` (a name or an id)
/// when given.
pub fn import_cnil<S: Store>(
    store: &mut S,
    actor: &str,
    template: &Template,
    bytes: &[u8],
    client: Option<&str>,
) -> crate::Result<CnilImport> {
    let client = client
        .map(|c| vault::resolve_client(&*store, c))
        .transpose()?;
    crate::cnil::import_cnil(
        store,
        actor,
        template,
        bytes,
        client.as_ref().map(|c| c.id.as_str()),
    )
}

/// A PIA as a CNIL file, with what the mapping lost.
pub fn export_cnil<S: Store>(store: &mut S, actor: &str, id: &str) -> crate::Result<CnilExport> {
    crate::cnil::export_cnil(store, actor, id)
}

/// Who reports are from.
pub fn profile<R: Read>(store: &R) -> crate::Result<ProfileView> {
    vault::profile(store).map(Into::into)
}

/// Sets the fields given (an empty one clears it), audited; returns the profile now.
pub fn set_profile<S: Store>(
    store: &mut S,
    actor: &str,
    name: Option<&str>,
    role: Option<&str>,
    firm: Option<&str>,
) -> crate::Result<ProfileView> {
    super::profile::set_profile(store, actor, name, role, firm).map(Into::into)
}

/// The custom template folder this vault uses, if one is set.
pub fn template_folder(store: &impl Read) -> crate::Result<Option<PathBuf>> {
    vault::template_folder(store)
}

/// Sets (or with `None` clears) the custom template folder, audited; returns it as stored.
pub fn choose_template_folder<S: Store>(
    store: &mut S,
    actor: &str,
    folder: Option<&Path>,
) -> crate::Result<Option<PathBuf>> {
    vault::set_template_folder(store, actor, folder)
}

/// The template snapshot an assessment was started with.
pub fn assessment_template<R: Read>(store: &R, id: &str) -> crate::Result<Template> {
    crate::assessment::stored::assessment_template(store, id)
}

/// Searches the store; archived entries too when asked.
pub fn search_all<R: Read>(
    store: &R,
    query: &str,
    limit: usize,
    include_archived: bool,
) -> crate::Result<Vec<SearchHitView>> {
    let options = vault::SearchOptions { include_archived };
    refresh_search_index(store)?;
    Ok(store
        .search_with(query, limit, options)?
        .into_iter()
        .map(SearchHitView::from)
        .collect())
}
