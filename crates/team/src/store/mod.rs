//! The statements behind core's storage interface (`Store` / `Work`) on the team database: the
//! vault's rows, written under team mode's rules. Core's team back-end calls these inside one
//! unit of work ([`crate::write::begin`] … [`crate::write::commit`]) and maps the rows to its own
//! types; this module knows no rule of a use case, only how a row is stored here.
//!
//! What differs from the vault, and why:
//! - every "by" column (`created_by`, `updated_by`, `added_by`, `generated_by`, `imported_by`)
//!   is the session's member, `session_user`, never the display name a door passed: the policy
//!   that shows an unfiled assessment to its creator reads `created_by`, and in team mode the
//!   database, not the caller, says who did something (the signer and the audit actor likewise);
//! - every update of a versioned row carries a version ([`Read`]); the trigger refuses any other
//!   with `DP001` ([`Error::Stale`](crate::Error::Stale));
//! - an audit entry goes to its client's chain, found from the entity it is about ([`chain_of`]).
//!
//! Tested through core's store (`vault/team_store`: the suite that runs on both back-ends, and
//! the team-only tests of stale saves, sign-off separation and access), where the rows these
//! write are compared with the vault's.

mod action_reads;
mod assessment_reads;
mod assessments;
mod comments;
mod edits;
mod imports;
mod kept_reads;
mod lists;
pub mod matter;
mod search_docs;
mod summaries;

use postgres::{GenericClient, Transaction};

use crate::error::{Result, sql_error};
use crate::write;

pub use action_reads::{ActionQuery, ActionRecord, action, actions, first_action_on};
pub use assessment_reads::{
    AssessmentRecord, EvidenceRecord, SignOffRecord, StoredSnapshot, answer_rows, answer_versions,
    assessment, assessment_client, assessments, evidence, evidence_hashes, keep_until, linked_ids,
    linking_ids, pia_approved_on, sign_offs, snapshot_of, successor_of,
};
pub use assessments::{
    ActionRow, FindingWords, NewAssessment, NewEvidence, NewReport, SignOff, Snapshot,
    copy_as_next_version, insert_action, insert_assessment, insert_cnil_record, insert_evidence,
    insert_noted_answers, insert_report, insert_sign_off, link_assessments, put_answer,
    put_finding_docs, raise_keep_until, set_status, touch_assessment, update_action,
};
pub use comments::{CommentRecord, NewComment, comment, comments, insert_comment, resolve_comment};
pub use edits::{
    delete_setting, ensure_row_unchanged, ensure_unchanged, keep_until_changed, setting,
    update_client, update_data_source, update_vendor,
};
pub use imports::{
    Found, Provenance as ImportProvenance, add_snapshot as add_inline_snapshot, bundle_recorded,
    complete_import, defer_references, differing_entry, find_row, insert_row, record_provenance,
    row_json,
};
pub use kept_reads::{
    PastKeepUntilRecord, ReportRecord, StoredSizes, answer_notes, audit_entries, chain_head,
    cnil_document, past_keep_until, report_content, reports, stored_sizes,
};
pub use lists::{
    DataSourceRecord, VendorRecord, clients, data_source, data_sources, vendor, vendors,
};
pub use search_docs::{
    Column as SearchColumn, SearchRow, candidates as search_candidates, question_holder, snapshot,
    snapshot_hashes,
};
pub use summaries::{put_summary, summaries};

/// The version an update carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// The `row_version` the writer read when he opened the row: a save after anyone else's is
    /// refused.
    Version(i64),
    /// The row's version read inside the unit, just before the update, for a caller that has
    /// none to give: only a change that lands while the unit runs is refused.
    InUnit,
}

/// A register whose entries are archived rather than deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Register {
    Clients,
    DataSources,
    Vendors,
}

impl Register {
    fn table(self) -> &'static str {
        match self {
            Register::Clients => "clients",
            Register::DataSources => "data_sources",
            Register::Vendors => "vendors",
        }
    }
}

/// A row other than a register entry whose change carries the `updated_at` its writer read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versioned {
    /// An assessment row (its status, title, keep-until date).
    Assessment,
    /// A corrective action.
    Action,
}

impl Versioned {
    fn table(self) -> &'static str {
        match self {
            Versioned::Assessment => "assessments",
            Versioned::Action => "actions",
        }
    }
}

