//! DPO Desk PIA → CNIL PIA JSON: pure. Everything the CNIL model can hold goes into the file in
//! the shape the CNIL tool imports (its three fixed risks, 1–4 gauges, the DPO and data-subject
//! blocks); the rest is listed in a [`LossReport`]. The export is then read back through the
//! importer, and any answer that would not come back the same is reported too, so the report
//! never claims more than the file carries.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::architecture::{self as arch, RISK_ITEMS};
use super::report::{LossReason, LossReport};
use super::text::text_to_html;
use crate::assessment::{Answer, Answers, Cell, Row};
use crate::error::{Error, Invalid, Result};
use crate::template::{Condition, Kind, Role, Template};
use crate::vault::Status;

/// What an export reads from one assessment.
#[derive(Debug, Clone, Copy)]
pub struct ExportSource<'a> {
    pub title: &'a str,
    pub status: Status,
    pub created_at: &'a str,
    pub updated_at: &'a str,
    pub template: &'a Template,
    pub answers: &'a Answers,
    /// Notes by question id (as an import keeps them).
    pub notes: &'a BTreeMap<String, String>,
    /// The comment of the sign-off that rejected it, when it was rejected.
    pub rejection: Option<&'a str>,
    /// How many evidence files the assessment holds.
    pub evidence: usize,
}

/// The GB/T 39335 impact dimensions of a risk row, with their wording for the justification.
const DIMENSIONS: [(&str, &str); 4] = [
    ("impact_rights", "limits on self-determination"),
    ("impact_discrimination", "differential treatment"),
    ("impact_reputation", "reputation or mental stress"),
    ("impact_property", "harm to person or property"),
];

/// The PIA as a CNIL export (a JSON object) and what it could not carry.
pub fn from_assessment(src: &ExportSource<'_>) -> Result<(Value, LossReport)> {
    if src.template.kind != Kind::Pia {
        return Err(Error::InvalidInput {
            field: "assessment",
            reason: Invalid::NotPia,
        });
    }
    let mut out = Export {
        src,
        answers: Vec::new(),
        measures: Vec::new(),
        evaluations: Vec::new(),
        comments: Vec::new(),
        loss: LossReport::default(),
        exported: Vec::new(),
    };
    out.text_answers();
    out.risks();
    out.notes();
    let header = out.header();
    out.losses();
    let Export {
        answers,
        measures,
        evaluations,
        comments,
        mut loss,
        ..
    } = out;
    let document = json!({
        "pia": header,
        "answers": answers,
        "measures": measures,
        "evaluations": evaluations,
        "comments": comments,
    });
    read_back(src, &document, &mut loss)?;
    Ok((document, loss))
}

struct Export<'s, 'a> {
    src: &'s ExportSource<'a>,
    answers: Vec<Value>,
    measures: Vec<Value>,
    evaluations: Vec<Value>,
    comments: Vec<Value>,
    loss: LossReport,
    /// The DPO Desk questions the file carries.
    exported: Vec<&'a str>,
}

impl Export<'_, '_> {
    fn text(&self, question: &str) -> Option<&str> {
        self.src
            .answers
            .get(question)
            .filter(|a| a.is_given())
            .and_then(Answer::as_text)
            .map(str::trim)
    }

    fn record(&self, index: usize) -> (usize, &str, &str) {
        (index + 1, self.src.created_at, self.src.updated_at)
    }

    fn push_answer(
        &mut self,
        question: u32,
        text: Option<String>,
        gauge: Option<u8>,
        list: Vec<String>,
    ) {
        let (id, created, updated) = self.record(self.answers.len());
        self.answers.push(json!({
            "id": id, "pia_id": 1, "reference_to": question,
            "data": { "text": text, "gauge": gauge, "list": list },
            "created_at": created, "updated_at": updated,
        }));
    }

    /// Each answer of a question tagged with a CNIL question goes to that question.
    fn text_answers(&mut self) {
        for (cnil, ours) in super::tags::tagged(self.src.template) {
            if let Some(text) = self.text(ours) {
                let html = text_to_html(text);
                self.push_answer(cnil, Some(html), None, Vec::new());
                self.exported.push(ours);
            }
        }
    }

