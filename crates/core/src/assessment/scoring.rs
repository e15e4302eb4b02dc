//! Pure scoring: `score(template, answers, linked) -> Outcome`. No I/O, no clock: the same inputs
//! give the same outcome in the UI, the CLI and the reports. How findings become ratings, tiers
//! and the PIA verdict is written down once in `docs/scoring.md` and once here.

use std::collections::BTreeSet;

use super::answer::{Answer, Answers, Row};
use super::eval::{Scope, holds};
use super::outcome::{
    ClauseState, ClauseStatus, Coverage, Finding, FindingSource, LinkedOutcome, Outcome, PiaScreen,
    Rating, Ratings, RiskLevel, RiskPoint, RiskPosition, Tier,
};
use super::regime_filter::RegimeFilter;
use crate::i18n::Text;
use crate::template::{
    Condition, Kind, PiaNeed, Question, QuestionType, RegimeScope, Severity, Template,
};

/// GB/T 39335 (2019 approval draft, Table D.5): `DEFAULT_MATRIX[impact-1][likelihood-1]`.
/// A template's `[matrix]` replaces it.
const DEFAULT_MATRIX: [[RiskLevel; 4]; 4] = {
    use RiskLevel::{High as H, Low as L, Medium as M, Severe as S};
    [[L, L, M, M], [L, M, M, H], [M, M, H, S], [M, H, S, S]]
};

/// Scores an assessment.
pub fn score(template: &Template, answers: &Answers, linked: &[LinkedOutcome]) -> Outcome {
    let visible = visible_answers(template, answers, linked);
    let shown = shown_questions(template, &visible, linked);
    let effective = with_gate_defaults(template, &visible, &shown);
    let scope = Scope {
        answers: &effective,
        linked,
    };

    let mut findings = Vec::new();
    prescreen_findings(template, &visible, &shown, &mut findings);
    for rule in &template.rules {
        if holds(&rule.when, &scope) {
            findings.push(Finding {
                id: rule.id.clone(),
                source: FindingSource::Rule,
                severity: rule.severity,
                regime: rule.regime,
                title: rule.title.clone(),
                explanation: rule.explanation.clone(),
                recommendation: rule.recommendation.clone(),
                cite: rule.cite.clone(),
                requirements: rule.requirements.clone(),
                penalty: rule.penalty.clone(),
            });
        }
    }
    let risks = risk_positions(template, &visible, &shown);
    risk_findings(template, &risks, &mut findings);

    let filter = RegimeFilter::for_answers(template, &effective);
    let (eu_applies, prc_applies) = (filter.eu(), filter.prc());
    filter.findings(template, &mut findings);
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

    Outcome {
        kind: template.kind,
        ratings: Ratings { eu, prc, overall },
        tier: (template.kind == Kind::Vendor).then(|| Tier::from_worst(worst)),
        coverage: (template.kind == Kind::Vendor)
            .then(|| coverage(template, &visible, &shown, (eu_applies, prc_applies))),
        pia: (template.kind == Kind::Pia).then(|| pia_screen(template, &scope)),
        risks,
        unanswered_required: template
            .questions()
            .map(|(_, q)| q)
            .filter(|q| q.required && shown.contains(q.id.as_str()))
            .filter(|q| !visible.get(&q.id).is_some_and(Answer::is_given))
            .map(|q| q.id.clone())
            .collect(),
        findings,
    }
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
fn shown_questions<'t>(
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
fn visible_answers(template: &Template, answers: &Answers, linked: &[LinkedOutcome]) -> Answers {
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

/// A shown gate question that is unanswered counts as its worst answer.
fn with_gate_defaults(template: &Template, visible: &Answers, shown: &BTreeSet<&str>) -> Answers {
    let mut effective = visible.clone();
    for (_, q) in template.questions() {
        let unanswered = !visible.get(&q.id).is_some_and(Answer::is_given);
        if q.gate
            && unanswered
            && shown.contains(q.id.as_str())
            && let Some(worst) = q.worst.as_ref().and_then(answer_from_toml)
        {
            effective.insert(q.id.clone(), worst);
        }
    }
    effective
}

fn answer_from_toml(value: &toml::Value) -> Option<Answer> {
    match value {
        toml::Value::String(s) => Some(Answer::Text(s.clone())),
        toml::Value::Integer(i) => Some(Answer::Number(*i as f64)),
        toml::Value::Float(f) => Some(Answer::Number(*f)),
        toml::Value::Array(items) => Some(Answer::List(
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        )),
        _ => None,
    }
}

/// The channel's default risk applies while any of its gate items is unanswered.
fn prescreen_findings(
    template: &Template,
    visible: &Answers,
    shown: &BTreeSet<&str>,
    out: &mut Vec<Finding>,
) {
    for (_, q) in template
        .questions()
        .filter(|(_, q)| q.kind == QuestionType::SingleChoice)
    {
        let Some(value) = visible.get(&q.id).and_then(Answer::as_text) else {
            continue;
        };
        let Some(choice) = q.choices.iter().find(|c| c.value == value) else {
            continue;
        };
        let Some(severity) = choice.default_severity else {
            continue;
        };
        let open: Vec<&str> = choice
            .gates
            .iter()
            .filter(|g| {
                shown.contains(g.as_str()) && !visible.get(*g).is_some_and(Answer::is_given)
            })
            .map(String::as_str)
            .collect();
        if open.is_empty() {
            continue;
        }
        let label = &choice.label;
        out.push(Finding {
            id: format!("prescreen:{}:{}", q.id, choice.value),
            source: FindingSource::Prescreen,
            severity,
            regime: RegimeScope::Both,
            title: Text::new(
                format!("渠道预筛默认风险：{}", label.zh),
                format!("Channel pre-screen default: {}", label.en),
            ),
            explanation: Text::new(
                "在回答该渠道的关键问题之前，按此类渠道的典型风险评级。",
                "Until the channel's key questions are answered, it carries the typical risk of its kind.",
            ),
            recommendation: {
                // Name the open questions by their text: ids mean nothing to a reader.
                let texts: Vec<&Text> =
                    open.iter().filter_map(|id| template.question(id)).map(|q| &q.text).collect();
                let zh: Vec<&str> = texts.iter().map(|t| t.zh.as_str()).collect();
                let en: Vec<&str> = texts.iter().map(|t| t.en.as_str()).collect();
                Text::new(
                    format!("回答以下关键问题：{}", zh.join(" ")),
                    format!("Answer the key questions: {}", en.join(" ")),
                )
            },
            cite: q.cite.clone(),
            requirements: q.requirements.clone(),
            penalty: Vec::new(),
        });
    }
}

fn coverage(
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
            // A clause that does not apply to this relationship is left out of the count.
            Some("na") => continue,
            _ => ClauseStatus::Missing,
        };
        clauses.push(ClauseState {
            question_id: q.id.clone(),
            status,
            cite: q.cite.clone(),
        });
    }
    let count = |s: ClauseStatus| clauses.iter().filter(|c| c.status == s).count();
    let (present, partial, missing) = (
        count(ClauseStatus::Present),
        count(ClauseStatus::Partial),
        count(ClauseStatus::Missing),
    );
    let mandatory = clauses.len();
    let percent = if mandatory == 0 {
        100.0
    } else {
        ((present as f64 + partial as f64 * 0.5) / mandatory as f64 * 1000.0).round() / 10.0
    };
    Coverage {
        mandatory,
        present,
        partial,
        missing,
        percent,
        clauses,
    }
}

