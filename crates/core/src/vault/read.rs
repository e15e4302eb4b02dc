//! What `api` reads from the store: the plain rows the vault hands out (registers, assessment
//! rows, answer and snapshot JSON, sign-off rows, settings), never a rule. [`Store`] requires
//! [`Read`], so a use case that writes can read through the same handle; one that only reads
//! asks for `&impl Read`, which says so in its signature, and a handle that may only read (a
//! read-only vault, a team member's reader connection) can implement [`Read`] alone.
//!
//! [`Store`]: super::store::Store

use std::any::Any;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rusqlite::OptionalExtension;

use super::bundle_store::{self, Collected};
use super::register::RegisterEntry;
use super::store::Register;
use super::{
    Action, ActionFilter, AssessmentRecord, AuditChain, AuditHead, Client, CommentRow, DataSource,
    DataSourceFilter, ErasureCounts, EvidenceRecord, FindingDoc, Kept, LatestSignOff,
    PastKeepUntil, QuestionDoc, ReportRecord, SearchHit, SearchOptions, SearchPending, SignOffRow,
    Vault, VaultStorage, Vendor, VendorFilter,
};
use crate::error::{Error, Result};

/// Which back-end a store is, for what differs beyond its reads: a vault is one file the user
/// holds; a team database lives on a server, which keeps deleted rows until its administrator
/// vacuums the tables (and in its own backups).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    Vault,
    Team,
}

/// The reads of the store.
pub trait Read {
    /// Which back-end this is.
    fn kind(&self) -> StoreKind;

    /// Whether an entry is archived; [`Error::NotFound`] when there is no such entry.
    fn archived(&self, register: Register, id: &str) -> Result<bool>;

    /// One client by id, or [`Error::NotFound`].
    fn client(&self, id: &str) -> Result<Client>;

    /// One data source by id, or [`Error::NotFound`].
    fn data_source(&self, id: &str) -> Result<DataSource>;

    /// One vendor by id, or [`Error::NotFound`].
    fn vendor(&self, id: &str) -> Result<Vendor>;

    /// The audit log's head as recorded (not re-verified).
    fn audit_head(&self) -> Result<AuditHead>;

    /// The head, as recorded, of the audit chain the entries about `client_id` join: the anchor a
    /// kept report or export carries. A vault keeps one chain for everything, hence the default;
    /// the team database keeps one per client.
    fn audit_head_of(&self, client_id: Option<&str>) -> Result<AuditHead> {
        let _ = client_id;
        self.audit_head()
    }

    /// The clients by name; archived ones only when `include_archived`.
    fn clients(&self, include_archived: bool) -> Result<Vec<Client>>;

    /// Data sources by name, as the filter asks.
    fn data_sources(&self, filter: &DataSourceFilter) -> Result<Vec<DataSource>>;

    /// Vendors by name (or by review date when asked), as the filter asks.
    fn vendors(&self, filter: &VendorFilter) -> Result<Vec<Vendor>>;

    /// One assessment row by id, or [`Error::NotFound`].
    fn assessment(&self, id: &str) -> Result<AssessmentRecord>;

    /// Every assessment row, newest first.
    fn assessments(&self) -> Result<Vec<AssessmentRecord>>;

    /// What `parse` makes of the canonical JSON of the template snapshot assessment `id` was
    /// started with (checked against its hash); a store may keep it per snapshot and share it.
    fn parsed_snapshot<T, F>(&self, id: &str, parse: F) -> Result<Arc<T>>
    where
        T: Any + Send + Sync,
        F: FnOnce(&[u8]) -> Result<T>;

    /// The assessment's answers as stored: question id and the answer's JSON text.
    fn answer_rows(&self, id: &str) -> Result<Vec<(String, String)>>;

    /// Each stored answer's version, by question id: what a door carries back with a save so
    /// that one made after a colleague's is refused (`Work::put_answer_read`). Opaque text: the
    /// team database's `row_version`, the vault's (schema 15) alike.
    fn answer_versions(&self, id: &str) -> Result<BTreeMap<String, String>>;

    /// The ids of the assessments this one links to, sorted.
    fn linked_ids(&self, id: &str) -> Result<Vec<String>>;

    /// The ids of the assessments that link to this one, sorted: their findings take in its
    /// rating.
    fn linking_ids(&self, id: &str) -> Result<Vec<String>>;

    /// The SHA-256 of each file attached to the assessment, sorted.
    fn evidence_hashes(&self, id: &str) -> Result<Vec<String>>;

    /// The id of the version that re-opened assessment `id`, if one did.
    fn successor_of(&self, id: &str) -> Result<Option<String>>;

