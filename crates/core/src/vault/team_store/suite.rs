//! One suite, two back-ends: every use case that takes a `S: Store` today (`store::add_client`,
//! `add_data_source`, `add_vendor`, and `register::archive`, which api's `add_*` and
//! `set_archived` wrap) and every method of [`Work`] run on a SQLCipher vault and on a team
//! database in a private PostgreSQL cluster, through the same test body, asserting the same
//! rows, audit entries and errors. A test is a generic function over
//! [`Backend`]; `on_both!` makes it a `vault` and a `team` test.
//!
//! The one difference the suite allows is the audit actor: the vault records the display name
//! the door passed, the team database the session's member (`session_user`).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;

use super::TeamStore;
use crate::error::{Entity, Error, ErrorKind, Invalid};
use crate::kind::Kind;
use crate::vault::register::archive;
use crate::vault::store::{self, Register, Store, Work};
use crate::vault::{
    Action, ActionStatus, AuditEvent, Client, DataSource, EvidenceRecord, Kept, NewAssessment,
    NewAssessmentRow, NewClient, NewDataSource, NewVendor, Passphrase, ReportRecord, Snapshot,
    Status, Vault, Vendor,
};

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

    /// The rows of `sql` (one statement both dialects read alike: unqualified tables, every
    /// column text or NULL), each NULL as "∅".
    fn texts(&mut self, sql: &str) -> Vec<Vec<String>>;
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

    fn texts(&mut self, sql: &str) -> Vec<Vec<String>> {
        self.texts_of(sql)
    }

    fn vendor(&mut self, id: &str) -> Option<Vendor> {
        match self.vault.vendor(id) {
            Ok(vendor) => Some(vendor),
            Err(Error::NotFound { .. }) => None,
            Err(other) => panic!("{other}"),
        }
    }
}

impl VaultBackend {
    fn texts_of(&self, sql: &str) -> Vec<Vec<String>> {
        let mut statement = self.vault.conn.prepare(sql).expect("prepare");
        let columns = statement.column_count();
        statement
            .query_map([], |row| {
                (0..columns)
                    .map(|i| {
                        Ok(row
                            .get::<_, Option<String>>(i)?
                            .unwrap_or_else(|| NULL.to_owned()))
                    })
                    .collect()
            })
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    }
}

/// How [`Backend::texts`] shows a NULL.
const NULL: &str = "∅";

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

    fn texts(&mut self, sql: &str) -> Vec<Vec<String>> {
        self.reader
            .query(sql, &[])
            .expect("query")
            .iter()
            .map(|row| {
                (0..row.len())
                    .map(|i| {
                        row.get::<_, Option<String>>(i)
                            .unwrap_or_else(|| NULL.to_owned())
                    })
                    .collect()
            })
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
    assessments_answers_and_links_are_stored_alike,
    a_next_version_imports_evidence_reports_and_actions_are_stored_alike,
);

fn client_request(name: &str) -> NewClient {
    NewClient {
        name: name.to_owned(),
        matter: "Loyalty programme".to_owned(),
        contact: "dpo@acme.example".to_owned(),
        notes: "客户备注".to_owned(),
    }
}

fn source_request(client_id: &str) -> NewDataSource {
    NewDataSource {
        client_id: client_id.to_owned(),
        name: "Newsletter sign-up".to_owned(),
        channel: "web".to_owned(),
        platform: "WeChat".to_owned(),
        notes: String::new(),
    }
}

