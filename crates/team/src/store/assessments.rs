//! Assessments and what hangs from them — answers, links, CNIL records, evidence, sign-offs —
//! plus reports and actions, as the team database stores them (see the parent module for what
//! differs from the vault).

use std::collections::BTreeMap;

use postgres::Transaction;

use super::{Read, carried, version_of};
use crate::error::{Result, sql_error};

/// A template snapshot in its stored form: `content` is the vault's stored bytes of the canonical
/// JSON whose SHA-256 is `sha256`; `size` the canonical JSON's length.
#[derive(Debug, Clone, Copy)]
pub struct Snapshot<'a> {
    pub sha256: &'a str,
    pub template_id: &'a str,
    pub template_version: &'a str,
    pub size: i64,
    pub content: &'a [u8],
}

/// A new assessment's columns.
#[derive(Debug, Clone, Copy)]
pub struct NewAssessment<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub title: &'a str,
    pub client_id: Option<&'a str>,
    pub data_source_id: Option<&'a str>,
    pub vendor_id: Option<&'a str>,
    pub at: &'a str,
}

/// Stores the snapshot (once per hash) and the assessment that names it.
pub fn insert_assessment(
    tx: &mut Transaction<'_>,
    snapshot: &Snapshot<'_>,
    row: &NewAssessment<'_>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.template_snapshots (sha256, template_id, template_version, size, content)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
        &[
            &snapshot.sha256,
            &snapshot.template_id,
            &snapshot.template_version,
            &snapshot.size,
            &snapshot.content,
        ],
    )
    .map_err(sql_error)?;
    tx.execute(
        "INSERT INTO dpodesk.assessments (id, kind, template_id, template_version, template_sha256,
             title, client_id, data_source_id, vendor_id, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, session_user, $10, $10)",
        &[
            &row.id,
            &row.kind,
            &snapshot.template_id,
            &snapshot.template_version,
            &snapshot.sha256,
            &row.title,
            &row.client_id,
            &row.data_source_id,
            &row.vendor_id,
            &row.at,
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Stores one answer's JSON, replacing the one there (its note stays). A first save finds no
/// row (version 0); if a colleague creates it meanwhile, the save is refused as stale too.
pub fn put_answer(
    tx: &mut Transaction<'_>,
    assessment_id: &str,
    question_id: &str,
    value: &str,
    at: &str,
    read: Read,
) -> Result<()> {
    let in_unit: i64 = tx
        .query_opt(
            "SELECT row_version FROM dpodesk.answers WHERE assessment_id = $1 AND question_id = $2",
            &[&assessment_id, &question_id],
        )
        .map_err(sql_error)?
        .map_or(0, |row| row.get(0));
    tx.execute(
        "INSERT INTO dpodesk.answers (assessment_id, question_id, value, updated_by, updated_at)
         VALUES ($1, $2, $3, session_user, $4)
         ON CONFLICT (assessment_id, question_id) DO UPDATE
         SET value = excluded.value, updated_by = excluded.updated_by,
             updated_at = excluded.updated_at, row_version = $5",
        &[
            &assessment_id,
            &question_id,
            &value,
            &at,
            &carried(read, in_unit),
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Stores an imported assessment's answers with their notes (question id → JSON text, note).
pub fn insert_noted_answers(
    tx: &mut Transaction<'_>,
    assessment_id: &str,
    rows: &BTreeMap<String, (String, String)>,
    at: &str,
) -> Result<()> {
    let statement = tx
        .prepare(
            "INSERT INTO dpodesk.answers (assessment_id, question_id, value, note, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, session_user, $5)",
        )
        .map_err(sql_error)?;
    for (question, (value, note)) in rows {
        tx.execute(&statement, &[&assessment_id, question, value, note, &at])
            .map_err(sql_error)?;
    }
    Ok(())
}

/// Keeps the CNIL file an assessment was imported from.
pub fn insert_cnil_record(
    tx: &mut Transaction<'_>,
    assessment_id: &str,
    document: &str,
    at: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.cnil_records (assessment_id, document, imported_by, imported_at)
         VALUES ($1, $2, session_user, $3)",
        &[&assessment_id, &document, &at],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Marks an assessment changed at `at`.
pub fn touch_assessment(tx: &mut Transaction<'_>, id: &str, at: &str, read: Read) -> Result<()> {
    let Some(version) = version_of(tx, "assessments", id)? else {
        return Ok(());
    };
    tx.execute(
        "UPDATE dpodesk.assessments SET updated_at = $2, row_version = $3 WHERE id = $1",
        &[&id, &at, &carried(read, version)],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Moves an assessment to `status` (its stored name) at `at`.
pub fn set_status(
    tx: &mut Transaction<'_>,
    id: &str,
    status: &str,
    at: &str,
    read: Read,
) -> Result<()> {
    let Some(version) = version_of(tx, "assessments", id)? else {
        return Ok(());
    };
    tx.execute(
        "UPDATE dpodesk.assessments SET status = $2, updated_at = $3, row_version = $4
         WHERE id = $1",
        &[&id, &status, &at, &carried(read, version)],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Raises an assessment's keep-until date to `minimum` unless a later one is set.
pub fn raise_keep_until(
    tx: &mut Transaction<'_>,
    id: &str,
    minimum: &str,
    read: Read,
) -> Result<()> {
    let Some(version) = version_of(tx, "assessments", id)? else {
        return Ok(());
    };
    tx.execute(
        "UPDATE dpodesk.assessments SET keep_until = $2, row_version = $3
         WHERE id = $1 AND (keep_until IS NULL OR keep_until < $2)",
        &[&id, &minimum, &carried(read, version)],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Stores assessment `id`'s next version `new_id`, a draft of the session's member at `at`,
/// with the same answers, links and CNIL record (the database makes the predecessor's editors
/// its editors too); the predecessor's open comments move to it.
pub fn copy_as_next_version(
    tx: &mut Transaction<'_>,
    id: &str,
    new_id: &str,
    at: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.assessments (id, kind, template_id, template_version, template_sha256,
             title, client_id, data_source_id, vendor_id, status, version, previous_id,
             created_by, created_at, updated_at)
         SELECT $2, kind, template_id, template_version, template_sha256, title,
             client_id, data_source_id, vendor_id, 'draft', version + 1, id, session_user, $3, $3
         FROM dpodesk.assessments WHERE id = $1",
        &[&id, &new_id, &at],
    )
    .map_err(sql_error)?;
    tx.execute(
        "INSERT INTO dpodesk.answers (assessment_id, question_id, value, note, updated_by, updated_at)
         SELECT $2, question_id, value, note, updated_by, updated_at
         FROM dpodesk.answers WHERE assessment_id = $1",
        &[&id, &new_id],
    )
    .map_err(sql_error)?;
    tx.execute(
        "INSERT INTO dpodesk.assessment_links (assessment_id, linked_id)
         SELECT $2, linked_id FROM dpodesk.assessment_links WHERE assessment_id = $1",
        &[&id, &new_id],
    )
    .map_err(sql_error)?;
    tx.execute(
        "INSERT INTO dpodesk.cnil_records (assessment_id, document, imported_by, imported_at)
         SELECT $2, document, imported_by, imported_at
         FROM dpodesk.cnil_records WHERE assessment_id = $1",
        &[&id, &new_id],
    )
    .map_err(sql_error)?;
    super::comments::carry_open(tx, id, new_id)?;
    Ok(())
}

/// Links assessment `id` to `linked_id`; linking twice is linking once.
pub fn link_assessments(tx: &mut Transaction<'_>, id: &str, linked_id: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.assessment_links (assessment_id, linked_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING",
        &[&id, &linked_id],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// An attached file's columns.
#[derive(Debug, Clone, Copy)]
pub struct NewEvidence<'a> {
    pub id: &'a str,
    pub assessment_id: &'a str,
    pub question_id: &'a str,
    pub file_name: &'a str,
    pub size: i64,
    pub sha256: &'a str,
    pub added_at: &'a str,
}

pub fn insert_evidence(
    tx: &mut Transaction<'_>,
    evidence: &NewEvidence<'_>,
    content: &[u8],
) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.evidence (id, assessment_id, question_id, file_name, size, sha256,
             content, added_by, added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, session_user, $8)",
        &[
            &evidence.id,
            &evidence.assessment_id,
            &evidence.question_id,
            &evidence.file_name,
            &evidence.size,
            &evidence.sha256,
            &content,
            &evidence.added_at,
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// A drawn report's columns.
#[derive(Debug, Clone, Copy)]
pub struct NewReport<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub assessment_id: Option<&'a str>,
    pub client_id: Option<&'a str>,
    pub lang: &'a str,
    pub format: &'a str,
    pub sha256: &'a str,
    pub generated_at: &'a str,
}

pub fn insert_report(tx: &mut Transaction<'_>, report: &NewReport<'_>, bytes: &[u8]) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.reports (id, kind, assessment_id, client_id, lang, format, sha256,
             content, generated_by, generated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, session_user, $9)",
        &[
            &report.id,
            &report.kind,
            &report.assessment_id,
            &report.client_id,
            &report.lang,
            &report.format,
            &report.sha256,
            &bytes,
            &report.generated_at,
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// An action's columns (`title_zh` / `title_en` empty once a person typed the title).
#[derive(Debug, Clone, Copy)]
pub struct ActionRow<'a> {
    pub id: &'a str,
    pub assessment_id: Option<&'a str>,
    pub client_id: Option<&'a str>,
    pub finding_id: &'a str,
    pub title: &'a str,
    pub title_zh: &'a str,
    pub title_en: &'a str,
    pub owner: &'a str,
    pub due_date: Option<&'a str>,
    pub status: &'a str,
    pub note: &'a str,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

pub fn insert_action(tx: &mut Transaction<'_>, action: &ActionRow<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.actions (id, assessment_id, client_id, finding_id, title, owner,
             due_date, status, note, created_at, updated_at, title_zh, title_en)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        &[
            &action.id,
            &action.assessment_id,
            &action.client_id,
            &action.finding_id,
            &action.title,
            &action.owner,
            &action.due_date,
            &action.status,
            &action.note,
            &action.created_at,
            &action.updated_at,
            &action.title_zh,
            &action.title_en,
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Stores an action's changed fields (the ones the vault's update writes).
pub fn update_action(tx: &mut Transaction<'_>, action: &ActionRow<'_>, read: Read) -> Result<()> {
    let Some(version) = version_of(tx, "actions", action.id)? else {
        return Ok(());
    };
    tx.execute(
        "UPDATE dpodesk.actions SET status = $2, owner = $3, due_date = $4, note = $5,
             updated_at = $6, title = $7, title_zh = $8, title_en = $9, row_version = $10
         WHERE id = $1",
        &[
            &action.id,
            &action.status,
            &action.owner,
            &action.due_date,
            &action.note,
            &action.updated_at,
            &action.title,
            &action.title_zh,
            &action.title_en,
            &carried(read, version),
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// A sign-off's columns; the database sets `signer` and refuses one by an editor.
#[derive(Debug, Clone, Copy)]
pub struct SignOff<'a> {
    pub id: &'a str,
    pub assessment_id: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    /// `approve` or `reject`.
    pub decision: &'a str,
    pub comment: &'a str,
    /// JSON array.
    pub attestations: &'a str,
    pub answers_sha256: &'a str,
    pub signed_at: &'a str,
    pub outcome: &'a str,
    pub engine_version: &'a str,
    pub law_version: &'a str,
    pub reservations: &'a str,
}

pub fn insert_sign_off(tx: &mut Transaction<'_>, row: &SignOff<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.signoffs (id, assessment_id, name, role, decision, comment,
             attestations, answers_sha256, signed_at, outcome, engine_version, law_version,
             reservations)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        &[
            &row.id,
            &row.assessment_id,
            &row.name,
            &row.role,
            &row.decision,
            &row.comment,
            &row.attestations,
            &row.answers_sha256,
            &row.signed_at,
            &row.outcome,
            &row.engine_version,
            &row.law_version,
            &row.reservations,
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// One finding of an assessment as words to search, in both languages.
#[derive(Debug, Clone, Copy)]
pub struct FindingWords<'a> {
    pub finding_id: &'a str,
    pub title: (&'a str, &'a str),
    pub explanation: (&'a str, &'a str),
    pub recommendation: (&'a str, &'a str),
}

/// Replaces an assessment's findings as words to search (scored by the caller).
pub fn put_finding_docs<'a>(
    tx: &mut Transaction<'_>,
    assessment_id: &str,
    docs: &[FindingWords<'a>],
) -> Result<()> {
    tx.execute(
        "DELETE FROM dpodesk.finding_docs WHERE assessment_id = $1",
        &[&assessment_id],
    )
    .map_err(sql_error)?;
    if docs.is_empty() {
        return Ok(());
    }
    // One statement for all of them: each statement on this table pays its row-level security
    // check (a look over the member's assessments), ~5 ms at 10,000 assessments, and a save
    // writes some twenty findings.
    let column = |pick: fn(FindingWords<'a>) -> &'a str| -> Vec<&'a str> {
        docs.iter().map(|doc| pick(*doc)).collect()
    };
    tx.execute(
        "INSERT INTO dpodesk.finding_docs (assessment_id, finding_id, title_zh, title_en,
             explanation_zh, explanation_en, recommendation_zh, recommendation_en)
         SELECT $1, d.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                    $7::text[], $8::text[]) AS d",
        &[
            &assessment_id,
            &column(|d| d.finding_id),
            &column(|d| d.title.0),
            &column(|d| d.title.1),
            &column(|d| d.explanation.0),
            &column(|d| d.explanation.1),
            &column(|d| d.recommendation.0),
            &column(|d| d.recommendation.1),
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}
