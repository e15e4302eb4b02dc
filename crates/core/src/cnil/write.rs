//! A parsed CNIL PIA back to the CNIL file, in the shape today's tool writes: the one writer
//! behind both the record an import keeps and the file an export gives. What the reader keeps,
//! this writes, so reading the result gives the same PIA (`tests/it/cnil_roundtrip.rs` checks it
//! field by field). Source ids are renumbered except the measures', which evaluations and
//! comments refer to.

use serde_json::{Map, Value, json};

use super::model::{CnilAnswer, CnilPia, Comment, Evaluation, Header, Measure, Src};

/// The CNIL file for `pia`.
pub fn document(pia: &CnilPia) -> Value {
    // Record times are not kept on import; the tool's own files carry them, so each record gets
    // the PIA's last change (or null).
    let at = text(&pia.header.updated_at);
    // A comment's own date is content (who wrote what when), so only its change time is stamped.
    let stamp = |mut record: Value, keys: &[&str]| {
        for key in keys {
            if record.get(*key).is_none_or(Value::is_null) {
                record[*key] = at.clone();
            }
        }
        record
    };
    let both = ["created_at", "updated_at"];
    let stamped = |record: Value| stamp(record, &both);
    json!({
        "pia": header(&pia.header),
        "answers": pia.answers.iter().enumerate().map(|(i, a)| stamped(answer(i, a))).collect::<Vec<_>>(),
        "measures": pia.measures.iter().enumerate().map(|(i, m)| stamped(measure(i, m))).collect::<Vec<_>>(),
        "evaluations": pia.evaluations.iter().enumerate().map(|(i, e)| stamped(evaluation(i, e))).collect::<Vec<_>>(),
        "comments": pia.comments.iter().enumerate().map(|(i, c)| stamp(comment(i, c), &["updated_at"])).collect::<Vec<_>>(),
    })
}

fn text(value: &Option<Src<String>>) -> Value {
    value
        .as_ref()
        .map_or(Value::Null, |s| Value::String(s.value.clone()))
}

fn small(value: &Option<Src<u8>>) -> Value {
    value.as_ref().map_or(Value::Null, |s| json!(s.value))
}

/// A number where the text is one (the tool's ids are numbers), else the text.
fn number_or_text(value: &str) -> Value {
    value
        .parse::<u64>()
        .map_or_else(|_| Value::String(value.to_owned()), |n| json!(n))
}

fn header(h: &Header) -> Value {
    let mut pia = Map::new();
    let mut put = |key: &str, value: Value| {
        pia.insert(key.to_owned(), value);
    };
    put("id", json!(1));
    put("name", json!(h.name.value));
    put("category", text(&h.category));
    put(
        "status",
        h.status.as_ref().map_or(json!(0), |s| json!(s.value)),
    );
    put("author_name", text(&h.author_name));
    put("evaluator_name", text(&h.evaluator_name));
    put("validator_name", text(&h.validator_name));
    put("dpos_names", text(&h.dpos_names));
    put("dpo_status", small(&h.dpo_status));
    put("dpo_opinion", text(&h.dpo_opinion));
    put(
        "concerned_people_searched_opinion",
        h.people_searched
            .as_ref()
            .map_or(Value::Null, |s| json!(s.value)),
    );
    put(
        "concerned_people_searched_content",
        text(&h.people_searched_content),
    );
    put("people_names", text(&h.people_names));
    put("concerned_people_status", small(&h.people_status));
    put("concerned_people_opinion", text(&h.people_opinion));
    put("rejection_reason", text(&h.rejection_reason));
    put("applied_adjustments", text(&h.applied_adjustments));
    put("created_at", text(&h.created_at));
    put("updated_at", text(&h.updated_at));
    put("structure_name", text(&h.structure_name));
    put("structure_sector_name", text(&h.structure_sector));
    if h.structure_questions.is_empty() {
        put("structure_id", Value::Null);
        put("structure_data", Value::Null);
    } else {
        // Only the question titles are kept: they are what labels a custom question's answer.
        let questions: Vec<Value> = h
            .structure_questions
            .iter()
            .map(|(id, title)| json!({ "id": id, "title": title }))
            .collect();
        put("structure_id", json!(1));
        put(
            "structure_data",
            json!({ "sections": [{ "items": [{ "questions": questions }] }] }),
        );
    }
    if !h.users.is_empty() {
        put(
            "user_pias",
            Value::Array(h.users.iter().map(|u| user(&u.value)).collect()),
        );
    }
    Value::Object(pia)
}

/// A user as the reader shows it ("role: First Last <email>") back to `{role, user}`.
fn user(shown: &str) -> Value {
    let (role, who) = shown.split_once(": ").unwrap_or((shown, ""));
    let (name, email) = match who
        .rsplit_once(" <")
        .or_else(|| who.starts_with('<').then_some(("", &who[1..])))
    {
        Some((name, rest)) if rest.ends_with('>') => (name, Some(&rest[..rest.len() - 1])),
        _ => (who, None),
    };
    let mut person = Map::new();
    if !name.is_empty() {
        person.insert("firstname".to_owned(), json!(name));
    }
    if let Some(email) = email {
        person.insert("email".to_owned(), json!(email));
    }
    json!({ "role": role, "user": person })
}

fn answer(i: usize, a: &CnilAnswer) -> Value {
    json!({
        "id": i + 1,
        "reference_to": a.question,
        "data": {
            "text": text(&a.text),
            "gauge": a.gauge.as_ref().map_or(Value::Null, |g| json!(g.value)),
            "list": a.list.as_ref().map_or_else(Vec::new, |l| l.value.clone()),
        },
        "updated_at": a.updated_at,
    })
}

fn measure(i: usize, m: &Measure) -> Value {
    json!({
        "id": m.id.as_deref().map_or_else(|| json!(1000 + i), number_or_text),
        "title": text(&m.title),
        "content": text(&m.content),
        "placeholder": "measures.default_placeholder",
    })
}

fn evaluation(i: usize, e: &Evaluation) -> Value {
    let gauge = |g: &Option<Src<u8>>| g.as_ref().map_or(0, |g| g.value);
    json!({
        "id": i + 1,
        "reference_to": e.reference.value,
        "status": e.status.as_ref().map_or(0, |s| s.value),
        "global_status": e.global_status.as_ref().map_or(0, |s| s.value),
        "action_plan_comment": text(&e.action_plan),
        "evaluation_comment": text(&e.comment),
        "gauges": { "x": gauge(&e.residual_severity), "y": gauge(&e.residual_likelihood) },
        "estimated_implementation_date": text(&e.implementation_date),
        "person_in_charge": text(&e.person_in_charge),
        "evaluation_date": text(&e.evaluation_date),
    })
}

fn comment(i: usize, c: &Comment) -> Value {
    let mut out = json!({
        "id": i + 1,
        "reference_to": c.reference.as_deref().map_or(Value::Null, number_or_text),
        "description": text(&c.description),
        "for_measure": c.for_measure.as_ref().map_or(Value::Null, |f| json!(f.value)),
        "created_at": text(&c.created_at),
    });
    if let Some(author) = &c.author {
        out["user"] = json!(author.value);
    }
    out
}
