//! What is kept beside an assessment, read back on both back-ends: the drawn reports (newest
//! first) and their exact bytes, the imported CNIL file and the notes on its answers.

// Test code only (the suite is `#[cfg(test)]`): marked so, layers.rs reads what follows as
// tests, which may reach the domain (templates, the use cases) to build what they read.
#[cfg(test)]
use std::collections::BTreeMap;

use super::{ACTOR, Backend, client_request};
use crate::assessment::stored::create_assessment;
use crate::vault::store::{Read, Store, Work};
use crate::vault::{NewAssessment, ReportRecord};

const AT: &str = "2026-12-07T10:00:00.000Z";

fn report(id: &str, assessment: &str, at: &str, bytes: &[u8]) -> ReportRecord {
    ReportRecord {
        id: id.to_owned(),
        kind: "pia".to_owned(),
        assessment_id: Some(assessment.to_owned()),
        client_id: None,
        lang: "bi".to_owned(),
        format: "pdf".to_owned(),
        sha256: "0".repeat(64),
        size: bytes.len() as u64,
        generated_by: ACTOR.to_owned(),
        generated_at: at.to_owned(),
    }
}

pub(super) fn reports_and_cnil_records_are_read_alike(mut b: impl Backend) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let template = crate::template::bundled_for_test("pia");
    let new = NewAssessment {
        title: "Imported PIA".to_owned(),
        client_id: Some(client.id.clone()),
        ..NewAssessment::default()
    };
    let a = create_assessment(b.store(), ACTOR, &template, new).expect("assessment");
    assert_eq!(b.store().cnil_document(&a.id).expect("none yet"), None);
    assert!(b.store().reports().expect("none yet").is_empty());

    let older = report("r1", &a.id, "2026-12-07T10:00:00.000Z", b"%PDF-1 older");
    let newer = report("r2", &a.id, "2026-12-07T11:00:00.000Z", b"%PDF-1 newer!");
    let mut rows = BTreeMap::new();
    rows.insert(
        "q_noted".to_owned(),
        (r#""yes""#.to_owned(), "来自 CNIL 的备注".to_owned()),
    );
    rows.insert("q_plain".to_owned(), (r#""no""#.to_owned(), String::new()));
    let mut work = b.store().begin().expect("begin");
    work.insert_report(&older, b"%PDF-1 older").expect("older");
    work.insert_report(&newer, b"%PDF-1 newer!").expect("newer");
    work.insert_cnil_record(&a.id, r#"{"id":1}"#, ACTOR, AT)
        .expect("cnil record");
    work.insert_noted_answers(&a.id, &rows, ACTOR, AT)
        .expect("noted answers");
    work.commit().expect("commit");

    let listed = b.store().reports().expect("reports");
    assert_eq!(
        listed
            .iter()
            .map(|r| (r.id.as_str(), r.size, r.lang.as_str()))
            .collect::<Vec<_>>(),
        [("r2", 13, "bi"), ("r1", 12, "bi")],
        "newest first, with their sizes"
    );
    assert_eq!(
        b.store().report_content("r1").expect("bytes"),
        Some(b"%PDF-1 older".to_vec())
    );
    assert_eq!(b.store().report_content("missing").expect("none"), None);
    assert_eq!(
        b.store().cnil_document(&a.id).expect("record"),
        Some(r#"{"id":1}"#.to_owned())
    );
    assert_eq!(
        b.store().answer_notes(&a.id).expect("notes"),
        BTreeMap::from([("q_noted".to_owned(), "来自 CNIL 的备注".to_owned())]),
        "blank notes are left out"
    );
}
