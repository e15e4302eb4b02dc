//! Erasing a client's matter on the team database: the admins' alone, done by the database
//! (`sql/0010_audit_erasure.sql`). [`counts`] is the preview; [`erase_matter`] removes the rows
//! in the caller's unit of work, blanks what the audit log said about them (the chains still
//! verify) and appends the erasure's own entry — counts only, its actor and time written by the
//! database — so an erasure made with psql leaves the same trace. Members hold no DELETE on a
//! matter's tables: an author, reviewer or approver is refused, through our code or without it.
//!
//! What PostgreSQL does not do here is the vault's wipe of freed storage: deleted rows stay in
//! the table files until VACUUM reclaims them, in the write-ahead log until it is recycled, and in
//! every `pg_dump` made before — the server's administrator's to handle (docs/team-mode.md).

use postgres::{GenericClient, Row};

use crate::error::{Result, sql_error};

/// What an erasure removes (or removed): the vault's counts, by the same names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub data_sources: i64,
    pub vendors: i64,
    /// Every version of every assessment.
    pub assessments: i64,
    pub answers: i64,
    pub links: i64,
    pub signoffs: i64,
    pub evidence: i64,
    pub reports: i64,
    pub actions: i64,
    pub bundle_imports: i64,
    /// Audit entries about the matter whose summaries are blanked (the entries stay).
    pub audit_entries: i64,
    /// The latest keep-until date in the matter.
    pub kept_until: Option<String>,
}

const COLUMNS: &str = "data_sources, vendors, assessments, answers, links, signoffs, evidence, \
                       reports, actions, bundle_imports, audit_entries, kept_until";

/// What erasing client `client_id` would remove. Refused to all but admins (`NotPermitted`),
/// for an unknown client (`UnknownClient`) and when another matter's assessment links to one
/// of this matter's (`ReliedOnElsewhere`).
pub fn counts(client: &mut impl GenericClient, client_id: &str) -> Result<Counts> {
    let row = client
        .query_one(
            &format!("SELECT {COLUMNS} FROM dpodesk.erasure_counts($1)"),
            &[&client_id],
        )
        .map_err(sql_error)?;
    Ok(counts_of(&row))
}

/// Erases client `client_id`'s matter inside the caller's transaction (nothing of it lands if
/// the transaction rolls back), with the erasure's audit entry; refused as [`counts`] is.
pub fn erase_matter(tx: &mut impl GenericClient, client_id: &str) -> Result<Counts> {
    let row = tx
        .query_one(
            &format!("SELECT {COLUMNS} FROM dpodesk.erase_matter($1)"),
            &[&client_id],
        )
        .map_err(sql_error)?;
    Ok(counts_of(&row))
}

fn counts_of(row: &Row) -> Counts {
    Counts {
        data_sources: row.get(0),
        vendors: row.get(1),
        assessments: row.get(2),
        answers: row.get(3),
        links: row.get(4),
        signoffs: row.get(5),
        evidence: row.get(6),
        reports: row.get(7),
        actions: row.get(8),
        bundle_imports: row.get(9),
        audit_entries: row.get(10),
        kept_until: row.get(11),
    }
}

#[cfg(test)]
#[path = "erase_tests.rs"]
mod tests;
