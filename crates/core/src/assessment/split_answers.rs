//! Answers given before a question was split in two. A template that splits a question (the EU
//! importer asked apart from the PRC recipient) names the question it was split from; while the
//! new one has no answer, the old answer stands for it, so an assessment begun before the split
//! reads the same in its progress, open questions, route, report and `assess show`. Pure: the
//! stored answers are never rewritten here (their hash is what a sign-off signed).

use super::answer::{Answer, Answers};
use crate::template::Template;

/// Splits made before templates could say `split_from`: the transfer template 1.2.0 asked the EU
/// importer apart from the one recipient, and an assessment keeps the snapshot it was started
/// with, so its snapshot cannot say it. (template id, new question, the question it was split from)
const BEFORE_THE_FIELD: &[(&str, &str, &str)] =
    &[("transfer", "tr01_eu_recipient", "tr01_recipient")];

/// These answers with, for each question split from another and left unanswered, the answer of
/// the question it was split from.
pub fn with_split_answers(template: &Template, answers: &Answers) -> Answers {
    let mut out = answers.clone();
    for (_, q) in template.questions() {
        let known = || {
            BEFORE_THE_FIELD
                .iter()
                .find(|(t, new, _)| *t == template.id && *new == q.id)
                .map(|(_, _, from)| *from)
                .filter(|from| template.question(from).is_some_and(|o| o.kind == q.kind))
        };
        let Some(from) = q.split_from.as_deref().or_else(known) else {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Answer, score};
    use crate::law::LawRegister;
    use crate::template::Kind;

    /// A snapshot of transfer 1.2.0 (the EU importer split off, no `split_from` to say so) reads
    /// an answer from before the split as the current template does: given, not open.
    #[test]
    fn a_snapshot_from_before_the_field_still_reads_the_old_answer() {
        let law = LawRegister::bundled().expect("law");
        let mut template = crate::template::bundled(&law)
            .expect("templates")
            .into_iter()
            .find(|t| t.kind == Kind::Transfer)
            .expect("transfer template");
        let mut answers = Answers::new();
        answers.insert("tr01_regime".into(), Answer::Text("eu".into()));
        answers.insert("tr01_recipient".into(), Answer::Text("Example KK".into()));
        let open = |t: &Template, a: &Answers| score(t, a, &[]).unanswered_required;
        assert!(!open(&template, &answers).contains(&"tr01_eu_recipient".to_owned()));
        for section in &mut template.sections {
            for q in &mut section.questions {
                q.split_from = None;
            }
        }
        assert!(!open(&template, &answers).contains(&"tr01_eu_recipient".to_owned()));
        assert_eq!(
            with_split_answers(&template, &answers)
                .get("tr01_eu_recipient")
                .and_then(Answer::as_text),
            Some("Example KK")
        );
        // Without the old answer the EU importer stays open.
        answers.remove("tr01_recipient");
        assert!(open(&template, &answers).contains(&"tr01_eu_recipient".to_owned()));
    }
}
