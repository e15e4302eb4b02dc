//! Answers given before a question was split in two. A template that splits a question (the EU
//! importer asked apart from the PRC recipient) names the question it was split from; while the
//! new one has no answer, the old answer stands for it, so an assessment begun before the split
//! reads the same in its progress, open questions, route, report and `assess show`. Pure: the
//! stored answers are never rewritten here (their hash is what a sign-off signed).

use super::answer::{Answer, Answers};
use crate::template::Template;

/// These answers with, for each question split from another and left unanswered, the answer of
/// the question it was split from.
pub fn with_split_answers(template: &Template, answers: &Answers) -> Answers {
    let mut out = answers.clone();
    for (_, q) in template.questions() {
        let Some(from) = &q.split_from else {
            continue;
        };
        if answers.get(&q.id).is_some_and(Answer::is_given) {
            continue;
        }
        if let Some(old) = answers.get(from).filter(|a| a.is_given()) {
            out.insert(q.id.clone(), old.clone());
        }
    }
    out
}
