//! Assessments in the vault end to end: start from a template snapshot, answer (all or nothing,
//! audited), score, submit, sign off with attestations, re-open as a new version, and diff.

use dpodesk_core::Error;
use dpodesk_core::api;
use dpodesk_core::assessment::{Answer, Rating, parse_answers};
use dpodesk_core::error::Invalid;
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Template};
use dpodesk_core::vault::Status;

use crate::support::*;

const TEMPLATE: &str = r#"
id = "mini"
version = "1.2.0"
kind = "data_source"
title = { zh = "小模板", en = "Mini" }
description = { zh = "测试用", en = "For tests" }

[[sections]]
id = "s"
title = { zh = "部分", en = "Section" }

[[sections.questions]]
id = "basis"
type = "single_choice"
text = { zh = "营销依据？", en = "Marketing basis?" }
cite = ["PIPL-13-1"]
required = true
choices = [
  { value = "consent", label = { zh = "同意", en = "Consent" } },
  { value = "none", label = { zh = "无", en = "None" } },
]

[[sections.questions]]
id = "volume"
type = "number"
text = { zh = "人数", en = "People" }
unit = { zh = "人", en = "people" }
cite = ["PIPL-13-1"]

[[sections.questions]]
id = "note"
type = "text"
text = { zh = "说明", en = "Note" }
cite = ["PIPL-13-1"]

[[rules]]
id = "no-basis"
when = { equals = { q = "basis", value = "none" } }
severity = "critical"
regime = "prc"
title = { zh = "无合法性基础", en = "No lawful basis" }
explanation = { zh = "没有依据。", en = "There is no basis." }
recommendation = { zh = "停止营销。", en = "Stop the marketing." }
cite = ["PIPL-13-1"]
"#;

fn template() -> Template {
    let law = LawRegister::bundled().expect("law");
    template::parse("mini.toml", TEMPLATE, &law).expect("template")
}

