//! Schema migrations, embedded at compile time from `crates/core/migrations/NNNN_*.sql` and applied
//! in order by `PRAGMA user_version`, each inside its own transaction: a failed migration leaves the
//! vault at the previous version.

use rusqlite::Connection;

use crate::error::{Error, Result};

struct Migration {
    version: u32,
    sql: &'static str,
    /// What SQL alone cannot do, run after the script in the same transaction.
    then: Option<fn(&Connection) -> Result<()>>,
    /// The migration frees much of the file: `VACUUM` after it commits, so the file shrinks
    /// (a vacuum cannot run inside the migration's transaction).
    vacuum: bool,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("../../migrations/0001_initial.sql"),
        then: None,
        vacuum: false,
    },
    Migration {
        version: 2,
        sql: include_str!("../../migrations/0002_search.sql"),
        then: None,
        vacuum: false,
    },
    Migration {
        version: 4,
        sql: include_str!("../../migrations/0004_bundle_imports.sql"),
        then: None,
        vacuum: false,
    },
    // 3 was never used.
    Migration {
        version: 5,
        sql: include_str!("../../migrations/0005_frozen_signoffs.sql"),
        then: None,
        vacuum: false,
    },
    Migration {
        version: 6,
        sql: include_str!("../../migrations/0006_audit_digests.sql"),
        then: Some(super::audit_legacy::convert_to_digests),
        vacuum: false,
    },
    Migration {
        version: 7,
        sql: include_str!("../../migrations/0007_keep_until.sql"),
        then: Some(super::retention::backfill),
        vacuum: false,
    },
    Migration {
        version: 8,
        sql: include_str!("../../migrations/0008_cnil_records.sql"),
        then: None,
        vacuum: false,
    },
    Migration {
        version: 9,
        sql: include_str!("../../migrations/0009_template_snapshots.sql"),
        then: Some(super::snapshots::move_inline),
        // Dropping the inline snapshots frees ~190 KB per assessment.
        vacuum: true,
    },
    Migration {
        version: 10,
        sql: include_str!("../../migrations/0010_transfer_kind.sql"),
        then: Some(widen_kind_checks),
        vacuum: false,
    },
    Migration {
        version: 11,
        sql: include_str!("../../migrations/0011_action_titles.sql"),
        then: None,
        vacuum: false,
    },
    Migration {
        version: 12,
        sql: include_str!("../../migrations/0012_search_more.sql"),
        // And the back-fill of action titles that 11 left blank (SQL cannot read the snapshots).
        then: Some(super::action_titles::backfill),
        vacuum: false,
    },
    Migration {
        version: 13,
        sql: include_str!("../../migrations/0013_summaries.sql"),
        // Scoring is above the store: api scores the versions without a summary on first use.
        then: None,
        vacuum: false,
    },
    Migration {
        version: 14,
        sql: include_str!("../../migrations/0014_comments.sql"),
        then: None,
        vacuum: false,
    },
    Migration {
        version: 15,
        sql: include_str!("../../migrations/0015_answer_versions.sql"),
        then: Some(add_answer_versions),
        vacuum: false,
    },
    Migration {
        version: 16,
        sql: include_str!("../../migrations/0016_audit_compact.sql"),
        then: Some(super::audit_legacy::convert_to_compact),
        // The old log's pages (about half of a busy vault's log) are free only after a vacuum.
        vacuum: true,
    },
    Migration {
        version: 17,
        sql: include_str!("../../migrations/0017_search_contentless.sql"),
        then: None,
        // The index's copy of every text (a third of the index) is free only after a vacuum.
        vacuum: true,
    },
];

/// The CHECK lists of `assessments.kind` and `reports.kind` before and after migration 10.
const KIND_CHECKS: &[(&str, &str, &str)] = &[
    (
        "assessments",
        "kind IN ('data_source', 'vendor', 'pia')",
        "kind IN ('data_source', 'vendor', 'pia', 'transfer')",
    ),
    (
        "reports",
        "kind IN ('memo', 'vendor', 'pia')",
        "kind IN ('memo', 'vendor', 'pia', 'transfer')",
    ),
];

