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
        then: Some(super::audit::convert_to_digests),
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
        version: 12,
        sql: include_str!("../../migrations/0012_action_titles.sql"),
        then: None,
    },
];

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
mod tests {
    use super::*;

    #[test]
    fn versions_are_strictly_increasing() {
        for pair in MIGRATIONS.windows(2) {
            assert!(pair[0].version < pair[1].version);
        }
        assert_eq!(MIGRATIONS[0].version, 1);
    }
}
