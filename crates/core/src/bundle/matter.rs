//! Which rows make up one client's matter, and reading them out of a vault. The tables, their keys
//! and the SQL that selects a matter's rows are fixed here; nothing from a bundle ever names a
//! table (import looks bundle tables up in [`TABLES`]).

use std::collections::BTreeSet;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use super::contents::{Entry, TableRows, to_cell};
use crate::error::{Error, Invalid, Result};
use crate::vault::matter_scope;

/// One table of a matter.
#[derive(Debug, PartialEq, Eq)]
pub struct TableSpec {
    pub name: &'static str,
    pub key: &'static [&'static str],
    /// The columns the checks rely on: the key and the references.
    pub required: &'static [&'static str],
    /// Whether each row's `content` travels as its own frame after the manifest.
    pub blob: bool,
    /// The matter's rows: a condition over `?1` (the client id) and `?2` (a JSON array of the
    /// matter's assessment ids).
    scope: &'static str,
}

const IN_MATTER: &str = "IN (SELECT value FROM json_each(?2))";

/// The matter's tables, in the order an import inserts them (referenced rows first).
pub const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "clients",
        key: &["id"],
        required: &["id"],
        blob: false,
        scope: "id = ?1",
    },
    TableSpec {
        name: "data_sources",
        key: &["id"],
        required: &["id", "client_id"],
        blob: false,
        scope: "client_id = ?1",
    },
    TableSpec {
        name: "vendors",
        key: &["id"],
        required: &["id", "client_id"],
        blob: false,
        scope: "client_id = ?1",
    },
    TableSpec {
        name: "assessments",
        key: &["id"],
        required: &[
            "id",
            "client_id",
            "data_source_id",
            "vendor_id",
            "previous_id",
        ],
        blob: false,
        scope: "id IN (SELECT value FROM json_each(?2))",
    },
    TableSpec {
        name: "assessment_links",
        key: &["assessment_id", "linked_id"],
        required: &["assessment_id", "linked_id"],
        blob: false,
        scope: "assessment_id IN (SELECT value FROM json_each(?2))",
    },
    TableSpec {
        name: "answers",
        key: &["assessment_id", "question_id"],
        required: &["assessment_id", "question_id"],
        blob: false,
        scope: "assessment_id IN (SELECT value FROM json_each(?2))",
    },
    TableSpec {
        name: "signoffs",
        key: &["id"],
        required: &["id", "assessment_id"],
        blob: false,
        scope: "assessment_id IN (SELECT value FROM json_each(?2))",
    },
    TableSpec {
        name: "actions",
        key: &["id"],
        required: &["id", "client_id", "assessment_id"],
        blob: false,
        scope: "client_id = ?1 OR assessment_id IN (SELECT value FROM json_each(?2))",
    },
    TableSpec {
        name: "evidence",
        key: &["id"],
        required: &["id", "assessment_id", "sha256", "size"],
        blob: true,
        scope: "assessment_id IN (SELECT value FROM json_each(?2))",
    },
    TableSpec {
        name: "reports",
        key: &["id"],
        required: &["id", "client_id", "assessment_id", "sha256"],
        blob: true,
        scope: "client_id = ?1 OR assessment_id IN (SELECT value FROM json_each(?2))",
    },
];

/// A name for SQL text: only ever a name from [`TABLES`] or from the vault's own schema.
pub fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The columns a table has in this vault, in schema order.
pub fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let names = stmt
        .query_map([table], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// A matter read out of a vault: its rows (without evidence and report bytes) and its audit
/// entries in the vault's order.
#[derive(Debug)]
pub struct Collected {
    pub tables: Vec<TableRows>,
    pub audit: Vec<Entry>,
    /// (table, id) of each blob to stream after the manifest, in order.
    pub blobs: Vec<(&'static str, String)>,
}

/// Reads the whole matter of `client_id`. Run it inside one read transaction, so the rows, the
/// blobs and the audit entries are one consistent picture.
pub fn collect(conn: &Connection, client_id: &str) -> Result<Collected> {
    let assessments = matter_assessments(conn, client_id)?;
    let assessments_json = serde_json::to_string(&assessments).unwrap_or_else(|_| "[]".to_owned());
    let mut tables = Vec::new();
    let mut blobs = Vec::new();
    for spec in TABLES {
        let columns: Vec<String> = columns(conn, spec.name)?
            .into_iter()
            .filter(|c| !(spec.blob && c == "content"))
            .collect();
        let list = columns
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", ");
        let order = spec
            .key
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {list} FROM {} WHERE {} ORDER BY {order}",
            quoted(spec.name),
            spec.scope
        );
        let rows = select(conn, &sql, client_id, &assessments_json, columns.len())?;
        if spec.blob {
            let id = columns.iter().position(|c| c == "id");
            for row in &rows {
                if let Some(serde_json::Value::String(value)) = id.map(|i| &row[i]) {
                    blobs.push((spec.name, value.clone()));
                }
            }
        }
        tables.push(TableRows {
            name: spec.name.to_owned(),
            columns,
            rows,
        });
    }
    let audit = audit_entries(conn, client_id, &assessments_json)?;
    Ok(Collected {
        tables,
        audit,
        blobs,
    })
}

