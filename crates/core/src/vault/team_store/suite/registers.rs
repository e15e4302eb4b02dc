//! The register use cases (`store::add_client`, `add_data_source`, `add_vendor`,
//! `register::archive`) and the unit of work itself, on both back-ends.

use super::{ACTOR, Backend, client_request, entry, source_request, vendor_request};
use crate::error::{Entity, Error, ErrorKind, Invalid};
use crate::vault::register::archive;
use crate::vault::store::{Read, Register, Store, Work};
use crate::vault::{Client, DataSource, Vendor};

pub(super) fn a_client_is_stored_with_its_audit_entry(mut b: impl Backend) {
    let added =
        crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme 有限公司"))
            .expect("add");
    let stored = b.store().client(&added.id).expect("stored");
    assert_eq!(
        stored,
        Client {
            id: added.id.clone(),
            name: "Acme 有限公司".to_owned(),
            matter: "Loyalty programme".to_owned(),
            contact: "dpo@acme.example".to_owned(),
            notes: "客户备注".to_owned(),
            archived: false,
            created_at: added.created_at.clone(),
            updated_at: added.created_at.clone(),
        }
    );
    assert!(
        !b.store()
            .archived(Register::Clients, &added.id)
            .expect("flag")
    );
    let actor = b.actor();
    assert_eq!(
        b.audit(),
        [entry(&actor, "client.added", "client", &added.id)]
    );
}

pub(super) fn a_data_source_and_a_vendor_are_stored_under_their_client(mut b: impl Backend) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let source =
        crate::vault::data_sources::add_data_source(b.store(), ACTOR, &source_request(&client.id))
            .expect("source");
    let vendor = crate::vault::vendors::add_vendor(b.store(), ACTOR, &vendor_request(&client.id))
        .expect("vendor");

    let stored = b.data_source(&source.id).expect("source stored");
    assert_eq!(
        (
            stored.client_id.as_str(),
            stored.name.as_str(),
            stored.channel.as_str()
        ),
        (client.id.as_str(), "Newsletter sign-up", "WEB"),
        "the channel code is stored upper-case on both"
    );
    assert_eq!(
        (stored.platform.as_str(), stored.archived),
        ("WeChat", false)
    );
    let stored = b.vendor(&vendor.id).expect("vendor stored");
    assert_eq!(
        (
            stored.client_id.as_str(),
            stored.name.as_str(),
            stored.country.as_str(),
            stored.next_review.as_deref()
        ),
        (client.id.as_str(), "Mailer Ltd", "IE", Some("2027-03-31"))
    );
    let actor = b.actor();
    assert_eq!(
        b.audit(),
        [
            entry(&actor, "client.added", "client", &client.id),
            entry(&actor, "data_source.added", "data_source", &source.id),
            entry(&actor, "vendor.added", "vendor", &vendor.id),
        ]
    );
}

pub(super) fn an_archived_client_takes_nothing_new(mut b: impl Backend) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    archive::<Client, _>(b.store(), ACTOR, &client.id, true).expect("archive");
    assert!(
        b.store()
            .archived(Register::Clients, &client.id)
            .expect("flag")
    );
    let before = b.audit();

    for refused in [
        crate::vault::data_sources::add_data_source(b.store(), ACTOR, &source_request(&client.id))
            .map(drop),
        crate::vault::vendors::add_vendor(b.store(), ACTOR, &vendor_request(&client.id)).map(drop),
    ] {
        assert!(
            matches!(
                refused,
                Err(Error::InvalidInput {
                    field: "client",
                    reason: Invalid::ClientArchived
                })
            ),
            "{refused:?}"
        );
    }
    assert_eq!(b.audit(), before, "a refusal writes no audit entry");
    let actor = b.actor();
    assert_eq!(
        before.last(),
        Some(&entry(&actor, "client.archived", "client", &client.id))
    );

    // Brought back, it takes new entries again.
    archive::<Client, _>(b.store(), ACTOR, &client.id, false).expect("back");
    let source =
        crate::vault::data_sources::add_data_source(b.store(), ACTOR, &source_request(&client.id))
            .expect("source");
    assert!(b.data_source(&source.id).is_some());
}

