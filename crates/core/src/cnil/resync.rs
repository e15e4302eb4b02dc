//! Export of a PIA that came from the CNIL tool: the CNIL file kept at import goes back whole,
//! with what was changed in DPO Desk since written over the parts of it those answers map to.
//! So a CNIL PIA makes the round trip without loss, and only what DPO Desk added that the CNIL
//! format cannot hold is reported lost.

use serde_json::Value;

use super::architecture::RISK_ITEMS;
use super::export::{ExportSource, from_assessment};
use super::import::to_answers;
use super::model::{CnilAnswer, CnilPia, Evaluation, Header, Measure, Src, parse};
use super::reference::{Reference, resolve};
use super::report::{LossReason, LossReport};
use super::write::document;
use crate::assessment::{Answer, Answers, Cell, Row};
use crate::error::{Error, Result};
use crate::template::{Role, Template};
use crate::vault::Status;

/// The roles of the DPO Desk answers the header of a CNIL file carries.
const HEADER_ROLES: [Role; 5] = [
    Role::Assessors,
    Role::DpoOpinion,
    Role::DpoOpinionText,
    Role::ViewsSought,
    Role::ViewsSummary,
];

/// The CNIL file for a PIA imported from `kept`, as it stands in DPO Desk now.
pub fn from_record(kept: &CnilPia, src: &ExportSource<'_>) -> Result<(Value, LossReport)> {
    let imported = to_answers(kept, src.template)?;
    let given = |a: Option<&Answer>| a.filter(|a| a.is_given()).cloned();
    let mut changed: Vec<String> = Vec::new();
    for question in src.answers.keys().chain(imported.answers.keys()) {
        if !changed.contains(question)
            && given(src.answers.get(question)) != given(imported.answers.get(question))
        {
            changed.push(question.clone());
        }
    }
    let mut pia = kept.clone();
    pia.header.name.value = src.title.to_owned();
    let mut loss = LossReport::default();
    if !changed.is_empty() {
        let (fresh, fresh_loss) = from_assessment(src)?;
        let bytes = serde_json::to_vec(&fresh).map_err(|e| Error::Corrupted {
            detail: format!("CNIL export: {e}"),
        })?;
        let fresh = parse(&bytes)?;
        let risks = src.template.risk_register();
        let mut carried: Vec<&str> = Vec::new();
        for question in &changed {
            if overlay(&mut pia, &fresh, src, &imported.answers, question) {
                carried.push(question);
            }
        }
        for item in fresh_loss.items {
            let about_changed = changed
                .iter()
                .any(|q| !carried.contains(&q.as_str()) && item.subject.starts_with(q.as_str()));
            let risk_row = risks.is_some_and(|risks| {
                item.subject.starts_with(risks) && changed.iter().any(|q| q == risks)
            });
            if about_changed || risk_row {
                loss.add(item.subject, item.reason);
            }
        }
    }
    for (question, note) in src.notes {
        if imported.notes.get(question) != Some(note) {
            loss.add(format!("note on {question}"), LossReason::Note);
        }
    }
    match src.status {
        Status::Approved => {
            set_status(&mut pia.header, 2);
            loss.add("sign-off", LossReason::SignOff);
        }
        Status::Rejected => {
            set_status(&mut pia.header, 1);
            if let Some(reason) = src.rejection.filter(|r| !r.trim().is_empty()) {
                pia.header.rejection_reason = Some(src_of("pia.rejection_reason", reason));
            }
            loss.add("sign-off", LossReason::SignOff);
        }
        Status::Draft | Status::InReview => {}
    }
    if src.evidence > 0 {
        loss.add(
            "evidence",
            LossReason::Evidence {
                count: src.evidence,
            },
        );
    }
    Ok((document(&pia), loss))
}

fn src_of<T>(path: &str, value: impl Into<T>) -> Src<T> {
    Src {
        path: path.to_owned(),
        value: value.into(),
    }
}

fn set_status(header: &mut Header, status: u8) {
    header.status = Some(src_of("pia.status", status));
}

/// Writes the parts of `fresh` (the export of today's answers) that `question` maps to over
/// `pia`; false when the CNIL file has no place for it.
fn overlay(
    pia: &mut CnilPia,
    fresh: &CnilPia,
    src: &ExportSource<'_>,
    imported: &Answers,
    question: &str,
) -> bool {
    if src.template.risk_register() == Some(question) {
        overlay_risks(pia, fresh, src.template, src.answers, imported);
        return true;
    }
    if let Some(cnil) = super::tags::cnil_question(src.template, question) {
        replace_answer(pia, fresh, cnil);
        return true;
    }
    let Some(role) = HEADER_ROLES
        .into_iter()
        .find(|r| src.template.by_role(*r) == Some(question))
    else {
        return false;
    };
    let (h, f) = (&mut pia.header, &fresh.header);
    match role {
        Role::Assessors => h.author_name.clone_from(&f.author_name),
        Role::DpoOpinion => h.dpo_status.clone_from(&f.dpo_status),
        Role::DpoOpinionText => h.dpo_opinion.clone_from(&f.dpo_opinion),
        Role::ViewsSought => {
            h.people_searched.clone_from(&f.people_searched);
            h.people_searched_content
                .clone_from(&f.people_searched_content);
        }
        _ => h.people_opinion.clone_from(&f.people_opinion),
    }
    true
}