    fn risks(&mut self) {
        let register = self.src.template.risk_register().unwrap_or_default();
        let rows: Vec<Row> = self
            .src
            .answers
            .get(register)
            .and_then(Answer::as_rows)
            .map(<[Row]>::to_vec)
            .unwrap_or_default();
        let mut taken: Vec<&str> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let subject = format!("{register} row {}", i + 1);
            let title = text_cell(row, "title").unwrap_or_default().to_owned();
            let category = text_cell(row, "category").unwrap_or_default();
            let Some(risk) = RISK_ITEMS.iter().find(|r| r.category == category) else {
                self.loss.add(subject, LossReason::ExtraRisk { title });
                continue;
            };
            if taken.contains(&risk.category) {
                self.loss.add(subject, LossReason::ExtraRisk { title });
                continue;
            }
            taken.push(risk.category);
            self.risk(*risk, row, &subject);
        }
        if !rows.is_empty() {
            self.exported.push(register);
        }
    }

    fn risk(&mut self, risk: arch::CnilRisk, row: &Row, subject: &str) {
        let title = text_cell(row, "title").unwrap_or_default();
        let threats = if title.is_empty() || title == risk.en {
            Vec::new()
        } else {
            vec![title.to_owned()]
        };
        if !threats.is_empty() {
            self.push_answer(risk.question(2), None, None, threats);
        }
        if let Some(measures) = text_cell(row, "measures").filter(|m| !m.is_empty()) {
            self.measure(measures);
            self.push_answer(risk.question(4), None, None, vec![measures.to_owned()]);
        }
        let dimensions: Vec<(&str, u8)> = DIMENSIONS
            .iter()
            .filter_map(|(column, words)| level_cell(row, column).map(|l| (*words, l)))
            .collect();
        let direct = level_cell(row, "impact");
        let severity = direct.or_else(|| dimensions.iter().map(|(_, l)| *l).max());
        if let Some(severity) = severity {
            let justification = if dimensions.is_empty() {
                None
            } else {
                let parts: Vec<String> =
                    dimensions.iter().map(|(w, l)| format!("{w} {l}")).collect();
                self.loss
                    .add(subject, LossReason::GbtDimensions { highest: severity });
                Some(text_to_html(&format!(
                    "DPO Desk, GB/T 39335 impact dimensions: {}.{}",
                    parts.join(", "),
                    if direct.is_some() {
                        " Severity set directly."
                    } else {
                        " Severity is the highest."
                    }
                )))
            };
            self.push_answer(risk.question(5), justification, Some(severity), Vec::new());
        }
        if let Some(likelihood) = level_cell(row, "likelihood") {
            self.push_answer(risk.question(6), None, Some(likelihood), Vec::new());
        }
        let x = level_cell(row, "residual_impact");
        let y = level_cell(row, "residual_likelihood");
        let owner = text_cell(row, "owner").filter(|o| !o.is_empty());
        if x.is_some() || y.is_some() || owner.is_some() {
            let (id, created, updated) = self.record(self.evaluations.len());
            self.evaluations.push(json!({
                "id": id, "pia_id": 1, "reference_to": risk.reference(),
                "status": 0, "global_status": 0,
                "action_plan_comment": "", "evaluation_comment": "",
                "gauges": { "x": x.unwrap_or(0), "y": y.unwrap_or(0) },
                "estimated_implementation_date": null, "person_in_charge": owner,
                "evaluation_date": null, "created_at": created, "updated_at": updated,
            }));
        }
    }

    /// One CNIL measure per distinct measures text; its title is what the risk's controls name.
    fn measure(&mut self, text: &str) {
        if self.measures.iter().any(|m| m["title"] == text) {
            return;
        }
        let (id, created, updated) = self.record(self.measures.len());
        self.measures.push(json!({
            "id": id, "pia_id": 1, "title": text, "content": text_to_html(text),
            "placeholder": "measures.default_placeholder",
            "created_at": created, "updated_at": updated,
        }));
    }

    /// Notes stay behind: a CNIL comment is a message in the tool's discussion of a question,
    /// and writing our notes (with our labels) there would put words in someone's mouth.
    fn notes(&mut self) {
        for (question, note) in self.src.notes {
            if !note.trim().is_empty() {
                self.loss
                    .add(format!("note on {question}"), LossReason::Note);
            }
        }
    }

    fn header(&mut self) -> Value {
        let template = self.src.template;
        let id = |role: Role| template.by_role(role).unwrap_or_default();
        let mut take = |role: Role| {
            let question = id(role);
            let value = self.text(question).map(str::to_owned);
            if value.is_some() {
                self.exported.push(question);
            }
            value
        };
        let author = take(Role::Assessors);
        let validator = take(Role::Signatory);
        let dpo_text = take(Role::DpoOpinionText);
        let people_opinion = take(Role::ViewsSummary);
        let dpo = take(Role::DpoOpinion);
        let views = take(Role::ViewsSought);
        if validator.is_some() {
            self.loss.add(id(Role::Signatory), LossReason::Validator);
        }
        let dpo_status = match dpo.as_deref() {
            Some("favourable") => Some(1),
            Some("favourable_with_conditions") => {
                self.loss
                    .add(id(Role::DpoOpinion), LossReason::DpoConditions);
                Some(1)
            }
            Some("unfavourable") => Some(0),
            _ => None,
        };
        if dpo_status.is_some() || dpo_text.is_some() {
            // The import reads a DPO verdict as "there is a DPO and the advice is recorded".
            self.exported
                .extend([id(Role::DpoExists), id(Role::DpoAdvice)]);
        }
        let (searched, searched_content) = match views.as_deref() {
            Some("yes") => (Some(true), None),
            Some("no") => (Some(false), None),
            Some("not_appropriate") => (
                Some(false),
                Some(
                    "Not appropriate; the reason is recorded in DPO Desk. 不宜征求，理由已在 DPO Desk 中记录。",
                ),
            ),
            _ => (None, None),
        };
        let status = match self.src.status {
            Status::Approved => 2,
            Status::Rejected => 1,
            Status::Draft | Status::InReview => 0,
        };
        if matches!(self.src.status, Status::Approved | Status::Rejected) {
            self.loss.add("sign-off", LossReason::SignOff);
        }
        json!({
            "id": 1,
            "name": self.src.title,
            "category": null,
            "status": status,
            "author_name": author.unwrap_or_default(),
            "evaluator_name": "",
            "validator_name": validator.unwrap_or_default(),
            "dpos_names": null,
            "dpo_status": dpo_status,
            "dpo_opinion": dpo_text,
            "concerned_people_searched_opinion": searched,
            "concerned_people_searched_content": searched_content,
            "people_names": null,
            "concerned_people_status": null,
            "concerned_people_opinion": people_opinion,
            "rejection_reason": self.src.rejection.unwrap_or_default(),
            "applied_adjustments": "",
            "structure_id": null,
            "structure_name": null,
            "structure_sector_name": null,
            "structure_data": null,
            "progress": 0,
            "is_example": 0,
            "is_archive": 0,
            "created_at": self.src.created_at,
            "updated_at": self.src.updated_at,
        })
    }

    /// Every given answer the file does not carry.
    fn losses(&mut self) {
        for (question, answer) in self.src.answers {
            if answer.is_given() && !self.exported.contains(&question.as_str()) {
                let reason = if prc_only(self.src.template, question) {
                    LossReason::PrcOnly
                } else {
                    LossReason::NoCnilField
                };
                self.loss.add(question.clone(), reason);
            }
        }
        if self.src.evidence > 0 {
            self.loss.add(
                "evidence",
                LossReason::Evidence {
                    count: self.src.evidence,
                },
            );
        }
    }
}