fn select(
    conn: &Connection,
    sql: &str,
    client_id: &str,
    assessments: &str,
    width: usize,
) -> Result<Vec<Vec<serde_json::Value>>> {
    let mut stmt = conn.prepare(sql)?;
    // A scope uses ?1, ?2 or both; bind what the statement has.
    let params = [client_id, assessments];
    for (i, value) in params.iter().enumerate().take(stmt.parameter_count()) {
        stmt.raw_bind_parameter(i + 1, value)?;
    }
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut cells = Vec::with_capacity(width);
        for i in 0..width {
            cells.push(to_cell(row.get::<_, Value>(i)?));
        }
        out.push(cells);
    }
    Ok(out)
}

/// The client's assessments (filed under it, or about its data sources and vendors), plus every
/// assessment they were re-opened from or link to. One of those filed under another client makes
/// the matter impossible to carry alone.
fn matter_assessments(conn: &Connection, client_id: &str) -> Result<BTreeSet<String>> {
    let set = matter_scope::assessment_closure(
        conn,
        client_id,
        &format!(
            "SELECT previous_id FROM assessments WHERE id {IN_MATTER_1} AND previous_id IS NOT NULL
             UNION SELECT linked_id FROM assessment_links WHERE assessment_id {IN_MATTER_1}",
            IN_MATTER_1 = IN_MATTER.replace("?2", "?1")
        ),
    )?;
    let json = matter_scope::ids_json(&set);
    let foreign: Option<String> = conn
        .query_row(
            &format!(
                "SELECT id FROM assessments WHERE id {IN_MATTER} AND (
                     (client_id IS NOT NULL AND client_id <> ?1)
                     -- IS NOT NULL first: NULL NOT IN (an empty list) is true in SQL.
                     OR (data_source_id IS NOT NULL
                         AND data_source_id NOT IN (SELECT id FROM data_sources WHERE client_id = ?1))
                     OR (vendor_id IS NOT NULL
                         AND vendor_id NOT IN (SELECT id FROM vendors WHERE client_id = ?1)))
                 ORDER BY id LIMIT 1"
            ),
            [client_id, json.as_str()],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = foreign {
        return Err(Error::InvalidInput {
            field: "link",
            reason: Invalid::OtherClient { id },
        });
    }
    Ok(set)
}

/// The matter's audit entries: those about its client, data sources, vendors, assessments,
/// actions and reports, in the vault's order.
fn audit_entries(conn: &Connection, client_id: &str, assessments: &str) -> Result<Vec<Entry>> {
    let action_scope = scope_of("actions");
    let report_scope = scope_of("reports");
    let mut stmt = conn.prepare(&format!(
        "SELECT id, at, actor, action, entity_type, entity_id, summary, prev_hash, hash
         FROM audit_log
         WHERE (entity_type = 'client' AND entity_id = ?1)
            OR (entity_type = 'data_source' AND entity_id IN (SELECT id FROM data_sources WHERE client_id = ?1))
            OR (entity_type = 'vendor' AND entity_id IN (SELECT id FROM vendors WHERE client_id = ?1))
            OR (entity_type = 'assessment' AND entity_id {IN_MATTER})
            OR (entity_type = 'action' AND entity_id IN (SELECT id FROM actions WHERE {action_scope}))
            OR (entity_type = 'report' AND entity_id IN (SELECT id FROM reports WHERE {report_scope}))
         ORDER BY seq"
    ))?;
    let rows = stmt.query_map([client_id, assessments], |row| {
        Ok(Entry {
            id: row.get(0)?,
            at: row.get(1)?,
            actor: row.get(2)?,
            action: row.get(3)?,
            entity_type: row.get(4)?,
            entity_id: row.get(5)?,
            summary: row.get(6)?,
            prev_hash: row.get(7)?,
            hash: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn scope_of(table: &str) -> &'static str {
    TABLES
        .iter()
        .find(|spec| spec.name == table)
        .map_or("0", |spec| spec.scope)
}
