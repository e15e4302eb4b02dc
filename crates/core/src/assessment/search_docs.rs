//! The search index's findings of an assessment and its list summary, scored where its answers or
//! links are written, so that the write's own unit of work stores them
//! (`store::Work::put_search_findings`, `put_summary`) and neither a search nor a list after it
//! scores anything. Scoring is a rule: it happens here, above the store, which
//! writes the documents it is given. Reads come before the unit of work opens: they give the
//! answers and links as the unit will leave them.

use super::stored::{answers as stored_answers, linked_outcomes, shared_template};
use super::{Answers, LinkedOutcome, Outcome, Summary, score};
use crate::error::Result;
use crate::template::Template;
use crate::vault::store::{Read, Work};
use crate::vault::{AssessmentRecord, FindingDoc};

/// One assessment's findings documents, by its id.
pub type Indexed = Vec<(String, Vec<FindingDoc>)>;

/// What scoring one assessment leaves to store: its findings and its summary.
#[derive(Debug)]
pub(crate) struct Scored {
    pub id: String,
    pub findings: Vec<FindingDoc>,
    pub summary: Summary,
}

impl Scored {
    pub fn of(id: &str, outcome: &Outcome, answers: &Answers) -> Scored {
        Scored {
            id: id.to_owned(),
            findings: finding_docs(outcome),
            summary: Summary::of(outcome, answers),
        }
    }
}

/// Every assessment a write rescored.
pub(crate) type Rescored = Vec<Scored>;

/// The documents of an outcome's findings: title (the hit's label) and texts.
pub fn finding_docs(outcome: &Outcome) -> Vec<FindingDoc> {
    outcome
        .findings
        .iter()
        .map(|f| FindingDoc {
            finding_id: f.id.clone(),
            title: f.title.clone(),
            explanation: f.explanation.clone(),
            recommendation: f.recommendation.clone(),
        })
        .collect()
}

/// A new assessment's findings (it links to nothing yet, and nothing to it).
pub(crate) fn new_assessment(id: &str, template: &Template, answers: &Answers) -> Rescored {
    vec![Scored::of(id, &score(template, answers, &[]), answers)]
}

/// What giving `record` the answers `answers` makes of the index: its own findings, and those of
/// each assessment that takes in its rating (a PIA linking to it). An assessment whose template
/// cannot be read is left out: it stays pending and the catch-up tries it again.
pub(crate) fn after_answers<R: Read>(
    store: &R,
    record: &AssessmentRecord,
    answers: &Answers,
) -> Result<Rescored> {
    let template = shared_template(store, &record.id)?;
    let mut indexed = vec![Scored::of(
        &record.id,
        &score(&template, answers, &linked_outcomes(store, &record.id)?),
        answers,
    )];
    let linking = store.linking_ids(&record.id)?;
    if linking.is_empty() {
        return Ok(indexed);
    }
    // What a linking assessment sees of this one: its outcome scored on its own answers.
    let alone = score(&template, answers, &[]);
    let seen = LinkedOutcome {
        assessment_id: record.id.clone(),
        kind: record.kind,
        title: record.title.clone(),
        rating: alone.ratings.overall,
        worst_severity: alone.worst_severity(),
    };
    for id in linking {
        let Ok(theirs) = shared_template(store, &id) else {
            continue;
        };
        let linked: Vec<LinkedOutcome> = linked_outcomes(store, &id)?
            .into_iter()
            .map(|l| {
                if l.assessment_id == seen.assessment_id {
                    seen.clone()
                } else {
                    l
                }
            })
            .collect();
        let their_answers = stored_answers(store, &id)?;
        let outcome = score(&theirs, &their_answers, &linked);
        indexed.push(Scored::of(&id, &outcome, &their_answers));
    }
    Ok(indexed)
}

/// What linking assessment `id` to `linked_id` makes of its findings (linking twice is once).
pub(crate) fn after_link<R: Read>(store: &R, id: &str, linked_id: &str) -> Result<Rescored> {
    let mut linked = linked_outcomes(store, id)?;
    if !linked.iter().any(|l| l.assessment_id == linked_id) {
        let record = store.assessment(linked_id)?;
        let alone = score(
            &*shared_template(store, linked_id)?,
            &stored_answers(store, linked_id)?,
            &[],
        );
        linked.push(LinkedOutcome {
            assessment_id: record.id,
            kind: record.kind,
            title: record.title,
            rating: alone.ratings.overall,
            worst_severity: alone.worst_severity(),
        });
        // In the store's order (by id), as `linked_outcomes` reads them back.
        linked.sort_by(|a, b| a.assessment_id.cmp(&b.assessment_id));
    }
    let answers = stored_answers(store, id)?;
    let outcome = score(&*shared_template(store, id)?, &answers, &linked);
    Ok(vec![Scored::of(id, &outcome, &answers)])
}

/// Writes the documents in the unit of work, after the changes that altered them.
pub(crate) fn write(work: &mut impl Work, indexed: &Indexed) -> Result<()> {
    for (id, docs) in indexed {
        work.put_search_findings(id, docs)?;
    }
    Ok(())
}

/// Writes the findings and summaries in the unit of work, after the changes that altered them.
pub(crate) fn write_scored(work: &mut impl Work, rescored: &[Scored]) -> Result<()> {
    for scored in rescored {
        work.put_search_findings(&scored.id, &scored.findings)?;
        work.put_summary(&scored.id, &scored.summary.to_json())?;
    }
    Ok(())
}

/// How many imported assessments are scored before their documents are written.
const BATCH: usize = 200;

/// Scores assessments a bundle or a vault's move brought in, and writes their findings and
/// summaries, in units of [`BATCH`] after the import's own: an import writes rows as they came and
/// scores nothing inside its transaction (its reads would not see them). One whose template
/// cannot be read is left as it is (on a vault the search catch-up tries it again).
pub(crate) fn index_imported<S: crate::vault::store::Store>(
    store: &mut S,
    ids: &[String],
) -> Result<()> {
    for batch in ids.chunks(BATCH) {
        let mut scored = Vec::new();
        for id in batch {
            let Ok(outcome) = super::stored::outcome(&*store, id) else {
                continue;
            };
            let answers = stored_answers(&*store, id)?;
            scored.push(Scored::of(id, &outcome, &answers));
        }
        if scored.is_empty() {
            continue;
        }
        let mut work = store.begin()?;
        write_scored(&mut work, &scored)?;
        work.commit()?;
    }
    Ok(())
}
