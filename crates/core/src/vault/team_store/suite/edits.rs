//! Register edits (`update_client`, `update_data_source`, `update_vendor`, through
//! `Work::update_*`) on both back-ends: the changed fields stored, the others kept, one audit
//! entry each, and an edit that changes nothing writes nothing.

use super::{ACTOR, Backend, client_request, entry, source_request, vendor_request};
use crate::vault::store::Read;
use crate::vault::{UpdateClient, UpdateDataSource, UpdateVendor};
use crate::vault::{clients, data_sources, vendors};

pub(super) fn register_edits_are_stored_with_their_audit_entries(mut b: impl Backend) {
    let client = clients::add_client(b.store(), ACTOR, &client_request("Acme")).expect("client");
    let source = data_sources::add_data_source(b.store(), ACTOR, &source_request(&client.id))
        .expect("source");
    let vendor =
        vendors::add_vendor(b.store(), ACTOR, &vendor_request(&client.id)).expect("vendor");

    let edit = UpdateClient {
        name: Some("Acme 集团".to_owned()),
        notes: Some("新备注".to_owned()),
        ..UpdateClient::default()
    };
    let edited = clients::update_client(b.store(), ACTOR, &client.id, &edit).expect("client");
    let stored = b.store().client(&client.id).expect("stored");
    assert_eq!(stored, edited);
    assert_eq!(
        (
            stored.name.as_str(),
            stored.notes.as_str(),
            stored.matter.as_str(),
            stored.contact.as_str()
        ),
        (
            "Acme 集团",
            "新备注",
            "Loyalty programme",
            "dpo@acme.example"
        ),
        "what the edit leaves out is kept"
    );

    let edit = UpdateDataSource {
        name: Some("Loyalty app".to_owned()),
        platform: Some("Alipay".to_owned()),
        ..UpdateDataSource::default()
    };
    let edited =
        data_sources::update_data_source(b.store(), ACTOR, &source.id, &edit).expect("source");
    let stored = b.data_source(&source.id).expect("source stored");
    assert_eq!(stored, edited);
    assert_eq!(
        (
            stored.name.as_str(),
            stored.platform.as_str(),
            stored.channel.as_str()
        ),
        ("Loyalty app", "Alipay", "WEB")
    );

    let edit = UpdateVendor {
        country: Some("DE".to_owned()),
        next_review: Some("2027-06-30".to_owned()),
        ..UpdateVendor::default()
    };
    let edited = vendors::update_vendor(b.store(), ACTOR, &vendor.id, &edit).expect("vendor");
    let stored = b.vendor(&vendor.id).expect("vendor stored");
    assert_eq!(stored, edited);
    assert_eq!(
        (
            stored.country.as_str(),
            stored.next_review.as_deref(),
            stored.name.as_str()
        ),
        ("DE", Some("2027-06-30"), "Mailer Ltd")
    );

    // The same values again: nothing to store, no audit entry.
    vendors::update_vendor(b.store(), ACTOR, &vendor.id, &edit).expect("same vendor");

    let actor = b.actor();
    assert_eq!(
        b.audit(),
        [
            entry(&actor, "client.added", "client", &client.id),
            entry(&actor, "data_source.added", "data_source", &source.id),
            entry(&actor, "vendor.added", "vendor", &vendor.id),
            entry(&actor, "client.updated", "client", &client.id),
            entry(&actor, "data_source.updated", "data_source", &source.id),
            entry(&actor, "vendor.updated", "vendor", &vendor.id),
        ]
    );
}
