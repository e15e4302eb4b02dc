//! [`Read`] on the team database: the registers, with the vault's results (the suite compares
//! them). What the team tables cannot answer the vault's way yet is refused by name
//! ([`Unsupported`]), never answered empty.

use std::any::Any;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use dpodesk_team::Unsupported;
use dpodesk_team::store as pg;

use super::{TeamStore, refused, register_of};
use crate::error::{Entity, Error, Result};
use crate::kind::Kind;
use crate::vault::bundle_store::Collected;
use crate::vault::register;
use crate::vault::store::Register;
use crate::vault::store::{Read, StoreKind};
use crate::vault::{
    Action, ActionFilter, AssessmentRecord, AuditChain, AuditHead, Client, CommentRow, DataSource,
    DataSourceFilter, ErasureCounts, EvidenceRecord, Kept, PastKeepUntil, ReportRecord, SignOffRow,
    Vendor, VendorFilter,
};
use crate::vault::{ActionStatus, Decision, Status, actions, snapshots};
use crate::vault::{
    FindingDoc, QuestionDoc, SearchHit, SearchOptions, SearchPending, VaultStorage,
};

impl Read for TeamStore {
    fn archived(&self, register: Register, id: &str) -> Result<bool> {
        pg::archived(&mut *self.session.borrow_mut(), register_of(register), id)?
            .ok_or_else(|| super::not_found(register, id))
    }

    fn client(&self, id: &str) -> Result<Client> {
        pg::client(&mut *self.session.borrow_mut(), id)?
            .map(client_of)
            .ok_or_else(|| not_found(Entity::Client, id))
    }

    /// One data source the member sees, or [`Error::NotFound`].
    fn data_source(&self, id: &str) -> Result<DataSource> {
        pg::data_source(&mut *self.session.borrow_mut(), id)?
            .map(data_source_of)
            .ok_or_else(|| not_found(Entity::DataSource, id))
    }

    /// One vendor the member sees, or [`Error::NotFound`].
    fn vendor(&self, id: &str) -> Result<Vendor> {
        pg::vendor(&mut *self.session.borrow_mut(), id)?
            .map(vendor_of)
            .ok_or_else(|| not_found(Entity::Vendor, id))
    }

    // The team chain is one per client, written by the database: a single head does not say
    // what it says on a vault (the check walks each: `verify_chains`).
    fn audit_head(&self) -> Result<AuditHead> {
        Err(refused(Unsupported::AuditLog))
    }

    // A kept file about a client carries its chain's head. The firm's chain (entries about no
    // client) is the admins' to read, so it is not offered yet.
    fn audit_head_of(&self, client_id: Option<&str>) -> Result<AuditHead> {
        let client = client_id.ok_or_else(|| refused(Unsupported::AuditLog))?;
        let (count, head_hash) = pg::chain_head(&mut *self.session.borrow_mut(), client)?
            .ok_or_else(|| not_found(Entity::Client, client))?;
        Ok(AuditHead {
            count: count.unsigned_abs(),
            head_hash,
        })
    }

    /// The clients the member sees, by name; archived ones too when asked (as the vault).
    fn clients(&self, include_archived: bool) -> Result<Vec<Client>> {
        let rows = pg::clients(&mut *self.session.borrow_mut(), include_archived)?;
        Ok(rows.into_iter().map(client_of).collect())
    }

    /// As the vault, among the clients the member sees.
    fn data_sources(&self, filter: &DataSourceFilter) -> Result<Vec<DataSource>> {
        let rows = pg::data_sources(
            &mut *self.session.borrow_mut(),
            filter.client_id.as_deref(),
            filter.include_archived,
        )?;
        Ok(rows.into_iter().map(data_source_of).collect())
    }

