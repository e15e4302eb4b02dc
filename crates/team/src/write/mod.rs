//! Units of work on the team database, as the store's team back-end runs them: one transaction
//! holding the change and its audit entry, so both land or neither does, and an id for the unit
//! made by the client and recorded in that same transaction (`sql/0005_units.sql`).
//!
//! The id answers the one question a client cannot answer alone: did a COMMIT whose reply never
//! came (the connection failed after COMMIT was sent) land? [`landed`] asks the database on a new
//! session; a unit that did not land is retried under the same id, and a retry of one that did
//! is refused by the database ([`Error::UnitLanded`]), so a unit of work lands exactly once.
//!
//! Lost updates are the row versions' job (`sql/0003_rules.sql`): every save carries the version
//! it read and a stale one is refused ([`Error::Stale`]), never silently applied.

use postgres::error::SqlState;
use postgres::{Client, Transaction};

use crate::error::{Error, Result, sql_error};

/// A unit of work's id: a UUID made here, before the transaction, so it survives a lost reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitId(String);

impl UnitId {
    /// A fresh id (UUIDv7, as every id of DPO Desk).
    pub fn new() -> UnitId {
        UnitId(uuid::Uuid::now_v7().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for UnitId {
    fn default() -> UnitId {
        UnitId::new()
    }
}

/// How long [`landed`] waits for a unit still being committed by a session that lost its
/// client: past it the outcome stays unknown rather than guessed.
const LANDED_WAIT: &str = "30s";

/// Runs `body` in one transaction that first records `unit`, then commits. A failure before the
/// COMMIT leaves nothing; a COMMIT the server answered with an error left nothing either; a
/// COMMIT with no answer is [`Error::CommitUnknown`], for [`landed`] to settle.
pub fn in_unit<T>(
    session: &mut Client,
    unit: &UnitId,
    body: impl FnOnce(&mut Transaction<'_>) -> Result<T>,
) -> Result<T> {
    let mut tx = begin(session, unit)?;
    let value = body(&mut tx)?;
    commit(tx, unit)?;
    Ok(value)
}

/// Opens the transaction of the unit `unit` and records its id in it, for a caller that holds
/// the unit open across calls (the store's unit of work); [`commit`] ends it, dropping it rolls
/// back.
pub fn begin<'c>(session: &'c mut Client, unit: &UnitId) -> Result<Transaction<'c>> {
    let mut tx = session.transaction().map_err(sql_error)?;
    // First, so that a retry of a unit still in flight waits here for its outcome.
    claim(&mut tx, unit)?;
    Ok(tx)
}

/// Commits the unit `unit`: a COMMIT the server refused left nothing; one with no answer is
/// [`Error::CommitUnknown`].
pub fn commit(tx: Transaction<'_>, unit: &UnitId) -> Result<()> {
    tx.commit().map_err(|error| {
        if error.as_db_error().is_some() {
            // The server answered: the transaction was rolled back.
            sql_error(error)
        } else {
            Error::CommitUnknown {
                unit: unit.0.clone(),
            }
        }
    })
}

/// Whether the unit `unit` landed, asked on a session opened after the one that lost its
/// COMMIT's reply. It tries to record the id again and rolls back: the database makes that wait
/// while the old session's transaction is still in flight, then refuses it when the unit
/// committed. `false` means it did not land and will not: retry it under the same id.
pub fn landed(session: &mut Client, unit: &UnitId) -> Result<bool> {
    let mut tx = session.transaction().map_err(sql_error)?;
    tx.batch_execute(&format!("SET LOCAL lock_timeout = '{LANDED_WAIT}'"))
        .map_err(sql_error)?;
    match claim(&mut tx, unit) {
        Ok(()) => {
            tx.rollback().map_err(sql_error)?;
            Ok(false)
        }
        Err(Error::UnitLanded { .. }) => Ok(true),
        Err(other) => Err(other),
    }
}

fn claim(tx: &mut Transaction<'_>, unit: &UnitId) -> Result<()> {
    match tx.execute(
        "INSERT INTO dpodesk.work_units (id) VALUES ($1)",
        &[&unit.0],
    ) {
        Ok(_) => Ok(()),
        Err(error) => {
            let db = error.as_db_error();
            if db.is_some_and(|db| {
                db.code() == &SqlState::UNIQUE_VIOLATION
                    && db.constraint() == Some("work_units_pkey")
            }) {
                Err(Error::UnitLanded {
                    unit: unit.0.clone(),
                })
            } else if db.is_some_and(|db| db.code() == &SqlState::LOCK_NOT_AVAILABLE) {
                Err(Error::CommitUnknown {
                    unit: unit.0.clone(),
                })
            } else {
                Err(sql_error(error))
            }
        }
    }
}

/// One audit entry; the database writes its actor, time, chain position and hashes.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub summary: &'a str,
    /// The chain: the client the entity belongs to, `None` for the firm's own chain.
    pub client_id: Option<&'a str>,
}

/// Appends `entry` inside the unit's transaction.
pub fn append_audit(tx: &mut Transaction<'_>, entry: &Entry<'_>) -> Result<()> {
    let id = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO dpodesk.audit_log (id, action, entity_type, entity_id, summary, client_id)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &id,
            &entry.action,
            &entry.entity_type,
            &entry.entity_id,
            &entry.summary,
            &entry.client_id,
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// An answer to save against the version its writer read.
#[derive(Debug, Clone, Copy)]
pub struct AnswerSave<'a> {
    pub client_id: Option<&'a str>,
    pub assessment_id: &'a str,
    pub question_id: &'a str,
    /// The answer's JSON, as the vault stores it.
    pub value: &'a str,
    pub note: &'a str,
    /// The `row_version` read; 0 when the answer did not exist yet.
    pub read_version: i64,
    /// The writer's clock (`updated_at`, as in the vault); the database keeps its own in
    /// `changed_at` and the audit entry.
    pub at: &'a str,
    /// The audit entry's summary.
    pub summary: &'a str,
}

/// Saves one answer and its audit entry as the unit `unit`; returns the answer's new version.
/// A save against a version that is no longer the row's is refused with [`Error::Stale`]
/// (naming who changed it when), and so is a first save of an answer someone else created
/// meanwhile.
pub fn save_answer(session: &mut Client, unit: &UnitId, save: &AnswerSave<'_>) -> Result<i64> {
    in_unit(session, unit, |tx| {
        let version: i64 = tx
            .query_one(
                "INSERT INTO dpodesk.answers
                     (assessment_id, question_id, value, note, updated_by, updated_at)
                 VALUES ($1, $2, $3, $4, session_user, $5)
                 ON CONFLICT (assessment_id, question_id) DO UPDATE
                 SET value = excluded.value, note = excluded.note,
                     updated_by = excluded.updated_by, updated_at = excluded.updated_at,
                     row_version = $6
                 RETURNING row_version",
                &[
                    &save.assessment_id,
                    &save.question_id,
                    &save.value,
                    &save.note,
                    &save.at,
                    &save.read_version,
                ],
            )
            .map_err(sql_error)?
            .get(0);
        append_audit(
            tx,
            &Entry {
                action: "answer.saved",
                entity_type: "assessment",
                entity_id: save.assessment_id,
                summary: save.summary,
                client_id: save.client_id,
            },
        )?;
        Ok(version)
    })
}

#[cfg(test)]
mod commit_tests;
#[cfg(test)]
mod concurrency_tests;
