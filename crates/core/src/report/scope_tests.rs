//! The foreign-regime test: every bundled template's reports, in zh, en and bilingual, as the
//! report model's text and as the DOCX's text, for EU-only and PRC-only answer sets, must not
//! cite or conclude anything of the other regime. The answer sets are generated from the
//! templates themselves (several sweeps over every choice), so a new rule or question is covered
//! without editing this file.

use std::io::Read;

use crate::assessment::canonical_sha256;
use crate::assessment::{Answer, Answers, Cell, Row, score, shown_question_ids};
use crate::law::LawRegister;
use crate::report::common::Source;
use crate::report::model::ReportLang;
use crate::report::{MemoSource, build, docx};
use crate::template::{QuestionType, Template};
use crate::vault::{AssessmentRecord, Profile, Status};

/// Words that must never appear in a PRC-only report.
const NOT_IN_PRC_ONLY: &[&str] = &[
    "GDPR",
    "EDPB",
    "ePrivacy",
    "Planet49",
    "2002/58",
    "CJEU",
    "欧盟法院",
    "隐私与电子通信指令",
    "欧洲数据保护委员会",
    "欧盟法",
    "EU law",
    "in the EU",
    "EU-style",
    "the EU",
    "(EU)",
    "（欧盟）",
    // A conclusion "under both laws" in a single-regime report states the other law's.
    "both laws",
    "Both laws",
    "two laws",
    "两法",
    "两部法",
];

/// Words that must never appear in an EU-only report.
const NOT_IN_EU_ONLY: &[&str] = &[
    "PIPL",
    "个人信息保护法",
    "GB/T",
    "GBT",
    "网信",
    "CAC ",
    "中国法",
    "PRC law",
    "in the PRC",
    "(PRC)",
    "（中国）",
    "both laws",
    "Both laws",
    "two laws",
    "两法",
    "两部法",
];

/// How many sweeps over the choices each regime gets: sweep n picks the n-th value of every
/// choice, so together they fire most rules.
const SWEEPS: usize = 6;

fn cell_for(kind: QuestionType, choices: &[String], sweep: usize) -> Option<Cell> {
    Some(match kind {
        QuestionType::Ynp | QuestionType::SingleChoice => {
            Cell::Text(choices.get(sweep % choices.len().max(1))?.clone())
        }
        QuestionType::MultiChoice => Cell::List(if sweep.is_multiple_of(2) {
            choices.to_vec()
        } else {
            vec![choices.get(sweep % choices.len().max(1))?.clone()]
        }),
        QuestionType::Text => Cell::Text("x".into()),
        QuestionType::Date => Cell::Text("2024-01-31".into()),
        QuestionType::Number => Cell::Number([5.0, 120_000.0, 2_000_000.0][sweep % 3]),
        QuestionType::Likelihood | QuestionType::Severity => Cell::Number((sweep % 4 + 1) as f64),
        QuestionType::Evidence | QuestionType::Group => return None,
    })
}

fn to_answer(cell: Cell) -> Answer {
    match cell {
        Cell::Number(n) => Answer::Number(n),
        Cell::Text(t) => Answer::Text(t),
        Cell::List(l) => Answer::List(l),
    }
}

/// One answer for every question shown, the routing question fixed to `regime`; answers are
/// added until the set of shown questions stops growing.
fn answers(template: &Template, regime: &str, sweep: usize) -> Answers {
    let routing = template.regimes.as_ref().map(|r| r.question.clone());
    let mut answers = Answers::new();
    for _ in 0..10 {
        let shown = shown_question_ids(template, &answers, &[]);
        let before = answers.len();
        for (_, q) in template.questions() {
            if !shown.contains(&q.id) || answers.contains_key(&q.id) {
                continue;
            }
            if routing.as_deref() == Some(q.id.as_str()) {
                answers.insert(q.id.clone(), Answer::Text(regime.into()));
                continue;
            }
            let values: Vec<String> = q.allowed_values().into_iter().map(str::to_owned).collect();
            if q.kind == QuestionType::Group {
                let row: Row = q
                    .columns
                    .iter()
                    .filter_map(|c| {
                        let values: Vec<String> =
                            c.allowed_values().into_iter().map(str::to_owned).collect();
                        cell_for(c.kind, &values, sweep).map(|cell| (c.id.clone(), cell))
                    })
                    .collect();
                answers.insert(q.id.clone(), Answer::Rows(vec![row]));
            } else if let Some(cell) = cell_for(q.kind, &values, sweep) {
                answers.insert(q.id.clone(), to_answer(cell));
            }
        }
        if answers.len() == before {
            break;
        }
    }
    answers
}