#[test]
fn the_full_lifecycle_new_answer_score_submit_sign_reopen_diff() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let t = template();
    let a = crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &t,
        assessment_request("天猫订单转私域"),
    )
    .expect("new");
    let stored = api::read_assessment(&vault, &a.id).expect("read").record;
    assert_eq!(
        (
            stored.status,
            stored.version,
            stored.template_version.as_str()
        ),
        (Status::Draft, 1, "1.2.0")
    );

    let answers = parse_answers(
        "a.toml",
        "basis = \"none\"\nvolume = 20000\nnote = \"名单来自第三方\"\n",
        &t,
    )
    .expect("parse");
    assert_eq!(
        crate::support::save_answers(&mut vault, ACTOR, &a.id, &answers).expect("save"),
        3
    );
    // Saving the same answers again changes nothing.
    assert_eq!(
        crate::support::save_answers(&mut vault, ACTOR, &a.id, &answers).expect("save again"),
        0
    );

    let outcome = api::read_assessment(&vault, &a.id)
        .map(|a| a.outcome)
        .expect("outcome");
    assert_eq!(outcome.ratings.overall, Rating::Prohibited);
    assert_eq!(outcome.findings[0].id, "no-basis");
    assert_eq!(outcome.findings[0].cite, ["PIPL-13-1"]);

    api::submit(&mut vault, ACTOR, &a.id).expect("submit");
    let err = crate::support::save_answers(&mut vault, ACTOR, &a.id, &answers)
        .expect_err("in review is read-only");
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                reason: Invalid::NotDraft,
                ..
            }
        ),
        "{err:?}"
    );

    let err = crate::support::sign_off(
        &mut vault,
        ACTOR,
        &api::SignOffRequest {
            version: None,
            assessment_id: a.id.to_owned(),
            name: "王律师".into(),
            role: "DPO".into(),
            decision: api::Decision::Approve,
            comment: String::new(),
            attestations: attestations()[..3].to_vec(),
            with_reservations: true,
        },
    )
    .expect_err("approval needs four attestations");
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                reason: Invalid::Attestations,
                ..
            }
        ),
        "{err:?}"
    );

    let signoff = crate::support::sign_off(
        &mut vault,
        ACTOR,
        &api::SignOffRequest {
            version: None,
            assessment_id: a.id.to_owned(),
            name: "王律师".into(),
            role: "DPO".into(),
            decision: api::Decision::Approve,
            comment: "同意，附整改计划".into(),
            attestations: attestations(),
            with_reservations: true,
        },
    )
    .expect("sign off");
    assert_eq!(
        signoff.answers_sha256,
        api::read_assessment(&vault, &a.id)
            .map(|a| a.fingerprint)
            .expect("fingerprint")
    );
    assert_eq!(signoff.attestations.len(), 4);
    assert_eq!(
        api::read_assessment(&vault, &a.id)
            .expect("load")
            .record
            .status,
        Status::Approved
    );

    let b = api::reopen_assessment(&mut vault, ACTOR, &a.id).expect("reopen");
    let b = api::read_assessment(&vault, &b.id).expect("read").record;
    assert_eq!(
        (b.version, b.previous_id.as_deref(), b.status),
        (2, Some(a.id.as_str()), Status::Draft)
    );
    assert_eq!(
        api::read_assessment(&vault, &b.id)
            .map(|a| a.answers)
            .expect("answers"),
        answers,
        "a new version starts from the old answers"
    );
    let err = api::reopen_assessment(&mut vault, ACTOR, &a.id).expect_err("only once");
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                reason: Invalid::AlreadyReopened,
                ..
            }
        ),
        "{err:?}"
    );

    let fix = parse_answers("b.toml", "basis = \"consent\"\n", &t).expect("parse");
    crate::support::save_answers(&mut vault, ACTOR, &b.id, &fix).expect("save");
    let diff = dpodesk_core::assessment::diff(
        (
            &api::read_assessment(&vault, &a.id)
                .map(|a| a.answers)
                .expect("a"),
            &api::read_assessment(&vault, &a.id)
                .map(|a| a.outcome)
                .expect("a"),
        ),
        (
            &api::read_assessment(&vault, &b.id)
                .map(|a| a.answers)
                .expect("b"),
            &api::read_assessment(&vault, &b.id)
                .map(|a| a.outcome)
                .expect("b"),
        ),
    );
    assert_eq!(diff.answers.len(), 1);
    assert_eq!(diff.answers[0].question_id, "basis");
    assert_eq!(diff.answers[0].after, Some(Answer::Text("consent".into())));
    assert_eq!(diff.findings_removed.len(), 1);
    assert_eq!(diff.findings_removed[0].id, "no-basis");
    assert_eq!(
        (diff.rating_before, diff.rating_after),
        (Rating::Prohibited, Rating::Compliant)
    );

    // The signed version is untouched.
    assert_eq!(
        api::read_assessment(&vault, &a.id)
            .expect("a")
            .record
            .status,
        Status::Approved
    );
    assert_eq!(
        api::read_assessment(&vault, &a.id)
            .map(|a| a.outcome)
            .expect("a")
            .ratings
            .overall,
        Rating::Prohibited
    );
}

#[test]
fn the_snapshot_keeps_an_assessment_on_its_template_version() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let a =
        crate::support::create_assessment(&mut vault, ACTOR, &template(), assessment_request("x"))
            .expect("new");
    api::lock_vault(vault).expect("lock");
    let vault = dpodesk_core::api::open_vault(&path, &pass(PASSPHRASE)).expect("reopen");
    let snapshot = api::assessment_template(&vault, &a.id).expect("snapshot");
    assert_eq!(snapshot, template());
}

