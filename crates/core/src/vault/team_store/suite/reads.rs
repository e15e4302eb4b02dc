//! The assessment reads of `Read` (rows, the list, the snapshot as a template, answers, links
//! both ways, the next version, evidence, filing, keep-until dates) on both back-ends, through
//! the generic use cases that read them. Sign-offs need an approver who did not edit: the
//! team-only tests read them back (`team_tests`).

// Test code only (the suite is `#[cfg(test)]`): marked so, layers.rs reads what follows as
// tests, which may reach the domain (templates, the use cases) to build what they read.
#[cfg(test)]
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::{ACTOR, Backend, client_request};
use crate::assessment::stored::{answers, create_assessment, shared_template};
use crate::error::{Entity, Error};
use crate::kind::Kind;
use crate::vault::store::{Read, Store, Work};
use crate::vault::{EvidenceRecord, Kept, NewAssessment, Status};

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

pub(super) fn evidence_filing_and_keep_until_are_read_alike(mut b: impl Backend) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let template = crate::template::bundled_for_test("pia");
    let filed = NewAssessment {
        title: "Loyalty PIA".to_owned(),
        client_id: Some(client.id.clone()),
        ..NewAssessment::default()
    };
    let a = create_assessment(b.store(), ACTOR, &template, filed).expect("filed");
    let unfiled = NewAssessment {
        title: "Unfiled PIA".to_owned(),
        ..NewAssessment::default()
    };
    let loose = create_assessment(b.store(), ACTOR, &template, unfiled).expect("unfiled");

    assert_eq!(
        b.store().assessment_client(&a.id).expect("filed"),
        Some(client.id.clone())
    );
    assert_eq!(
        b.store().assessment_client(&loose.id).expect("unfiled"),
        None
    );
    assert!(matches!(
        b.store().assessment_client("missing"),
        Err(Error::NotFound { .. })
    ));

    let files = [
        ("e2", "2026-12-07T10:00:02.000Z", b"second".as_slice()),
        ("e1", "2026-12-07T10:00:01.000Z", b"first".as_slice()),
    ];
    let mut work = b.store().begin().expect("begin");
    for (id, at, content) in files {
        let record = EvidenceRecord {
            id: id.to_owned(),
            assessment_id: a.id.clone(),
            question_id: "q".to_owned(),
            file_name: format!("{id}.pdf"),
            size: content.len() as u64,
            sha256: hex::encode(Sha256::digest(content)),
            added_by: ACTOR.to_owned(),
            added_at: at.to_owned(),
        };
        work.insert_evidence(&record, content).expect("evidence");
    }
    work.set_keep_until(Kept::Client, &client.id, Some("2030-01-31"))
        .expect("client keep-until");
    work.commit().expect("commit");

    let listed = b.store().evidence(&a.id).expect("evidence");
    assert_eq!(
        listed
            .iter()
            .map(|e| (e.id.as_str(), e.size, e.file_name.as_str()))
            .collect::<Vec<_>>(),
        [("e1", 5, "e1.pdf"), ("e2", 6, "e2.pdf")],
        "oldest first"
    );
    let mut hashes: Vec<String> = files
        .iter()
        .map(|(_, _, content)| hex::encode(Sha256::digest(content)))
        .collect();
    hashes.sort();
    assert_eq!(b.store().evidence_hashes(&a.id).expect("hashes"), hashes);

    assert_eq!(
        b.store()
            .keep_until(Kept::Client, &client.id)
            .expect("client"),
        Some("2030-01-31".to_owned())
    );
    assert_eq!(
        b.store()
            .keep_until(Kept::Assessment, &a.id)
            .expect("assessment"),
        None
    );
    assert!(matches!(
        b.store().keep_until(Kept::Assessment, "missing"),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(
        b.store().pia_approved_on(&a.id).expect("never signed"),
        None
    );
    assert!(b.store().sign_off_rows(&a.id).expect("none").is_empty());
}
