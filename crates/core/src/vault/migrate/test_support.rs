//! Tests of a migration need a vault of the schema before it. None is committed: each is made
//! here from a current vault's rows (the demo's, usually), copied into a fresh vault brought up
//! to the older schema only.

use std::path::Path;

use rusqlite::Connection;

use crate::vault::Vault;

/// A vault at `path`, keyed with `passphrase` (the one `from` is keyed with too), of schema
/// `version`, holding `from`'s rows: each table the older schema has, in the columns it has. The
/// search index (`search_*`) is not copied; the older schema's triggers rebuild it as the rows
/// arrive. A column `value` names (by table and column) takes that SQL expression instead of
/// the source's column, for one the current schema no longer has. Returns the open connection,
/// to write what SQL cannot copy, and the tables copied.
pub(crate) fn older_vault(
    from: &Vault,
    path: &Path,
    passphrase: &str,
    version: u32,
    value: impl Fn(&str, &str) -> Option<String>,
) -> (Connection, Vec<String>) {
    let mut conn = Connection::open(path).expect("open");
    conn.key(None::<&str>, passphrase.as_bytes(), false)
        .expect("key");
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