    /// The assessment's sign-offs as stored, oldest first.
    fn sign_off_rows(&self, id: &str) -> Result<Vec<SignOffRow>>;

    /// The newest sign-off of every version that has one, by assessment id (of equal times, the
    /// first of [`Read::sign_off_rows`]). A list asks for all of them, so a store that can read
    /// them in one query should; this default asks version by version.
    fn latest_sign_offs(&self) -> Result<HashMap<String, LatestSignOff>> {
        let mut latest = HashMap::new();
        for record in self.assessments()? {
            for row in self.sign_off_rows(&record.id)? {
                let signed = LatestSignOff {
                    decision: row.decision,
                    name: row.name,
                    signed_at: row.signed_at,
                };
                super::signoffs::keep_latest(&mut latest, &record.id, signed);
            }
        }
        Ok(latest)
    }

    /// The files attached to an assessment (rows, without their bytes).
    fn evidence(&self, assessment_id: &str) -> Result<Vec<EvidenceRecord>>;

    /// Actions, soonest due first (undated last), as the filter asks.
    fn actions(&self, filter: &ActionFilter) -> Result<Vec<Action>>;

    /// One action by id, or [`Error::NotFound`].
    fn action(&self, id: &str) -> Result<Action>;

    /// The first action filed on finding `finding_id` of assessment `assessment_id`.
    fn first_action_on(&self, assessment_id: &str, finding_id: &str) -> Result<Option<Action>>;

    /// The client an assessment is filed under (`None`: filed under none), or
    /// [`Error::NotFound`].
    fn assessment_client(&self, assessment_id: &str) -> Result<Option<String>>;

    /// A client's or an assessment version's keep-until date, if one is set.
    fn keep_until(&self, kept: Kept, id: &str) -> Result<Option<String>>;

    /// When a PIA was approved (its latest approval's date), if it was.
    fn pia_approved_on(&self, assessment_id: &str) -> Result<Option<String>>;

    /// Clients and assessment versions whose keep-until date is before `today`.
    fn past_keep_until(&self, today: &str) -> Result<Vec<PastKeepUntil>>;

    /// The drawn reports kept, as rows.
    fn reports(&self) -> Result<Vec<ReportRecord>>;

    /// A kept report's bytes, if there is such a report.
    fn report_content(&self, id: &str) -> Result<Option<Vec<u8>>>;

    /// How many audit entries there are: the vault's whole log; on a team database, the
    /// entries of the chains the member may read.
    fn audit_entries(&self) -> Result<u64>;

    /// Walks the audit chain; the first broken entry is an error naming it. On a team database:
    /// every chain the member may check, their entries summed and no single head ("").
    fn verify_audit(&self) -> Result<AuditHead>;

    /// Walks every audit chain the reader may check and says which: a vault's one chain (the
    /// default), or on a team database each chain the member may see. The first broken entry
    /// is an error naming its chain, position and hashes.
    fn verify_chains(&self) -> Result<super::AuditChains> {
        Ok(super::AuditChains::one(self.verify_audit()?))
    }

    /// Verifies the chain the entries about `client_id` join and returns its head: what a bundle
    /// of the client's matter names as its source. A vault keeps one chain for everything.
    fn verify_audit_of(&self, client_id: &str) -> Result<AuditHead> {
        let _ = client_id;
        self.verify_audit()
    }

    /// The CNIL file an assessment was imported from, if it was.
    fn cnil_document(&self, assessment_id: &str) -> Result<Option<String>>;

    /// The notes imported with an assessment's answers, by question id.
    fn answer_notes(&self, assessment_id: &str) -> Result<BTreeMap<String, String>>;

    /// What erasing client `client_id`'s matter would remove, counted.
    fn erasure_preview(&self, client_id: &str) -> Result<ErasureCounts>;

    /// A setting's value, if set.
    fn setting(&self, key: &str) -> Result<Option<String>>;

    /// The entries whose text holds every whitespace-separated term of `query` (case ignored), at
    /// most `limit`: names and titles first, then other text (answers, findings, notes), then
    /// question text; archived entries only when `options` ask. The search index is as the last
    /// catch-up ([`Read::write_search_index`]) left it.
    fn search_with(
        &self,
        query: &str,
        limit: usize,
        options: SearchOptions,
    ) -> Result<Vec<SearchHit>>;

    /// What the search index still lacks: snapshots whose questions it has not read, assessments
    /// whose findings a write left unscored.
    fn search_pending(&self) -> Result<SearchPending>;

    /// A template snapshot's canonical JSON by its hash; `None` when it is missing or unreadable
    /// (search does without its questions meanwhile).
    fn snapshot_json(&self, sha256: &str) -> Result<Option<Vec<u8>>>;

