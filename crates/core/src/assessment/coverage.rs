//! Vendor contract clause coverage: which mandatory clauses are present, partial, missing or not
//! yet checked. Coverage counts only checked clauses; an unchecked clause is never "missing".

use std::collections::BTreeSet;

use super::answer::{Answer, Answers};
use super::outcome::{ClauseState, ClauseStatus, Coverage};
use crate::template::{RegimeScope, Template};

pub(crate) fn coverage(
    template: &Template,
    visible: &Answers,
    shown: &BTreeSet<&str>,
    (eu_applies, prc_applies): (bool, bool),
) -> Coverage {
    let mut clauses = Vec::new();
    for (_, q) in template.questions() {
        let counts = q.clause.is_some_and(|c| {
            c.mandatory
                && match c.regime {
                    Some(RegimeScope::Eu) => eu_applies,
                    Some(RegimeScope::Prc) => prc_applies,
                    Some(RegimeScope::Both) | None => true,
                }
        });
        if !counts || !shown.contains(q.id.as_str()) {
            continue;
        }
        let status = match visible.get(&q.id).and_then(Answer::as_text) {
            Some("yes") => ClauseStatus::Present,
            Some("partial") => ClauseStatus::Partial,
            Some("no") => ClauseStatus::Missing,
            // A clause that does not apply to this relationship is left out of the count.
            Some("na") => continue,
            _ => ClauseStatus::Unchecked,
        };
        clauses.push(ClauseState {
            question_id: q.id.clone(),
            status,
            cite: q.cite.clone(),
        });
    }
    let count = |s: ClauseStatus| clauses.iter().filter(|c| c.status == s).count();
    let (present, partial, missing, unchecked) = (
        count(ClauseStatus::Present),
        count(ClauseStatus::Partial),
        count(ClauseStatus::Missing),
        count(ClauseStatus::Unchecked),
    );
    let mandatory = clauses.len();
    let checked = mandatory - unchecked;
    let percent = if mandatory == 0 {
        Some(100.0)
    } else if checked == 0 {
        None
    } else {
        Some(((present as f64 + partial as f64 * 0.5) / checked as f64 * 1000.0).round() / 10.0)
    };
    Coverage {
        mandatory,
        present,
        partial,
        missing,
        unchecked,
        percent,
        clauses,
    }
}
