//! A matter coming in from a bundle, inside the importing member's unit of work: each row
//! inserted as he would insert it (his role, row-level security, the row-version and editor
//! triggers), or found already here; then where it came from (`bundle_imports`, `bundle_audit`)
//! and, through `dpodesk.import_bundle()` (`sql/0009_bundles.sql`), its sign-offs and comments
//! with their own signatories and authors, the import entry and the bundle's audit entries with
//! their own actors in the client's chain.

use postgres::Transaction;
use postgres::error::SqlState;
use postgres::types::ToSql;

use super::matter::{Cell, Column, EntryRecord, Kind, quoted};
use crate::error::{Error, Result, sql_error};

/// What a row of a bundle found here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Nothing with its key: the caller may insert it.
    Nothing,
    /// The same row.
    Same,
    /// A row with its key and other content: nothing may be written.
    Different,
}

/// Compares a bundle's row (`columns` of `table`, a blob's `content` left out) with the row of
/// the same key the member sees here.
pub fn find_row(
    tx: &mut Transaction<'_>,
    table: &str,
    key: &[&str],
    columns: &[Column],
    row: &[Cell],
) -> Result<Found> {
    let key_values = key_values(key, columns, row)?;
    let list = columns
        .iter()
        .map(|c| quoted(&c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let condition = key
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{} = ${}", quoted(k), i + 1))
        .collect::<Vec<_>>()
        .join(" AND ");
    let params: Vec<&(dyn ToSql + Sync)> = key_values
        .iter()
        .map(|v| v as &(dyn ToSql + Sync))
        .collect();
    let found = tx
        .query_opt(
            &format!(
                "SELECT {list} FROM dpodesk.{} WHERE {condition}",
                quoted(table)
            ),
            &params,
        )
        .map_err(sql_error)?;
    let Some(found) = found else {
        return Ok(Found::Nothing);
    };
    for (i, column) in columns.iter().enumerate() {
        let here = super::matter::cell_of(&found, i, column.kind)?;
        if !same(&here, &row[i]) {
            return Ok(Found::Different);
        }
    }
    Ok(Found::Same)
}

/// A flag travels as 0/1 and a count as an integer: equal when the values are.
fn same(here: &Cell, bundle: &Cell) -> bool {
    match (here, bundle) {
        (Cell::Int(a), Cell::Real(b)) | (Cell::Real(b), Cell::Int(a)) => (*a as f64) == *b,
        _ => here == bundle,
    }
}

fn key_values(key: &[&str], columns: &[Column], row: &[Cell]) -> Result<Vec<String>> {
    key.iter()
        .map(|k| {
            let i = columns.iter().position(|c| c.name == *k);
            match i.map(|i| &row[i]) {
                Some(Cell::Text(t)) => Ok(t.clone()),
                Some(Cell::Int(n)) => Ok(n.to_string()),
                _ => Err(Error::Database {
                    detail: format!("a row without its key {k}"),
                }),
            }
        })
        .collect()
}

/// Inserts a bundle's row (`columns` may end with a blob's `content`). A row with its key that
/// the member cannot see (under a client not granted to him) is refused as
/// [`Error::HiddenRow`].
pub fn insert_row(
    tx: &mut Transaction<'_>,
    table: &str,
    key: &[&str],
    columns: &[Column],
    row: &[Cell],
) -> Result<()> {
    let values = columns
        .iter()
        .zip(row)
        .map(|(column, cell)| param(table, column, cell))
        .collect::<Result<Vec<_>>>()?;
    let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| &**v).collect();
    let list = columns
        .iter()
        .map(|c| quoted(&c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let slots = (1..=columns.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    // No RETURNING: a new client is granted to its importer by a trigger after the policy check.
    let inserted = tx.execute(
        &format!(
            "INSERT INTO dpodesk.{} ({list}) VALUES ({slots})",
            quoted(table)
        ),
        &params,
    );
    match inserted {
        Ok(_) => Ok(()),
        Err(error) if error.code() == Some(&SqlState::UNIQUE_VIOLATION) => Err(Error::HiddenRow {
            table: table.to_owned(),
            id: key_values(key, columns, row)?.join("/"),
        }),
        Err(error) => Err(sql_error(error)),
    }
}

/// One cell as the parameter of its column's type.
fn param(table: &str, column: &Column, cell: &Cell) -> Result<Box<dyn ToSql + Sync>> {
    let value: Option<Box<dyn ToSql + Sync>> = match (column.kind, cell) {
        (Kind::Text, Cell::Null) => Some(Box::new(None::<String>)),
        (Kind::Text, Cell::Text(t)) => Some(Box::new(t.clone())),
        (Kind::BigInt, Cell::Null) => Some(Box::new(None::<i64>)),
        (Kind::BigInt, Cell::Int(n)) => Some(Box::new(*n)),
        (Kind::Int, Cell::Null) => Some(Box::new(None::<i32>)),
        (Kind::Int, Cell::Int(n)) => i32::try_from(*n)
            .ok()
            .map(|n| Box::new(n) as Box<dyn ToSql + Sync>),
        (Kind::Bool, Cell::Null) => Some(Box::new(None::<bool>)),
        (Kind::Bool, Cell::Int(n @ (0 | 1))) => Some(Box::new(*n == 1)),
        (Kind::Bytes, Cell::Null) => Some(Box::new(None::<Vec<u8>>)),
        (Kind::Bytes, Cell::Bytes(b)) => Some(Box::new(b.clone())),
        _ => None,
    };
    value.ok_or_else(|| Error::Database {
        detail: format!(
            "{table}.{}: a value of another type than the column's",
            column.name
        ),
    })
}

/// A bundle's row as the JSON object `dpodesk.import_bundle()` inserts (column → value).
pub fn row_json(table: &str, columns: &[Column], row: &[Cell]) -> Result<serde_json::Value> {
    let mut object = serde_json::Map::new();
    for (column, cell) in columns.iter().zip(row) {
        let value = match (column.kind, cell) {
            (_, Cell::Null) => serde_json::Value::Null,
            (Kind::Text, Cell::Text(t)) => t.clone().into(),
            (Kind::BigInt | Kind::Int, Cell::Int(n)) => (*n).into(),
            (Kind::Bool, Cell::Int(n @ (0 | 1))) => (*n == 1).into(),
            _ => {
                return Err(Error::Database {
                    detail: format!(
                        "{table}.{}: a value of another type than the column's",
                        column.name
                    ),
                });
            }
        };
        object.insert(column.name.clone(), value);
    }
    Ok(object.into())
}

/// Whether a bundle of this id was imported here before (of a client the member sees).
pub fn bundle_recorded(tx: &mut Transaction<'_>, bundle_id: &str) -> Result<bool> {
    Ok(tx
        .query_opt(
            "SELECT 1 FROM dpodesk.bundle_imports WHERE id = $1",
            &[&bundle_id],
        )
        .map_err(sql_error)?
        .is_some())
}

/// Checks every deferrable reference at COMMIT: a matter's rows refer to each other in every
/// direction (versions, links).
pub fn defer_references(tx: &mut Transaction<'_>) -> Result<()> {
    tx.batch_execute("SET CONSTRAINTS ALL DEFERRED")
        .map_err(sql_error)
}

/// Where an imported matter came from (the columns of `bundle_imports`; the importer is the
/// session's member).
#[derive(Debug, Clone, Copy)]
pub struct Provenance<'a> {
    pub bundle_id: &'a str,
    pub client_id: &'a str,
    pub exported_by: &'a str,
    pub exported_at: &'a str,
    pub source_head_hash: &'a str,
    pub source_count: i64,
    pub head_hash: &'a str,
    pub count: i64,
    pub imported_at: &'a str,
}

/// Records the import and the bundle's audit entries as the exporting store wrote them.
pub fn record_provenance(
    tx: &mut Transaction<'_>,
    from: &Provenance<'_>,
    entries: &[EntryRecord],
) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.bundle_imports (id, client_id, exported_by, exported_at,
             source_head_hash, source_count, head_hash, count, imported_by, imported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, session_user, $9)",
        &[
            &from.bundle_id,
            &from.client_id,
            &from.exported_by,
            &from.exported_at,
            &from.source_head_hash,
            &from.source_count,
            &from.head_hash,
            &from.count,
            &from.imported_at,
        ],
    )
    .map_err(sql_error)?;
    let insert = tx
        .prepare(
            "INSERT INTO dpodesk.bundle_audit (import_id, position, id, at, actor, action,
                 entity_type, entity_id, summary, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .map_err(sql_error)?;
    for (i, e) in entries.iter().enumerate() {
        let position = i64::try_from(i + 1).unwrap_or(i64::MAX);
        tx.execute(
            &insert,
            &[
                &from.bundle_id,
                &position,
                &e.id,
                &e.at,
                &e.actor,
                &e.action,
                &e.entity_type,
                &e.entity_id,
                &e.summary,
                &e.prev_hash,
                &e.hash,
            ],
        )
        .map_err(sql_error)?;
    }
    Ok(())
}

/// The id of an entry of `bundle_id`'s audit entries that the member sees here already with
/// other content (the import must then be refused), if any.
pub fn differing_entry(tx: &mut Transaction<'_>, bundle_id: &str) -> Result<Option<String>> {
    let row = tx
        .query_opt(
            "SELECT b.id FROM dpodesk.bundle_audit AS b
               JOIN dpodesk.audit_log AS l ON l.id = b.id
              WHERE b.import_id = $1
                AND (l.actor, l.at, l.action, l.entity_type, l.entity_id, l.summary)
                    IS DISTINCT FROM (b.actor, b.at, b.action, b.entity_type, b.entity_id, b.summary)
              ORDER BY b.position LIMIT 1",
            &[&bundle_id],
        )
        .map_err(sql_error)?;
    Ok(row.map(|row| row.get(0)))
}

/// What completes an import after its rows and provenance: its sign-offs and comments (JSON
/// objects from [`row_json`]), the import entry (`entry_id`, `summary`; the member its actor),
/// then the bundle's entries with their own actors. Returns how many entries were appended
/// after the import entry (those already here are not appended twice).
pub fn complete_import(
    tx: &mut Transaction<'_>,
    bundle_id: &str,
    entry_id: &str,
    summary: &str,
    signoffs: &[serde_json::Value],
    comments: &[serde_json::Value],
) -> Result<i64> {
    let signoffs = serde_json::Value::from(signoffs.to_vec());
    let comments = serde_json::Value::from(comments.to_vec());
    let row = tx.query_one(
        "SELECT dpodesk.import_bundle($1, $2, $3, $4::text::jsonb, $5::text::jsonb)",
        &[
            &bundle_id,
            &entry_id,
            &summary,
            &signoffs.to_string(),
            &comments.to_string(),
        ],
    );
    match row {
        Ok(row) => Ok(row.get(0)),
        Err(error) if error.code().map(SqlState::code) == Some("DP009") => {
            let id = error
                .as_db_error()
                .and_then(|db| db.detail())
                .unwrap_or_default()
                .to_owned();
            Err(Error::HiddenRow {
                table: "audit_log".to_owned(),
                id,
            })
        }
        Err(error) => Err(sql_error(error)),
    }
}

/// Stores a template snapshot an older bundle carried inline; `false` when it was here.
pub fn add_snapshot(tx: &mut Transaction<'_>, snapshot: &super::Snapshot<'_>) -> Result<bool> {
    let added = tx
        .execute(
            "INSERT INTO dpodesk.template_snapshots (sha256, template_id, template_version, size, content)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
            &[
                &snapshot.sha256,
                &snapshot.template_id,
                &snapshot.template_version,
                &snapshot.size,
                &snapshot.content,
            ],
        )
        .map_err(sql_error)?;
    Ok(added == 1)
}
