//! CNIL PIA → DPO Desk PIA answers: pure. Each field of the parsed file lands in an answer, a
//! risk-register cell, a treatment-plan row or a note on the closest question, or is listed as
//! empty or deliberately ignored; nothing is dropped without a line in the report. The answers
//! are checked against the template the same way an answers file is, so an import never stores
//! what the wizard could not.

use std::collections::BTreeMap;

use super::architecture::{self as arch, CnilRisk, GENERAL, Kind as CnilKind, RISK_ITEMS, RISKS};
use super::model::{CnilAnswer, CnilPia, Evaluation, Fix, Src};
use super::reference::{Reference, UNKNOWN_HOME, resolve};
use super::report::{Derived, MappingReport, Target};
use super::text::html_to_text;
use crate::assessment::{Answer, Answers, Cell, Row, check_answer};
use crate::error::{Error, Invalid, Result};
use crate::template::{Kind, Template};

/// What an import produces, before anything is written.
#[derive(Debug, Clone)]
pub struct Imported {
    pub title: String,
    pub answers: Answers,
    /// Notes by question id: CNIL content with no question of its own, labelled by origin.
    pub notes: BTreeMap<String, String>,
    pub report: MappingReport,
}

/// Maps a parsed CNIL PIA onto `template` (a PIA template: the bundled `pia`).
pub fn to_answers(pia: &CnilPia, template: &Template) -> Result<Imported> {
    if template.kind != Kind::Pia || template.question(RISKS).is_none() {
        return Err(Error::InvalidInput {
            field: "template",
            reason: Invalid::NotPia,
        });
    }
    let mut m = Mapper {
        answers: Answers::new(),
        notes: BTreeMap::new(),
        report: MappingReport {
            fixes: pia.fixes.clone(),
            ..MappingReport::default()
        },
        risks: Vec::new(),
        template,
    };
    m.header(pia);
    let answers = m.latest_answers(pia);
    let measure_titles = m.measures(pia, &answers);
    m.risks(pia, &answers);
    m.text_answers(pia, &answers);
    m.evaluations(pia, &measure_titles);
    m.comments(pia, &measure_titles);
    for (path, reason) in &pia.ignored {
        m.report.add(path, Target::Ignored(*reason));
    }
    for path in &pia.empty {
        if m.report.target_of(path).is_none() {
            m.report.add(path, Target::Empty);
        }
    }
    if !m.risks.is_empty() {
        m.answers
            .insert(RISKS.to_owned(), Answer::Rows(std::mem::take(&mut m.risks)));
    }
    m.check()?;
    let notes = m
        .notes
        .into_iter()
        .map(|(q, chunks)| (q, chunks.join("\n\n")))
        .collect();
    Ok(Imported {
        title: pia.header.name.value.trim().to_owned(),
        answers: m.answers,
        notes,
        report: m.report,
    })
}

struct Mapper<'t> {
    answers: Answers,
    notes: BTreeMap<String, Vec<String>>,
    report: MappingReport,
    risks: Vec<Row>,
    template: &'t Template,
}

/// A note's first line: where the content came from, in both languages.
fn label(zh: &str, en: &str) -> String {
    format!("[CNIL] {en}（{zh}）")
}

