//! The append-only audit log. Each entry's hash covers the previous entry's hash and its own
//! fields, and the head (hash and count) is mirrored in `audit_anchor`, so an edited, deleted,
//! inserted or reordered entry — or a cut-off tail — shows when the chain is walked.
//! Summaries name what changed (question id, status), never personal data values.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::id::new_id;

/// The hash a chain starts from.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, to what, by whom.
#[derive(Debug, Clone, Copy)]
pub struct AuditEvent<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub summary: &'a str,
}

/// Appends one entry inside the caller's transaction, so the change and its record commit together.
pub(crate) fn append(conn: &Connection, event: AuditEvent<'_>, at: &str) -> Result<()> {
    let (prev_hash, count): (String, i64) = conn
        .query_row(
            "SELECT head_hash, count FROM audit_anchor WHERE singleton = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .unwrap_or_else(|| (GENESIS_HASH.to_owned(), 0));
    let id = new_id();
    let hash = entry_hash(&prev_hash, &id, at, &event);
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, entity_type, entity_id, summary, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![id, at, event.actor, event.action, event.entity_type, event.entity_id, event.summary, prev_hash, hash],
    )?;
    conn.execute(
        "INSERT INTO audit_anchor (singleton, head_hash, count) VALUES (1, ?1, ?2)
         ON CONFLICT (singleton) DO UPDATE SET head_hash = excluded.head_hash, count = excluded.count",
        params![hash, count + 1],
    )?;
    Ok(())
}

/// SHA-256 over the previous hash and the entry's fields, each length-prefixed so that no two
/// different entries can serialize to the same bytes.
pub(crate) fn entry_hash(prev_hash: &str, id: &str, at: &str, event: &AuditEvent<'_>) -> String {
    let mut hasher = Sha256::new();
    for field in [
        prev_hash,
        id,
        at,
        event.actor,
        event.action,
        event.entity_type,
        event.entity_id,
        event.summary,
    ] {
        hasher.update((field.len() as u64).to_le_bytes());
        hasher.update(field.as_bytes());
    }
    hex::encode(hasher.finalize())
}
