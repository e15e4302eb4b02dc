//! What migration tests share: a vault of an older schema holding a newer vault's rows, generated
//! in the test, never committed. (Made beside migrate.rs for the audit log's migration 16; the
//! copy is the one summaries.rs and snapshots/tests.rs make for theirs.)

use std::path::Path;

use rusqlite::Connection;

use crate::vault::{Vault, migrate};

/// Opens (creates) `path` keyed with `pass`, at schema `version`, with every table of `from`
/// copied into it except the search tables (the triggers rebuild them) and those in `skip`,
/// which the caller fills in the older layout. The connection is returned for that.
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
