//! The team-mode back-end of the store: [`Store`] and [`Work`] on the firm's PostgreSQL, through
//! `dpodesk_team::store` (where its statements live) on one session. `api` writes through it
//! exactly as through the vault.
//!
//! - A unit of work is one transaction carrying a client-made unit id (`dpodesk_team::write`),
//!   so a COMMIT whose reply was lost is settled later without a duplicate or a lost write.
//! - The audit entry is appended in that transaction; the database writes its actor (the
//!   session's member, `session_user`), time, chain and hashes, one chain per client. The
//!   `actor` an event or a method carries is only the display name a door passed: it is not
//!   stored as the actor, and the "by" columns name the session's member too.
//! - Template snapshots are stored once per hash, in the vault's stored form.
//! - Row versions: an answer saved with the version the door read at open
//!   ([`Work::put_answer_read`]) carries it as `Read::Version`, so a save after a colleague's is
//!   refused as stale ([`Error::Stale`], kind `stale`, naming who changed what when). Every other
//!   update, and a save without a version, carries the version the unit reads just before it
//!   (`Read::InUnit`): only a change that lands while the unit runs is refused.
//! - What the member may not see is not there: [`Store::client`] of a client not granted to him
//!   is [`Error::NotFound`], and a write his role or grants do not allow is refused by the
//!   database (kind `not_permitted`).

use std::cell::RefCell;
use std::collections::BTreeMap;

use dpodesk_team::Unsupported;
use dpodesk_team::store::{self as pg, Read};
use dpodesk_team::write::{self, UnitId};

use self::rows::{action_row, client_row, source_row, vendor_row};
use super::bundle_store::{Entry, Provenance, RowWrite, Upserted};
use super::store::{Register, Store, Versioned, Work};
use super::{
    Action, AuditEvent, Client, CommentRow, DataSource, ErasureCounts, EvidenceRecord, Kept,
    NewAssessmentRow, ReportRecord, SignOffRow, Snapshot, Status, Vendor, snapshots,
};
use crate::error::{Entity, Error, Result};

/// The store on one session of the team database.
pub struct TeamStore {
    // `Store`'s reads take `&self`, a session's queries `&mut`: the store is used by one thread
    // at a time, and a unit of work borrows the store mutably, so no read overlaps it.
    session: RefCell<dpodesk_team::Client>,
    /// Parsed template snapshots, by hash, as the vault keeps them.
    templates: snapshots::ParsedSnapshots,
    /// The question text search has read from the snapshots this session (`search.rs`).
    questions: RefCell<search::Questions>,
}

impl std::fmt::Debug for TeamStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TeamStore")
    }
}

impl TeamStore {
    /// The store on `session`; refuses a database this build may not write (not set up, or a
    /// schema older or newer than this build's).
    pub fn open(mut session: dpodesk_team::Client) -> Result<TeamStore> {
        dpodesk_team::schema::ensure_writable(&mut session)?;
        Ok(TeamStore {
            session: RefCell::new(session),
            templates: snapshots::ParsedSnapshots::default(),
            questions: RefCell::default(),
        })
    }
}

/// One unit of work on the team database: one transaction, recorded by its unit id.
pub struct TeamWork<'s> {
    tx: dpodesk_team::Transaction<'s>,
    unit: UnitId,
    /// The client this unit erased: the database wrote the erasure's audit entry itself.
    erased: Option<String>,
    /// A bundle import under way in this unit (`bundles.rs`).
    import: bundles::Pending,
}

impl std::fmt::Debug for TeamWork<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TeamWork({})", self.unit.as_str())
    }
}

impl TeamWork<'_> {
    /// The unit's id: what `dpodesk_team::write::landed` asks about after a lost COMMIT.
    pub fn unit(&self) -> &UnitId {
        &self.unit
    }
}

impl Store for TeamStore {
    type Work<'s> = TeamWork<'s>;

    fn begin(&mut self) -> Result<TeamWork<'_>> {
        let unit = UnitId::new();
        let tx = write::begin(self.session.get_mut(), &unit)?;
        Ok(TeamWork {
            tx,
            unit,
            erased: None,
            import: bundles::Pending::default(),
        })
    }

    // No member can wipe the server's storage (VACUUM is the table owner's, backups are the
    // server's): nothing to wait for, nothing to finish. docs/team-mode.md says what stays.
    fn ready_to_wipe(&mut self) -> Result<bool> {
        Ok(true)
    }

    fn wipe_erased(&mut self) -> Result<bool> {
        Ok(true)
    }
}

