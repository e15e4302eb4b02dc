//! Assessments in the vault: the rows of an assessment started from a template (whose snapshot is
//! stored, so later template versions never change it), its answers, links and status, and the
//! copy that re-opens it as a new version. The statements that write run inside a unit of
//! `store::Work`; the lifecycle's rules are `api::lifecycle`'s. The store hands out what it stored — the snapshot's canonical
//! JSON, each answer's JSON text, the linked ids — and `assessment::stored` reads them as a
//! template, answers and an outcome; no rule of scoring lives here.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::Vault;
use super::snapshots::{self, Snapshot};
use crate::error::{Entity, Error, Result};
use crate::kind::Kind;

/// Where an assessment stands in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    InReview,
    Approved,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }

    pub(crate) fn parse(text: &str) -> Status {
        match text {
            "in_review" => Status::InReview,
            "approved" => Status::Approved,
            "rejected" => Status::Rejected,
            _ => Status::Draft,
        }
    }
}

/// An assessment's row (without its answers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRecord {
    pub id: String,
    pub kind: Kind,
    pub template_id: String,
    pub template_version: String,
    pub title: String,
    pub client_id: Option<String>,
    pub data_source_id: Option<String>,
    pub vendor_id: Option<String>,
    pub status: Status,
    pub version: i64,
    pub previous_id: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

/// A new assessment's row as the store writes it (checked above).
#[derive(Debug, Clone, Copy)]
pub struct NewAssessmentRow<'a> {
    pub id: &'a str,
    pub kind: Kind,
    /// The template it is started from.
    pub snapshot: &'a Snapshot,
    /// Title and subject.
    pub(crate) new: &'a NewAssessment,
    pub created_by: &'a str,
    pub at: &'a str,
}

/// What a new assessment is about.
#[derive(Debug, Clone, Default)]
pub(crate) struct NewAssessment {
    pub title: String,
    pub client_id: Option<String>,
    pub data_source_id: Option<String>,
    pub vendor_id: Option<String>,
}

const COLUMNS: &str = "id, kind, template_id, template_version, title, client_id, data_source_id, \
                       vendor_id, status, version, previous_id, created_by, created_at, updated_at";

fn record(row: &Row<'_>) -> rusqlite::Result<AssessmentRecord> {
    let kind: String = row.get(1)?;
    let status: String = row.get(8)?;
    Ok(AssessmentRecord {
        id: row.get(0)?,
        kind: Kind::parse(&kind).unwrap_or(Kind::DataSource),
        template_id: row.get(2)?,
        template_version: row.get(3)?,
        title: row.get(4)?,
        client_id: row.get(5)?,
        data_source_id: row.get(6)?,
        vendor_id: row.get(7)?,
        status: Status::parse(&status),
        version: row.get(9)?,
        previous_id: row.get(10)?,
        created_by: row.get(11)?,
        created_at: row.get(12)?,
        updated_at: row.get(13)?,
    })
}

impl Vault {
    pub(crate) fn assessment(&self, id: &str) -> Result<AssessmentRecord> {
        self.conn
            .query_row(
                // The covering index: the table row would walk the template snapshot's overflow
                // pages to reach the later columns (migration 0002).
                &format!(
                    "SELECT {COLUMNS} FROM assessments INDEXED BY assessments_summary WHERE id = ?1"
                ),
                [id],
                record,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                entity: Entity::Assessment,
                id: id.to_owned(),
            })
    }

    /// Every assessment, newest first.
    pub(crate) fn assessments(&self) -> Result<Vec<AssessmentRecord>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM assessments ORDER BY created_at DESC, id DESC"
        ))?;
        let rows = stmt
            .query_map([], record)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// What `parse` makes of the snapshot's canonical JSON, parsed once per snapshot while the
    /// vault is open and shared (the store does not know what it holds).
    pub(crate) fn parsed_snapshot<T: std::any::Any + Send + Sync>(
        &self,
        id: &str,
        parse: impl FnOnce(&[u8]) -> Result<T>,
    ) -> Result<std::sync::Arc<T>> {
        snapshots::parsed_of(&self.conn, &self.templates, id, parse)
    }

    /// The assessment's answers as stored: question id and the answer's JSON text.
    pub(crate) fn answer_rows(&self, id: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT question_id, value FROM answers WHERE assessment_id = ?1")?;
        let rows = stmt
            .query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Each answer's version by question id, as text: its `row_version`, which every save of it
    /// raises by one (`put_answer`).
    pub(crate) fn answer_versions(&self, id: &str) -> Result<BTreeMap<String, String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT question_id, row_version FROM answers WHERE assessment_id = ?1")?;
        let rows = stmt
            .query_map([id], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?.to_string()))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The ids of the assessments this one links to, sorted.
    pub(crate) fn linked_ids(&self, id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT linked_id FROM assessment_links WHERE assessment_id = ?1 ORDER BY linked_id",
        )?;
        let ids = stmt
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// The SHA-256 of each file attached to the assessment, sorted (the fingerprint's evidence).
    pub(crate) fn evidence_hashes(&self, id: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT sha256 FROM evidence WHERE assessment_id = ?1 ORDER BY sha256")?;
        let hashes = stmt
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(hashes)
    }

    /// The id of the version that re-opened assessment `id`, if one did.
    pub(crate) fn successor_of(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM assessments WHERE previous_id = ?1",
                [id],
                |row| row.get(0),
            )
            .optional()?)
    }
}

