//! The store's half of bundles: which rows make up one client's matter, reading them out of a
//! vault, and writing an imported matter's rows and provenance. The tables, their keys and every
//! SQL statement a bundle needs are fixed here; nothing from a bundle ever names a table (import
//! looks bundle tables up in [`TABLES`]). What a bundle says and the checks that make it
//! trustworthy are `bundle/`'s.

use std::collections::BTreeSet;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Transaction, params, params_from_iter};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Invalid, Result};
use crate::vault::{GENESIS_HASH, matter_scope, snapshots};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRows {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// One of the matter's audit entries as the exporting vault wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
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

/// A SQLite value as a JSON cell: null, integer, real, text; a blob as `{"hex": …}`.
pub fn to_cell(value: Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => i.into(),
        Value::Real(r) => {
            serde_json::Number::from_f64(r).map_or(serde_json::Value::Null, Into::into)
        }
        Value::Text(t) => t.into(),
        Value::Blob(b) => serde_json::json!({ "hex": hex::encode(b) }),
    }
}

/// A JSON cell as a SQLite value; `None` for anything `to_cell` never writes.
pub fn from_cell(cell: &serde_json::Value) -> Option<Value> {
    match cell {
        serde_json::Value::Null => Some(Value::Null),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .or_else(|| n.as_f64().map(Value::Real)),
        serde_json::Value::String(s) => Some(Value::Text(s.clone())),
        serde_json::Value::Object(map) if map.len() == 1 => map
            .get("hex")
            .and_then(serde_json::Value::as_str)
            .and_then(|h| hex::decode(h).ok())
            .map(Value::Blob),
        _ => None,
    }
}

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

