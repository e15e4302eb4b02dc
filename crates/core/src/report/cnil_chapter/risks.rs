//! The measures of item 3.1 and the three risks of a CNIL PIA. The author's severity and
//! likelihood are estimated with the planned measures in place (that is how the tool asks for
//! them); the evaluator's re-estimate is printed only where the evaluator made one.

use super::{
    answer, comments, evaluation_of, evaluation_rows, gauge, html, rows, source_note, t, value,
};
use crate::cnil::architecture::{CnilRisk, RISK_ITEMS};
use crate::cnil::model::{CnilPia, Evaluation};
use crate::cnil::reference::Reference;
use crate::i18n::Text;
use crate::report::model::{Block, Cell, ReportLang, Table};

/// Item 3.1: one row per CNIL measure, with its description and its evaluation.
pub fn measures(pia: &CnilPia, lang: ReportLang) -> Vec<Block> {
    if pia.measures.is_empty() {
        return Vec::new();
    }
    let table_rows = pia
        .measures
        .iter()
        .map(|m| {
            let id = m.id.clone().unwrap_or_default();
            let evaluation = evaluation_of(
                pia,
                |r| matches!(r, Reference::Measure { id: x } if *x == id),
            );
            let mut verdict_lines: Vec<String> = evaluation
                .map(|e| {
                    evaluation_rows(e, lang)
                        .into_iter()
                        .map(|(label, text)| format!("{}: {text}", lang.inline(&label)))
                        .collect()
                })
                .unwrap_or_default();
            verdict_lines.extend(
                comments(pia, &id, true)
                    .into_iter()
                    .map(|(label, text)| format!("{}: {text}", lang.inline(&label))),
            );
            vec![
                Cell::plain(value(&m.title).unwrap_or_default()),
                Cell::plain(html(&m.content).unwrap_or_default()),
                Cell::plain(verdict_lines.join("\n")),
            ]
        })
        .collect();
    let header = [
        t("措施", "Measure"),
        t("说明", "Description"),
        t("评估", "Evaluation"),
    ];
    vec![
        Block::Heading {
            level: 2,
            text: lang.inline(&t(
                "CNIL PIA：计划或已有的措施",
                "CNIL PIA: planned or existing measures",
            )),
        },
        source_note(lang),
        Block::Table(Table {
            header: header.iter().map(|h| lang.inline(h)).collect(),
            widths: vec![2.0, 4.0, 3.0],
            rows: table_rows,
        }),
    ]
}

fn risk_evaluation(pia: &CnilPia, risk: CnilRisk) -> Option<&Evaluation> {
    evaluation_of(
        pia,
        |r| matches!(r, Reference::Risk(x) if x.item == risk.item),
    )
}

fn list(pia: &CnilPia, question: u32) -> String {
    answer(pia, question)
        .and_then(|a| a.list.as_ref())
        .map(|l| {
            l.value
                .iter()
                .map(|v| format!("- {v}"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_else(|| "—".to_owned())
}

/// A gauge answer: the level and its justification.
fn estimate(pia: &CnilPia, question: u32, lang: ReportLang) -> String {
    let Some(a) = answer(pia, question) else {
        return "—".to_owned();
    };
    let level = a.gauge.as_ref().map(|g| lang.inline(&gauge(g.value)));
    [level, html(&a.text)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

/// The evaluator's re-estimate, or that there is none.
fn re_estimate(e: Option<&Evaluation>, lang: ReportLang) -> String {
    let levels = e.map(|e| (value(&e.residual_severity), value(&e.residual_likelihood)));
    match levels {
        Some((Some(s), Some(l))) => lang.inline(&Text::new(
            format!("严重程度 {}，可能性 {}", gauge(s).zh, gauge(l).zh),
            format!("severity {}, likelihood {}", gauge(s).en, gauge(l).en),
        )),
        Some((s, l)) if s.is_some() || l.is_some() => {
            let s = s.map_or("—".to_owned(), |s| lang.inline(&gauge(s)));
            let l = l.map_or("—".to_owned(), |l| lang.inline(&gauge(l)));
            lang.inline(&Text::new(
                format!("严重程度 {s}，可能性 {l}"),
                format!("severity {s}, likelihood {l}"),
            ))
        }
        _ => lang.inline(&t("评估人未重新评定", "not re-estimated by the evaluator")),
    }
}

/// Items 3.2–3.4: each risk with its impacts, threats, sources, controls and estimates.
pub fn risks(pia: &CnilPia, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![source_note(lang)];
    for risk in RISK_ITEMS {
        let e = risk_evaluation(pia, risk);
        b.push(Block::Heading {
            level: 2,
            text: lang.inline(&Text::new(
                format!("{} {}", risk.reference(), risk.zh),
                format!("{} {}", risk.reference(), risk.en),
            )),
        });
        let mut r = vec![
            (
                t("对个人的主要影响", "Main impacts on the data subjects"),
                list(pia, risk.question(1)),
            ),
            (t("主要威胁", "Main threats"), list(pia, risk.question(2))),
            (t("风险源", "Risk sources"), list(pia, risk.question(3))),
            (
                t("应对该风险的措施", "Controls addressing the risk"),
                list(pia, risk.question(4)),
            ),
            (
                t(
                    "严重程度（作者评定，已计入计划措施）",
                    "Severity (author's estimate, with the planned measures)",
                ),
                estimate(pia, risk.question(5), lang),
            ),
            (
                t(
                    "可能性（作者评定，已计入计划措施）",
                    "Likelihood (author's estimate, with the planned measures)",
                ),
                estimate(pia, risk.question(6), lang),
            ),
            (
                t("评估人的重新评定", "Evaluator's re-estimate"),
                re_estimate(e, lang),
            ),
        ];
        if let Some(e) = e {
            r.extend(evaluation_rows(e, lang));
        }
        b.push(rows(lang, r));
    }
    b
}

/// How many register rows the import made: one per CNIL risk with a likelihood.
pub fn imported_rows(pia: &CnilPia) -> usize {
    RISK_ITEMS
        .iter()
        .filter(|r| answer(pia, r.question(6)).is_some_and(|a| a.gauge.is_some()))
        .count()
}

/// The risk maps the CNIL tool draws: the author's estimates, and the evaluator's re-estimates
/// (only the risks the evaluator re-estimated), as `[severity-1][likelihood-1]` counts.
pub fn heat_counts(pia: &CnilPia) -> ([[u32; 4]; 4], [[u32; 4]; 4]) {
    let mut author = [[0u32; 4]; 4];
    let mut evaluator = [[0u32; 4]; 4];
    for risk in RISK_ITEMS {
        let level = |n| answer(pia, risk.question(n)).and_then(|a| value(&a.gauge));
        if let (Some(s), Some(l)) = (level(5), level(6)) {
            author[usize::from(s) - 1][usize::from(l) - 1] += 1;
        }
        let e = risk_evaluation(pia, risk);
        if let Some((Some(s), Some(l))) =
            e.map(|e| (value(&e.residual_severity), value(&e.residual_likelihood)))
        {
            evaluator[usize::from(s) - 1][usize::from(l) - 1] += 1;
        }
    }
    (author, evaluator)
}
