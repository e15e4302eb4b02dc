//! The api end to end on temporary vaults, and the TypeScript bindings drift check.

use std::path::Path;

use super::*;
use crate::Passphrase;

pub(super) fn vault() -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().expect("temp dir");
    let passphrase = Passphrase::new("correct horse battery staple".to_owned());
    let vault = Vault::create(&dir.path().join("v.dpvault"), &passphrase, "test").expect("vault");
    (dir, vault)
}

fn answer(id: &str, question: &str, value: Option<AnswerValue>) -> SaveAnswerRequest {
    SaveAnswerRequest {
        assessment_id: id.to_owned(),
        question_id: question.to_owned(),
        value,
        version: None,
    }
}

/// The wizard's path through the doors: create, answer, and see the view follow each answer.
#[test]
fn answers_saved_through_the_api_update_shown_questions_and_findings() {
    let (_dir, mut vault) = vault();
    let law = LawRegister::bundled().expect("law");
    let (client, created) = bought_list_assessment(&mut vault, &law);
    assert_eq!(created.kind, Kind::DataSource);
    let view = AssessmentView::build(&vault, &law, &created.id).expect("view");
    // The channel comes from the register entry, so its questions show at once.
    assert_eq!(
        view.answers.get("ds01_channel"),
        Some(&AnswerValue::Text("BUY".into()))
    );
    assert!(view.shown.iter().any(|q| q == "ds17_provenance"));
    assert!(view.citations.contains_key("PIPL-55"));

    let text = |v: &str| Some(AnswerValue::Text(v.to_owned()));
    let view = save_answer(
        &mut vault,
        &law,
        "t",
        &answer(&created.id, "ds01_channel", text("AD")),
    )
    .expect("saved");
    assert!(!view.shown.iter().any(|q| q == "ds17_provenance"));
    let view = save_answer(
        &mut vault,
        &law,
        "t",
        &answer(&created.id, "ds01_channel", text("BUY")),
    )
    .expect("saved");
    assert!(view.shown.iter().any(|q| q == "ds17_provenance"));
    assert!(
        view.outcome.findings.is_empty(),
        "the channel's open gates state no fact"
    );
    let view = save_answer(
        &mut vault,
        &law,
        "t",
        &answer(&created.id, "ds17_provenance", text("no")),
    )
    .expect("saved");
    assert_eq!(view.outcome.ratings.overall.rating, Rating::Prohibited);
    assert_eq!(view.outcome.ratings.overall.label.en, "prohibited");
    assert_eq!(
        view.answers.get("ds01_channel"),
        Some(&AnswerValue::Text("BUY".into()))
    );

    let view = save_answer(
        &mut vault,
        &law,
        "t",
        &answer(&created.id, "ds02_regime", text("prc")),
    )
    .expect("saved");
    assert_eq!(view.outcome.ratings.eu.map(|b| b.rating), None);
    let section = view
        .sections
        .iter()
        .find(|s| s.id == "scope")
        .expect("scope");
    assert_eq!(section.answered, 1);
    // Sections count what the total counts: required questions shown, and add up to it.
    let (answered, shown) = view
        .sections
        .iter()
        .fold((0, 0), |(a, s), sec| (a + sec.answered, s + sec.shown));
    assert_eq!(shown, view.outcome.required_shown);
    assert_eq!(
        answered,
        view.outcome.required_shown - view.outcome.unanswered_required.len()
    );

    // A level travels as a JSON number and is accepted as an integer level; a bad choice
    // is refused with the question named, and nothing is saved.
    let refused = save_answer(
        &mut vault,
        &law,
        "t",
        &answer(&created.id, "ds01_channel", text("XX")),
    );
    assert!(
        matches!(refused, Err(Error::Answers { file: None, ref problems })
            if problems[0].question.as_deref() == Some("ds01_channel"))
    );
    let view = save_answer(
        &mut vault,
        &law,
        "t",
        &answer(
            &created.id,
            "ds01_volume",
            Some(AnswerValue::Number(1200.0)),
        ),
    )
    .expect("number");
    assert_eq!(
        view.answers.get("ds01_volume"),
        Some(&AnswerValue::Number(1200.0))
    );
    let view = save_answer(
        &mut vault,
        &law,
        "t",
        &answer(&created.id, "ds01_volume", None),
    )
    .expect("cleared");
    assert!(!view.answers.contains_key("ds01_volume"));

    let list = assessment_summaries(&vault, Some(&client.id)).expect("list");
    assert_eq!(list.len(), 1);
    assert!(
        assessment_summaries(&vault, Some("other"))
            .expect("list")
            .is_empty()
    );
}

