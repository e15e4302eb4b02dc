//! The register lists on both back-ends: the same filters and the same order — names folded on
//! A–Z only and compared bytewise, as SQLite's `NOCASE` does, whatever the database's locale.

use super::{ACTOR, Backend, client_request, source_request, vendor_request};
use crate::error::{Error, Invalid};
use crate::vault::register::archive;
use crate::vault::{Client, DataSourceFilter, VendorFilter};

fn names<T>(rows: &[T], name: impl Fn(&T) -> &str) -> Vec<String> {
    rows.iter().map(|row| name(row).to_owned()).collect()
}

pub(super) fn clients_are_listed_alike(mut b: impl Backend) {
    let mut archived = String::new();
    for name in [
        "beta",
        "中文客户",
        "Alpha",
        "éclair",
        "Zeta",
        "Archived one",
        "Éclair",
        "_intern",
    ] {
        let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request(name))
            .expect("client");
        if name == "Archived one" {
            archived = client.id;
        }
    }
    archive::<Client, _>(b.store(), ACTOR, &archived, true).expect("archive");

    let current = b.clients(false).expect("clients");
    assert_eq!(
        names(&current, |c| &c.name),
        [
            "_intern",
            "Alpha",
            "beta",
            "Zeta",
            "Éclair",
            "éclair",
            "中文客户"
        ]
    );
    let all = b.clients(true).expect("all clients");
    assert_eq!(
        names(&all, |c| &c.name),
        [
            "_intern",
            "Alpha",
            "Archived one",
            "beta",
            "Zeta",
            "Éclair",
            "éclair",
            "中文客户"
        ]
    );
    assert!(all.iter().any(|c| c.archived && c.id == archived));
}

pub(super) fn data_sources_and_vendors_are_listed_alike(mut b: impl Backend) {
    let acme = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let gone = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Gone"))
        .expect("client");
    let add_source = |b: &mut _, client: &str, name: &str| {
        let mut new = source_request(client);
        new.name = name.to_owned();
        crate::vault::data_sources::add_data_source(b, ACTOR, &new)
            .expect("source")
            .id
    };
    add_source(b.store(), &acme.id, "web b");
    add_source(b.store(), &acme.id, "Web a");
    let old = add_source(b.store(), &acme.id, "old form");
    add_source(b.store(), &gone.id, "gone's shop");
    for (name, review) in [
        ("Mailer", Some("2027-05-01")),
        ("cloud", Some("2027-01-15")),
        ("Later", Some("2028-01-01")),
        ("never", None),
    ] {
        let mut new = vendor_request(&acme.id);
        new.name = name.to_owned();
        new.next_review = review.map(str::to_owned);
        crate::vault::vendors::add_vendor(b.store(), ACTOR, &new).expect("vendor");
    }
    let mut new = vendor_request(&gone.id);
    new.name = "gone's vendor".to_owned();
    crate::vault::vendors::add_vendor(b.store(), ACTOR, &new).expect("vendor");
    archive::<crate::vault::DataSource, _>(b.store(), ACTOR, &old, true).expect("archive");
    archive::<Client, _>(b.store(), ACTOR, &gone.id, true).expect("archive");

    let sources = |b: &mut _, client_id: Option<&str>, include_archived| {
        let filter = DataSourceFilter {
            client_id: client_id.map(str::to_owned),
            include_archived,
        };
        let rows = Backend::data_sources(b, &filter).expect("data sources");
        names(&rows, |s| &s.name)
    };
    assert_eq!(sources(&mut b, None, false), ["Web a", "web b"]);
    assert_eq!(
        sources(&mut b, None, true),
        ["gone's shop", "old form", "Web a", "web b"]
    );
    assert_eq!(sources(&mut b, Some(&gone.id), true), ["gone's shop"]);
    assert_eq!(sources(&mut b, Some(&gone.id), false), Vec::<String>::new());

    let vendors = |b: &mut _, due_by: Option<&str>, include_archived| {
        let filter = VendorFilter {
            client_id: None,
            review_due_by: due_by.map(str::to_owned),
            include_archived,
        };
        Backend::vendors(b, &filter).map(|rows| names(&rows, |v| &v.name))
    };
    assert_eq!(
        vendors(&mut b, None, false).expect("vendors"),
        ["cloud", "Later", "Mailer", "never"]
    );
    assert_eq!(
        vendors(&mut b, None, true).expect("vendors"),
        ["cloud", "gone's vendor", "Later", "Mailer", "never"]
    );
    assert_eq!(
        vendors(&mut b, Some("2027-06-30"), false).expect("due"),
        ["cloud", "Mailer"],
        "soonest review first"
    );
    let refused = vendors(&mut b, Some("2027-13-01"), false);
    assert!(
        matches!(
            refused,
            Err(Error::InvalidInput {
                field: "due_by",
                reason: Invalid::Date { .. }
            })
        ),
        "{refused:?}"
    );
}
