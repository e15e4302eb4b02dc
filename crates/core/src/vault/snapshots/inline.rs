//! Migration 9's move of the snapshots each assessment held inline into `template_snapshots`.

use std::collections::HashMap;

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

use super::{Snapshot, store};
use crate::error::Result;

/// Migration 9's step SQL cannot take: each assessment's inline snapshot moves into
/// `template_snapshots` (one row per distinct hash) and the assessment names it; then the inline
/// column goes. Runs in the migration's transaction, so a vault converts whole or not at all.
/// Answers, sign-offs and the audit chain are untouched: fingerprints hash the template's id and
/// version, never the snapshot.
pub(crate) fn move_inline(conn: &Connection) -> Result<()> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM assessments ORDER BY id")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // The same inline text is hashed as it is first, so each distinct snapshot is parsed and
    // deflated once, not once per assessment.
    let mut seen: HashMap<[u8; 32], String> = HashMap::new();
    // One row at a time: a large vault's snapshots never sit in memory together.
    for id in ids {
        let (template_id, template_version, text): (String, String, String) = conn.query_row(
            "SELECT template_id, template_version, template_snapshot FROM assessments WHERE id = ?1",
            [&id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        let raw: [u8; 32] = Sha256::digest(text.as_bytes()).into();
        let sha256 = match seen.get(&raw) {
            Some(sha256) => sha256.clone(),
            None => {
                let snapshot = Snapshot::from_json_text(&template_id, &template_version, &text);
                let sha256 = store(conn, &snapshot)?;
                seen.insert(raw, sha256.clone());
                sha256
            }
        };
        conn.execute(
            "UPDATE assessments SET template_sha256 = ?2 WHERE id = ?1",
            params![id, sha256],
        )?;
    }
    conn.execute_batch("ALTER TABLE assessments DROP COLUMN template_snapshot")?;
    Ok(())
}
