//! The CNIL PIA interchange end to end: a DPO Desk PIA exported to the CNIL tool's JSON and read
//! back gives the same answers and risks (what the CNIL model cannot hold is in the loss report);
//! a CNIL example built here from the documented shape imports with every field accounted for;
//! each dirty input the format is known for is accepted; malformed files are refused with the
//! field named and nothing written; and the CLI doors `import cnil` / `export cnil`.

use std::path::Path;

use dpodesk_core::Vault;
use dpodesk_core::assessment::{Answer, Answers, Cell, Row, parse_answers};
use dpodesk_core::cnil::{CnilProblem, Fix, LossReason, Target};
use dpodesk_core::error::{Error, ErrorKind};
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Template};
use dpodesk_core::vault::NewAssessment;
use serde_json::{Value, json};

use crate::cli::{dpodesk, stderr, stdout};
use crate::support::*;

fn pia_template() -> Template {
    let law = LawRegister::bundled().expect("law");
    template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == "pia")
        .expect("pia template")
}

/// A PIA in a fresh vault, answered from an answers file.
fn answered_pia(vault: &mut Vault, template: &Template, answers_toml: &str) -> String {
    let record = vault
        .create_assessment(
            ACTOR,
            template,
            NewAssessment {
                title: "Loyalty club via WeCom".to_owned(),
                ..NewAssessment::default()
            },
        )
        .expect("create");
    let answers = parse_answers("answers.toml", answers_toml, template).expect("answers");
    vault
        .save_answers(ACTOR, &record.id, &answers)
        .expect("save");
    record.id
}

const LOYALTY: &str = r#"
pia01_regime = "both"
pia01_scale = 250000
pia03_assessors = "Compliance, IT security, marketing"
pia03_dpo_exists = "yes"
pia03_dpo_advice = "yes"
pia03_dpo_opinion = "favourable"
pia03_dpo_opinion_text = "Go ahead once export caps are live.\n\nReview in six months."
pia04_context = "Loyalty members are added to WeCom groups & receive offers <monthly>.\n\nSecond paragraph: données, 数据。"
pia04_lifecycle = "Collected at the till\nStored in the SCRM (encrypted)\nDeleted after 24 months"
pia14_views_sought = "yes"
pia14_summary = "Members asked for fewer messages."
pia15_signatory = "Head of legal"

[[pia10_risks]]
title = "CRM account taken over and member data accessed"
category = "illegitimate_access"
impact = 3
likelihood = 2
measures = "MFA, least privilege; access alerts"
residual_impact = 2
residual_likelihood = 1
owner = "IT security"

[[pia10_risks]]
title = "Unwanted modification of data"
category = "unwanted_modification"
impact = 2
likelihood = 1

[[pia10_risks]]
title = "Suppression list lost"
category = "disappearance"
impact_rights = 2
impact_property = 3
likelihood = 2
measures = "Backups and restore tests"
residual_likelihood = 1

[[pia10_risks]]
title = "Broadcasts cause complaints"
category = "harassment_complaints"
impact = 2
likelihood = 3

[[pia12_plan]]
risk = "Broadcasts cause complaints"
decision = "fix_now"
"#;

fn rows(answers: &Answers, question: &str) -> Vec<Row> {
    answers
        .get(question)
        .and_then(Answer::as_rows)
        .map(<[Row]>::to_vec)
        .unwrap_or_default()
}

fn number(n: f64) -> Cell {
    Cell::Number(n)
}

