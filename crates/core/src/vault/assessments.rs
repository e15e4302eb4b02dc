//! Assessments in the vault: created from a template (whose snapshot is stored, so later template
//! versions never change it), answered one short transaction at a time (each change also in the
//! audit log), moved through draft → in review → approved / rejected, and re-opened as a new
//! version linked to the old one. Scoring itself is pure and lives in `assessment::score`.

use std::sync::Arc;

use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::snapshots::{self, Snapshot};
use super::{AuditEvent, Vault};
use crate::assessment::{Answer, Answers, LinkedOutcome, Outcome, score};
use crate::error::{Entity, Error, Invalid, Result};
use crate::id::new_id;
use crate::template::{Kind, Template};
use crate::time::now;

/// Where an assessment stands in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    InReview,
    Approved,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }

    fn parse(text: &str) -> Status {
        match text {
            "in_review" => Status::InReview,
            "approved" => Status::Approved,
            "rejected" => Status::Rejected,
            _ => Status::Draft,
        }
    }
}

/// An assessment's row (without its answers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRecord {
    pub id: String,
    pub kind: Kind,
    pub template_id: String,
    pub template_version: String,
    pub title: String,
    pub client_id: Option<String>,
    pub data_source_id: Option<String>,
    pub vendor_id: Option<String>,
    pub status: Status,
    pub version: i64,
    pub previous_id: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

/// What a new assessment is about.
#[derive(Debug, Clone, Default)]
pub struct NewAssessment {
    pub title: String,
    pub client_id: Option<String>,
    pub data_source_id: Option<String>,
    pub vendor_id: Option<String>,
}

const COLUMNS: &str = "id, kind, template_id, template_version, title, client_id, data_source_id, \
                       vendor_id, status, version, previous_id, created_by, created_at, updated_at";

fn record(row: &Row<'_>) -> rusqlite::Result<AssessmentRecord> {
    let kind: String = row.get(1)?;
    let status: String = row.get(8)?;
    Ok(AssessmentRecord {
        id: row.get(0)?,
        kind: Kind::parse(&kind).unwrap_or(Kind::DataSource),
        template_id: row.get(2)?,
        template_version: row.get(3)?,
        title: row.get(4)?,
        client_id: row.get(5)?,
        data_source_id: row.get(6)?,
        vendor_id: row.get(7)?,
        status: Status::parse(&status),
        version: row.get(9)?,
        previous_id: row.get(10)?,
        created_by: row.get(11)?,
        created_at: row.get(12)?,
        updated_at: row.get(13)?,
    })
}

impl Vault {
    /// Starts an assessment from `template`, storing its snapshot.
    pub fn create_assessment(
        &mut self,
        actor: &str,
        template: &Template,
        new: NewAssessment,
    ) -> Result<AssessmentRecord> {
        let title = new.title.trim().to_owned();
        if title.is_empty() {
            return Err(Error::InvalidInput {
                field: "title",
                reason: Invalid::Empty,
            });
        }
        let snapshot = Snapshot::of(template)?;
        let id = new_id();
        let at = now();
        self.write(
            AuditEvent { actor, action: "assessment.created", entity_type: "assessment", entity_id: &id, summary: &format!("from template {} {}", template.id, template.version) },
            |tx| {
                let sha256 = snapshots::store(tx, &snapshot)?;
                tx.execute(
                    "INSERT INTO assessments (id, kind, template_id, template_version, template_sha256, title,
                         client_id, data_source_id, vendor_id, created_by, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                    params![id, template.kind.as_str(), template.id, template.version, sha256, title,
                        new.client_id, new.data_source_id, new.vendor_id, actor, at],
                )?;
                Ok(())
            },
        )?;
        self.assessment(&id)
    }