/// Reads the exported file back through the importer; an answer that would not come back the
/// same and is not yet explained is reported as changed.
fn read_back(src: &ExportSource<'_>, document: &Value, loss: &mut LossReport) -> Result<()> {
    let register = src.template.risk_register().unwrap_or_default();
    let bytes = serde_json::to_vec(document).map_err(|e| Error::Corrupted {
        detail: format!("CNIL export: {e}"),
    })?;
    let back = super::import::to_answers(&super::model::parse(&bytes)?, src.template)?;
    for (question, answer) in src.answers {
        if !answer.is_given() || back.answers.get(question) == Some(answer) {
            continue;
        }
        if question == register {
            let before = answer.as_rows().unwrap_or_default();
            let after = back
                .answers
                .get(register)
                .and_then(Answer::as_rows)
                .unwrap_or_default();
            let mut after = after.iter();
            for (i, row) in before.iter().enumerate() {
                let subject = format!("{register} row {}", i + 1);
                if loss.items.iter().any(|l| l.subject == subject) {
                    // Extra risks do not come back; the others come back in order.
                    if !matches!(
                        loss.items
                            .iter()
                            .find(|l| l.subject == subject)
                            .map(|l| &l.reason),
                        Some(LossReason::ExtraRisk { .. })
                    ) {
                        after.next();
                    }
                    continue;
                }
                if after.next() != Some(row) {
                    let title = text_cell(row, "title").unwrap_or_default();
                    let category = RISK_ITEMS
                        .iter()
                        .find(|r| r.category == text_cell(row, "category").unwrap_or_default());
                    let reason = match category {
                        Some(risk) if title.is_empty() || title == risk.en => LossReason::RiskTitle,
                        _ => LossReason::Changed,
                    };
                    loss.add(subject, reason);
                }
            }
            continue;
        }
        if !loss.mentions(question) {
            loss.add(question.clone(), LossReason::Changed);
        }
    }
    Ok(())
}

/// Whether `question` (or its section) is asked only where PRC law applies: never when the
/// routing question says the EU regime alone applies.
fn prc_only(template: &Template, question: &str) -> bool {
    let Some(regimes) = &template.regimes else {
        return false;
    };
    let prc = |v: &toml::Value| {
        v.as_str()
            .is_some_and(|v| regimes.prc.iter().any(|p| p == v))
    };
    let limits_to_prc = |c: &Option<Condition>| match c {
        Some(Condition::In { q, values }) if *q == regimes.question => {
            !values.is_empty() && values.iter().all(prc)
        }
        Some(Condition::Equals { q, value }) if *q == regimes.question => prc(value),
        _ => false,
    };
    template.sections.iter().any(|s| {
        s.questions
            .iter()
            .any(|q| q.id == question && (limits_to_prc(&q.show_if) || limits_to_prc(&s.show_if)))
    })
}

fn text_cell<'r>(row: &'r Row, column: &str) -> Option<&'r str> {
    match row.get(column) {
        Some(Cell::Text(t)) => Some(t.trim()),
        _ => None,
    }
}

fn level_cell(row: &Row, column: &str) -> Option<u8> {
    match row.get(column) {
        Some(Cell::Number(n)) if (1.0..=4.0).contains(n) && n.fract() == 0.0 => Some(*n as u8),
        _ => None,
    }
}