#[test]
fn a_dpo_desk_pia_survives_the_cnil_round_trip() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let template = pia_template();
    let original_id = answered_pia(&mut vault, &template, LOYALTY);
    let original = vault.answers(&original_id).expect("answers");

    let export = vault.export_cnil(ACTOR, &original_id).expect("export");
    let file: Value = serde_json::from_str(&export.json).expect("JSON");
    assert_eq!(file["pia"]["name"], "Loyalty club via WeCom");
    assert_eq!(file["pia"]["dpo_status"], 1);
    assert_eq!(file["pia"]["status"], 0);
    let answer = |id: u64| {
        file["answers"]
            .as_array()
            .and_then(|a| a.iter().find(|r| r["reference_to"] == id))
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        answer(111)["data"]["text"],
        "<p>Loyalty members are added to WeCom groups &amp; receive offers &lt;monthly&gt;.</p>\
         <p>Second paragraph: données, 数据。</p>"
    );
    assert_eq!(answer(325)["data"]["gauge"], 3);
    assert_eq!(answer(345)["data"]["gauge"], 3, "highest GB/T dimension");
    assert_eq!(
        answer(324)["data"]["list"],
        json!(["MFA, least privilege; access alerts"])
    );
    let evaluation_32 = file["evaluations"]
        .as_array()
        .and_then(|e| e.iter().find(|r| r["reference_to"] == "3.2"))
        .expect("evaluation 3.2");
    assert_eq!(evaluation_32["gauges"], json!({"x": 2, "y": 1}));
    assert_eq!(evaluation_32["person_in_charge"], "IT security");

    let imported = vault
        .import_cnil(ACTOR, &template, export.json.as_bytes(), None)
        .expect("import");
    assert_eq!(imported.assessment.title, "Loyalty club via WeCom");
    // A clean round trip adds only two notes: the CNIL file's dates, and the GB/T dimensions
    // the export wrote into the severity's justification.
    let noted: Vec<&str> = imported.notes.keys().map(String::as_str).collect();
    assert_eq!(noted, ["pia04_context", "pia10_risks"]);
    assert!(imported.notes["pia04_context"].contains("Dates of the CNIL PIA"));
    assert!(
        imported.notes["pia10_risks"]
            .contains("limits on self-determination 2, harm to person or property 3")
    );
    let back = vault.answers(&imported.assessment.id).expect("answers");

    // Every answer comes back unchanged, or the loss report says why not.
    for (question, answer) in &original {
        if back.get(question) != Some(answer) {
            assert!(
                export.loss.mentions(question),
                "{question} changed without a loss line: {answer:?} → {:?}",
                back.get(question)
            );
        }
    }
    for question in [
        "pia03_assessors",
        "pia03_dpo_exists",
        "pia03_dpo_advice",
        "pia03_dpo_opinion",
        "pia03_dpo_opinion_text",
        "pia04_context",
        "pia04_lifecycle",
        "pia14_views_sought",
        "pia14_summary",
        "pia15_signatory",
    ] {
        assert_eq!(back.get(question), original.get(question), "{question}");
    }
    // The three CNIL risks come back; the GB/T dimensions fold into the severity.
    let before = rows(&original, "pia10_risks");
    let after = rows(&back, "pia10_risks");
    assert_eq!(after.len(), 3);
    assert_eq!(after[0], before[0]);
    assert_eq!(after[1], before[1]);
    let mut folded = before[2].clone();
    folded.remove("impact_rights");
    folded.remove("impact_property");
    folded.insert("impact".to_owned(), number(3.0));
    assert_eq!(after[2], folded);
    // The same positions on the matrix, so the same risk findings.
    let risks_before = vault.outcome(&original_id).expect("outcome").risks;
    let risks_after = vault
        .outcome(&imported.assessment.id)
        .expect("outcome")
        .risks;
    assert_eq!(risks_after.len(), 3);
    for (b, a) in risks_before.iter().zip(&risks_after) {
        assert_eq!(
            (&b.title, &b.inherent, &b.residual),
            (&a.title, &a.inherent, &a.residual)
        );
    }
    // What stayed behind is named.
    let reasons: Vec<(&str, &LossReason)> = export
        .loss
        .items
        .iter()
        .map(|l| (l.subject.as_str(), &l.reason))
        .collect();
    assert!(reasons.contains(&(
        "pia10_risks row 4",
        &LossReason::ExtraRisk {
            title: "Broadcasts cause complaints".to_owned()
        }
    )));
    assert!(reasons.contains(&(
        "pia10_risks row 3",
        &LossReason::GbtDimensions { highest: 3 }
    )));
    assert!(reasons.contains(&("pia01_regime", &LossReason::NoCnilField)));
    assert!(reasons.contains(&("pia01_scale", &LossReason::NoCnilField)));
    assert!(reasons.contains(&("pia12_plan", &LossReason::NoCnilField)));
    assert!(
        !export.loss.mentions("pia04_context") && !export.loss.mentions("pia14_summary"),
        "held answers are not reported lost: {:?}",
        export.loss.items
    );
    let lines = export.loss.lines(dpodesk_core::Lang::Zh).join("\n");
    assert!(lines.contains("CNIL 模型只有三项固定风险"), "{lines}");
    // Both steps are in the audit log, and the chain holds.
    let head = vault.verify_audit().expect("audit");
    assert!(head.count >= 4);
}

