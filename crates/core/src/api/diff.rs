//! Wire types of the side-by-side comparison of two versions of an assessment: core's
//! `assessment::diff` with each changed answer worded for a reader (choice labels, level names,
//! one line per row of a table) and placed under its question and section.

use super::*;
use crate::report::{ReportLang, answer_text, value_text};

/// One answer that differs between the two versions. `None` on a side: not answered there.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AnswerChangeView {
    pub question_id: String,
    /// The question's text (its id when the template no longer has it).
    pub question: Bilingual,
    pub section: Option<Bilingual>,
    pub before: Option<Bilingual>,
    pub after: Option<Bilingual>,
}

/// A finding present in one version only (or with another severity).
#[derive(Debug, Clone, Serialize, TS)]
pub struct FindingChangeView {
    pub id: String,
    pub severity: Severity,
    pub title: Bilingual,
}

impl From<&assessment::FindingChange> for FindingChangeView {
    fn from(f: &assessment::FindingChange) -> FindingChangeView {
        FindingChangeView {
            id: f.id.clone(),
            severity: f.severity.into(),
            title: Bilingual {
                zh: f.title_zh.clone(),
                en: f.title_en.clone(),
            },
        }
    }
}

/// What changed from an older version to a newer one.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VersionDiffView {
    pub older: AssessmentSummary,
    pub newer: AssessmentSummary,
    /// In questionnaire order.
    pub answers: Vec<AnswerChangeView>,
    pub findings_added: Vec<FindingChangeView>,
    pub findings_removed: Vec<FindingChangeView>,
    pub rating_before: RatingBadge,
    pub rating_after: RatingBadge,
}

/// Compares two versions (`older` before `newer`), wording answers with the newer version's
/// template snapshot. Answers that say nothing on either side (a cleared text) are no change.
pub fn version_diff<R: Read>(
    store: &R,
    older: &str,
    newer: &str,
) -> crate::Result<VersionDiffView> {
    let old_answers = crate::assessment::stored::answers(store, older)?;
    let new_answers = crate::assessment::stored::answers(store, newer)?;
    let old_outcome = crate::assessment::stored::outcome(store, older)?;
    let new_outcome = crate::assessment::stored::outcome(store, newer)?;
    let template = crate::assessment::stored::shared_template(store, newer)?;
    let diff = assessment::diff((&old_answers, &old_outcome), (&new_answers, &new_outcome));
    let given = |a: &Option<assessment::Answer>| a.as_ref().filter(|a| a.is_given()).cloned();
    let order = |id: &str| {
        template
            .questions()
            .position(|(_, q)| q.id == id)
            .unwrap_or(usize::MAX)
    };
    let mut changes: Vec<&assessment::AnswerChange> = diff
        .answers
        .iter()
        .filter(|c| given(&c.before) != given(&c.after))
        .collect();
    changes.sort_by_key(|c| order(&c.question_id));
    let answers = changes
        .into_iter()
        .map(|c| {
            let place = template.questions().find(|(_, q)| q.id == c.question_id);
            let words = |a: &Option<assessment::Answer>| {
                given(a).map(|a| answer_words(&template, place.map(|(_, q)| q), &a))
            };
            AnswerChangeView {
                question_id: c.question_id.clone(),
                question: place.map_or_else(
                    || Bilingual {
                        zh: c.question_id.clone(),
                        en: c.question_id.clone(),
                    },
                    |(_, q)| (&q.text).into(),
                ),
                section: place.map(|(s, _)| (&s.title).into()),
                before: words(&c.before),
                after: words(&c.after),
            }
        })
        .collect();
    Ok(VersionDiffView {
        older: AssessmentSummary::new(store.assessment(older)?, &old_outcome),
        newer: AssessmentSummary::new(store.assessment(newer)?, &new_outcome),
        answers,
        findings_added: diff.findings_added.iter().map(Into::into).collect(),
        findings_removed: diff.findings_removed.iter().map(Into::into).collect(),
        rating_before: diff.rating_before.into(),
        rating_after: diff.rating_after.into(),
    })
}

