//! An assessment as the store keeps it, read back as domain values: the snapshot's JSON becomes
//! the `Template` it was started with, the answers' JSON text becomes `Answers`, and the two with
//! the linked assessments become an `Outcome`. The store hands out plain rows and never scores;
//! this is the one file of `assessment/` that touches it (the rest stays pure), so a second
//! back-end of the store gets every rule for free.

use super::{
    Answer, Answers, FrozenOutcome, LinkedOutcome, OpenPoint, Outcome, canonical_sha256, score,
};
use crate::error::{Error, Invalid, Result};
use crate::id::new_id;
use crate::template::Template;
use crate::vault::{
    AssessmentRecord, Decision, EvidenceRecord, NewAssessment, NewEvidence, SignOffRow, Snapshot,
    Status, Vault,
};

/// A sign-off as read back: what was signed, frozen with the versions it was scored under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    pub id: String,
    pub assessment_id: String,
    pub name: String,
    pub role: String,
    pub decision: Decision,
    pub comment: String,
    pub attestations: Vec<String>,
    pub answers_sha256: String,
    pub signed_at: String,
    /// What was signed; `None` for a sign-off recorded before outcomes were frozen.
    pub outcome: Option<FrozenOutcome>,
    /// The scoring engine and law register versions the outcome was scored under.
    pub engine_version: String,
    pub law_version: String,
    /// Decisive points open when it was given: an approval with any is "with reservations".
    pub reservations: Vec<OpenPoint>,
}

impl From<SignOffRow> for SignOff {
    fn from(row: SignOffRow) -> SignOff {
        SignOff {
            id: row.id,
            assessment_id: row.assessment_id,
            name: row.name,
            role: row.role,
            decision: row.decision,
            comment: row.comment,
            attestations: row.attestations,
            answers_sha256: row.answers_sha256,
            signed_at: row.signed_at,
            // Unreadable or absent (signed before outcomes were frozen): nothing frozen.
            outcome: serde_json::from_str(&row.outcome).ok().flatten(),
            engine_version: row.engine_version,
            law_version: row.law_version,
            reservations: serde_json::from_str(&row.reservations).unwrap_or_default(),
        }
    }
}

impl Vault {
    /// Starts an assessment from `template`, storing its snapshot.
    pub fn create_assessment(
        &mut self,
        actor: &str,
        template: &Template,
        new: NewAssessment,
    ) -> Result<AssessmentRecord> {
        if new.title.trim().is_empty() {
            return Err(Error::InvalidInput {
                field: "title",
                reason: Invalid::Empty,
            });
        }
        let snapshot = Snapshot::of(&template.id, &template.version, template)?;
        self.insert_assessment(actor, template.kind, &snapshot, new)
    }

    /// The template the assessment was started with.
    pub fn assessment_template(&self, id: &str) -> Result<Template> {
        let json = self.template_json(id)?;
        serde_json::from_slice(&json).map_err(|e| Error::Corrupted {
            detail: format!("template snapshot of {id}: {e}"),
        })
    }

    pub fn answers(&self, id: &str) -> Result<Answers> {
        let mut answers = Answers::new();
        for (question, value) in self.answer_rows(id)? {
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
        let changed = changed_rows(&current, answers)?;
        self.store_answers(actor, id, &changed)
    }

    /// The outcomes of the assessments a PIA links to (scoring inputs).
    pub fn linked_outcomes(&self, id: &str) -> Result<Vec<LinkedOutcome>> {
        self.linked_ids(id)?
            .iter()
            .map(|linked| {
                let record = self.assessment(linked)?;
                let outcome = score(
                    &self.assessment_template(linked)?,
                    &self.answers(linked)?,
                    &[],
                );
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

    /// Scores the assessment as it stands.
    pub fn outcome(&self, id: &str) -> Result<Outcome> {
        let template = self.assessment_template(id)?;
        Ok(score(
            &template,
            &self.answers(id)?,
            &self.linked_outcomes(id)?,
        ))
    }

    /// The assessment's sign-offs, oldest first.
    pub fn sign_offs(&self, id: &str) -> Result<Vec<SignOff>> {
        Ok(self
            .sign_off_rows(id)?
            .into_iter()
            .map(SignOff::from)
            .collect())
    }

    /// Stores a file for an evidence question and records it in the question's answer (the list
    /// of the attached files' ids), in one transaction with its audit entry. Whether it may be
    /// attached (size, draft, an evidence question) is `api`'s rule, checked before
    /// (`api::evidence`).
    pub fn add_evidence(
        &mut self,
        actor: &str,
        assessment_id: &str,
        question_id: &str,
        file_name: &str,
        content: &[u8],
    ) -> Result<EvidenceRecord> {
        let mut ids = match self.answers(assessment_id)?.remove(question_id) {
            Some(Answer::List(ids)) => ids,
            _ => Vec::new(),
        };
        let id = new_id();
        ids.push(id.clone());
        let answer = serde_json::to_string(&Answer::List(ids)).unwrap_or_else(|_| "[]".to_owned());
        self.store_evidence(
            actor,
            &NewEvidence {
                id: &id,
                assessment_id,
                question_id,
                file_name,
                content,
                answer: &answer,
            },
        )
    }

    /// The SHA-256 of the assessment's canonical content (docs/scoring.md, "Fingerprint").
    pub fn fingerprint(&self, id: &str) -> Result<String> {
        let record = self.assessment(id)?;
        let evidence = self.evidence_hashes(id)?;
        Ok(canonical_sha256(
            &record.template_id,
            &record.template_version,
            &self.answers(id)?,
            &evidence,
        ))
    }
}

/// The answers of `wanted` that differ from `current`, as the store keeps them (JSON text).
pub(crate) fn changed_rows(current: &Answers, wanted: &Answers) -> Result<Vec<(String, String)>> {
    wanted
        .iter()
        .filter(|(q, a)| current.get(*q) != Some(*a))
        .map(|(question, answer)| {
            let value = serde_json::to_string(answer).map_err(|e| Error::Corrupted {
                detail: format!("answer {question}: {e}"),
            })?;
            Ok((question.clone(), value))
        })
        .collect()
}