pub(crate) fn source(template: &Template, answers: Answers, law: &LawRegister) -> Source {
    Source {
        record: AssessmentRecord {
            id: "a1".into(),
            kind: template.kind,
            template_id: template.id.clone(),
            template_version: template.version.clone(),
            title: "Scope test".into(),
            client_id: None,
            data_source_id: None,
            vendor_id: None,
            status: Status::Draft,
            version: 1,
            previous_id: None,
            created_by: "t".into(),
            created_at: "2025-01-01T00:00:00.000Z".into(),
            updated_at: "2025-01-01T00:00:00.000Z".into(),
        },
        fingerprint: canonical_sha256(&template.id, &template.version, &answers, &[]),
        outcome: score(template, &answers, &[]),
        template: template.clone(),
        answers,
        sign_offs: Vec::new(),
        law: law.clone(),
        client: None,
        vendor: None,
        author: "DPO".into(),
        profile: Profile {
            name: "DPO".into(),
            role: "DPO".into(),
            firm: "Firm".into(),
        },
        date: "2025-07-20".into(),
        cnil: None,
        linked_transfers: Vec::new(),
    }
}

/// The text of a DOCX's main part, tags removed.
fn docx_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("docx zip");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Lines of `text` holding a forbidden word, with the word.
fn offences(text: &str, forbidden: &[&str]) -> Vec<String> {
    text.lines()
        .flat_map(|line| {
            forbidden
                .iter()
                .filter(move |w| line.contains(**w))
                .map(move |w| format!("«{w}» in: {}", line.chars().take(160).collect::<String>()))
        })
        .collect()
}

