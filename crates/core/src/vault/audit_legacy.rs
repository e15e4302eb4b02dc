//! The audit log as schemas 1–15 stored it — each entry with its `prev_hash`, its `hash` and its
//! summary's `detail_sha256` as 64-character hex text — read only by the migrations that convert
//! it: 6 (re-hashing a scheme-1 chain over summary digests) and 16 (the compact layout of
//! `audit.rs`). The hashes themselves are the same functions in both layouts.

use rusqlite::{Connection, OptionalExtension, params};

use super::audit::{
    AuditEvent, AuditHead, GENESIS_HASH, detail_sha256, digest_entry_hash, summary_entry_hash,
};
use crate::error::{AuditBreak, Error, Result};
use crate::id::new_id;

/// One entry of the old layout, as the chain checks read it.
struct StoredEntry {
    id: String,
    at: String,
    actor: String,
    action: String,
    entity_type: String,
    entity_id: String,
    summary: String,
    prev_hash: String,
    hash: String,
    detail_sha256: String,
    scheme: i64,
}

impl StoredEntry {
    const COLUMNS: &'static str = "id, at, actor, action, entity_type, entity_id, summary, prev_hash, hash, detail_sha256, scheme";

    fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredEntry> {
        Ok(StoredEntry {
            id: row.get(0)?,
            at: row.get(1)?,
            actor: row.get(2)?,
            action: row.get(3)?,
            entity_type: row.get(4)?,
            entity_id: row.get(5)?,
            summary: row.get(6)?,
            prev_hash: row.get(7)?,
            hash: row.get(8)?,
            detail_sha256: row.get(9)?,
            scheme: row.get(10)?,
        })
    }

    fn event(&self) -> AuditEvent<'_> {
        AuditEvent {
            actor: &self.actor,
            action: &self.action,
            entity_type: &self.entity_type,
            entity_id: &self.entity_id,
            summary: &self.summary,
        }
    }

    /// Whether the entry still matches its own hash. A scheme-2 summary that is present must match
    /// its digest; an erased one (empty, with the digest of something else) is taken on its digest.
    fn is_intact(&self) -> bool {
        if self.scheme == 1 {
            return summary_entry_hash(&self.prev_hash, &self.id, &self.at, &self.event())
                == self.hash;
        }
        let erased = self.summary.is_empty();
        if !erased && detail_sha256(&self.summary) != self.detail_sha256 {
            return false;
        }
        digest_entry_hash(
            &self.prev_hash,
            &self.id,
            &self.at,
            &self.event(),
            &self.detail_sha256,
        ) == self.hash
    }
}

fn read_anchor(conn: &Connection) -> Result<(String, i64)> {
    Ok(conn
        .query_row(
            "SELECT head_hash, count FROM audit_anchor WHERE singleton = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .unwrap_or_else(|| (GENESIS_HASH.to_owned(), 0)))
}

/// Walks an old-layout chain from the first entry and checks it against the anchor, naming the
/// first broken entry (1-based) as `verify_chain` of `audit.rs` does for the compact one.
pub(crate) fn verify_chain(conn: &Connection) -> Result<AuditHead> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM audit_log ORDER BY seq",
        StoredEntry::COLUMNS
    ))?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS_HASH.to_owned();
    let mut count: u64 = 0;
    let mut last_id = String::new();
    let broken = |position: u64, id: &str, reason: AuditBreak| Error::AuditBroken {
        position,
        id: id.to_owned(),
        reason,
    };
    while let Some(row) = rows.next()? {
        count += 1;
        let entry = StoredEntry::from_row(row)?;
        if !entry.is_intact() {
            return Err(broken(count, &entry.id, AuditBreak::Altered));
        }
        if entry.prev_hash != expected_prev {
            return Err(broken(count, &entry.id, AuditBreak::Unlinked));
        }
        expected_prev = entry.hash;
        last_id = entry.id;
    }
    let (anchor_hash, anchor_count) = read_anchor(conn)?;
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

/// Appends one entry to an old-layout log (what migration 6 writes before 16 converts it).
fn append(conn: &Connection, event: AuditEvent<'_>, at: &str) -> Result<()> {
    let (prev_hash, count) = read_anchor(conn)?;
    let id = new_id();
    let detail = detail_sha256(event.summary);
    let hash = digest_entry_hash(&prev_hash, &id, at, &event, &detail);
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, entity_type, entity_id, summary, prev_hash, hash,
                                detail_sha256, scheme)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 2)",
        params![id, at, event.actor, event.action, event.entity_type, event.entity_id, event.summary, prev_hash, hash, detail],
    )?;
    conn.execute(
        "INSERT INTO audit_anchor (singleton, head_hash, count) VALUES (1, ?1, ?2)
         ON CONFLICT (singleton) DO UPDATE SET head_hash = excluded.head_hash, count = excluded.count",
        params![hash, count + 1],
    )?;
    Ok(())
}