/// The table of template snapshots, whose blob is stored deflated but travels as canonical JSON.
pub const SNAPSHOTS: &str = "template_snapshots";

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
    // Each template snapshot the matter's assessments name, once; its frame carries the
    // canonical JSON, which the import checks against the hash like any file's.
    TableSpec {
        name: SNAPSHOTS,
        key: &["sha256"],
        required: &["sha256", "size"],
        blob: true,
        scope: "sha256 IN (SELECT template_sha256 FROM assessments
                          WHERE id IN (SELECT value FROM json_each(?2)))",
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
    // Reviewers' comments travel with their versions (schema 14); a bundle from an older vault
    // has none.
    TableSpec {
        name: "comments",
        key: &["id"],
        required: &["id", "assessment_id"],
        blob: false,
        scope: "assessment_id IN (SELECT value FROM json_each(?2))",
    },
    // The CNIL file a PIA was imported from: without it a bundled CNIL PIA would lose its
    // evaluations, measures and people in the other vault.
    TableSpec {
        name: "cnil_records",
        key: &["assessment_id"],
        required: &["assessment_id"],
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
            let id = columns.iter().position(|c| c == spec.key[0]);
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
/// actions and reports, in the vault's order. Each carries the hash of the entry before it in the
/// whole log (the one its hash covers), which the log no longer stores but reads back here.
fn audit_entries(conn: &Connection, client_id: &str, assessments: &str) -> Result<Vec<Entry>> {
    let action_scope = scope_of("actions");
    let report_scope = scope_of("reports");
    let mut stmt = conn.prepare(&format!(
        "SELECT id, at, actor, action, entity_type, entity_id, summary,
                coalesce((SELECT lower(hex(p.hash)) FROM audit_log p WHERE p.seq < a.seq
                          ORDER BY p.seq DESC LIMIT 1), ?3),
                lower(hex(hash))
         FROM audit_log a
         WHERE (entity_type = 'client' AND entity_id = ?1)
            OR (entity_type = 'data_source' AND entity_id IN (SELECT id FROM data_sources WHERE client_id = ?1))
            OR (entity_type = 'vendor' AND entity_id IN (SELECT id FROM vendors WHERE client_id = ?1))
            OR (entity_type = 'assessment' AND entity_id {IN_MATTER})
            OR (entity_type = 'action' AND entity_id IN (SELECT id FROM actions WHERE {action_scope}))
            OR (entity_type = 'report' AND entity_id IN (SELECT id FROM reports WHERE {report_scope}))
         ORDER BY seq"
    ))?;
    let rows = stmt.query_map([client_id, assessments, GENESIS_HASH], |row| {
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

/// The content of one evidence file, report or template snapshot (empty when the row is gone).
pub fn blob(conn: &Connection, table: &str, id: &str) -> Result<Vec<u8>> {
    if table == SNAPSHOTS {
        return Ok(snapshots::canonical_content(conn, id)?.unwrap_or_default());
    }
    Ok(conn
        .query_row(
            &format!("SELECT content FROM {} WHERE id = ?1", quoted(table)),
            [id],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or_default())
}

/// Whether a bundle of this id was imported before.
pub fn bundle_recorded(tx: &Transaction<'_>, bundle_id: &str) -> Result<bool> {
    Ok(tx
        .query_row(
            "SELECT 1 FROM bundle_imports WHERE id = ?1",
            [bundle_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The matter's rows refer to each other in every direction (versions, links): their keys are
/// checked at commit, once all of them are in.
pub fn defer_foreign_keys(tx: &Transaction<'_>) -> Result<()> {
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    Ok(())
}

/// What [`upsert`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    Added,
    /// The row was there, equal.
    Unchanged,
    /// A row with the key was there, different: nothing was written.
    Different,
}

/// One row of a matter table to write, `row` in the order of `columns`.
#[derive(Debug, Clone, Copy)]
pub struct RowWrite<'a> {
    pub spec: &'static TableSpec,
    pub columns: &'a [String],
    pub row: &'a [Value],
    /// The row's key values, in the order of `spec.key`.
    pub key: &'a [Value],
    /// An evidence file's or report's bytes, for the `content` column.
    pub content: Option<&'a [u8]>,
}

/// Inserts a row, or finds it already there.
pub fn upsert(tx: &Transaction<'_>, write: RowWrite<'_>) -> Result<Upserted> {
    let name = quoted(write.spec.name);
    let list: Vec<String> = write.columns.iter().map(|c| quoted(c)).collect();
    let condition = write
        .spec
        .key
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{} = ?{}", quoted(k), i + 1))
        .collect::<Vec<_>>()
        .join(" AND ");
    let existing: Option<Vec<Value>> = tx
        .query_row(
            &format!("SELECT {} FROM {name} WHERE {condition}", list.join(", ")),
            params_from_iter(write.key.iter()),
            |found| (0..list.len()).map(|i| found.get::<_, Value>(i)).collect(),
        )
        .optional()?;
    match existing {
        Some(values) if values == write.row => Ok(Upserted::Unchanged),
        Some(_) => Ok(Upserted::Different),
        None => {
            let mut columns = list;
            let mut values: Vec<Value> = write.row.to_vec();
            if let Some(bytes) = write.content {
                let stored = if write.spec.name == SNAPSHOTS {
                    snapshots::encode(bytes)?
                } else {
                    bytes.to_vec()
                };
                columns.push(quoted("content"));
                values.push(Value::Blob(stored));
            }
            let slots: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            tx.execute(
                &format!(
                    "INSERT INTO {name} ({}) VALUES ({})",
                    columns.join(", "),
                    slots.join(", ")
                ),
                params_from_iter(values.iter()),
            )?;
            Ok(Upserted::Added)
        }
    }
}

/// Stores a snapshot an older bundle carried inline, or finds it already here (a snapshot is its
/// hash: the same hash is the same content).
pub fn add_snapshot(tx: &Transaction<'_>, snapshot: &snapshots::Snapshot) -> Result<Upserted> {
    let there = tx
        .query_row(
            "SELECT 1 FROM template_snapshots WHERE sha256 = ?1",
            [&snapshot.sha256],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if there {
        return Ok(Upserted::Unchanged);
    }
    snapshots::store(tx, snapshot)?;
    Ok(Upserted::Added)
}

/// Where an imported matter came from.
#[derive(Debug, Clone, Copy)]
pub struct Provenance<'a> {
    pub bundle_id: &'a str,
    pub client_id: &'a str,
    pub exported_by: &'a str,
    pub exported_at: &'a str,
    /// The exporting vault's chain head.
    pub source_head: (&'a str, u64),
    /// The bundle's own chain head.
    pub head: (&'a str, u64),
    pub imported_by: &'a str,
    pub imported_at: &'a str,
}

/// Records where the matter came from, and its audit entries as the exporting vault wrote them.
pub fn record_provenance(
    tx: &Transaction<'_>,
    from: &Provenance<'_>,
    audit: &[Entry],
) -> Result<()> {
    tx.execute(
        "INSERT INTO bundle_imports (id, client_id, exported_by, exported_at, source_head_hash,
             source_count, head_hash, count, imported_by, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            from.bundle_id,
            from.client_id,
            from.exported_by,
            from.exported_at,
            from.source_head.0,
            from.source_head.1 as i64,
            from.head.0,
            from.head.1 as i64,
            from.imported_by,
            from.imported_at
        ],
    )?;
    let mut insert = tx.prepare(
        "INSERT INTO bundle_audit (import_id, position, id, at, actor, action, entity_type,
             entity_id, summary, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, e) in audit.iter().enumerate() {
        insert.execute(params![
            from.bundle_id,
            i as i64 + 1,
            e.id,
            e.at,
            e.actor,
            e.action,
            e.entity_type,
            e.entity_id,
            e.summary,
            e.prev_hash,
            e.hash
        ])?;
    }
    Ok(())
}