    /// As the vault (a review date checked the same way), among the clients the member sees.
    fn vendors(&self, filter: &VendorFilter) -> Result<Vec<Vendor>> {
        let due_by = filter
            .review_due_by
            .as_deref()
            .map(|date| register::date("due_by", date))
            .transpose()?;
        let rows = pg::vendors(
            &mut *self.session.borrow_mut(),
            filter.client_id.as_deref(),
            due_by.as_deref(),
            filter.include_archived,
        )?;
        Ok(rows.into_iter().map(vendor_of).collect())
    }

    fn assessment(&self, id: &str) -> Result<AssessmentRecord> {
        let row = pg::assessment(&mut *self.session.borrow_mut(), id)?
            .ok_or_else(|| not_found(Entity::Assessment, id))?;
        assessment_of(row)
    }

    fn assessments(&self) -> Result<Vec<AssessmentRecord>> {
        let rows = pg::assessments(&mut *self.session.borrow_mut())?;
        rows.into_iter().map(assessment_of).collect()
    }

    fn parsed_snapshot<T, F>(&self, id: &str, parse: F) -> Result<Arc<T>>
    where
        T: Any + Send + Sync,
        F: FnOnce(&[u8]) -> Result<T>,
    {
        // The content comes with the hash (one round trip); parsing is what the cache saves.
        let stored = pg::snapshot_of(&mut *self.session.borrow_mut(), id)?
            .ok_or_else(|| not_found(Entity::Assessment, id))?;
        if let Some(value) = self.templates.get::<T>(&stored.sha256) {
            return Ok(value);
        }
        let json = snapshots::checked_json(&stored.sha256, &stored.content, stored.size)?;
        let value = Arc::new(parse(&json)?);
        self.templates.keep(&stored.sha256, &value);
        Ok(value)
    }

    fn answer_rows(&self, id: &str) -> Result<Vec<(String, String)>> {
        Ok(pg::answer_rows(&mut *self.session.borrow_mut(), id)?)
    }

    fn answer_versions(&self, id: &str) -> Result<BTreeMap<String, String>> {
        let rows = pg::answer_versions(&mut *self.session.borrow_mut(), id)?;
        Ok(rows
            .into_iter()
            .map(|(question, version)| (question, version.to_string()))
            .collect())
    }

    fn linked_ids(&self, id: &str) -> Result<Vec<String>> {
        Ok(pg::linked_ids(&mut *self.session.borrow_mut(), id)?)
    }

    fn linking_ids(&self, id: &str) -> Result<Vec<String>> {
        Ok(pg::linking_ids(&mut *self.session.borrow_mut(), id)?)
    }

    fn evidence_hashes(&self, id: &str) -> Result<Vec<String>> {
        Ok(pg::evidence_hashes(&mut *self.session.borrow_mut(), id)?)
    }

    fn successor_of(&self, id: &str) -> Result<Option<String>> {
        Ok(pg::successor_of(&mut *self.session.borrow_mut(), id)?)
    }

    fn sign_off_rows(&self, id: &str) -> Result<Vec<SignOffRow>> {
        let rows = pg::sign_offs(&mut *self.session.borrow_mut(), id)?;
        Ok(rows.into_iter().map(sign_off_of).collect())
    }

    fn evidence(&self, assessment_id: &str) -> Result<Vec<EvidenceRecord>> {
        let rows = pg::evidence(&mut *self.session.borrow_mut(), assessment_id)?;
        Ok(rows
            .into_iter()
            .map(|row| EvidenceRecord {
                id: row.id,
                assessment_id: row.assessment_id,
                question_id: row.question_id,
                file_name: row.file_name,
                size: row.size.unsigned_abs(),
                sha256: row.sha256,
                added_by: row.added_by,
                added_at: row.added_at,
            })
            .collect())
    }

