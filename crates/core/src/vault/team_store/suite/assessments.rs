//! Every other method of `Work` — assessments and their snapshot, answers, links, next
//! versions, CNIL imports, evidence, reports, actions, keep-until dates — on both back-ends.

use std::collections::BTreeMap;

use super::{ACTOR, Backend, NULL, client_request, entry};
use crate::kind::Kind;
use crate::vault::store::{Store, Work};
use crate::vault::{
    Action, ActionStatus, AuditEvent, EvidenceRecord, Kept, NewAssessment, NewAssessmentRow,
    ReportRecord, Snapshot, Status,
};

const AT: &str = "2026-12-07T10:00:00.000Z";
const LATER: &str = "2026-12-07T11:00:00.000Z";

/// Two assessments of one client from one template, in one unit; returns (client, a, b).
fn two_assessments(b: &mut impl Backend) -> (String, String, String) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let snapshot = Snapshot::from_canonical("suite-pia", "1.0.0", br#"{"questions":[]}"#);
    let new = NewAssessment {
        title: "Loyalty PIA".to_owned(),
        client_id: Some(client.id.clone()),
        ..NewAssessment::default()
    };
    let (a, second) = (crate::id::new_id(), crate::id::new_id());
    let mut work = b.store().begin().expect("begin");
    for id in [&a, &second] {
        work.insert_assessment(&NewAssessmentRow {
            id,
            kind: Kind::Pia,
            snapshot: &snapshot,
            new: &new,
            created_by: ACTOR,
            at: AT,
        })
        .expect("insert assessment");
    }
    work.append_audit(assessment_event("assessment.created", &a), AT)
        .expect("audit");
    work.commit().expect("commit");
    (client.id, a, second)
}

fn assessment_event<'a>(action: &'a str, id: &'a str) -> AuditEvent<'a> {
    AuditEvent {
        actor: ACTOR,
        action,
        entity_type: "assessment",
        entity_id: id,
        summary: action,
    }
}

