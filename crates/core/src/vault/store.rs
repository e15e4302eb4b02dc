//! The storage interface `api` writes through: a [`Store`] hands out units of [`Work`]. A use case
//! opens one unit (one transaction, taken at once), makes its changes through it, appends their
//! audit entry in the same transaction, and commits: the change and its audit entry land
//! together or not at all, and dropping an uncommitted unit rolls both back. The SQLCipher vault
//! is the one implementation today; the team-mode back-end (PostgreSQL) implements the same two
//! traits, so `api` does not change when it comes.
//!
//! The unit carries the statements, never a rule: what to write, and whether it may be written,
//! is decided above (`api`, or the domain checks such as [`Client::checked`]).

use std::collections::BTreeMap;

pub use super::read::{Read, StoreKind};
pub use super::vault_work::VaultWork;

use super::bundle_store::{Entry, Provenance, RowWrite, Upserted};
use super::{
    Action, AuditEvent, Client, CommentRow, DataSource, ErasureCounts, EvidenceRecord, FindingDoc,
    Kept, NewAssessmentRow, ReportRecord, SignOffRow, Snapshot, Status, Vendor,
};
use crate::error::Result;

/// Where units of work come from. Reads come with it ([`Read`]), so a use case reads and writes
/// through one handle.
pub trait Store: Read {
    type Work<'s>: Work
    where
        Self: 's;

    /// Opens a unit of work; refused when the store cannot be written (read-only, gone).
    fn begin(&mut self) -> Result<Self::Work<'_>>;

    /// Whether an erasure's wipe can complete now: `false` when another reader holds the store in
    /// a way that would keep erased content in it (SQLCipher: a checkpoint of the write-ahead log
    /// that cannot finish). Asked before erasing, so nothing is erased that cannot be wiped.
    fn ready_to_wipe(&mut self) -> Result<bool>;

    /// After an erasure's unit of work: leaves no erased content in freed storage (SQLCipher:
    /// checkpoint, `VACUUM`, checkpoint). `false` when a reader kept it from completing; the
    /// store then finishes it later (on the next open) and the erasure says so.
    fn wipe_erased(&mut self) -> Result<bool>;
}

/// A register whose entries are archived rather than deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Register {
    Clients,
    DataSources,
    Vendors,
}

/// A row other than a register entry whose change carries the `updated_at` its writer read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versioned {
    /// An assessment version's row (its status).
    Assessment,
    /// A corrective action.
    Action,
}

/// One unit of work: changes and their audit entry, committed together.
pub trait Work {
    /// Stores a new client (already checked).
    fn insert_client(&mut self, client: &Client) -> Result<()>;

    /// Stores a new data source (already checked).
    fn insert_data_source(&mut self, source: &DataSource) -> Result<()>;

    /// Stores a new vendor (already checked).
    fn insert_vendor(&mut self, vendor: &Vendor) -> Result<()>;

    /// Refuses, kind `stale`, an edit of register entry `id` made from a read of it whose
    /// `updated_at` was `read`, when anyone changed the entry since (naming who, where the store
    /// knows, and when); called in the unit before the edit, which nothing can then overtake.
    fn ensure_unchanged(&mut self, register: Register, id: &str, read: &str) -> Result<()>;

    /// [`Work::ensure_unchanged`] for an assessment row or an action: refused, kind `stale`,
    /// when anyone changed it since its `updated_at` was `read`.
    fn ensure_row_unchanged(&mut self, row: Versioned, id: &str, read: &str) -> Result<()>;

    /// Sets an entry's archived flag at `at`; `false` when it already had that flag (nothing
    /// written), [`Error::NotFound`] when there is no such entry.
    fn set_archived(
        &mut self,
        register: Register,
        id: &str,
        archived: bool,
        at: &str,
    ) -> Result<bool>;

