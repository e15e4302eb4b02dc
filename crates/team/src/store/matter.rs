//! One client's matter read out of the team database in the vault's form, for a bundle: the same
//! tables, scopes and columns as core's `vault::bundle_store`, so a matter moves between a vault
//! and the team database without mapping. The columns team mode adds ([`TEAM_ONLY`]) stay here:
//! a vault would not know them. Row-level security bounds what the member reads; core runs the
//! reads inside one repeatable-read transaction ([`begin_snapshot`]) so rows, files and audit
//! entries are one picture.

use std::collections::BTreeSet;

use postgres::GenericClient;

use crate::error::{Error, Result, sql_error};

/// The columns of the matter tables that team mode adds to the vault's (`docs/team-mode.md`):
/// never exported, never accepted from a bundle.
pub const TEAM_ONLY: &[&str] = &[
    "row_version",
    "changed_by",
    "changed_at",
    "signer",
    "search_text",
];

/// A cell in the vault's form: flags and counts as integers, files as bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
}

/// A column of a matter table as stored here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
}

/// The storage types the matter tables use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    BigInt,
    Int,
    Bool,
    Bytes,
}

/// What a scope's parameters are.
#[derive(Clone, Copy)]
enum Params {
    /// `$1` the client id.
    Client,
    /// `$1` the matter's assessment ids.
    Ids,
    /// `$1` the client id, `$2` the assessment ids.
    Both,
}

/// Which rows of a table make up the matter, as the vault's `bundle_store::TABLES` say.
fn scope(table: &str) -> Option<(&'static str, Params)> {
    Some(match table {
        "clients" => ("id = $1", Params::Client),
        "data_sources" | "vendors" => ("client_id = $1", Params::Client),
        "template_snapshots" => (
            "sha256 IN (SELECT template_sha256 FROM dpodesk.assessments WHERE id = ANY($1))",
            Params::Ids,
        ),
        "assessments" => ("id = ANY($1)", Params::Ids),
        "assessment_links" | "answers" | "signoffs" | "comments" | "cnil_records" | "evidence" => {
            ("assessment_id = ANY($1)", Params::Ids)
        }
        "actions" | "reports" => ("client_id = $1 OR assessment_id = ANY($2)", Params::Both),
        _ => return None,
    })
}

fn unknown_table(table: &str) -> Error {
    Error::Database {
        detail: format!("{table} is not a table of a matter"),
    }
}

/// The columns of `table` a matter carries, in the table's order (team-only ones left out).
pub fn columns(session: &mut impl GenericClient, table: &str) -> Result<Vec<Column>> {
    scope(table).ok_or_else(|| unknown_table(table))?;
    let rows = session
        .query(
            "SELECT column_name::text, data_type::text FROM information_schema.columns
              WHERE table_schema = 'dpodesk' AND table_name = $1 ORDER BY ordinal_position",
            &[&table],
        )
        .map_err(sql_error)?;
    let mut columns = Vec::new();
    for row in rows {
        let name: String = row.get(0);
        if TEAM_ONLY.contains(&name.as_str()) {
            continue;
        }
        let kind = match row.get::<_, String>(1).as_str() {
            "text" => Kind::Text,
            "bigint" => Kind::BigInt,
            "integer" => Kind::Int,
            "boolean" => Kind::Bool,
            "bytea" => Kind::Bytes,
            other => {
                return Err(Error::Database {
                    detail: format!("{table}.{name} has the type {other}, which no matter uses"),
                });
            }
        };
        columns.push(Column { name, kind });
    }
    Ok(columns)
}

/// Starts the read-only, repeatable-read transaction a matter is read in; [`end_snapshot`] ends it.
pub fn begin_snapshot(session: &mut postgres::Client) -> Result<()> {
    session
        .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .map_err(sql_error)
}

pub fn end_snapshot(session: &mut postgres::Client) -> Result<()> {
    session.batch_execute("COMMIT").map_err(sql_error)
}

/// The matter's assessments: filed under the client or about its data sources and vendors, then
/// every version they were re-opened from and every assessment they link to. Returns the id of
/// one filed under another client, if any (the matter cannot travel alone).
pub fn assessments(
    session: &mut impl GenericClient,
    client_id: &str,
) -> Result<(Vec<String>, Option<String>)> {
    let mut set: BTreeSet<String> = strings(
        session,
        "SELECT id FROM dpodesk.assessments WHERE client_id = $1
             OR data_source_id IN (SELECT id FROM dpodesk.data_sources WHERE client_id = $1)
             OR vendor_id IN (SELECT id FROM dpodesk.vendors WHERE client_id = $1)",
        &[&client_id],
    )?
    .into_iter()
    .collect();
    loop {
        let ids: Vec<String> = set.iter().cloned().collect();
        let grown = strings(
            session,
            "SELECT previous_id FROM dpodesk.assessments
              WHERE id = ANY($1) AND previous_id IS NOT NULL
             UNION SELECT linked_id FROM dpodesk.assessment_links WHERE assessment_id = ANY($1)",
            &[&ids],
        )?;
        let before = set.len();
        set.extend(grown);
        if set.len() == before {
            break;
        }
    }
    let ids: Vec<String> = set.into_iter().collect();
    let foreign = session
        .query_opt(
            "SELECT id FROM dpodesk.assessments WHERE id = ANY($2) AND (
                 (client_id IS NOT NULL AND client_id <> $1)
                 OR (data_source_id IS NOT NULL AND data_source_id NOT IN
                     (SELECT id FROM dpodesk.data_sources WHERE client_id = $1))
                 OR (vendor_id IS NOT NULL AND vendor_id NOT IN
                     (SELECT id FROM dpodesk.vendors WHERE client_id = $1)))
             ORDER BY id COLLATE \"C\" LIMIT 1",
            &[&client_id, &ids],
        )
        .map_err(sql_error)?
        .map(|row| row.get(0));
    Ok((ids, foreign))
}