/// Answer `question` of `pia` becomes `fresh`'s (or goes, when `fresh` has none); a gauge's
/// justification written in the CNIL tool stays when DPO Desk did not write one.
fn replace_answer(pia: &mut CnilPia, fresh: &CnilPia, question: u32) {
    let old: Option<CnilAnswer> = pia.answers.iter().find(|a| a.question == question).cloned();
    let new = fresh
        .answers
        .iter()
        .find(|a| a.question == question)
        .cloned();
    let new = new.map(|mut a| {
        if a.text.is_none() && a.gauge.is_some() {
            a.text = old.as_ref().and_then(|o| o.text.clone());
        }
        a
    });
    match (pia.answers.iter().position(|a| a.question == question), new) {
        (Some(at), Some(new)) => pia.answers[at] = new,
        (Some(at), None) => {
            pia.answers.remove(at);
        }
        (None, Some(new)) => pia.answers.push(new),
        (None, None) => {}
    }
}

/// The evaluator's re-estimate and person in charge of a risk, as DPO Desk's register has them.
fn replace_risk_evaluation(pia: &mut CnilPia, fresh: &CnilPia, reference: &str) {
    let is_it = |e: &&Evaluation| matches!(resolve(&e.reference.value), Some(Reference::Risk(r)) if r.reference() == reference);
    let new = fresh.evaluations.iter().find(is_it);
    match (pia.evaluations.iter().position(|e| is_it(&e)), new) {
        (Some(at), Some(new)) => {
            let e = &mut pia.evaluations[at];
            e.residual_severity.clone_from(&new.residual_severity);
            e.residual_likelihood.clone_from(&new.residual_likelihood);
            e.person_in_charge.clone_from(&new.person_in_charge);
        }
        (Some(at), None) => {
            let e = &mut pia.evaluations[at];
            e.residual_severity = None;
            e.residual_likelihood = None;
            e.person_in_charge = None;
        }
        (None, Some(new)) => pia.evaluations.push(new.clone()),
        (None, None) => {}
    }
}

fn register(template: &Template, answers: &Answers) -> Vec<Row> {
    template
        .risk_register()
        .and_then(|id| answers.get(id))
        .and_then(Answer::as_rows)
        .map(<[Row]>::to_vec)
        .unwrap_or_default()
}

/// For each CNIL risk, the columns of its register row changed since the import go over the
/// parts of the file they map to; the rest stays as the CNIL tool wrote it.
fn overlay_risks(
    pia: &mut CnilPia,
    fresh: &CnilPia,
    template: &Template,
    now: &Answers,
    then: &Answers,
) {
    let (now, then) = (register(template, now), register(template, then));
    for risk in RISK_ITEMS {
        let first = |rows: &[Row]| {
            rows.iter()
                .find(|r| matches!(r.get("category"), Some(Cell::Text(c)) if c == risk.category))
                .cloned()
        };
        let (n, t) = (first(&now), first(&then));
        let changed = |columns: &[&str]| {
            columns
                .iter()
                .any(|c| n.as_ref().and_then(|r| r.get(*c)) != t.as_ref().and_then(|r| r.get(*c)))
        };
        if changed(&["title"]) {
            replace_answer(pia, fresh, risk.question(2));
        }
        if changed(&["measures"]) {
            let controls = match n.as_ref().and_then(|r| r.get("measures")) {
                Some(Cell::Text(t)) => t
                    .split("; ")
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect(),
                _ => Vec::new(),
            };
            set_controls(pia, risk.question(4), controls);
        }
        let impact = [
            "impact",
            "impact_rights",
            "impact_discrimination",
            "impact_reputation",
            "impact_property",
        ];
        if changed(&impact) {
            replace_answer(pia, fresh, risk.question(5));
        }
        if changed(&["likelihood"]) {
            replace_answer(pia, fresh, risk.question(6));
        }
        if changed(&["residual_impact", "residual_likelihood", "owner"]) {
            replace_risk_evaluation(pia, fresh, &risk.reference());
        }
    }
}

/// The controls a risk names (3r4), with a CNIL measure for each title the file lacks.
fn set_controls(pia: &mut CnilPia, question: u32, controls: Vec<String>) {
    let at = pia.answers.iter().position(|a| a.question == question);
    if controls.is_empty() {
        pia.answers.retain(|a| a.question != question);
        return;
    }
    let mut next = pia
        .measures
        .iter()
        .filter_map(|m| m.id.as_deref()?.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    for title in &controls {
        let known = pia
            .measures
            .iter()
            .any(|m| m.title.as_ref().is_some_and(|t| &t.value == title));
        if !known {
            pia.measures.push(Measure {
                path: format!("measures[{}]", pia.measures.len()),
                id: Some(next.to_string()),
                title: Some(src_of("title", title.as_str())),
                content: None,
            });
            next += 1;
        }
    }
    let answer = CnilAnswer {
        path: format!("answers[{}]", pia.answers.len()),
        question,
        text: None,
        gauge: None,
        list: Some(src_of("data.list", controls)),
        updated_at: None,
    };
    match at {
        Some(at) => pia.answers[at] = answer,
        None => pia.answers.push(answer),
    }
}
