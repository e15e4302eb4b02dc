//! No lost update beyond answers and registers, on both back-ends, through `api`: a status
//! change and an action update made from a read a colleague's change has overtaken are refused
//! (kind `stale`, naming him, in zh and en) with nothing written; from a fresh read they land.

// Test code only (the suite is `#[cfg(test)]`): layers.rs reads what follows as tests, which
// may reach `api` to drive the changes as the doors do.
use super::stale::{assert_stale, pia, request};
#[cfg(test)]
use super::{ACTOR, Backend};
use crate::api::{UpdateActionRequest, save_answer, submit_assessment_read, update_action};
use crate::law::LawRegister;
use crate::vault::store::Read;
use crate::vault::{ActionStatus, NewAction, Status};

const TODAY: &str = "2026-12-07";

pub(super) fn a_submission_after_a_colleagues_change_is_refused_and_one_from_a_fresh_read_lands(
    mut b: impl Backend,
) {
    let law = LawRegister::bundled().expect("law");
    let (client, id) = pia(&mut b);
    let read = b.store().assessment(&id).expect("read").updated_at;

    // A colleague answers a question after I opened the assessment.
    let (mut colleague, name) = b.colleague(&client);
    let answer = request(&id, "DPO and legal", None);
    save_answer(&mut colleague, &law, &name, &answer).expect("the colleague's answer");

    let entries = b.audit_count();
    let refused = submit_assessment_read(b.store(), &law, ACTOR, &id, Some(&read))
        .expect_err("a submission from the view before his answer is refused");
    assert_stale(refused, &name);
    assert_eq!(
        b.store().assessment(&id).expect("row").status,
        Status::Draft
    );
    assert_eq!(b.audit_count(), entries, "nothing written");

    let fresh = b.store().assessment(&id).expect("reload").updated_at;
    let view = submit_assessment_read(b.store(), &law, ACTOR, &id, Some(&fresh))
        .expect("a submission from a fresh read lands");
    assert_eq!(view.assessment.status, crate::api::Status::InReview);
}

pub(super) fn an_action_update_after_a_colleagues_is_refused_and_one_from_a_fresh_read_lands(
    mut b: impl Backend,
) {
    let (client, id) = pia(&mut b);
    let new = NewAction {
        assessment_id: Some(id.clone()),
        title: "Update the notice".to_owned(),
        ..NewAction::default()
    };
    let action = crate::api::action_writes::add_action(b.store(), ACTOR, &new).expect("action");
    let change = |status: ActionStatus, owner: &str, version: Option<&str>| UpdateActionRequest {
        id: action.id.clone(),
        status: Some(status.into()),
        title: None,
        owner: Some(owner.to_owned()),
        due_date: None,
        note: None,
        version: version.map(str::to_owned),
    };

    let (mut colleague, name) = b.colleague(&client);
    update_action(
        &mut colleague,
        &name,
        &change(ActionStatus::InProgress, "Bob", Some(&action.updated_at)),
        TODAY,
    )
    .expect("the colleague's update from the action he read lands");

    // Mine, from the action as it was, is refused even though it sets another field.
    let entries = b.audit_count();
    let refused = update_action(
        b.store(),
        ACTOR,
        &change(ActionStatus::Done, "Ann", Some(&action.updated_at)),
        TODAY,
    )
    .expect_err("an update from the action before his is refused");
    assert_stale(refused, &name);
    let stored = b.store().action(&action.id).expect("action");
    assert_eq!(
        (stored.status, stored.owner.as_str()),
        (ActionStatus::InProgress, "Bob"),
        "his update stands, mine is not written"
    );
    assert_eq!(b.audit_count(), entries, "nothing written");

    let updated = update_action(
        b.store(),
        ACTOR,
        &change(ActionStatus::Done, "Ann", Some(&stored.updated_at)),
        TODAY,
    )
    .expect("an update from a fresh read lands");
    assert_eq!(updated.owner, "Ann");
}
