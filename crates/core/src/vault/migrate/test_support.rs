//! Tests of a migration need a vault of the schema before it. None is committed: each is made
//! here from a current vault's rows (the demo's, usually), copied into a fresh vault brought up
//! to the older schema only.

use std::path::Path;

use rusqlite::Connection;

use crate::vault::{GENESIS_HASH, Vault, detail_sha256};

/// The first schema whose audit log is compact (hash as bytes, no stored previous hash).
const COMPACT_AUDIT: u32 = 16;

/// The vault file at `path` opened as plain SQL, keyed with `passphrase`: what a test reads or
/// writes beneath the store (an older schema's rows, the raw pages after a migration).
pub(crate) fn keyed(path: &Path, passphrase: &str) -> Connection {
    let conn = Connection::open(path).expect("open");
    conn.key(None::<&str>, passphrase.as_bytes(), false)
        .expect("key");
    conn
}

/// A vault at `path`, keyed with `passphrase` (the one `from` is keyed with too), of schema
/// `version`, holding `from`'s rows: each table the older schema has, in the columns it has. The
/// search index (`search_*`) is not copied; the older schema's triggers rebuild it as the rows
/// arrive. A column `value` names (by table and column) takes that SQL expression instead of
/// the source's column, for one the current schema no longer has. Below schema 16 the audit
/// log is written in the layout of its day ([`old_audit_log`]). Returns the open connection,
/// to write what SQL cannot copy, and the tables copied.
pub(crate) fn older_vault(
    from: &Vault,
    path: &Path,
    passphrase: &str,
    version: u32,
    value: impl Fn(&str, &str) -> Option<String>,
) -> (Connection, Vec<String>) {
    let mut conn = keyed(path, passphrase);
    super::migrate_to(&mut conn, version).expect("the older schema");
    conn.execute(
        "ATTACH DATABASE ?1 AS source KEY ?2",
        [from.path().to_string_lossy().as_ref(), passphrase],
    )
    .expect("attach");
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM main.sqlite_master WHERE type = 'table'
               AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%'",
        )
        .expect("tables")
        .query_map([], |row| row.get(0))
        .expect("tables")
        .collect::<rusqlite::Result<_>>()
        .expect("tables");
    for table in &tables {
        if table == "audit_log" && version < COMPACT_AUDIT {
            old_audit_log(&conn);
            continue;
        }
        let columns = crate::vault::bundle_store::columns(&conn, table).expect("columns");
        let values: Vec<String> = columns
            .iter()
            .map(|column| value(table, column).unwrap_or_else(|| column.clone()))
            .collect();
        conn.execute(
            &format!(
                "INSERT INTO main.{table} ({}) SELECT {} FROM source.{table}",
                columns.join(", "),
                values.join(", ")
            ),
            [],
        )
        .expect("copy");
    }
    conn.execute("DETACH DATABASE source", []).expect("detach");
    (conn, tables)
}

/// `source`'s audit log written into `main` as schemas 6–15 stored it: each entry's
/// `prev_hash`, its hash as hex and its summary's `detail_sha256` (an erased entry's kept
/// digest, else the summary's own). The same chain: the build of that schema verified it.
pub(crate) fn old_audit_log(conn: &Connection) {
    conn.execute(
        "INSERT INTO main.audit_log (seq, id, at, actor, action, entity_type, entity_id, summary,
                                     prev_hash, hash, detail_sha256, scheme)
         SELECT seq, id, at, actor, action, entity_type, entity_id, summary,
                coalesce(lag(lower(hex(hash))) OVER (ORDER BY seq), ?1), lower(hex(hash)),
                coalesce(lower(hex(erased_sha256)), ''), scheme
         FROM source.audit_log ORDER BY seq",
        [GENESIS_HASH],
    )
    .expect("old log");
    let plain: Vec<(i64, String)> = conn
        .prepare("SELECT seq, summary FROM main.audit_log WHERE detail_sha256 = ''")
        .expect("entries")
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("entries")
        .collect::<rusqlite::Result<_>>()
        .expect("entries");
    for (seq, summary) in plain {
        conn.execute(
            "UPDATE main.audit_log SET detail_sha256 = ?1 WHERE seq = ?2",
            rusqlite::params![detail_sha256(&summary), seq],
        )
        .expect("digest");
    }
}