/// An answer as the reports word it; a table as one line per row (its filled cells, in column
/// order, joined by " · ").
fn answer_words(
    template: &Template,
    question: Option<&tpl::Question>,
    answer: &assessment::Answer,
) -> Bilingual {
    let in_lang = |lang: ReportLang| match (question, answer) {
        (Some(q), assessment::Answer::Rows(rows)) => rows
            .iter()
            .map(|row| {
                q.columns
                    .iter()
                    .filter_map(|c| {
                        let cell = row.get(&c.id)?.to_answer();
                        let text = value_text(template, c.kind, &c.choices, &cell, lang);
                        (!text.trim().is_empty()).then_some(text)
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (Some(q), a) => answer_text(template, q, a, lang),
        (None, a) => value_text(template, tpl::QuestionType::Text, &[], a, lang),
    };
    Bilingual {
        zh: in_lang(ReportLang::Zh),
        en: in_lang(ReportLang::En),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save(vault: &mut Vault, law: &LawRegister, id: &str, q: &str, value: Option<AnswerValue>) {
        let request = SaveAnswerRequest {
            assessment_id: id.to_owned(),
            question_id: q.to_owned(),
            value,
            version: None,
        };
        save_answer(vault, law, "t", &request).expect("saved");
    }

    /// Version 1 buys a list; version 2 (re-opened) switches to its own website form and adds a
    /// volume: the diff words both answers, lists the findings that went away and the rating.
    #[test]
    fn two_versions_are_compared_answer_by_answer_in_both_languages() {
        let (_dir, mut vault, law, v1) =
            crate::api::test_support::one_assessment("data-source", "Leads");
        let text = |t: &str| Some(AnswerValue::Text(t.to_owned()));
        save(&mut vault, &law, &v1, "ds01_channel", text("BUY"));
        save(&mut vault, &law, &v1, "ds17_provenance", text("no"));
        save(&mut vault, &law, &v1, "ds01_purpose", text("   "));
        vault.submit_assessment("t", &v1).expect("submitted");
        let attestations: Vec<String> = vault::ATTESTATIONS.iter().map(|a| (*a).into()).collect();
        let input = vault::SignOffInput {
            name: "Wang",
            role: "DPO",
            decision: vault::Decision::Approve,
            comment: "",
            attestations: &attestations,
            with_reservations: true,
        };
        vault.sign_off("t", &v1, &input).expect("approved");
        let v2 = crate::api::lifecycle::reopen_assessment(&mut vault, "t", &v1)
            .expect("reopened")
            .id;

        let same = version_diff(&vault, &v1, &v2).expect("diff");
        assert!(same.answers.is_empty());
        assert!(same.findings_added.is_empty() && same.findings_removed.is_empty());

        save(&mut vault, &law, &v2, "ds01_channel", text("WEB"));
        save(
            &mut vault,
            &law,
            &v2,
            "ds01_volume",
            Some(AnswerValue::Number(1200.0)),
        );
        // Cleared on one side, blank on the other: no change to show.
        save(&mut vault, &law, &v2, "ds01_purpose", None);

        let diff = version_diff(&vault, &v1, &v2).expect("diff");
        assert_eq!((diff.older.version, diff.newer.version), (1, 2));
        let ids: Vec<&str> = diff
            .answers
            .iter()
            .map(|c| c.question_id.as_str())
            .collect();
        assert_eq!(ids, ["ds01_channel", "ds01_volume"]);
        let channel = &diff.answers[0];
        assert!(!channel.question.en.is_empty() && channel.question.en != "ds01_channel");
        assert!(channel.section.is_some());
        let before = channel.before.as_ref().expect("before");
        assert_eq!(before.en, "Purchased or rented list");
        assert!(before.zh.contains("购买"));
        let after = channel.after.as_ref().expect("after");
        assert_ne!(after.en, "WEB", "worded as the choice's label");
        let volume = &diff.answers[1];
        assert!(volume.before.is_none());
        let volume_after = volume.after.as_ref().expect("after");
        assert_eq!(volume_after.en, "1200 people", "a number with its unit");
        assert_eq!(volume_after.zh, "1200人");

        assert_eq!(diff.rating_before.rating, Rating::Prohibited);
        assert_ne!(diff.rating_after.rating, Rating::Prohibited);
        assert!(
            diff.findings_removed
                .iter()
                .any(|f| f.id == "ds17-no-provenance" && f.severity == Severity::Critical)
        );
        assert!(!diff.findings_removed[0].title.zh.is_empty());
    }

    /// A table is worded one line per row: its filled cells in column order, labels for choices
    /// and levels.
    #[test]
    fn a_risk_register_is_worded_one_line_per_row() {
        let law = LawRegister::bundled().expect("law");
        let templates = tpl::bundled(&law).expect("templates");
        let pia = templates.iter().find(|t| t.id == "pia").expect("pia");
        let register = pia.question("pia10_risks").expect("register");
        let row = |title: &str, likelihood: f64| -> assessment::Row {
            [
                ("title".to_owned(), assessment::Cell::Text(title.to_owned())),
                (
                    "category".to_owned(),
                    assessment::Cell::Text("cross_border_access".to_owned()),
                ),
                (
                    "likelihood".to_owned(),
                    assessment::Cell::Number(likelihood),
                ),
            ]
            .into_iter()
            .collect()
        };
        let answer = assessment::Answer::Rows(vec![row("HQ access", 3.0), row("Resale", 1.0)]);
        let words = answer_words(pia, Some(register), &answer);
        assert_eq!(
            words.en,
            "HQ access · Cross-border access · 3 High (significant)\nResale · Cross-border access · 1 Low (negligible)"
        );
        assert!(words.zh.starts_with("HQ access · 境外访问 · 3 高"));
    }
}