    pub fn assessment(&self, id: &str) -> Result<AssessmentRecord> {
        self.conn
            .query_row(
                // The covering index: the table row would walk the template snapshot's overflow
                // pages to reach the later columns (migration 0002).
                &format!(
                    "SELECT {COLUMNS} FROM assessments INDEXED BY assessments_summary WHERE id = ?1"
                ),
                [id],
                record,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                entity: Entity::Assessment,
                id: id.to_owned(),
            })
    }

    /// Every assessment, newest first.
    pub fn assessments(&self) -> Result<Vec<AssessmentRecord>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM assessments ORDER BY created_at DESC, id DESC"
        ))?;
        let rows = stmt
            .query_map([], record)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The template the assessment was started with, as the caller's own copy.
    pub fn assessment_template(&self, id: &str) -> Result<Template> {
        Ok(Template::clone(&*self.shared_template(id)?))
    }

    /// The template the assessment was started with, shared: parsed once per snapshot while the
    /// vault is open. For the paths that run on every view, save and rating.
    pub fn shared_template(&self, id: &str) -> Result<Arc<Template>> {
        snapshots::template_of(&self.conn, &self.templates, id)
    }

    pub fn answers(&self, id: &str) -> Result<Answers> {
        let mut stmt = self
            .conn
            .prepare("SELECT question_id, value FROM answers WHERE assessment_id = ?1")?;
        let rows = stmt.query_map([id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut answers = Answers::new();
        for row in rows {
            let (question, value) = row?;
            let answer: Answer = serde_json::from_str(&value).map_err(|e| Error::Corrupted {
                detail: format!("answer {question} of {id}: {e}"),
            })?;
            answers.insert(question, answer);
        }
        Ok(answers)
    }

    /// Saves answers in one short transaction; each changed answer gets its own audit entry
    /// (naming the question, never the value). Only a draft can be answered.
    pub fn save_answers(&mut self, actor: &str, id: &str, answers: &Answers) -> Result<usize> {
        let record = self.assessment(id)?;
        if record.status != Status::Draft {
            return Err(Error::InvalidInput {
                field: "status",
                reason: Invalid::NotDraft,
            });
        }
        let current = self.answers(id)?;
        let changed: Vec<(&String, &Answer)> = answers
            .iter()
            .filter(|(q, a)| current.get(*q) != Some(*a))
            .collect();
        let at = now();
        self.ensure_writable()?;
        let saved = self.store_answers(actor, id, &changed, &at);
        saved.map_err(|e| self.diagnose(e))
    }

    /// `save_answers`' one transaction: the changed answers, an audit entry for each.
    fn store_answers(
        &mut self,
        actor: &str,
        id: &str,
        changed: &[(&String, &Answer)],
        at: &str,
    ) -> Result<usize> {
        let tx = self.begin_write()?;
        for (question, answer) in changed {
            let value = serde_json::to_string(answer).map_err(|e| Error::Corrupted {
                detail: format!("answer {question}: {e}"),
            })?;
            tx.execute(
                "INSERT INTO answers (assessment_id, question_id, value, updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (assessment_id, question_id) DO UPDATE
                 SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                params![id, question, value, actor, at],
            )?;
            super::audit::append(
                &tx,
                AuditEvent {
                    actor,
                    action: "answer.saved",
                    entity_type: "assessment",
                    entity_id: id,
                    summary: &format!("question {question}"),
                },
                at,
            )?;
        }
        if !changed.is_empty() {
            tx.execute(
                "UPDATE assessments SET updated_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
        }
        tx.commit()?;
        Ok(changed.len())
    }

    /// The outcomes of the assessments a PIA links to (scoring inputs).
    pub fn linked_outcomes(&self, id: &str) -> Result<Vec<LinkedOutcome>> {
        let mut stmt = self.conn.prepare(
            "SELECT linked_id FROM assessment_links WHERE assessment_id = ?1 ORDER BY linked_id",
        )?;
        let ids: Vec<String> = stmt
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter()
            .map(|linked| {
                let record = self.assessment(linked)?;
                let outcome = score(&*self.shared_template(linked)?, &self.answers(linked)?, &[]);
                Ok(LinkedOutcome {
                    assessment_id: record.id,
                    kind: record.kind,
                    title: record.title,
                    rating: outcome.ratings.overall,
                    worst_severity: outcome.worst_severity(),
                })
            })
            .collect()
    }

    /// Links a PIA to a data-source or vendor assessment it relies on, or a data-source, vendor
    /// or PIA assessment to the transfer assessment that decides its route.
    pub fn link_assessment(&mut self, actor: &str, id: &str, linked_id: &str) -> Result<()> {
        let from = self.assessment(id)?.kind;
        let to = self.assessment(linked_id)?.kind;
        let allowed = matches!(
            (from, to),
            (Kind::Pia, Kind::DataSource | Kind::Vendor)
                | (Kind::DataSource | Kind::Vendor | Kind::Pia, Kind::Transfer)
        );
        if !allowed {
            return Err(Error::InvalidInput {
                field: "link",
                reason: Invalid::NotLinkable,
            });
        }
        self.write(
            AuditEvent { actor, action: "assessment.linked", entity_type: "assessment", entity_id: id, summary: &format!("linked {linked_id}") },
            |tx| {
                tx.execute("INSERT OR IGNORE INTO assessment_links (assessment_id, linked_id) VALUES (?1, ?2)", params![id, linked_id])?;
                Ok(())
            },
        )
    }

    /// Scores the assessment as it stands.
    pub fn outcome(&self, id: &str) -> Result<Outcome> {
        let template = self.shared_template(id)?;
        Ok(score(
            &template,
            &self.answers(id)?,
            &self.linked_outcomes(id)?,
        ))
    }

    /// The SHA-256 of the assessment's canonical content (docs/scoring.md, "Fingerprint").
    pub fn fingerprint(&self, id: &str) -> Result<String> {
        let record = self.assessment(id)?;
        let mut stmt = self
            .conn
            .prepare("SELECT sha256 FROM evidence WHERE assessment_id = ?1 ORDER BY sha256")?;
        let evidence: Vec<String> = stmt
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(canonical_sha256(
            &record.template_id,
            &record.template_version,
            &self.answers(id)?,
            &evidence,
        ))
    }

    /// draft → in review.
    pub fn submit_assessment(&mut self, actor: &str, id: &str) -> Result<AssessmentRecord> {
        self.transition(
            actor,
            id,
            Status::Draft,
            Status::InReview,
            "assessment.submitted",
        )
    }

    /// Re-opens an approved or rejected assessment as a new draft version that starts from the
    /// same answers and links; the signed version stays as it was.
    pub fn reopen_assessment(&mut self, actor: &str, id: &str) -> Result<AssessmentRecord> {
        let old = self.assessment(id)?;
        if !matches!(old.status, Status::Approved | Status::Rejected) {
            return Err(Error::InvalidInput {
                field: "status",
                reason: Invalid::NotSignedOff,
            });
        }
        let successor: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM assessments WHERE previous_id = ?1",
                [id],
                |row| row.get(0),
            )
            .optional()?;
        if successor.is_some() {
            return Err(Error::InvalidInput {
                field: "status",
                reason: Invalid::AlreadyReopened,
            });
        }
        let new_id = new_id();
        let at = now();
        self.write(
            AuditEvent { actor, action: "assessment.reopened", entity_type: "assessment", entity_id: &new_id, summary: &format!("version {} from {id}", old.version + 1) },
            |tx| {
                tx.execute(
                    "INSERT INTO assessments (id, kind, template_id, template_version, template_sha256, title,
                         client_id, data_source_id, vendor_id, status, version, previous_id, created_by, created_at, updated_at)
                     SELECT ?2, kind, template_id, template_version, template_sha256, title,
                         client_id, data_source_id, vendor_id, 'draft', version + 1, id, ?3, ?4, ?4
                     FROM assessments WHERE id = ?1",
                    params![id, new_id, actor, at],
                )?;
                tx.execute(
                    "INSERT INTO answers (assessment_id, question_id, value, note, updated_by, updated_at)
                     SELECT ?2, question_id, value, note, updated_by, updated_at FROM answers WHERE assessment_id = ?1",
                    params![id, new_id],
                )?;
                tx.execute(
                    "INSERT INTO assessment_links (assessment_id, linked_id)
                     SELECT ?2, linked_id FROM assessment_links WHERE assessment_id = ?1",
                    params![id, new_id],
                )?;
                super::cnil_store::copy_record(tx, id, &new_id)?;
                Ok(())
            },
        )?;
        self.assessment(&new_id)
    }

    fn transition(
        &mut self,
        actor: &str,
        id: &str,
        from: Status,
        to: Status,
        action: &str,
    ) -> Result<AssessmentRecord> {
        let record = self.assessment(id)?;
        if record.status != from {
            return Err(Error::InvalidInput {
                field: "status",
                reason: Invalid::NotDraft,
            });
        }
        self.write(
            AuditEvent {
                actor,
                action,
                entity_type: "assessment",
                entity_id: id,
                summary: &format!("{} → {}", from.as_str(), to.as_str()),
            },
            |tx| {
                tx.execute(
                    "UPDATE assessments SET status = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, to.as_str(), now()],
                )?;
                Ok(())
            },
        )?;
        self.assessment(id)
    }
}

/// SHA-256 over the canonical JSON (sorted keys, no whitespace, UTF-8) of the template id and
/// version, the answers (PIA risks are among them) and the sorted evidence hashes.
pub fn canonical_sha256(
    template_id: &str,
    template_version: &str,
    answers: &Answers,
    evidence: &[String],
) -> String {
    let value = serde_json::json!({
        "answers": answers,
        "evidence": evidence,
        "template": { "id": template_id, "version": template_version },
    });
    // serde_json's map is ordered by key (no preserve_order feature), and `to_string` writes no
    // whitespace: that is the canonical form.
    let text = serde_json::to_string(&value).unwrap_or_default();
    hex::encode(Sha256::digest(text.as_bytes()))
}