impl Mapper<'_> {
    fn note(&mut self, host: &str, heading: String, body: &str, sources: &[&str]) {
        let host = if self.template.question(host).is_some() {
            host
        } else {
            GENERAL
        };
        self.notes
            .entry(host.to_owned())
            .or_default()
            .push(format!("{heading}\n{}", body.trim()));
        for source in sources {
            self.report.add(
                *source,
                Target::Note {
                    question: host.to_owned(),
                },
            );
        }
    }

    fn answer(&mut self, question: &str, value: Answer, source: &str) {
        self.answers.insert(question.to_owned(), value);
        self.report.add(
            source,
            Target::Answer {
                question: question.to_owned(),
            },
        );
    }

    fn derive(&mut self, question: &str, value: &str, from: &str) {
        if self.answers.contains_key(question) {
            return;
        }
        self.answers
            .insert(question.to_owned(), Answer::Text(value.to_owned()));
        self.report.derived.push(Derived {
            question: question.to_owned(),
            value: value.to_owned(),
            from: from.to_owned(),
        });
    }

    fn header(&mut self, pia: &CnilPia) {
        let h = &pia.header;
        self.report.add(&h.name.path, Target::Title);
        let text = |s: &Option<Src<String>>| s.as_ref().map(|s| (s.path.clone(), s.value.clone()));
        if let Some((path, value)) = text(&h.author_name) {
            self.answer("pia03_assessors", Answer::Text(value), &path);
        }
        // The CNIL tool's validator is not a DPO Desk signatory: nobody signed off here. The
        // name is kept with the CNIL status, which the report shows as the CNIL tool's decision.
        if let Some((path, value)) = text(&h.validator_name) {
            self.note(
                "pia15_signatory",
                label("CNIL 工具中的验证人", "Validator in the CNIL tool"),
                &value,
                &[&path],
            );
        }
        // The CNIL method is the GDPR's (Art. 35): the tool presumes the PIA is needed.
        self.derive("pia01_regime", "eu", &h.name.path);
        if let Some((path, value)) = text(&h.evaluator_name) {
            self.note(
                "pia03_assessors",
                label("评估人", "Evaluator"),
                &value,
                &[&path],
            );
        }
        if !h.users.is_empty() {
            let body: Vec<&str> = h.users.iter().map(|u| u.value.as_str()).collect();
            let paths: Vec<&str> = h.users.iter().map(|u| u.path.as_str()).collect();
            self.note(
                "pia03_assessors",
                label(
                    "CNIL 服务器上的用户及角色",
                    "Users and roles on the CNIL server",
                ),
                &body.join("\n"),
                &paths,
            );
        }
        // The DPO block.
        if let Some(s) = &h.dpo_status {
            let verdict = if s.value == 1 {
                "favourable"
            } else {
                "unfavourable"
            };
            self.answer(
                "pia03_dpo_opinion",
                Answer::Text(verdict.to_owned()),
                &s.path,
            );
        }
        if let Some((path, value)) = text(&h.dpo_opinion) {
            self.answer("pia03_dpo_opinion_text", Answer::Text(value), &path);
        }
        if let Some((path, value)) = text(&h.dpos_names) {
            self.note(
                "pia03_dpo_opinion_text",
                label("DPO 姓名", "DPO name(s)"),
                &value,
                &[&path],
            );
        }
        let dpo_source = h
            .dpo_status
            .as_ref()
            .map(|s| s.path.clone())
            .or_else(|| h.dpo_opinion.as_ref().map(|s| s.path.clone()));
        if let Some(from) = &dpo_source {
            self.derive("pia03_dpo_exists", "yes", from);
            self.derive("pia03_dpo_advice", "yes", from);
        } else if let Some(names) = &h.dpos_names {
            self.derive("pia03_dpo_exists", "yes", &names.path);
        }
        // The data subjects' block.
        if let Some(s) = &h.people_searched {
            let value = match (s.value, &h.people_searched_content) {
                (true, _) => "yes",
                (false, Some(_)) => "not_appropriate",
                (false, None) => "no",
            };
            self.answer(
                "pia14_views_sought",
                Answer::Text(value.to_owned()),
                &s.path,
            );
        }
        if let Some((path, value)) = text(&h.people_searched_content) {
            self.note(
                "pia14_views_sought",
                label("未征求意见的理由", "Why the views were not sought"),
                &value,
                &[&path],
            );
        }
        if let Some((path, value)) = text(&h.people_opinion) {
            self.answer("pia14_summary", Answer::Text(value), &path);
        }
        if let Some((path, value)) = text(&h.people_names) {
            self.note(
                "pia14_summary",
                label("被征求意见的个人或代表", "People consulted"),
                &value,
                &[&path],
            );
        }
        if let Some(s) = &h.people_status {
            let verdict = if s.value == 1 {
                "favourable (processing may go ahead) / 同意"
            } else {
                "unfavourable / 不同意"
            };
            self.note(
                "pia14_summary",
                label("个人意见结论", "Data subjects' verdict"),
                verdict,
                &[&s.path],
            );
        }
        let people_source = [&h.people_opinion, &h.people_names]
            .into_iter()
            .flatten()
            .map(|s| s.path.clone())
            .chain(h.people_status.as_ref().map(|s| s.path.clone()))
            .next();
        if h.people_searched.is_none()
            && let Some(from) = people_source
        {
            self.derive("pia14_views_sought", "yes", &from);
        }
        // Validation: the import is always a draft; the CNIL outcome is kept for the signer.
        if let Some(s) = &h.status {
            if s.value == 0 {
                self.report.add(&s.path, Target::Empty);
            } else {
                let status = match s.value {
                    1 => "1 refused / 已驳回",
                    2 => "2 validated / 已批准",
                    3 => "3 validated with signature / 已签字批准",
                    _ => "4 processing abandoned / 已放弃处理",
                };
                self.note(
                    "pia15_signatory",
                    label("CNIL 工具中的状态", "Status in the CNIL tool"),
                    status,
                    &[&s.path],
                );
            }
        }
        if let Some((path, value)) = text(&h.rejection_reason) {
            self.note(
                "pia15_signatory",
                label("驳回理由", "Reason for refusal"),
                &value,
                &[&path],
            );
        }
        if let Some((path, value)) = text(&h.applied_adjustments) {
            self.note(
                "pia15_signatory",
                label("驳回后所作的修改", "Adjustments made after refusal"),
                &value,
                &[&path],
            );
        }
        // About the PIA as a whole.
        if let Some((path, value)) = text(&h.category) {
            self.note(GENERAL, label("类别", "Category"), &value, &[&path]);
        }
        let dates: Vec<&Src<String>> = [&h.created_at, &h.updated_at]
            .into_iter()
            .flatten()
            .collect();
        if !dates.is_empty() {
            let body = [("created", &h.created_at), ("updated", &h.updated_at)]
                .iter()
                .filter_map(|(what, s)| s.as_ref().map(|s| format!("{what} {}", s.value)))
                .collect::<Vec<_>>()
                .join(", ");
            let paths: Vec<&str> = dates.iter().map(|s| s.path.as_str()).collect();
            self.note(
                GENERAL,
                label("CNIL PIA 日期", "Dates of the CNIL PIA"),
                &body,
                &paths,
            );
        }
        let template: Vec<&Src<String>> = [&h.structure_name, &h.structure_sector]
            .into_iter()
            .flatten()
            .collect();
        if !template.is_empty() {
            let body = template
                .iter()
                .map(|s| s.value.as_str())
                .collect::<Vec<_>>()
                .join(" — ");
            let paths: Vec<&str> = template.iter().map(|s| s.path.as_str()).collect();
            self.note(
                GENERAL,
                label(
                    "CNIL 自定义模板（名称、行业）",
                    "CNIL custom template (name, sector)",
                ),
                &body,
                &paths,
            );
        }
    }

    /// One answer per question: the most recent when a file holds several. The others are kept
    /// as notes.
    fn latest_answers<'p>(&mut self, pia: &'p CnilPia) -> BTreeMap<u32, &'p CnilAnswer> {
        let mut latest: BTreeMap<u32, &CnilAnswer> = BTreeMap::new();
        for answer in &pia.answers {
            match latest.get(&answer.question) {
                Some(kept) if kept.updated_at > answer.updated_at => {
                    self.superseded(answer, kept);
                }
                Some(kept) => {
                    let kept = *kept;
                    self.superseded(kept, answer);
                    latest.insert(answer.question, answer);
                }
                None => {
                    latest.insert(answer.question, answer);
                }
            }
        }
        latest
    }

    fn superseded(&mut self, old: &CnilAnswer, kept: &CnilAnswer) {
        self.report.fixes.push(Fix::DuplicateAnswer {
            path: old.path.clone(),
            kept: kept.path.clone(),
        });
        let host = arch::question(old.question).map_or(GENERAL, |q| q.host);
        let heading = label(
            &format!("问题 {} 的较早答案", old.question),
            &format!("Earlier answer to question {}", old.question),
        );
        self.answer_as_note(old, host, heading);
    }

    /// Keeps every part of an answer in a note.
    fn answer_as_note(&mut self, answer: &CnilAnswer, host: &str, heading: String) {
        let mut body = Vec::new();
        let mut sources = Vec::new();
        if let Some(list) = &answer.list {
            body.push(list.value.join("; "));
            sources.push(list.path.as_str());
        }
        if let Some(gauge) = &answer.gauge {
            body.push(format!("level {} / 等级 {}", gauge.value, gauge.value));
            sources.push(gauge.path.as_str());
        }
        if let Some(text) = &answer.text {
            body.push(html_to_text(&text.value));
            sources.push(text.path.as_str());
        }
        if body.is_empty() {
            self.report
                .add(format!("{}.data", answer.path), Target::Empty);
        } else {
            self.note(host, heading, &body.join("\n"), &sources);
        }
        self.report
            .add(format!("{}.reference_to", answer.path), Target::Link);
    }

    /// Measure titles by measure id. Measures that no risk names, and descriptions beyond the
    /// title, are kept as notes on the risk register.
    fn measures(
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
                self.note(RISKS, heading, &body.join("\n"), &sources);
            }
        }
        titles
    }

    fn risks(&mut self, pia: &CnilPia, answers: &BTreeMap<u32, &CnilAnswer>) {
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
        let heading = |what_zh: &str, what_en: &str| {
            label(
                &format!("{} {}：{what_zh}", risk.reference(), risk.zh),
                &format!("{} {}: {what_en}", risk.reference(), risk.en),
            )
        };
        let Some(likelihood) = likelihood else {
            // Without a likelihood the register cannot hold the risk: everything goes to notes.
            for n in 1..=6 {
                if let Some(a) = part(n) {
                    let q = arch::question(risk.question(n))
                        .map(|q| (q.zh, q.en))
                        .unwrap_or(("", ""));
                    self.answer_as_note(a, RISKS, label(q.0, q.1));
                }
            }
            if let Some(e) = evaluation {
                self.evaluation_note(e, RISKS, risk.zh, risk.en, None);
            }
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
        // What the register has no column for.
        for (n, zh, en) in [
            (1, "主要影响", "main impacts"),
            (3, "风险源", "risk sources"),
        ] {
            if let Some(list) = part(n).and_then(|a| a.list.clone()) {
                self.note(
                    RISKS,
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
                    self.note(RISKS, heading(zh, en), &body, &[&text.path]);
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
                            RISKS,
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
        if let Some(e) = evaluation {
            if let Some(x) = &e.residual_severity {
                cell(
                    self,
                    &mut row,
                    "residual_impact",
                    Cell::Number(f64::from(x.value)),
                    &x.path,
                );
            }
            if let Some(y) = &e.residual_likelihood {
                cell(
                    self,
                    &mut row,
                    "residual_likelihood",
                    Cell::Number(f64::from(y.value)),
                    &y.path,
                );
            }
            if let Some(owner) = &e.person_in_charge {
                cell(
                    self,
                    &mut row,
                    "owner",
                    Cell::Text(owner.value.clone()),
                    &owner.path,
                );
            }
            self.risks.push(row);
            self.evaluation_note(e, RISKS, risk.zh, risk.en, Some(row_number));
        } else {
            self.risks.push(row);
        }
    }

    fn text_answers(&mut self, pia: &CnilPia, answers: &BTreeMap<u32, &CnilAnswer>) {
        let custom: BTreeMap<u32, &str> = pia
            .header
            .structure_questions
            .iter()
            .map(|(id, title)| (*id, title.as_str()))
            .collect();
        for (id, answer) in answers {
            let standard = arch::question(*id).filter(|q| q.kind == CnilKind::Text);
            // A custom template may reuse a standard id for its own question: only a title
            // that is still the tool's translation key means the standard question.
            let standard =
                standard.filter(|_| custom.get(id).is_none_or(|t| t.starts_with("sections.")));
            let Some(q) = standard else {
                if arch::question(*id).is_some_and(|q| q.kind != CnilKind::Text)
                    && custom.get(id).is_none_or(|t| t.starts_with("sections."))
                {
                    continue; // A risk question, handled with its risk.
                }
                let title = custom.get(id).copied().unwrap_or("");
                self.answer_as_note(
                    answer,
                    GENERAL,
                    label(
                        &format!("问题 {id} {title}"),
                        &format!("Question {id} {title}"),
                    ),
                );
                continue;
            };
            self.report
                .add(format!("{}.reference_to", answer.path), Target::Link);
            let text = answer
                .text
                .as_ref()
                .map(|t| (t.path.clone(), html_to_text(&t.value)));
            let answered_by = super::tags::home_of(self.template, q.id);
            match (answered_by, text) {
                (_, Some((path, text))) if text.is_empty() => self.report.add(path, Target::Empty),
                (Some(ours), Some((path, text))) => self.answer(ours, Answer::Text(text), &path),
                (None, Some((path, text))) => {
                    self.note(
                        q.host,
                        label(
                            &format!("{} {}", q.number(), q.zh),
                            &format!("{} {}", q.number(), q.en),
                        ),
                        &text,
                        &[&path],
                    );
                }
                (_, None) => {}
            }
            for stray in [
                answer
                    .gauge
                    .as_ref()
                    .map(|g| (g.path.clone(), g.value.to_string())),
                answer
                    .list
                    .as_ref()
                    .map(|l| (l.path.clone(), l.value.join("; "))),
            ]
            .into_iter()
            .flatten()
            {
                self.note(
                    q.host,
                    label(
                        &format!("{} {}（其他内容）", q.number(), q.zh),
                        &format!("{} {} (other content)", q.number(), q.en),
                    ),
                    &stray.1,
                    &[&stray.0],
                );
            }
        }
    }

    fn evaluations(&mut self, pia: &CnilPia, measures: &BTreeMap<String, String>) {
        let mut seen_risks = Vec::new();
        for e in &pia.evaluations {
            let (home, zh, en) = match resolve(&e.reference.value) {
                Some(Reference::Risk(risk)) => {
                    // The first evaluation of a risk item went with the risk.
                    if !seen_risks.contains(&risk.item) {
                        seen_risks.push(risk.item);
                        continue;
                    }
                    self.report.fixes.push(Fix::UnresolvedReference {
                        path: e.reference.path.clone(),
                    });
                    (RISKS, risk.zh.to_owned(), risk.en.to_owned())
                }
                Some(Reference::Measure { id }) => match measures.get(&id) {
                    Some(title) => (
                        RISKS,
                        format!("3.1 措施：{title}"),
                        format!("3.1 Measure: {title}"),
                    ),
                    None => {
                        self.report.fixes.push(Fix::UnresolvedReference {
                            path: e.reference.path.clone(),
                        });
                        (
                            RISKS,
                            format!("3.1 已删除或未知的措施 {id}"),
                            format!("3.1 Deleted or unknown measure {id}"),
                        )
                    }
                },
                Some(item) => {
                    let label = item.label();
                    (item.home(), label.zh, label.en)
                }
                None => {
                    self.report.fixes.push(Fix::UnresolvedReference {
                        path: e.reference.path.clone(),
                    });
                    let reference = &e.reference.value;
                    (
                        UNKNOWN_HOME,
                        format!("未知条目 {reference}"),
                        format!("Unknown item {reference}"),
                    )
                }
            };
            self.evaluation_note(e, home, &zh, &en, None);
        }
    }

    /// An evaluator's verdict as a note on `host`; an action plan (status 2) also becomes a row
    /// of the treatment plan. `risk_row` is set when the risk register already took the gauges
    /// and the person in charge.
    fn evaluation_note(
        &mut self,
        e: &Evaluation,
        host: &str,
        item_zh: &str,
        item_en: &str,
        risk_row: Option<usize>,
    ) {
        self.report.add(&e.reference.path, Target::Link);
        let mut body = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        let mut empty: Vec<String> = Vec::new();
        match &e.status {
            Some(s) if s.value > 0 => {
                body.push(
                    match s.value {
                        1 => "verdict: to correct / 结论：需修改",
                        2 => "verdict: improvable, action planned / 结论：可改进，已计划行动",
                        _ => "verdict: acceptable / 结论：可接受",
                    }
                    .to_owned(),
                );
                sources.push(s.path.clone());
            }
            Some(s) => empty.push(s.path.clone()),
            None => {}
        }
        match &e.global_status {
            Some(s) if s.value > 0 => {
                body.push(
                    if s.value == 1 {
                        "submitted: sent back to the author / 已提交：退回作者"
                    } else {
                        "submitted: done / 已提交：完成"
                    }
                    .to_owned(),
                );
                sources.push(s.path.clone());
            }
            Some(s) => empty.push(s.path.clone()),
            None => {}
        }
        if let Some(c) = &e.comment {
            let text = html_to_text(&c.value);
            if text.is_empty() {
                empty.push(c.path.clone())
            } else {
                body.push(format!("evaluator's comment / 评估意见:\n{text}"));
                sources.push(c.path.clone());
            }
        }
        // The action plan stays the CNIL tool's: planned, with its person and date, kept in the
        // CNIL record the report reads; our treatment plan has no "planned" decision to hold it.
        let action = e
            .action_plan
            .as_ref()
            .map(|a| (a.path.clone(), html_to_text(&a.value)))
            .filter(|(_, t)| !t.is_empty());
        {
            if let Some((path, text)) = &action {
                body.push(format!("action plan / 行动计划:\n{text}"));
                sources.push(path.clone());
            }
            if risk_row.is_none()
                && let Some(owner) = &e.person_in_charge
            {
                body.push(format!("person in charge / 负责人: {}", owner.value));
                sources.push(owner.path.clone());
            }
            if let Some(d) = &e.implementation_date {
                body.push(format!("planned for / 计划完成: {}", d.value));
                sources.push(d.path.clone());
            }
        }
        if let Some(d) = &e.evaluation_date {
            body.push(format!("evaluated on / 评估日期: {}", d.value));
            sources.push(d.path.clone());
        }
        if risk_row.is_none() {
            for g in [&e.residual_severity, &e.residual_likelihood]
                .into_iter()
                .flatten()
            {
                body.push(format!(
                    "residual gauge / 剩余等级 {}: {}",
                    g.path.rsplit('.').next().unwrap_or(""),
                    g.value
                ));
                sources.push(g.path.clone());
            }
        }
        for path in empty {
            self.report.add(path, Target::Empty);
        }
        if !body.is_empty() {
            let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
            self.note(
                host,
                label(
                    &format!("评估 {item_zh}"),
                    &format!("Evaluation of {item_en}"),
                ),
                &body.join("\n"),
                &refs,
            );
        }
    }

    fn comments(&mut self, pia: &CnilPia, measures: &BTreeMap<String, String>) {
        for c in &pia.comments {
            let reference = c.reference.clone().unwrap_or_default();
            let (host, about_zh, about_en) = if c.for_measure.as_ref().is_some_and(|f| f.value) {
                match measures.get(&reference) {
                    Some(title) => (
                        RISKS,
                        format!("3.1 措施：{title}"),
                        format!("3.1 Measure: {title}"),
                    ),
                    None => {
                        self.report.fixes.push(Fix::UnresolvedReference {
                            path: format!("{}.reference_to", c.path),
                        });
                        (
                            RISKS,
                            format!("未知措施 {reference}"),
                            format!("unknown measure {reference}"),
                        )
                    }
                }
            } else {
                match reference.parse().ok().and_then(arch::question) {
                    Some(q) => (
                        q.host,
                        format!("{} {}", q.number(), q.zh),
                        format!("{} {}", q.number(), q.en),
                    ),
                    None => {
                        if !reference.is_empty() {
                            self.report.fixes.push(Fix::UnresolvedReference {
                                path: format!("{}.reference_to", c.path),
                            });
                        }
                        (
                            GENERAL,
                            format!("问题 {reference}"),
                            format!("question {reference}"),
                        )
                    }
                }
            };
            if c.reference.is_some() {
                self.report
                    .add(format!("{}.reference_to", c.path), Target::Link);
            }
            if let Some(flag) = &c.for_measure {
                self.report.add(&flag.path, Target::Link);
            }
            let by: Vec<&Src<String>> = [&c.author, &c.created_at].into_iter().flatten().collect();
            match &c.description {
                Some(d) => {
                    let heading = label(
                        &format!("关于 {about_zh} 的讨论"),
                        &format!("Comment on {about_en}"),
                    );
                    let heading = if by.is_empty() {
                        heading
                    } else {
                        let who: Vec<&str> = by.iter().map(|s| s.value.as_str()).collect();
                        format!("{heading} — {}", who.join(", "))
                    };
                    let mut sources = vec![d.path.as_str()];
                    sources.extend(by.iter().map(|s| s.path.as_str()));
                    self.note(host, heading, &d.value, &sources);
                }
                None => {
                    self.report
                        .add(format!("{}.description", c.path), Target::Empty);
                    for s in by {
                        self.report.add(&s.path, Target::Empty);
                    }
                }
            }
        }
    }

    /// Every answer must be one the wizard could have stored.
    fn check(&self) -> Result<()> {
        let mut problems = Vec::new();
        for (id, answer) in &self.answers {
            let Some(question) = self.template.question(id) else {
                problems.push(format!("{id}: not in template {}", self.template.id));
                continue;
            };
            if let Err(reason) = check_answer(question, &answer.to_toml()) {
                problems.push(format!("{id}: {reason}"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::InvalidAnswers {
                file: "CNIL import".to_owned(),
                problems,
            })
        }
    }
}

/// The calendar day of a CNIL date ("2025-03-31T00:00:00.000Z" → "2025-03-31"), as written: the
/// tool stores a day as midnight, so converting time zones would move it.
pub(crate) fn calendar_day(value: &str) -> Option<String> {
    let day = value.trim().get(..10)?;
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}