#[test]
fn a_scenario_pia_round_trips_within_its_loss_report() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/scenarios/pia/04-fertility-clinic-residual-severe.toml"),
    )
    .expect("fixture");
    let table: toml::Table = toml::from_str(&text).expect("TOML");
    let answers = toml::to_string(&table["answers"]).expect("answers");
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let template = pia_template();
    let id = answered_pia(&mut vault, &template, &answers);
    let original = vault.answers(&id).expect("answers");
    let export = vault.export_cnil(ACTOR, &id).expect("export");
    let imported = vault
        .import_cnil(ACTOR, &template, export.json.as_bytes(), None)
        .expect("import");
    let back = vault.answers(&imported.assessment.id).expect("answers");
    let mut unchanged = 0;
    for (question, answer) in &original {
        if back.get(question) == Some(answer) {
            unchanged += 1;
        } else {
            assert!(export.loss.mentions(question), "{question} lost silently");
        }
    }
    assert!(unchanged >= 8, "only {unchanged} answers came back");
    // The leak risk keeps its severe residual position (impact 4 × likelihood 3).
    let risks = vault
        .outcome(&imported.assessment.id)
        .expect("outcome")
        .risks;
    assert_eq!(risks.len(), 1);
    let original_risks = vault.outcome(&id).expect("outcome").risks;
    assert_eq!(risks[0].residual, original_risks[0].residual);
    assert_eq!(risks[0].inherent, original_risks[0].inherent);
    assert!(
        export.loss.mentions("pia10_risks row 2"),
        "the 'other' risk is reported"
    );
}

