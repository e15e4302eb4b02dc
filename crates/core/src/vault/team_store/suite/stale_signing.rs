//! No lost update at sign-off and keep-until, on both back-ends, through `api` as the doors call
//! it: a sign-off made from a read that a change since has overtaken (an answer saved, the status
//! moved) is refused (kind `stale`, naming who, in zh and en) with nothing written, so no one
//! signs answers he has not seen; a keep-until date likewise (an assessment's answers or status,
//! a client's entry). From a fresh read each lands. A date leaves the row's version as it was, so
//! the versions the user's other screens hold stay his own.

// Test code only (the suite is `#[cfg(test)]`): layers.rs reads what follows as tests, which
// may reach `api` to drive the changes as the doors do.
use super::stale::assert_stale;
#[cfg(test)]
use super::{ACTOR, Backend, client_request};
use crate::api::{
    AnswerValue, Decision, KeptKind, SaveAnswerRequest, SignOffRequest, keep_until, save_answer,
    set_keep_until_read, sign_off, submit_assessment,
};
use crate::assessment::stored::create_assessment;
use crate::law::LawRegister;
use crate::vault::store::Read;
use crate::vault::{NewAssessment, Status};

/// A client and a PIA of it; returns (client id, assessment id).
fn pia(b: &mut impl Backend) -> (String, String) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let new = NewAssessment {
        title: "Loyalty PIA".to_owned(),
        client_id: Some(client.id.clone()),
        ..NewAssessment::default()
    };
    let template = crate::template::bundled_for_test("pia");
    let pia = create_assessment(b.store(), ACTOR, &template, new).expect("pia");
    (client.id, pia.id)
}

fn answer(id: &str, text: &str) -> SaveAnswerRequest {
    SaveAnswerRequest {
        assessment_id: id.to_owned(),
        question_id: "pia03_assessors".to_owned(),
        value: Some(AnswerValue::Text(text.to_owned())),
        version: None,
    }
}

fn rejection(id: &str, signer: &str, version: Option<String>) -> SignOffRequest {
    SignOffRequest {
        assessment_id: id.to_owned(),
        name: signer.to_owned(),
        role: "DPO".to_owned(),
        decision: Decision::Reject,
        comment: "the purposes need narrowing".to_owned(),
        attestations: Vec::new(),
        with_reservations: false,
        version,
    }
}

pub(super) fn a_sign_off_after_a_change_since_the_signer_read_is_refused_and_one_from_a_fresh_read_lands(
    mut b: impl Backend,
) {
    let law = LawRegister::bundled().expect("law");
    let (client, id) = pia(&mut b);
    // The approver opens the draft; the author answers a question and submits it after.
    let (mut approver, signer) = b.approver(&client);
    let read = approver
        .assessment(&id)
        .expect("the approver's read")
        .updated_at;
    save_answer(b.store(), &law, ACTOR, &answer(&id, "DPO and legal")).expect("answer");
    submit_assessment(b.store(), &law, ACTOR, &id).expect("submitted");

    let entries = b.audit_count();
    let refused = sign_off(
        &mut approver,
        &law,
        &signer,
        &rejection(&id, &signer, Some(read)),
    )
    .expect_err("a sign-off over answers the signer has not seen is refused");
    assert_stale(refused, &b.actor());
    assert_eq!(
        b.store().assessment(&id).expect("row").status,
        Status::InReview,
        "still in review"
    );
    assert!(b.store().sign_off_rows(&id).expect("sign-offs").is_empty());
    assert_eq!(b.audit_count(), entries, "nothing written");

    // Reloaded, the sign-off lands; an older door sends no version and is not checked.
    let fresh = approver.assessment(&id).expect("reload").updated_at;
    let signed = sign_off(
        &mut approver,
        &law,
        &signer,
        &rejection(&id, &signer, Some(fresh)),
    )
    .expect("a sign-off from a fresh read lands");
    assert_eq!(signed.assessment.status, crate::api::Status::Rejected);
    assert_eq!(b.store().sign_off_rows(&id).expect("sign-offs").len(), 1);
}