impl Work for TeamWork<'_> {
    fn insert_client(&mut self, client: &Client) -> Result<()> {
        Ok(pg::insert_client(&mut self.tx, &client_row(client))?)
    }

    fn insert_data_source(&mut self, source: &DataSource) -> Result<()> {
        Ok(pg::insert_data_source(&mut self.tx, &source_row(source))?)
    }

    fn insert_vendor(&mut self, vendor: &Vendor) -> Result<()> {
        Ok(pg::insert_vendor(&mut self.tx, &vendor_row(vendor))?)
    }

    fn ensure_row_unchanged(&mut self, row: Versioned, id: &str, read: &str) -> Result<()> {
        let row = match row {
            Versioned::Assessment => pg::Versioned::Assessment,
            Versioned::Action => pg::Versioned::Action,
        };
        Ok(pg::ensure_row_unchanged(&mut self.tx, row, id, read)?)
    }

    fn ensure_unchanged(&mut self, register: Register, id: &str, read: &str) -> Result<()> {
        Ok(pg::ensure_unchanged(
            &mut self.tx,
            register_of(register),
            id,
            read,
        )?)
    }

    fn set_archived(
        &mut self,
        register: Register,
        id: &str,
        archived: bool,
        at: &str,
    ) -> Result<bool> {
        pg::set_archived(
            &mut self.tx,
            register_of(register),
            id,
            archived,
            at,
            Read::InUnit,
        )?
        .ok_or_else(|| not_found(register, id))
    }

    fn insert_assessment(&mut self, row: &NewAssessmentRow<'_>) -> Result<()> {
        let snapshot = row.snapshot;
        let content = snapshots::encode(&snapshot.json)?;
        let stored = pg::Snapshot {
            sha256: &snapshot.sha256,
            template_id: &snapshot.template_id,
            template_version: &snapshot.template_version,
            size: i64::try_from(snapshot.json.len()).unwrap_or(i64::MAX),
            content: &content,
        };
        // `row.created_by` is the door's display name; the database records the member.
        let assessment = pg::NewAssessment {
            id: row.id,
            kind: row.kind.as_str(),
            title: &row.new.title,
            client_id: row.new.client_id.as_deref(),
            data_source_id: row.new.data_source_id.as_deref(),
            vendor_id: row.new.vendor_id.as_deref(),
            at: row.at,
        };
        Ok(pg::insert_assessment(&mut self.tx, &stored, &assessment)?)
    }

    fn put_answer_read(
        &mut self,
        assessment_id: &str,
        question_id: &str,
        value: &str,
        _actor: &str,
        at: &str,
        read: Option<&str>,
    ) -> Result<()> {
        Ok(pg::put_answer(
            &mut self.tx,
            assessment_id,
            question_id,
            value,
            at,
            version_read(read),
        )?)
    }

    fn insert_noted_answers(
        &mut self,
        assessment_id: &str,
        rows: &BTreeMap<String, (String, String)>,
        _actor: &str,
        at: &str,
    ) -> Result<()> {
        Ok(pg::insert_noted_answers(
            &mut self.tx,
            assessment_id,
            rows,
            at,
        )?)
    }

    fn insert_cnil_record(
        &mut self,
        assessment_id: &str,
        document: &str,
        _actor: &str,
        at: &str,
    ) -> Result<()> {
        Ok(pg::insert_cnil_record(
            &mut self.tx,
            assessment_id,
            document,
            at,
        )?)
    }

    fn touch_assessment(&mut self, id: &str, at: &str) -> Result<()> {
        Ok(pg::touch_assessment(&mut self.tx, id, at, Read::InUnit)?)
    }

    fn copy_as_next_version(
        &mut self,
        id: &str,
        new_id: &str,
        _actor: &str,
        at: &str,
    ) -> Result<()> {
        Ok(pg::copy_as_next_version(&mut self.tx, id, new_id, at)?)
    }

    fn link_assessments(&mut self, id: &str, linked_id: &str) -> Result<()> {
        Ok(pg::link_assessments(&mut self.tx, id, linked_id)?)
    }

    fn set_status(&mut self, id: &str, status: Status, at: &str) -> Result<()> {
        Ok(pg::set_status(
            &mut self.tx,
            id,
            status.as_str(),
            at,
            Read::InUnit,
        )?)
    }

    fn insert_evidence(&mut self, evidence: &EvidenceRecord, content: &[u8]) -> Result<()> {
        let row = pg::NewEvidence {
            id: &evidence.id,
            assessment_id: &evidence.assessment_id,
            question_id: &evidence.question_id,
            file_name: &evidence.file_name,
            size: i64::try_from(evidence.size).unwrap_or(i64::MAX),
            sha256: &evidence.sha256,
            added_at: &evidence.added_at,
        };
        Ok(pg::insert_evidence(&mut self.tx, &row, content)?)
    }

    fn insert_report(&mut self, record: &ReportRecord, bytes: &[u8]) -> Result<()> {
        let row = pg::NewReport {
            id: &record.id,
            kind: &record.kind,
            assessment_id: record.assessment_id.as_deref(),
            client_id: record.client_id.as_deref(),
            lang: &record.lang,
            format: &record.format,
            sha256: &record.sha256,
            generated_at: &record.generated_at,
        };
        Ok(pg::insert_report(&mut self.tx, &row, bytes)?)
    }

    fn put_setting(&mut self, key: &str, value: &str) -> Result<()> {
        Ok(pg::put_setting(&mut self.tx, key, value)?)
    }

    fn insert_action(&mut self, action: &Action) -> Result<()> {
        Ok(pg::insert_action(&mut self.tx, &action_row(action))?)
    }

    fn update_action(&mut self, action: &Action) -> Result<()> {
        Ok(pg::update_action(
            &mut self.tx,
            &action_row(action),
            Read::InUnit,
        )?)
    }

    fn insert_sign_off(&mut self, row: &SignOffRow) -> Result<()> {
        let attestations =
            serde_json::to_string(&row.attestations).unwrap_or_else(|_| "[]".to_owned());
        let stored = pg::SignOff {
            id: &row.id,
            assessment_id: &row.assessment_id,
            name: &row.name,
            role: &row.role,
            decision: match row.decision {
                super::Decision::Approve => "approve",
                super::Decision::Reject => "reject",
            },
            comment: &row.comment,
            attestations: &attestations,
            answers_sha256: &row.answers_sha256,
            signed_at: &row.signed_at,
            outcome: &row.outcome,
            engine_version: &row.engine_version,
            law_version: &row.law_version,
            reservations: &row.reservations,
        };
        Ok(pg::insert_sign_off(&mut self.tx, &stored)?)
    }

    fn set_keep_until(&mut self, kept: Kept, id: &str, date: Option<&str>) -> Result<()> {
        let kept = match kept {
            Kept::Client => pg::Kept::Client,
            Kept::Assessment => pg::Kept::Assessment,
        };
        Ok(pg::set_keep_until(
            &mut self.tx,
            kept,
            id,
            date,
            Read::InUnit,
        )?)
    }

    fn ensure_keep_until_is(&mut self, kept: Kept, id: &str, read: &str) -> Result<()> {
        let kept_pg = match kept {
            Kept::Client => pg::Kept::Client,
            Kept::Assessment => pg::Kept::Assessment,
        };
        match pg::keep_until_changed(&mut self.tx, kept_pg, id, read)? {
            None => Ok(()),
            Some((changed_by, changed_at)) => Err(Error::Stale(crate::error::Stale {
                entity: crate::error::Entity::KeepUntil,
                id: id.to_owned(),
                changed_by,
                changed_at,
            })),
        }
    }

    fn raise_keep_until(&mut self, id: &str, minimum: &str) -> Result<()> {
        Ok(pg::raise_keep_until(
            &mut self.tx,
            id,
            minimum,
            Read::InUnit,
        )?)
    }

    // The database writes the author and the resolver: the session's member.
    fn insert_comment(&mut self, comment: &CommentRow) -> Result<()> {
        let row = pg::NewComment {
            id: &comment.id,
            assessment_id: &comment.assessment_id,
            question_id: &comment.question_id,
            text: &comment.text,
            created_at: &comment.created_at,
        };
        Ok(pg::insert_comment(&mut self.tx, &row)?)
    }

    fn resolve_comment(&mut self, id: &str, _actor: &str, at: &str) -> Result<bool> {
        Ok(pg::resolve_comment(&mut self.tx, id, at)?)
    }

    fn append_audit(&mut self, event: AuditEvent<'_>, _at: &str) -> Result<()> {
        // `erase_matter` made the erasure's entry already, in the database (so psql's does too).
        if event.action == "client.erased" && self.erased.as_deref() == Some(event.entity_id) {
            return Ok(());
        }
        // An import's entry goes in with what the import brought (`bundles.rs`).
        if bundles::complete(self, &event)? {
            return Ok(());
        }
        let entry = pg::AuditEntry {
            action: event.action,
            entity_type: event.entity_type,
            entity_id: event.entity_id,
            summary: event.summary,
        };
        Ok(pg::append_audit(&mut self.tx, &entry)?)
    }

    fn commit(self) -> Result<()> {
        Ok(write::commit(self.tx, &self.unit)?)
    }

    fn update_client(&mut self, client: &Client) -> Result<()> {
        Ok(pg::update_client(
            &mut self.tx,
            &client_row(client),
            Read::InUnit,
        )?)
    }

    fn update_data_source(&mut self, source: &DataSource) -> Result<()> {
        Ok(pg::update_data_source(
            &mut self.tx,
            &source_row(source),
            Read::InUnit,
        )?)
    }

    fn update_vendor(&mut self, vendor: &Vendor) -> Result<()> {
        Ok(pg::update_vendor(
            &mut self.tx,
            &vendor_row(vendor),
            Read::InUnit,
        )?)
    }

    fn delete_setting(&mut self, key: &str) -> Result<()> {
        Ok(pg::delete_setting(&mut self.tx, key)?)
    }

    fn erase_matter(&mut self, client_id: &str) -> Result<ErasureCounts> {
        let counts = audit_erase::erase_matter(&mut self.tx, client_id)?;
        self.erased = Some(client_id.to_owned());
        Ok(counts)
    }

    // A bundle import's row-level steps (`bundles.rs`).
    fn bundle_recorded(&mut self, bundle_id: &str) -> Result<bool> {
        bundles::recorded(self, bundle_id)
    }

    fn defer_references(&mut self) -> Result<()> {
        Ok(pg::defer_references(&mut self.tx)?)
    }

    fn table_columns(&mut self, table: &str) -> Result<Vec<String>> {
        bundles::table_columns(self, table)
    }

    fn add_snapshot(&mut self, snapshot: &Snapshot) -> Result<Upserted> {
        bundles::add_snapshot(self, snapshot)
    }

    fn upsert_row(&mut self, write: RowWrite<'_>) -> Result<Upserted> {
        bundles::upsert_row(self, write)
    }

    fn record_provenance(&mut self, from: &Provenance<'_>, audit: &[Entry]) -> Result<()> {
        bundles::record_provenance(self, from, audit)
    }

    fn put_search_findings(
        &mut self,
        assessment_id: &str,
        docs: &[super::search::FindingDoc],
    ) -> Result<()> {
        let words: Vec<pg::FindingWords<'_>> = docs
            .iter()
            .map(|d| pg::FindingWords {
                finding_id: &d.finding_id,
                title: (&d.title.zh, &d.title.en),
                explanation: (&d.explanation.zh, &d.explanation.en),
                recommendation: (&d.recommendation.zh, &d.recommendation.en),
            })
            .collect();
        Ok(pg::put_finding_docs(&mut self.tx, assessment_id, &words)?)
    }

    fn put_summary(&mut self, assessment_id: &str, summary: &str) -> Result<()> {
        Ok(pg::put_summary(&mut self.tx, assessment_id, summary)?)
    }
}

