//! What migration tests share: a vault of an older schema holding a newer vault's rows, generated
//! in the test, never committed. (Made beside migrate.rs for the audit log's migration 16; the
//! copy is the one summaries.rs and snapshots/tests.rs make for theirs.)

use std::path::Path;

use rusqlite::Connection;

use crate::vault::{GENESIS_HASH, Vault, detail_sha256, migrate};

/// Opens (creates) `path` keyed with `pass`, at schema `version` (6 to 15), with every table of
/// `from` copied into it except the search tables (the triggers rebuild them) and those in
/// `skip`, which the caller fills in the older layout; `from` stays attached as `source` for
/// that. The audit log is written in the layout of schemas 6–15 (see [`old_audit_log`]).
pub(crate) fn older_vault_from(
    from: &Vault,
    path: &Path,
    pass: &str,
    version: u32,
    skip: &[&str],
) -> Connection {
    let mut conn = Connection::open(path).expect("open");
    conn.key(None::<&str>, pass.as_bytes(), false).expect("key");
    migrate::migrate_to(&mut conn, version).expect("older schema");
    conn.execute(
        "ATTACH DATABASE ?1 AS source KEY ?2",
        [from.path().to_string_lossy().as_ref(), pass],
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
    for table in tables.iter().filter(|t| !skip.contains(&t.as_str())) {
        if table == "audit_log" {
            old_audit_log(&conn);
            continue;
        }
        let list = crate::vault::bundle_store::columns(&conn, table)
            .expect("columns")
            .join(", ");
        conn.execute(
            &format!("INSERT INTO main.{table} ({list}) SELECT {list} FROM source.{table}"),
            [],
        )
        .expect("copy");
    }
    conn
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
