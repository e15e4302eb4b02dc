//! What a bundle says, once decrypted: the manifest (who exported which matter when, every row of
//! the matter, its audit entries and their chain head), and the checks that make it trustworthy
//! on its own — before any of it reaches a vault. Pure: no I/O, no vault.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::Damage;
use super::format::{FORMAT_VERSION, damaged};
use crate::error::Result;
pub use crate::vault::bundle_store::{Entry, TableRows};
use crate::vault::bundle_store::{SNAPSHOTS, TABLES, TableSpec, from_cell};
use crate::vault::snapshots::Snapshot;
use crate::vault::{AuditEvent, GENESIS_HASH, entry_hash, summary_entry_hash};

/// The decrypted manifest. Rows are kept as columns plus JSON cells, so that a column a later
/// schema adds travels without this format changing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    /// The exporting vault's schema version.
    pub schema: u32,
    pub bundle_id: String,
    pub exported_by: String,
    pub exported_at: String,
    pub client_id: String,
    /// The exporting vault's whole audit chain when the bundle was made.
    pub source_head: Head,
    /// The bundle's own chain over `audit`.
    pub chain: Head,
    pub tables: Vec<TableRows>,
    pub audit: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    pub count: u64,
    pub hash: String,
}

/// What an entry says, as the audit chain hashes it.
fn event(entry: &Entry) -> AuditEvent<'_> {
    AuditEvent {
        actor: &entry.actor,
        action: &entry.action,
        entity_type: &entry.entity_type,
        entity_id: &entry.entity_id,
        summary: &entry.summary,
    }
}

/// The bundle's chain over the matter's entries, re-linked from the genesis hash, so the sequence
/// verifies without the entries of other matters between them. It hashes the summaries
/// themselves (the vault's scheme 1), as every bundle has: the format stays one.
pub fn chain_head(entries: &[Entry]) -> Head {
    let mut hash = GENESIS_HASH.to_owned();
    for entry in entries {
        hash = summary_entry_hash(&hash, &entry.id, &entry.at, &event(entry));
    }
    Head {
        count: entries.len() as u64,
        hash,
    }
}