    /// Writes what `api` computed for [`Read::search_pending`]: each snapshot's questions and each
    /// assessment's findings. The index is derived from what is stored, not a change of it: no
    /// audit entry, and a handle that may only read may still bring it up to date.
    fn write_search_index(
        &self,
        questions: &[(String, Vec<QuestionDoc>)],
        findings: &[(String, Vec<FindingDoc>)],
    ) -> Result<()>;

    /// Reads client `client_id`'s whole matter in the bundle's form as one consistent picture
    /// (one read transaction) and hands it to `write` with a reader of the blobs it names, while
    /// that picture holds.
    fn read_matter<T, F>(&self, client_id: &str, write: F) -> Result<T>
    where
        F: FnOnce(Collected, &mut dyn FnMut(&str, &str) -> Result<Vec<u8>>) -> Result<T>;

    /// Where the store is, for the settings screen: a vault's file, a team database's name.
    fn location(&self) -> Result<String>;

    /// How much room the store takes and what fills it.
    fn storage(&self) -> Result<VaultStorage>;

    /// The comments on an assessment version, oldest first.
    fn comments(&self, assessment_id: &str) -> Result<Vec<CommentRow>>;

    /// One comment by id, or [`Error::NotFound`] (also one on a client not granted to a member).
    fn comment(&self, id: &str) -> Result<CommentRow>;

    /// Whether the store can only be read: what leaves it (a backup, an export) is made anyway
    /// and not recorded, every change is refused.
    fn is_read_only(&self) -> bool;

    /// Every stored list summary (JSON text) by assessment id; a version without one is absent.
    fn summaries(&self) -> Result<HashMap<String, String>>;

    /// Which audit chain [`Read::audit_head_of`] reads, so that a report says where its anchor
    /// comes from: a vault's one log, or a team database's chain of one client.
    fn audit_chain(&self) -> AuditChain {
        AuditChain::Vault
    }

    /// The name a sign-off bears when its door gave none: a team member's display name (from
    /// his profile); a vault has no one but the door's user to name.
    fn signer_name(&self) -> Result<Option<String>> {
        Ok(None)
    }
}

impl Read for Vault {
    fn archived(&self, register: Register, id: &str) -> Result<bool> {
        match register {
            Register::Clients => archived_of::<Client>(&self.conn, id),
            Register::DataSources => archived_of::<DataSource>(&self.conn, id),
            Register::Vendors => archived_of::<Vendor>(&self.conn, id),
        }
    }

    fn client(&self, id: &str) -> Result<Client> {
        self.entry(id)
    }

    fn data_source(&self, id: &str) -> Result<DataSource> {
        self.entry(id)
    }

    fn vendor(&self, id: &str) -> Result<Vendor> {
        self.entry(id)
    }

    fn audit_head(&self) -> Result<AuditHead> {
        Vault::audit_head(self)
    }

    fn clients(&self, include_archived: bool) -> Result<Vec<Client>> {
        Vault::clients(self, include_archived)
    }

    fn data_sources(&self, filter: &DataSourceFilter) -> Result<Vec<DataSource>> {
        Vault::data_sources(self, filter)
    }

    fn vendors(&self, filter: &VendorFilter) -> Result<Vec<Vendor>> {
        Vault::vendors(self, filter)
    }

    fn assessment(&self, id: &str) -> Result<AssessmentRecord> {
        Vault::assessment(self, id)
    }

    fn assessments(&self) -> Result<Vec<AssessmentRecord>> {
        Vault::assessments(self)
    }

    fn parsed_snapshot<T, F>(&self, id: &str, parse: F) -> Result<Arc<T>>
    where
        T: Any + Send + Sync,
        F: FnOnce(&[u8]) -> Result<T>,
    {
        Vault::parsed_snapshot(self, id, parse)
    }

    fn answer_rows(&self, id: &str) -> Result<Vec<(String, String)>> {
        Vault::answer_rows(self, id)
    }

    fn answer_versions(&self, id: &str) -> Result<BTreeMap<String, String>> {
        Vault::answer_versions(self, id)
    }

    fn linked_ids(&self, id: &str) -> Result<Vec<String>> {
        Vault::linked_ids(self, id)
    }

    fn linking_ids(&self, id: &str) -> Result<Vec<String>> {
        Vault::linking_ids(self, id)
    }

    fn evidence_hashes(&self, id: &str) -> Result<Vec<String>> {
        Vault::evidence_hashes(self, id)
    }

    fn successor_of(&self, id: &str) -> Result<Option<String>> {
        Vault::successor_of(self, id)
    }

    fn sign_off_rows(&self, id: &str) -> Result<Vec<SignOffRow>> {
        Vault::sign_off_rows(self, id)
    }

