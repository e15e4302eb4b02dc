//! Keeps the search index's derived documents current before a search reads it: the questions
//! of template snapshots not yet indexed, and the findings of assessments whose answers or links
//! changed since (triggers list them, migration 12). Scoring and reading a snapshot as a template
//! are rules, so they happen here; the store only says what is pending and writes the documents.

use crate::assessment::score;
use crate::template::Template;
use crate::vault::{FindingDoc, QuestionDoc, Vault};

/// Brings the index up to date: cheap when nothing changed (two reads); after a schema upgrade
/// or a bulk import it scores each changed assessment once.
pub fn refresh_search_index(vault: &Vault) -> crate::Result<()> {
    let pending = vault.search_pending()?;
    if pending.is_empty() {
        return Ok(());
    }
    let mut questions = Vec::new();
    for sha256 in &pending.snapshots {
        // An unreadable snapshot is `vault check`'s to report; its questions wait.
        let template = vault
            .snapshot_json(sha256)?
            .and_then(|json| serde_json::from_slice::<Template>(&json).ok());
        if let Some(template) = template {
            questions.push((sha256.clone(), question_docs(&template)));
        }
    }
    let mut findings = Vec::new();
    for id in &pending.stale {
        // Without its template (or gone since) the assessment keeps its old findings in the
        // index and is tried again next time. Templates are parsed once per snapshot (the
        // vault keeps them while open).
        let Ok(template) = vault.shared_template(id) else {
            continue;
        };
        let outcome = score(&template, &vault.answers(id)?, &vault.linked_outcomes(id)?);
        let docs = outcome
            .findings
            .iter()
            .map(|f| FindingDoc {
                finding_id: f.id.clone(),
                title: f.title.clone(),
                explanation: f.explanation.clone(),
                recommendation: f.recommendation.clone(),
            })
            .collect();
        findings.push((id.clone(), docs));
    }
    vault.write_search_index(&questions, &findings)
}

fn question_docs(template: &Template) -> Vec<QuestionDoc> {
    template
        .questions()
        .map(|(_, question)| QuestionDoc {
            question_id: question.id.clone(),
            text: question.text.clone(),
        })
        .collect()
}