#[test]
fn a_bad_answers_file_names_each_line_and_writes_nothing() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let t = template();
    let a = crate::support::create_assessment(&mut vault, ACTOR, &t, assessment_request("x"))
        .expect("new");
    let text = "basis = \"consent\"\nnosuch = 1\nvolume = \"many\"\n";
    match parse_answers("bad.toml", text, &t) {
        Err(Error::Answers { file, problems }) => {
            assert_eq!(file.as_deref(), Some("bad.toml"));
            let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
            assert_eq!(
                problems,
                [
                    "line 2: unknown question id nosuch in template mini",
                    "line 3: volume: expected a number"
                ]
            );
        }
        other => panic!("expected InvalidAnswers, got {other:?}"),
    }
    assert!(
        api::read_assessment(&vault, &a.id)
            .map(|a| a.answers)
            .expect("answers")
            .is_empty()
    );
    let err = parse_answers("bad.toml", "basis = \"maybe\"\n", &t).expect_err("bad choice");
    assert!(
        err.to_string()
            .contains("\"maybe\" is not one of: consent, none"),
        "{err}"
    );
}

#[test]
fn every_answer_change_is_in_the_audit_log_without_its_value() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let t = template();
    let a = crate::support::create_assessment(&mut vault, ACTOR, &t, assessment_request("x"))
        .expect("new");
    let answers =
        parse_answers("a.toml", "note = \"SECRET-NOTE-VALUE\"\nvolume = 7\n", &t).expect("parse");
    crate::support::save_answers(&mut vault, ACTOR, &a.id, &answers).expect("save");
    drop(vault);
    let conn = raw_connection(&path, PASSPHRASE);
    let summaries: Vec<String> = conn
        .prepare("SELECT summary FROM audit_log WHERE action = 'answer.saved' ORDER BY seq")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("audit");
    assert_eq!(summaries, ["question note", "question volume"]);
}

/// "The SHA-256 of an assessment" is over one canonical JSON: keys sorted at every depth, no
/// whitespace, numbers as serde_json writes them. Pinned on a fixed assessment written out by
/// hand, so a dependency that changes the serialisation (serde_json's `preserve_order`, a map
/// type that keeps insertion order) fails here instead of changing every fingerprint silently.
#[test]
fn the_fingerprint_of_a_fixed_assessment_is_pinned() {
    use dpodesk_core::assessment::{Answers, Cell, Row};
    use sha2::{Digest, Sha256};

    let mut risk = Row::new();
    risk.insert("title".to_owned(), Cell::Text("名单外泄 leak".to_owned()));
    risk.insert("likelihood".to_owned(), Cell::Number(3.0));
    risk.insert(
        "category".to_owned(),
        Cell::List(vec!["b".to_owned(), "a".to_owned()]),
    );
    let mut answers = Answers::new();
    answers.insert("z_last".to_owned(), Answer::Text("yes".to_owned()));
    answers.insert("a_first".to_owned(), Answer::Number(12.5));
    answers.insert("m_risks".to_owned(), Answer::Rows(vec![risk]));
    answers.insert("k_list".to_owned(), Answer::List(vec!["SMS".to_owned()]));
    let evidence = ["ab12".to_owned(), "cd34".to_owned()];

    let canonical = concat!(
        r#"{"answers":{"a_first":12.5,"k_list":["SMS"],"#,
        r#""m_risks":[{"category":["b","a"],"likelihood":3.0,"title":"名单外泄 leak"}],"#,
        r#""z_last":"yes"},"evidence":["ab12","cd34"],"#,
        r#""template":{"id":"pia","version":"1.2.0"}}"#
    );
    let expected = hex::encode(Sha256::digest(canonical.as_bytes()));
    assert_eq!(
        dpodesk_core::assessment::canonical_sha256("pia", "1.2.0", &answers, &evidence),
        expected
    );
    // The same text hashes the same on every machine: the pin a stored fingerprint relies on.
    assert_eq!(
        expected,
        "b61b6fab8da432ab0a4aee7006e6b11aa390226b6028434f3cf8f8c085db1818"
    );
}
