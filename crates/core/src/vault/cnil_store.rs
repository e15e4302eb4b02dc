//! The CNIL interchange's storage: an imported PIA (assessment, answers with their notes, and the
//! CNIL file it came from) written in one transaction with one audit entry, and the reads an
//! export and a report need. The mapping itself is pure and lives in `cnil/`.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::snapshots::Snapshot;
use super::{AuditEvent, Vault};
use crate::error::Result;
use crate::id::new_id;
use crate::kind::Kind;
use crate::time::now;

/// What a CNIL import writes.
#[derive(Debug, Clone, Copy)]
pub struct CnilImportRows<'a> {
    pub kind: Kind,
    /// The template's snapshot.
    pub snapshot: &'a Snapshot,
    pub title: &'a str,
    pub client_id: Option<&'a str>,
    /// By question id: the answer as JSON and its note ("" for none).
    pub rows: &'a BTreeMap<String, (String, String)>,
    /// The CNIL file as read, kept beside the assessment.
    pub document: &'a str,
    /// The audit entry's summary (question ids, never values).
    pub summary: &'a str,
}

impl Vault {
    /// Creates the imported assessment; returns its id. All or nothing.
    pub(crate) fn insert_cnil_import(
        &mut self,
        actor: &str,
        import: &CnilImportRows<'_>,
    ) -> Result<String> {
        if let Some(client) = import.client_id {
            self.current_client(client)?;
        }
        let snapshot = import.snapshot;
        let id = new_id();
        let at = now();
        let event = AuditEvent {
            actor,
            action: "assessment.created",
            entity_type: "assessment",
            entity_id: &id,
            summary: import.summary,
        };
        self.write(event, |tx| {
            let sha256 = super::snapshots::store(tx, snapshot)?;
            tx.execute(
                "INSERT INTO assessments (id, kind, template_id, template_version, template_sha256, title,
                     client_id, created_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![id, import.kind.as_str(), snapshot.template_id, snapshot.template_version, sha256,
                    import.title, import.client_id, actor, at],
            )?;
            for (question, (value, note)) in import.rows {
                tx.execute(
                    "INSERT INTO answers (assessment_id, question_id, value, note, updated_by, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, question, value, note, actor, at],
                )?;
            }
            tx.execute(
                "INSERT INTO cnil_records (assessment_id, document, imported_by, imported_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![id, import.document, actor, at],
            )?;
            Ok(())
        })?;
        Ok(id)
    }

    /// The CNIL file an assessment was imported from, if it was.
    pub fn cnil_document(&self, assessment_id: &str) -> Result<Option<String>> {
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
    pub fn answer_notes(&self, assessment_id: &str) -> Result<BTreeMap<String, String>> {
        let mut stmt = self.connection().prepare(
            "SELECT question_id, note FROM answers WHERE assessment_id = ?1 AND note <> '' ORDER BY question_id",
        )?;
        let rows = stmt.query_map([assessment_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records that an assessment left the vault as a CNIL file (nothing is written in a
    /// read-only vault, which cannot record it).
    pub(crate) fn record_cnil_export(&mut self, actor: &str, assessment_id: &str) -> Result<()> {
        let event = AuditEvent {
            actor,
            action: "assessment.exported",
            entity_type: "assessment",
            entity_id: assessment_id,
            summary: "to a CNIL PIA file",
        };
        self.write_unless_read_only(event, |_| Ok(()))
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