/// Whose keep-until date is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Client,
    Assessment,
}

/// A client as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientRecord {
    pub id: String,
    pub name: String,
    pub matter: String,
    pub contact: String,
    pub notes: String,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
    pub row_version: i64,
}

/// A client's columns, for a new row or an edit (an edit leaves id and created_at as they are).
#[derive(Debug, Clone, Copy)]
pub struct NewClient<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub matter: &'a str,
    pub contact: &'a str,
    pub notes: &'a str,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

/// A data source's columns, new or edited (an edit changes neither id, client nor created_at).
#[derive(Debug, Clone, Copy)]
pub struct NewDataSource<'a> {
    pub id: &'a str,
    pub client_id: &'a str,
    pub name: &'a str,
    pub channel: &'a str,
    pub platform: &'a str,
    pub notes: &'a str,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

/// A vendor's columns, new or edited (an edit changes neither id, client nor created_at).
#[derive(Debug, Clone, Copy)]
pub struct NewVendor<'a> {
    pub id: &'a str,
    pub client_id: &'a str,
    pub name: &'a str,
    pub country: &'a str,
    pub service: &'a str,
    pub contact: &'a str,
    pub next_review: Option<&'a str>,
    pub notes: &'a str,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

const CLIENT_COLUMNS: &str =
    "id, name, matter, contact, notes, archived, created_at, updated_at, row_version";

/// One client the session's member may see, or `None` (no such client, or not granted).
pub fn client(session: &mut impl GenericClient, id: &str) -> Result<Option<ClientRecord>> {
    let row = session
        .query_opt(
            &format!("SELECT {CLIENT_COLUMNS} FROM dpodesk.clients WHERE id = $1"),
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.as_ref().map(client_record))
}

fn client_record(row: &postgres::Row) -> ClientRecord {
    ClientRecord {
        id: row.get(0),
        name: row.get(1),
        matter: row.get(2),
        contact: row.get(3),
        notes: row.get(4),
        archived: row.get(5),
        created_at: row.get(6),
        updated_at: row.get(7),
        row_version: row.get(8),
    }
}

/// Whether a register entry the member may see is archived; `None` when he sees no such entry.
pub fn archived(
    session: &mut impl GenericClient,
    register: Register,
    id: &str,
) -> Result<Option<bool>> {
    let row = session
        .query_opt(
            &format!(
                "SELECT archived FROM dpodesk.{} WHERE id = $1",
                register.table()
            ),
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.map(|row| row.get(0)))
}

