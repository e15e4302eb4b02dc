//! One suite, two back-ends: every use case that takes a `S: Store` today (`clients::add_client`,
//! `add_data_source`, `add_vendor`, and `register::archive`, which api's `add_*` and
//! `set_archived` wrap) and every method of [`Work`] run on a SQLCipher vault and on a team
//! database in a private PostgreSQL cluster, through the same test body, asserting the same
//! rows, audit entries and errors. A test is a generic function over
//! [`Backend`]; `on_both!` makes it a `vault` and a `team` test.
//!
//! The one difference the suite allows is the audit actor: the vault records the display name
//! the door passed, the team database the session's member (`session_user`).

use std::sync::atomic::{AtomicUsize, Ordering};

use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;

use super::TeamStore;
use crate::error::Error;
use crate::vault::store::{Read, Store};
use crate::vault::{
    Client, DataSource, DataSourceFilter, NewClient, NewDataSource, NewVendor, Passphrase, Vault,
    Vendor, VendorFilter,
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

    /// How many audit entries the store's user may read, counted behind the store's back.
    fn audit_count(&mut self) -> u64;

    /// A data source as stored, if there is one.
    fn data_source(&mut self, id: &str) -> Option<DataSource>;

    /// A vendor as stored, if there is one.
    fn vendor(&mut self, id: &str) -> Option<Vendor>;

    /// The register lists, as the back-end's store gives them.
    fn clients(&mut self, include_archived: bool) -> crate::Result<Vec<Client>>;
    fn data_sources(&mut self, filter: &DataSourceFilter) -> crate::Result<Vec<DataSource>>;
    fn vendors(&mut self, filter: &VendorFilter) -> crate::Result<Vec<Vendor>>;

    /// A second store on the same data, as a colleague works on it — on the vault another
    /// handle on the same file (another window), on the team database another member granted
    /// `client_id` — and the name a change of his is recorded under.
    fn colleague(&mut self, client_id: &str) -> (Self::S, String);

    /// A store of someone who may sign off the work of [`ACTOR`] and the colleague — on the vault
    /// another handle on the file, on the team database an approver granted `client_id` who
    /// edited nothing — and the name he signs as.
    fn approver(&mut self, client_id: &str) -> (Self::S, String);

    /// The rows of `sql` (one statement both dialects read alike: unqualified tables, every
    /// column text or NULL), each NULL as "∅".
    fn texts(&mut self, sql: &str) -> Vec<Vec<String>>;
}

