//! Evidence: files attached to an assessment's evidence questions, stored inside the encrypted
//! vault (never beside it) with their SHA-256, size and time. An evidence answer is the list of
//! the attached files' ids, so scoring and the fingerprint see what was attached; that list is
//! made above (`assessment::stored::add_evidence`, one unit of `store::Work`).

use rusqlite::{Connection, params};

use super::Vault;
use crate::error::Result;

/// The largest attachment accepted, so one careless upload cannot bloat every backup.
pub(crate) const MAX_EVIDENCE_BYTES: usize = 50 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRecord {
    pub id: String,
    pub assessment_id: String,
    pub question_id: String,
    pub file_name: String,
    pub size: u64,
    pub sha256: String,
    pub added_by: String,
    pub added_at: String,
}

impl Vault {
    /// The files attached to an assessment, oldest first (without their bytes).
    pub(crate) fn evidence(&self, assessment_id: &str) -> Result<Vec<EvidenceRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, assessment_id, question_id, file_name, size, sha256, added_by, added_at
             FROM evidence WHERE assessment_id = ?1 ORDER BY added_at, id",
        )?;
        let rows = stmt.query_map([assessment_id], |row| {
            Ok(EvidenceRecord {
                id: row.get(0)?,
                assessment_id: row.get(1)?,
                question_id: row.get(2)?,
                file_name: row.get(3)?,
                size: row.get::<_, i64>(4)?.unsigned_abs(),
                sha256: row.get(5)?,
                added_by: row.get(6)?,
                added_at: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Stores an attached file's row and bytes, inside the caller's transaction.
pub(crate) fn insert(conn: &Connection, evidence: &EvidenceRecord, content: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO evidence (id, assessment_id, question_id, file_name, size, sha256, content, added_by, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![evidence.id, evidence.assessment_id, evidence.question_id, evidence.file_name,
            evidence.size as i64, evidence.sha256, content, evidence.added_by, evidence.added_at],
    )?;
    Ok(())
}
