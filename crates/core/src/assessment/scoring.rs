//! Pure scoring: `score(template, answers, linked) -> Outcome`. No I/O, no clock: the same inputs
//! give the same outcome in the UI, the CLI and the reports. How findings become ratings, tiers
//! and the PIA verdict is written down once in `docs/scoring.md` and once here.

use std::collections::BTreeSet;

use super::answer::{Answer, Answers};
use super::coverage::coverage;
use super::eval::{Scope, Truth, holds, truth};
use super::outcome::{
    Finding, FindingSource, LinkedOutcome, Outcome, PiaVerdict, Rating, Ratings, Tier,
};
use super::regime_filter::RegimeFilter;
use super::risks::{risk_findings, risk_positions};
use super::standing;
use crate::template::{
    Condition, Kind, Question, QuestionType, RegimeScope, Rule, Severity, Template,
};

/// The version of the scoring rules in this file, recorded with every sign-off so that signed
/// work is never silently re-rated: bump it whenever the same answers could score differently.
pub const ENGINE_VERSION: &str = "5";

/// Scores an assessment.
pub fn score(template: &Template, answers: &Answers, linked: &[LinkedOutcome]) -> Outcome {
    let visible = visible_answers(template, answers, linked);
    let shown = shown_questions(template, &visible, linked);
    let scope = Scope {
        answers: &visible,
        linked,
    };
    let open = |q: &str| shown.contains(q) && !visible.get(q).is_some_and(Answer::is_given);

    let mut findings = Vec::new();
    let mut could: Vec<&Rule> = Vec::new();
    for rule in &template.rules {
        match truth(&rule.when, &scope, &open) {
            Truth::True => findings.push(Finding {
                id: rule.id.clone(),
                source: FindingSource::Rule,
                severity: rule.severity,
                regime: rule.regime,
                title: rule.title.clone(),
                explanation: rule.explanation.clone(),
                recommendation: rule.recommendation.clone(),
                cite: rule
                    .cite
                    .iter()
                    .chain(
                        rule.cite_when
                            .iter()
                            .filter(|c| holds(&c.when, &scope))
                            .flat_map(|c| c.cite.iter()),
                    )
                    .cloned()
                    .collect(),
                requirements: rule.requirements.clone(),
                penalty: rule.penalty.clone(),
                consequences: Vec::new(),
            }),
            Truth::Unknown => could.push(rule),
            Truth::False => {}
        }
    }
    let risks = risk_positions(template, &visible, &shown);
    risk_findings(template, &risks, &mut findings);

    let filter = RegimeFilter::for_answers(template, &visible);
    let (eu_applies, prc_applies) = (filter.eu(), filter.prc());
    filter.findings(template, &mut findings);
    could.retain(|rule| match rule.regime {
        RegimeScope::Eu => eu_applies,
        RegimeScope::Prc => prc_applies,
        RegimeScope::Both => true,
    });
    let mut seen = BTreeSet::new();
    findings.retain(|f| seen.insert(f.id.clone()));
    // Stable sort: equal severities keep template order.
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    super::themes::group(template, &mut findings);

    let worst_for = |scope: RegimeScope| {
        findings
            .iter()
            .filter(|f| f.regime == scope || f.regime == RegimeScope::Both)
            .map(|f| f.severity)
            .max()
    };
    let eu = eu_applies.then(|| Rating::from_worst(worst_for(RegimeScope::Eu)));
    let prc = prc_applies.then(|| Rating::from_worst(worst_for(RegimeScope::Prc)));
    let overall = match (eu, prc) {
        (None, None) => Rating::from_worst(findings.iter().map(|f| f.severity).max()),
        (a, b) => a.max(b).unwrap_or(Rating::Compliant),
    };
    let worst = findings.iter().map(|f| f.severity).max();
    let pia = (template.kind == Kind::Pia).then(|| standing::pia_screen(template, &scope, &open));
    // A PIA its screening finds not required documents that finding; the rest of the template
    // is optional then, so only what could still change the screening is open, and "could
    // reach" comes from the screening rules alone.
    if pia
        .as_ref()
        .is_some_and(|p| p.need == PiaVerdict::NotRequired)
    {
        could.retain(|rule| rule.pia.is_some());
    }
    let standing = standing::standing(
        template,
        &standing::Seen {
            visible: &visible,
            shown: &shown,
            could: &could,
            prescreen: prescreen_reach(template, &visible, &shown),
        },
        overall,
    );

    let required_shown: Vec<&Question> = template
        .questions()
        .map(|(_, q)| q)
        .filter(|q| is_required(q, &visible) && shown.contains(q.id.as_str()))
        .collect();
    Outcome {
        kind: template.kind,
        ratings: Ratings { eu, prc, overall },
        tier: (template.kind == Kind::Vendor).then(|| Tier::from_worst(worst)),
        coverage: (template.kind == Kind::Vendor)
            .then(|| coverage(template, &visible, &shown, (eu_applies, prc_applies))),
        pia,
        risks,
        required_shown: required_shown.len(),
        unanswered_required: required_shown
            .into_iter()
            .filter(|q| !visible.get(&q.id).is_some_and(Answer::is_given))
            .map(|q| q.id.clone())
            .collect(),
        findings,
        standing,
    }
}

