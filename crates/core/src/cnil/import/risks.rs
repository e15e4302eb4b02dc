//! The measures of item 3.1 and the three risks: each risk one row of the register (when it
//! has a likelihood), its other parts and the evaluator's verdict kept as notes.

use std::collections::BTreeMap;

use super::{Mapper, label};
use crate::assessment::{Cell, Row};
use crate::cnil::architecture::{self as arch, CnilRisk, RISK_ITEMS};
use crate::cnil::model::{CnilAnswer, CnilPia, Evaluation};
use crate::cnil::report::Target;
use crate::cnil::text::html_to_text;

impl Mapper<'_> {
    /// Measure titles by measure id. Measures that no risk names, and descriptions beyond the
    /// title, are kept as notes on the risk register.
    pub(super) fn measures(
        &mut self,
        pia: &CnilPia,
        answers: &BTreeMap<u32, &CnilAnswer>,
    ) -> BTreeMap<String, String> {
        let linked: Vec<&str> = RISK_ITEMS
            .iter()
            .filter_map(|r| answers.get(&r.question(4)))
            .filter_map(|a| a.list.as_ref())
            .flat_map(|l| l.value.iter().map(String::as_str))
            .collect();
        let mut titles = BTreeMap::new();
        for measure in &pia.measures {
            let title = measure.title.as_ref().map(|t| t.value.trim().to_owned());
            if let (Some(id), Some(title)) = (&measure.id, &title) {
                titles.insert(id.clone(), title.clone());
            }
            if measure.id.is_some() {
                self.report
                    .add(format!("{}.id", measure.path), Target::Link);
            }
            let content = measure
                .content
                .as_ref()
                .map(|c| (c.path.as_str(), html_to_text(&c.value)));
            let is_linked = title.as_deref().is_some_and(|t| linked.contains(&t));
            let mut body = Vec::new();
            let mut sources = Vec::new();
            if let Some(t) = &measure.title {
                if is_linked {
                    // Reported where the risk row takes it (the `controls` list names it).
                    self.report.add(&t.path, Target::Link);
                } else {
                    body.push(t.value.trim().to_owned());
                    sources.push(t.path.as_str());
                }
            }
            match content {
                Some((path, text)) if title.as_deref() == Some(text.as_str()) && is_linked => {
                    self.report.add(path, Target::Link);
                }
                Some((path, text)) if !text.is_empty() => {
                    body.push(text);
                    sources.push(path);
                }
                Some((path, _)) => self.report.add(path, Target::Empty),
                None => {}
            }
            if !body.is_empty() {
                let heading = label(
                    &format!("3.1 措施：{}", title.as_deref().unwrap_or("（无标题）")),
                    &format!("3.1 Measure: {}", title.as_deref().unwrap_or("(untitled)")),
                );
                self.note(self.register, heading, &body.join("\n"), &sources);
            }
        }
        titles
    }

    pub(super) fn risks(&mut self, pia: &CnilPia, answers: &BTreeMap<u32, &CnilAnswer>) {
        for risk in RISK_ITEMS {
            let part = |n: u32| answers.get(&risk.question(n)).copied();
            let evaluation = pia
                .evaluations
                .iter()
                .find(|e| e.reference.value == risk.reference());
            self.risk(risk, part, evaluation);
        }
    }

    fn risk<'a>(
        &mut self,
        risk: CnilRisk,
        part: impl Fn(u32) -> Option<&'a CnilAnswer>,
        evaluation: Option<&Evaluation>,
    ) {
        let likelihood = part(6).and_then(|a| a.gauge.clone());
        let row_number = self.risks.len() + 1;
        let Some(likelihood) = likelihood else {
            // Without a likelihood the register cannot hold the risk: everything goes to notes.
            self.risk_as_notes(risk, &part, evaluation);
            return;
        };
        for n in 1..=6 {
            if let Some(a) = part(n) {
                self.report
                    .add(format!("{}.reference_to", a.path), Target::Link);
            }
        }
        let mut row = Row::new();
        let cell =
            |m: &mut Self, row: &mut Row, column: &'static str, value: Cell, source: &str| {
                row.insert(column.to_owned(), value);
                m.report.add(
                    source,
                    Target::RiskCell {
                        row: row_number,
                        column,
                    },
                );
            };
        // Title: the threats, which is where an export puts it; else the risk's own name.
        match part(2).and_then(|a| a.list.clone()) {
            Some(threats) => cell(
                self,
                &mut row,
                "title",
                Cell::Text(threats.value.join("; ")),
                &threats.path,
            ),
            None => {
                row.insert("title".to_owned(), Cell::Text(risk.en.to_owned()));
            }
        }
        row.insert("category".to_owned(), Cell::Text(risk.category.to_owned()));
        if let Some(severity) = part(5).and_then(|a| a.gauge.clone()) {
            cell(
                self,
                &mut row,
                "impact",
                Cell::Number(f64::from(severity.value)),
                &severity.path,
            );
        }
        cell(
            self,
            &mut row,
            "likelihood",
            Cell::Number(f64::from(likelihood.value)),
            &likelihood.path,
        );
        if let Some(controls) = part(4).and_then(|a| a.list.clone()) {
            // Controls naming no measure of the file are kept in the cell all the same.
            cell(
                self,
                &mut row,
                "measures",
                Cell::Text(controls.value.join("; ")),
                &controls.path,
            );
        }
        self.risk_notes(risk, &part);
        if let Some(e) = evaluation {
            self.risk_row_evaluation(&mut row, row_number, e);
            self.risks.push(row);
            self.evaluation_note(e, self.register, risk.zh, risk.en, Some(row_number));
        } else {
            self.risks.push(row);
        }
    }

    /// The evaluator's re-estimate and person in charge, in the risk's register row.
    fn risk_row_evaluation(&mut self, row: &mut Row, row_number: usize, e: &Evaluation) {
        let cells = [
            e.residual_severity
                .as_ref()
                .map(|x| ("residual_impact", Cell::Number(f64::from(x.value)), &x.path)),
            e.residual_likelihood.as_ref().map(|y| {
                (
                    "residual_likelihood",
                    Cell::Number(f64::from(y.value)),
                    &y.path,
                )
            }),
            e.person_in_charge
                .as_ref()
                .map(|o| ("owner", Cell::Text(o.value.clone()), &o.path)),
        ];
        for (column, value, source) in cells.into_iter().flatten() {
            row.insert(column.to_owned(), value);
            self.report.add(
                source,
                Target::RiskCell {
                    row: row_number,
                    column,
                },
            );
        }
    }

    fn risk_as_notes<'a>(
        &mut self,
        risk: CnilRisk,
        part: &dyn Fn(u32) -> Option<&'a CnilAnswer>,
        evaluation: Option<&Evaluation>,
    ) {
        for n in 1..=6 {
            if let Some(a) = part(n) {
                let q = arch::question(risk.question(n))
                    .map(|q| (q.zh, q.en))
                    .unwrap_or(("", ""));
                self.answer_as_note(a, self.register, label(q.0, q.1));
            }
        }
        if let Some(e) = evaluation {
            self.evaluation_note(e, self.register, risk.zh, risk.en, None);
        }
    }

    /// What the register has no column for, and parts of the pattern a question does not use.
    fn risk_notes<'a>(&mut self, risk: CnilRisk, part: &dyn Fn(u32) -> Option<&'a CnilAnswer>) {
        let heading = |what_zh: &str, what_en: &str| risk_heading(risk, what_zh, what_en);
        for (n, zh, en) in [
            (1, "主要影响", "main impacts"),
            (3, "风险源", "risk sources"),
        ] {
            if let Some(list) = part(n).and_then(|a| a.list.clone()) {
                self.note(
                    self.register,
                    heading(zh, en),
                    &list.value.join("; "),
                    &[&list.path],
                );
            }
        }
        for (n, zh, en) in [
            (5, "严重程度的理由", "why this severity"),
            (6, "可能性的理由", "why this likelihood"),
        ] {
            if let Some(text) = part(n).and_then(|a| a.text.clone()) {
                let body = html_to_text(&text.value);
                if body.is_empty() {
                    self.report.add(&text.path, Target::Empty);
                } else {
                    self.note(self.register, heading(zh, en), &body, &[&text.path]);
                }
            }
        }
        for n in 1..=6 {
            if let Some(a) = part(n) {
                // Parts of the pattern a question does not use (a text on a list question…).
                let used: &[&str] = match n {
                    1..=4 => &["list"],
                    _ => &["gauge", "text"],
                };
                for (what, src) in [
                    ("text", a.text.as_ref().map(|s| &s.path)),
                    ("gauge", a.gauge.as_ref().map(|s| &s.path)),
                    ("list", a.list.as_ref().map(|s| &s.path)),
                ] {
                    if let Some(path) = src
                        && !used.contains(&what)
                    {
                        self.note(
                            self.register,
                            heading("其他内容", "other content"),
                            &match what {
                                "text" => html_to_text(
                                    &a.text.as_ref().map(|s| s.value.clone()).unwrap_or_default(),
                                ),
                                "gauge" => a
                                    .gauge
                                    .as_ref()
                                    .map(|g| g.value.to_string())
                                    .unwrap_or_default(),
                                _ => a
                                    .list
                                    .as_ref()
                                    .map(|l| l.value.join("; "))
                                    .unwrap_or_default(),
                            },
                            &[path],
                        );
                    }
                }
            }
        }
    }
}

fn risk_heading(risk: CnilRisk, what_zh: &str, what_en: &str) -> String {
    label(
        &format!("{} {}：{what_zh}", risk.reference(), risk.zh),
        &format!("{} {}: {what_en}", risk.reference(), risk.en),
    )
}