#[test]
fn a_subject_must_belong_to_the_chosen_client() {
    let (_dir, mut vault) = vault();
    let law = LawRegister::bundled().expect("law");
    let templates = tpl::bundled(&law).expect("templates");
    let a = vault
        .add_client(
            "t",
            &vault::NewClient {
                name: "A".into(),
                ..Default::default()
            },
        )
        .expect("a");
    let b = vault
        .add_client(
            "t",
            &vault::NewClient {
                name: "B".into(),
                ..Default::default()
            },
        )
        .expect("b");
    let source = vault
        .add_data_source(
            "t",
            &vault::NewDataSource {
                client_id: a.id,
                name: "QR".into(),
                channel: "QR".into(),
                ..Default::default()
            },
        )
        .expect("source");
    let request = NewAssessmentRequest {
        template_id: "data-source".into(),
        title: "x".into(),
        client_id: Some(b.id),
        subject_id: Some(source.id),
    };
    let refused = create_assessment(&mut vault, &templates, "t", &request);
    assert!(matches!(
        refused,
        Err(Error::InvalidInput {
            field: "client",
            ..
        })
    ));
}

#[test]
fn a_provision_comes_with_its_gdpr_pipl_differences() {
    let law = LawRegister::bundled().expect("law");
    let with_difference = law
        .differences()
        .first()
        .and_then(|d| d.pipl.first())
        .expect("a difference")
        .clone();
    let view = ProvisionView::lookup(&law, &with_difference).expect("known");
    assert!(!view.differences.is_empty());
    assert!(!view.article.zh.is_empty() && !view.gist.en.is_empty());
    assert!(ProvisionView::lookup(&law, "NO-SUCH-KEY").is_none());
}

/// A new, unanswered data-source assessment of a client's bought list.
fn bought_list_assessment(
    vault: &mut Vault,
    law: &LawRegister,
) -> (vault::Client, AssessmentSummary) {
    let templates = tpl::bundled(law).expect("templates");
    let client = vault
        .add_client(
            "t",
            &vault::NewClient {
                name: "华东/商贸".into(),
                ..Default::default()
            },
        )
        .expect("client");
    let source = vault
        .add_data_source(
            "t",
            &vault::NewDataSource {
                client_id: client.id.clone(),
                name: "名单".into(),
                channel: "BUY".into(),
                ..Default::default()
            },
        )
        .expect("source");
    let request = NewAssessmentRequest {
        template_id: "data-source".into(),
        title: "Bought: list".into(),
        client_id: Some(client.id.clone()),
        subject_id: Some(source.id),
    };
    let created = create_assessment(vault, &templates, "t", &request).expect("created");
    (client, created)
}

/// The same assessment, answered so that it is prohibited.
pub(super) fn prohibited_assessment(
    vault: &mut Vault,
    law: &LawRegister,
) -> (vault::Client, AssessmentSummary) {
    let (client, created) = bought_list_assessment(vault, law);
    save_answer(
        vault,
        law,
        "t",
        &answer(
            &created.id,
            "ds01_channel",
            Some(AnswerValue::Text("BUY".into())),
        ),
    )
    .expect("saved");
    // An explicit answer: an open gate alone states no finding.
    save_answer(
        vault,
        law,
        "t",
        &answer(
            &created.id,
            "ds17_provenance",
            Some(AnswerValue::Text("no".into())),
        ),
    )
    .expect("saved");
    (client, created)
}

