//! CNIL PIA → DPO Desk PIA answers: pure. Each field of the parsed file lands in an answer, a
//! risk-register cell, a treatment-plan row or a note on the closest question, or is listed as
//! empty or deliberately ignored; nothing is dropped without a line in the report. The answers
//! are checked against the template the same way an answers file is, so an import never stores
//! what the wizard could not.

mod header;
mod records;
mod risks;

use std::collections::BTreeMap;

use super::architecture::{self as arch, GENERAL};
use super::model::{CnilAnswer, CnilPia, Fix};
use super::report::{Derived, MappingReport, Target};
use super::text::html_to_text;
use crate::assessment::{Answer, Answers, Row, check_answer};
use crate::error::{Error, Invalid, Result};
use crate::template::{Kind, Role, Template};

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
    let Some(register) = template
        .risk_register()
        .filter(|_| template.kind == Kind::Pia)
    else {
        return Err(Error::InvalidInput {
            field: "template",
            reason: Invalid::NotPia,
        });
    };
    let mut m = Mapper {
        answers: Answers::new(),
        notes: BTreeMap::new(),
        report: MappingReport {
            fixes: pia.fixes.clone(),
            ..MappingReport::default()
        },
        risks: Vec::new(),
        template,
        register,
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
        m.answers.insert(
            register.to_owned(),
            Answer::Rows(std::mem::take(&mut m.risks)),
        );
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
    /// The template's risk register, which CNIL risks, measures and their notes go to.
    register: &'t str,
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

    /// `answer` to the question with `role`; a note on the general question should the
    /// template have none (a validated PIA template has every role the import uses).
    fn answer_as(&mut self, role: Role, value: Answer, source: &str) {
        match self.template.by_role(role) {
            Some(id) => self.answer(id, value, source),
            None => {
                let body = match &value {
                    Answer::Text(t) => t.clone(),
                    other => format!("{other:?}"),
                };
                self.note(
                    GENERAL,
                    label(role.as_str(), role.as_str()),
                    &body,
                    &[source],
                );
            }
        }
    }

    /// `note` on the question with `role` (the general question without one).
    fn note_on(&mut self, role: Role, heading: String, body: &str, sources: &[&str]) {
        let host = self.template.by_role(role).unwrap_or(GENERAL).to_owned();
        self.note(&host, heading, body, sources);
    }

    /// `derive` for the question with `role`, if the template has one.
    fn derive_as(&mut self, role: Role, value: &str, from: &str) {
        if let Some(id) = self.template.by_role(role) {
            self.derive(id, value, from);
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
