//! Comments on questions (`dpodesk.comments`): the vault's rows, with the author and whoever
//! resolves written by the database (the session's member, see `sql/0008_comments.sql`).
//! Row-level security shows a member the comments of the assessments he sees, and no other.

use postgres::{GenericClient, Transaction};

use crate::error::{Result, sql_error};

/// A comment as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRecord {
    pub id: String,
    pub assessment_id: String,
    pub question_id: String,
    pub author: String,
    pub text: String,
    pub created_at: String,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<String>,
}

/// A new comment's columns (the author is the session's member).
#[derive(Debug, Clone, Copy)]
pub struct NewComment<'a> {
    pub id: &'a str,
    pub assessment_id: &'a str,
    pub question_id: &'a str,
    pub text: &'a str,
    pub created_at: &'a str,
}

const COLUMNS: &str =
    "id, assessment_id, question_id, author, body, created_at, resolved_by, resolved_at";

fn record(row: &postgres::Row) -> CommentRecord {
    CommentRecord {
        id: row.get(0),
        assessment_id: row.get(1),
        question_id: row.get(2),
        author: row.get(3),
        text: row.get(4),
        created_at: row.get(5),
        resolved_by: row.get(6),
        resolved_at: row.get(7),
    }
}

/// An assessment version's comments the member may see, oldest first.
pub fn comments(
    session: &mut impl GenericClient,
    assessment_id: &str,
) -> Result<Vec<CommentRecord>> {
    let rows = session
        .query(
            &format!(
                "SELECT {COLUMNS} FROM dpodesk.comments WHERE assessment_id = $1
                  ORDER BY created_at COLLATE \"C\", id COLLATE \"C\""
            ),
            &[&assessment_id],
        )
        .map_err(sql_error)?;
    Ok(rows.iter().map(record).collect())
}

/// One comment the member may see, or `None`.
pub fn comment(session: &mut impl GenericClient, id: &str) -> Result<Option<CommentRecord>> {
    let row = session
        .query_opt(
            &format!("SELECT {COLUMNS} FROM dpodesk.comments WHERE id = $1"),
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.as_ref().map(record))
}

/// Stores a new comment.
pub fn insert_comment(tx: &mut Transaction<'_>, comment: &NewComment<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.comments (id, assessment_id, question_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5)",
        &[
            &comment.id,
            &comment.assessment_id,
            &comment.question_id,
            &comment.text,
            &comment.created_at,
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Marks an open comment resolved at `at`; `false` when no open comment has that id (resolved
/// meanwhile by someone else, or not there).
pub fn resolve_comment(tx: &mut Transaction<'_>, id: &str, at: &str) -> Result<bool> {
    let changed = tx
        .execute(
            "UPDATE dpodesk.comments SET resolved_at = $2 WHERE id = $1 AND resolved_at IS NULL",
            &[&id, &at],
        )
        .map_err(sql_error)?;
    Ok(changed == 1)
}

/// Moves version `from`'s open comments to its next version `to`.
pub(super) fn carry_open(tx: &mut Transaction<'_>, from: &str, to: &str) -> Result<()> {
    tx.execute(
        "UPDATE dpodesk.comments SET assessment_id = $2
         WHERE assessment_id = $1 AND resolved_at IS NULL",
        &[&from, &to],
    )
    .map_err(sql_error)?;
    Ok(())
}
