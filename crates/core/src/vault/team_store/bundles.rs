//! Bundles on the team database: a matter read out in the vault's form (`Read::read_matter`), and
//! an import's row-level steps (`Work::upsert_row`, `record_provenance`, …) over
//! `dpodesk_team::store` (statements) and `sql/0009_bundles.sql` (what the database writes
//! itself). The rules stay `bundle/`'s, the same on both stores; only this differs:
//! - a row keeps what the bundle says, except what team mode adds (row versions, who changed it:
//!   written by the database; the client is granted to its importer and seen by the admins);
//! - a sign-off or comment cannot be written as someone else by a member: they wait in the unit
//!   and go in through `dpodesk.import_bundle()` with the import entry, which is appended when
//!   the import records its entry ([`TeamWork::append_audit`](super::TeamWork) after
//!   `bundle_recorded`), followed by the bundle's entries with their own actors in the client's
//!   chain;
//! - the chain a bundle names as its source, and the head it reports, are the client's.

use std::collections::HashMap;

use dpodesk_team::store::matter::{self, Cell, Column, EntryRecord, Kind};
use dpodesk_team::store::{self as pg, Found};
use rusqlite::types::Value;

use super::{TeamStore, TeamWork};
use crate::error::{Entity, Error, Invalid, Result};
use crate::vault::bundle_store::{
    Collected, Entry, Provenance, RowWrite, SNAPSHOTS, TABLES, TableRows, Upserted, to_cell,
};
use crate::vault::{AuditBreak, AuditEvent, AuditHead, Snapshot, snapshots};

/// What an import keeps in its unit until it records its entry.
#[derive(Debug, Default)]
pub(super) struct Pending {
    /// The bundle asked about (`bundle_recorded`): the import under way.
    bundle_id: Option<String>,
    signoffs: Vec<serde_json::Value>,
    comments: Vec<serde_json::Value>,
    /// The team database's columns of each matter table met so far.
    columns: HashMap<&'static str, Vec<Column>>,
}

/// The columns a bundle's `row_version` (the vault's answers carry one since its schema 15)
/// fills here: the database writes its own.
const WRITTEN_HERE: &str = "row_version";

fn columns_of<'p>(work: &'p mut TeamWork<'_>, table: &'static str) -> Result<&'p Vec<Column>> {
    if !work.import.columns.contains_key(table) {
        let found = matter::columns(&mut work.tx, table)?;
        work.import.columns.insert(table, found);
    }
    Ok(&work.import.columns[table])
}

pub(super) fn recorded(work: &mut TeamWork<'_>, bundle_id: &str) -> Result<bool> {
    work.import.bundle_id = Some(bundle_id.to_owned());
    Ok(pg::bundle_recorded(&mut work.tx, bundle_id)?)
}

pub(super) fn table_columns(work: &mut TeamWork<'_>, table: &str) -> Result<Vec<String>> {
    let Some(spec) = TABLES.iter().find(|s| s.name == table) else {
        return Ok(Vec::new());
    };
    let mut names: Vec<String> = columns_of(work, spec.name)?
        .iter()
        .map(|c| c.name.clone())
        .collect();
    names.push(WRITTEN_HERE.to_owned());
    Ok(names)
}

pub(super) fn add_snapshot(work: &mut TeamWork<'_>, snapshot: &Snapshot) -> Result<Upserted> {
    let content = snapshots::encode(&snapshot.json)?;
    let stored = pg::Snapshot {
        sha256: &snapshot.sha256,
        template_id: &snapshot.template_id,
        template_version: &snapshot.template_version,
        size: i64::try_from(snapshot.json.len()).unwrap_or(i64::MAX),
        content: &content,
    };
    Ok(if pg::add_inline_snapshot(&mut work.tx, &stored)? {
        Upserted::Added
    } else {
        Upserted::Unchanged
    })
}

