//! Generated reports, kept byte for byte in the vault (kind, language, format, time, SHA-256 and
//! the file itself), so the exact document sent to a client can be produced again; each one is
//! also an audit entry. Building a report is `crate::report`, drawing it `report::pdf` or
//! `report::docx`; this module picks the renderer and stores what it drew.
//!
//! The format goes in the `reports.format` column the first schema already has (`'pdf'` by
//! default), so recording a DOCX needs no migration.

use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::{AuditEvent, Vault};
use crate::error::Result;
use crate::id::new_id;
use crate::report::{self, ReportKind, ReportLang};
use crate::time::now;

/// The file format a report is drawn in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    #[default]
    Pdf,
    Docx,
}

impl ReportFormat {
    /// As stored in the vault's `reports.format`, and the file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Docx => "docx",
        }
    }

    pub fn parse(text: &str) -> Option<ReportFormat> {
        [ReportFormat::Pdf, ReportFormat::Docx]
            .into_iter()
            .find(|f| f.as_str() == text)
    }
}

/// A stored report (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRecord {
    pub id: String,
    pub kind: String,
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub lang: String,
    /// `pdf` or `docx` ([`ReportFormat::as_str`]).
    pub format: String,
    pub sha256: String,
    pub size: u64,
    pub generated_by: String,
    pub generated_at: String,
}

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

const COLUMNS: &str = concat!(
    "id, kind, assessment_id, client_id, lang, format, sha256, length(content), ",
    "generated_by, generated_at"
);

fn record(row: &rusqlite::Row<'_>) -> rusqlite::Result<ReportRecord> {
    Ok(ReportRecord {
        id: row.get(0)?,
        kind: row.get(1)?,
        assessment_id: row.get(2)?,
        client_id: row.get(3)?,
        lang: row.get(4)?,
        format: row.get(5)?,
        sha256: row.get(6)?,
        size: row.get::<_, i64>(7)?.unsigned_abs(),
        generated_by: row.get(8)?,
        generated_at: row.get(9)?,
    })
}

impl Vault {
    /// Builds, draws and records the PDF report of one assessment (its kind follows the
    /// assessment's), dated `date` (`YYYY-MM-DD`; the render reads no clock).
    pub fn generate_report(
        &mut self,
        actor: &str,
        id: &str,
        lang: ReportLang,
        date: &str,
    ) -> Result<GeneratedReport> {
        self.generate_report_as(actor, id, lang, ReportFormat::Pdf, date)
    }

    /// [`Vault::generate_report`] in the given format: the same report model, drawn as PDF or DOCX.
    pub fn generate_report_as(
        &mut self,
        actor: &str,
        id: &str,
        lang: ReportLang,
        format: ReportFormat,
        date: &str,
    ) -> Result<GeneratedReport> {
        let source = report::source(self, id, date, actor)?;
        let doc = report::build(&source, lang);
        let client_id = source.record.client_id.clone();
        self.render_and_record(actor, &doc, Some(id), client_id.as_deref(), format)
    }

    /// Builds, draws and records the PDF memo over all of a client's current data-source
    /// assessments (the client by name or id), dated `date`.
    pub fn generate_memo(
        &mut self,
        actor: &str,
        client: &str,
        lang: ReportLang,
        date: &str,
    ) -> Result<GeneratedReport> {
        self.generate_memo_as(actor, client, lang, ReportFormat::Pdf, date)
    }

    /// [`Vault::generate_memo`] in the given format.
    pub fn generate_memo_as(
        &mut self,
        actor: &str,
        client: &str,
        lang: ReportLang,
        format: ReportFormat,
        date: &str,
    ) -> Result<GeneratedReport> {
        let source = report::memo_source(self, client, date, actor)?;
        let doc = report::build_memo(&source, lang);
        let client_id = source.client.as_ref().map(|c| c.id.clone());
        self.render_and_record(actor, &doc, None, client_id.as_deref(), format)
    }