    fn actions(&self, filter: &ActionFilter) -> Result<Vec<Action>> {
        let overdue_on = filter
            .overdue_on
            .as_deref()
            .map(|date| register::date("date", date))
            .transpose()?;
        let query = pg::ActionQuery {
            client_id: filter.client_id.as_deref(),
            assessment_id: filter.assessment_id.as_deref(),
            status: filter.status.map(ActionStatus::as_str),
        };
        let rows = pg::actions(&mut *self.session.borrow_mut(), &query)?;
        let actions = rows
            .into_iter()
            .map(action_of)
            .collect::<Result<Vec<_>>>()?;
        Ok(match overdue_on {
            None => actions,
            Some(today) => actions
                .into_iter()
                .filter(|action| action.is_overdue(&today))
                .collect(),
        })
    }

    fn action(&self, id: &str) -> Result<Action> {
        let row = pg::action(&mut *self.session.borrow_mut(), id)?
            .ok_or_else(|| not_found(Entity::Action, id))?;
        action_of(row)
    }

    fn first_action_on(&self, assessment_id: &str, finding_id: &str) -> Result<Option<Action>> {
        pg::first_action_on(&mut *self.session.borrow_mut(), assessment_id, finding_id)?
            .map(action_of)
            .transpose()
    }

    fn assessment_client(&self, assessment_id: &str) -> Result<Option<String>> {
        pg::assessment_client(&mut *self.session.borrow_mut(), assessment_id)?
            .ok_or_else(|| not_found(Entity::Assessment, assessment_id))
    }

    fn keep_until(&self, kept: Kept, id: &str) -> Result<Option<String>> {
        let table = match kept {
            Kept::Client => pg::Kept::Client,
            Kept::Assessment => pg::Kept::Assessment,
        };
        pg::keep_until(&mut *self.session.borrow_mut(), table, id)?
            .ok_or_else(|| not_found(kept.entity(), id))
    }

    fn pia_approved_on(&self, assessment_id: &str) -> Result<Option<String>> {
        Ok(pg::pia_approved_on(
            &mut *self.session.borrow_mut(),
            assessment_id,
        )?)
    }

    /// As the vault, among what the member sees, in the vault's order.
    fn past_keep_until(&self, today: &str) -> Result<Vec<PastKeepUntil>> {
        let rows = pg::past_keep_until(&mut *self.session.borrow_mut(), today)?;
        let mut past: Vec<PastKeepUntil> = rows
            .into_iter()
            .map(|row| PastKeepUntil {
                kept: if row.table == "clients" {
                    Kept::Client
                } else {
                    Kept::Assessment
                },
                id: row.id,
                name: row.name,
                client_id: row.client_id,
                version: row.version,
                keep_until: row.keep_until,
            })
            .collect();
        past.sort_by(|a, b| (&a.keep_until, &a.name).cmp(&(&b.keep_until, &b.name)));
        Ok(past)
    }

    fn reports(&self) -> Result<Vec<ReportRecord>> {
        let rows = pg::reports(&mut *self.session.borrow_mut())?;
        Ok(rows
            .into_iter()
            .map(|row| ReportRecord {
                id: row.id,
                kind: row.kind,
                assessment_id: row.assessment_id,
                client_id: row.client_id,
                lang: row.lang,
                format: row.format,
                sha256: row.sha256,
                size: row.size.unsigned_abs(),
                generated_by: row.generated_by,
                generated_at: row.generated_at,
            })
            .collect())
    }

    fn report_content(&self, id: &str) -> Result<Option<Vec<u8>>> {
        Ok(pg::report_content(&mut *self.session.borrow_mut(), id)?)
    }

    /// The entries of the chains the member may read (his clients'; the firm's for an admin).
    fn audit_entries(&self) -> Result<u64> {
        Ok(pg::audit_entries(&mut *self.session.borrow_mut())?.unsigned_abs())
    }

    /// Every chain the member may check (`audit_erase.rs`).
    fn verify_audit(&self) -> Result<AuditHead> {
        self.walk_summed()
    }

    fn verify_chains(&self) -> Result<crate::vault::AuditChains> {
        self.walk_chains()
    }