pub(super) fn upsert_row(work: &mut TeamWork<'_>, write: RowWrite<'_>) -> Result<Upserted> {
    let table = write.spec.name;
    let here = columns_of(work, table)?.clone();
    let mut columns = Vec::new();
    let mut cells = Vec::new();
    for (name, value) in write.columns.iter().zip(write.row) {
        if name == WRITTEN_HERE {
            continue;
        }
        let column = here
            .iter()
            .find(|c| &c.name == name)
            .ok_or_else(|| Error::Corrupted {
                detail: format!("{table}.{name} is not a column of the team database"),
            })?;
        columns.push(column.clone());
        cells.push(cell_of(value));
    }
    match pg::find_row(&mut work.tx, table, write.spec.key, &columns, &cells)? {
        Found::Same => return Ok(Upserted::Unchanged),
        Found::Different => return Ok(Upserted::Different),
        Found::Nothing => {}
    }
    // What the database would otherwise write as the session's member.
    if table == "signoffs" || table == "comments" {
        let row = pg::row_json(table, &columns, &cells)?;
        if table == "signoffs" {
            work.import.signoffs.push(row);
        } else {
            work.import.comments.push(row);
        }
        return Ok(Upserted::Added);
    }
    if let Some(bytes) = write.content {
        let stored = if table == SNAPSHOTS {
            snapshots::encode(bytes)?
        } else {
            bytes.to_vec()
        };
        columns.push(Column {
            name: "content".to_owned(),
            kind: Kind::Bytes,
        });
        cells.push(Cell::Bytes(stored));
    }
    pg::insert_row(&mut work.tx, table, write.spec.key, &columns, &cells)?;
    Ok(Upserted::Added)
}

pub(super) fn record_provenance(
    work: &mut TeamWork<'_>,
    from: &Provenance<'_>,
    audit: &[Entry],
) -> Result<()> {
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let row = pg::ImportProvenance {
        bundle_id: from.bundle_id,
        client_id: from.client_id,
        exported_by: from.exported_by,
        exported_at: from.exported_at,
        source_head_hash: from.source_head.0,
        source_count: count(from.source_head.1),
        head_hash: from.head.0,
        count: count(from.head.1),
        imported_at: from.imported_at,
    };
    let entries: Vec<EntryRecord> = audit
        .iter()
        .map(|e| EntryRecord {
            id: e.id.clone(),
            at: e.at.clone(),
            actor: e.actor.clone(),
            action: e.action.clone(),
            entity_type: e.entity_type.clone(),
            entity_id: e.entity_id.clone(),
            summary: e.summary.clone(),
            prev_hash: e.prev_hash.clone(),
            hash: e.hash.clone(),
        })
        .collect();
    pg::record_provenance(&mut work.tx, &row, &entries)?;
    // The matter went out and came back: an entry here already must be the same entry.
    if let Some(id) = pg::differing_entry(&mut work.tx, from.bundle_id)? {
        return Err(Error::BundleConflict {
            table: "audit_log".to_owned(),
            id,
        });
    }
    Ok(())
}

/// The import's entry, when `event` is it: the waiting sign-offs and comments, the entry (the
/// member its actor), then the bundle's entries. `false` when no import is under way.
pub(super) fn complete(work: &mut TeamWork<'_>, event: &AuditEvent<'_>) -> Result<bool> {
    if event.action != "bundle.imported" {
        return Ok(false);
    }
    let Some(bundle_id) = work.import.bundle_id.take() else {
        return Ok(false);
    };
    let signoffs = std::mem::take(&mut work.import.signoffs);
    let comments = std::mem::take(&mut work.import.comments);
    pg::complete_import(
        &mut work.tx,
        &bundle_id,
        &crate::id::new_id(),
        event.summary,
        &signoffs,
        &comments,
    )?;
    Ok(true)
}

fn cell_of(value: &Value) -> Cell {
    match value {
        Value::Null => Cell::Null,
        Value::Integer(n) => Cell::Int(*n),
        Value::Real(r) => Cell::Real(*r),
        Value::Text(t) => Cell::Text(t.clone()),
        Value::Blob(b) => Cell::Bytes(b.clone()),
    }
}

fn value_of(cell: Cell) -> Value {
    match cell {
        Cell::Null => Value::Null,
        Cell::Int(n) => Value::Integer(n),
        Cell::Real(r) => Value::Real(r),
        Cell::Text(t) => Value::Text(t),
        Cell::Bytes(b) => Value::Blob(b),
    }
}