    /// Draws a built report and stores it: the one path every generated report takes, whatever
    /// its format.
    fn render_and_record(
        &mut self,
        actor: &str,
        doc: &report::Document,
        assessment_id: Option<&str>,
        client_id: Option<&str>,
        format: ReportFormat,
    ) -> Result<GeneratedReport> {
        // Every kept report carries the audit chain head, an anchor the reader holds outside the
        // vault (a cut-off or rewritten log no longer ends in it).
        let head = self.audit_head()?;
        let mut doc = doc.clone();
        let block = report::common::audit_head_block(head.count, &head.head_hash, doc.lang);
        // Before the document's own fingerprint, which stays last: renderers put the last one in
        // the page footer.
        let at = doc
            .blocks
            .iter()
            .rposition(|b| matches!(b, report::Block::Fingerprint { .. }))
            .unwrap_or(doc.blocks.len());
        doc.blocks.insert(at, block);
        let doc = &doc;
        let (bytes, pages, missing) = match format {
            ReportFormat::Pdf => {
                let rendered = report::pdf::render(doc)?;
                (rendered.bytes, rendered.pages, rendered.missing)
            }
            ReportFormat::Docx => (report::docx::render(doc)?, 0, Vec::new()),
        };
        let record = self.record_report_as(
            actor,
            doc.kind,
            assessment_id,
            client_id,
            doc.lang,
            format,
            &bytes,
        )?;
        Ok(GeneratedReport {
            record,
            format,
            bytes,
            pages,
            missing,
        })
    }

    /// Stores a generated PDF report's bytes with an audit entry.
    pub fn record_report(
        &mut self,
        actor: &str,
        kind: ReportKind,
        assessment_id: Option<&str>,
        client_id: Option<&str>,
        lang: ReportLang,
        bytes: &[u8],
    ) -> Result<ReportRecord> {
        self.record_report_as(
            actor,
            kind,
            assessment_id,
            client_id,
            lang,
            ReportFormat::Pdf,
            bytes,
        )
    }

    /// Stores a generated report's bytes, in the format they were drawn in, with an audit entry.
    /// A read-only vault ([`Vault::is_read_only`]) keeps nothing: the record describes the
    /// report handed back.
    #[allow(clippy::too_many_arguments)]
    pub fn record_report_as(
        &mut self,
        actor: &str,
        kind: ReportKind,
        assessment_id: Option<&str>,
        client_id: Option<&str>,
        lang: ReportLang,
        format: ReportFormat,
        bytes: &[u8],
    ) -> Result<ReportRecord> {
        let id = new_id();
        let sha = hex::encode(Sha256::digest(bytes));
        let at = now();
        let keep = !self.is_read_only();
        self.write_unless_read_only(
            AuditEvent {
                actor,
                action: "report.generated",
                entity_type: "report",
                entity_id: &id,
                summary: &format!(
                    "{} {} {} sha256 {sha}",
                    kind.as_str(),
                    lang.as_str(),
                    format.as_str()
                ),
            },
            |tx| {
                if !keep {
                    return Ok(());
                }
                tx.execute(
                    "INSERT INTO reports (id, kind, assessment_id, client_id, lang, format, sha256, content, generated_by, generated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![id, kind.as_str(), assessment_id, client_id, lang.as_str(), format.as_str(), sha, bytes, actor, at],
                )?;
                Ok(())
            },
        )?;
        Ok(ReportRecord {
            id,
            kind: kind.as_str().to_owned(),
            assessment_id: assessment_id.map(str::to_owned),
            client_id: client_id.map(str::to_owned),
            lang: lang.as_str().to_owned(),
            format: format.as_str().to_owned(),
            sha256: sha,
            size: bytes.len() as u64,
            generated_by: actor.to_owned(),
            generated_at: at,
        })
    }

    /// Every stored report, newest first.
    pub fn reports(&self) -> Result<Vec<ReportRecord>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM reports ORDER BY generated_at DESC, id DESC"
        ))?;
        let rows = stmt
            .query_map([], record)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The exact bytes of a stored report.
    pub fn report_content(&self, id: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row("SELECT content FROM reports WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()?)
    }
}
