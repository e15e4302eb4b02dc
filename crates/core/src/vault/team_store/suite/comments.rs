//! Comments on questions through api's use cases (add, list, resolve) on both back-ends: the
//! rows and audit entries alike, the refusals alike, and a re-opened version taking over the
//! open comments.

// Test code only (the suite is `#[cfg(test)]`): marked so, layers.rs reads what follows as
// tests, which may reach the use cases.
#[cfg(test)]
use super::{ACTOR, Backend, client_request, entry};
use crate::api::{self, CommentThread};
use crate::assessment::stored::create_assessment;
use crate::error::{Entity, Error, Invalid};
use crate::vault::store::{Read, Store, Work};
use crate::vault::{NewAssessment, Status};

const LATER: &str = "2026-12-07T11:00:00.000Z";

/// A PIA draft of a client, from the bundled template; returns its id.
fn pia(b: &mut impl Backend) -> String {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let template = crate::template::bundled_for_test("pia");
    let new = NewAssessment {
        title: "Loyalty PIA".to_owned(),
        client_id: Some(client.id),
        ..NewAssessment::default()
    };
    create_assessment(b.store(), ACTOR, &template, new)
        .expect("assessment")
        .id
}

/// A thread as compared: question, open count, (text, resolved) oldest first within each group.
type Shape = (String, u32, Vec<(String, bool)>);

fn shape(threads: &[CommentThread]) -> Vec<Shape> {
    threads
        .iter()
        .map(|t| {
            (
                t.question_id.clone(),
                t.open,
                t.comments
                    .iter()
                    .map(|c| (c.text.clone(), c.resolved_at.is_some()))
                    .collect(),
            )
        })
        .collect()
}

pub(super) fn comments_are_added_listed_and_resolved_alike(mut b: impl Backend) {
    let a = pia(&mut b);
    let law = crate::law::LawRegister::bundled().expect("law");
    // The answers and the outcome (rating, findings, open points) as the screen gets them.
    let view = |b: &mut dyn FnMut() -> api::AssessmentView| {
        let json = serde_json::to_value(b()).expect("view as JSON");
        (json["answers"].clone(), json["outcome"].clone())
    };
    let before = view(&mut || api::AssessmentView::build(&*b.store(), &law, &a).expect("view"));
    let first = api::add_comment(
        b.store(),
        ACTOR,
        &a,
        "pia01_regime",
        "  Which purpose exactly?  ",
    )
    .expect("add");
    assert_eq!(
        (
            first.assessment_id.as_str(),
            first.question_id.as_str(),
            first.text.as_str(),
            first.author.clone(),
            first.resolved_by.is_none()
        ),
        (
            a.as_str(),
            "pia01_regime",
            "Which purpose exactly?",
            b.actor(),
            true
        ),
        "trimmed, written by the acting member"
    );
    let second =
        api::add_comment(b.store(), ACTOR, &a, "pia01_regime", "说明保存期限").expect("add");
    let third =
        api::add_comment(b.store(), ACTOR, &a, "pia01_decided_in", "Check the list").expect("add");

    let resolved = api::resolve_comment(b.store(), ACTOR, &first.id).expect("resolve");
    assert_eq!(resolved.resolved_by, Some(b.actor()));
    assert!(resolved.resolved_at.is_some());

    let after = view(&mut || api::AssessmentView::build(&*b.store(), &law, &a).expect("view"));
    assert!(before.1["findings"].is_array(), "{:?}", before.1);
    assert_eq!(
        before, after,
        "comments change neither answers, outcome nor findings"
    );

    let threads = api::list_comments(&*b.store(), &a).expect("list");
    // pia01_regime comes before pia01_decided_in in the template.
    let expected = vec![
        (
            "pia01_regime".to_owned(),
            1,
            vec![
                ("说明保存期限".to_owned(), false),
                ("Which purpose exactly?".to_owned(), true),
            ],
        ),
        (
            "pia01_decided_in".to_owned(),
            1,
            vec![("Check the list".to_owned(), false)],
        ),
    ];
    assert_eq!(
        shape(&threads),
        expected,
        "by question in template order, open first"
    );
    assert_eq!(threads.iter().flat_map(|t| &t.comments).count(), 3);

    let audit: Vec<_> = b
        .audit()
        .into_iter()
        .filter(|(_, _, kind, _)| kind == "comment")
        .collect();
    let actor = b.actor();
    assert_eq!(
        audit,
        [
            entry(&actor, "comment.added", "comment", &first.id),
            entry(&actor, "comment.added", "comment", &second.id),
            entry(&actor, "comment.added", "comment", &third.id),
            entry(&actor, "comment.resolved", "comment", &first.id),
        ]
    );
}

