//! An assessment as the store keeps it, read back as domain values: the snapshot's JSON becomes
//! the `Template` it was started with, the answers' JSON text becomes `Answers`, and the two with
//! the linked assessments become an `Outcome`. The store hands out plain rows and never scores;
//! this is the one file of `assessment/` that touches it (the rest stays pure), so a second
//! back-end of the store gets every rule for free.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::{
    Answer, Answers, FrozenOutcome, LinkedOutcome, OpenPoint, Outcome, canonical_sha256, score,
    search_docs,
};
use crate::error::{Error, Invalid, Result};
use crate::id::new_id;
use crate::template::Template;
use crate::time::now;
use crate::vault::store::{Read, Store, Work};
use crate::vault::{
    AssessmentRecord, AuditEvent, Decision, EvidenceRecord, NewAssessment, NewAssessmentRow,
    SignOffRow, Snapshot, Status, Vault,
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
    /// [`create_assessment`] on the vault.
    pub(crate) fn create_assessment(
        &mut self,
        actor: &str,
        template: &Template,
        new: NewAssessment,
    ) -> Result<AssessmentRecord> {
        create_assessment(self, actor, template, new)
    }

    /// [`save_answers`] on the vault.
    pub(crate) fn save_answers(
        &mut self,
        actor: &str,
        id: &str,
        answers: &Answers,
    ) -> Result<usize> {
        save_answers(self, actor, id, answers)
    }
}

/// Starts an assessment from `template`, storing its snapshot.
pub fn create_assessment<S: Store>(
    store: &mut S,
    actor: &str,
    template: &Template,
    new: NewAssessment,
) -> Result<AssessmentRecord> {
    create_assessment_with(store, actor, template, new, &Answers::new())
}

/// Starts an assessment from `template` with its first answers, in one unit of work: the
/// assessment, its answers and their audit entries land together or not at all.
pub fn create_assessment_with<S: Store>(
    store: &mut S,
    actor: &str,
    template: &Template,
    new: NewAssessment,
    answers: &Answers,
) -> Result<AssessmentRecord> {
    if new.title.trim().is_empty() {
        return Err(Error::InvalidInput {
            field: "title",
            reason: Invalid::Empty,
        });
    }
    let new = NewAssessment {
        title: new.title.trim().to_owned(),
        ..new
    };
    let snapshot = Snapshot::of(&template.id, &template.version, template)?;
    let rows = changed_rows(&Answers::new(), answers)?;
    let id = new_id();
    let at = now();
    let indexed = search_docs::new_assessment(&id, template, answers);
    let mut work = store.begin()?;
    work.insert_assessment(&NewAssessmentRow {
        id: &id,
        kind: template.kind,
        snapshot: &snapshot,
        new: &new,
        created_by: actor,
        at: &at,
    })?;
    let summary = format!("from template {} {}", template.id, template.version);
    work.append_audit(
        assessment_event(actor, "assessment.created", &id, &summary),
        &at,
    )?;
    put_answers(&mut work, actor, &id, &rows, &at, &BTreeMap::new())?;
    search_docs::write_scored(&mut work, &indexed)?;
    work.commit()?;
    store.assessment(&id)
}

/// The template the assessment was started with, as the caller's own copy.
pub fn assessment_template<R: Read>(store: &R, id: &str) -> Result<Template> {
    Ok(Template::clone(&*shared_template(store, id)?))
}

/// The template the assessment was started with, shared: parsed once per snapshot while the
/// vault is open. For the paths that run on every view, save and rating.
pub fn shared_template<R: Read>(store: &R, id: &str) -> Result<std::sync::Arc<Template>> {
    store.parsed_snapshot(id, |json| {
        serde_json::from_slice(json).map_err(|e| Error::Corrupted {
            detail: format!("template snapshot of {id}: {e}"),
        })
    })
}

pub fn answers<R: Read>(store: &R, id: &str) -> Result<Answers> {
    let mut answers = Answers::new();
    for (question, value) in store.answer_rows(id)? {
        let answer: Answer = serde_json::from_str(&value).map_err(|e| Error::Corrupted {
            detail: format!("answer {question} of {id}: {e}"),
        })?;
        answers.insert(question, answer);
    }
    Ok(answers)
}

/// Saves answers in one short transaction; each changed answer gets its own audit entry
/// (naming the question, never the value). Only a draft can be answered.
pub fn save_answers<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    answers: &Answers,
) -> Result<usize> {
    save_answers_read(store, actor, id, answers, &BTreeMap::new())
}

/// [`save_answers`] carrying the version each answer was read at (question id → version, as
/// [`Read::answer_versions`] gave it, "" for one there was none of): if anyone saved one of them
/// since, the whole save is refused (kind `stale`) and nothing is written. An answer without an
/// entry in `read` is saved whatever its version.
pub fn save_answers_read<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    answers: &Answers,
    read: &BTreeMap<String, String>,
) -> Result<usize> {
    let record = store.assessment(id)?;
    if record.status != Status::Draft {
        return Err(Error::InvalidInput {
            field: "status",
            reason: Invalid::NotDraft,
        });
    }
    let mut current = self::answers(&*store, id)?;
    let changed = changed_rows(&current, answers)?;
    // Nothing changed, nothing to score (the findings stand).
    let indexed = if changed.is_empty() {
        Vec::new()
    } else {
        current.extend(answers.iter().map(|(q, a)| (q.clone(), a.clone())));
        search_docs::after_answers(&*store, &record, &current)?
    };
    let at = now();
    let mut work = store.begin()?;
    put_answers(&mut work, actor, id, &changed, &at, read)?;
    search_docs::write_scored(&mut work, &indexed)?;
    work.commit()?;
    Ok(changed.len())
}