pub(super) fn assessments_answers_and_links_are_stored_alike(mut b: impl Backend) {
    let (client, a, second) = two_assessments(&mut b);
    let mut work = b.store().begin().expect("begin");
    work.put_answer(&a, "purpose", r#""marketing""#, ACTOR, AT)
        .expect("answer");
    work.put_answer(&a, "purpose", r#""loyalty""#, ACTOR, LATER)
        .expect("answer replaced in the same unit");
    work.put_answer(&a, "recipients", r#"["同意"]"#, ACTOR, AT)
        .expect("answer");
    work.link_assessments(&a, &second).expect("link");
    work.link_assessments(&a, &second)
        .expect("linking twice is linking once");
    work.set_status(&a, Status::InReview, LATER)
        .expect("status");
    work.touch_assessment(&second, LATER).expect("touch");
    work.append_audit(assessment_event("answer.saved", &a), LATER)
        .expect("audit");
    work.commit().expect("commit");

    assert_eq!(
        b.texts("SELECT CAST(count(*) AS TEXT), min(template_id) FROM template_snapshots"),
        [["1", "suite-pia"]],
        "one snapshot for two assessments"
    );
    let mut expected = vec![
        vec![
            a.clone(),
            "in_review".to_owned(),
            "1".to_owned(),
            LATER.to_owned(),
        ],
        vec![
            second.clone(),
            "draft".to_owned(),
            "1".to_owned(),
            LATER.to_owned(),
        ],
    ];
    expected.sort();
    assert_eq!(
        b.texts(
            "SELECT id, status, CAST(version AS TEXT), updated_at FROM assessments ORDER BY id"
        ),
        expected
    );
    assert_eq!(
        b.texts(
            "SELECT question_id, value, note, updated_at FROM answers
             WHERE assessment_id IN (SELECT id FROM assessments WHERE status = 'in_review')
             ORDER BY question_id"
        ),
        [
            ["purpose", r#""loyalty""#, "", LATER],
            ["recipients", r#"["同意"]"#, "", AT]
        ]
    );
    assert_eq!(
        b.texts("SELECT assessment_id, linked_id FROM assessment_links"),
        [[a.clone(), second.clone()]]
    );
    let actor = b.actor();
    assert_eq!(
        b.audit(),
        [
            entry(&actor, "client.added", "client", &client),
            entry(&actor, "assessment.created", "assessment", &a),
            entry(&actor, "answer.saved", "assessment", &a),
        ]
    );
}

pub(super) fn a_next_version_imports_evidence_reports_and_actions_are_stored_alike(
    mut b: impl Backend,
) {
    let (client, a, second) = two_assessments(&mut b);
    let next = crate::id::new_id();
    let notes = BTreeMap::from([
        (
            "purpose".to_owned(),
            (r#""loyalty""#.to_owned(), "from the CNIL file".to_owned()),
        ),
        (
            "retention".to_owned(),
            (r#""3 years""#.to_owned(), String::new()),
        ),
    ]);
    let evidence = EvidenceRecord {
        id: crate::id::new_id(),
        assessment_id: a.clone(),
        question_id: "policy".to_owned(),
        file_name: "policy.pdf".to_owned(),
        size: 4,
        sha256: "ab".repeat(32),
        added_by: ACTOR.to_owned(),
        added_at: AT.to_owned(),
    };
    let report = ReportRecord {
        id: crate::id::new_id(),
        kind: "pia".to_owned(),
        assessment_id: Some(a.clone()),
        client_id: Some(client.clone()),
        lang: "bi".to_owned(),
        format: "pdf".to_owned(),
        sha256: "cd".repeat(32),
        size: 3,
        generated_by: ACTOR.to_owned(),
        generated_at: AT.to_owned(),
    };
    let mut action = Action {
        id: crate::id::new_id(),
        assessment_id: Some(a.clone()),
        client_id: Some(client.clone()),
        finding_id: "no_retention".to_owned(),
        title: "Set a retention period".to_owned(),
        title_words: None,
        owner: "IT".to_owned(),
        due_date: Some("2027-01-31".to_owned()),
        status: ActionStatus::Open,
        note: String::new(),
        created_at: AT.to_owned(),
        updated_at: AT.to_owned(),
    };

    let mut work = b.store().begin().expect("begin");
    work.insert_noted_answers(&second, &notes, ACTOR, AT)
        .expect("noted answers");
    work.insert_cnil_record(&second, r#"{"id":7}"#, ACTOR, AT)
        .expect("cnil record");
    work.put_answer(&a, "purpose", r#""loyalty""#, ACTOR, AT)
        .expect("answer");
    work.link_assessments(&a, &second).expect("link");
    work.copy_as_next_version(&a, &next, ACTOR, LATER)
        .expect("next version");
    work.insert_evidence(&evidence, b"%PDF").expect("evidence");
    work.insert_report(&report, b"PDF").expect("report");
    work.insert_action(&action).expect("action");
    action.status = ActionStatus::Done;
    action.note = "done in January".to_owned();
    action.updated_at = LATER.to_owned();
    work.update_action(&action).expect("action updated");
    work.set_keep_until(Kept::Assessment, &a, Some("2030-01-01"))
        .expect("keep until");
    work.raise_keep_until(&a, "2029-01-01")
        .expect("not lowered");
    work.raise_keep_until(&second, "2031-06-30")
        .expect("raised");
    work.set_keep_until(Kept::Client, &client, Some("2032-12-31"))
        .expect("client keep until");
    work.append_audit(assessment_event("assessment.reopened", &next), LATER)
        .expect("audit");
    // An action's and a report's entries join their client's chain (on the team database, an
    // author sees no other).
    for (action_name, entity_type, entity_id) in [
        ("action.added", "action", action.id.as_str()),
        ("report.generated", "report", report.id.as_str()),
    ] {
        let event = AuditEvent {
            actor: ACTOR,
            action: action_name,
            entity_type,
            entity_id,
            summary: action_name,
        };
        work.append_audit(event, LATER).expect("audit");
    }
    work.commit().expect("commit");

    assert_eq!(
        b.texts(&format!(
            "SELECT status, CAST(version AS TEXT), previous_id, created_at
             FROM assessments WHERE id = '{next}'"
        )),
        [["draft", "2", a.as_str(), LATER]]
    );
    assert_eq!(
        b.texts(&format!(
            "SELECT question_id, value FROM answers WHERE assessment_id = '{next}'"
        )),
        [["purpose", r#""loyalty""#]],
        "the next version carries the answers"
    );
    assert_eq!(
        b.texts(&format!(
            "SELECT linked_id FROM assessment_links WHERE assessment_id = '{next}'"
        )),
        [[second.as_str()]]
    );
    assert_eq!(
        b.texts(&format!(
            "SELECT question_id, value, note FROM answers WHERE assessment_id = '{second}'
             ORDER BY question_id"
        )),
        [
            ["purpose", r#""loyalty""#, "from the CNIL file"],
            ["retention", r#""3 years""#, ""]
        ]
    );
    assert_eq!(
        b.texts("SELECT document, imported_at FROM cnil_records"),
        [[r#"{"id":7}"#, AT]]
    );
    assert_eq!(
        b.texts(
            "SELECT question_id, file_name, CAST(size AS TEXT), sha256, added_at FROM evidence"
        ),
        [["policy", "policy.pdf", "4", evidence.sha256.as_str(), AT]]
    );
    assert_eq!(
        b.texts("SELECT kind, lang, format, client_id, generated_at FROM reports"),
        [["pia", "bi", "pdf", client.as_str(), AT]]
    );
    assert_eq!(
        b.texts("SELECT status, owner, due_date, note, updated_at, title, title_zh FROM actions"),
        [[
            "done",
            "IT",
            "2027-01-31",
            "done in January",
            LATER,
            "Set a retention period",
            ""
        ]]
    );
    let mut kept = vec![
        vec![a.clone(), "2030-01-01".to_owned()],
        vec![second.clone(), "2031-06-30".to_owned()],
        vec![next.clone(), NULL.to_owned()],
    ];
    kept.sort();
    assert_eq!(
        b.texts("SELECT id, keep_until FROM assessments ORDER BY id"),
        kept
    );
    assert_eq!(b.texts("SELECT keep_until FROM clients"), [["2032-12-31"]]);
    let actor = b.actor();
    let audit = b.audit();
    assert_eq!(
        audit[audit.len() - 3..],
        [
            entry(&actor, "assessment.reopened", "assessment", &next),
            entry(&actor, "action.added", "action", &action.id),
            entry(&actor, "report.generated", "report", &report.id),
        ]
    );
}
