//! `init`, `upgrade` and the version rules against the private cluster, and the tables compared
//! with the vault's own schema.

use std::collections::{BTreeMap, BTreeSet};

use crate::Lang;

use super::*;
use crate::testing::Team;

#[test]
fn a_database_name_is_a_prefix_only_when_it_is_a_plain_identifier() {
    assert_eq!(prefix_for("firm_a").expect("plain"), "firm_a");
    assert_eq!(prefix_for("f2").expect("digits"), "f2");
    for bad in [
        "Firm",
        "firm-a",
        "1firm",
        "",
        "_firm",
        "fïrm",
        &"f".repeat(41),
    ] {
        assert!(
            matches!(prefix_for(bad), Err(Error::BadDatabaseName { .. })),
            "{bad}"
        );
    }
}

#[test]
fn init_sets_up_the_newest_schema_once_and_upgrade_then_has_nothing_to_do() {
    let team = Team::empty("sch_init");
    let mut dba = team.dba();
    assert_eq!(found_version(&mut dba).expect("read"), None);
    assert!(matches!(
        ensure_writable(&mut dba),
        Err(Error::NotInitialised { dbname }) if dbname == "sch_init"
    ));
    assert!(matches!(
        upgrade(&mut dba),
        Err(Error::NotInitialised { .. })
    ));

    let installed = init(&mut dba).expect("init");
    assert_eq!(
        installed,
        Installed {
            prefix: "sch_init".into(),
            version: SCHEMA_VERSION
        }
    );
    assert_eq!(found_version(&mut dba).expect("read"), Some(SCHEMA_VERSION));
    assert_eq!(ensure_writable(&mut dba).expect("writable"), SCHEMA_VERSION);
    assert!(matches!(
        init(&mut dba),
        Err(Error::AlreadyInitialised { dbname }) if dbname == "sch_init"
    ));
    assert_eq!(
        upgrade(&mut dba).expect("upgrade"),
        Upgraded {
            from: SCHEMA_VERSION,
            to: SCHEMA_VERSION
        }
    );
}

#[test]
fn a_database_named_unlike_an_identifier_is_refused_and_left_empty() {
    let team = Team::empty("Sch-Bad");
    let mut dba = team.dba();
    assert!(matches!(
        init(&mut dba),
        Err(Error::BadDatabaseName { name }) if name == "Sch-Bad"
    ));
    assert_eq!(found_version(&mut dba).expect("read"), None);
}

#[test]
fn an_app_older_than_the_database_refuses_to_write_and_to_upgrade() {
    let team = Team::initialised("sch_newer");
    let mut dba = team.dba();
    dba.execute(
        "UPDATE dpodesk.schema_version SET version = $1",
        &[&(SCHEMA_VERSION + 1)],
    )
    .expect("a newer app's upgrade");
    let refused = ensure_writable(&mut dba).expect_err("refused");
    assert!(matches!(
        refused,
        Error::SchemaTooNew { found, known } if found == SCHEMA_VERSION + 1 && known == SCHEMA_VERSION
    ));
    assert!(refused.message(Lang::Zh).contains("请先更新 DPO Desk"));
    assert!(refused.message(Lang::En).contains("update DPO Desk"));
    assert!(matches!(upgrade(&mut dba), Err(Error::SchemaTooNew { .. })));
}

#[test]
fn an_older_database_asks_for_an_upgrade_and_upgrade_brings_it_up() {
    let team = Team::empty("sch_older");
    let mut dba = team.dba();
    // The database as the build before the newest migration left it (the bare schema when
    // there is one migration only).
    let before = MIGRATIONS
        .len()
        .checked_sub(2)
        .map_or(0, |i| MIGRATIONS[i].version);
    init_to(&mut dba, before).expect("an older init");
    let refused = ensure_writable(&mut dba).expect_err("refused");
    assert!(matches!(
        refused,
        Error::SchemaTooOld { found, known } if found == before && known == SCHEMA_VERSION
    ));
    assert!(refused.message(Lang::En).contains("team upgrade"));
    assert_eq!(
        upgrade(&mut dba).expect("upgrade"),
        Upgraded {
            from: before,
            to: SCHEMA_VERSION
        }
    );
    assert_eq!(ensure_writable(&mut dba).expect("writable"), SCHEMA_VERSION);
}