/// The outcomes of the assessments a PIA links to (scoring inputs).
pub fn linked_outcomes<R: Read>(store: &R, id: &str) -> Result<Vec<LinkedOutcome>> {
    store
        .linked_ids(id)?
        .iter()
        .map(|linked| {
            let record = store.assessment(linked)?;
            let outcome = score(
                &*shared_template(store, linked)?,
                &answers(store, linked)?,
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
pub fn outcome<R: Read>(store: &R, id: &str) -> Result<Outcome> {
    let template = shared_template(store, id)?;
    Ok(score(
        &template,
        &answers(store, id)?,
        &linked_outcomes(store, id)?,
    ))
}

/// The assessment's sign-offs, oldest first.
pub fn sign_offs<R: Read>(store: &R, id: &str) -> Result<Vec<SignOff>> {
    Ok(store
        .sign_off_rows(id)?
        .into_iter()
        .map(SignOff::from)
        .collect())
}

/// Stores a file for an evidence question and records it in the question's answer (the list
/// of the attached files' ids), in one transaction with its audit entry. Whether it may be
/// attached (size, draft, an evidence question) is `api`'s rule, checked before
/// (`api::evidence`).
pub fn add_evidence<S: Store>(
    store: &mut S,
    actor: &str,
    assessment_id: &str,
    question_id: &str,
    file_name: &str,
    content: &[u8],
) -> Result<EvidenceRecord> {
    let mut answers = answers(&*store, assessment_id)?;
    let mut ids = match answers.remove(question_id) {
        Some(Answer::List(ids)) => ids,
        _ => Vec::new(),
    };
    let evidence = EvidenceRecord {
        id: new_id(),
        assessment_id: assessment_id.to_owned(),
        question_id: question_id.to_owned(),
        file_name: file_name.trim().to_owned(),
        size: content.len() as u64,
        sha256: hex::encode(Sha256::digest(content)),
        added_by: actor.to_owned(),
        added_at: now(),
    };
    ids.push(evidence.id.clone());
    let answer =
        serde_json::to_string(&Answer::List(ids.clone())).unwrap_or_else(|_| "[]".to_owned());
    answers.insert(question_id.to_owned(), Answer::List(ids));
    let record = store.assessment(assessment_id)?;
    let indexed = search_docs::after_answers(&*store, &record, &answers)?;
    let at = evidence.added_at.as_str();
    let summary = format!(
        "question {question_id}, {} bytes, sha256 {}",
        evidence.size, evidence.sha256
    );
    let mut work = store.begin()?;
    work.insert_evidence(&evidence, content)?;
    work.put_answer(assessment_id, question_id, &answer, actor, at)?;
    // A file is part of what a signer signs (the fingerprint hashes it), so attaching one moves
    // the assessment's version as an answer saved does: a sign-off, submission or keep-until
    // made from a read before it is refused as stale, naming who attached it. This rather than
    // a separate evidence check: the author's own next saves stay his — an answer carries its
    // own row's version, not the assessment's, and the attach hands the door the fresh view
    // (the app's wizard takes it; `assess show --json` reads it), so only a colleague's older
    // read is overtaken.
    work.touch_assessment(assessment_id, at)?;
    search_docs::write_scored(&mut work, &indexed)?;
    let event = assessment_event(actor, "evidence.added", assessment_id, &summary);
    work.append_audit(event, at)?;
    work.commit()?;
    Ok(evidence)
}

/// The SHA-256 of the assessment's canonical content (docs/scoring.md, "Fingerprint").
pub fn fingerprint<R: Read>(store: &R, id: &str) -> Result<String> {
    let record = store.assessment(id)?;
    let evidence = store.evidence_hashes(id)?;
    Ok(canonical_sha256(
        &record.template_id,
        &record.template_version,
        &answers(store, id)?,
        &evidence,
    ))
}

/// An audit entry about assessment `id`.
fn assessment_event<'a>(
    actor: &'a str,
    action: &'a str,
    id: &'a str,
    summary: &'a str,
) -> AuditEvent<'a> {
    AuditEvent {
        actor,
        action,
        entity_type: "assessment",
        entity_id: id,
        summary,
    }
}

/// Writes answers (question id, JSON text) in `work`, each with its own audit entry naming the
/// question, never the value; marks the assessment changed when any was written.
fn put_answers(
    work: &mut impl Work,
    actor: &str,
    id: &str,
    rows: &[(String, String)],
    at: &str,
    read: &BTreeMap<String, String>,
) -> Result<()> {
    for (question, value) in rows {
        let version = read.get(question).map(String::as_str);
        work.put_answer_read(id, question, value, actor, at, version)?;
        let summary = format!("question {question}");
        work.append_audit(assessment_event(actor, "answer.saved", id, &summary), at)?;
    }
    if !rows.is_empty() {
        work.touch_assessment(id, at)?;
    }
    Ok(())
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