/// The rows of one table, checked and converted: columns, then rows of SQLite values.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub spec: &'static TableSpec,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    fn index(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == column)
    }

    /// A text column of each row (`None` where it is null).
    fn texts(&self, column: &str) -> Vec<Option<&str>> {
        let Some(i) = self.index(column) else {
            return vec![None; self.rows.len()];
        };
        self.rows
            .iter()
            .map(|row| match &row[i] {
                Value::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The key of each row, as text (`a/b` for a two-column key), for messages and look-ups.
    pub fn keys(&self) -> Vec<String> {
        let idx: Vec<usize> = self.spec.key.iter().filter_map(|k| self.index(k)).collect();
        self.rows
            .iter()
            .map(|row| {
                idx.iter()
                    .map(|&i| match &row[i] {
                        Value::Text(t) => t.clone(),
                        Value::Integer(n) => n.to_string(),
                        _ => String::new(),
                    })
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect()
    }

    pub fn key_values(&self, row: &[Value]) -> Vec<Value> {
        self.spec
            .key
            .iter()
            .filter_map(|k| self.index(k).map(|i| row[i].clone()))
            .collect()
    }
}

/// A manifest that passed every check, with its rows converted, in [`TABLES`] order (a table the
/// bundle has no rows for is present and empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub manifest: Manifest,
    pub tables: Vec<Table>,
    /// The snapshots a bundle of format 1 carried inside its assessment rows, once each: stored
    /// before the rows that now name them by hash.
    pub inline_snapshots: Vec<Snapshot>,
}

impl Checked {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.spec.name == name)
    }

    /// The (sha256, size if known) of each blob the stream must carry after the manifest, in order.
    pub fn expected_blobs(&self) -> Vec<(String, String, Option<u64>)> {
        let mut out = Vec::new();
        for table in self.tables.iter().filter(|t| t.spec.blob) {
            let ids = table.keys();
            let shas = table.texts("sha256");
            let sizes: Vec<Option<u64>> = match table.index("size") {
                Some(i) => table
                    .rows
                    .iter()
                    .map(|row| match row[i] {
                        Value::Integer(n) => u64::try_from(n).ok(),
                        _ => None,
                    })
                    .collect(),
                None => vec![None; table.rows.len()],
            };
            for ((id, sha), size) in ids.into_iter().zip(shas).zip(sizes) {
                out.push((id, sha.unwrap_or_default().to_owned(), size));
            }
        }
        out
    }
}

fn inconsistent(what: impl Into<String>) -> crate::Error {
    damaged(Damage::Inconsistent(what.into()))
}

/// Every check a bundle's contents must pass before an import may touch a vault: its format,
/// the shape of each table, that every row belongs to the one client's matter and refers only to
/// rows in the bundle, and the audit entries' own hashes and chain head.
pub fn check(manifest: Manifest, header_version: u16) -> Result<Checked> {
    if manifest.format != u32::from(header_version) || manifest.format > u32::from(FORMAT_VERSION) {
        return Err(inconsistent(format!(
            "manifest format {} in a version {header_version} bundle",
            manifest.format
        )));
    }
    let mut tables = Vec::new();
    for spec in TABLES {
        let mut found = manifest.tables.iter().filter(|t| t.name == spec.name);
        let table = match (found.next(), found.next()) {
            (None, _) => Table {
                spec,
                columns: spec.required.iter().map(|c| (*c).to_owned()).collect(),
                rows: Vec::new(),
            },
            (Some(rows), None) => convert(spec, rows)?,
            (Some(_), Some(_)) => return Err(inconsistent(format!("table {} twice", spec.name))),
        };
        tables.push(table);
    }
    if let Some(unknown) = manifest
        .tables
        .iter()
        .find(|t| !TABLES.iter().any(|s| s.name == t.name))
    {
        return Err(inconsistent(format!("unknown table {}", unknown.name)));
    }
    let inline_snapshots = move_inline_snapshots(&mut tables)?;
    let checked = Checked {
        manifest,
        tables,
        inline_snapshots,
    };
    check_references(&checked)?;
    check_audit(&checked)?;
    Ok(checked)
}

fn convert(spec: &'static TableSpec, rows: &TableRows) -> Result<Table> {
    let mut seen = BTreeSet::new();
    for column in &rows.columns {
        let plain = !column.is_empty()
            && column
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !plain || !seen.insert(column.as_str()) || (spec.blob && column == "content") {
            return Err(inconsistent(format!("{}: column {column:?}", spec.name)));
        }
    }
    if let Some(missing) = spec.required.iter().find(|c| !seen.contains(**c)) {
        return Err(inconsistent(format!("{}: no column {missing}", spec.name)));
    }
    let mut converted = Vec::with_capacity(rows.rows.len());
    for (n, row) in rows.rows.iter().enumerate() {
        if row.len() != rows.columns.len() {
            return Err(inconsistent(format!(
                "{} row {}: {} cells",
                spec.name,
                n + 1,
                row.len()
            )));
        }
        let values: Option<Vec<Value>> = row.iter().map(from_cell).collect();
        let values =
            values.ok_or_else(|| inconsistent(format!("{} row {}: a cell", spec.name, n + 1)))?;
        converted.push(values);
    }
    let table = Table {
        spec,
        columns: rows.columns.clone(),
        rows: converted,
    };
    let mut keys = BTreeSet::new();
    for key in table.keys() {
        if !keys.insert(key.clone()) {
            return Err(inconsistent(format!("{}: {key} twice", spec.name)));
        }
    }
    Ok(table)
}

/// A bundle of format 1 carries each assessment's template snapshot inline (`template_snapshot`,
/// JSON text); this vault keeps each snapshot once, by the hash of its canonical JSON. The column
/// becomes `template_sha256`, and the distinct snapshots are returned to be stored first — the
/// same rows and hashes a vault of that time has after migration 9, so a matter that was in
/// both vaults still imports as unchanged.
fn move_inline_snapshots(tables: &mut [Table]) -> Result<Vec<Snapshot>> {
    let Some(assessments) = tables.iter_mut().find(|t| t.spec.name == "assessments") else {
        return Ok(Vec::new());
    };
    let Some(inline) = assessments.index("template_snapshot") else {
        return Ok(Vec::new());
    };
    if assessments.index("template_sha256").is_some() {
        return Err(inconsistent(
            "assessments: a snapshot both inline and by hash",
        ));
    }
    let (Some(id_at), Some(version_at)) = (
        assessments.index("template_id"),
        assessments.index("template_version"),
    ) else {
        return Err(inconsistent("assessments: no template id or version"));
    };
    let mut found: BTreeMap<String, Snapshot> = BTreeMap::new();
    for (n, row) in assessments.rows.iter_mut().enumerate() {
        let (Value::Text(text), Value::Text(id), Value::Text(version)) =
            (&row[inline], &row[id_at], &row[version_at])
        else {
            return Err(inconsistent(format!(
                "assessments row {}: its template",
                n + 1
            )));
        };
        let snapshot = Snapshot::from_json_text(id, version, text);
        row[inline] = Value::Text(snapshot.sha256.clone());
        found.entry(snapshot.sha256.clone()).or_insert(snapshot);
    }
    assessments.columns[inline] = "template_sha256".to_owned();
    Ok(found.into_values().collect())
}

/// Every row is the one client's, or refers to rows in the bundle; nothing dangles.
fn check_references(checked: &Checked) -> Result<()> {
    let client = checked.manifest.client_id.as_str();
    let ids = |name: &str| -> BTreeSet<String> {
        checked
            .table(name)
            .map(|t| {
                t.texts("id")
                    .into_iter()
                    .flatten()
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let clients = ids("clients");
    if clients.len() != 1 || !clients.contains(client) {
        return Err(inconsistent("the client row"));
    }
    let sources = ids("data_sources");
    let vendors = ids("vendors");
    let assessments = ids("assessments");
    let snapshots: BTreeSet<String> = checked
        .table(SNAPSHOTS)
        .map(Table::keys)
        .unwrap_or_default()
        .into_iter()
        .chain(checked.inline_snapshots.iter().map(|s| s.sha256.clone()))
        .collect();
    let named: BTreeSet<String> = checked
        .table("assessments")
        .map(|t| {
            t.texts("template_sha256")
                .into_iter()
                .flatten()
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if let Some(stray) = snapshots.difference(&named).next() {
        return Err(inconsistent(format!(
            "template snapshot {stray} is not named by an assessment"
        )));
    }
    let one_client: BTreeSet<String> = clients;
    // (table, column, what it must be in, may it be null)
    let rules: [(&str, &str, &BTreeSet<String>, bool); 19] = [
        ("assessments", "template_sha256", &snapshots, false),
        ("data_sources", "client_id", &one_client, false),
        ("vendors", "client_id", &one_client, false),
        ("assessments", "client_id", &one_client, true),
        ("assessments", "data_source_id", &sources, true),
        ("assessments", "vendor_id", &vendors, true),
        ("assessments", "previous_id", &assessments, true),
        ("assessment_links", "assessment_id", &assessments, false),
        ("assessment_links", "linked_id", &assessments, false),
        ("answers", "assessment_id", &assessments, false),
        ("signoffs", "assessment_id", &assessments, false),
        ("cnil_records", "assessment_id", &assessments, false),
        ("evidence", "assessment_id", &assessments, false),
        ("comments", "assessment_id", &assessments, false),
        ("actions", "client_id", &one_client, true),
        ("actions", "assessment_id", &assessments, true),
        ("reports", "client_id", &one_client, true),
        ("reports", "assessment_id", &assessments, true),
        ("clients", "id", &one_client, false),
    ];
    for (name, column, allowed, nullable) in rules {
        let Some(table) = checked.table(name) else {
            continue;
        };
        let index = table.index(column);
        for (n, row) in table.rows.iter().enumerate() {
            let ok = match index.map(|i| &row[i]) {
                Some(Value::Text(t)) => allowed.contains(t),
                Some(Value::Null) | None => nullable,
                Some(_) => false,
            };
            if !ok {
                return Err(inconsistent(format!(
                    "{name} row {}: {column} is not in the bundle",
                    n + 1
                )));
            }
        }
    }
    Ok(())
}

/// Each entry still matches its own hash, is about an entity of the matter, and the re-linked
/// chain ends in the head the manifest names.
fn check_audit(checked: &Checked) -> Result<()> {
    let mut entities: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (table, kind) in [
        ("clients", "client"),
        ("data_sources", "data_source"),
        ("vendors", "vendor"),
        ("assessments", "assessment"),
        ("actions", "action"),
        ("reports", "report"),
    ] {
        if let Some(t) = checked.table(table) {
            entities.insert(
                kind,
                t.texts("id")
                    .into_iter()
                    .flatten()
                    .map(str::to_owned)
                    .collect(),
            );
        }
    }
    for (n, entry) in checked.manifest.audit.iter().enumerate() {
        let position = n as u64 + 1;
        // A vault of schema 6 hashes the summary's digest, an older one the summary itself.
        let event = event(entry);
        let matches = entry_hash(&entry.prev_hash, &entry.id, &entry.at, &event) == entry.hash
            || summary_entry_hash(&entry.prev_hash, &entry.id, &entry.at, &event) == entry.hash;
        if !matches {
            return Err(damaged(Damage::AuditEntry { position }));
        }
        let known = entities
            .get(entry.entity_type.as_str())
            .is_some_and(|ids| ids.contains(&entry.entity_id));
        if !known {
            return Err(inconsistent(format!(
                "audit entry {position} is about something outside the matter"
            )));
        }
    }
    if chain_head(&checked.manifest.audit) != checked.manifest.chain {
        return Err(damaged(Damage::AuditHead));
    }
    Ok(())
}
