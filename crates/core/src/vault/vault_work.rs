//! The SQLCipher vault's side of the storage interface ([`Store`], [`Work`]): a unit of work is one
//! IMMEDIATE transaction; each statement lives with its table's module, and a fault met while
//! writing is named as every write of the vault names it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rusqlite::{OptionalExtension, Transaction, params};

use super::bundle_store::{self, Entry, Provenance, RowWrite, Upserted};
use super::diagnose::{self, FileIdentity};
use super::register::RegisterEntry;
use super::store::{Register, Store, Versioned, Work};
use super::{
    Action, AuditEvent, Client, CommentRow, DataSource, ErasureCounts, EvidenceRecord, FindingDoc,
    Kept, NewAssessmentRow, ReportRecord, SignOffRow, Snapshot, Status, Vault, Vendor, audit,
};
use crate::error::{Error, Result};

/// A unit of work on the SQLCipher vault: one IMMEDIATE transaction.
#[derive(Debug)]
pub struct VaultWork<'v> {
    tx: Transaction<'v>,
    path: PathBuf,
    identity: Option<FileIdentity>,
}

impl Store for Vault {
    type Work<'s> = VaultWork<'s>;

    fn begin(&mut self) -> Result<VaultWork<'_>> {
        self.ensure_writable()?;
        let (path, identity) = (self.path.clone(), self.identity);
        let tx = self
            .begin_write()
            .map_err(|e| diagnose::storage_error(&path, identity, e))?;
        Ok(VaultWork { tx, path, identity })
    }

    fn ready_to_wipe(&mut self) -> Result<bool> {
        self.ensure_writable()?;
        self.checkpoint().map_err(|e| self.diagnose(e))
    }

    fn wipe_erased(&mut self) -> Result<bool> {
        self.scrub().map_err(|e| self.diagnose(e))
    }
}

impl VaultWork<'_> {
    /// Names a fault met while writing, as every write of the vault does.
    fn fault<T>(&self, result: Result<T>) -> Result<T> {
        result.map_err(|e| diagnose::storage_error(&self.path, self.identity, e))
    }
}

