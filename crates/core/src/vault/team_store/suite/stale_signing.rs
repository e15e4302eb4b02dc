//! No lost update at sign-off and keep-until, on both back-ends, through `api` as the doors call
//! it: a sign-off made from a read that a change since has overtaken (an answer saved, a file
//! attached, the status moved) is refused (kind `stale`, naming who, in zh and en) with nothing
//! written, so no one signs what he has not seen; a keep-until date likewise (an assessment's
//! answers or status, a client's entry, another date set since the one read). From a fresh read
//! each lands. A date leaves the row's version as it was, so the versions the user's other
//! screens hold stay his own.

// Test code only (the suite is `#[cfg(test)]`): layers.rs reads what follows as tests, which
// may reach `api` to drive the changes as the doors do.
use super::stale::{assert_stale, pia, request};
#[cfg(test)]
use super::{ACTOR, Backend};
use crate::api::{
    Decision, KeptKind, SignOffRequest, attach_evidence, keep_until, save_answer,
    set_keep_until_from, sign_off, submit_assessment,
};
use crate::i18n::Lang;
use crate::law::LawRegister;
use crate::vault::Status;
use crate::vault::store::Read;

/// The approver rejects `id` from the version he read, as the app's review panel sends it.
fn reject<S: crate::vault::store::Store>(
    approver: &mut S,
    law: &LawRegister,
    signer: &str,
    id: &str,
    read: String,
) -> crate::Result<crate::api::AssessmentView> {
    sign_off(approver, law, signer, &rejection(id, signer, Some(read)))
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

/// A keep-until date set as [`ACTOR`] from the row's version read and, when given, the date read.
fn keep(
    b: &mut impl Backend,
    kind: KeptKind,
    id: &str,
    date: &str,
    version: &str,
    date_read: Option<&str>,
) -> crate::Result<crate::api::KeepUntilView> {
    set_keep_until_from(
        b.store(),
        ACTOR,
        kind,
        id,
        Some(date),
        Some(version),
        date_read,
    )
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
    save_answer(b.store(), &law, ACTOR, &request(&id, "DPO and legal", None)).expect("answer");
    submit_assessment(b.store(), &law, ACTOR, &id).expect("submitted");

    let entries = b.audit_count();
    let refused = reject(&mut approver, &law, &signer, &id, read)
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
    let signed = reject(&mut approver, &law, &signer, &id, fresh)
        .expect("a sign-off from a fresh read lands");
    assert_eq!(signed.assessment.status, crate::api::Status::Rejected);
    assert_eq!(b.store().sign_off_rows(&id).expect("sign-offs").len(), 1);
}

pub(super) fn a_sign_off_from_a_read_before_a_file_was_attached_is_refused_naming_who_attached_it(
    mut b: impl Backend,
) {
    let law = LawRegister::bundled().expect("law");
    let (client, id) = pia(&mut b);
    let (mut approver, signer) = b.approver(&client);
    let read = approver.assessment(&id).expect("his read").updated_at;
    // The author attaches a file after the approver read the draft: the file is part of what
    // he would sign, so his read is overtaken.
    let fresh = attach_evidence(
        b.store(),
        &law,
        ACTOR,
        &id,
        "pia04_dataflow_evidence",
        "dataflow.txt",
        b"flows",
    )
    .expect("attached");
    assert_ne!(
        fresh.assessment.updated_at, read,
        "the attach moved the version"
    );

    let entries = b.audit_count();
    let refused = reject(&mut approver, &law, &signer, &id, read)
        .expect_err("a sign-off from the read before the file is refused");
    assert_stale(refused, &b.actor());
    assert_eq!(b.audit_count(), entries, "nothing written");

    // The author's own next step, from the view the attach gave him, is his and lands.
    crate::api::submit_assessment_read(
        b.store(),
        &law,
        ACTOR,
        &id,
        Some(&fresh.assessment.updated_at),
    )
    .expect("the author's submission after his own attach lands");
    let reread = approver.assessment(&id).expect("reload").updated_at;
    reject(&mut approver, &law, &signer, &id, reread)
        .expect("a sign-off from a read that saw the file lands");
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
    save_answer(
        &mut colleague,
        &law,
        &name,
        &request(&id, "DPO and legal", None),
    )
    .expect("his answer");

    let entries = b.audit_count();
    let refused = keep(
        &mut b,
        KeptKind::Assessment,
        &id,
        "2031-12-31",
        &read.version,
        None,
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
    let mine = keep(
        &mut b,
        KeptKind::Assessment,
        &id,
        "2031-12-31",
        &fresh.version,
        None,
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

pub(super) fn a_second_keep_until_from_one_read_is_refused_naming_who_set_the_first(
    mut b: impl Backend,
) {
    let law = LawRegister::bundled().expect("law");
    let (client, id) = pia(&mut b);
    let kind = KeptKind::Assessment;
    let mine = keep_until(&*b.store(), kind, &id).expect("my view");
    let (mut colleague, name) = b.colleague(&client);
    let theirs = keep_until(&colleague, kind, &id).expect("his view");
    assert_eq!(
        (&theirs.version, &theirs.keep_until),
        (&mine.version, &None)
    );
    // From the same read as mine, he sets a date first; the row's version stays as it was.
    set_keep_until_from(
        &mut colleague,
        &name,
        kind,
        &id,
        Some("2031-12-31"),
        Some(&theirs.version),
        Some(""),
    )
    .expect("his date lands");

    let entries = b.audit_count();
    let refused = keep(
        &mut b,
        kind,
        &id,
        "2032-06-30",
        &mine.version,
        Some(mine.keep_until.as_deref().unwrap_or_default()),
    )
    .expect_err("a date from the read before his is refused");
    assert!(
        refused
            .message(Lang::En)
            .contains("this keep-until date was changed by")
            && refused
                .message(Lang::Zh)
                .contains("此保存期限在您打开后已由"),
        "{refused:?}"
    );
    assert_stale(refused, &name);
    assert_eq!(b.audit_count(), entries, "nothing written");
    let now = keep_until(&*b.store(), kind, &id).expect("reload");
    assert_eq!(
        now.keep_until.as_deref(),
        Some("2031-12-31"),
        "his date stands"
    );

    // From the date now read, mine lands, and so does my next one from the date I set: the
    // page's version, which I keep sending, is still the one I read.
    for (date, read) in [("2032-06-30", "2031-12-31"), ("2033-01-31", "2032-06-30")] {
        let kept = keep(&mut b, kind, &id, date, &mine.version, Some(read))
            .expect("a date from the date I read lands");
        assert_eq!(kept.keep_until.as_deref(), Some(date));
    }
    // And my submission from the page I read is mine too.
    let submitted =
        crate::api::submit_assessment_read(b.store(), &law, ACTOR, &id, Some(&mine.version))
            .expect("a submission after the dates lands");
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
    let refused = keep(
        &mut b,
        KeptKind::Client,
        &client,
        "2032-01-31",
        &read.version,
        None,
    )
    .expect_err("a date from the view before his edit is refused");
    assert_stale(refused, &name);
    assert_eq!(b.audit_count(), entries, "nothing written");
    let now = keep_until(&*b.store(), KeptKind::Client, &client).expect("view");
    assert_eq!(now.keep_until, None);
    let kept = keep(
        &mut b,
        KeptKind::Client,
        &client,
        "2032-01-31",
        &now.version,
        None,
    )
    .expect("from a fresh read it lands");
    assert_eq!(kept.keep_until.as_deref(), Some("2032-01-31"));
}