    fn latest_sign_offs(&self) -> Result<HashMap<String, LatestSignOff>> {
        Vault::latest_sign_offs(self)
    }

    fn evidence(&self, assessment_id: &str) -> Result<Vec<EvidenceRecord>> {
        Vault::evidence(self, assessment_id)
    }

    fn actions(&self, filter: &ActionFilter) -> Result<Vec<Action>> {
        Vault::actions(self, filter)
    }

    fn action(&self, id: &str) -> Result<Action> {
        Vault::action(self, id)
    }

    fn first_action_on(&self, assessment_id: &str, finding_id: &str) -> Result<Option<Action>> {
        Vault::first_action_on(self, assessment_id, finding_id)
    }

    fn assessment_client(&self, assessment_id: &str) -> Result<Option<String>> {
        Vault::assessment_client(self, assessment_id)
    }

    fn keep_until(&self, kept: Kept, id: &str) -> Result<Option<String>> {
        Vault::keep_until(self, kept, id)
    }

    fn pia_approved_on(&self, assessment_id: &str) -> Result<Option<String>> {
        Vault::pia_approved_on(self, assessment_id)
    }

    fn past_keep_until(&self, today: &str) -> Result<Vec<PastKeepUntil>> {
        Vault::past_keep_until(self, today)
    }

    fn reports(&self) -> Result<Vec<ReportRecord>> {
        Vault::reports(self)
    }

    fn report_content(&self, id: &str) -> Result<Option<Vec<u8>>> {
        Vault::report_content(self, id)
    }

    fn audit_entries(&self) -> Result<u64> {
        // The anchor's count, which every append raises in its own transaction: `count(*)` reads
        // and decrypts an index of the whole log (a million entries on a busy vault) on every
        // dashboard. `audit verify` still walks the rows and checks them against this count.
        let count: Option<i64> = self
            .conn
            .query_row(
                "SELECT count FROM audit_anchor WHERE singleton = 1",
                [],
                |row| row.get(0),
            )
            .optional()?;
        Ok(count.unwrap_or(0).unsigned_abs())
    }

    fn verify_audit(&self) -> Result<AuditHead> {
        Vault::verify_audit(self)
    }

    fn cnil_document(&self, assessment_id: &str) -> Result<Option<String>> {
        Vault::cnil_document(self, assessment_id)
    }

    fn answer_notes(&self, assessment_id: &str) -> Result<BTreeMap<String, String>> {
        Vault::answer_notes(self, assessment_id)
    }

    fn erasure_preview(&self, client_id: &str) -> Result<ErasureCounts> {
        Vault::erasure_preview(self, client_id)
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        Vault::setting(self, key)
    }

    fn search_with(
        &self,
        query: &str,
        limit: usize,
        options: SearchOptions,
    ) -> Result<Vec<SearchHit>> {
        Vault::search_with(self, query, limit, options)
    }

    fn search_pending(&self) -> Result<SearchPending> {
        Vault::search_pending(self)
    }

    fn snapshot_json(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Vault::snapshot_json(self, sha256)
    }

    fn write_search_index(
        &self,
        questions: &[(String, Vec<QuestionDoc>)],
        findings: &[(String, Vec<FindingDoc>)],
    ) -> Result<()> {
        Vault::write_search_index(self, questions, findings)
    }

    fn read_matter<T, F>(&self, client_id: &str, write: F) -> Result<T>
    where
        F: FnOnce(Collected, &mut dyn FnMut(&str, &str) -> Result<Vec<u8>>) -> Result<T>,
    {
        let tx = self.conn.unchecked_transaction()?;
        let collected = bundle_store::collect(&tx, client_id)?;
        let mut blob = |table: &str, id: &str| bundle_store::blob(&tx, table, id);
        write(collected, &mut blob)
    }

    fn location(&self) -> Result<String> {
        Ok(self.path().display().to_string())
    }

    fn storage(&self) -> Result<VaultStorage> {
        Vault::storage(self)
    }

    fn comments(&self, assessment_id: &str) -> Result<Vec<CommentRow>> {
        Vault::comments(self, assessment_id)
    }

    fn comment(&self, id: &str) -> Result<CommentRow> {
        Vault::comment(self, id)
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn kind(&self) -> StoreKind {
        StoreKind::Vault
    }

    fn summaries(&self) -> Result<HashMap<String, String>> {
        super::summaries::all(&self.conn)
    }
}

fn archived_of<E: RegisterEntry>(conn: &rusqlite::Connection, id: &str) -> Result<bool> {
    conn.query_row(
        &format!("SELECT archived FROM {} WHERE id = ?1", E::TABLE),
        [id],
        |row| row.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: E::ENTITY,
        id: id.to_owned(),
    })
}
