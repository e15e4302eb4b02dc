//! Reviewers' comments on single questions of an assessment version (`comments`, schema 14):
//! who wrote what on which question, and who resolved it when. A comment is a note between the
//! people of a review; scoring, findings and reports never read it.
//!
//! A re-opened version takes over its predecessor's open comments ([`carry_open`]): the point a
//! reviewer raised is still to be answered in the new draft, and the signed-off version keeps the
//! comments resolved on it, as they were.

use rusqlite::{Connection, OptionalExtension, params};

use super::Vault;
use crate::error::{Entity, Error, Result};

/// A comment as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    pub id: String,
    /// The version it is on (a re-opened version's open comments move to it).
    pub assessment_id: String,
    pub question_id: String,
    /// Who wrote it: the door's display name on a vault, the session's member on a team database.
    pub author: String,
    pub text: String,
    pub created_at: String,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<String>,
}

const COLUMNS: &str =
    "id, assessment_id, question_id, author, body, created_at, resolved_by, resolved_at";

fn row_of(row: &rusqlite::Row<'_>) -> rusqlite::Result<CommentRow> {
    Ok(CommentRow {
        id: row.get(0)?,
        assessment_id: row.get(1)?,
        question_id: row.get(2)?,
        author: row.get(3)?,
        text: row.get(4)?,
        created_at: row.get(5)?,
        resolved_by: row.get(6)?,
        resolved_at: row.get(7)?,
    })
}

impl Vault {
    /// An assessment version's comments, oldest first.
    pub(crate) fn comments(&self, assessment_id: &str) -> Result<Vec<CommentRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM comments WHERE assessment_id = ?1 ORDER BY created_at, id"
        ))?;
        let rows = stmt.query_map([assessment_id], row_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One comment by id, or [`Error::NotFound`].
    pub(crate) fn comment(&self, id: &str) -> Result<CommentRow> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM comments WHERE id = ?1"),
                [id],
                row_of,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                entity: Entity::Comment,
                id: id.to_owned(),
            })
    }
}

/// Stores a new comment, inside the caller's transaction.
pub(crate) fn insert(conn: &Connection, comment: &CommentRow) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO comments ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        params![
            comment.id,
            comment.assessment_id,
            comment.question_id,
            comment.author,
            comment.text,
            comment.created_at,
            comment.resolved_by,
            comment.resolved_at
        ],
    )?;
    Ok(())
}

/// Marks an open comment resolved by `actor` at `at`, inside the caller's transaction; `false`
/// when no open comment has that id.
pub(crate) fn resolve(conn: &Connection, id: &str, actor: &str, at: &str) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE comments SET resolved_by = ?2, resolved_at = ?3
         WHERE id = ?1 AND resolved_at IS NULL",
        params![id, actor, at],
    )?;
    Ok(changed == 1)
}

/// Moves version `from`'s open comments to its next version `to` (see the module's note).
pub(crate) fn carry_open(conn: &Connection, from: &str, to: &str) -> Result<()> {
    conn.execute(
        "UPDATE comments SET assessment_id = ?2 WHERE assessment_id = ?1 AND resolved_at IS NULL",
        params![from, to],
    )?;
    Ok(())
}
