//! The list summaries the client overview and the portfolio read (`assessment::Summary`): every
//! write that scores an assessment stores its summary in its own unit of work
//! (`assessment::search_docs`), so a list scores nothing. What no write stored — versions from
//! before the summaries (vault schema 13, team schema 7), a bundle import, one another engine
//! scored — is scored here once and stored, in batches.

use std::collections::HashMap;

use crate::assessment::{Summary, Versions, score, stored};
use crate::vault::store::{Read, Store, Work};

/// How many assessments are scored before their summaries are written: each batch commits, so
/// an interrupted catch-up keeps what it did and a write waits at most one batch.
const BATCH: usize = 200;

/// Scores and stores the summary of every current version that has none: the lists read no
/// other, and a version that was re-opened never changes again (one from before the summaries
/// stays without; its successor got its own when it was re-opened). Nothing is written to a
/// read-only store: its lists score the missing ones each time instead. A version whose
/// template cannot be read is left without one (`vault check` reports it).
pub(crate) fn catch_up<S: Store>(store: &mut S) -> crate::Result<()> {
    if store.is_read_only() {
        return Ok(());
    }
    let stored = store.summaries()?;
    let records = store.assessments()?;
    let versions = Versions::new(
        records
            .iter()
            .map(|r| (r.id.as_str(), r.previous_id.as_deref())),
    );
    let missing: Vec<&str> = records
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| versions.is_current(id))
        .filter(|id| {
            stored
                .get(*id)
                .and_then(|s| Summary::from_json(s))
                .is_none()
        })
        .collect();
    for batch in missing.chunks(BATCH) {
        let mut scored = Vec::new();
        for id in batch {
            let Ok(summary) = scored_now(&*store, id) else {
                continue;
            };
            scored.push((id, summary));
        }
        if scored.is_empty() {
            continue;
        }
        let mut work = store.begin()?;
        for (id, summary) in &scored {
            work.put_summary(id, &summary.to_json())?;
        }
        work.commit()?;
    }
    Ok(())
}

/// The stored summaries that can be read, by assessment id.
pub(crate) fn read<R: Read>(store: &R) -> crate::Result<HashMap<String, Summary>> {
    Ok(store
        .summaries()?
        .into_iter()
        .filter_map(|(id, json)| Some((id, Summary::from_json(&json)?)))
        .collect())
}

/// Assessment `id`'s summary: the stored one, or scored now when there is none.
pub(crate) fn of<R: Read>(
    store: &R,
    summaries: &HashMap<String, Summary>,
    id: &str,
) -> crate::Result<Summary> {
    match summaries.get(id) {
        Some(summary) => Ok(summary.clone()),
        None => scored_now(store, id),
    }
}

/// Assessment `id`'s summary as scoring gives it now (its answers read once).
fn scored_now<R: Read>(store: &R, id: &str) -> crate::Result<Summary> {
    let answers = stored::answers(store, id)?;
    let outcome = score(
        &*stored::shared_template(store, id)?,
        &answers,
        &stored::linked_outcomes(store, id)?,
    );
    Ok(Summary::of(&outcome, &answers))
}