/// Stores a new client; the database grants it to its creator.
pub fn insert_client(tx: &mut Transaction<'_>, client: &NewClient<'_>) -> Result<()> {
    // No RETURNING: the new row is granted by a trigger that runs after the policies check it.
    tx.execute(
        "INSERT INTO dpodesk.clients (id, name, matter, contact, notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &client.id,
            &client.name,
            &client.matter,
            &client.contact,
            &client.notes,
            &client.created_at,
            &client.updated_at,
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

pub fn insert_data_source(tx: &mut Transaction<'_>, source: &NewDataSource<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.data_sources
             (id, client_id, name, channel, platform, notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &source.id,
            &source.client_id,
            &source.name,
            &source.channel,
            &source.platform,
            &source.notes,
            &source.created_at,
            &source.updated_at,
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

pub fn insert_vendor(tx: &mut Transaction<'_>, vendor: &NewVendor<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.vendors (id, client_id, name, country, service, contact,
                                      next_review, notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &[
            &vendor.id,
            &vendor.client_id,
            &vendor.name,
            &vendor.country,
            &vendor.service,
            &vendor.contact,
            &vendor.next_review,
            &vendor.notes,
            &vendor.created_at,
            &vendor.updated_at,
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Sets an entry's archived flag: `None` when the member sees no such entry, `Some(false)` when
/// it had the flag already (nothing written), `Some(true)` when it was changed.
pub fn set_archived(
    tx: &mut Transaction<'_>,
    register: Register,
    id: &str,
    archived: bool,
    at: &str,
    read: Read,
) -> Result<Option<bool>> {
    let table = register.table();
    let Some(row) = tx
        .query_opt(
            &format!("SELECT archived, row_version FROM dpodesk.{table} WHERE id = $1"),
            &[&id],
        )
        .map_err(sql_error)?
    else {
        return Ok(None);
    };
    let (current, version): (bool, i64) = (row.get(0), row.get(1));
    if current == archived {
        return Ok(Some(false));
    }
    tx.execute(
        &format!(
            "UPDATE dpodesk.{table} SET archived = $2, updated_at = $3, row_version = $4
             WHERE id = $1"
        ),
        &[&id, &archived, &at, &carried(read, version)],
    )
    .map_err(sql_error)?;
    Ok(Some(true))
}

/// Sets (`Some`) or clears (`None`) a client's or an assessment's keep-until date; a row the
/// member does not see is left alone, as the vault leaves a missing one.
pub fn set_keep_until(
    tx: &mut Transaction<'_>,
    kept: Kept,
    id: &str,
    date: Option<&str>,
    read: Read,
) -> Result<()> {
    let table = match kept {
        Kept::Client => "clients",
        Kept::Assessment => "assessments",
    };
    let Some(version) = version_of(tx, table, id)? else {
        return Ok(());
    };
    tx.execute(
        &format!("UPDATE dpodesk.{table} SET keep_until = $2, row_version = $3 WHERE id = $1"),
        &[&id, &date, &carried(read, version)],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Sets a setting, replacing any earlier value (admins only, by the table's privileges).
pub fn put_setting(tx: &mut Transaction<'_>, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.settings (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&key, &value],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// One audit entry of a unit; the database writes its actor, time and hashes.
#[derive(Debug, Clone, Copy)]
pub struct AuditEntry<'a> {
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub summary: &'a str,
}

/// Appends `entry` to the chain of the client its entity belongs to (the firm's chain for an
/// entity of no client: a setting, an export, the vault itself).
pub fn append_audit(tx: &mut Transaction<'_>, entry: &AuditEntry<'_>) -> Result<()> {
    let chain = chain_of(tx, entry.entity_type, entry.entity_id)?;
    write::append_audit(
        tx,
        &write::Entry {
            action: entry.action,
            entity_type: entry.entity_type,
            entity_id: entry.entity_id,
            summary: entry.summary,
            client_id: chain.as_deref(),
        },
    )
}

/// The client whose chain an entry about `entity_type` `entity_id` joins. Read in the unit, so an
/// entity inserted by the same unit is found.
pub fn chain_of(
    tx: &mut Transaction<'_>,
    entity_type: &str,
    entity_id: &str,
) -> Result<Option<String>> {
    let query = match entity_type {
        "client" => return Ok(Some(entity_id.to_owned())),
        "data_source" => "SELECT client_id FROM dpodesk.data_sources WHERE id = $1",
        "vendor" => "SELECT client_id FROM dpodesk.vendors WHERE id = $1",
        "assessment" => "SELECT client_id FROM dpodesk.assessments WHERE id = $1",
        "comment" => {
            "SELECT a.client_id FROM dpodesk.comments AS c
             JOIN dpodesk.assessments AS a ON a.id = c.assessment_id WHERE c.id = $1"
        }
        "action" => {
            "SELECT coalesce(x.client_id, a.client_id) FROM dpodesk.actions AS x
             LEFT JOIN dpodesk.assessments AS a ON a.id = x.assessment_id WHERE x.id = $1"
        }
        "report" => {
            "SELECT coalesce(r.client_id, a.client_id) FROM dpodesk.reports AS r
             LEFT JOIN dpodesk.assessments AS a ON a.id = r.assessment_id WHERE r.id = $1"
        }
        _ => return Ok(None),
    };
    let row = tx.query_opt(query, &[&entity_id]).map_err(sql_error)?;
    Ok(row.and_then(|row| row.get::<_, Option<String>>(0)))
}

/// The `row_version` of the row `id` of `table` as the member sees it now, or `None`.
fn version_of(tx: &mut Transaction<'_>, table: &str, id: &str) -> Result<Option<i64>> {
    let row = tx
        .query_opt(
            &format!("SELECT row_version FROM dpodesk.{table} WHERE id = $1"),
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.map(|row| row.get(0)))
}

/// The version an update sets: the writer's, else the one just read in the unit.
fn carried(read: Read, in_unit: i64) -> i64 {
    match read {
        Read::Version(version) => version,
        Read::InUnit => in_unit,
    }
}
