//! The corrective actions the store reads, as the vault gives them: the same filters and order
//! (soonest due first, undated last). Row-level security leaves out what the member may not see.

use postgres::GenericClient;

use crate::error::{Result, sql_error};

/// An action as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRecord {
    pub id: String,
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub finding_id: String,
    pub title: String,
    pub owner: String,
    pub due_date: Option<String>,
    pub status: String,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
    pub title_zh: String,
    pub title_en: String,
}

/// Which actions to list; every filter given must hold.
#[derive(Debug, Clone, Copy, Default)]
pub struct ActionQuery<'a> {
    /// Filed under this client, directly or through one of its assessments.
    pub client_id: Option<&'a str>,
    pub assessment_id: Option<&'a str>,
    pub status: Option<&'a str>,
}

const COLUMNS: &str = "a.id, a.assessment_id, a.client_id, a.finding_id, a.title, a.owner, \
                       a.due_date, a.status, a.note, a.created_at, a.updated_at, a.title_zh, \
                       a.title_en";

fn record(row: &postgres::Row) -> ActionRecord {
    ActionRecord {
        id: row.get(0),
        assessment_id: row.get(1),
        client_id: row.get(2),
        finding_id: row.get(3),
        title: row.get(4),
        owner: row.get(5),
        due_date: row.get(6),
        status: row.get(7),
        note: row.get(8),
        created_at: row.get(9),
        updated_at: row.get(10),
        title_zh: row.get(11),
        title_en: row.get(12),
    }
}

/// The actions the member may see, as `query` asks, soonest due first (undated last).
pub fn actions(
    session: &mut impl GenericClient,
    query: &ActionQuery<'_>,
) -> Result<Vec<ActionRecord>> {
    let rows = session
        .query(
            &format!(
                "SELECT {COLUMNS} FROM dpodesk.actions AS a
                  WHERE ($1::text IS NULL OR a.client_id = $1
                         OR a.assessment_id IN
                            (SELECT id FROM dpodesk.assessments WHERE client_id = $1))
                    AND ($2::text IS NULL OR a.assessment_id = $2)
                    AND ($3::text IS NULL OR a.status = $3)
                  ORDER BY a.due_date IS NULL, a.due_date COLLATE \"C\",
                           a.created_at COLLATE \"C\", a.id COLLATE \"C\""
            ),
            &[&query.client_id, &query.assessment_id, &query.status],
        )
        .map_err(sql_error)?;
    Ok(rows.iter().map(record).collect())
}

/// One action the member may see, or `None`.
pub fn action(session: &mut impl GenericClient, id: &str) -> Result<Option<ActionRecord>> {
    let row = session
        .query_opt(
            &format!("SELECT {COLUMNS} FROM dpodesk.actions AS a WHERE a.id = $1"),
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.as_ref().map(record))
}

/// The first action filed on finding `finding_id` of assessment `assessment_id`.
pub fn first_action_on(
    session: &mut impl GenericClient,
    assessment_id: &str,
    finding_id: &str,
) -> Result<Option<ActionRecord>> {
    let row = session
        .query_opt(
            &format!(
                "SELECT {COLUMNS} FROM dpodesk.actions AS a
                  WHERE a.assessment_id = $1 AND a.finding_id = $2
                  ORDER BY a.created_at COLLATE \"C\", a.id COLLATE \"C\" LIMIT 1"
            ),
            &[&assessment_id, &finding_id],
        )
        .map_err(sql_error)?;
    Ok(row.as_ref().map(record))
}
