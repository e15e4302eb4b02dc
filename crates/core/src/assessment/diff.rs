//! What changed between two versions of an assessment: which answers, and which findings.

use super::answer::{Answer, Answers};
use super::outcome::{Outcome, Rating};
use crate::template::Severity;

#[derive(Debug, Clone, PartialEq)]
pub struct AnswerChange {
    pub question_id: String,
    pub before: Option<Answer>,
    pub after: Option<Answer>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingChange {
    pub id: String,
    pub severity: Severity,
    pub title_en: String,
    pub title_zh: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    pub answers: Vec<AnswerChange>,
    pub findings_added: Vec<FindingChange>,
    pub findings_removed: Vec<FindingChange>,
    pub rating_before: Rating,
    pub rating_after: Rating,
}

/// Compares an older version (`before`) with a newer one (`after`).
pub fn diff(before: (&Answers, &Outcome), after: (&Answers, &Outcome)) -> Diff {
    let (old_answers, old_outcome) = before;
    let (new_answers, new_outcome) = after;
    let mut questions: Vec<&String> = old_answers.keys().chain(new_answers.keys()).collect();
    questions.sort();
    questions.dedup();
    let answers = questions
        .into_iter()
        .filter(|q| old_answers.get(*q) != new_answers.get(*q))
        .map(|q| AnswerChange {
            question_id: q.clone(),
            before: old_answers.get(q).cloned(),
            after: new_answers.get(q).cloned(),
        })
        .collect();
    let only_in = |a: &Outcome, b: &Outcome| -> Vec<FindingChange> {
        a.findings
            .iter()
            .filter(|f| {
                !b.findings
                    .iter()
                    .any(|g| g.id == f.id && g.severity == f.severity)
            })
            .map(|f| FindingChange {
                id: f.id.clone(),
                severity: f.severity,
                title_en: f.title.en.clone(),
                title_zh: f.title.zh.clone(),
            })
            .collect()
    };
    Diff {
        answers,
        findings_added: only_in(new_outcome, old_outcome),
        findings_removed: only_in(old_outcome, new_outcome),
        rating_before: old_outcome.ratings.overall,
        rating_after: new_outcome.ratings.overall,
    }
}
