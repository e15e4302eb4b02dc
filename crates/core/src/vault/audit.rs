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
pub fn entry_hash(prev_hash: &str, id: &str, at: &str, event: &AuditEvent<'_>) -> String {
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

/// The verified head of the chain: how many entries, and the last hash (also printed on reports
/// and exports, so a user holds an anchor outside the vault).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    pub count: u64,
    pub head_hash: String,
}

/// How the chain is broken at the entry named by [`crate::Error::AuditBroken`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditBreak {
    /// The entry's fields no longer match its hash: it was edited.
    Altered,
    /// The entry does not follow the one before it: an entry was removed, inserted or moved.
    Unlinked,
    /// Entries are missing after this position: the tail was cut off.
    TailCut,
    /// The anchor disagrees with the log in another way (it was edited).
    AnchorMismatch,
}

impl super::Vault {
    /// The chain head as the anchor records it, without walking the chain: what reports and
    /// exports print, so that the user holds it outside the vault.
    pub fn audit_head(&self) -> Result<AuditHead> {
        let (head_hash, count): (String, i64) = self
            .conn
            .query_row(
                "SELECT head_hash, count FROM audit_anchor WHERE singleton = 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?
            .unwrap_or_else(|| (GENESIS_HASH.to_owned(), 0));
        Ok(AuditHead {
            count: count.unsigned_abs(),
            head_hash,
        })
    }

    /// Walks the audit chain from the first entry and checks it against the anchor. Names the
    /// first broken entry (1-based position in the log).
    pub fn verify_audit(&self) -> Result<AuditHead> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, actor, action, entity_type, entity_id, summary, prev_hash, hash
             FROM audit_log ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut expected_prev = GENESIS_HASH.to_owned();
        let mut count: u64 = 0;
        let mut last_id = String::new();
        let broken = |position: u64, id: &str, reason: AuditBreak| crate::Error::AuditBroken {
            position,
            id: id.to_owned(),
            reason,
        };
        while let Some(row) = rows.next()? {
            count += 1;
            let field = |i: usize| row.get::<_, String>(i);
            let (id, prev_hash, hash) = (field(0)?, field(7)?, field(8)?);
            let (at, actor, action, entity_type, entity_id, summary) = (
                field(1)?,
                field(2)?,
                field(3)?,
                field(4)?,
                field(5)?,
                field(6)?,
            );
            let event = AuditEvent {
                actor: &actor,
                action: &action,
                entity_type: &entity_type,
                entity_id: &entity_id,
                summary: &summary,
            };
            if entry_hash(&prev_hash, &id, &at, &event) != hash {
                return Err(broken(count, &id, AuditBreak::Altered));
            }
            if prev_hash != expected_prev {
                return Err(broken(count, &id, AuditBreak::Unlinked));
            }
            expected_prev = hash;
            last_id = id;
        }
        let anchor: Option<(String, i64)> = self
            .conn
            .query_row(
                "SELECT head_hash, count FROM audit_anchor WHERE singleton = 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let (anchor_hash, anchor_count) = anchor.unwrap_or_else(|| (GENESIS_HASH.to_owned(), 0));
        let anchor_count = anchor_count.unsigned_abs();
        if anchor_count > count {
            return Err(broken(count + 1, "", AuditBreak::TailCut));
        }
        if anchor_count != count || anchor_hash != expected_prev {
            return Err(broken(count, &last_id, AuditBreak::AnchorMismatch));
        }
        Ok(AuditHead {
            count,
            head_hash: expected_prev,
        })
    }
}