/// The version a door read, as the database's row version: "" is no row yet and text that is
/// no number was never a version, so both carry one no stored row has (0; the update is
/// refused as stale); `None`, no version, is the one read in the unit.
fn version_read(read: Option<&str>) -> Read {
    match read {
        None => Read::InUnit,
        Some(text) => Read::Version(text.parse().unwrap_or(0)),
    }
}

/// The typed refusal of what team mode does not offer yet.
pub(super) fn refused(what: Unsupported) -> Error {
    Error::Team(dpodesk_team::Error::NotInTeamMode { what })
}

pub(super) fn register_of(register: Register) -> pg::Register {
    match register {
        Register::Clients => pg::Register::Clients,
        Register::DataSources => pg::Register::DataSources,
        Register::Vendors => pg::Register::Vendors,
    }
}

pub(super) fn not_found(register: Register, id: &str) -> Error {
    Error::NotFound {
        entity: match register {
            Register::Clients => Entity::Client,
            Register::DataSources => Entity::DataSource,
            Register::Vendors => Entity::Vendor,
        },
        id: id.to_owned(),
    }
}

mod audit_erase;
mod bundles;
mod members;
mod reads;
mod rows;
mod search;

#[cfg(test)]
mod audit_erase_tests;
#[cfg(test)]
mod bundle_tests;
#[cfg(test)]
mod head_tests;
#[cfg(test)]
mod not_yet_tests;
#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod suite;
#[cfg(test)]
mod team_comments_tests;
#[cfg(test)]
mod team_tests;
