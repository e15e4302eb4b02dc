//! The CNIL interchange against the vault: an import creates one draft PIA with its answers and
//! notes in one transaction (all or nothing, one audit entry naming the questions, never the
//! values); an export reads an assessment and records that it left the vault.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};

use super::export::{ExportSource, from_assessment};
use super::import::to_answers;
use super::model::parse;
use super::report::{LossReport, MappingReport};
use crate::assessment::Answer;
use crate::error::{Error, Result};
use crate::id::new_id;
use crate::template::Template;
use crate::time::now;
use crate::vault::{AssessmentRecord, AuditEvent, Decision, Status, Vault};

/// A finished import.
#[derive(Debug, Clone)]
pub struct CnilImport {
    pub assessment: AssessmentRecord,
    pub report: MappingReport,
    /// Notes by question id, as stored.
    pub notes: BTreeMap<String, String>,
}

/// A finished export: the file's text and what it could not carry.
#[derive(Debug, Clone)]
pub struct CnilExport {
    pub json: String,
    pub loss: LossReport,
}

impl Vault {
    /// Imports a CNIL PIA export as a new draft assessment from `template` (the bundled PIA
    /// template), filed under `client_id` when given. Nothing is written unless the whole file
    /// reads and maps.
    pub fn import_cnil(
        &mut self,
        actor: &str,
        template: &Template,
        bytes: &[u8],
        client_id: Option<&str>,
    ) -> Result<CnilImport> {
        let imported = to_answers(&parse(bytes)?, template)?;
        if let Some(client) = client_id {
            self.current_client(client)?;
        }
        let snapshot = serde_json::to_string(template).map_err(|e| Error::Corrupted {
            detail: format!("template snapshot: {e}"),
        })?;
        let id = new_id();
        let at = now();
        let mut rows: BTreeMap<&str, (String, &str)> = BTreeMap::new();
        for (question, answer) in &imported.answers {
            rows.insert(question, (json(answer)?, ""));
        }
        for (question, note) in &imported.notes {
            // A note on a question the file does not answer sits on a blank answer, the same
            // state as an answer cleared in the wizard.
            let value = match rows.remove(question.as_str()) {
                Some((value, _)) => value,
                None => json(&Answer::Text(String::new()))?,
            };
            rows.insert(question, (value, note));
        }
        let summary = format!(
            "imported from a CNIL PIA file; template {} {}; answers: {}; notes on: {}",
            template.id,
            template.version,
            list(imported.answers.keys()),
            list(imported.notes.keys()),
        );
        let event = AuditEvent {
            actor,
            action: "assessment.created",
            entity_type: "assessment",
            entity_id: &id,
            summary: &summary,
        };
        self.write(event, |tx| {
            tx.execute(
                "INSERT INTO assessments (id, kind, template_id, template_version, template_snapshot, title,
                     client_id, created_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![id, template.kind.as_str(), template.id, template.version, snapshot,
                    imported.title, client_id, actor, at],
            )?;
            for (question, (value, note)) in &rows {
                tx.execute(
                    "INSERT INTO answers (assessment_id, question_id, value, note, updated_by, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, question, value, note, actor, at],
                )?;
            }
            Ok(())
        })?;
        Ok(CnilImport {
            assessment: self.assessment(&id)?,
            report: imported.report,
            notes: imported.notes,
        })
    }

    /// Exports a PIA as CNIL PIA JSON. The export is recorded in the audit log: the content
    /// leaves the vault.
    pub fn export_cnil(&mut self, actor: &str, id: &str) -> Result<CnilExport> {
        let record = self.assessment(id)?;
        let template = self.assessment_template(id)?;
        let answers = self.answers(id)?;
        let evidence = self.evidence(id)?.len();
        let rejection = match record.status {
            Status::Rejected => self
                .sign_offs(id)?
                .into_iter()
                .rev()
                .find(|s| s.decision == Decision::Reject)
                .map(|s| s.comment),
            _ => None,
        };
        let event = AuditEvent {
            actor,
            action: "assessment.exported",
            entity_type: "assessment",
            entity_id: id,
            summary: "to a CNIL PIA file",
        };
        self.write_unless_read_only(event, |conn| {
            let notes = notes(conn, id)?;
            let source = ExportSource {
                title: &record.title,
                status: record.status,
                created_at: &record.created_at,
                updated_at: &record.updated_at,
                template: &template,
                answers: &answers,
                notes: &notes,
                rejection: rejection.as_deref(),
                evidence,
            };
            let (document, loss) = from_assessment(&source)?;
            let json = serde_json::to_string_pretty(&document).map_err(|e| Error::Corrupted {
                detail: format!("CNIL export: {e}"),
            })?;
            Ok(CnilExport { json, loss })
        })
    }
}

/// The notes kept on an assessment's answers, by question id.
fn notes(conn: &Connection, id: &str) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare(
        "SELECT question_id, note FROM answers WHERE assessment_id = ?1 AND note <> '' ORDER BY question_id",
    )?;
    let rows = stmt.query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn json(answer: &Answer) -> Result<String> {
    serde_json::to_string(answer).map_err(|e| Error::Corrupted {
        detail: format!("answer: {e}"),
    })
}

fn list<'a>(ids: impl Iterator<Item = &'a String>) -> String {
    let ids: Vec<&str> = ids.map(String::as_str).collect();
    if ids.is_empty() {
        "none".to_owned()
    } else {
        ids.join(", ")
    }
}