fn strings(
    session: &mut impl GenericClient,
    sql: &str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
) -> Result<Vec<String>> {
    let rows = session.query(sql, params).map_err(sql_error)?;
    Ok(rows.iter().map(|row| row.get(0)).collect())
}

/// The matter's rows of `table` (`columns` as [`columns`] gives them, minus any the caller
/// leaves out), ordered by `key`.
pub fn rows(
    session: &mut impl GenericClient,
    table: &str,
    columns: &[Column],
    key: &[&str],
    client_id: &str,
    assessments: &[String],
) -> Result<Vec<Vec<Cell>>> {
    let (scope, uses) = scope(table).ok_or_else(|| unknown_table(table))?;
    let list = columns
        .iter()
        .map(|c| quoted(&c.name))
        .collect::<Vec<_>>()
        .join(", ");
    // Byte order, as the vault's keys sort.
    let order = key
        .iter()
        .map(|k| format!("{} COLLATE \"C\"", quoted(k)))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {list} FROM dpodesk.{} WHERE {scope} ORDER BY {order}",
        quoted(table)
    );
    let params: Vec<&(dyn postgres::types::ToSql + Sync)> = match uses {
        Params::Client => vec![&client_id],
        Params::Ids => vec![&assessments],
        Params::Both => vec![&client_id, &assessments],
    };
    let found = session.query(&sql, &params).map_err(sql_error)?;
    found
        .iter()
        .map(|row| {
            columns
                .iter()
                .enumerate()
                .map(|(i, column)| cell_of(row, i, column.kind))
                .collect()
        })
        .collect()
}

/// Column `i` of `row`, stored as `kind`, in the vault's form.
pub(crate) fn cell_of(row: &postgres::Row, i: usize, kind: Kind) -> Result<Cell> {
    let got = match kind {
        Kind::Text => row
            .try_get::<_, Option<String>>(i)
            .map(|v| v.map(Cell::Text)),
        Kind::BigInt => row.try_get::<_, Option<i64>>(i).map(|v| v.map(Cell::Int)),
        Kind::Int => row
            .try_get::<_, Option<i32>>(i)
            .map(|v| v.map(|n| Cell::Int(n.into()))),
        Kind::Bool => row
            .try_get::<_, Option<bool>>(i)
            .map(|v| v.map(|b| Cell::Int(i64::from(b)))),
        Kind::Bytes => row
            .try_get::<_, Option<Vec<u8>>>(i)
            .map(|v| v.map(Cell::Bytes)),
    };
    got.map(|v| v.unwrap_or(Cell::Null))
        .map_err(|e| Error::Database {
            detail: e.to_string(),
        })
}

/// A name for SQL text: only ever one of the matter tables' own.
pub(crate) fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// One audit entry of the matter as stored (the hash of its own chain here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRecord {
    pub id: String,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub summary: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The matter's audit entries the member sees — about its client, data sources, vendors,
/// assessments, actions and reports, as the vault picks them — in the order they were written.
pub fn audit_entries(
    session: &mut impl GenericClient,
    client_id: &str,
    assessments: &[String],
) -> Result<Vec<EntryRecord>> {
    let rows = session
        .query(
            "SELECT id, at, actor, action, entity_type, entity_id, summary, prev_hash, hash
               FROM dpodesk.audit_log
              WHERE (entity_type = 'client' AND entity_id = $1)
                 OR (entity_type = 'data_source' AND entity_id IN
                     (SELECT id FROM dpodesk.data_sources WHERE client_id = $1))
                 OR (entity_type = 'vendor' AND entity_id IN
                     (SELECT id FROM dpodesk.vendors WHERE client_id = $1))
                 OR (entity_type = 'assessment' AND entity_id = ANY($2))
                 OR (entity_type = 'action' AND entity_id IN
                     (SELECT id FROM dpodesk.actions
                       WHERE client_id = $1 OR assessment_id = ANY($2)))
                 OR (entity_type = 'report' AND entity_id IN
                     (SELECT id FROM dpodesk.reports
                       WHERE client_id = $1 OR assessment_id = ANY($2)))
              ORDER BY seq",
            &[&client_id, &assessments],
        )
        .map_err(sql_error)?;
    Ok(rows
        .iter()
        .map(|row| EntryRecord {
            id: row.get(0),
            at: row.get(1),
            actor: row.get(2),
            action: row.get(3),
            entity_type: row.get(4),
            entity_id: row.get(5),
            summary: row.get(6),
            prev_hash: row.get(7),
            hash: row.get(8),
        })
        .collect())
}

/// The stored bytes of one evidence file or report, or one template snapshot's stored (deflated)
/// content; empty when the member does not see it.
pub fn blob(session: &mut impl GenericClient, table: &str, id: &str) -> Result<Vec<u8>> {
    let key = match table {
        "evidence" | "reports" => "id",
        "template_snapshots" => "sha256",
        _ => return Err(unknown_table(table)),
    };
    let row = session
        .query_opt(
            &format!(
                "SELECT content FROM dpodesk.{} WHERE {key} = $1",
                quoted(table)
            ),
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.map(|row| row.get(0)).unwrap_or_default())
}
