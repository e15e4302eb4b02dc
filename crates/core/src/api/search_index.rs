//! Catches the search index up with what no write indexed: the questions of template snapshots
//! not yet read, and the findings of assessments still marked pending (triggers mark them,
//! migration 12). Every write that changes findings indexes them in its own unit of work
//! (`assessment::search_docs`), so after the first catch-up of a vault upgraded from before
//! schema 12, or a bundle import, nothing is pending and this is two reads. Scoring and reading
//! a snapshot as a template are rules, so they happen here; the store only says what is pending
//! and writes the documents. On a team database only snapshots are ever pending (per session:
//! every unit writes its findings), and their questions are kept by the store.

use crate::assessment::search_docs::finding_docs;
use crate::assessment::{score, stored};
use crate::template::Template;
use crate::vault::QuestionDoc;
use crate::vault::store::{Read, Store, Work};

/// How many assessments are scored before their findings are written: each batch commits, so an
/// interrupted catch-up keeps what it did and a write waits at most one batch.
const BATCH: usize = 200;

/// Brings the index up to date: cheap when nothing is pending (two reads); after a schema
/// upgrade it scores each pending assessment once, in batches.
pub fn refresh_search_index<R: Read>(store: &R) -> crate::Result<()> {
    let pending = store.search_pending()?;
    if pending.is_empty() {
        return Ok(());
    }
    let mut questions = Vec::new();
    for sha256 in &pending.snapshots {
        // An unreadable snapshot is `vault check`'s to report; its questions wait.
        let template = store
            .snapshot_json(sha256)?
            .and_then(|json| serde_json::from_slice::<Template>(&json).ok());
        if let Some(template) = template {
            questions.push((sha256.clone(), question_docs(&template)));
        }
    }
    store.write_search_index(&questions, &[])?;
    for batch in pending.stale.chunks(BATCH) {
        let mut findings = Vec::new();
        for id in batch {
            // Without its template (or gone since) the assessment keeps its old findings in the
            // index and is tried again next time. Templates are parsed once per snapshot (the
            // vault keeps them while open).
            let Ok(template) = stored::shared_template(store, id) else {
                continue;
            };
            let outcome = score(
                &template,
                &stored::answers(store, id)?,
                &stored::linked_outcomes(store, id)?,
            );
            findings.push((id.clone(), finding_docs(&outcome)));
        }
        store.write_search_index(&[], &findings)?;
    }
    Ok(())
}

/// Indexes the findings of client `client_id`'s assessments in one unit of work: what a bundle
/// import wrote unscored. On any store: the catch-up above reads the vault's pending marks,
/// which a server back-end does not keep. An assessment without a readable template is left as
/// it was.
pub(crate) fn index_matter<S: Store>(store: &mut S, client_id: &str) -> crate::Result<()> {
    let mut findings = Vec::new();
    for record in store.assessments()? {
        if store.assessment_client(&record.id)?.as_deref() != Some(client_id) {
            continue;
        }
        let Ok(outcome) = crate::assessment::stored::outcome(&*store, &record.id) else {
            continue;
        };
        findings.push((record.id, finding_docs(&outcome)));
    }
    if findings.is_empty() {
        return Ok(());
    }
    let mut work = store.begin()?;
    crate::assessment::search_docs::write(&mut work, &findings)?;
    work.commit()
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