pub(super) fn what_is_not_there_is_not_found(mut b: impl Backend) {
    let missing = "0190a000-0000-7000-8000-000000000000";
    let not_found = |result: crate::Result<()>, expected: Entity| match result {
        Err(Error::NotFound { entity, id }) => {
            assert_eq!((entity, id.as_str()), (expected, missing));
        }
        other => panic!("expected NotFound, got {other:?}"),
    };
    not_found(b.store().client(missing).map(drop), Entity::Client);
    not_found(
        b.store().archived(Register::Vendors, missing).map(drop),
        Entity::Vendor,
    );
    not_found(
        crate::vault::vendors::add_vendor(b.store(), ACTOR, &vendor_request(missing)).map(drop),
        Entity::Client,
    );
    not_found(
        crate::vault::data_sources::add_data_source(b.store(), ACTOR, &source_request(missing))
            .map(drop),
        Entity::Client,
    );
    not_found(
        archive::<DataSource, _>(b.store(), ACTOR, missing, true),
        Entity::DataSource,
    );
    let mut work = b.store().begin().expect("begin");
    not_found(
        work.set_archived(Register::Clients, missing, true, "2026-12-07T00:00:00.000Z")
            .map(drop),
        Entity::Client,
    );
    drop(work);
    assert_eq!(b.audit(), [], "nothing was written");
}

pub(super) fn invalid_input_writes_nothing(mut b: impl Backend) {
    let refused = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("  "));
    assert!(
        matches!(&refused, Err(Error::InvalidInput { field: "name", .. })),
        "{refused:?}"
    );
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let mut bad = source_request(&client.id);
    bad.channel = "not a channel code".to_owned();
    let refused = crate::vault::data_sources::add_data_source(b.store(), ACTOR, &bad);
    assert_eq!(
        refused.as_ref().map_err(Error::kind).err(),
        Some(ErrorKind::InvalidInput),
        "{refused:?}"
    );
    let actor = b.actor();
    assert_eq!(
        b.audit(),
        [entry(&actor, "client.added", "client", &client.id)]
    );
}

pub(super) fn a_unit_dropped_before_commit_leaves_nothing(mut b: impl Backend) {
    let client = Client::checked(
        &client_request("Never stored"),
        crate::id::new_id(),
        &crate::time::now(),
    )
    .expect("checked");
    {
        let mut work = b.store().begin().expect("begin");
        work.insert_client(&client).expect("insert");
        work.append_audit(Client::added(ACTOR, &client.id), &client.created_at)
            .expect("audit");
        // Dropped here, uncommitted.
    }
    assert!(matches!(
        b.store().client(&client.id),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(b.audit(), []);

    // The same unit committed lands, change and entry together.
    let mut work = b.store().begin().expect("begin");
    work.insert_client(&client).expect("insert");
    work.append_audit(Client::added(ACTOR, &client.id), &client.created_at)
        .expect("audit");
    work.commit().expect("commit");
    assert_eq!(b.store().client(&client.id).expect("stored").id, client.id);
    let actor = b.actor();
    assert_eq!(
        b.audit(),
        [entry(&actor, "client.added", "client", &client.id)]
    );
}

pub(super) fn archiving_twice_writes_once(mut b: impl Backend) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let vendor = crate::vault::vendors::add_vendor(b.store(), ACTOR, &vendor_request(&client.id))
        .expect("vendor");
    for _ in 0..2 {
        archive::<Vendor, _>(b.store(), ACTOR, &vendor.id, true).expect("archive");
    }
    assert!(b.vendor(&vendor.id).expect("vendor").archived);
    let mut work = b.store().begin().expect("begin");
    let changed = work
        .set_archived(
            Register::Vendors,
            &vendor.id,
            true,
            "2026-12-07T00:00:00.000Z",
        )
        .expect("same flag");
    assert!(!changed, "the flag it already has is no change");
    drop(work);
    let actor = b.actor();
    assert_eq!(
        b.audit(),
        [
            entry(&actor, "client.added", "client", &client.id),
            entry(&actor, "vendor.added", "vendor", &vendor.id),
            entry(&actor, "vendor.archived", "vendor", &vendor.id),
        ]
    );
}
