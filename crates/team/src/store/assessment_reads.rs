//! The assessment rows the store reads, as the vault gives them: the same columns, the same
//! order. Row-level security leaves out what the member may not see, so a row he may not see
//! reads as no row.

use postgres::GenericClient;

use crate::error::{Result, sql_error};

/// An assessment row as stored (the vault's columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRecord {
    pub id: String,
    pub kind: String,
    pub template_id: String,
    pub template_version: String,
    pub title: String,
    pub client_id: Option<String>,
    pub data_source_id: Option<String>,
    pub vendor_id: Option<String>,
    pub status: String,
    pub version: i64,
    pub previous_id: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

/// A template snapshot as stored: its hash, the canonical JSON's size, the deflated content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSnapshot {
    pub sha256: String,
    pub size: i64,
    pub content: Vec<u8>,
}

const COLUMNS: &str = "id, kind, template_id, template_version, title, client_id, \
                       data_source_id, vendor_id, status, version, previous_id, created_by, \
                       created_at, updated_at";

fn record(row: &postgres::Row) -> AssessmentRecord {
    AssessmentRecord {
        id: row.get(0),
        kind: row.get(1),
        template_id: row.get(2),
        template_version: row.get(3),
        title: row.get(4),
        client_id: row.get(5),
        data_source_id: row.get(6),
        vendor_id: row.get(7),
        status: row.get(8),
        version: row.get(9),
        previous_id: row.get(10),
        created_by: row.get(11),
        created_at: row.get(12),
        updated_at: row.get(13),
    }
}

/// One assessment the member may see, or `None`.
pub fn assessment(session: &mut impl GenericClient, id: &str) -> Result<Option<AssessmentRecord>> {
    let row = session
        .query_opt(
            &format!("SELECT {COLUMNS} FROM dpodesk.assessments WHERE id = $1"),
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.as_ref().map(record))
}

/// Every assessment the member may see, newest first (the vault's order; ids compared as bytes).
pub fn assessments(session: &mut impl GenericClient) -> Result<Vec<AssessmentRecord>> {
    let rows = session
        .query(
            &format!(
                "SELECT {COLUMNS} FROM dpodesk.assessments
                 ORDER BY created_at COLLATE \"C\" DESC, id COLLATE \"C\" DESC"
            ),
            &[],
        )
        .map_err(sql_error)?;
    Ok(rows.iter().map(record).collect())
}

/// The snapshot assessment `id` was started with: `None` when the member sees no such
/// assessment.
pub fn snapshot_of(session: &mut impl GenericClient, id: &str) -> Result<Option<StoredSnapshot>> {
    let row = session
        .query_opt(
            "SELECT t.sha256, t.size, t.content
               FROM dpodesk.assessments AS a
               JOIN dpodesk.template_snapshots AS t ON t.sha256 = a.template_sha256
              WHERE a.id = $1",
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.map(|row| StoredSnapshot {
        sha256: row.get(0),
        size: row.get(1),
        content: row.get(2),
    }))
}