pub(super) fn comments_are_refused_alike(mut b: impl Backend) {
    let a = pia(&mut b);
    let invalid = |e: Error| match e {
        Error::InvalidInput { field, reason } => (field, reason),
        other => panic!("{other}"),
    };
    let err = api::add_comment(b.store(), ACTOR, &a, "pia01_regime", " \n ").expect_err("empty");
    assert_eq!(invalid(err), ("comment", Invalid::Empty));
    let err =
        api::add_comment(b.store(), ACTOR, &a, "no_such_question", "text").expect_err("question");
    assert!(
        matches!(&err, Error::NotFound { entity: Entity::Question, id } if id == "no_such_question"),
        "{err}"
    );
    let err = api::resolve_comment(b.store(), ACTOR, "no-such-comment").expect_err("comment");
    assert!(
        matches!(
            &err,
            Error::NotFound {
                entity: Entity::Comment,
                ..
            }
        ),
        "{err}"
    );
    let err = api::add_comment(
        b.store(),
        ACTOR,
        "no-such-assessment",
        "pia01_regime",
        "text",
    )
    .expect_err("assessment");
    assert!(
        matches!(
            &err,
            Error::NotFound {
                entity: Entity::Assessment,
                ..
            }
        ),
        "{err}"
    );

    let c = api::add_comment(b.store(), ACTOR, &a, "pia01_regime", "Why?").expect("add");
    api::resolve_comment(b.store(), ACTOR, &c.id).expect("resolve");
    let err = api::resolve_comment(b.store(), ACTOR, &c.id).expect_err("twice");
    assert_eq!(invalid(err), ("comment", Invalid::CommentResolved));

    // In review: still open to comments (a reviewer comments on a submitted version).
    let mut work = b.store().begin().expect("begin");
    work.set_status(&a, Status::InReview, LATER)
        .expect("submit");
    work.commit().expect("commit");
    let open = api::add_comment(b.store(), ACTOR, &a, "pia01_regime", "Still?").expect("in review");

    let mut work = b.store().begin().expect("begin");
    work.set_status(&a, Status::Approved, LATER)
        .expect("approve");
    work.commit().expect("commit");
    let err = api::add_comment(b.store(), ACTOR, &a, "pia01_regime", "Late").expect_err("signed");
    assert_eq!(invalid(err), ("comment", Invalid::CommentsClosed));
    let err = api::resolve_comment(b.store(), ACTOR, &open.id).expect_err("signed");
    assert_eq!(invalid(err), ("comment", Invalid::CommentsClosed));
    let comments: usize = api::list_comments(&*b.store(), &a)
        .expect("list")
        .iter()
        .map(|t| t.comments.len())
        .sum();
    assert_eq!(comments, 2, "refusals wrote nothing");
}

pub(super) fn a_reopened_version_takes_over_the_open_comments_alike(mut b: impl Backend) {
    let a = pia(&mut b);
    let open = api::add_comment(b.store(), ACTOR, &a, "pia01_regime", "Open point").expect("add");
    let done = api::add_comment(b.store(), ACTOR, &a, "pia01_regime", "Settled").expect("add");
    api::resolve_comment(b.store(), ACTOR, &done.id).expect("resolve");
    let next = crate::id::new_id();
    let mut work = b.store().begin().expect("begin");
    work.set_status(&a, Status::Approved, LATER)
        .expect("approve");
    work.copy_as_next_version(&a, &next, ACTOR, LATER)
        .expect("next version");
    work.commit().expect("commit");

    let ids = |b: &mut dyn FnMut() -> Vec<crate::vault::CommentRow>| {
        b().into_iter().map(|c| c.id).collect::<Vec<_>>()
    };
    let on_old = ids(&mut || b.store().comments(&a).expect("old"));
    let on_new = ids(&mut || b.store().comments(&next).expect("new"));
    assert_eq!(
        (on_old, on_new),
        (vec![done.id.clone()], vec![open.id.clone()])
    );
    let resolved = api::resolve_comment(b.store(), ACTOR, &open.id).expect("resolve on the draft");
    assert_eq!(resolved.assessment_id, next);
}