/// The vault's tables as its migrations leave them (the Rust steps of migrations 6, 7, 9 and 10
/// add or drop no column but one: 9 drops the inline snapshot). The audit log is compared in its
/// layout before vault schema 16: that one stores it compactly for the file's size (16's Rust
/// step swaps `audit_log_compact` in), while the team database keeps every entry's `prev_hash`
/// and digest as text, which its own chain functions read.
fn vault_columns() -> BTreeMap<String, BTreeSet<String>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/migrations");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("core's migrations")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    let conn = rusqlite::Connection::open_in_memory().expect("sqlite");
    for file in &files {
        conn.execute_batch(&std::fs::read_to_string(file).expect("read"))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
    conn.execute_batch("ALTER TABLE assessments DROP COLUMN template_snapshot")
        .expect("what migration 9 drops");
    conn.execute_batch("DROP TABLE audit_log_compact")
        .expect("the compact audit log of vault schema 16");
    let mut tables = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE 'search_%'",
        )
        .expect("prepare");
    let names: Vec<String> = tables
        .query_map([], |row| row.get(0))
        .expect("query")
        .map(|name| name.expect("name"))
        .collect();
    names
        .into_iter()
        .map(|table| {
            let mut stmt = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .expect("prepare");
            let columns = stmt
                .query_map([], |row| row.get(0))
                .expect("query")
                .map(|c| c.expect("column"))
                .collect();
            (table, columns)
        })
        .collect()
}

#[test]
fn every_vault_table_and_column_is_here_under_its_own_name() {
    let team = Team::initialised("sch_mirror");
    let mut dba = team.dba();
    let mut team_columns: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in dba
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'dpodesk'",
            &[],
        )
        .expect("columns")
    {
        team_columns
            .entry(row.get(0))
            .or_default()
            .insert(row.get(1));
    }
    let vault = vault_columns();
    assert!(vault.contains_key("template_snapshots") && vault.contains_key("signoffs"));
    // Team mode's own columns, each with its reason in sql/0001_tables.sql or 0004_search.sql.
    let added: BTreeSet<&str> = [
        "row_version",
        "changed_by",
        "changed_at",
        "client_id",
        "position",
        "signer",
        "search_text",
    ]
    .into_iter()
    .collect();
    for (table, columns) in &vault {
        if table == "audit_anchor" {
            // One head per client here: audit_heads.
            assert!(team_columns.contains_key("audit_heads"));
            continue;
        }
        let here = team_columns
            .get(table)
            .unwrap_or_else(|| panic!("the vault's table {table} is missing"));
        let missing: Vec<_> = columns.difference(here).collect();
        assert!(missing.is_empty(), "{table} lacks {missing:?}");
        let extra: Vec<_> = here
            .difference(columns)
            .filter(|c| !added.contains(c.as_str()))
            .collect();
        assert!(
            extra.is_empty(),
            "{table} has unexplained columns {extra:?}"
        );
    }
}

#[test]
fn a_database_not_in_utf8_is_refused() {
    let cluster = crate::cluster::Cluster::shared();
    let mut admin = cluster.admin();
    admin
        .batch_execute(&format!(
            "CREATE ROLE sch_latin_dba LOGIN CREATEROLE PASSWORD '{}'",
            crate::testing::PASSWORD
        ))
        .expect("DBA");
    admin
        .batch_execute(
            "CREATE DATABASE sch_latin OWNER sch_latin_dba ENCODING 'LATIN1' \
             LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0",
        )
        .expect("a LATIN1 database");
    let team = Team {
        cluster,
        dbname: "sch_latin".into(),
    };
    let refused = init(&mut team.dba()).expect_err("refused");
    assert!(
        matches!(&refused, Error::NotUtf8 { encoding, .. } if encoding == "LATIN1"),
        "{refused:?}"
    );
    assert_eq!(found_version(&mut team.dba()).expect("read"), None);
}