fn vendor_request(client_id: &str) -> NewVendor {
    NewVendor {
        client_id: client_id.to_owned(),
        name: "Mailer Ltd".to_owned(),
        country: "IE".to_owned(),
        service: "e-mail delivery".to_owned(),
        contact: String::new(),
        next_review: Some("2027-03-31".to_owned()),
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
    let added = store::add_client(b.store(), ACTOR, &client_request("Acme 有限公司")).expect("add");
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
    let client = store::add_client(b.store(), ACTOR, &client_request("Acme")).expect("client");
    let source =
        store::add_data_source(b.store(), ACTOR, &source_request(&client.id)).expect("source");
    let vendor = store::add_vendor(b.store(), ACTOR, &vendor_request(&client.id)).expect("vendor");

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
    let client = store::add_client(b.store(), ACTOR, &client_request("Acme")).expect("client");
    archive::<Client, _>(b.store(), ACTOR, &client.id, true).expect("archive");
    assert!(
        b.store()
            .archived(Register::Clients, &client.id)
            .expect("flag")
    );
    let before = b.audit();

    for refused in [
        store::add_data_source(b.store(), ACTOR, &source_request(&client.id)).map(drop),
        store::add_vendor(b.store(), ACTOR, &vendor_request(&client.id)).map(drop),
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
        store::add_data_source(b.store(), ACTOR, &source_request(&client.id)).expect("source");
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
        store::add_vendor(b.store(), ACTOR, &vendor_request(missing)).map(drop),
        Entity::Client,
    );
    not_found(
        store::add_data_source(b.store(), ACTOR, &source_request(missing)).map(drop),
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

fn invalid_input_writes_nothing(mut b: impl Backend) {
    let refused = store::add_client(b.store(), ACTOR, &client_request("  "));
    assert!(
        matches!(&refused, Err(Error::InvalidInput { field: "name", .. })),
        "{refused:?}"
    );
    let client = store::add_client(b.store(), ACTOR, &client_request("Acme")).expect("client");
    let mut bad = source_request(&client.id);
    bad.channel = "not a channel code".to_owned();
    let refused = store::add_data_source(b.store(), ACTOR, &bad);
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

fn archiving_twice_writes_once(mut b: impl Backend) {
    let client = store::add_client(b.store(), ACTOR, &client_request("Acme")).expect("client");
    let vendor = store::add_vendor(b.store(), ACTOR, &vendor_request(&client.id)).expect("vendor");
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

const AT: &str = "2026-12-07T10:00:00.000Z";
const LATER: &str = "2026-12-07T11:00:00.000Z";

/// Two assessments of one client from one template, in one unit; returns (client, a, b).
fn two_assessments(b: &mut impl Backend) -> (String, String, String) {
    let client = store::add_client(b.store(), ACTOR, &client_request("Acme")).expect("client");
    let snapshot = Snapshot::from_canonical("suite-pia", "1.0.0", br#"{"questions":[]}"#);
    let new = NewAssessment {
        title: "Loyalty PIA".to_owned(),
        client_id: Some(client.id.clone()),
        ..NewAssessment::default()
    };
    let (a, second) = (crate::id::new_id(), crate::id::new_id());
    let mut work = b.store().begin().expect("begin");
    for id in [&a, &second] {
        work.insert_assessment(&NewAssessmentRow {
            id,
            kind: Kind::Pia,
            snapshot: &snapshot,
            new: &new,
            created_by: ACTOR,
            at: AT,
        })
        .expect("insert assessment");
    }
    work.append_audit(assessment_event("assessment.created", &a), AT)
        .expect("audit");
    work.commit().expect("commit");
    (client.id, a, second)
}

fn assessment_event<'a>(action: &'a str, id: &'a str) -> AuditEvent<'a> {
    AuditEvent {
        actor: ACTOR,
        action,
        entity_type: "assessment",
        entity_id: id,
        summary: action,
    }
}

fn assessments_answers_and_links_are_stored_alike(mut b: impl Backend) {
    let (client, a, second) = two_assessments(&mut b);
    let mut work = b.store().begin().expect("begin");
    work.put_answer(&a, "purpose", r#""marketing""#, ACTOR, AT)
        .expect("answer");
    work.put_answer(&a, "purpose", r#""loyalty""#, ACTOR, LATER)
        .expect("answer replaced in the same unit");
    work.put_answer(&a, "recipients", r#"["同意"]"#, ACTOR, AT)
        .expect("answer");
    work.link_assessments(&a, &second).expect("link");
    work.link_assessments(&a, &second)
        .expect("linking twice is linking once");
    work.set_status(&a, Status::InReview, LATER)
        .expect("status");
    work.touch_assessment(&second, LATER).expect("touch");
    work.append_audit(assessment_event("answer.saved", &a), LATER)
        .expect("audit");
    work.commit().expect("commit");

    assert_eq!(
        b.texts("SELECT CAST(count(*) AS TEXT), min(template_id) FROM template_snapshots"),
        [["1", "suite-pia"]],
        "one snapshot for two assessments"
    );
    let mut expected = vec![
        vec![
            a.clone(),
            "in_review".to_owned(),
            "1".to_owned(),
            LATER.to_owned(),
        ],
        vec![
            second.clone(),
            "draft".to_owned(),
            "1".to_owned(),
            LATER.to_owned(),
        ],
    ];
    expected.sort();
    assert_eq!(
        b.texts(
            "SELECT id, status, CAST(version AS TEXT), updated_at FROM assessments ORDER BY id"
        ),
        expected
    );
    assert_eq!(
        b.texts(
            "SELECT question_id, value, note, updated_at FROM answers
             WHERE assessment_id IN (SELECT id FROM assessments WHERE status = 'in_review')
             ORDER BY question_id"
        ),
        [
            ["purpose", r#""loyalty""#, "", LATER],
            ["recipients", r#"["同意"]"#, "", AT]
        ]
    );
    assert_eq!(
        b.texts("SELECT assessment_id, linked_id FROM assessment_links"),
        [[a.clone(), second.clone()]]
    );
    let actor = b.actor();
    assert_eq!(
        b.audit(),
        [
            entry(&actor, "client.added", "client", &client),
            entry(&actor, "assessment.created", "assessment", &a),
            entry(&actor, "answer.saved", "assessment", &a),
        ]
    );
}

fn a_next_version_imports_evidence_reports_and_actions_are_stored_alike(mut b: impl Backend) {
    let (client, a, second) = two_assessments(&mut b);
    let next = crate::id::new_id();
    let notes = BTreeMap::from([
        (
            "purpose".to_owned(),
            (r#""loyalty""#.to_owned(), "from the CNIL file".to_owned()),
        ),
        (
            "retention".to_owned(),
            (r#""3 years""#.to_owned(), String::new()),
        ),
    ]);
    let evidence = EvidenceRecord {
        id: crate::id::new_id(),
        assessment_id: a.clone(),
        question_id: "policy".to_owned(),
        file_name: "policy.pdf".to_owned(),
        size: 4,
        sha256: "ab".repeat(32),
        added_by: ACTOR.to_owned(),
        added_at: AT.to_owned(),
    };
    let report = ReportRecord {
        id: crate::id::new_id(),
        kind: "pia".to_owned(),
        assessment_id: Some(a.clone()),
        client_id: Some(client.clone()),
        lang: "bi".to_owned(),
        format: "pdf".to_owned(),
        sha256: "cd".repeat(32),
        size: 3,
        generated_by: ACTOR.to_owned(),
        generated_at: AT.to_owned(),
    };
    let mut action = Action {
        id: crate::id::new_id(),
        assessment_id: Some(a.clone()),
        client_id: Some(client.clone()),
        finding_id: "no_retention".to_owned(),
        title: "Set a retention period".to_owned(),
        title_words: None,
        owner: "IT".to_owned(),
        due_date: Some("2027-01-31".to_owned()),
        status: ActionStatus::Open,
        note: String::new(),
        created_at: AT.to_owned(),
        updated_at: AT.to_owned(),
    };

    let mut work = b.store().begin().expect("begin");
    work.insert_noted_answers(&second, &notes, ACTOR, AT)
        .expect("noted answers");
    work.insert_cnil_record(&second, r#"{"id":7}"#, ACTOR, AT)
        .expect("cnil record");
    work.put_answer(&a, "purpose", r#""loyalty""#, ACTOR, AT)
        .expect("answer");
    work.link_assessments(&a, &second).expect("link");
    work.copy_as_next_version(&a, &next, ACTOR, LATER)
        .expect("next version");
    work.insert_evidence(&evidence, b"%PDF").expect("evidence");
    work.insert_report(&report, b"PDF").expect("report");
    work.insert_action(&action).expect("action");
    action.status = ActionStatus::Done;
    action.note = "done in January".to_owned();
    action.updated_at = LATER.to_owned();
    work.update_action(&action).expect("action updated");
    work.set_keep_until(Kept::Assessment, &a, Some("2030-01-01"))
        .expect("keep until");
    work.raise_keep_until(&a, "2029-01-01")
        .expect("not lowered");
    work.raise_keep_until(&second, "2031-06-30")
        .expect("raised");
    work.set_keep_until(Kept::Client, &client, Some("2032-12-31"))
        .expect("client keep until");
    work.append_audit(assessment_event("assessment.reopened", &next), LATER)
        .expect("audit");
    work.commit().expect("commit");

    assert_eq!(
        b.texts(&format!(
            "SELECT status, CAST(version AS TEXT), previous_id, created_at
             FROM assessments WHERE id = '{next}'"
        )),
        [["draft", "2", a.as_str(), LATER]]
    );
    assert_eq!(
        b.texts(&format!(
            "SELECT question_id, value FROM answers WHERE assessment_id = '{next}'"
        )),
        [["purpose", r#""loyalty""#]],
        "the next version carries the answers"
    );
    assert_eq!(
        b.texts(&format!(
            "SELECT linked_id FROM assessment_links WHERE assessment_id = '{next}'"
        )),
        [[second.as_str()]]
    );
    assert_eq!(
        b.texts(&format!(
            "SELECT question_id, value, note FROM answers WHERE assessment_id = '{second}'
             ORDER BY question_id"
        )),
        [
            ["purpose", r#""loyalty""#, "from the CNIL file"],
            ["retention", r#""3 years""#, ""]
        ]
    );
    assert_eq!(
        b.texts("SELECT document, imported_at FROM cnil_records"),
        [[r#"{"id":7}"#, AT]]
    );
    assert_eq!(
        b.texts(
            "SELECT question_id, file_name, CAST(size AS TEXT), sha256, added_at FROM evidence"
        ),
        [["policy", "policy.pdf", "4", evidence.sha256.as_str(), AT]]
    );
    assert_eq!(
        b.texts("SELECT kind, lang, format, client_id, generated_at FROM reports"),
        [["pia", "bi", "pdf", client.as_str(), AT]]
    );
    assert_eq!(
        b.texts("SELECT status, owner, due_date, note, updated_at, title, title_zh FROM actions"),
        [[
            "done",
            "IT",
            "2027-01-31",
            "done in January",
            LATER,
            "Set a retention period",
            ""
        ]]
    );
    let mut kept = vec![
        vec![a.clone(), "2030-01-01".to_owned()],
        vec![second.clone(), "2031-06-30".to_owned()],
        vec![next.clone(), NULL.to_owned()],
    ];
    kept.sort();
    assert_eq!(
        b.texts("SELECT id, keep_until FROM assessments ORDER BY id"),
        kept
    );
    assert_eq!(b.texts("SELECT keep_until FROM clients"), [["2032-12-31"]]);
    let actor = b.actor();
    assert_eq!(
        b.audit().last(),
        Some(&entry(&actor, "assessment.reopened", "assessment", &next))
    );
}
