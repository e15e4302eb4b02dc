//! A CNIL example built here from the documented shape imports with every field of the file
//! accounted for in the mapping report: an answer, a risk cell, a note, empty, a link, or not kept
//! with its reason.

use dpodesk_core::api;
use dpodesk_core::assessment::{Answer, Cell};
use dpodesk_core::cnil::Target;
use serde_json::{Value, json};

use crate::cnil::{number, pia_template, rows};
use crate::support::*;

pub(crate) fn cnil_example() -> Value {
    let answer = |id: u64, n: u64, text: Value, gauge: Value, list: Value| {
        json!({ "id": id, "pia_id": 42, "reference_to": n,
                "data": { "text": text, "gauge": gauge, "list": list },
                "created_at": "2025-01-10T09:05:00.000Z", "updated_at": "2025-01-10T09:06:00.000Z" })
    };
    let text = |id: u64, n: u64, body: &str| {
        answer(
            id,
            n,
            json!(format!("<p>{body}</p>")),
            Value::Null,
            json!([]),
        )
    };
    let mut answers = Vec::new();
    for (i, n) in [
        111, 112, 113, 121, 122, 123, 211, 212, 213, 214, 215, 221, 222, 223, 224, 225, 226, 227,
    ]
    .into_iter()
    .enumerate()
    {
        answers.push(text(i as u64 + 1, n, &format!("Answer to {n}")));
    }
    answers.push(answer(
        31,
        321,
        Value::Null,
        Value::Null,
        json!(["Spam", "Phishing"]),
    ));
    answers.push(answer(
        32,
        322,
        Value::Null,
        Value::Null,
        json!(["Stolen laptop"]),
    ));
    answers.push(answer(
        33,
        323,
        Value::Null,
        Value::Null,
        json!(["Careless staff"]),
    ));
    answers.push(answer(
        34,
        324,
        Value::Null,
        Value::Null,
        json!(["Encryption"]),
    ));
    answers.push(answer(
        35,
        325,
        json!("<p>Addresses only.</p>"),
        json!(2),
        json!([]),
    ));
    answers.push(answer(
        36,
        326,
        json!("<p>Laptops travel.</p>"),
        json!(3),
        json!([]),
    ));
    // Risk 3.3 has a severity but no likelihood: no register row, everything kept as notes.
    answers.push(answer(
        37,
        335,
        json!("<p>Integrity matters less.</p>"),
        json!(1),
        json!([]),
    ));
    json!({
        "pia": {
            "id": 42, "name": "Newsletter", "category": "Marketing", "status": 2,
            "author_name": "Ada Author", "evaluator_name": "Eve Evaluator", "validator_name": "Val Validator",
            "dpos_names": "Dee Pio", "dpo_status": 1, "dpo_opinion": "Fine with TLS.",
            "concerned_people_searched_opinion": false,
            "concerned_people_searched_content": "Too costly for a newsletter.",
            "people_names": "Panel of five", "concerned_people_status": 0,
            "concerned_people_opinion": "They disliked tracking pixels.",
            "rejection_reason": "First draft too vague.", "applied_adjustments": "Added measures.",
            "structure_id": 5, "structure_name": "Marketing template", "structure_sector_name": "Retail",
            "structure_data": { "sections": [ { "items": [ { "questions": [ { "id": 111, "title": "sections.1.items.1.questions.1.title" } ] } ] } ] },
            "progress": 80, "is_example": 0, "is_archive": 0, "lock_version": 3,
            "user_pias": [ { "role": "author", "user": { "id": 9, "email": "ada@example.org", "firstname": "Ada", "lastname": "Author" } } ],
            "created_at": "2025-01-10T09:00:00.000Z", "updated_at": "2025-01-12T16:30:00.000Z"
        },
        "answers": answers,
        "measures": [
            { "id": 7, "pia_id": 42, "title": "Encryption", "content": "<p>TLS between app and mailing platform.</p>",
              "placeholder": "measures.default_placeholder", "created_at": "2025-01-11T11:00:00.000Z", "updated_at": null },
            { "id": 8, "pia_id": 42, "title": "Logging", "content": "<p>Access logs kept a year.</p>",
              "placeholder": "", "created_at": "2025-01-11T11:00:00.000Z", "updated_at": null }
        ],
        "evaluations": [
            { "id": 1, "pia_id": 42, "reference_to": "1.1", "status": 1, "global_status": 1,
              "action_plan_comment": "", "evaluation_comment": "<p>Say who the controller is.</p>",
              "gauges": { "x": 0, "y": 0 }, "person_in_charge": null, "evaluation_date": null,
              "estimated_implementation_date": null, "created_at": "2025-01-12T14:00:00.000Z", "updated_at": "2025-01-12T14:10:00.000Z" },
            { "id": 2, "pia_id": 42, "reference_to": "2.1.215", "status": 2, "global_status": 2,
              "action_plan_comment": "<p>Delete inactive subscribers after 3 years.</p>", "evaluation_comment": "",
              "gauges": { "x": 0, "y": 0 }, "person_in_charge": "CRM team", "evaluation_date": "2025-01-12T00:00:00.000Z",
              "estimated_implementation_date": "2025-03-31T00:00:00.000Z",
              "evaluation_infos": "{\"title\":\"x\"}",
              "created_at": "2025-01-12T14:00:00.000Z", "updated_at": "2025-01-12T14:10:00.000Z" },
            { "id": 3, "pia_id": 42, "reference_to": "3.1.7", "status": 3, "global_status": 2,
              "action_plan_comment": "", "evaluation_comment": "<p>Good.</p>",
              "gauges": { "x": 0, "y": 0 }, "person_in_charge": null, "evaluation_date": null,
              "estimated_implementation_date": null, "created_at": "2025-01-12T14:00:00.000Z", "updated_at": "2025-01-12T14:10:00.000Z" },
            { "id": 4, "pia_id": 42, "reference_to": "3.2", "status": 0, "global_status": 0,
              "action_plan_comment": "", "evaluation_comment": "",
              "gauges": { "x": 2, "y": 1 }, "person_in_charge": "IT team", "evaluation_date": null,
              "estimated_implementation_date": null, "created_at": "2025-01-12T14:00:00.000Z", "updated_at": "2025-01-12T14:10:00.000Z" }
        ],
        "comments": [
            { "id": 1, "pia_id": 42, "reference_to": 212, "description": "Is consent really needed?",
              "for_measure": false, "created_at": "2025-01-11T08:00:00.000Z", "updated_at": "2025-01-11T08:00:00.000Z" },
            { "id": 2, "pia_id": 42, "reference_to": "8", "description": "Which log store?",
              "for_measure": true, "created_at": "2025-01-11T08:00:00.000Z", "updated_at": "2025-01-11T08:00:00.000Z",
              "user": { "firstname": "Eve", "lastname": "Evaluator" } }
        ]
    })
}

