//! The list summaries on both back-ends: stored by each scoring write in its own unit of work,
//! replaced by the next, read whole, and scored again by the catch-up where one is missing or
//! comes from another scoring engine — always what a fresh scoring gives.

// Test code only (the suite is `#[cfg(test)]`): marked so, layers.rs reads what follows as
// tests, which may reach the domain and the use cases to build what they read.
#[cfg(test)]
use std::collections::HashMap;

use super::{ACTOR, Backend, client_request};
use crate::assessment::stored::{answers, create_assessment, outcome, save_answers};
use crate::assessment::{Answer, Answers, Summary};
use crate::vault::NewAssessment;
use crate::vault::store::{Read, Store, Work};

fn stored(b: &mut impl Backend) -> HashMap<String, Option<Summary>> {
    b.store()
        .summaries()
        .expect("summaries")
        .into_iter()
        .map(|(id, json)| (id, Summary::from_json(&json)))
        .collect()
}

fn fresh(b: &mut impl Backend, id: &str) -> Option<Summary> {
    let store = b.store();
    Some(Summary::of(
        &outcome(&*store, id).expect("outcome"),
        &answers(&*store, id).expect("answers"),
    ))
}

pub(super) fn summaries_are_stored_by_each_save_and_caught_up_alike(mut b: impl Backend) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let template = crate::template::bundled_for_test("pia");
    let new = |title: &str| NewAssessment {
        title: title.to_owned(),
        client_id: Some(client.id.clone()),
        ..NewAssessment::default()
    };
    let first = create_assessment(b.store(), ACTOR, &template, new("Loyalty PIA")).expect("a");
    let second = create_assessment(b.store(), ACTOR, &template, new("CRM PIA")).expect("b");
    let summaries = stored(&mut b);
    assert_eq!(summaries.len(), 2);
    assert_eq!(summaries[&first.id], fresh(&mut b, &first.id));
    assert_eq!(
        summaries[&first.id].as_ref().expect("read").next_review,
        None
    );

    let mut answered = Answers::new();
    answered.insert(
        "pia16_next_review".to_owned(),
        Answer::Text("2027-06-30".to_owned()),
    );
    save_answers(b.store(), ACTOR, &first.id, &answered).expect("save");
    let saved = stored(&mut b)
        .remove(&first.id)
        .flatten()
        .expect("rewritten");
    assert_eq!(saved.next_review.as_deref(), Some("2027-06-30"));
    assert_eq!(Some(saved), fresh(&mut b, &first.id));

    // One scored by an older engine reads as missing, and the catch-up scores it again.
    let mut work = b.store().begin().expect("begin");
    work.put_summary(&second.id, r#"{"engine":"0"}"#)
        .expect("put");
    work.commit().expect("commit");
    assert_eq!(stored(&mut b)[&second.id], None);
    crate::api::summaries::catch_up(b.store()).expect("catch up");
    let caught_up = stored(&mut b);
    assert_eq!(caught_up[&second.id], fresh(&mut b, &second.id));
    assert_eq!(caught_up[&first.id], fresh(&mut b, &first.id));
}
