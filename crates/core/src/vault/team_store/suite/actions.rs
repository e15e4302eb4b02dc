//! The action reads of `Read` (the filtered list in its order, one action, the first on a
//! finding) on both back-ends.

// Test code only (the suite is `#[cfg(test)]`): marked so, layers.rs reads what follows as
// tests, which may reach the domain (templates, the use cases) to build what they read.
#[cfg(test)]
use super::{ACTOR, Backend, client_request};
use crate::assessment::stored::create_assessment;
use crate::error::{Entity, Error};
use crate::i18n::Text;
use crate::vault::store::{Read, Store, Work};
use crate::vault::{Action, ActionFilter, ActionStatus, NewAssessment};

fn action(id: &str, assessment: Option<&str>, client: Option<&str>) -> Action {
    Action {
        id: id.to_owned(),
        assessment_id: assessment.map(str::to_owned),
        client_id: client.map(str::to_owned),
        finding_id: String::new(),
        title: format!("Action {id}"),
        title_words: None,
        owner: "Ann".to_owned(),
        due_date: None,
        status: ActionStatus::Open,
        note: String::new(),
        created_at: "2026-12-07T10:00:00.000Z".to_owned(),
        updated_at: "2026-12-07T10:00:00.000Z".to_owned(),
    }
}

pub(super) fn actions_are_read_alike(mut b: impl Backend) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let template = crate::template::bundled_for_test("pia");
    let new = NewAssessment {
        title: "Loyalty PIA".to_owned(),
        client_id: Some(client.id.clone()),
        ..NewAssessment::default()
    };
    let a = create_assessment(b.store(), ACTOR, &template, new).expect("assessment");

    let mut late = action("late", Some(&a.id), Some(&client.id));
    late.due_date = Some("2026-11-30".to_owned());
    late.finding_id = "f1".to_owned();
    late.title_words = Some(Text::new("补充隐私声明", "Complete the notice"));
    let mut done = action("done", Some(&a.id), Some(&client.id));
    done.due_date = Some("2026-11-01".to_owned());
    done.status = ActionStatus::Done;
    let mut second_on_f1 = action("second", Some(&a.id), Some(&client.id));
    second_on_f1.finding_id = "f1".to_owned();
    second_on_f1.created_at = "2026-12-07T11:00:00.000Z".to_owned();
    let undated = action("undated", None, Some(&client.id));
    let mut work = b.store().begin().expect("begin");
    for each in [&late, &done, &second_on_f1, &undated] {
        work.insert_action(each).expect("action");
    }
    work.commit().expect("commit");

    let ids = |actions: Vec<Action>| actions.into_iter().map(|a| a.id).collect::<Vec<_>>();
    let all = b.store().actions(&ActionFilter::default()).expect("all");
    assert_eq!(
        ids(all),
        ["done", "late", "undated", "second"],
        "soonest due first, undated last by creation"
    );
    let of_client = ActionFilter {
        client_id: Some(client.id.clone()),
        status: Some(ActionStatus::Open),
        ..ActionFilter::default()
    };
    assert_eq!(
        ids(b.store().actions(&of_client).expect("client's open")),
        ["late", "undated", "second"]
    );
    let of_assessment = ActionFilter {
        assessment_id: Some(a.id.clone()),
        overdue_on: Some("2026-12-07".to_owned()),
        ..ActionFilter::default()
    };
    assert_eq!(
        ids(b.store().actions(&of_assessment).expect("overdue")),
        ["late"]
    );

    assert_eq!(b.store().action("late").expect("one"), late);
    assert_eq!(
        b.store().first_action_on(&a.id, "f1").expect("first"),
        Some(late.clone())
    );
    assert_eq!(b.store().first_action_on(&a.id, "f9").expect("none"), None);
    match b.store().action("missing") {
        Err(Error::NotFound { entity, .. }) => assert_eq!(entity, Entity::Action),
        other => panic!("{other:?}"),
    }
}
