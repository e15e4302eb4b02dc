//! The CNIL interchange against the vault (the SQL is in `vault/cnil_store.rs`): an import
//! creates one draft PIA with its answers, notes and the CNIL file it came from, in one
//! transaction (all or nothing, one audit entry naming the questions, never the values); an
//! export reads an assessment and records that it left the vault.

use std::collections::BTreeMap;

use super::export::{ExportSource, from_assessment};
use super::import::to_answers;
use super::model::parse;
use super::report::{LossReport, MappingReport};
use super::resync::from_record;
use super::write::document;
use crate::assessment::Answer;
use crate::error::{Error, Result};
use crate::id::new_id;
use crate::template::Template;
use crate::time::now;
use crate::vault::store::{Store, Work};
use crate::vault::{
    AssessmentRecord, AuditEvent, Decision, NewAssessment, NewAssessmentRow, Snapshot, Status,
};

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

/// Imports a CNIL PIA export as a new draft assessment from `template` (the bundled PIA
/// template), filed under `client_id` when given. Nothing is written unless the whole file
/// reads and maps.
pub fn import_cnil<S: Store>(
    store: &mut S,
    actor: &str,
    template: &Template,
    bytes: &[u8],
    client_id: Option<&str>,
) -> Result<CnilImport> {
    let pia = parse(bytes)?;
    let imported = to_answers(&pia, template)?;
    let record = to_json(&document(&pia), "CNIL record")?;
    let mut rows: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (question, answer) in &imported.answers {
        rows.insert(
            question.clone(),
            (to_json(answer, "answer")?, String::new()),
        );
    }
    for (question, note) in &imported.notes {
        // A note on a question the file does not answer sits on a blank answer, the same
        // state as an answer cleared in the wizard.
        let value = match rows.remove(question) {
            Some((value, _)) => value,
            None => to_json(&Answer::Text(String::new()), "answer")?,
        };
        rows.insert(question.clone(), (value, note.clone()));
    }
    let summary = format!(
        "imported from a CNIL PIA file; template {} {}; answers: {}; notes on: {}",
        template.id,
        template.version,
        list(imported.answers.keys()),
        list(imported.notes.keys()),
    );
    if let Some(client) = client_id {
        store.client(client)?.current()?;
    }
    let snapshot = Snapshot::of(&template.id, &template.version, template)?;
    let id = new_id();
    let at = now();
    // Scored as stored: a question with only a note sits on a blank answer.
    let mut answers = imported.answers.clone();
    for question in imported.notes.keys() {
        answers
            .entry(question.clone())
            .or_insert_with(|| Answer::Text(String::new()));
    }
    let indexed = crate::assessment::search_docs::new_assessment(&id, template, &answers);
    let new = NewAssessment {
        title: imported.title.clone(),
        client_id: client_id.map(str::to_owned),
        ..NewAssessment::default()
    };
    let event = AuditEvent {
        actor,
        action: "assessment.created",
        entity_type: "assessment",
        entity_id: &id,
        summary: &summary,
    };
    // All or nothing: the assessment, its answers and notes, and the file it came from.
    let mut work = store.begin()?;
    work.insert_assessment(&NewAssessmentRow {
        id: &id,
        kind: template.kind,
        snapshot: &snapshot,
        new: &new,
        created_by: actor,
        at: &at,
    })?;
    work.insert_noted_answers(&id, &rows, actor, &at)?;
    work.insert_cnil_record(&id, &record, actor, &at)?;
    crate::assessment::search_docs::write_scored(&mut work, &indexed)?;
    work.append_audit(event, &at)?;
    work.commit()?;
    Ok(CnilImport {
        assessment: store.assessment(&id)?,
        report: imported.report,
        notes: imported.notes,
    })
}

/// Exports a PIA as CNIL PIA JSON. A PIA imported from the CNIL tool goes back from the file
/// it came from, with what was changed in DPO Desk since; the export is recorded in the
/// audit log: the content leaves the vault.
pub fn export_cnil<S: Store>(store: &mut S, actor: &str, id: &str) -> Result<CnilExport> {
    let record = store.assessment(id)?;
    let template = crate::assessment::stored::assessment_template(&*store, id)?;
    let answers = crate::assessment::stored::answers(&*store, id)?;
    let notes = store.answer_notes(id)?;
    let evidence = store.evidence(id)?.len();
    let rejection = match record.status {
        Status::Rejected => crate::assessment::stored::sign_offs(&*store, id)?
            .into_iter()
            .rev()
            .find(|s| s.decision == Decision::Reject)
            .map(|s| s.comment),
        _ => None,
    };
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
    let (document, loss) = match store.cnil_document(id)? {
        Some(kept) => from_record(&parse(kept.as_bytes())?, &source)?,
        None => from_assessment(&source)?,
    };
    let json = serde_json::to_string_pretty(&document).map_err(|e| Error::Corrupted {
        detail: format!("CNIL export: {e}"),
    })?;
    crate::vault::record_leaving(
        store,
        crate::vault::AuditEvent {
            actor,
            action: "assessment.exported",
            entity_type: "assessment",
            entity_id: id,
            summary: "to a CNIL PIA file",
        },
    )?;
    Ok(CnilExport { json, loss })
}

fn to_json(value: &impl serde::Serialize, what: &str) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Corrupted {
        detail: format!("{what}: {e}"),
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
