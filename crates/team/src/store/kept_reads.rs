//! What is kept beside the assessments, read as the vault reads it: the drawn reports (newest
//! first) and their bytes, the CNIL file an assessment was imported from, and the notes
//! imported with its answers. Row-level security leaves out what the member may not see.

use std::collections::BTreeMap;

use postgres::GenericClient;

use crate::error::{Result, sql_error};

/// A kept report's row (its size, not its bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRecord {
    pub id: String,
    pub kind: String,
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub lang: String,
    pub format: String,
    pub sha256: String,
    pub size: i64,
    pub generated_by: String,
    pub generated_at: String,
}

/// The kept reports the member may see, newest first.
pub fn reports(session: &mut impl GenericClient) -> Result<Vec<ReportRecord>> {
    let rows = session
        .query(
            "SELECT id, kind, assessment_id, client_id, lang, format, sha256,
                    octet_length(content)::bigint, generated_by, generated_at
               FROM dpodesk.reports
              ORDER BY generated_at COLLATE \"C\" DESC, id COLLATE \"C\" DESC",
            &[],
        )
        .map_err(sql_error)?;
    Ok(rows
        .iter()
        .map(|row| ReportRecord {
            id: row.get(0),
            kind: row.get(1),
            assessment_id: row.get(2),
            client_id: row.get(3),
            lang: row.get(4),
            format: row.get(5),
            sha256: row.get(6),
            size: row.get(7),
            generated_by: row.get(8),
            generated_at: row.get(9),
        })
        .collect())
}

/// A kept report's exact bytes, if the member sees such a report.
pub fn report_content(session: &mut impl GenericClient, id: &str) -> Result<Option<Vec<u8>>> {
    let row = session
        .query_opt("SELECT content FROM dpodesk.reports WHERE id = $1", &[&id])
        .map_err(sql_error)?;
    Ok(row.map(|row| row.get(0)))
}

/// The CNIL file an assessment was imported from, if it was.
pub fn cnil_document(session: &mut impl GenericClient, id: &str) -> Result<Option<String>> {
    let row = session
        .query_opt(
            "SELECT document FROM dpodesk.cnil_records WHERE assessment_id = $1",
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.map(|row| row.get(0)))
}

/// The notes kept on an assessment's answers, by question id (blank notes left out).
pub fn answer_notes(
    session: &mut impl GenericClient,
    id: &str,
) -> Result<BTreeMap<String, String>> {
    let rows = session
        .query(
            "SELECT question_id, note FROM dpodesk.answers
              WHERE assessment_id = $1 AND note <> ''",
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
}

/// The head of `client`'s audit chain as recorded (its last position and hash; no entry yet gives
/// 0 and the chain's all-zero start), or `None` when the client is not granted to the member:
/// his view of its chain would be empty, not its head.
pub fn chain_head(session: &mut impl GenericClient, client: &str) -> Result<Option<(i64, String)>> {
    let row = session
        .query_one(
            "SELECT dpodesk.sees($1),
                    (SELECT position FROM dpodesk.audit_log WHERE client_id = $1
                     ORDER BY position DESC LIMIT 1),
                    (SELECT hash FROM dpodesk.audit_log WHERE client_id = $1
                     ORDER BY position DESC LIMIT 1)",
            &[&client],
        )
        .map_err(sql_error)?;
    if !row.get::<_, bool>(0) {
        return Ok(None);
    }
    let position: Option<i64> = row.get(1);
    let hash: Option<String> = row.get(2);
    Ok(Some((
        position.unwrap_or(0),
        hash.unwrap_or_else(|| "0".repeat(64)),
    )))
}

/// What the database holds for the member: its name, its size on the server, and the evidence
/// files and reports he sees, counted and summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSizes {
    pub database: String,
    pub database_bytes: i64,
    pub evidence_count: i64,
    pub evidence_bytes: i64,
    pub report_count: i64,
    pub report_bytes: i64,
}

/// [`StoredSizes`] as they stand.
pub fn stored_sizes(session: &mut impl GenericClient) -> Result<StoredSizes> {
    let row = session
        .query_one(
            "SELECT current_database()::text, pg_database_size(current_database()),
                    (SELECT count(*) FROM dpodesk.evidence),
                    (SELECT coalesce(sum(octet_length(content)), 0)::bigint FROM dpodesk.evidence),
                    (SELECT count(*) FROM dpodesk.reports),
                    (SELECT coalesce(sum(octet_length(content)), 0)::bigint FROM dpodesk.reports)",
            &[],
        )
        .map_err(sql_error)?;
    Ok(StoredSizes {
        database: row.get(0),
        database_bytes: row.get(1),
        evidence_count: row.get(2),
        evidence_bytes: row.get(3),
        report_count: row.get(4),
        report_bytes: row.get(5),
    })
}

/// A client or an assessment version whose keep-until date has passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastKeepUntilRecord {
    /// The table it is kept in: `clients` or `assessments`.
    pub table: &'static str,
    pub id: String,
    /// The client's name or the assessment's title.
    pub name: String,
    pub client_id: Option<String>,
    /// The assessment's version; 0 for a client.
    pub version: i64,
    pub keep_until: String,
}

/// The clients and assessment versions the member sees whose keep-until date is before `today`
/// (YYYY-MM-DD), archived ones included, clients first; the caller orders them.
pub fn past_keep_until(
    session: &mut impl GenericClient,
    today: &str,
) -> Result<Vec<PastKeepUntilRecord>> {
    let rows = session
        .query(
            "SELECT 'clients', id, name, id, 0::bigint, keep_until FROM dpodesk.clients
              WHERE keep_until IS NOT NULL AND keep_until COLLATE \"C\" < $1
             UNION ALL
             SELECT 'assessments', id, title, client_id, version, keep_until
               FROM dpodesk.assessments
              WHERE keep_until IS NOT NULL AND keep_until COLLATE \"C\" < $1",
            &[&today],
        )
        .map_err(sql_error)?;
    Ok(rows
        .iter()
        .map(|row| PastKeepUntilRecord {
            table: if row.get::<_, &str>(0) == "clients" {
                "clients"
            } else {
                "assessments"
            },
            id: row.get(1),
            name: row.get(2),
            client_id: row.get(3),
            version: row.get(4),
            keep_until: row.get(5),
        })
        .collect())
}

/// How many audit entries the member may read: his clients' chains, and the firm's for an
/// admin.
pub fn audit_entries(session: &mut impl GenericClient) -> Result<i64> {
    let row = session
        .query_one("SELECT count(*) FROM dpodesk.audit_log", &[])
        .map_err(sql_error)?;
    Ok(row.get(0))
}