/// Every leaf of the JSON (an object member that is not itself an object or an array of objects).
fn leaves(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                leaves(child, &child_path, out);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => {
            for (i, item) in items.iter().enumerate() {
                leaves(item, &format!("{path}[{i}]"), out);
            }
        }
        _ => out.push(path.to_owned()),
    }
}

fn covers(source: &str, leaf: &str) -> bool {
    leaf == source
        || leaf
            .strip_prefix(source)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

#[test]
fn a_cnil_example_imports_with_every_field_accounted_for() {
    let example = cnil_example();
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let template = pia_template();
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "Acme Retail".to_owned(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client");
    let imported = api::import_cnil(
        &mut vault,
        ACTOR,
        &template,
        example.to_string().as_bytes(),
        Some(&client.id),
    )
    .expect("import");
    let report = &imported.report;

    let mut all = Vec::new();
    leaves(&example, "", &mut all);
    let unaccounted: Vec<&String> = all
        .iter()
        .filter(|leaf| !report.entries.iter().any(|e| covers(&e.source, leaf)))
        .collect();
    assert!(
        unaccounted.is_empty(),
        "not in the mapping report: {unaccounted:?}"
    );

    let record = &imported.assessment;
    assert_eq!(record.title, "Newsletter");
    assert_eq!(record.client_id.as_deref(), Some(client.id.as_str()));
    assert_eq!(
        record.status.as_str(),
        "draft",
        "a CNIL validation is not a sign-off"
    );
    let answers = api::read_assessment(&vault, &record.id)
        .map(|a| a.answers)
        .expect("answers");
    let text = |q: &str| {
        answers
            .get(q)
            .and_then(Answer::as_text)
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(text("pia04_context"), "Answer to 111");
    assert_eq!(text("pia04_lifecycle"), "Answer to 122");
    assert_eq!(text("pia03_assessors"), "Ada Author");
    // The CNIL validator is not a DPO Desk signatory: the name is kept, not signed.
    assert_eq!(text("pia15_signatory"), "");
    assert!(imported.notes["pia15_signatory"].contains("Val Validator"));
    assert_eq!(text("pia01_regime"), "eu");
    assert_eq!(text("pia03_dpo_opinion"), "favourable");
    assert_eq!(text("pia03_dpo_opinion_text"), "Fine with TLS.");
    assert_eq!(text("pia03_dpo_exists"), "yes");
    assert_eq!(text("pia14_views_sought"), "not_appropriate");
    assert_eq!(text("pia14_summary"), "They disliked tracking pixels.");

    let risks = rows(&answers, "pia10_risks");
    assert_eq!(risks.len(), 1, "3.3 has no likelihood, so no row");
    let row = &risks[0];
    assert_eq!(
        row.get("title"),
        Some(&Cell::Text("Stolen laptop".to_owned()))
    );
    assert_eq!(
        row.get("category"),
        Some(&Cell::Text("illegitimate_access".to_owned()))
    );
    assert_eq!(row.get("impact"), Some(&number(2.0)));
    assert_eq!(row.get("likelihood"), Some(&number(3.0)));
    assert_eq!(
        row.get("measures"),
        Some(&Cell::Text("Encryption".to_owned()))
    );
    assert_eq!(row.get("residual_impact"), Some(&number(2.0)));
    assert_eq!(row.get("residual_likelihood"), Some(&number(1.0)));
    assert_eq!(row.get("owner"), Some(&Cell::Text("IT team".to_owned())));
    // The CNIL action plan is the tool's: planned (not "fix now"), kept with the CNIL record
    // for the report, and as a note on the question it is about; our treatment plan stays empty.
    assert!(!answers.contains_key("pia12_plan"));
    // Content without a question of its own is kept word for word, as a note where it belongs.
    let note = |q: &str| imported.notes.get(q).cloned().unwrap_or_default();
    for (question, words) in [
        ("pia04_context", "Answer to 112"),
        ("pia04_context", "Answer to 113"),
        ("pia04_context", "Marketing"),
        ("pia04_context", "Say who the controller is."),
        ("pia04_lifecycle", "Answer to 121"),
        ("pia05_proportionate", "Answer to 215"),
        ("pia05_proportionate", "Is consent really needed?"),
        (
            "pia05_proportionate",
            "action plan / 行动计划:\nDelete inactive subscribers after 3 years.",
        ),
        ("pia05_proportionate", "person in charge / 负责人: CRM team"),
        ("pia05_rights_requests", "Answer to 224"),
        ("pia04_processors_assessed", "Answer to 226"),
        ("pia04_transfers_covered", "Answer to 227"),
        ("pia03_assessors", "Eve Evaluator"),
        ("pia03_assessors", "author: Ada Author <ada@example.org>"),
        ("pia03_dpo_opinion_text", "Dee Pio"),
        ("pia14_views_sought", "Too costly for a newsletter."),
        ("pia14_summary", "Panel of five"),
        ("pia15_signatory", "2 validated"),
        ("pia15_signatory", "First draft too vague."),
        ("pia15_signatory", "Added measures."),
        ("pia10_risks", "Spam; Phishing"),
        ("pia10_risks", "Careless staff"),
        ("pia10_risks", "Laptops travel."),
        ("pia10_risks", "Integrity matters less."),
        ("pia10_risks", "Access logs kept a year."),
        ("pia10_risks", "Which log store?"),
        ("pia10_risks", "Good."),
    ] {
        assert!(
            note(question).contains(words),
            "{words:?} not in the note on {question}: {:?}",
            note(question)
        );
    }
    // The notes are stored with the answers, in the vault.
    let conn = raw_connection(&path, PASSPHRASE);
    let stored: String = conn
        .query_row(
            "SELECT note FROM answers WHERE assessment_id = ?1 AND question_id = 'pia05_proportionate'",
            [&record.id],
            |r| r.get(0),
        )
        .expect("note row");
    assert!(stored.contains("Answer to 211"));
    assert_eq!(
        report.target_of("pia.structure_data"),
        Some(&Target::Ignored(
            dpodesk_core::cnil::Ignored::TemplateDefinition
        ))
    );
    let lines = report.lines(dpodesk_core::Lang::En).join("\n");
    assert!(
        lines.contains("answers[0].data.text → pia04_context"),
        "{lines}"
    );
}
