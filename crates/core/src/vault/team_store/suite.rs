//! One suite, two back-ends: every use case that takes a `S: Store` today runs on a SQLCipher
//! vault and on a team database in a private PostgreSQL cluster, through the same test body,
//! asserting the same rows, audit entries and errors. A test is a generic function over
//! [`Backend`]; `on_both!` makes it a `vault` and a `team` test.
//!
//! The one difference the suite allows is the audit actor: the vault records the display name
//! the door passed, the team database the session's member (`session_user`).

use std::sync::atomic::{AtomicUsize, Ordering};

use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;

use super::TeamStore;
use crate::api::{self, NewClientRequest, NewDataSourceRequest, NewVendorRequest, RegisterKind};
use crate::error::{Entity, Error, ErrorKind, Invalid};
use crate::vault::store::{Register, Store, Work};
use crate::vault::{Client, DataSource, Passphrase, Vault, Vendor};

/// The display name every test acts under.
const ACTOR: &str = "Ann Example";

/// One audit entry as compared: actor, action, entity type, entity id.
type Entry = (String, String, String, String);

/// A back-end under test, and the means to look at what it stored behind the store's back.
trait Backend {
    type S: Store;

    fn store(&mut self) -> &mut Self::S;

    /// Who the audit log names for a change made as [`ACTOR`].
    fn actor(&self) -> String;

    /// Every audit entry the acting member may see, oldest first.
    fn audit(&mut self) -> Vec<Entry>;

    /// A data source as stored, if there is one.
    fn data_source(&mut self, id: &str) -> Option<DataSource>;

    /// A vendor as stored, if there is one.
    fn vendor(&mut self, id: &str) -> Option<Vendor>;
}

struct VaultBackend {
    vault: Vault,
    _dir: tempfile::TempDir,
}

impl VaultBackend {
    fn new() -> VaultBackend {
        let dir = tempfile::tempdir().expect("temp dir");
        let passphrase = Passphrase::new("correct horse battery staple".to_owned());
        let vault = Vault::create(&dir.path().join("suite.dpvault"), &passphrase, ACTOR)
            .expect("create vault");
        VaultBackend { vault, _dir: dir }
    }
}

impl Backend for VaultBackend {
    type S = Vault;

    fn store(&mut self) -> &mut Vault {
        &mut self.vault
    }

    fn actor(&self) -> String {
        ACTOR.to_owned()
    }

    fn audit(&mut self) -> Vec<Entry> {
        let mut statement = self
            .vault
            .conn
            .prepare(
                "SELECT actor, action, entity_type, entity_id FROM audit_log
                 WHERE entity_type <> 'vault' ORDER BY seq",
            )
            .expect("prepare");
        statement
            .query_map([], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    }

    fn data_source(&mut self, id: &str) -> Option<DataSource> {
        match self.vault.data_source(id) {
            Ok(source) => Some(source),
            Err(Error::NotFound { .. }) => None,
            Err(other) => panic!("{other}"),
        }
    }

    fn vendor(&mut self, id: &str) -> Option<Vendor> {
        match self.vault.vendor(id) {
            Ok(vendor) => Some(vendor),
            Err(Error::NotFound { .. }) => None,
            Err(other) => panic!("{other}"),
        }
    }
}

struct TeamBackend {
    store: TeamStore,
    /// A second session of the same member, to read what the store wrote.
    reader: dpodesk_team::Client,
    member: String,
    _team: Team,
}

impl TeamBackend {
    /// A fresh team database with one author acting.
    fn new() -> TeamBackend {
        // Database names prefix role names, which must stay short: number them.
        static NEXT: AtomicUsize = AtomicUsize::new(1);
        let team = Team::initialised(&format!("suite_{}", NEXT.fetch_add(1, Ordering::Relaxed)));
        let member = team.member("ann", &[Role::Author]);
        let store = TeamStore::open(team.session(&member)).expect("open the team store");
        let reader = team.session(&member);
        TeamBackend {
            store,
            reader,
            member,
            _team: team,
        }
    }
}

impl Backend for TeamBackend {
    type S = TeamStore;

    fn store(&mut self) -> &mut TeamStore {
        &mut self.store
    }

    fn actor(&self) -> String {
        self.member.clone()
    }

    fn audit(&mut self) -> Vec<Entry> {
        self.reader
            .query(
                "SELECT actor, action, entity_type, entity_id FROM dpodesk.audit_log ORDER BY seq",
                &[],
            )
            .expect("audit")
            .iter()
            .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3)))
            .collect()
    }

    fn data_source(&mut self, id: &str) -> Option<DataSource> {
        let row = self
            .reader
            .query_opt(
                "SELECT id, client_id, name, channel, platform, notes, archived, created_at,
                        updated_at FROM dpodesk.data_sources WHERE id = $1",
                &[&id],
            )
            .expect("data source")?;
        Some(DataSource {
            id: row.get(0),
            client_id: row.get(1),
            name: row.get(2),
            channel: row.get(3),
            platform: row.get(4),
            notes: row.get(5),
            archived: row.get(6),
            created_at: row.get(7),
            updated_at: row.get(8),
        })
    }

    fn vendor(&mut self, id: &str) -> Option<Vendor> {
        let row = self
            .reader
            .query_opt(
                "SELECT id, client_id, name, country, service, contact, next_review, notes,
                        archived, created_at, updated_at FROM dpodesk.vendors WHERE id = $1",
                &[&id],
            )
            .expect("vendor")?;
        Some(Vendor {
            id: row.get(0),
            client_id: row.get(1),
            name: row.get(2),
            country: row.get(3),
            service: row.get(4),
            contact: row.get(5),
            next_review: row.get(6),
            notes: row.get(7),
            archived: row.get(8),
            created_at: row.get(9),
            updated_at: row.get(10),
        })
    }
}

