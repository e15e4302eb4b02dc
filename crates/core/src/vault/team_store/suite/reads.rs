//! The assessment reads of `Read` (rows, the list, the snapshot as a template, answers, links
//! both ways, the next version) on both back-ends, through the generic use cases that read them.

use std::sync::Arc;

use super::{ACTOR, Backend, client_request};
use crate::assessment::stored::{answers, create_assessment, shared_template};
use crate::error::{Entity, Error};
use crate::kind::Kind;
use crate::vault::store::{Read, Store, Work};
use crate::vault::{NewAssessment, Status};

const AT: &str = "2026-12-07T10:00:00.000Z";

pub(super) fn assessments_are_read_alike(mut b: impl Backend) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let template = crate::template::bundled_for_test("pia");
    let new = |title: &str| NewAssessment {
        title: title.to_owned(),
        client_id: Some(client.id.clone()),
        ..NewAssessment::default()
    };
    let a = create_assessment(b.store(), ACTOR, &template, new(" Loyalty PIA ")).expect("a");
    let second = create_assessment(b.store(), ACTOR, &template, new("CRM PIA")).expect("b");

    let read = b.store().assessment(&a.id).expect("read back");
    assert_eq!(read, a);
    assert_eq!(
        (
            read.kind,
            read.title.as_str(),
            read.status,
            read.version,
            read.client_id.as_deref()
        ),
        (
            Kind::Pia,
            "Loyalty PIA",
            Status::Draft,
            1,
            Some(client.id.as_str())
        )
    );
    assert_eq!(
        (read.template_id.as_str(), read.template_version.as_str()),
        (template.id.as_str(), template.version.as_str())
    );

    // Newest first; ties by id, both descending (compared as bytes).
    let mut expected = vec![a.clone(), second.clone()];
    expected.sort_by(|x, y| (&y.created_at, &y.id).cmp(&(&x.created_at, &x.id)));
    assert_eq!(b.store().assessments().expect("list"), expected);

    // The snapshot reads back as the template it was started from, parsed once.
    let first = shared_template(&*b.store(), &a.id).expect("template");
    assert_eq!(*first, template);
    let again = shared_template(&*b.store(), &second.id).expect("template again");
    assert!(Arc::ptr_eq(&first, &again), "one snapshot, parsed once");

    let mut work = b.store().begin().expect("begin");
    work.put_answer(&a.id, "pia_purpose", r#""loyalty""#, ACTOR, AT)
        .expect("answer");
    work.put_answer(&a.id, "a_first", r#"["x"]"#, ACTOR, AT)
        .expect("answer");
    work.link_assessments(&a.id, &second.id).expect("link");
    work.commit().expect("commit");
    assert_eq!(
        b.store().answer_rows(&a.id).expect("rows"),
        [
            ("a_first".to_owned(), r#"["x"]"#.to_owned()),
            ("pia_purpose".to_owned(), r#""loyalty""#.to_owned())
        ]
    );
    assert_eq!(answers(&*b.store(), &a.id).expect("answers").len(), 2);
    assert_eq!(
        b.store().linked_ids(&a.id).expect("linked"),
        [second.id.as_str()]
    );
    assert_eq!(
        b.store().linking_ids(&second.id).expect("linking"),
        [a.id.as_str()]
    );
    assert!(b.store().linking_ids(&a.id).expect("none").is_empty());

    assert_eq!(b.store().successor_of(&a.id).expect("none yet"), None);
    let next = crate::id::new_id();
    let mut work = b.store().begin().expect("begin");
    work.copy_as_next_version(&a.id, &next, ACTOR, AT)
        .expect("next version");
    work.commit().expect("commit");
    assert_eq!(
        b.store().successor_of(&a.id).expect("next"),
        Some(next.clone())
    );
    let copied = b.store().assessment(&next).expect("next version");
    assert_eq!(
        (copied.version, copied.previous_id.as_deref()),
        (2, Some(a.id.as_str()))
    );
    assert_eq!(
        b.store().answer_rows(&next).expect("copied answers").len(),
        2
    );

    let missing = "no-such-assessment";
    match b.store().assessment(missing) {
        Err(Error::NotFound { entity, id }) => {
            assert_eq!((entity, id.as_str()), (Entity::Assessment, missing));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        shared_template(&*b.store(), missing),
        Err(Error::NotFound { .. })
    ));
}
