//! The CNIL interchange's storage: the statements of an imported PIA (answers with their notes,
//! and the CNIL file it came from), run in the import's unit of `store::Work` (`cnil/vault.rs`),
//! and the reads an export and a report need. The mapping itself is pure and lives in `cnil/`.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::Vault;
use crate::error::Result;

impl Vault {
    /// The CNIL file an assessment was imported from, if it was.
    pub(crate) fn cnil_document(&self, assessment_id: &str) -> Result<Option<String>> {
        Ok(self
            .connection()
            .query_row(
                "SELECT document FROM cnil_records WHERE assessment_id = ?1",
                [assessment_id],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The notes kept on an assessment's answers, by question id.
    pub(crate) fn answer_notes(&self, assessment_id: &str) -> Result<BTreeMap<String, String>> {
        let mut stmt = self.connection().prepare(
            "SELECT question_id, note FROM answers WHERE assessment_id = ?1 AND note <> '' ORDER BY question_id",
        )?;
        let rows = stmt.query_map([assessment_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A new version of an imported PIA keeps the CNIL file it came from.
pub(crate) fn copy_record(tx: &Connection, from: &str, to: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO cnil_records (assessment_id, document, imported_by, imported_at)
         SELECT ?2, document, imported_by, imported_at FROM cnil_records WHERE assessment_id = ?1",
        params![from, to],
    )?;
    Ok(())
}

/// Stores an imported assessment's answers with their notes (question id → JSON text, note),
/// inside the caller's transaction.
pub(crate) fn insert_noted_answers(
    conn: &Connection,
    assessment_id: &str,
    rows: &BTreeMap<String, (String, String)>,
    actor: &str,
    at: &str,
) -> Result<()> {
    for (question, (value, note)) in rows {
        conn.execute(
            "INSERT INTO answers (assessment_id, question_id, value, note, updated_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![assessment_id, question, value, note, actor, at],
        )?;
    }
    Ok(())
}

/// Keeps the CNIL file an assessment was imported from, inside the caller's transaction.
pub(crate) fn insert_record(
    conn: &Connection,
    assessment_id: &str,
    document: &str,
    actor: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO cnil_records (assessment_id, document, imported_by, imported_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![assessment_id, document, actor, at],
    )?;
    Ok(())
}