fn pia_screen(template: &Template, scope: &Scope<'_>) -> PiaScreen {
    let matched: Vec<_> = template
        .rules
        .iter()
        .filter(|r| r.pia.is_some() && holds(&r.when, scope))
        .collect();
    PiaScreen {
        need: matched
            .iter()
            .filter_map(|r| r.pia)
            .max()
            .unwrap_or(PiaNeed::NotRequired),
        reasons: matched.iter().map(|r| r.id.clone()).collect(),
    }
}

fn risk_positions(
    template: &Template,
    visible: &Answers,
    shown: &BTreeSet<&str>,
) -> Vec<RiskPosition> {
    let matrix = level_matrix(template);
    let mut positions = Vec::new();
    for (_, q) in template
        .questions()
        .filter(|(_, q)| q.risk_register && shown.contains(q.id.as_str()))
    {
        let Some(rows) = visible.get(&q.id).and_then(Answer::as_rows) else {
            continue;
        };
        for (index, row) in rows.iter().enumerate() {
            let inherent_impact = level(row, "impact").or_else(|| dimension_impact(row));
            let inherent = point(&matrix, inherent_impact, level(row, "likelihood"));
            let residual = point(
                &matrix,
                level(row, "residual_impact").or(inherent_impact),
                level(row, "residual_likelihood"),
            );
            positions.push(RiskPosition {
                row: index,
                title: cell_text(row, "title"),
                category: cell_text(row, "category"),
                inherent,
                residual,
            });
        }
    }
    positions
}