    fn cnil_document(&self, assessment_id: &str) -> Result<Option<String>> {
        Ok(pg::cnil_document(
            &mut *self.session.borrow_mut(),
            assessment_id,
        )?)
    }

    fn answer_notes(&self, assessment_id: &str) -> Result<BTreeMap<String, String>> {
        Ok(pg::answer_notes(
            &mut *self.session.borrow_mut(),
            assessment_id,
        )?)
    }

    /// An admin's preview; anyone else is refused by the database (`audit_erase.rs`).
    fn erasure_preview(&self, client_id: &str) -> Result<ErasureCounts> {
        self.erasure_counts(client_id)
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(pg::setting(&mut *self.session.borrow_mut(), key)?)
    }

    fn comments(&self, assessment_id: &str) -> Result<Vec<CommentRow>> {
        let rows = pg::comments(&mut *self.session.borrow_mut(), assessment_id)?;
        Ok(rows.into_iter().map(comment_of).collect())
    }

    fn comment(&self, id: &str) -> Result<CommentRow> {
        pg::comment(&mut *self.session.borrow_mut(), id)?
            .map(comment_of)
            .ok_or_else(|| not_found(Entity::Comment, id))
    }

    // Whether the member may write is the database's to say, per statement (his role and
    // grants): the handle itself is never read-only.
    /// As the vault, among what the member sees (`search.rs`).
    fn search_with(
        &self,
        query: &str,
        limit: usize,
        options: SearchOptions,
    ) -> Result<Vec<SearchHit>> {
        self.search_hits(query, limit, options)
    }

    fn search_pending(&self) -> Result<SearchPending> {
        self.pending_questions()
    }

    fn snapshot_json(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        let stored = pg::snapshot(&mut *self.session.borrow_mut(), sha256)?;
        // As on the vault: an unreadable snapshot is left out of search, not an error.
        Ok(stored.and_then(|s| snapshots::checked_json(&s.sha256, &s.content, s.size).ok()))
    }

    /// Keeps the questions for the session; findings were written by the units that changed
    /// them, so none are ever pending here.
    fn write_search_index(
        &self,
        questions: &[(String, Vec<QuestionDoc>)],
        _findings: &[(String, Vec<FindingDoc>)],
    ) -> Result<()> {
        self.keep_questions(questions);
        Ok(())
    }

    /// The matter as the member sees it, in the vault's form (`bundles.rs`).
    fn read_matter<T, F>(&self, client_id: &str, write: F) -> Result<T>
    where
        F: FnOnce(Collected, &mut dyn FnMut(&str, &str) -> Result<Vec<u8>>) -> Result<T>,
    {
        self.matter(client_id, write)
    }

    /// The client's own chain (one per client here).
    fn verify_audit_of(&self, client_id: &str) -> Result<AuditHead> {
        self.verify_chain_of(client_id)
    }

    /// The team database's name.
    fn location(&self) -> Result<String> {
        Ok(pg::stored_sizes(&mut *self.session.borrow_mut())?.database)
    }

    /// The database's size on the server as the file's (a server keeps no write-ahead log a
    /// member could size: none is counted), and the evidence and reports the member sees.
    fn storage(&self) -> Result<VaultStorage> {
        let sizes = pg::stored_sizes(&mut *self.session.borrow_mut())?;
        let size = |n: i64| n.unsigned_abs();
        Ok(VaultStorage {
            file_bytes: size(sizes.database_bytes),
            wal_bytes: 0,
            evidence_count: size(sizes.evidence_count),
            evidence_bytes: size(sizes.evidence_bytes),
            report_count: size(sizes.report_count),
            report_bytes: size(sizes.report_bytes),
        })
    }

    fn is_read_only(&self) -> bool {
        false
    }

    fn kind(&self) -> StoreKind {
        StoreKind::Team
    }

    /// The summaries of the assessments the member sees.
    fn summaries(&self) -> Result<HashMap<String, String>> {
        Ok(pg::summaries(&mut *self.session.borrow_mut())?)
    }