fn archived_flag<E: RegisterEntry>(
    tx: &Transaction<'_>,
    id: &str,
    archived: bool,
    at: &str,
) -> Result<bool> {
    let current: bool = tx
        .query_row(
            &format!("SELECT archived FROM {} WHERE id = ?1", E::TABLE),
            [id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound {
            entity: E::ENTITY,
            id: id.to_owned(),
        })?;
    if current == archived {
        return Ok(false);
    }
    tx.execute(
        &format!(
            "UPDATE {} SET archived = ?2, updated_at = ?3 WHERE id = ?1",
            E::TABLE
        ),
        params![id, archived, at],
    )?;
    Ok(true)
}

impl Work for VaultWork<'_> {
    fn insert_client(&mut self, client: &Client) -> Result<()> {
        let written = self
            .tx
            .execute(
                "INSERT INTO clients
                     (id, name, matter, contact, notes, archived, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7)",
                params![
                    client.id,
                    client.name,
                    client.matter,
                    client.contact,
                    client.notes,
                    client.created_at,
                    client.updated_at
                ],
            )
            .map(drop)
            .map_err(Error::from);
        self.fault(written)
    }

    fn insert_data_source(&mut self, source: &DataSource) -> Result<()> {
        let written = self
            .tx
            .execute(
                "INSERT INTO data_sources
                     (id, client_id, name, channel, platform, notes, archived,
                      created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8)",
                params![
                    source.id,
                    source.client_id,
                    source.name,
                    source.channel,
                    source.platform,
                    source.notes,
                    source.created_at,
                    source.updated_at
                ],
            )
            .map(drop)
            .map_err(Error::from);
        self.fault(written)
    }

    fn insert_vendor(&mut self, vendor: &Vendor) -> Result<()> {
        let written = self
            .tx
            .execute(
                "INSERT INTO vendors (id, client_id, name, country, service, contact, next_review,
                                      notes, archived, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10)",
                params![
                    vendor.id,
                    vendor.client_id,
                    vendor.name,
                    vendor.country,
                    vendor.service,
                    vendor.contact,
                    vendor.next_review,
                    vendor.notes,
                    vendor.created_at,
                    vendor.updated_at
                ],
            )
            .map(drop)
            .map_err(Error::from);
        self.fault(written)
    }

    fn ensure_unchanged(&mut self, register: Register, id: &str, read: &str) -> Result<()> {
        super::register::ensure_unchanged(&self.tx, register, id, read)
    }

    fn ensure_row_unchanged(&mut self, row: Versioned, id: &str, read: &str) -> Result<()> {
        super::register::ensure_row_unchanged(&self.tx, row, id, read)
    }

    fn set_archived(
        &mut self,
        register: Register,
        id: &str,
        archived: bool,
        at: &str,
    ) -> Result<bool> {
        let changed = match register {
            Register::Clients => archived_flag::<Client>(&self.tx, id, archived, at),
            Register::DataSources => archived_flag::<DataSource>(&self.tx, id, archived, at),
            Register::Vendors => archived_flag::<Vendor>(&self.tx, id, archived, at),
        };
        self.fault(changed)
    }

    fn insert_assessment(&mut self, row: &NewAssessmentRow<'_>) -> Result<()> {
        let written = super::assessments::insert(&self.tx, row);
        self.fault(written)
    }

    fn put_answer_read(
        &mut self,
        assessment_id: &str,
        question_id: &str,
        value: &str,
        actor: &str,
        at: &str,
        read: Option<&str>,
    ) -> Result<()> {
        if let Some(read) = read {
            super::assessments::check_answer_version(&self.tx, assessment_id, question_id, read)?;
        }
        let written =
            super::assessments::put_answer(&self.tx, assessment_id, question_id, value, actor, at);
        self.fault(written)
    }

    fn insert_noted_answers(
        &mut self,
        assessment_id: &str,
        rows: &BTreeMap<String, (String, String)>,
        actor: &str,
        at: &str,
    ) -> Result<()> {
        let written =
            super::cnil_store::insert_noted_answers(&self.tx, assessment_id, rows, actor, at);
        self.fault(written)
    }

    fn insert_cnil_record(
        &mut self,
        assessment_id: &str,
        document: &str,
        actor: &str,
        at: &str,
    ) -> Result<()> {
        let written =
            super::cnil_store::insert_record(&self.tx, assessment_id, document, actor, at);
        self.fault(written)
    }

    fn touch_assessment(&mut self, id: &str, at: &str) -> Result<()> {
        let written = self
            .tx
            .execute(
                "UPDATE assessments SET updated_at = ?2 WHERE id = ?1",
                params![id, at],
            )
            .map(drop)
            .map_err(Error::from);
        self.fault(written)
    }

    fn copy_as_next_version(
        &mut self,
        id: &str,
        new_id: &str,
        actor: &str,
        at: &str,
    ) -> Result<()> {
        let written = super::assessments::copy_as_next_version(&self.tx, id, new_id, actor, at);
        self.fault(written)
    }

    fn link_assessments(&mut self, id: &str, linked_id: &str) -> Result<()> {
        let written = super::assessments::link(&self.tx, id, linked_id);
        self.fault(written)
    }

    fn set_status(&mut self, id: &str, status: Status, at: &str) -> Result<()> {
        let written = self
            .tx
            .execute(
                "UPDATE assessments SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, status.as_str(), at],
            )
            .map(drop)
            .map_err(Error::from);
        self.fault(written)
    }

    fn insert_evidence(&mut self, evidence: &EvidenceRecord, content: &[u8]) -> Result<()> {
        let written = super::evidence::insert(&self.tx, evidence, content);
        self.fault(written)
    }

    fn insert_report(&mut self, record: &ReportRecord, bytes: &[u8]) -> Result<()> {
        let written = super::reports::insert(&self.tx, record, bytes);
        self.fault(written)
    }

    fn put_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let written = super::settings::put(&self.tx, key, value);
        self.fault(written)
    }

    fn insert_action(&mut self, action: &Action) -> Result<()> {
        let written = super::actions::insert(&self.tx, action);
        self.fault(written)
    }

    fn update_action(&mut self, action: &Action) -> Result<()> {
        let written = super::actions::update(&self.tx, action);
        self.fault(written)
    }

    fn insert_sign_off(&mut self, row: &SignOffRow) -> Result<()> {
        let written = super::signoffs::insert(&self.tx, row);
        self.fault(written)
    }

    fn set_keep_until(&mut self, kept: Kept, id: &str, date: Option<&str>) -> Result<()> {
        let written = super::retention::put(&self.tx, kept, id, date);
        self.fault(written)
    }

    fn ensure_keep_until_is(&mut self, kept: Kept, id: &str, read: &str) -> Result<()> {
        super::retention::ensure_date_is(&self.tx, kept, id, read)
    }

    fn raise_keep_until(&mut self, id: &str, minimum: &str) -> Result<()> {
        let written = super::retention::raise_to(&self.tx, id, minimum);
        self.fault(written)
    }

    fn insert_comment(&mut self, comment: &CommentRow) -> Result<()> {
        let written = super::comments::insert(&self.tx, comment);
        self.fault(written)
    }

    fn resolve_comment(&mut self, id: &str, actor: &str, at: &str) -> Result<bool> {
        let written = super::comments::resolve(&self.tx, id, actor, at);
        self.fault(written)
    }

    fn append_audit(&mut self, event: AuditEvent<'_>, at: &str) -> Result<()> {
        let appended = audit::append(&self.tx, event, at);
        self.fault(appended)
    }

    fn commit(self) -> Result<()> {
        let committed = self.tx.commit().map_err(Error::from);
        committed.map_err(|e| diagnose::storage_error(&self.path, self.identity, e))
    }

    fn put_search_findings(&mut self, assessment_id: &str, docs: &[FindingDoc]) -> Result<()> {
        let written = super::search::put_findings(&self.tx, assessment_id, docs);
        self.fault(written)
    }

    fn put_summary(&mut self, assessment_id: &str, summary: &str) -> Result<()> {
        let written = super::summaries::put(&self.tx, assessment_id, summary);
        self.fault(written)
    }

    fn update_client(&mut self, client: &Client) -> Result<()> {
        let written = super::clients::update(&self.tx, client);
        self.fault(written)
    }

    fn update_data_source(&mut self, source: &DataSource) -> Result<()> {
        let written = super::data_sources::update(&self.tx, source);
        self.fault(written)
    }

    fn update_vendor(&mut self, vendor: &Vendor) -> Result<()> {
        let written = super::vendors::update(&self.tx, vendor);
        self.fault(written)
    }

    fn delete_setting(&mut self, key: &str) -> Result<()> {
        let written = super::settings::delete(&self.tx, key);
        self.fault(written)
    }

    fn erase_matter(&mut self, client_id: &str) -> Result<ErasureCounts> {
        let erased = super::erase::erase_matter(&self.tx, client_id);
        self.fault(erased)
    }

    fn bundle_recorded(&mut self, bundle_id: &str) -> Result<bool> {
        let found = bundle_store::bundle_recorded(&self.tx, bundle_id);
        self.fault(found)
    }

    fn defer_references(&mut self) -> Result<()> {
        let deferred = bundle_store::defer_foreign_keys(&self.tx);
        self.fault(deferred)
    }

    fn table_columns(&mut self, table: &str) -> Result<Vec<String>> {
        let columns = bundle_store::columns(&self.tx, table);
        self.fault(columns)
    }

    fn add_snapshot(&mut self, snapshot: &Snapshot) -> Result<Upserted> {
        let added = bundle_store::add_snapshot(&self.tx, snapshot);
        self.fault(added)
    }

    fn upsert_row(&mut self, write: RowWrite<'_>) -> Result<Upserted> {
        let written = bundle_store::upsert(&self.tx, write);
        self.fault(written)
    }

    fn record_provenance(&mut self, from: &Provenance<'_>, audit: &[Entry]) -> Result<()> {
        let written = bundle_store::record_provenance(&self.tx, from, audit);
        self.fault(written)
    }
}