struct VaultBackend {
    vault: Vault,
    path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

/// The vault's passphrase in the suite.
const PASSPHRASE: &str = "correct horse battery staple";

/// The colleague's display name on the vault (the team database records his member).
const COLLEAGUE: &str = "Bob Example";

/// The approver's display name on the vault.
const APPROVER: &str = "Carl Example";

impl VaultBackend {
    fn new() -> VaultBackend {
        let dir = tempfile::tempdir().expect("temp dir");
        let passphrase = Passphrase::new(PASSPHRASE.to_owned());
        let path = dir.path().join("suite.dpvault");
        let vault = Vault::create(&path, &passphrase, ACTOR).expect("create vault");
        VaultBackend {
            vault,
            path,
            _dir: dir,
        }
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

    fn colleague(&mut self, _client_id: &str) -> (Vault, String) {
        let passphrase = Passphrase::new(PASSPHRASE.to_owned());
        let other = Vault::open(&self.path, &passphrase).expect("open the vault again");
        (other, COLLEAGUE.to_owned())
    }

    fn approver(&mut self, _client_id: &str) -> (Vault, String) {
        let passphrase = Passphrase::new(PASSPHRASE.to_owned());
        let other = Vault::open(&self.path, &passphrase).expect("open the vault again");
        (other, APPROVER.to_owned())
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

    fn audit_count(&mut self) -> u64 {
        let count: i64 = self
            .vault
            .conn
            .query_row("SELECT count(*) FROM audit_log", [], |row| row.get(0))
            .expect("count");
        count.unsigned_abs()
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

    fn clients(&mut self, include_archived: bool) -> crate::Result<Vec<Client>> {
        self.vault.clients(include_archived)
    }

    fn data_sources(&mut self, filter: &DataSourceFilter) -> crate::Result<Vec<DataSource>> {
        self.vault.data_sources(filter)
    }

    fn vendors(&mut self, filter: &VendorFilter) -> crate::Result<Vec<Vendor>> {
        self.vault.vendors(filter)
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
    team: Team,
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
            team,
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

    fn colleague(&mut self, client_id: &str) -> (TeamStore, String) {
        let bob = self.team.member("bob", &[Role::Author]);
        dpodesk_team::members::grant(&mut self.team.dba(), client_id, &bob).expect("grant");
        let store = TeamStore::open(self.team.session(&bob)).expect("open bob's store");
        (store, bob)
    }

    fn approver(&mut self, client_id: &str) -> (TeamStore, String) {
        let carl = self.team.member("carl", &[Role::Approver]);
        dpodesk_team::members::grant(&mut self.team.dba(), client_id, &carl).expect("grant");
        let store = TeamStore::open(self.team.session(&carl)).expect("open carl's store");
        (store, carl)
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

    fn audit_count(&mut self) -> u64 {
        let count: i64 = self
            .reader
            .query_one("SELECT count(*) FROM dpodesk.audit_log", &[])
            .expect("count")
            .get(0);
        count.unsigned_abs()
    }

    fn clients(&mut self, include_archived: bool) -> crate::Result<Vec<Client>> {
        self.store.clients(include_archived)
    }

    fn data_sources(&mut self, filter: &DataSourceFilter) -> crate::Result<Vec<DataSource>> {
        self.store.data_sources(filter)
    }

    fn vendors(&mut self, filter: &VendorFilter) -> crate::Result<Vec<Vendor>> {
        self.store.vendors(filter)
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

/// Runs each generic test (`module::test`) on the vault and on the team database.
macro_rules! on_both {
    ($($module:ident :: $test:ident),* $(,)?) => {
        mod vault {
            $(
                #[test]
                fn $test() {
                    super::$module::$test(super::VaultBackend::new());
                }
            )*
        }
        mod team {
            $(
                #[test]
                fn $test() {
                    super::$module::$test(super::TeamBackend::new());
                }
            )*
        }
    };
}

mod actions;
mod assessments;
mod comments;
mod dashboard;
mod edits;
mod kept;
mod lists;
mod reads;
mod registers;
mod search;
mod stale;
mod stale_rows;
mod stale_signing;
mod summaries;

on_both!(
    registers::a_client_is_stored_with_its_audit_entry,
    registers::a_data_source_and_a_vendor_are_stored_under_their_client,
    registers::an_archived_client_takes_nothing_new,
    registers::what_is_not_there_is_not_found,
    registers::invalid_input_writes_nothing,
    registers::a_unit_dropped_before_commit_leaves_nothing,
    registers::archiving_twice_writes_once,
    assessments::assessments_answers_and_links_are_stored_alike,
    assessments::a_next_version_imports_evidence_reports_and_actions_are_stored_alike,
    lists::clients_are_listed_alike,
    lists::data_sources_and_vendors_are_listed_alike,
    edits::register_edits_are_stored_with_their_audit_entries,
    reads::assessments_are_read_alike,
    reads::evidence_filing_and_keep_until_are_read_alike,
    actions::actions_are_read_alike,
    kept::reports_and_cnil_records_are_read_alike,
    search::search_finds_alike,
    search::older_answers_are_read_when_the_newest_do_not_match,
    dashboard::the_dashboard_reads_alike,
    summaries::summaries_are_stored_by_each_save_and_caught_up_alike,
    comments::comments_are_added_listed_and_resolved_alike,
    comments::comments_are_refused_alike,
    comments::a_reopened_version_takes_over_the_open_comments_alike,
    stale::a_save_after_a_colleagues_is_refused_and_one_at_the_current_version_lands,
    stale::a_first_answer_a_colleague_gave_meanwhile_is_not_overwritten,
    stale::a_register_edit_after_a_colleagues_is_refused_and_one_from_a_fresh_read_lands,
    stale_rows::a_submission_after_a_colleagues_change_is_refused_and_one_from_a_fresh_read_lands,
    stale_rows::an_action_update_after_a_colleagues_is_refused_and_one_from_a_fresh_read_lands,
    stale_signing::a_sign_off_after_a_change_since_the_signer_read_is_refused_and_one_from_a_fresh_read_lands,
    stale_signing::a_sign_off_from_a_read_before_a_file_was_attached_is_refused_naming_who_attached_it,
    stale_signing::a_keep_until_after_a_colleagues_change_is_refused_and_one_from_a_fresh_read_lands,
    stale_signing::a_clients_keep_until_after_a_colleagues_edit_is_refused,
    stale_signing::a_second_keep_until_from_one_read_is_refused_naming_who_set_the_first,
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