/// The assessment's answers: question id and the answer's JSON text.
pub fn answer_rows(session: &mut impl GenericClient, id: &str) -> Result<Vec<(String, String)>> {
    let rows = session
        .query(
            "SELECT question_id, value FROM dpodesk.answers WHERE assessment_id = $1
             ORDER BY question_id COLLATE \"C\"",
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
}

/// Each answer's `row_version`, by question id: the versions a door read with the answers, to
/// carry back with a save (`Read::Version`).
pub fn answer_versions(session: &mut impl GenericClient, id: &str) -> Result<Vec<(String, i64)>> {
    let rows = session
        .query(
            "SELECT question_id, row_version FROM dpodesk.answers WHERE assessment_id = $1",
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
}

/// The ids of the assessments `id` links to, sorted.
pub fn linked_ids(session: &mut impl GenericClient, id: &str) -> Result<Vec<String>> {
    ids(
        session,
        "SELECT linked_id FROM dpodesk.assessment_links WHERE assessment_id = $1
         ORDER BY linked_id COLLATE \"C\"",
        id,
    )
}

/// The ids of the assessments that link to `id`, sorted.
pub fn linking_ids(session: &mut impl GenericClient, id: &str) -> Result<Vec<String>> {
    ids(
        session,
        "SELECT assessment_id FROM dpodesk.assessment_links WHERE linked_id = $1
         ORDER BY assessment_id COLLATE \"C\"",
        id,
    )
}

/// The version that re-opened `id`, if one did (and the member sees it).
pub fn successor_of(session: &mut impl GenericClient, id: &str) -> Result<Option<String>> {
    let row = session
        .query_opt(
            "SELECT id FROM dpodesk.assessments WHERE previous_id = $1",
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.map(|row| row.get(0)))
}

fn ids(session: &mut impl GenericClient, sql: &str, id: &str) -> Result<Vec<String>> {
    let rows = session.query(sql, &[&id]).map_err(sql_error)?;
    Ok(rows.iter().map(|row| row.get(0)).collect())
}

/// A sign-off as stored (the vault's columns; `attestations` and `reservations` JSON text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOffRecord {
    pub id: String,
    pub assessment_id: String,
    pub name: String,
    pub role: String,
    pub decision: String,
    pub comment: String,
    pub attestations: String,
    pub answers_sha256: String,
    pub signed_at: String,
    pub outcome: String,
    pub engine_version: String,
    pub law_version: String,
    pub reservations: String,
}

/// The assessment's sign-offs, oldest first.
pub fn sign_offs(session: &mut impl GenericClient, id: &str) -> Result<Vec<SignOffRecord>> {
    let rows = session
        .query(
            "SELECT id, assessment_id, name, role, decision, comment, attestations,
                    answers_sha256, signed_at, outcome, engine_version, law_version, reservations
               FROM dpodesk.signoffs WHERE assessment_id = $1
              ORDER BY signed_at COLLATE \"C\", id COLLATE \"C\"",
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(rows
        .iter()
        .map(|row| SignOffRecord {
            id: row.get(0),
            assessment_id: row.get(1),
            name: row.get(2),
            role: row.get(3),
            decision: row.get(4),
            comment: row.get(5),
            attestations: row.get(6),
            answers_sha256: row.get(7),
            signed_at: row.get(8),
            outcome: row.get(9),
            engine_version: row.get(10),
            law_version: row.get(11),
            reservations: row.get(12),
        })
        .collect())
}

/// An attached file's row (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRecord {
    pub id: String,
    pub assessment_id: String,
    pub question_id: String,
    pub file_name: String,
    pub size: i64,
    pub sha256: String,
    pub added_by: String,
    pub added_at: String,
}

/// The files attached to an assessment, oldest first.
pub fn evidence(session: &mut impl GenericClient, id: &str) -> Result<Vec<EvidenceRecord>> {
    let rows = session
        .query(
            "SELECT id, assessment_id, question_id, file_name, size, sha256, added_by, added_at
               FROM dpodesk.evidence WHERE assessment_id = $1
              ORDER BY added_at COLLATE \"C\", id COLLATE \"C\"",
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(rows
        .iter()
        .map(|row| EvidenceRecord {
            id: row.get(0),
            assessment_id: row.get(1),
            question_id: row.get(2),
            file_name: row.get(3),
            size: row.get(4),
            sha256: row.get(5),
            added_by: row.get(6),
            added_at: row.get(7),
        })
        .collect())
}

/// The SHA-256 of each file attached to the assessment, sorted.
pub fn evidence_hashes(session: &mut impl GenericClient, id: &str) -> Result<Vec<String>> {
    ids(
        session,
        "SELECT sha256 FROM dpodesk.evidence WHERE assessment_id = $1
         ORDER BY sha256 COLLATE \"C\"",
        id,
    )
}

/// The client an assessment is filed under: `None` when the member sees no such assessment,
/// `Some(None)` when it is filed under none.
pub fn assessment_client(
    session: &mut impl GenericClient,
    id: &str,
) -> Result<Option<Option<String>>> {
    let row = session
        .query_opt(
            "SELECT client_id FROM dpodesk.assessments WHERE id = $1",
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.map(|row| row.get(0)))
}

/// When a PIA was last approved; `None` for another kind or a PIA never approved.
pub fn pia_approved_on(session: &mut impl GenericClient, id: &str) -> Result<Option<String>> {
    let row = session
        .query_opt(
            "SELECT s.signed_at FROM dpodesk.signoffs AS s
               JOIN dpodesk.assessments AS a ON a.id = s.assessment_id
              WHERE s.assessment_id = $1 AND s.decision = 'approve' AND a.kind = 'pia'
              ORDER BY s.signed_at COLLATE \"C\" DESC LIMIT 1",
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.map(|row| row.get(0)))
}

/// A client's or an assessment's keep-until date: `None` when the member sees no such row,
/// `Some(None)` when none is set.
pub fn keep_until(
    session: &mut impl GenericClient,
    kept: super::Kept,
    id: &str,
) -> Result<Option<Option<String>>> {
    let table = match kept {
        super::Kept::Client => "clients",
        super::Kept::Assessment => "assessments",
    };
    let row = session
        .query_opt(
            &format!("SELECT keep_until FROM dpodesk.{table} WHERE id = $1"),
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.map(|row| row.get(0)))
}
