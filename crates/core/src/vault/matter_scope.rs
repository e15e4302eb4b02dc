//! Which assessments belong to a client's matter: the ones filed under the client or about its
//! data sources and vendors, grown to a fixed point by a step the caller chooses (erasure follows
//! versions both ways; a bundle follows earlier versions and links). One query for both, so the
//! two never disagree about where a matter starts.

use std::collections::BTreeSet;

use rusqlite::Connection;

use crate::error::Result;

/// The matter's assessments: those filed under `client_id`, then every id that `step` (SQL whose
/// `?1` is the JSON list of the ids found so far) adds, until it adds none.
pub(crate) fn assessment_closure(
    conn: &Connection,
    client_id: &str,
    step: &str,
) -> Result<BTreeSet<String>> {
    let mut set: BTreeSet<String> = strings(
        conn,
        "SELECT id FROM assessments WHERE client_id = ?1
             OR data_source_id IN (SELECT id FROM data_sources WHERE client_id = ?1)
             OR vendor_id IN (SELECT id FROM vendors WHERE client_id = ?1)",
        client_id,
    )?
    .into_iter()
    .collect();
    loop {
        let before = set.len();
        set.extend(strings(conn, step, &ids_json(&set))?);
        if set.len() == before {
            return Ok(set);
        }
    }
}

/// Ids as the JSON list that `json_each(?)` reads.
pub(crate) fn ids_json(ids: &BTreeSet<String>) -> String {
    serde_json::Value::from_iter(ids.iter().cloned()).to_string()
}

fn strings(conn: &Connection, sql: &str, param: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map([param], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
