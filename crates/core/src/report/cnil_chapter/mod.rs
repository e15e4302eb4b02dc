//! What the PIA report shows of a PIA imported from the CNIL tool, read from the CNIL file kept
//! at import: every answer, measure, risk, evaluation, comment, person and status, in the
//! report's language(s), with the meanings the CNIL tool gives them — an "improvable" verdict is
//! an action planned, the author's gauges already count the planned measures, a risk the
//! evaluator did not re-estimate has no "after" value, and a validation in the CNIL tool is that
//! tool's decision, not a DPO Desk sign-off. `report/pia.rs` places these blocks.

mod parts;
mod people;
mod risks;

pub use parts::{action_plan, context, necessity};
pub use people::{opinions, screening, validation};
pub use risks::{heat_counts, imported_rows, measures, risks};

use crate::i18n::Text;
use crate::report::model::{Block, ReportLang};

use crate::cnil::model::{CnilAnswer, CnilPia, Comment, Evaluation, Src};
use crate::cnil::reference::{Reference, resolve};
use crate::cnil::text::html_to_text;

fn t(zh: &str, en: &str) -> Text {
    Text::new(zh, en)
}

/// Label and value rows as a block, labels in the report's language(s).
fn rows(lang: ReportLang, rows: Vec<(Text, String)>) -> Block {
    Block::KeyValue {
        rows: rows
            .into_iter()
            .map(|(label, value)| (lang.inline(&label), value))
            .collect(),
    }
}

fn value<T: Clone>(s: &Option<Src<T>>) -> Option<T> {
    s.as_ref().map(|s| s.value.clone())
}

fn html(s: &Option<Src<String>>) -> Option<String> {
    s.as_ref()
        .map(|s| keep_indents(&html_to_text(&s.value)))
        .filter(|t| !t.is_empty())
}

/// A nested list item's indent in no-break spaces, which the page layout does not fold away.
fn keep_indents(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let body = line.trim_start_matches(' ');
            let indent = line.len() - body.len();
            format!("{}{body}", "\u{a0}".repeat(indent * 2))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The answer the tool shows for `question`: the most recently changed one.
fn answer(pia: &CnilPia, question: u32) -> Option<&CnilAnswer> {
    pia.answers
        .iter()
        .filter(|a| a.question == question)
        .max_by(|a, b| a.updated_at.cmp(&b.updated_at))
}

/// The evaluation of `reference` (in any of the forms the tool and older files write).
fn evaluation_of(pia: &CnilPia, matches: impl Fn(&Reference) -> bool) -> Option<&Evaluation> {
    pia.evaluations
        .iter()
        .find(|e| resolve(&e.reference.value).is_some_and(|r| matches(&r)))
}

/// A gauge level with the tool's name for it.
fn gauge(level: u8) -> Text {
    let (zh, en) = match level {
        1 => ("可忽略", "negligible"),
        2 => ("有限", "limited"),
        3 => ("重要", "important"),
        _ => ("最高", "maximum"),
    };
    Text::new(format!("{level}（{zh}）"), format!("{level} ({en})"))
}

/// The evaluator's verdict as the tool means it.
fn verdict(status: Option<u8>) -> Text {
    match status.unwrap_or(0) {
        0 => t("待评估", "pending"),
        1 => t("需修改", "to correct"),
        2 => t("可改进：已计划行动", "improvable: action planned"),
        _ => t("可接受", "acceptable"),
    }
}

fn submission(status: u8) -> Text {
    match status {
        0 => t("评估人尚未提交", "not yet submitted by the evaluator"),
        1 => t("已提交：退回作者修改", "submitted: sent back to the author"),
        _ => t("已提交：完成", "submitted: done"),
    }
}

/// The calendar day of a CNIL date, as written (the tool stores a day as UTC midnight).
fn day(date: &str) -> String {
    crate::cnil::import::calendar_day(date).unwrap_or_else(|| date.trim().to_owned())
}

/// An evaluation's content as label/value rows.
fn evaluation_rows(e: &Evaluation, lang: ReportLang) -> Vec<(Text, String)> {
    let mut out = vec![(
        t("评估结论", "Evaluation"),
        lang.inline(&verdict(value(&e.status))),
    )];
    if let Some(s) = value(&e.global_status) {
        out.push((t("提交状态", "Submission"), lang.inline(&submission(s))));
    }
    if let Some(c) = html(&e.comment) {
        out.push((t("评估意见", "Evaluator's comment"), c));
    }
    if let Some(a) = html(&e.action_plan) {
        out.push((t("行动计划", "Action plan"), a));
    }
    if let Some(p) = value(&e.person_in_charge) {
        out.push((t("负责人", "Person in charge"), p));
    }
    if let Some(d) = value(&e.implementation_date) {
        out.push((t("计划完成", "Planned for"), day(&d)));
    }
    if let Some(d) = value(&e.evaluation_date) {
        out.push((t("评估日期", "Evaluated on"), day(&d)));
    }
    out
}

/// The discussion notes about question `question` (or measure, when `for_measure`).
fn comments(pia: &CnilPia, reference: &str, for_measure: bool) -> Vec<(Text, String)> {
    pia.comments
        .iter()
        .filter(|c: &&Comment| {
            c.reference.as_deref() == Some(reference)
                && c.for_measure.as_ref().is_some_and(|f| f.value) == for_measure
        })
        .filter_map(|c| {
            let text = value(&c.description)?;
            let by: Vec<String> = [value(&c.author), value(&c.created_at).map(|d| day(&d))]
                .into_iter()
                .flatten()
                .collect();
            let text = if by.is_empty() {
                text
            } else {
                format!("{text}\n— {}", by.join(", "))
            };
            Some((t("讨论", "Comment"), text))
        })
        .collect()
}

/// The note that says the blocks come from the CNIL file.
fn source_note(lang: ReportLang) -> Block {
    Block::Paragraph {
        text: lang.block(&t(
            "以下内容导入自 CNIL PIA 工具的文件，按原文照录。",
            "Imported from a CNIL PIA tool file, as written there.",
        )),
        small: true,
    }
}
