//! The reader on small files: a minimal one, refusals that name the field, dirty inputs.

use super::*;
use crate::error::{Error, ErrorKind};

fn problem(bytes: &[u8]) -> (String, CnilProblem) {
    match parse(bytes) {
        Err(Error::InvalidCnil { field, problem }) => (field, problem),
        other => panic!("expected InvalidCnil, got {other:?}"),
    }
}

const MINIMAL: &str = r#"{"pia": {"name": "Newsletter"}, "answers": [], "measures": [],
    "evaluations": [], "comments": []}"#;

#[test]
fn a_minimal_file_reads() {
    let pia = parse(MINIMAL.as_bytes()).expect("parse");
    assert_eq!(pia.header.name.value, "Newsletter");
    assert!(pia.fixes.is_empty());
}

#[test]
fn refusals_name_the_field() {
    assert_eq!(problem(b"").1, CnilProblem::Empty);
    assert_eq!(
        problem(br#"{"pia": {"name": "x""#).1,
        CnilProblem::Truncated
    );
    assert_eq!(
        problem(br#"{"structure": {}}"#).1,
        CnilProblem::TemplateExport
    );
    assert_eq!(problem(br#"[{"name": "x"}]"#).1, CnilProblem::ServerList);
    assert_eq!(
        problem(br#"{"pia": {}}"#),
        ("pia.name".to_owned(), CnilProblem::Missing)
    );
    assert_eq!(problem(br#"{"pia": {"name": " "}}"#).0, "pia.name");
    let (field, p) = problem(
        br#"{"pia": {"name": "x"}, "answers": [{"reference_to": 111, "data": {"gauge": 7}}]}"#,
    );
    assert_eq!(field, "answers[0].data.gauge");
    assert_eq!(
        p,
        CnilProblem::Gauge {
            value: "7".to_owned()
        }
    );
    let (field, _) = problem(br#"{"pia": {"name": "x"}, "answers": {}}"#);
    assert_eq!(field, "answers");
    let (field, _) = problem(
        br#"{"pia": {"name": "x"}, "evaluations": [{"reference_to": "3.2", "status": 9}]}"#,
    );
    assert_eq!(field, "evaluations[0].status");
    let error = parse(b"\xff\xfe").expect_err("not UTF-8");
    assert_eq!(error.kind(), ErrorKind::InvalidCnil);
}

#[test]
fn dirty_inputs_are_repaired_and_noted() {
    let wrapped = serde_json::json!({
        "id": 1, "pia_id": 2, "created_at": "2025-01-01",
        "export": r#"{"pia": {"name": "DonnÃ©es", "rejected_reason": "Too vague", "status": "1"},
            "answers": [{"reference_to": "325", "data": {"text": null, "gauge": "3", "list": []}}]}"#,
    });
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(wrapped.to_string().as_bytes());
    let pia = parse(&bytes).expect("parse");
    assert_eq!(pia.header.name.value, "Données");
    assert_eq!(
        pia.header
            .rejection_reason
            .as_ref()
            .map(|r| r.value.as_str()),
        Some("Too vague")
    );
    assert_eq!(pia.header.status.as_ref().map(|s| s.value), Some(1));
    assert_eq!(pia.answers[0].question, 325);
    assert_eq!(pia.answers[0].gauge.as_ref().map(|g| g.value), Some(3));
    for fix in [
        Fix::Bom,
        Fix::RevisionWrapper,
        Fix::DoubleEncoded {
            path: "pia.name".to_owned(),
        },
        Fix::OldSpelling {
            path: "pia.rejected_reason".to_owned(),
            current: "rejection_reason",
        },
        Fix::NumberAsText {
            path: "answers[0].data.gauge".to_owned(),
        },
        Fix::MissingArray { key: "measures" },
    ] {
        assert!(pia.fixes.contains(&fix), "{fix:?} in {:?}", pia.fixes);
    }
}