/// A residual risk that stays medium or above is a finding (severe → critical, high → high,
/// medium → medium); where no residual is given, the inherent level stands.
fn risk_findings(template: &Template, risks: &[RiskPosition], out: &mut Vec<Finding>) {
    let (cite, requirements) = template
        .questions()
        .find(|(_, q)| q.risk_register)
        .map(|(_, q): (_, &Question)| (q.cite.clone(), q.requirements.clone()))
        .unwrap_or_default();
    for risk in risks {
        let Some(point) = risk.residual.or(risk.inherent) else {
            continue;
        };
        let (severity, zh, en) = match point.level {
            RiskLevel::Severe => (Severity::Critical, "严重", "severe"),
            RiskLevel::High => (Severity::High, "高", "high"),
            RiskLevel::Medium => (Severity::Medium, "中", "medium"),
            RiskLevel::Low => continue,
        };
        out.push(Finding {
            id: format!("risk:{}", risk.row),
            source: FindingSource::Risk,
            severity,
            regime: RegimeScope::Both,
            title: Text::new(
                format!("剩余风险仍为{zh}：{}", risk.title),
                format!("Residual risk remains {en}: {}", risk.title),
            ),
            explanation: Text::new(
                format!("采取措施后，该风险的影响程度为 {}、可能性为 {}（共 4 级）。", point.impact, point.likelihood),
                format!("After measures, its impact is {} and its likelihood {} (of 4).", point.impact, point.likelihood),
            ),
            recommendation: Text::new(
                "补充并落实措施，或由负责人书面接受该风险；高风险仍存在时应考虑事先咨询监管机构。",
                "Add and implement measures, or have the owner accept the risk in writing; if high risk remains, consider prior consultation with the authority.",
            ),
            cite: cite.clone(),
            requirements: requirements.clone(),
            penalty: Vec::new(),
        });
    }
}

/// The template's risk matrix (`[impact-1][likelihood-1]`), GB/T 39335's where it has none: the
/// one table that places risks, shared with the doors that draw it.
pub fn level_matrix(template: &Template) -> [[RiskLevel; 4]; 4] {
    let mut matrix = DEFAULT_MATRIX;
    if let Some(custom) = &template.matrix {
        for (i, row) in custom.levels.iter().take(4).enumerate() {
            for (j, cell) in row.iter().take(4).enumerate() {
                if let Some(level) = RiskLevel::parse(cell) {
                    matrix[i][j] = level;
                }
            }
        }
    }
    matrix
}

fn point(
    matrix: &[[RiskLevel; 4]; 4],
    impact: Option<u8>,
    likelihood: Option<u8>,
) -> Option<RiskPoint> {
    let (impact, likelihood) = (impact?, likelihood?);
    let level = matrix[usize::from(impact - 1)][usize::from(likelihood - 1)];
    Some(RiskPoint {
        impact,
        likelihood,
        level,
    })
}

fn level(row: &Row, column: &str) -> Option<u8> {
    match row.get(column)?.to_answer() {
        Answer::Number(n) if (1.0..=4.0).contains(&n) => Some(n.round() as u8),
        _ => None,
    }
}

/// GB/T 39335: the impact is the highest of the four dimensions assessed.
fn dimension_impact(row: &Row) -> Option<u8> {
    row.keys()
        .filter(|k| k.starts_with("impact_"))
        .filter_map(|k| level(row, k))
        .max()
}

fn cell_text(row: &Row, column: &str) -> String {
    row.get(column)
        .and_then(|c| c.to_answer().as_text().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn an_unanswered_gate_counts_as_its_worst_answer_and_the_prescreen_default_applies() {
        let outcome = score(
            &template(),
            &answers(&[("regime", "prc"), ("channel", "BUY")]),
            &[],
        );
        let ids: Vec<&str> = outcome.findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["prescreen:channel:BUY", "no-consent"]);
        assert_eq!(outcome.ratings.prc, Some(Rating::Prohibited));
        assert_eq!(
            outcome.ratings.eu, None,
            "EU does not apply to a PRC-only channel"
        );
        assert_eq!(outcome.ratings.overall, Rating::Prohibited);
        assert_eq!(outcome.unanswered_required, ["consent"]);
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

    #[test]
    fn the_gbt_matrix_places_risks() {
        let m = DEFAULT_MATRIX;
        assert_eq!(m[3][3], RiskLevel::Severe);
        assert_eq!(m[3][0], RiskLevel::Medium);
        assert_eq!(m[0][0], RiskLevel::Low);
        assert_eq!(m[2][1], RiskLevel::Medium);
        assert_eq!(m[1][3], RiskLevel::High);
    }
}