    // A kept file's anchor is its client's chain (`audit_head_of`), not a vault's log.
    fn audit_chain(&self) -> AuditChain {
        AuditChain::TeamClient
    }

    // The member's profile names him; the database records the login role as the signer.
    fn signer_name(&self) -> Result<Option<String>> {
        let me = dpodesk_team::members::me(&mut *self.session.borrow_mut())?;
        Ok(Some(me.display_name))
    }
}

fn comment_of(row: pg::CommentRecord) -> CommentRow {
    CommentRow {
        id: row.id,
        assessment_id: row.assessment_id,
        question_id: row.question_id,
        author: row.author,
        text: row.text,
        created_at: row.created_at,
        resolved_by: row.resolved_by,
        resolved_at: row.resolved_at,
    }
}

fn not_found(entity: Entity, id: &str) -> Error {
    Error::NotFound {
        entity,
        id: id.to_owned(),
    }
}

pub(super) fn client_of(row: pg::ClientRecord) -> Client {
    Client {
        id: row.id,
        name: row.name,
        matter: row.matter,
        contact: row.contact,
        notes: row.notes,
        archived: row.archived,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn data_source_of(row: pg::DataSourceRecord) -> DataSource {
    DataSource {
        id: row.id,
        client_id: row.client_id,
        name: row.name,
        channel: row.channel,
        platform: row.platform,
        notes: row.notes,
        archived: row.archived,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn vendor_of(row: pg::VendorRecord) -> Vendor {
    Vendor {
        id: row.id,
        client_id: row.client_id,
        name: row.name,
        country: row.country,
        service: row.service,
        contact: row.contact,
        next_review: row.next_review,
        notes: row.notes,
        archived: row.archived,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// An assessment row in core's types. A kind the database's CHECK constraint would not admit is
/// corruption.
fn assessment_of(row: pg::AssessmentRecord) -> Result<AssessmentRecord> {
    let corrupted = |what: &str, value: &str| Error::Corrupted {
        detail: format!("assessment {}: {what} {value}", row.id),
    };
    let kind = Kind::parse(&row.kind).ok_or_else(|| corrupted("kind", &row.kind))?;
    let status = Status::parse(&row.status);
    Ok(AssessmentRecord {
        id: row.id,
        kind,
        template_id: row.template_id,
        template_version: row.template_version,
        title: row.title,
        client_id: row.client_id,
        data_source_id: row.data_source_id,
        vendor_id: row.vendor_id,
        status,
        version: row.version,
        previous_id: row.previous_id,
        created_by: row.created_by,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// A sign-off in core's types; attestations that do not read as a list read as none, as on the
/// vault.
fn sign_off_of(row: pg::SignOffRecord) -> SignOffRow {
    SignOffRow {
        id: row.id,
        assessment_id: row.assessment_id,
        name: row.name,
        role: row.role,
        decision: if row.decision == "approve" {
            Decision::Approve
        } else {
            Decision::Reject
        },
        comment: row.comment,
        attestations: serde_json::from_str(&row.attestations).unwrap_or_default(),
        answers_sha256: row.answers_sha256,
        signed_at: row.signed_at,
        outcome: row.outcome,
        engine_version: row.engine_version,
        law_version: row.law_version,
        reservations: row.reservations,
    }
}

/// An action in core's types; a status the table's CHECK would not admit is refused as the
/// vault refuses it (an invalid status).
fn action_of(row: pg::ActionRecord) -> Result<Action> {
    Ok(Action {
        status: row.status.parse()?,
        id: row.id,
        assessment_id: row.assessment_id,
        client_id: row.client_id,
        finding_id: row.finding_id,
        title: row.title,
        title_words: actions::words_of(row.title_zh, row.title_en),
        owner: row.owner,
        due_date: row.due_date,
        note: row.note,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}