/// Migration 6: re-hashes a scheme-1 chain over its summaries' digests, inside the migration's
/// transaction, and appends one entry naming the head it replaced — the head printed on earlier
/// reports and exports, so the link to what a user holds outside the vault is kept. Only a chain
/// that verifies is re-hashed: a broken one is left as it is, so `audit verify` still names the
/// same break (re-hashing would launder it).
pub(crate) fn convert_to_digests(conn: &Connection) -> Result<()> {
    let old_head = match verify_chain(conn) {
        Ok(head) => head,
        Err(Error::AuditBroken { .. }) => return Ok(()),
        Err(e) => return Err(e),
    };
    if old_head.count == 0 {
        return Ok(());
    }
    let entries: Vec<(i64, StoredEntry)> = {
        let mut stmt = conn.prepare(&format!(
            "SELECT {}, seq FROM audit_log ORDER BY seq",
            StoredEntry::COLUMNS
        ))?;
        let rows = stmt.query_map([], |row| Ok((row.get(11)?, StoredEntry::from_row(row)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut prev = GENESIS_HASH.to_owned();
    for (seq, entry) in &entries {
        let detail = detail_sha256(&entry.summary);
        let hash = digest_entry_hash(&prev, &entry.id, &entry.at, &entry.event(), &detail);
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?1, hash = ?2, detail_sha256 = ?3, scheme = 2
             WHERE seq = ?4",
            params![prev, hash, detail, seq],
        )?;
        prev = hash;
    }
    conn.execute(
        "UPDATE audit_anchor SET head_hash = ?1 WHERE singleton = 1",
        params![prev],
    )?;
    append(
        conn,
        AuditEvent {
            actor: "dpodesk",
            action: "audit.rehashed",
            entity_type: "vault",
            entity_id: "",
            summary: &format!(
                "chain re-hashed over summary digests; previous head {} ({} entries)",
                old_head.head_hash, old_head.count
            ),
        },
        &crate::time::now(),
    )
}

/// Migration 16: the old log copied into the compact table that 0016_audit_compact.sql made, then
/// put in its place. A chain that verifies must reach the same head afterwards. A broken one is
/// converted too — refusing it would lock its owner out of his vault over an audit finding —
/// and must still break, at the same entry or (when only a column the compact layout drops was
/// touched) not at all: an entry's hash is checked against the same inputs, so no earlier entry
/// can break and no broken content can come to verify. `audit verify` then names the same break.
pub(crate) fn convert_to_compact(conn: &Connection) -> Result<()> {
    // Already compact: a vault of this build brought back to an older version number.
    let old_layout: bool = conn.query_row(
        "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'prev_hash'",
        [],
        |row| row.get(0),
    )?;
    if !old_layout {
        conn.execute_batch("DROP TABLE audit_log_compact")?;
        return Ok(());
    }
    let old_walk = match verify_chain(conn) {
        Ok(head) => Ok(head),
        Err(Error::AuditBroken { position, .. }) => Err(position),
        Err(e) => return Err(e),
    };
    // A digest is kept only where the summary no longer gives it: an erased (blanked) summary.
    // A summary that was empty when written gives its own digest, so it needs none either.
    conn.execute(
        "INSERT INTO audit_log_compact (seq, id, at, actor, action, entity_type, entity_id, summary,
                                        prev_link, hash, erased_sha256, scheme)
         SELECT seq, id, at, actor, action, entity_type, entity_id, summary,
                coalesce(substr(unhex(prev_hash), 1, 4), zeroblob(4)),
                coalesce(unhex(hash), zeroblob(32)),
                CASE WHEN summary = '' AND scheme = 2 AND detail_sha256 <> ?1
                     THEN unhex(detail_sha256) END,
                scheme
         FROM audit_log ORDER BY seq",
        [detail_sha256("")],
    )?;
    conn.execute_batch(
        "DROP TABLE audit_log;
         ALTER TABLE audit_log_compact RENAME TO audit_log;",
    )?;
    let new_walk = match super::audit::verify_chain(conn) {
        Ok(head) => Ok(head),
        Err(Error::AuditBroken { position, .. }) => Err(position),
        Err(e) => return Err(e),
    };
    let kept = match (&old_walk, &new_walk) {
        (Ok(old), Ok(new)) => old == new,
        (Err(_), Ok(_)) => true,
        (Err(old), Err(new)) => new >= old,
        (Ok(_), Err(_)) => false,
    };
    if !kept {
        return Err(Error::Corrupted {
            detail: format!(
                "the audit log converted by migration 16 walks as {new_walk:?}, not as before ({old_walk:?})"
            ),
        });
    }
    Ok(())
}
