//! The `assess show --json` document: one assessment with its rating in words, open points,
//! findings, coverage, tier, PIA need, risks, fingerprint and sign-offs. Built here, beside the
//! app's views, so a door only prints it; the README documents every field.

use serde_json::{Value, json};

use super::*;
use crate::assessment::rescored_note;

/// The document for one assessment as read by [`read_assessment`].
pub fn assessment_document(read: &AssessmentRead) -> Value {
    let mut value = outcome_json(&read.record, &read.outcome, &read.fingerprint);
    value["sign_offs"] = sign_offs_json(&read.sign_offs, &read.outcome);
    if let Some(route) = &read.transfer_route {
        value["transfer_route"] = serde_json::to_value(route).unwrap_or(Value::Null);
    }
    value["linked_transfers"] =
        serde_json::to_value(&read.linked_transfers).unwrap_or(Value::Array(Vec::new()));
    value
}

fn outcome_json(record: &AssessmentRecord, outcome: &Outcome, fingerprint: &str) -> Value {
    let wording = outcome.rating_wording();
    let band_label = outcome.standing.band_label(outcome.ratings.overall);
    let points: Vec<Value> = outcome
        .standing
        .points
        .iter()
        .map(|p| json!({ "question_id": p.question_id, "text": { "zh": p.text.zh, "en": p.text.en }, "rules": p.rules }))
        .collect();
    let findings: Vec<Value> = outcome
        .findings
        .iter()
        .map(|f| {
            json!({
                "id": f.id, "source": f.source, "severity": f.severity.as_str(), "regime": f.regime,
                "title": { "zh": f.title.zh, "en": f.title.en },
                "recommendation": { "zh": f.recommendation.zh, "en": f.recommendation.en },
                "cite": f.cite, "requirements": f.requirements,
                "consequences": f.consequences.iter()
                    .map(|t| json!({ "zh": t.zh, "en": t.en })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "id": record.id,
        "title": record.title,
        "kind": record.kind.as_str(),
        "status": record.status.as_str(),
        "version": record.version,
        "updated_at": record.updated_at,
        "previous_id": record.previous_id,
        "template": { "id": record.template_id, "version": record.template_version },
        // `overall` is never "compliant" while nothing decisive is answered: it reads
        // "undetermined" then; `band` is what the given answers reach in every case.
        "rating": {
            "overall": outcome.rating_word(),
            "band": outcome.ratings.overall.as_str(),
            // The band as a person reads it: "no issue found so far" while points are open.
            "band_label": { "zh": band_label.zh, "en": band_label.en },
            "certainty": outcome.standing.certainty.as_str(),
            "could_reach": outcome.standing.could_reach.map(|r| r.as_str()),
            "wording": { "zh": wording.zh, "en": wording.en },
            "eu": outcome.standing.regime_word(outcome.ratings.eu),
            "prc": outcome.standing.regime_word(outcome.ratings.prc),
        },
        "points_to_verify": points,
        "findings": findings,
        "coverage": outcome.coverage,
        "tier": outcome.tier.map(|t| t.as_str()),
        "pia": outcome.pia.as_ref().map(|p| json!({ "need": p.need.as_str(), "reasons": p.reasons })),
        "risks": outcome.risks,
        "unanswered_required": outcome.unanswered_required,
        "fingerprint": fingerprint,
    })
}

/// Each sign-off with the outcome it froze and, when today's rules score the same answers
/// differently, a note saying so.
fn sign_offs_json(sign_offs: &[SignOff], today: &Outcome) -> Value {
    Value::Array(
        sign_offs
            .iter()
            .map(|s| {
                let note = s.outcome.as_ref().and_then(|f| rescored_note(f, today));
                let approved = s.decision == vault::Decision::Approve;
                json!({
                    "name": s.name, "role": s.role,
                    "decision": if approved { "approve" } else { "reject" },
                    "with_reservations": approved && !s.reservations.is_empty(),
                    "signed_at": s.signed_at,
                    "answers_sha256": s.answers_sha256,
                    "signed_rating": s.outcome.as_ref().map(|f| f.rating_word()),
                    "signed_outcome": s.outcome,
                    "engine_version": s.engine_version,
                    "law_version": s.law_version,
                    "reservations": s.reservations.iter().map(|p| p.question_id.clone()).collect::<Vec<_>>(),
                    "rescored": note.map(|t| json!({ "zh": t.zh, "en": t.en })),
                })
            })
            .collect(),
    )
}