    /// Stores a new assessment row and its template snapshot (once per hash).
    fn insert_assessment(&mut self, row: &NewAssessmentRow<'_>) -> Result<()>;

    /// Stores one answer (its JSON text) of an assessment, replacing the one there, whatever
    /// version is stored (the team database still refuses a change landing while the unit runs).
    fn put_answer(
        &mut self,
        assessment_id: &str,
        question_id: &str,
        value: &str,
        actor: &str,
        at: &str,
    ) -> Result<()> {
        self.put_answer_read(assessment_id, question_id, value, actor, at, None)
    }

    /// [`Work::put_answer`] carrying the version the writer read
    /// ([`Read::answer_versions`](super::read::Read::answer_versions); "" when there was no
    /// answer): a save after someone else's is refused, kind `stale`, nothing written. `None`
    /// checks nothing, as `put_answer`.
    fn put_answer_read(
        &mut self,
        assessment_id: &str,
        question_id: &str,
        value: &str,
        actor: &str,
        at: &str,
        read: Option<&str>,
    ) -> Result<()>;

    /// Stores an imported assessment's answers with their notes (question id → JSON text, note).
    fn insert_noted_answers(
        &mut self,
        assessment_id: &str,
        rows: &BTreeMap<String, (String, String)>,
        actor: &str,
        at: &str,
    ) -> Result<()>;

    /// Keeps the CNIL file an assessment was imported from.
    fn insert_cnil_record(
        &mut self,
        assessment_id: &str,
        document: &str,
        actor: &str,
        at: &str,
    ) -> Result<()>;

    /// Marks an assessment changed at `at`.
    fn touch_assessment(&mut self, id: &str, at: &str) -> Result<()>;

    /// Stores assessment `id`'s next version `new_id` (a draft by `actor` at `at`) with the same
    /// answers, links and CNIL record.
    fn copy_as_next_version(&mut self, id: &str, new_id: &str, actor: &str, at: &str)
    -> Result<()>;

    /// Links assessment `id` to `linked_id`; linking twice is linking once.
    fn link_assessments(&mut self, id: &str, linked_id: &str) -> Result<()>;

    /// Moves an assessment to `status` at `at`.
    fn set_status(&mut self, id: &str, status: Status, at: &str) -> Result<()>;

    /// Stores an attached file's row and its bytes.
    fn insert_evidence(&mut self, evidence: &EvidenceRecord, content: &[u8]) -> Result<()>;

    /// Stores a drawn report's row and its bytes.
    fn insert_report(&mut self, record: &ReportRecord, bytes: &[u8]) -> Result<()>;

    /// Sets a vault setting, replacing any earlier value.
    fn put_setting(&mut self, key: &str, value: &str) -> Result<()>;

    /// Stores a new action (already checked).
    fn insert_action(&mut self, action: &Action) -> Result<()>;

    /// Stores an action's changed fields.
    fn update_action(&mut self, action: &Action) -> Result<()>;

    /// Stores a sign-off row as given.
    fn insert_sign_off(&mut self, row: &SignOffRow) -> Result<()>;

    /// Sets (`Some`) or clears (`None`) a client's or an assessment's keep-until date.
    fn set_keep_until(&mut self, kept: Kept, id: &str, date: Option<&str>) -> Result<()>;

    /// Refuses, kind `stale`, a change of `id`'s keep-until date made from a read that saw the
    /// date `read` ("" for none) when another is stored now, naming who set it and when; holds
    /// the date as checked until the unit ends.
    fn ensure_keep_until_is(&mut self, kept: Kept, id: &str, read: &str) -> Result<()>;

    /// Raises an assessment's keep-until date to `minimum` unless a later one is set.
    fn raise_keep_until(&mut self, id: &str, minimum: &str) -> Result<()>;

    /// Stores a new comment on a question (already checked). On a team database the author is
    /// the session's member, whatever `comment.author` says.
    fn insert_comment(&mut self, comment: &CommentRow) -> Result<()>;

    /// Marks open comment `id` resolved by `actor` (team: the session's member) at `at`;
    /// `false` when no open comment has that id (resolved meanwhile, or not there).
    fn resolve_comment(&mut self, id: &str, actor: &str, at: &str) -> Result<bool>;

    /// Appends the audit entry of this unit's changes, chained after the log's head.
    fn append_audit(&mut self, event: AuditEvent<'_>, at: &str) -> Result<()>;

    /// Commits the changes and their audit entry together.
    fn commit(self) -> Result<()>;

    /// Replaces an assessment's findings in the search index with `docs` (scored above) and
    /// clears its pending mark. Written after the changes that alter them, so that a search
    /// after the commit finds them without scoring anything.
    fn put_search_findings(&mut self, assessment_id: &str, docs: &[FindingDoc]) -> Result<()>;

    /// Stores an assessment's list summary (JSON text, scored above), replacing any there.
    /// Written with the findings, after the changes that altered it.
    fn put_summary(&mut self, assessment_id: &str, summary: &str) -> Result<()>;

    // Register edits, settings, erasure and bundle imports. Rekeying is not here: re-encrypting
    // the file under a new key is an operation of SQLCipher on the whole file, outside any
    // transaction (`Vault::rekey`); a server back-end has no such thing to offer.

    /// Stores a client's changed fields (already checked).
    fn update_client(&mut self, client: &Client) -> Result<()>;

    /// Stores a data source's changed fields (already checked).
    fn update_data_source(&mut self, source: &DataSource) -> Result<()>;

    /// Stores a vendor's changed fields (already checked).
    fn update_vendor(&mut self, vendor: &Vendor) -> Result<()>;

    /// Removes a vault setting; removing one that is not set writes nothing.
    fn delete_setting(&mut self, key: &str) -> Result<()>;

    /// Deletes client `client_id`'s whole matter (every assessment version, what hangs off them,
    /// its registers and bundle imports), blanks what the audit log said about it (entries and
    /// hashes stay) and marks the wipe of freed storage pending ([`Store::wipe_erased`] clears
    /// the mark); returns what went. Refused when an assessment outside the matter relies on one
    /// inside it.
    fn erase_matter(&mut self, client_id: &str) -> Result<ErasureCounts>;

    /// Whether a bundle of this id was imported before.
    fn bundle_recorded(&mut self, bundle_id: &str) -> Result<bool>;

    /// Checks references between rows at commit rather than per row: an imported matter's rows
    /// refer to each other in every direction (versions, links).
    fn defer_references(&mut self) -> Result<()>;

    /// The columns this store knows for a matter table, so a bundle from a newer schema is
    /// refused by name.
    fn table_columns(&mut self, table: &str) -> Result<Vec<String>>;

    /// Stores a template snapshot an older bundle carried inline, or finds it here.
    fn add_snapshot(&mut self, snapshot: &Snapshot) -> Result<Upserted>;

    /// Inserts an imported row, or finds it there (equal: unchanged; different: nothing written).
    fn upsert_row(&mut self, write: RowWrite<'_>) -> Result<Upserted>;

    /// Records where an imported matter came from and its audit entries as the exporting vault
    /// wrote them.
    fn record_provenance(&mut self, from: &Provenance<'_>, audit: &[Entry]) -> Result<()>;
}