/// Whether a question needs an answer now: `required`, narrowed by `required_when` read on the
/// given answers (a consent log is asked for only where consent is claimed).
pub fn is_required(question: &Question, answers: &Answers) -> bool {
    question.required
        && question.required_when.as_ref().is_none_or(|c| {
            holds(
                c,
                &Scope {
                    answers,
                    linked: &[],
                },
            )
        })
}

/// The ids of the questions shown for these answers, in template order: what a door displays.
/// Answers left behind by questions that other answers hide do not count, as in [`score`].
pub fn shown_question_ids(
    template: &Template,
    answers: &Answers,
    linked: &[LinkedOutcome],
) -> Vec<String> {
    let visible = visible_answers(template, answers, linked);
    let shown = shown_questions(template, &visible, linked);
    template
        .questions()
        .map(|(_, q)| q.id.as_str())
        .filter(|id| shown.contains(id))
        .map(str::to_owned)
        .collect()
}

/// The ids of the questions shown for these answers.
pub(crate) fn shown_questions<'t>(
    template: &'t Template,
    answers: &Answers,
    linked: &[LinkedOutcome],
) -> BTreeSet<&'t str> {
    let scope = Scope { answers, linked };
    let shows = |c: &Option<Condition>| c.as_ref().is_none_or(|c| holds(c, &scope));
    template
        .sections
        .iter()
        .filter(|s| shows(&s.show_if))
        .flat_map(|s| s.questions.iter())
        .filter(|q| shows(&q.show_if))
        .map(|q| q.id.as_str())
        .collect()
}

