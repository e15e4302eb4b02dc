//! The append-only audit log. Each entry's hash covers the previous entry's hash and its own
//! fields, and the head (hash and count) is mirrored in `audit_anchor`, so an edited, deleted,
//! inserted or reordered entry — or a cut-off tail — shows when the chain is walked.
//! Summaries name what changed (question id, status), never personal data values.
//!
//! The chain covers a summary through its SHA-256 (`detail_sha256`), not its text: erasing a
//! matter blanks the summaries of its entries and keeps their digests, so the chain still
//! verifies while what they said is gone. Entries written before schema 6 hashed the summary
//! itself (scheme 1); migration 6 re-hashed a chain that verified.
//!
//! Stored compactly since schema 16 (see 0016_audit_compact.sql): the hash as 32 bytes, no
//! previous hash (the walk has just read it) but its first 4 bytes as a link, and a summary's
//! digest only where an erasure blanked the summary. The layout before is read only by the
//! migrations that convert it (`audit_legacy.rs`).

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

pub use crate::error::AuditBreak;
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
    let (prev_hash, count) = read_anchor(conn)?;
    let id = new_id();
    let hash = entry_hash(&prev_hash, &id, at, &event);
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, entity_type, entity_id, summary, prev_link, hash,
                                scheme)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 2)",
        params![id, at, event.actor, event.action, event.entity_type, event.entity_id, event.summary,
                link(&prev_hash), bytes(&hash)],
    )?;
    conn.execute(
        "INSERT INTO audit_anchor (singleton, head_hash, count) VALUES (1, ?1, ?2)
         ON CONFLICT (singleton) DO UPDATE SET head_hash = excluded.head_hash, count = excluded.count",
        params![hash, count + 1],
    )?;
    Ok(())
}

/// A hash as stored: its 32 bytes (a hex text that is not one, as only a tampered anchor could
/// hold, gives no bytes and so never matches).
pub(crate) fn bytes(hash_hex: &str) -> Vec<u8> {
    hex::decode(hash_hex).unwrap_or_default()
}

/// What an entry keeps of the previous entry's hash: its first 4 bytes, enough to tell a broken
/// link from an edited entry (see 0016_audit_compact.sql), never what the chain relies on.
pub(crate) fn link(prev_hash_hex: &str) -> Vec<u8> {
    prev_hash_hex
        .get(..8)
        .and_then(|prefix| hex::decode(prefix).ok())
        .unwrap_or_default()
}

/// The digest of an entry's summary that the chain covers in its place.
pub fn detail_sha256(summary: &str) -> String {
    hex::encode(Sha256::digest(summary.as_bytes()))
}

/// An entry's hash (scheme 2): SHA-256 over the previous hash, the entry's fields and its
/// summary's digest, each length-prefixed so that no two different entries can serialize to the
/// same bytes. A leading scheme tag keeps it apart from any scheme-1 hash.
pub fn entry_hash(prev_hash: &str, id: &str, at: &str, event: &AuditEvent<'_>) -> String {
    digest_entry_hash(prev_hash, id, at, event, &detail_sha256(event.summary))
}

/// [`entry_hash`] from the summary's digest alone (`event.summary` is not read): what verifies an
/// entry whose summary was erased.
pub fn digest_entry_hash(
    prev_hash: &str,
    id: &str,
    at: &str,
    event: &AuditEvent<'_>,
    detail_sha256: &str,
) -> String {
    fields_hash(&[
        "dpodesk-audit-2",
        prev_hash,
        id,
        at,
        event.actor,
        event.action,
        event.entity_type,
        event.entity_id,
        detail_sha256,
    ])
}

/// An entry's hash as vaults before schema 6 wrote it (scheme 1): over the summary text itself.
/// Still what a matter bundle's own chain is made of, so bundles keep one format.
pub fn summary_entry_hash(prev_hash: &str, id: &str, at: &str, event: &AuditEvent<'_>) -> String {
    fields_hash(&[
        prev_hash,
        id,
        at,
        event.actor,
        event.action,
        event.entity_type,
        event.entity_id,
        event.summary,
    ])
}