/// Adds 'transfer' to the two kind CHECK lists in place (see 0010_transfer_kind.sql for why).
/// A definition that does not hold the old list exactly is left alone and refused.
fn widen_kind_checks(conn: &Connection) -> Result<()> {
    let version: i64 = conn.pragma_query_value(None, "schema_version", |row| row.get(0))?;
    conn.pragma_update(None, "writable_schema", true)?;
    for (table, old, new) in KIND_CHECKS {
        // Already widened (a vault of this build brought back to an older version number).
        let widened: bool = conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1 \
             AND instr(sql, ?2) > 0",
            rusqlite::params![table, new],
            |row| row.get(0),
        )?;
        if widened {
            continue;
        }
        let changed = conn.execute(
            "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2) \
             WHERE type = 'table' AND name = ?3 AND instr(sql, ?1) > 0",
            rusqlite::params![old, new, table],
        )?;
        if changed != 1 {
            conn.pragma_update(None, "writable_schema", false)?;
            return Err(Error::Corrupted {
                detail: format!("the {table} table's kind list is not the one migration 10 widens"),
            });
        }
    }
    conn.pragma_update(None, "schema_version", version + 1)?;
    conn.pragma_update(None, "writable_schema", false)?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
    if check != "ok" {
        return Err(Error::Corrupted { detail: check });
    }
    Ok(())
}

/// Migration 15's column, where it is missing (see 0015_answer_versions.sql for why not in SQL).
fn add_answer_versions(conn: &Connection) -> Result<()> {
    let present: bool = conn.query_row(
        "SELECT count(*) FROM pragma_table_info('answers') WHERE name = 'row_version'",
        [],
        |row| row.get(0),
    )?;
    if !present {
        conn.execute_batch(
            "ALTER TABLE answers ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1",
        )?;
    }
    Ok(())
}

/// The newest schema this build knows.
pub const SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// The vault's schema version.
pub(crate) fn current_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Refuses a vault written by a newer build: opening it could misread data we do not know.
pub(crate) fn ensure_known(conn: &Connection) -> Result<()> {
    let found = current_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Brings the vault up to [`SCHEMA_VERSION`]; does nothing on an up-to-date vault.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Brings the vault up to schema `target` (tests build a vault of an older schema with it).
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    ensure_known(conn)?;
    let current = current_version(conn)?;
    let mut vacuum = false;
    for migration in MIGRATIONS
        .iter()
        .filter(|m| m.version > current && m.version <= target)
    {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(migration.sql)?;
        if let Some(then) = migration.then {
            then(&tx)?;
        }
        tx.pragma_update(None, "user_version", migration.version)?;
        tx.commit()?;
        vacuum |= migration.vacuum && current > 0;
    }
    if vacuum {
        conn.execute_batch("VACUUM")?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod test_support;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_strictly_increasing() {
        for pair in MIGRATIONS.windows(2) {
            assert!(pair[0].version < pair[1].version);
        }
        assert_eq!(MIGRATIONS[0].version, 1);
    }

    #[test]
    fn migration_15_gives_each_answer_version_1_and_runs_again_on_a_vault_brought_back() {
        let mut conn = Connection::open_in_memory().expect("memory");
        migrate_to(&mut conn, 13).expect("schema 13");
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO answers (assessment_id, question_id, value, updated_by, updated_at)
             VALUES ('a', 'q', '\"x\"', 'Ann', '2026-01-01T00:00:00.000Z');",
        )
        .expect("an answer of schema 13");
        migrate(&mut conn).expect("migrate");
        let version: i64 = conn
            .query_row("SELECT row_version FROM answers", [], |row| row.get(0))
            .expect("version");
        assert_eq!(version, 1);
        conn.pragma_update(None, "user_version", 14)
            .expect("back to 14");
        migrate(&mut conn).expect("the column already there is kept");
        assert_eq!(current_version(&conn).expect("version"), SCHEMA_VERSION);
    }

    #[test]
    fn migration_10_lets_a_transfer_assessment_and_report_in_and_keeps_other_kinds_out() {
        let mut conn = Connection::open_in_memory().expect("memory");
        migrate(&mut conn).expect("migrate");
        let definition: String = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'assessments'",
                [],
                |row| row.get(0),
            )
            .expect("schema");
        assert!(definition.contains("'pia', 'transfer'"), "{definition}");
        let insert = |kind: &str| {
            conn.execute(
                "INSERT INTO assessments (id, kind, template_id, template_version, \
                 template_sha256, title, created_by, created_at, updated_at) \
                 VALUES (?1, ?2, 't', '1', 'h', 'T', 'me', 'now', 'now')",
                rusqlite::params![format!("id-{kind}"), kind],
            )
        };
        insert("transfer").expect("a transfer assessment is accepted");
        assert!(insert("other").is_err(), "an unknown kind is still refused");
    }
}
