//! The team database's schema: `init` creates it in an empty database, `upgrade` brings it to
//! this build's version, both in one transaction, so a failure leaves the database as it was.
//! The SQL is in `crates/team/sql/` (embedded), applied in order; `dpodesk.schema_version`
//! holds the newest applied. A database of a newer schema than this build knows is read by
//! nothing here that writes: [`ensure_writable`] refuses it with [`Error::SchemaTooNew`].
//!
//! Everything of DPO Desk lives in the schema `dpodesk`; the group roles are named after the
//! database (`prefix`), because roles are shared by every database of a cluster.

use postgres::{Client, GenericClient};

use crate::error::{Error, Result, sql_error};

struct Migration {
    version: i32,
    sql: &'static str,
}

const BOOTSTRAP: &str = include_str!("../../sql/bootstrap.sql");

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("../../sql/0001_tables.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("../../sql/0002_access.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("../../sql/0003_rules.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("../../sql/0004_search.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("../../sql/0005_units.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("../../sql/0006_finding_docs.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("../../sql/0007_summaries.sql"),
    },
    Migration {
        version: 8,
        sql: include_str!("../../sql/0008_comments.sql"),
    },
    Migration {
        version: 9,
        sql: include_str!("../../sql/0009_bundles.sql"),
    },
    Migration {
        version: 10,
        sql: include_str!("../../sql/0010_audit_erasure.sql"),
    },
    Migration {
        version: 11,
        sql: include_str!("../../sql/0011_search_speed.sql"),
    },
    Migration {
        version: 12,
        sql: include_str!("../../sql/0012_display_names.sql"),
    },
    Migration {
        version: 13,
        sql: include_str!("../../sql/0013_search_findings_first.sql"),
    },
    Migration {
        version: 14,
        sql: include_str!("../../sql/0014_search_static_plans.sql"),
    },
    Migration {
        version: 15,
        sql: include_str!("../../sql/0015_two_character_answers.sql"),
    },
    Migration {
        version: 16,
        sql: include_str!("../../sql/0016_chain_head_index.sql"),
    },
];

/// The newest schema this build knows.
pub const SCHEMA_VERSION: i32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// The longest prefix: `<prefix>_reviewer` must stay well inside PostgreSQL's 63-byte names.
const MAX_PREFIX: usize = 40;

/// What `init` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    pub prefix: String,
    pub version: i32,
}

/// What `upgrade` did: `from == to` when there was nothing to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Upgraded {
    pub from: i32,
    pub to: i32,
}

/// The role prefix of a database: its name, when that is a plain lower-case identifier (a
/// letter, then letters, digits or `_`, at most 40). Any other name is refused rather than
/// folded, since folding could give two databases one prefix.
pub fn prefix_for(dbname: &str) -> Result<String> {
    let mut chars = dbname.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if first_ok && rest_ok && dbname.len() <= MAX_PREFIX {
        Ok(dbname.to_owned())
    } else {
        Err(Error::BadDatabaseName {
            name: dbname.to_owned(),
        })
    }
}

/// Creates the schema, the group roles and every rule in the connected (empty) database, as a
/// role that may create roles (the firm's DBA). One transaction: all of it or nothing.
pub fn init(client: &mut Client) -> Result<Installed> {
    init_to(client, SCHEMA_VERSION)
}

/// [`init`] stopping at schema `target` (tests build an older database with it).
fn init_to(client: &mut Client, target: i32) -> Result<Installed> {
    let dbname: String = client
        .query_one("SELECT current_database()::text", &[])
        .map_err(sql_error)?
        .get(0);
    let prefix = prefix_for(&dbname)?;
    // The audit hashes and search work on UTF-8 text; another encoding would change both.
    let encoding: String = client
        .query_one(
            "SELECT pg_encoding_to_char(encoding)::text FROM pg_database \
             WHERE datname = current_database()",
            &[],
        )
        .map_err(sql_error)?
        .get(0);
    if encoding != "UTF8" {
        return Err(Error::NotUtf8 { dbname, encoding });
    }
    if found_version(client)?.is_some() {
        return Err(Error::AlreadyInitialised { dbname });
    }
    let mut tx = client.transaction().map_err(sql_error)?;
    tx.batch_execute(BOOTSTRAP).map_err(sql_error)?;
    tx.execute("INSERT INTO dpodesk.team (prefix) VALUES ($1)", &[&prefix])
        .map_err(sql_error)?;
    tx.execute(
        "INSERT INTO dpodesk.schema_version (version) VALUES (0)",
        &[],
    )
    .map_err(sql_error)?;
    let version = apply(&mut tx, 0, target)?;
    tx.commit().map_err(sql_error)?;
    Ok(Installed { prefix, version })
}

/// Applies the migrations this build has and the database lacks, as the schema's owner.
pub fn upgrade(client: &mut Client) -> Result<Upgraded> {
    if found_version(client)?.is_none() {
        return Err(not_initialised(client)?);
    }
    let mut tx = client.transaction().map_err(sql_error)?;
    // The row lock makes a second upgrade running at the same time wait, then find nothing to do.
    let from: i32 = match tx
        .query_opt("SELECT version FROM dpodesk.schema_version FOR UPDATE", &[])
        .map_err(sql_error)?
    {
        Some(row) => row.get(0),
        None => return Err(not_initialised(&mut tx)?),
    };
    refuse_newer(from)?;
    let to = apply(&mut tx, from, SCHEMA_VERSION)?;
    tx.commit().map_err(sql_error)?;
    Ok(Upgraded { from, to })
}

/// The database's schema version; `None` when DPO Desk was never set up in it.
pub fn found_version(client: &mut impl GenericClient) -> Result<Option<i32>> {
    let present: bool = client
        .query_one(
            "SELECT to_regclass('dpodesk.schema_version') IS NOT NULL",
            &[],
        )
        .map_err(sql_error)?
        .get(0);
    if !present {
        return Ok(None);
    }
    let row = client
        .query_one("SELECT version FROM dpodesk.schema_version", &[])
        .map_err(sql_error)?;
    Ok(Some(row.get(0)))
}

/// Whether this build may write to the database: its schema must be set up and not newer than
/// [`SCHEMA_VERSION`] (an older one asks for `team upgrade`). Returns the version found.
pub fn ensure_writable(client: &mut impl GenericClient) -> Result<i32> {
    let found = match found_version(client)? {
        Some(found) => found,
        None => return Err(not_initialised(client)?),
    };
    refuse_newer(found)?;
    if found < SCHEMA_VERSION {
        return Err(Error::SchemaTooOld {
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

fn refuse_newer(found: i32) -> Result<()> {
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn not_initialised(client: &mut impl GenericClient) -> Result<Error> {
    let dbname: String = client
        .query_one("SELECT current_database()::text", &[])
        .map_err(sql_error)?
        .get(0);
    Ok(Error::NotInitialised { dbname })
}

/// Runs every migration above `from` up to `target` inside the caller's transaction; returns the
/// new version.
fn apply(tx: &mut postgres::Transaction<'_>, from: i32, target: i32) -> Result<i32> {
    let mut version = from;
    for migration in MIGRATIONS
        .iter()
        .filter(|m| m.version > from && m.version <= target)
    {
        tx.batch_execute(migration.sql).map_err(sql_error)?;
        version = migration.version;
    }
    tx.execute(
        "UPDATE dpodesk.schema_version SET version = $1, upgraded_at = now()",
        &[&version],
    )
    .map_err(sql_error)?;
    Ok(version)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod access_tests;
#[cfg(test)]
mod rules_tests;
