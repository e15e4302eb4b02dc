//! Each dirty input the CNIL format is known for is accepted and noted; malformed files are
//! refused with the field named and nothing written.

use dpodesk_core::api;
use dpodesk_core::assessment::{Answer, Answers};
use dpodesk_core::cnil::{CnilProblem, Fix};
use dpodesk_core::error::{Error, ErrorKind};
use serde_json::{Value, json};

use crate::cnil::{number, pia_template, rows};
use crate::support::*;

/// Imports `file` into a fresh vault; returns its folder, the answers, the repairs and the title.
fn import_json(file: &[u8]) -> (tempfile::TempDir, Answers, Vec<Fix>, String) {
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let imported =
        api::import_cnil(&mut vault, ACTOR, &pia_template(), file, None).expect("import");
    let answers = api::read_assessment(&vault, &imported.assessment.id)
        .map(|a| a.answers)
        .expect("answers");
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
    let imported = api::import_cnil(
        &mut vault,
        ACTOR,
        &pia_template(),
        old.to_string().as_bytes(),
        None,
    )
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
    let imported = api::import_cnil(
        &mut vault,
        ACTOR,
        &pia_template(),
        messy.to_string().as_bytes(),
        None,
    )
    .expect("import");
    let answers = api::read_assessment(&vault, &imported.assessment.id)
        .map(|a| a.answers)
        .expect("answers");
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
    let audit_before = api::verify_audit(&vault).expect("audit").count;
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
        match api::import_cnil(&mut vault, ACTOR, &template, &bytes, None) {
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
        api::assessment_summaries(&vault, None)
            .expect("list")
            .is_empty(),
        "no assessment was created"
    );
    assert_eq!(
        api::verify_audit(&vault).expect("audit").count,
        audit_before,
        "nothing was audited"
    );
    let conn = raw_connection(&path, PASSPHRASE);
    let answers: i64 = conn
        .query_row("SELECT count(*) FROM answers", [], |r| r.get(0))
        .expect("count");
    assert_eq!(answers, 0);
}