/// Stores a new assessment row and its snapshot, inside the caller's transaction.
pub(crate) fn insert(conn: &Connection, row: &NewAssessmentRow<'_>) -> Result<()> {
    let sha256 = snapshots::store(conn, row.snapshot)?;
    let new = row.new;
    conn.execute(
        "INSERT INTO assessments (id, kind, template_id, template_version, template_sha256, title,
             client_id, data_source_id, vendor_id, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            row.id,
            row.kind.as_str(),
            row.snapshot.template_id,
            row.snapshot.template_version,
            sha256,
            new.title,
            new.client_id,
            new.data_source_id,
            new.vendor_id,
            row.created_by,
            row.at
        ],
    )?;
    Ok(())
}

/// Stores one answer's JSON text, replacing the one there, inside the caller's transaction.
pub(crate) fn put_answer(
    conn: &Connection,
    assessment_id: &str,
    question_id: &str,
    value: &str,
    actor: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO answers (assessment_id, question_id, value, updated_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (assessment_id, question_id) DO UPDATE
         SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
             row_version = answers.row_version + 1",
        params![assessment_id, question_id, value, actor, at],
    )?;
    Ok(())
}

/// Refuses a save of an answer made against a version other than the one stored: `read` is the
/// `row_version` the writer read with the answers ("" when it had none). Called in the unit of
/// work, whose IMMEDIATE transaction holds the vault's write lock, so nothing lands between this
/// check and the write. The same refusal as the team database's (kind `stale`), naming who saved
/// the answer and when.
pub(crate) fn check_answer_version(
    conn: &Connection,
    assessment_id: &str,
    question_id: &str,
    read: &str,
) -> Result<()> {
    let stored: Option<(String, String, i64)> = conn
        .query_row(
            "SELECT updated_by, updated_at, row_version FROM answers
             WHERE assessment_id = ?1 AND question_id = ?2",
            params![assessment_id, question_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    match stored {
        None if read.is_empty() => Ok(()),
        Some((_, _, version)) if version.to_string() == read => Ok(()),
        Some((by, at, _)) => Err(stale_answer(question_id, by, at)),
        // Read as present, now gone: no save removes an answer (only an erasure or a restore).
        None => Err(Error::NotFound {
            entity: Entity::Assessment,
            id: assessment_id.to_owned(),
        }),
    }
}

fn stale_answer(question_id: &str, changed_by: String, changed_at: String) -> Error {
    Error::Stale(crate::error::Stale {
        entity: Entity::Answer,
        id: question_id.to_owned(),
        changed_by,
        changed_at,
    })
}

/// Copies assessment `id` as its next version `new_id`, a draft created by `actor` at `at`, with
/// the same answers, links and CNIL record, inside the caller's transaction.
pub(crate) fn copy_as_next_version(
    conn: &Connection,
    id: &str,
    new_id: &str,
    actor: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO assessments (id, kind, template_id, template_version, template_sha256, title,
             client_id, data_source_id, vendor_id, status, version, previous_id, created_by, created_at, updated_at)
         SELECT ?2, kind, template_id, template_version, template_sha256, title,
             client_id, data_source_id, vendor_id, 'draft', version + 1, id, ?3, ?4, ?4
         FROM assessments WHERE id = ?1",
        params![id, new_id, actor, at],
    )?;
    conn.execute(
        "INSERT INTO answers (assessment_id, question_id, value, note, updated_by, updated_at)
         SELECT ?2, question_id, value, note, updated_by, updated_at FROM answers WHERE assessment_id = ?1",
        params![id, new_id],
    )?;
    conn.execute(
        "INSERT INTO assessment_links (assessment_id, linked_id)
         SELECT ?2, linked_id FROM assessment_links WHERE assessment_id = ?1",
        params![id, new_id],
    )?;
    super::cnil_store::copy_record(conn, id, new_id)?;
    super::comments::carry_open(conn, id, new_id)?;
    Ok(())
}

/// Links assessment `id` to `linked_id` (once), inside the caller's transaction.
pub(crate) fn link(conn: &Connection, id: &str, linked_id: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO assessment_links (assessment_id, linked_id) VALUES (?1, ?2)",
        params![id, linked_id],
    )?;
    Ok(())
}