/// Runs each generic test on the vault and on the team database.
macro_rules! on_both {
    ($($test:ident),* $(,)?) => {
        mod vault {
            $(
                #[test]
                fn $test() {
                    super::$test(super::VaultBackend::new());
                }
            )*
        }
        mod team {
            $(
                #[test]
                fn $test() {
                    super::$test(super::TeamBackend::new());
                }
            )*
        }
    };
}

on_both!(
    a_client_is_stored_with_its_audit_entry,
    a_data_source_and_a_vendor_are_stored_under_their_client,
    an_archived_client_takes_nothing_new,
    what_is_not_there_is_not_found,
    invalid_input_writes_nothing,
    a_unit_dropped_before_commit_leaves_nothing,
    archiving_twice_writes_once,
);

fn client_request(name: &str) -> NewClientRequest {
    NewClientRequest {
        name: name.to_owned(),
        matter: "Loyalty programme".to_owned(),
        contact: "dpo@acme.example".to_owned(),
        notes: "客户备注".to_owned(),
    }
}

fn source_request(client_id: &str) -> NewDataSourceRequest {
    NewDataSourceRequest {
        client_id: client_id.to_owned(),
        name: "Newsletter sign-up".to_owned(),
        channel: "web".to_owned(),
        platform: "WeChat".to_owned(),
        notes: String::new(),
    }
}

fn vendor_request(client_id: &str) -> NewVendorRequest {
    NewVendorRequest {
        client_id: client_id.to_owned(),
        name: "Mailer Ltd".to_owned(),
        country: "IE".to_owned(),
        service: "e-mail delivery".to_owned(),
        contact: String::new(),
        next_review: "2027-03-31".to_owned(),
        notes: String::new(),
    }
}

fn entry(actor: &str, action: &str, entity_type: &str, entity_id: &str) -> Entry {
    (
        actor.to_owned(),
        action.to_owned(),
        entity_type.to_owned(),
        entity_id.to_owned(),
    )
}

fn a_client_is_stored_with_its_audit_entry(mut b: impl Backend) {
    let added = api::add_client(b.store(), ACTOR, client_request("Acme 有限公司")).expect("add");
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

fn a_data_source_and_a_vendor_are_stored_under_their_client(mut b: impl Backend) {
    let client = api::add_client(b.store(), ACTOR, client_request("Acme")).expect("client");
    let source =
        api::add_data_source(b.store(), ACTOR, source_request(&client.id)).expect("source");
    let vendor = api::add_vendor(b.store(), ACTOR, vendor_request(&client.id)).expect("vendor");

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

fn an_archived_client_takes_nothing_new(mut b: impl Backend) {
    let client = api::add_client(b.store(), ACTOR, client_request("Acme")).expect("client");
    api::set_archived(b.store(), ACTOR, RegisterKind::Client, &client.id, true).expect("archive");
    assert!(
        b.store()
            .archived(Register::Clients, &client.id)
            .expect("flag")
    );
    let before = b.audit();

    for refused in [
        api::add_data_source(b.store(), ACTOR, source_request(&client.id)).map(drop),
        api::add_vendor(b.store(), ACTOR, vendor_request(&client.id)).map(drop),
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
    api::set_archived(b.store(), ACTOR, RegisterKind::Client, &client.id, false).expect("back");
    let source =
        api::add_data_source(b.store(), ACTOR, source_request(&client.id)).expect("source");
    assert!(b.data_source(&source.id).is_some());
}

fn what_is_not_there_is_not_found(mut b: impl Backend) {
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
        api::add_vendor(b.store(), ACTOR, vendor_request(missing)).map(drop),
        Entity::Client,
    );
    not_found(
        api::add_data_source(b.store(), ACTOR, source_request(missing)).map(drop),
        Entity::Client,
    );
    not_found(
        api::set_archived(b.store(), ACTOR, RegisterKind::DataSource, missing, true),
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

fn invalid_input_writes_nothing(mut b: impl Backend) {
    let refused = api::add_client(b.store(), ACTOR, client_request("  "));
    assert!(
        matches!(&refused, Err(Error::InvalidInput { field: "name", .. })),
        "{refused:?}"
    );
    let client = api::add_client(b.store(), ACTOR, client_request("Acme")).expect("client");
    let mut bad = source_request(&client.id);
    bad.channel = "not a channel code".to_owned();
    let refused = api::add_data_source(b.store(), ACTOR, bad);
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

fn a_unit_dropped_before_commit_leaves_nothing(mut b: impl Backend) {
    let client = Client::checked(
        &client_request("Never stored").into(),
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

fn archiving_twice_writes_once(mut b: impl Backend) {
    let client = api::add_client(b.store(), ACTOR, client_request("Acme")).expect("client");
    let vendor = api::add_vendor(b.store(), ACTOR, vendor_request(&client.id)).expect("vendor");
    for _ in 0..2 {
        api::set_archived(b.store(), ACTOR, RegisterKind::Vendor, &vendor.id, true)
            .expect("archive");
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