fn fields_hash(fields: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for field in fields {
        hasher.update((field.len() as u64).to_le_bytes());
        hasher.update(field.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// One stored entry, as the chain checks read it.
struct StoredEntry {
    id: String,
    at: String,
    actor: String,
    action: String,
    entity_type: String,
    entity_id: String,
    summary: String,
    prev_link: Vec<u8>,
    hash: Vec<u8>,
    erased_sha256: Option<Vec<u8>>,
    scheme: i64,
}

impl StoredEntry {
    const COLUMNS: &'static str = "id, at, actor, action, entity_type, entity_id, summary, prev_link, hash, erased_sha256, scheme";

    fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredEntry> {
        Ok(StoredEntry {
            id: row.get(0)?,
            at: row.get(1)?,
            actor: row.get(2)?,
            action: row.get(3)?,
            entity_type: row.get(4)?,
            entity_id: row.get(5)?,
            summary: row.get(6)?,
            prev_link: row.get(7)?,
            hash: row.get(8)?,
            erased_sha256: row.get(9)?,
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

    /// Whether the entry, chained after `prev_hash`, still matches its own hash. A summary's
    /// digest is computed from the summary; an erased one is taken on its stored digest, and a
    /// summary present beside a stored digest must match it.
    fn is_intact(&self, prev_hash: &str) -> bool {
        let hash = if self.scheme == 1 {
            summary_entry_hash(prev_hash, &self.id, &self.at, &self.event())
        } else {
            let computed = detail_sha256(&self.summary);
            let digest = match &self.erased_sha256 {
                None => computed,
                Some(stored) => {
                    let stored = hex::encode(stored);
                    if !self.summary.is_empty() && stored != computed {
                        return false;
                    }
                    stored
                }
            };
            digest_entry_hash(prev_hash, &self.id, &self.at, &self.event(), &digest)
        };
        bytes(&hash) == self.hash
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

/// Walks the chain from the first entry and checks it against the anchor. Names the first broken
/// entry (1-based position in the log): one whose link is not the previous entry's hash is
/// unlinked, one whose link holds but whose hash does not is altered.
pub(crate) fn verify_chain(conn: &Connection) -> Result<AuditHead> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM audit_log ORDER BY seq",
        StoredEntry::COLUMNS
    ))?;
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
        let entry = StoredEntry::from_row(row)?;
        if entry.prev_link != link(&expected_prev) {
            return Err(broken(count, &entry.id, AuditBreak::Unlinked));
        }
        if !entry.is_intact(&expected_prev) {
            return Err(broken(count, &entry.id, AuditBreak::Altered));
        }
        expected_prev = hex::encode(&entry.hash);
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

/// Blanks the summaries of the entries about `entity_ids` (a JSON array) and keeps each one's
/// digest in its place, so the chain still verifies while what they said is gone (erasure).
pub(crate) fn erase_summaries(conn: &Connection, entity_ids: &str) -> Result<()> {
    let entries: Vec<(i64, String)> = conn
        .prepare(
            "SELECT seq, summary FROM audit_log
             WHERE summary <> '' AND entity_id IN (SELECT value FROM json_each(?1))",
        )?
        .query_map([entity_ids], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut blank =
        conn.prepare("UPDATE audit_log SET summary = '', erased_sha256 = ?1 WHERE seq = ?2")?;
    for (seq, summary) in entries {
        blank.execute(params![bytes(&detail_sha256(&summary)), seq])?;
    }
    Ok(())
}

/// The verified head of the chain: how many entries, and the last hash (also printed on reports
/// and exports, so a user holds an anchor outside the vault).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    pub count: u64,
    pub head_hash: String,
}

/// Which chain an [`AuditHead`] is the head of, said on the reports that print it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditChain {
    /// The vault's one audit log.
    Vault,
    /// The team database's audit chain of the report's client.
    TeamClient,
}

impl super::Vault {
    /// The chain head as the anchor records it, without walking the chain: what reports and
    /// exports print, so that the user holds it outside the vault.
    pub(crate) fn audit_head(&self) -> Result<AuditHead> {
        let (head_hash, count) = read_anchor(&self.conn)?;
        Ok(AuditHead {
            count: count.unsigned_abs(),
            head_hash,
        })
    }

    /// Walks the audit chain from the first entry and checks it against the anchor. Names the
    /// first broken entry (1-based position in the log).
    pub(crate) fn verify_audit(&self) -> Result<AuditHead> {
        verify_chain(&self.conn)
    }
}
