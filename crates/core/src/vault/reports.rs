//! Generated reports, kept byte for byte in the vault (kind, language, format, time, SHA-256 and
//! the file itself), so the exact document sent to a client can be produced again; each one is
//! also an audit entry. Building and drawing a report is `crate::report` (`report::generate`);
//! this module stores the bytes it is given.
//!
//! The format goes in the `reports.format` column the first schema already has (`'pdf'` by
//! default), so recording a DOCX needs no migration.

use rusqlite::{Connection, OptionalExtension, params};

use super::Vault;
use crate::error::Result;

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
    /// Every stored report, newest first.
    pub(crate) fn reports(&self) -> Result<Vec<ReportRecord>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM reports ORDER BY generated_at DESC, id DESC"
        ))?;
        let rows = stmt
            .query_map([], record)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The exact bytes of a stored report.
    pub(crate) fn report_content(&self, id: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row("SELECT content FROM reports WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()?)
    }
}

/// Stores a drawn report's row and bytes, inside the caller's transaction.
pub(crate) fn insert(conn: &Connection, record: &ReportRecord, bytes: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO reports (id, kind, assessment_id, client_id, lang, format, sha256, content, generated_by, generated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![record.id, record.kind, record.assessment_id, record.client_id, record.lang,
            record.format, record.sha256, bytes, record.generated_by, record.generated_at],
    )?;
    Ok(())
}
