//! Generated reports, kept byte for byte in the vault (kind, language, format, time, SHA-256 and
//! the file itself), so the exact document sent to a client can be produced again; each one is
//! also an audit entry. Building and drawing a report is `crate::report` (`report::generate`);
//! this module stores the bytes it is given.
//!
//! The format goes in the `reports.format` column the first schema already has (`'pdf'` by
//! default), so recording a DOCX needs no migration.

use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::{AuditEvent, Vault};
use crate::error::Result;
use crate::id::new_id;
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
    /// Stores a generated report's bytes, in the format they were drawn in, with an audit entry.
    /// A read-only vault ([`Vault::is_read_only`]) keeps nothing: the record describes the
    /// report handed back.
    #[allow(clippy::too_many_arguments)]
    pub fn record_report(
        &mut self,
        actor: &str,
        kind: &str,
        assessment_id: Option<&str>,
        client_id: Option<&str>,
        lang: &str,
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
                    "{kind} {lang} {} sha256 {sha}",
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
                    params![id, kind, assessment_id, client_id, lang, format.as_str(), sha, bytes, actor, at],
                )?;
                Ok(())
            },
        )?;
        Ok(ReportRecord {
            id,
            kind: kind.to_owned(),
            assessment_id: assessment_id.map(str::to_owned),
            client_id: client_id.map(str::to_owned),
            lang: lang.to_owned(),
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