#[test]
fn every_attestation_core_requires_is_worded_in_both_languages() {
    let list = attestations();
    assert_eq!(list.len(), vault::ATTESTATIONS.len());
    for a in &list {
        assert_ne!(a.label.en, a.key, "{} has no English wording", a.key);
        assert_ne!(a.label.zh, a.key, "{} has no Chinese wording", a.key);
    }
}

/// Submit, a refused approval (core's message), approval, read-only, re-open as a new draft.
#[test]
fn review_sign_off_and_reopen_through_the_api() {
    let (_dir, mut vault) = vault();
    let law = LawRegister::bundled().expect("law");
    let (_client, created) = prohibited_assessment(&mut vault, &law);

    let view = submit_assessment(&mut vault, &law, "t", &created.id).expect("submitted");
    assert_eq!(view.assessment.status, Status::InReview);
    assert!(!view.editable);
    assert!(
        view.takes_comments,
        "a reviewer comments on a submitted version"
    );
    assert_eq!(view.review.attestations.len(), 4);

    let mut request = SignOffRequest {
        version: None,
        assessment_id: created.id.clone(),
        name: "王律师".into(),
        role: "DPO".into(),
        decision: Decision::Approve,
        comment: "ok".into(),
        attestations: vec!["processing_accurate".into()],
        with_reservations: false,
    };
    let refused = sign_off(&mut vault, &law, "t", &request).expect_err("refused");
    assert!(
        ApiError::new(&refused, Lang::En)
            .message
            .contains("all four attestations")
    );
    request.attestations = vault::ATTESTATIONS.iter().map(|a| (*a).into()).collect();
    // Decisive points are open: approving over them is a choice, never a side effect.
    let open = AssessmentView::build(&vault, &law, &created.id)
        .expect("view")
        .outcome
        .standing
        .points
        .len();
    assert!(open > 0);
    let refused = sign_off(&mut vault, &law, "t", &request).expect_err("refused");
    for lang in [Lang::En, Lang::Zh] {
        let message = ApiError::new(&refused, lang).message;
        assert!(message.contains(&open.to_string()), "{message}");
        // The app offers a box, the CLI a flag: the door words its own way to choose.
        assert!(!message.contains("--with-reservations"), "{message}");
    }
    request.with_reservations = true;
    let view = sign_off(&mut vault, &law, "t", &request).expect("approved");
    assert!(!view.review.sign_offs[0].reservations.is_empty());
    assert_eq!(view.assessment.status, Status::Approved);
    assert!(!view.editable);
    assert!(!view.takes_comments);
    assert_eq!(view.review.sign_offs.len(), 1);
    assert_eq!(view.review.sign_offs[0].decision, Decision::Approve);
    assert_eq!(view.review.newer_version_id, None);

    let next = reopen_assessment(&mut vault, "t", &created.id).expect("reopened");
    assert_eq!(next.status, Status::Draft);
    assert_eq!(next.version, 2);
    let old = AssessmentView::build(&vault, &law, &created.id).expect("old");
    assert_eq!(
        old.review.newer_version_id.as_deref(),
        Some(next.id.as_str())
    );
    let new = AssessmentView::build(&vault, &law, &next.id).expect("new");
    assert!(new.editable);
    assert!(new.takes_comments);
    assert_eq!(
        new.review.previous_version_id.as_deref(),
        Some(created.id.as_str())
    );
    assert_eq!(
        new.answers.get("ds01_channel"),
        Some(&AnswerValue::Text("BUY".into()))
    );
}

