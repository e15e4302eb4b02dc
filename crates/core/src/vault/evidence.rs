//! Evidence: files attached to an assessment's evidence questions, stored inside the encrypted
//! vault (never beside it) with their SHA-256, size and time. An evidence answer is the list of
//! the attached files' ids, so scoring and the fingerprint see what was attached; that list is
//! made above (`assessment::stored`) and stored here as given.

use rusqlite::params;
use sha2::{Digest, Sha256};

use super::{AuditEvent, Vault};
use crate::error::Result;
use crate::time::now;

/// The largest attachment accepted, so one careless upload cannot bloat every backup.
pub const MAX_EVIDENCE_BYTES: usize = 50 * 1024 * 1024;

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

/// A file to attach, with the question's answer as it will read with the file attached.
#[derive(Debug, Clone, Copy)]
pub struct NewEvidence<'a> {
    /// The new file's id (the answer names it).
    pub id: &'a str,
    pub assessment_id: &'a str,
    pub question_id: &'a str,
    pub file_name: &'a str,
    pub content: &'a [u8],
    /// The evidence question's answer (JSON text) with the new file's id added.
    pub answer: &'a str,
}

impl Vault {
    /// Stores a file for an evidence question and the question's new answer, in one transaction
    /// with its audit entry. Whether it may be attached (size, draft, an evidence question) is
    /// `api`'s rule, checked before (`api::evidence`).
    pub fn store_evidence(&mut self, actor: &str, new: &NewEvidence<'_>) -> Result<EvidenceRecord> {
        let (assessment_id, question_id, content) =
            (new.assessment_id, new.question_id, new.content);
        let evidence = EvidenceRecord {
            id: new.id.to_owned(),
            assessment_id: assessment_id.to_owned(),
            question_id: question_id.to_owned(),
            file_name: new.file_name.trim().to_owned(),
            size: content.len() as u64,
            sha256: hex::encode(Sha256::digest(content)),
            added_by: actor.to_owned(),
            added_at: now(),
        };
        let answer = new.answer;
        self.write(
            AuditEvent {
                actor,
                action: "evidence.added",
                entity_type: "assessment",
                entity_id: assessment_id,
                summary: &format!("question {question_id}, {} bytes, sha256 {}", evidence.size, evidence.sha256),
            },
            |tx| {
                tx.execute(
                    "INSERT INTO evidence (id, assessment_id, question_id, file_name, size, sha256, content, added_by, added_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![evidence.id, assessment_id, question_id, evidence.file_name, evidence.size as i64,
                        evidence.sha256, content, actor, evidence.added_at],
                )?;
                tx.execute(
                    "INSERT INTO answers (assessment_id, question_id, value, updated_by, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (assessment_id, question_id) DO UPDATE
                     SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                    params![assessment_id, question_id, answer, actor, evidence.added_at],
                )?;
                Ok(())
            },
        )?;
        Ok(evidence)
    }

    /// The files attached to an assessment, oldest first (without their bytes).
    pub fn evidence(&self, assessment_id: &str) -> Result<Vec<EvidenceRecord>> {
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