impl TeamStore {
    /// The matter of `client_id` as the member sees it, in one repeatable-read transaction that
    /// `write` runs inside (its blob reads and chain check included).
    pub(super) fn matter<T, F>(&self, client_id: &str, write: F) -> Result<T>
    where
        F: FnOnce(Collected, &mut dyn FnMut(&str, &str) -> Result<Vec<u8>>) -> Result<T>,
    {
        matter::begin_snapshot(&mut self.session.borrow_mut())?;
        let result = self.collect(client_id).and_then(|collected| {
            let mut blob = |table: &str, id: &str| self.blob(table, id);
            write(collected, &mut blob)
        });
        let mut session = self.session.borrow_mut();
        match result {
            Ok(value) => {
                matter::end_snapshot(&mut session)?;
                Ok(value)
            }
            Err(error) => {
                // The error says what went wrong; the rollback of a read changes nothing.
                let _ = session.batch_execute("ROLLBACK");
                Err(error)
            }
        }
    }

    fn collect(&self, client_id: &str) -> Result<Collected> {
        let session = &mut *self.session.borrow_mut();
        if pg::client(session, client_id)?.is_none() {
            return Err(Error::NotFound {
                entity: Entity::Client,
                id: client_id.to_owned(),
            });
        }
        let (assessments, foreign) = matter::assessments(session, client_id)?;
        if let Some(id) = foreign {
            return Err(Error::InvalidInput {
                field: "link",
                reason: Invalid::OtherClient { id },
            });
        }
        let mut tables = Vec::new();
        let mut blobs = Vec::new();
        for spec in TABLES {
            let columns: Vec<Column> = matter::columns(session, spec.name)?
                .into_iter()
                .filter(|c| !(spec.blob && c.name == "content"))
                .collect();
            let rows = matter::rows(
                session,
                spec.name,
                &columns,
                spec.key,
                client_id,
                &assessments,
            )?;
            let key = columns.iter().position(|c| c.name == spec.key[0]);
            let mut cells = Vec::with_capacity(rows.len());
            for row in rows {
                if spec.blob
                    && let Some(Cell::Text(id)) = key.map(|i| &row[i])
                {
                    blobs.push((spec.name, id.clone()));
                }
                cells.push(row.into_iter().map(|c| to_cell(value_of(c))).collect());
            }
            tables.push(TableRows {
                name: spec.name.to_owned(),
                columns: columns.into_iter().map(|c| c.name).collect(),
                rows: cells,
            });
        }
        let audit = matter::audit_entries(session, client_id, &assessments)?
            .into_iter()
            .map(|e| Entry {
                id: e.id,
                at: e.at,
                actor: e.actor,
                action: e.action,
                entity_type: e.entity_type,
                entity_id: e.entity_id,
                summary: e.summary,
                prev_hash: e.prev_hash,
                hash: e.hash,
            })
            .collect();
        Ok(Collected {
            tables,
            audit,
            blobs,
        })
    }

    /// A file's bytes, or a template snapshot's canonical JSON, as a bundle carries them.
    fn blob(&self, table: &str, id: &str) -> Result<Vec<u8>> {
        let session = &mut *self.session.borrow_mut();
        if table == SNAPSHOTS {
            return match pg::snapshot(session, id)? {
                Some(s) => snapshots::checked_json(&s.sha256, &s.content, s.size),
                None => Ok(Vec::new()),
            };
        }
        Ok(matter::blob(session, table, id)?)
    }

    /// The client's chain, verified by the database's walk: the source a bundle names.
    pub(super) fn verify_chain_of(&self, client_id: &str) -> Result<AuditHead> {
        let checks = dpodesk_team::audit::verify(&mut *self.session.borrow_mut())?;
        let chain = checks
            .into_iter()
            .find(|c| c.client_id.as_deref() == Some(client_id))
            .ok_or_else(|| Error::NotFound {
                entity: Entity::Client,
                id: client_id.to_owned(),
            })?;
        if let Some(broken) = chain.broken {
            return Err(Error::AuditBroken {
                position: broken.position.unsigned_abs(),
                id: broken.id.unwrap_or_default(),
                reason: match broken.reason {
                    dpodesk_team::audit::AuditBreak::Altered => AuditBreak::Altered,
                    dpodesk_team::audit::AuditBreak::Unlinked => AuditBreak::Unlinked,
                    dpodesk_team::audit::AuditBreak::TailCut => AuditBreak::TailCut,
                    dpodesk_team::audit::AuditBreak::AnchorMismatch => AuditBreak::AnchorMismatch,
                },
            });
        }
        Ok(AuditHead {
            count: chain.entries.unsigned_abs(),
            head_hash: chain.head_hash,
        })
    }
}
