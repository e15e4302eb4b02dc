//! Generating a report end to end: read its source from the vault, build the model, add the audit
//! chain head, draw it (PDF or DOCX) and keep the drawn bytes in the vault with an audit entry.
//! Drawing is this layer's; the vault only stores what it is given, in one unit of
//! `store::Work` with the audit entry.

use sha2::{Digest, Sha256};

use super::{Document, ReportFormat, ReportLang};
use crate::error::Result;
use crate::id::new_id;
use crate::time::now;
use crate::vault::store::{Read, Store, Work};
use crate::vault::{AuditEvent, ReportRecord};

/// A report just generated and recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedReport {
    pub record: ReportRecord,
    pub format: ReportFormat,
    pub bytes: Vec<u8>,
    /// The PDF's page count; 0 for a DOCX, whose pages the word processor lays out.
    pub pages: usize,
    /// Characters the PDF font could not draw (each printed as a visible marker); always empty
    /// for a DOCX, where the word processor picks the faces.
    pub missing: Vec<char>,
}

/// A report drawn and not yet kept: what [`keep`] records. The shell draws it while the save
/// dialog is open and keeps it once the user has chosen where (a cancelled dialog keeps nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnReport {
    kind: &'static str,
    lang: &'static str,
    format: ReportFormat,
    assessment_id: Option<String>,
    client_id: Option<String>,
    bytes: Vec<u8>,
    pages: usize,
    missing: Vec<char>,
}

/// Builds, draws and records the report of one assessment (its kind follows the assessment's),
/// dated `date` (`YYYY-MM-DD`; the render reads no clock).
pub fn generate_report<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    lang: ReportLang,
    format: ReportFormat,
    date: &str,
) -> Result<GeneratedReport> {
    let drawn = draw_report(store, actor, id, lang, format, date)?;
    keep(store, actor, drawn)
}

/// Builds and draws the report of one assessment without keeping it ([`generate_report`]'s
/// first half).
pub fn draw_report<R: Read>(
    store: &R,
    actor: &str,
    id: &str,
    lang: ReportLang,
    format: ReportFormat,
    date: &str,
) -> Result<DrawnReport> {
    let source = super::source(store, id, date, actor)?;
    let doc = super::build(&source, lang);
    let client_id = source.record.client_id.clone();
    draw(store, &doc, Some(id), client_id.as_deref(), format)
}

/// Builds, draws and records the memo over all of a client's current data-source assessments
/// (the client by name or id), dated `date`.
pub fn generate_memo<S: Store>(
    store: &mut S,
    actor: &str,
    client: &str,
    lang: ReportLang,
    format: ReportFormat,
    date: &str,
) -> Result<GeneratedReport> {
    let drawn = draw_memo(store, actor, client, lang, format, date)?;
    keep(store, actor, drawn)
}

/// Builds and draws the client memo without keeping it ([`generate_memo`]'s first half).
pub fn draw_memo<R: Read>(
    store: &R,
    actor: &str,
    client: &str,
    lang: ReportLang,
    format: ReportFormat,
    date: &str,
) -> Result<DrawnReport> {
    let source = super::memo_source(store, client, date, actor)?;
    let doc = super::build_memo(&source, lang);
    let client_id = source.client.as_ref().map(|c| c.id.clone());
    draw(store, &doc, None, client_id.as_deref(), format)
}

/// Draws a built report: the one path every generated report takes, whatever its format.
fn draw<R: Read>(
    store: &R,
    doc: &Document,
    assessment_id: Option<&str>,
    client_id: Option<&str>,
    format: ReportFormat,
) -> Result<DrawnReport> {
    // Every kept report carries the audit chain head, an anchor the reader holds outside the
    // vault (a cut-off or rewritten log no longer ends in it).
    let head = store.audit_head_of(client_id)?;
    let mut doc = doc.clone();
    let block =
        super::common::audit_head_block(head.count, &head.head_hash, store.audit_chain(), doc.lang);
    // Before the document's own fingerprint, which stays last: renderers put the last one in
    // the page footer.
    let at = doc
        .blocks
        .iter()
        .rposition(|b| matches!(b, super::Block::Fingerprint { .. }))
        .unwrap_or(doc.blocks.len());
    doc.blocks.insert(at, block);
    let doc = &doc;
    let (bytes, pages, missing) = match format {
        ReportFormat::Pdf => {
            let rendered = super::pdf::render(doc)?;
            (rendered.bytes, rendered.pages, rendered.missing)
        }
        ReportFormat::Docx => (super::docx::render(doc)?, 0, Vec::new()),
    };
    Ok(DrawnReport {
        kind: doc.kind.as_str(),
        lang: doc.lang.as_str(),
        format,
        assessment_id: assessment_id.map(str::to_owned),
        client_id: client_id.map(str::to_owned),
        bytes,
        pages,
        missing,
    })
}

/// Records a drawn report: its bytes with their SHA-256 and an audit entry, in one unit of work.
/// A read-only vault keeps nothing: the record describes the report handed back.
pub fn keep<S: Store>(store: &mut S, actor: &str, drawn: DrawnReport) -> Result<GeneratedReport> {
    let record = ReportRecord {
        id: new_id(),
        kind: drawn.kind.to_owned(),
        assessment_id: drawn.assessment_id,
        client_id: drawn.client_id,
        lang: drawn.lang.to_owned(),
        format: drawn.format.as_str().to_owned(),
        sha256: hex::encode(Sha256::digest(&drawn.bytes)),
        size: drawn.bytes.len() as u64,
        generated_by: actor.to_owned(),
        generated_at: now(),
    };
    store_bytes(store, actor, &record, &drawn.bytes)?;
    Ok(GeneratedReport {
        record,
        format: drawn.format,
        bytes: drawn.bytes,
        pages: drawn.pages,
        missing: drawn.missing,
    })
}

fn store_bytes<S: Store>(
    store: &mut S,
    actor: &str,
    record: &ReportRecord,
    bytes: &[u8],
) -> Result<()> {
    if store.is_read_only() {
        return Ok(());
    }
    let summary = format!(
        "{} {} {} sha256 {}",
        record.kind, record.lang, record.format, record.sha256
    );
    let event = AuditEvent {
        actor,
        action: "report.generated",
        entity_type: "report",
        entity_id: &record.id,
        summary: &summary,
    };
    let mut work = store.begin()?;
    work.insert_report(record, bytes)?;
    work.append_audit(event, &record.generated_at)?;
    work.commit()
}