pub(super) fn a_keep_until_after_a_colleagues_change_is_refused_and_one_from_a_fresh_read_lands(
    mut b: impl Backend,
) {
    let law = LawRegister::bundled().expect("law");
    let (client, id) = pia(&mut b);
    let read = keep_until(&*b.store(), KeptKind::Assessment, &id).expect("view");
    assert_eq!(
        read.version,
        b.store().assessment(&id).expect("row").updated_at
    );

    // A colleague answers a question after I read the date.
    let (mut colleague, name) = b.colleague(&client);
    save_answer(&mut colleague, &law, &name, &answer(&id, "DPO and legal")).expect("his answer");

    let entries = b.audit_count();
    let refused = set_keep_until_read(
        b.store(),
        ACTOR,
        KeptKind::Assessment,
        &id,
        Some("2031-12-31"),
        Some(&read.version),
    )
    .expect_err("a date from the read before his answer is refused");
    assert_stale(refused, &name);
    assert_eq!(
        b.store()
            .keep_until(KeptKind::Assessment.into(), &id)
            .expect("date"),
        None
    );
    assert_eq!(b.audit_count(), entries, "nothing written");

    let fresh = keep_until(&*b.store(), KeptKind::Assessment, &id).expect("reload");
    let mine = set_keep_until_read(
        b.store(),
        ACTOR,
        KeptKind::Assessment,
        &id,
        Some("2031-12-31"),
        Some(&fresh.version),
    )
    .expect("a date from a fresh read lands");
    assert_eq!(mine.keep_until.as_deref(), Some("2031-12-31"));
    assert_eq!(
        mine.version, fresh.version,
        "the date leaves the version as it was"
    );
    // So my submission from the view I hold still lands.
    let submitted =
        crate::api::submit_assessment_read(b.store(), &law, ACTOR, &id, Some(&fresh.version))
            .expect("a submission after my own date lands");
    assert_eq!(submitted.assessment.status, crate::api::Status::InReview);
}

pub(super) fn a_clients_keep_until_after_a_colleagues_edit_is_refused(mut b: impl Backend) {
    use crate::api::{UpdateClientRequest, update_client};
    let (client, _) = pia(&mut b);
    let read = keep_until(&*b.store(), KeptKind::Client, &client).expect("view");
    let (mut colleague, name) = b.colleague(&client);
    let theirs = keep_until(&colleague, KeptKind::Client, &client).expect("his view");
    assert_eq!(theirs.version, read.version);
    // He renames the matter: the client I read is not the one now stored.
    let edit = UpdateClientRequest {
        id: client.clone(),
        name: "Acme".to_owned(),
        matter: "Closed matter".to_owned(),
        contact: "dpo@acme.example".to_owned(),
        notes: String::new(),
        version: Some(theirs.version.clone()),
    };
    update_client(&mut colleague, &name, &edit).expect("his edit lands");

    let entries = b.audit_count();
    let refused = set_keep_until_read(
        b.store(),
        ACTOR,
        KeptKind::Client,
        &client,
        Some("2032-01-31"),
        Some(&read.version),
    )
    .expect_err("a date from the view before his edit is refused");
    assert_stale(refused, &name);
    assert_eq!(b.audit_count(), entries, "nothing written");
    let now = keep_until(&*b.store(), KeptKind::Client, &client).expect("view");
    assert_eq!(now.keep_until, None);
    let kept = set_keep_until_read(
        b.store(),
        ACTOR,
        KeptKind::Client,
        &client,
        Some("2032-01-31"),
        Some(&now.version),
    )
    .expect("from a fresh read it lands");
    assert_eq!(kept.keep_until.as_deref(), Some("2032-01-31"));
}