#[test]
fn actions_from_a_finding_are_listed_and_change_status() {
    let (_dir, mut vault) = vault();
    let law = LawRegister::bundled().expect("law");
    let (client, created) = prohibited_assessment(&mut vault, &law);
    let view = AssessmentView::build(&vault, &law, &created.id).expect("view");
    let finding = view.outcome.findings.first().expect("a finding");
    let request = NewActionRequest {
        assessment_id: Some(created.id.clone()),
        client_id: None,
        finding_id: finding.id.clone(),
        title: finding.recommendation.en.clone(),
        owner: "Li".into(),
        due_date: "2026-01-10".into(),
        note: String::new(),
        another: false,
    };
    let action = vault.add_action("t", &(&request).into()).expect("added");
    let listed = actions(&vault, Some(&client.id), None, "2026-02-01").expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].finding_id, finding.id);
    assert_eq!(listed[0].status.status, ActionStatus::Open);
    assert_eq!(listed[0].status.label.zh, "待处理");
    assert!(listed[0].overdue);
    let update = UpdateActionRequest {
        id: action.id,
        status: Some(ActionStatus::Done),
        title: None,
        owner: None,
        due_date: None,
        note: None,
        version: None,
    };
    super::action_writes::update_action(&mut vault, "t", &update.id, &(&update).into())
        .expect("updated");
    let listed = actions(&vault, None, Some(&created.id), "2026-02-01").expect("list");
    assert_eq!(listed[0].status.status, ActionStatus::Done);
    assert!(!listed[0].overdue);
    assert_eq!(action_statuses().len(), 4);
}

#[test]
fn a_client_memo_is_recorded_and_listed_under_the_client() {
    let (_dir, mut vault) = vault();
    let law = LawRegister::bundled().expect("law");
    let (client, created) = prohibited_assessment(&mut vault, &law);
    let request = ReportRequest {
        assessment_id: None,
        client_id: Some(client.id.clone()),
        lang: ReportLanguage::Zh,
        format: None,
    };
    assert_eq!(
        suggested_file_name(&vault, &request).expect("name"),
        "华东_商贸-memo-zh.pdf"
    );
    let by_assessment = ReportRequest {
        assessment_id: Some(created.id.clone()),
        client_id: None,
        lang: ReportLanguage::Bi,
        format: None,
    };
    assert_eq!(
        suggested_file_name(&vault, &by_assessment).expect("name"),
        "Bought_ list-memo-bi.pdf"
    );
    let generated = generate_report(&mut vault, "t", &request, "2026-01-01").expect("memo");
    assert!(generated.bytes.starts_with(b"%PDF"));
    let memos = reports(&vault, None, Some(&client.id)).expect("memos");
    assert_eq!(memos.len(), 1);
    assert_eq!(memos[0].kind, ReportKind::Memo);
    assert_eq!(memos[0].lang, ReportLanguage::Zh);
    assert_eq!(memos[0].sha256, generated.record.sha256);
    assert!(
        reports(&vault, Some(&created.id), None)
            .expect("none")
            .is_empty()
    );
    let (info, name, bytes) = report_copy(&vault, &memos[0].id)
        .expect("copy")
        .expect("kept");
    assert_eq!(
        (info.id, name),
        (memos[0].id.clone(), "华东_商贸-memo-zh.pdf".to_owned())
    );
    assert_eq!(bytes, generated.bytes);
    assert!(report_copy(&vault, "no-such-id").expect("none").is_none());
    let nothing = ReportRequest {
        assessment_id: None,
        client_id: Some(" ".into()),
        lang: ReportLanguage::En,
        format: None,
    };
    assert!(generate_report(&mut vault, "t", &nothing, "2026-01-01").is_err());
}

/// The committed `ui/src/ipc/bindings.ts` must match the Rust wire types.
/// `cargo xtask bindings` (UPDATE_BINDINGS=1) rewrites it.
#[test]
fn typescript_bindings_are_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/bindings.ts");
    let expected = typescript_bindings();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &expected).expect("write bindings.ts");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "ui/src/ipc/bindings.ts is out of date with crates/core/src/api/: run `cargo xtask bindings`"
    );
}