#[test]
fn single_regime_reports_never_cite_or_conclude_the_other_regime() {
    let law = LawRegister::bundled().expect("law");
    let templates = crate::template::bundled(&law).expect("templates");
    let mut problems = std::collections::BTreeSet::new();
    for template in &templates {
        for (regime, forbidden) in [("prc", NOT_IN_PRC_ONLY), ("eu", NOT_IN_EU_ONLY)] {
            for sweep in 0..SWEEPS {
                let src = source(template, answers(template, regime, sweep), &law);
                assert!(
                    !src.outcome.findings.is_empty() || sweep > 0,
                    "{} {regime}: no findings to check",
                    template.id
                );
                for lang in [ReportLang::Zh, ReportLang::En, ReportLang::Bi] {
                    let doc = build(&src, lang);
                    let place = format!("{} {regime}-only {}", template.id, lang.as_str());
                    for o in offences(&doc.plain_text(), forbidden) {
                        problems.insert(format!("{place} report: {o}"));
                    }
                    if sweep == 0 {
                        let bytes = docx::render(&doc).expect("docx");
                        for o in offences(&docx_text(&bytes), forbidden) {
                            problems.insert(format!("{place} docx: {o}"));
                        }
                    }
                }
            }
        }
    }
    let _ = MemoSource::single;
    assert!(
        problems.is_empty(),
        "{} foreign-regime mentions:\n{}",
        problems.len(),
        problems.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// Rules the sweeps may not reach: the words each rule prints when only one regime applies (its
/// own, or a rule of both regimes' `eu_only` / `prc_only` words) name nothing of the other and
/// conclude nothing "under both laws".
#[test]
fn every_rule_of_both_regimes_has_single_regime_words() {
    let law = LawRegister::bundled().expect("law");
    let mut problems = Vec::new();
    for template in crate::template::bundled(&law).expect("templates") {
        for rule in &template.rules {
            use crate::template::RegimeScope;
            // A rule of one regime prints its own words in an assessment of that regime alone.
            let regimes = match rule.regime {
                RegimeScope::Both => vec![
                    ("prc", &rule.prc_only, NOT_IN_PRC_ONLY),
                    ("eu", &rule.eu_only, NOT_IN_EU_ONLY),
                ],
                RegimeScope::Eu => vec![("eu", &None, NOT_IN_EU_ONLY)],
                RegimeScope::Prc => vec![("prc", &None, NOT_IN_PRC_ONLY)],
            };
            for (regime, wording, forbidden) in regimes {
                let pick = |field: Option<&crate::i18n::Text>, own: &crate::i18n::Text| {
                    let t = field.unwrap_or(own);
                    format!("{}\n{}", t.zh, t.en)
                };
                let w = wording.as_ref();
                let text = [
                    pick(w.and_then(|w| w.title.as_ref()), &rule.title),
                    pick(w.and_then(|w| w.explanation.as_ref()), &rule.explanation),
                    pick(
                        w.and_then(|w| w.recommendation.as_ref()),
                        &rule.recommendation,
                    ),
                ]
                .join("\n");
                for o in offences(&text, forbidden) {
                    problems.push(format!(
                        "{} rule {} ({regime}-only): {o}",
                        template.id, rule.id
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A finding of both regimes keeps a citation whichever single regime applies.
#[test]
fn every_rule_of_both_regimes_cites_something_in_each_single_regime() {
    use crate::assessment::RegimeFilter;
    let law = LawRegister::bundled().expect("law");
    let mut problems = Vec::new();
    for template in crate::template::bundled(&law).expect("templates") {
        let routing = template.regimes.as_ref().map(|r| r.question.clone());
        for regime in ["eu", "prc"] {
            let mut answers = Answers::new();
            if let Some(q) = &routing {
                answers.insert(q.clone(), Answer::Text(regime.into()));
            }
            let filter = RegimeFilter::for_answers(&template, &answers);
            for rule in &template.rules {
                if rule.regime == crate::template::RegimeScope::Both
                    && filter.citations(&rule.cite).is_empty()
                {
                    problems.push(format!(
                        "{} rule {}: nothing to cite when {regime}-only",
                        template.id, rule.id
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What the wizard and `assess questions --json` show of a single-regime assessment — each shown
/// question's text, its help (as the regime filter picks it), its choices and columns — names
/// nothing of the other regime. The routing question's own section (it asks which regimes apply)
/// is exempt.
#[test]
fn single_regime_question_texts_never_name_the_other_regime() {
    let law = LawRegister::bundled().expect("law");
    let templates = crate::template::bundled(&law).expect("templates");
    let mut problems = std::collections::BTreeSet::new();
    for template in &templates {
        let routing_section = template.regimes.as_ref().and_then(|r| {
            template
                .questions()
                .find(|(_, q)| q.id == r.question)
                .map(|(s, _)| s.id.clone())
        });
        for (regime, forbidden) in [("prc", NOT_IN_PRC_ONLY), ("eu", NOT_IN_EU_ONLY)] {
            for sweep in 0..SWEEPS {
                let answers = answers(template, regime, sweep);
                let filter = crate::assessment::RegimeFilter::for_shown_answers(template, &answers);
                let shown = shown_question_ids(template, &answers, &[]);
                for (section, q) in template.questions() {
                    if !shown.contains(&q.id) || routing_section.as_deref() == Some(&section.id) {
                        continue;
                    }
                    let mut texts = vec![&q.text];
                    texts.extend(filter.help(q));
                    texts.extend(
                        q.choices
                            .iter()
                            .filter(|c| c.regime.is_none_or(|r| filter.allows(r)))
                            .map(|c| &c.label),
                    );
                    texts.extend(
                        q.columns
                            .iter()
                            .filter(|c| c.regime.is_none_or(|r| filter.allows(r)))
                            .map(|c| &c.label),
                    );
                    for text in texts {
                        for o in offences(&format!("{}\n{}", text.zh, text.en), forbidden) {
                            problems.insert(format!("{} {regime}-only {}: {o}", template.id, q.id));
                        }
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} foreign-regime mentions in questions:\n{}",
        problems.len(),
        problems.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn an_eu_only_pia_is_a_dpia_report_and_a_prc_one_keeps_the_pipl_name() {
    let law = LawRegister::bundled().expect("law");
    let templates = crate::template::bundled(&law).expect("templates");
    let pia = templates.iter().find(|t| t.id == "pia").expect("pia");
    for (regime, title) in [
        ("eu", "Data Protection Impact Assessment (DPIA) Report"),
        ("prc", super::wording::PIA_TITLE.en),
    ] {
        let doc = build(&source(pia, answers(pia, regime, 0), &law), ReportLang::En);
        assert_eq!(doc.cover.title, title, "{regime}-only");
    }
}
