//! Sections 1 and 2 of a CNIL PIA (the context, and necessity and proportionality), question by
//! question with their evaluations and comments, and the action plan.

use super::{
    answer, comments, day, evaluation_of, evaluation_rows, html, rows, source_note, t, value,
};
use crate::cnil::architecture::{self as arch, Kind};
use crate::cnil::model::CnilPia;
use crate::cnil::reference::{Reference, resolve};
use crate::i18n::Text;
use crate::report::model::{Block, Cell, ReportLang, Table};

/// Items 1.1 and 1.2: the processing, its data, processes and supporting assets.
pub fn context(pia: &CnilPia, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![
        Block::Heading {
            level: 2,
            text: lang.inline(&t("CNIL PIA：背景", "CNIL PIA: context")),
        },
        source_note(lang),
    ];
    for item in ["1.1", "1.2"] {
        b.extend(questions(pia, lang, |id| id / 10 == item_number(item)));
        if let Some(e) = evaluation_of(
            pia,
            |r| matches!(r, Reference::Item { reference } if *reference == item),
        ) {
            let label = resolve(item)
                .map(|r| r.label())
                .unwrap_or_else(|| t(item, item));
            let mut r = vec![(t("评估对象", "Evaluated item"), lang.inline(&label))];
            r.extend(evaluation_rows(e, lang));
            b.push(rows(lang, r));
        }
    }
    b
}

fn item_number(item: &str) -> u32 {
    item.replace('.', "").parse().unwrap_or(0)
}

/// Items 2.1 and 2.2: each question's answer, the evaluator's verdict on it and the comments.
pub fn necessity(pia: &CnilPia, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![source_note(lang)];
    b.extend(questions(pia, lang, |id| id / 100 == 2));
    b
}

/// The text questions of the architecture `keep` selects, each as a block of rows.
fn questions(pia: &CnilPia, lang: ReportLang, keep: impl Fn(u32) -> bool) -> Vec<Block> {
    let mut b = Vec::new();
    for q in arch::QUESTIONS
        .iter()
        .filter(|q| q.kind == Kind::Text && keep(q.id))
    {
        let label = Text::new(
            format!("{} {}", q.number(), q.zh),
            format!("{} {}", q.number(), q.en),
        );
        let text = answer(pia, q.id)
            .and_then(|a| html(&a.text))
            .unwrap_or_else(|| {
                lang.inline(&t("CNIL 文件中未作答", "not answered in the CNIL file"))
            });
        let mut r = vec![(label, text)];
        if q.id / 100 == 2
            && let Some(e) =
                evaluation_of(pia, |r| matches!(r, Reference::Question(x) if x.id == q.id))
        {
            r.extend(evaluation_rows(e, lang));
        }
        r.extend(comments(pia, &q.id.to_string(), false));
        b.push(rows(lang, r));
    }
    b
}

/// What an evaluation is about, as the action plan names it.
fn item_label(pia: &CnilPia, reference: &str) -> Text {
    match resolve(reference) {
        Some(Reference::Measure { id }) => {
            let title = pia
                .measures
                .iter()
                .find(|m| m.id.as_deref() == Some(id.as_str()))
                .and_then(|m| value(&m.title))
                .unwrap_or(id);
            Text::new(
                format!("3.1 措施：{title}"),
                format!("3.1 Measure: {title}"),
            )
        }
        Some(r) => r.label(),
        None => Text::new(reference, reference),
    }
}

/// The action plan: every evaluation the evaluator found improvable, with what is planned.
pub fn action_plan(pia: &CnilPia, lang: ReportLang) -> Vec<Block> {
    let planned: Vec<Vec<Cell>> = pia
        .evaluations
        .iter()
        .filter(|e| e.status.as_ref().is_some_and(|s| s.value == 2))
        .map(|e| {
            vec![
                Cell::plain(lang.inline(&item_label(pia, &e.reference.value))),
                Cell::plain(html(&e.action_plan).unwrap_or_default()),
                Cell::plain(value(&e.person_in_charge).unwrap_or_default()),
                Cell::plain(
                    value(&e.implementation_date)
                        .map(|d| day(&d))
                        .unwrap_or_default(),
                ),
                Cell::plain(
                    lang.inline(&t("已计划（CNIL：可改进）", "planned (CNIL: improvable)")),
                ),
            ]
        })
        .collect();
    if planned.is_empty() {
        return vec![Block::Paragraph {
            text: lang.block(&t(
                "CNIL 文件中没有行动计划（没有评为“可改进”的条目）。",
                "The CNIL file has no action plan (no item was found improvable).",
            )),
            small: false,
        }];
    }
    let header = [
        t("条目", "Item"),
        t("行动", "Action"),
        t("负责人", "Person in charge"),
        t("计划完成", "Planned for"),
        t("状态", "Status"),
    ];
    vec![
        source_note(lang),
        Block::Table(Table {
            header: header.iter().map(|h| lang.inline(h)).collect(),
            widths: vec![2.0, 3.5, 1.5, 1.2, 1.5],
            rows: planned,
        }),
    ]
}