/// A CNIL PIA as the tool exports it, with every documented field in use.
fn cnil_example() -> Value {
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
            { "id": 2, "pia_id": 42, "reference_to": "2.1.5", "status": 2, "global_status": 2,
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
    let client = vault
        .add_client(
            ACTOR,
            &dpodesk_core::vault::NewClient {
                name: "Acme Retail".to_owned(),
                ..Default::default()
            },
        )
        .expect("client");
    let imported = vault
        .import_cnil(
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
    let answers = vault.answers(&record.id).expect("answers");
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
    assert_eq!(text("pia15_signatory"), "Val Validator");
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
    let plan = rows(&answers, "pia12_plan");
    assert_eq!(plan.len(), 1);
    assert_eq!(
        plan[0].get("risk"),
        Some(&Cell::Text(
            "2.1.5 Storage duration: Delete inactive subscribers after 3 years.".to_owned()
        ))
    );
    assert_eq!(
        plan[0].get("decision"),
        Some(&Cell::Text("fix_by_deadline".to_owned()))
    );
    assert_eq!(
        plan[0].get("deadline"),
        Some(&Cell::Text("2025-03-31".to_owned()))
    );
    assert_eq!(
        plan[0].get("owner"),
        Some(&Cell::Text("CRM team".to_owned()))
    );

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

/// Imports `file` into a fresh vault; returns its folder, the answers, the repairs and the title.
fn import_json(file: &[u8]) -> (tempfile::TempDir, Answers, Vec<Fix>, String) {
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let imported = vault
        .import_cnil(ACTOR, &pia_template(), file, None)
        .expect("import");
    let answers = vault.answers(&imported.assessment.id).expect("answers");
    (
        dir,
        answers,
        imported.report.fixes,
        imported.assessment.title,
    )
}

fn risk_file(gauge: Value) -> Value {
    json!({
        "pia": { "name": "Gauges" },
        "answers": [
            { "reference_to": 326, "data": { "text": null, "gauge": gauge, "list": [] } },
            { "reference_to": 325, "data": { "text": "", "gauge": "", "list": [] } }
        ],
        "measures": [], "evaluations": [], "comments": []
    })
}

#[test]
fn dirty_inputs_are_accepted() {
    // A byte-order mark.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(json!({"pia": {"name": "BOM"}, "answers": [], "measures": [], "evaluations": [], "comments": []}).to_string().bytes());
    let (_d, _, fixes, title) = import_json(&bom);
    assert_eq!(title, "BOM");
    assert!(fixes.contains(&Fix::Bom));

    // A saved revision: the document as a JSON string in `export`.
    let inner = json!({"pia": {"name": "Revised"}, "answers": [{"reference_to": 111, "data": {"text": "<p>From a revision</p>", "gauge": null, "list": []}}], "measures": [], "evaluations": [], "comments": []});
    let wrapper = json!({"id": 3, "pia_id": 42, "created_at": "2025-02-01T10:00:00.000Z", "export": inner.to_string()});
    let (_d, answers, fixes, title) = import_json(wrapper.to_string().as_bytes());
    assert_eq!(title, "Revised");
    assert_eq!(
        answers.get("pia04_context").and_then(Answer::as_text),
        Some("From a revision")
    );
    assert!(fixes.contains(&Fix::RevisionWrapper));

    // Gauges as strings ("3"), and "" for none.
    let (_d, answers, fixes, _) = import_json(risk_file(json!("3")).to_string().as_bytes());
    let row = rows(&answers, "pia10_risks").pop().expect("row");
    assert_eq!(row.get("likelihood"), Some(&number(3.0)));
    assert_eq!(row.get("impact"), None, "\"\" is not set");
    assert!(fixes.contains(&Fix::NumberAsText {
        path: "answers[0].data.gauge".to_owned()
    }));

    // The old misspelled field names.
    let old = json!({"pia": {"name": "Old", "status": 1, "rejected_reason": "Too thin", "applied_adjustements": "Added a risk"},
        "answers": [], "measures": [], "evaluations": [], "comments": []});
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let imported = vault
        .import_cnil(ACTOR, &pia_template(), old.to_string().as_bytes(), None)
        .expect("import");
    let note = imported
        .notes
        .get("pia15_signatory")
        .cloned()
        .unwrap_or_default();
    assert!(
        note.contains("Too thin") && note.contains("Added a risk"),
        "{note}"
    );
    assert!(imported.report.fixes.contains(&Fix::OldSpelling {
        path: "pia.rejected_reason".to_owned(),
        current: "rejection_reason"
    }));
    assert!(imported.report.fixes.contains(&Fix::OldSpelling {
        path: "pia.applied_adjustements".to_owned(),
        current: "applied_adjustments"
    }));
    drop(vault);
    drop(dir);

    // Double-encoded UTF-8 (é saved as Ã©).
    let mojibake = json!({"pia": {"name": "Donn\u{c3}\u{a9}es clients"},
        "answers": [{"reference_to": 111, "data": {"text": "<p>Traitement des donn\u{c3}\u{a9}es \u{e2}\u{20ac}\u{2122}ok</p>", "gauge": null, "list": []}}],
        "measures": [], "evaluations": [], "comments": []});
    let (_d, answers, fixes, title) = import_json(mojibake.to_string().as_bytes());
    assert_eq!(title, "Données clients");
    assert_eq!(
        answers.get("pia04_context").and_then(Answer::as_text),
        Some("Traitement des données ’ok")
    );
    assert!(fixes.contains(&Fix::DoubleEncoded {
        path: "pia.name".to_owned()
    }));

    // Missing arrays, a question id as a string, duplicate answers (the most recent wins), and
    // an evaluation of a measure that is not there.
    let messy = json!({"pia": {"name": "Messy"},
        "answers": [
            {"reference_to": "111", "data": {"text": "<p>Old text</p>"}, "updated_at": "2025-01-01T00:00:00.000Z"},
            {"reference_to": 111, "data": {"text": "<p>New text</p>"}, "updated_at": "2025-02-01T00:00:00.000Z"}
        ],
        "evaluations": [{"reference_to": "3.1.[object Object]", "status": 1, "evaluation_comment": "<p>Orphan</p>"}]});
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let imported = vault
        .import_cnil(ACTOR, &pia_template(), messy.to_string().as_bytes(), None)
        .expect("import");
    let answers = vault.answers(&imported.assessment.id).expect("answers");
    assert_eq!(
        answers.get("pia04_context").and_then(Answer::as_text),
        Some("New text")
    );
    let notes = imported
        .notes
        .values()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        notes.contains("Old text") && notes.contains("Orphan"),
        "{notes}"
    );
    let fixes = &imported.report.fixes;
    assert!(fixes.contains(&Fix::MissingArray { key: "measures" }));
    assert!(fixes.contains(&Fix::MissingArray { key: "comments" }));
    assert!(fixes.contains(&Fix::NumberAsText {
        path: "answers[0].reference_to".to_owned()
    }));
    assert!(
        fixes
            .iter()
            .any(|f| matches!(f, Fix::DuplicateAnswer { path, .. } if path == "answers[0]"))
    );
    assert!(fixes.contains(&Fix::UnresolvedReference {
        path: "evaluations[0].reference_to".to_owned()
    }));
    drop(dir);
}

#[test]
fn malformed_inputs_are_refused_with_the_field_named_and_nothing_written() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let template = pia_template();
    let audit_before = vault.verify_audit().expect("audit").count;
    let good = json!({"pia": {"name": "x"}, "answers": [], "measures": [], "evaluations": [], "comments": []});
    let with = |pointer: &str, value: Value| {
        let mut doc = good.clone();
        let mut target = &mut doc;
        let parts: Vec<&str> = pointer.split('/').collect();
        for part in &parts[..parts.len() - 1] {
            target = &mut target[*part];
        }
        target[parts[parts.len() - 1]] = value;
        doc.to_string().into_bytes()
    };
    let full = good.to_string();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "$"),
        ("truncated", full.as_bytes()[..full.len() / 2].to_vec(), "$"),
        ("not JSON", b"pia: name".to_vec(), "$"),
        (
            "not UTF-8",
            b"{\"pia\": {\"name\": \"\xff\"}}".to_vec(),
            "$",
        ),
        ("no pia", br#"{"answers": []}"#.to_vec(), "pia"),
        (
            "template export",
            br#"{"structure": {"id": 1}}"#.to_vec(),
            "$",
        ),
        ("server list", br#"[{"pia": {"name": "x"}}]"#.to_vec(), "$"),
        ("no name", with("pia/name", Value::Null), "pia.name"),
        ("name a number", with("pia/name", json!(5)), "pia.name"),
        ("answers an object", with("answers", json!({})), "answers"),
        (
            "gauge out of range",
            with(
                "answers",
                json!([{"reference_to": 325, "data": {"gauge": 5}}]),
            ),
            "answers[0].data.gauge",
        ),
        (
            "gauge a word",
            with(
                "answers",
                json!([{"reference_to": 325, "data": {"gauge": "high"}}]),
            ),
            "answers[0].data.gauge",
        ),
        (
            "question id a word",
            with("answers", json!([{"reference_to": "abc", "data": {}}])),
            "answers[0].reference_to",
        ),
        (
            "list of objects",
            with(
                "answers",
                json!([{"reference_to": 321, "data": {"list": [{}]}}]),
            ),
            "answers[0].data.list[0]",
        ),
        (
            "evaluation status",
            with("evaluations", json!([{"reference_to": "3.2", "status": 7}])),
            "evaluations[0].status",
        ),
        (
            "residual gauge",
            with(
                "evaluations",
                json!([{"reference_to": "3.2", "gauges": {"x": 9, "y": 1}}]),
            ),
            "evaluations[0].gauges.x",
        ),
        (
            "dpo status",
            with("pia/dpo_status", json!(3)),
            "pia.dpo_status",
        ),
        (
            "revision not JSON",
            br#"{"id": 1, "export": "{\"pia\": "}"#.to_vec(),
            "export",
        ),
    ];
    for (what, bytes, field) in cases {
        match vault.import_cnil(ACTOR, &template, &bytes, None) {
            Err(Error::InvalidCnil {
                field: named,
                problem,
            }) => {
                assert_eq!(
                    named,
                    field,
                    "{what}: {}",
                    problem.message(dpodesk_core::Lang::En)
                );
                let expected = match what {
                    "empty" => Some(CnilProblem::Empty),
                    "truncated" => Some(CnilProblem::Truncated),
                    "no pia" => Some(CnilProblem::NotAPia),
                    "template export" => Some(CnilProblem::TemplateExport),
                    "server list" => Some(CnilProblem::ServerList),
                    "gauge out of range" => Some(CnilProblem::Gauge {
                        value: "5".to_owned(),
                    }),
                    _ => None,
                };
                if let Some(expected) = expected {
                    assert_eq!(problem, expected, "{what}");
                }
                let error = Error::InvalidCnil {
                    field: named,
                    problem,
                };
                assert_eq!(error.kind(), ErrorKind::InvalidCnil);
                assert!(error.to_string().contains("nothing was imported"), "{what}");
                assert!(
                    error
                        .message(dpodesk_core::Lang::Zh)
                        .contains("未导入任何内容"),
                    "{what}"
                );
            }
            other => panic!("{what}: expected InvalidCnil at {field}, got {other:?}"),
        }
    }
    assert!(
        vault.assessments().expect("list").is_empty(),
        "no assessment was created"
    );
    assert_eq!(
        vault.verify_audit().expect("audit").count,
        audit_before,
        "nothing was audited"
    );
    let conn = raw_connection(&path, PASSPHRASE);
    let answers: i64 = conn
        .query_row("SELECT count(*) FROM answers", [], |r| r.get(0))
        .expect("count");
    assert_eq!(answers, 0);
}

#[test]
fn the_cli_imports_and_exports_cnil_files() {
    let (dir, vault) = vault_path();
    let ok = |args: &[&str]| {
        let output = dpodesk(&vault, Some(PASSPHRASE), args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        output
    };
    ok(&["vault", "init"]);
    ok(&["client", "add", "--name", "Acme Retail"]);
    let file = dir.path().join("pia-newsletter.json");
    std::fs::write(&file, cnil_example().to_string()).expect("write example");
    let output = ok(&[
        "import",
        "cnil",
        file.to_str().expect("path"),
        "--client",
        "Acme Retail",
    ]);
    let id = stdout(&output).trim().to_owned();
    assert_eq!(id.len(), 36, "prints the new id: {id}");
    let report = stderr(&output);
    assert!(report.contains("CNIL import:"), "{report}");
    assert!(
        report.contains("answers[0].data.text → pia04_context"),
        "{report}"
    );
    assert!(report.contains("note on pia05_proportionate"), "{report}");

    let list: Value =
        serde_json::from_str(stdout(&ok(&["assess", "list", "--json"])).trim()).expect("JSON");
    assert_eq!(list["format"], 2);
    assert_eq!(list["items"][0]["id"], id.as_str());
    assert_eq!(list["items"][0]["kind"], "pia");
    assert_eq!(list["items"][0]["title"], "Newsletter");

    let out = dir.path().join("back.json");
    let output = ok(&["export", "cnil", &id, "--out", out.to_str().expect("path")]);
    let loss = stderr(&output);
    assert!(loss.contains("CNIL export:"), "{loss}");
    let exported: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("JSON");
    assert_eq!(exported["pia"]["name"], "Newsletter");
    assert_eq!(exported["pia"]["author_name"], "Ada Author");
    assert!(
        exported["comments"]
            .as_array()
            .is_some_and(|c| !c.is_empty()),
        "notes go back as comments"
    );

    // An existing file is not replaced without --force.
    let again = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["export", "cnil", &id, "--out", out.to_str().expect("path")],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    ok(&[
        "export",
        "cnil",
        &id,
        "--out",
        out.to_str().expect("path"),
        "--force",
    ]);

    // A malformed file: exit 1, the field named, nothing imported.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"pia": {"name": "x"}, "answers": [{"reference_to": 325, "data": {"gauge": 9}}]}"#,
    )
    .expect("write");
    let refused = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["import", "cnil", bad.to_str().expect("path")],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("answers[0].data.gauge"),
        "{}",
        stderr(&refused)
    );
    assert!(stdout(&refused).is_empty());
    let list: Value =
        serde_json::from_str(stdout(&ok(&["assess", "list", "--json"])).trim()).expect("JSON");
    assert_eq!(
        list["items"].as_array().map(Vec::len),
        Some(1),
        "still one assessment"
    );
}