/// The answers of shown questions only: an answer left behind by a question that a later answer
/// hid must not count. Hiding can cascade, so this runs to a fixed point.
pub(crate) fn visible_answers(
    template: &Template,
    answers: &Answers,
    linked: &[LinkedOutcome],
) -> Answers {
    // An answer given before a question was split stands for the new question (split_answers.rs).
    let answers = &super::split_answers::with_split_answers(template, answers);
    let mut visible = answers.clone();
    for _ in 0..=template.questions().count() {
        let shown = shown_questions(template, &visible, linked);
        let next: Answers = answers
            .iter()
            .filter(|(id, _)| shown.contains(id.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if next == visible {
            break;
        }
        visible = next;
    }
    visible
}

/// The chosen channel's typical risk while any of its gate items is open: what the open gates
/// could still lead to (a reach, never a finding — an open gate states no fact; docs/scoring.md).
fn prescreen_reach(
    template: &Template,
    visible: &Answers,
    shown: &BTreeSet<&str>,
) -> Option<Severity> {
    template
        .questions()
        .filter(|(_, q)| q.kind == QuestionType::SingleChoice)
        .filter_map(|(_, q)| {
            let value = visible.get(&q.id).and_then(Answer::as_text)?;
            let choice = q.choices.iter().find(|c| c.value == value)?;
            let open = choice.gates.iter().any(|g| {
                shown.contains(g.as_str()) && !visible.get(g).is_some_and(Answer::is_given)
            });
            choice.default_severity.filter(|_| open)
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Certainty;
    use crate::law::LawRegister;

    const LAW: &str = r#"
version = "test"

[[provision]]
key = "PIPL-13"
regime = "pipl"
article = { zh = "《个人信息保护法》第十三条", en = "PIPL Art. 13" }
title = { zh = "合法性基础", en = "Lawful bases" }
gist = { zh = "处理须有法定依据。", en = "Processing needs a listed basis." }
status = "official"
source = "https://example.org/pipl"

[[provision]]
key = "GDPR-6-1"
regime = "gdpr"
article = { zh = "GDPR 第6条第1款", en = "GDPR Art. 6(1)" }
title = { zh = "合法性", en = "Lawfulness" }
gist = { zh = "处理须有合法依据。", en = "Processing needs a lawful basis." }
status = "secondary"
source = "https://example.org/gdpr"
"#;

    const TEMPLATE: &str = r#"
id = "mini"
version = "1.0.0"
kind = "data_source"
title = { zh = "小模板", en = "Mini" }
description = { zh = "测试用", en = "For tests" }

[regimes]
question = "regime"
eu = ["eu", "both"]
prc = ["prc", "both"]

[[sections]]
id = "s"
title = { zh = "部分", en = "Section" }

[[sections.questions]]
id = "regime"
type = "single_choice"
text = { zh = "法域", en = "Regime" }
cite = ["GDPR-6-1"]
required = true
choices = [
  { value = "eu", label = { zh = "欧盟", en = "EU" } },
  { value = "prc", label = { zh = "中国", en = "PRC" } },
  { value = "both", label = { zh = "两者", en = "Both" } },
]

[[sections.questions]]
id = "channel"
type = "single_choice"
text = { zh = "渠道", en = "Channel" }
cite = ["PIPL-13"]
choices = [
  { value = "BUY", label = { zh = "购买名单", en = "Bought list" }, default_severity = "critical", gates = ["consent"] },
  { value = "WEB", label = { zh = "自有网站", en = "Own site" } },
]

[[sections.questions]]
id = "consent"
type = "ynp"
text = { zh = "是否取得同意？", en = "Consent obtained?" }
cite = ["PIPL-13"]
required = true
gate = true
worst = "no"

[[sections.questions]]
id = "eu_basis"
type = "single_choice"
text = { zh = "欧盟法依据", en = "EU basis" }
cite = ["GDPR-6-1"]
show_if = { in = { q = "regime", values = ["eu", "both"] } }
choices = [
  { value = "consent", label = { zh = "同意", en = "Consent" } },
  { value = "none", label = { zh = "无", en = "None" } },
]

[[rules]]
id = "no-consent"
when = { equals = { q = "consent", value = "no" } }
severity = "high"
regime = "prc"
title = { zh = "未取得同意", en = "No consent" }
explanation = { zh = "缺少同意。", en = "Consent is missing." }
recommendation = { zh = "取得同意。", en = "Obtain consent." }
cite = ["PIPL-13"]

[[rules]]
id = "eu-no-basis"
when = { equals = { q = "eu_basis", value = "none" } }
severity = "critical"
regime = "eu"
title = { zh = "无合法依据", en = "No lawful basis" }
explanation = { zh = "没有依据。", en = "There is no basis." }
recommendation = { zh = "停止处理。", en = "Stop processing." }
cite = ["GDPR-6-1"]
"#;

    fn template() -> Template {
        let law = LawRegister::parse("law.toml", LAW).expect("law");
        crate::template::parse("mini.toml", TEMPLATE, &law).expect("template")
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Answer::Text((*v).to_owned())))
            .collect()
    }

    #[test]
    fn an_open_gate_is_a_point_to_verify_and_the_channel_default_only_a_reach() {
        let outcome = score(
            &template(),
            &answers(&[("regime", "prc"), ("channel", "BUY")]),
            &[],
        );
        assert!(
            outcome.findings.is_empty(),
            "an open gate states no fact: {:?}",
            outcome.findings
        );
        assert_eq!(
            outcome.ratings.eu, None,
            "EU does not apply to a PRC-only channel"
        );
        assert_eq!(outcome.ratings.overall, Rating::Compliant);
        assert_eq!(outcome.standing.certainty, Certainty::Provisional);
        assert_eq!(
            outcome.standing.could_reach,
            Some(Rating::Prohibited),
            "the channel's default is what the open gate could lead to"
        );
        assert_eq!(outcome.unanswered_required, ["consent"]);
        let points: Vec<&str> = outcome
            .standing
            .points
            .iter()
            .map(|p| p.question_id.as_str())
            .collect();
        assert_eq!(points, ["consent"]);
        assert_eq!(outcome.standing.points[0].rules, ["no-consent"]);
    }

    #[test]
    fn an_open_question_a_rule_reads_makes_the_rating_provisional_with_what_it_could_reach() {
        let outcome = score(
            &template(),
            &answers(&[("regime", "both"), ("channel", "WEB"), ("consent", "yes")]),
            &[],
        );
        assert!(outcome.findings.is_empty(), "{:?}", outcome.findings);
        assert_eq!(outcome.ratings.overall, Rating::Compliant);
        assert_eq!(outcome.standing.certainty, Certainty::Provisional);
        assert_eq!(outcome.standing.could_reach, Some(Rating::Prohibited));
        assert_eq!(
            outcome.rating_wording().en,
            "no issue found so far (provisional) — could reach prohibited; 1 point to verify"
        );
        assert_eq!(outcome.rating_word(), "no_issue_found_so_far");
    }

    #[test]
    fn nothing_decisive_answered_is_undetermined_never_compliant() {
        let outcome = score(&template(), &Answers::new(), &[]);
        assert!(outcome.findings.is_empty());
        assert_eq!(outcome.standing.certainty, Certainty::Undetermined);
        assert_eq!(outcome.rating_word(), "undetermined");
        assert!(outcome.rating_wording().en.starts_with("undetermined; "));
        assert!(!outcome.rating_wording().en.contains("compliant"));
        let points: Vec<&str> = outcome
            .standing
            .points
            .iter()
            .map(|p| p.question_id.as_str())
            .collect();
        assert_eq!(
            points,
            ["regime", "consent"],
            "the routing question and the gate"
        );
    }

    #[test]
    fn a_rule_over_a_blank_never_fires_but_a_given_answer_still_does() {
        let law = LawRegister::parse("law.toml", LAW).expect("law");
        let text = TEMPLATE.replace(
            r#"when = { equals = { q = "consent", value = "no" } }"#,
            r#"when = { any = [ { not = { answered = "consent" } }, { equals = { q = "channel", value = "BUY" } } ] }"#,
        );
        let template = crate::template::parse("mini.toml", &text, &law).expect("template");
        let open = score(
            &template,
            &answers(&[("regime", "prc"), ("channel", "WEB")]),
            &[],
        );
        assert!(
            !open.findings.iter().any(|f| f.id == "no-consent"),
            "{:?}",
            open.findings
        );
        assert_eq!(open.standing.could_reach, Some(Rating::HighRisk));
        let bought = score(
            &template,
            &answers(&[("regime", "prc"), ("channel", "BUY")]),
            &[],
        );
        assert!(
            bought.findings.iter().any(|f| f.id == "no-consent"),
            "any() with one true branch holds whatever the open one says"
        );
    }

    #[test]
    fn answering_the_gate_lifts_the_default() {
        let outcome = score(
            &template(),
            &answers(&[("regime", "prc"), ("channel", "BUY"), ("consent", "yes")]),
            &[],
        );
        assert!(outcome.findings.is_empty(), "{:?}", outcome.findings);
        assert_eq!(outcome.ratings.overall, Rating::Compliant);
        assert!(outcome.unanswered_required.is_empty());
        assert_eq!(outcome.standing.certainty, Certainty::Settled);
        assert_eq!(outcome.rating_wording().en, "compliant");
    }

    #[test]
    fn each_regime_gets_its_own_rating_and_the_overall_is_the_worse() {
        let outcome = score(
            &template(),
            &answers(&[
                ("regime", "both"),
                ("channel", "WEB"),
                ("consent", "no"),
                ("eu_basis", "none"),
            ]),
            &[],
        );
        assert_eq!(outcome.ratings.eu, Some(Rating::Prohibited));
        assert_eq!(outcome.ratings.prc, Some(Rating::HighRisk));
        assert_eq!(outcome.ratings.overall, Rating::Prohibited);
        assert_eq!(outcome.findings[0].id, "eu-no-basis", "most severe first");
    }

    #[test]
    fn answers_of_hidden_questions_do_not_count() {
        // eu_basis was answered while the channel was EU, then the regime changed to PRC.
        let outcome = score(
            &template(),
            &answers(&[
                ("regime", "prc"),
                ("channel", "WEB"),
                ("consent", "yes"),
                ("eu_basis", "none"),
            ]),
            &[],
        );
        assert!(outcome.findings.is_empty(), "{:?}", outcome.findings);
    }

    #[test]
    fn while_the_routing_question_is_open_both_regimes_apply() {
        let outcome = score(
            &template(),
            &answers(&[("channel", "WEB"), ("consent", "no")]),
            &[],
        );
        assert_eq!(outcome.ratings.eu, Some(Rating::Compliant));
        assert_eq!(outcome.ratings.prc, Some(Rating::HighRisk));
    }

    #[test]
    fn shown_question_ids_follow_the_answers() {
        let shown = shown_question_ids(&template(), &answers(&[("regime", "prc")]), &[]);
        assert_eq!(shown, ["regime", "channel", "consent"]);
        let shown = shown_question_ids(&template(), &answers(&[("regime", "both")]), &[]);
        assert_eq!(shown, ["regime", "channel", "consent", "eu_basis"]);
    }
}
