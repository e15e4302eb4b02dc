//! Template snapshots, each stored once (migration 9). An assessment pins the template it was
//! started with by the SHA-256 of the template's canonical JSON (sorted keys, no whitespace,
//! UTF-8); `template_snapshots` holds that JSON once per hash, deflated. Every assessment started
//! from the same template version shares the row.
//!
//! Hashing the canonical form, not whatever bytes a build happened to write, makes the same
//! template the same row whichever build stored it, and lets a bundle carry a snapshot once and
//! its importer check it by hash alone. The deflated bytes never leave the store: bundles carry
//! the canonical JSON ([`canonical_content`], [`store_canonical`]).
//!
//! A snapshot holds only the questionnaire (questions, rules, citations), never a client's
//! data; a snapshot no assessment uses any more is removed all the same when a matter is erased
//! ([`remove_unused`]), since a firm's own template could name a client in its title.

use std::any::Any;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex, PoisonError};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use serde::Serialize;

use crate::error::{Entity, Error, Result};

/// The largest canonical JSON a stored or imported snapshot may inflate to: far above any template
/// (the bundled PIA template is ~190 KB), low enough that a hostile row cannot exhaust memory.
const MAX_SNAPSHOT: u64 = 16 * 1024 * 1024;

/// A snapshot in its canonical form, with what the row says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub sha256: String,
    pub template_id: String,
    pub template_version: String,
    /// The canonical JSON.
    pub json: Vec<u8>,
}

impl Snapshot {
    /// The snapshot of a template, given as anything that serializes to its JSON (the store
    /// never reads a template's meaning, only its canonical bytes).
    pub fn of(
        template_id: &str,
        template_version: &str,
        template: &impl Serialize,
    ) -> Result<Snapshot> {
        let value = serde_json::to_value(template).map_err(|e| Error::Corrupted {
            detail: format!("template snapshot: {e}"),
        })?;
        Ok(Snapshot::from_value(template_id, template_version, &value))
    }

    /// A snapshot kept as JSON text by an older schema or bundle. JSON that does not parse is kept
    /// byte for byte (hashed as it is), so it fails to open exactly as it did before.
    pub fn from_json_text(template_id: &str, template_version: &str, text: &str) -> Snapshot {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) => Snapshot::from_value(template_id, template_version, &value),
            Err(_) => Snapshot::from_canonical(template_id, template_version, text.as_bytes()),
        }
    }

    /// A snapshot from bytes already in canonical form (a bundle's).
    pub fn from_canonical(template_id: &str, template_version: &str, json: &[u8]) -> Snapshot {
        Snapshot {
            sha256: hex::encode(Sha256::digest(json)),
            template_id: template_id.to_owned(),
            template_version: template_version.to_owned(),
            json: json.to_vec(),
        }
    }

    fn from_value(
        template_id: &str,
        template_version: &str,
        value: &serde_json::Value,
    ) -> Snapshot {
        // serde_json's map is ordered by key (no preserve_order feature) and `to_vec` writes no
        // whitespace: that is the canonical form.
        let json = serde_json::to_vec(value).unwrap_or_default();
        Snapshot::from_canonical(template_id, template_version, &json)
    }
}

/// Stores a snapshot unless its hash is already there; returns the hash. Run inside the caller's
/// transaction, with the row that names it.
pub(crate) fn store(conn: &Connection, snapshot: &Snapshot) -> Result<String> {
    let content = encode(&snapshot.json)?;
    conn.execute(
        "INSERT INTO template_snapshots (sha256, template_id, template_version, size, content)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (sha256) DO NOTHING",
        params![
            snapshot.sha256,
            snapshot.template_id,
            snapshot.template_version,
            snapshot.json.len() as i64,
            content
        ],
    )?;
    Ok(snapshot.sha256.clone())
}

/// The stored form of a snapshot's canonical JSON: deflated (the PIA template's ~190 KB become
/// ~25 KB).
pub(crate) fn encode(json: &[u8]) -> Result<Vec<u8>> {
    let failed = |e: std::io::Error| Error::Corrupted {
        detail: format!("template snapshot: {e}"),
    };
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(json).map_err(failed)?;
    encoder.finish().map_err(failed)
}

/// The canonical JSON of the snapshot `sha256`, checked against its hash.
pub(crate) fn canonical_content(conn: &Connection, sha256: &str) -> Result<Option<Vec<u8>>> {
    let row: Option<(Vec<u8>, i64)> = conn
        .query_row(
            "SELECT content, size FROM template_snapshots WHERE sha256 = ?1",
            [sha256],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((content, size)) = row else {
        return Ok(None);
    };
    checked_json(sha256, &content, size).map(Some)
}

/// The canonical JSON of a stored snapshot (`content` deflated, `size` the JSON's length),
/// checked against its hash: on any store.
pub(crate) fn checked_json(sha256: &str, content: &[u8], size: i64) -> Result<Vec<u8>> {
    let corrupted = || Error::Corrupted {
        detail: format!("template snapshot {sha256}"),
    };
    let size = u64::try_from(size).map_err(|_| corrupted())?;
    if size > MAX_SNAPSHOT {
        return Err(corrupted());
    }
    let mut json = Vec::with_capacity(size as usize);
    DeflateDecoder::new(content)
        .take(MAX_SNAPSHOT + 1)
        .read_to_end(&mut json)
        .map_err(|_| corrupted())?;
    if json.len() as u64 != size || hex::encode(Sha256::digest(&json)) != sha256 {
        return Err(corrupted());
    }
    Ok(json)
}

/// How many parsed snapshots an open vault keeps: one per template version in use is a handful;
/// past this the least recently used goes (a parsed template is ~1 MB).
const PARSED_KEPT: usize = 8;

/// What the caller made of a snapshot, by hash, the most recently used last. Every view of an
/// assessment, every saved answer and every rating in a list needs its template; inflating,
/// hash-checking and parsing ~190 KB of JSON each time was most of their cost, for the same few
/// snapshots. A hash names one content, checked when first read, so a kept value never goes
/// stale. The store keeps the value without knowing its type: reading a snapshot as a template
/// is `assessment::stored`'s, not the store's.
#[derive(Debug, Default)]
pub(crate) struct ParsedSnapshots(Mutex<Vec<(String, Arc<dyn Any + Send + Sync>)>>);

impl ParsedSnapshots {
    pub(crate) fn get<T: Any + Send + Sync>(&self, sha256: &str) -> Option<Arc<T>> {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let at = kept.iter().position(|(hash, _)| hash == sha256)?;
        let entry = kept.remove(at);
        let value = Arc::clone(&entry.1);
        kept.push(entry);
        value.downcast::<T>().ok()
    }

    pub(crate) fn keep<T: Any + Send + Sync>(&self, sha256: &str, value: &Arc<T>) {
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        kept.retain(|(hash, _)| hash != sha256);
        if kept.len() >= PARSED_KEPT {
            kept.remove(0);
        }
        let value: Arc<dyn Any + Send + Sync> = Arc::clone(value) as _;
        kept.push((sha256.to_owned(), value));
    }
}

/// The hash of the snapshot assessment `id` was started with.
fn sha256_of(conn: &Connection, id: &str) -> Result<String> {
    let sha256: Option<Option<String>> = conn
        .query_row(
            "SELECT template_sha256 FROM assessments WHERE id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?;
    let not_found = || Error::NotFound {
        entity: Entity::Assessment,
        id: id.to_owned(),
    };
    sha256.ok_or_else(not_found)?.ok_or_else(|| missing(id))
}

pub(crate) fn missing(id: &str) -> Error {
    Error::Corrupted {
        detail: format!("template snapshot of {id}: missing"),
    }
}

/// What `parse` makes of assessment `id`'s snapshot, parsed once per snapshot while `parsed`
/// lives (the open vault).
pub(crate) fn parsed_of<T: Any + Send + Sync>(
    conn: &Connection,
    parsed: &ParsedSnapshots,
    id: &str,
    parse: impl FnOnce(&[u8]) -> Result<T>,
) -> Result<Arc<T>> {
    let sha256 = sha256_of(conn, id)?;
    if let Some(value) = parsed.get::<T>(&sha256) {
        return Ok(value);
    }
    let json = canonical_content(conn, &sha256)?.ok_or_else(|| missing(id))?;
    let value = Arc::new(parse(&json)?);
    parsed.keep(&sha256, &value);
    Ok(value)
}

/// Removes the snapshots no assessment names any more.
pub(crate) fn remove_unused(conn: &Connection) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM template_snapshots WHERE sha256 NOT IN
             (SELECT template_sha256 FROM assessments WHERE template_sha256 IS NOT NULL)",
        [],
    )?)
}

/// What `vault check` finds wrong with the snapshots: an assessment without one, or a snapshot
/// whose content no longer matches its hash.
pub(crate) fn problems(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT id FROM assessments
         WHERE template_sha256 IS NULL
            OR template_sha256 NOT IN (SELECT sha256 FROM template_snapshots)
         ORDER BY id",
    )?;
    for id in stmt.query_map([], |row| row.get::<_, String>(0))? {
        problems.push(format!("assessment {}: no template snapshot", id?));
    }
    let mut stmt = conn.prepare("SELECT sha256 FROM template_snapshots ORDER BY sha256")?;
    let hashes: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for sha256 in hashes {
        if canonical_content(conn, &sha256).is_err() {
            problems.push(format!(
                "template snapshot {sha256}: content does not match"
            ));
        }
    }
    Ok(problems)
}

/// Migration 9's step SQL cannot take: each assessment's inline snapshot moves into
/// `template_snapshots` (one row per distinct hash) and the assessment names it; then the inline
/// column goes. Runs in the migration's transaction, so a vault converts whole or not at all.
/// Answers, sign-offs and the audit chain are untouched: fingerprints hash the template's id and
/// version, never the snapshot.
pub(crate) fn move_inline(conn: &Connection) -> Result<()> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM assessments ORDER BY id")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // The same inline text is hashed as it is first, so each distinct snapshot is parsed and
    // deflated once, not once per assessment.
    let mut seen: HashMap<[u8; 32], String> = HashMap::new();
    // One row at a time: a large vault's snapshots never sit in memory together.
    for id in ids {
        let (template_id, template_version, text): (String, String, String) = conn.query_row(
            "SELECT template_id, template_version, template_snapshot FROM assessments WHERE id = ?1",
            [&id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        let raw: [u8; 32] = Sha256::digest(text.as_bytes()).into();
        let sha256 = match seen.get(&raw) {
            Some(sha256) => sha256.clone(),
            None => {
                let snapshot = Snapshot::from_json_text(&template_id, &template_version, &text);
                let sha256 = store(conn, &snapshot)?;
                seen.insert(raw, sha256.clone());
                sha256
            }
        };
        conn.execute(
            "UPDATE assessments SET template_sha256 = ?2 WHERE id = ?1",
            params![id, sha256],
        )?;
    }
    conn.execute_batch("ALTER TABLE assessments DROP COLUMN template_snapshot")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    // Migration 9 on a vault of the previous schema, and the sharing of snapshot rows.
    //
    // The old vault is generated here, never committed: the demo vault's rows copied into a fresh
    // vault of schema 8, each assessment with its snapshot inline as the previous build wrote it
    // (`serde_json::to_string` of the template: struct order, not the canonical form).
    use std::path::Path;

    use rusqlite::Connection;

    use crate::report::{self, ReportLang};
    use crate::template::Template;
    use crate::vault::migrate;
    use crate::vault::{NewAssessment, Passphrase, Vault};

    const PASS: &str = "correct horse battery staple 7";
    const DATE: &str = "2026-05-04";

    fn passphrase() -> Passphrase {
        Passphrase::new(PASS.to_owned())
    }

    /// What a reader sees of an assessment: its score, fingerprint and report, in words.
    fn seen(vault: &Vault, id: &str) -> (String, String, String) {
        let outcome = format!(
            "{:?}",
            crate::assessment::stored::outcome(vault, id).expect("outcome")
        );
        let fingerprint = crate::assessment::stored::fingerprint(vault, id).expect("fingerprint");
        let source = report::source(vault, id, DATE, "test").expect("report source");
        let report = format!("{:?}", report::build(&source, ReportLang::Bi));
        (outcome, fingerprint, report)
    }

    /// A vault of schema 8 holding `from`'s rows, snapshots inline.
    fn old_vault_from(from: &Vault, path: &Path) {
        let mut conn = Connection::open(path).expect("open");
        conn.key(None::<&str>, PASS.as_bytes(), false).expect("key");
        migrate::migrate_to(&mut conn, 8).expect("schema 8");
        conn.execute(
            "ATTACH DATABASE ?1 AS source KEY ?2",
            [from.path().to_string_lossy().as_ref(), PASS],
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
        for table in tables {
            let columns: Vec<String> = crate::vault::bundle_store::columns(&conn, &table)
                .expect("columns")
                .into_iter()
                .filter(|c| c != "template_snapshot")
                .collect();
            let list = columns.join(", ");
            let sql = if table == "assessments" {
                // Filled below, as the previous build wrote it.
                format!(
                    "INSERT INTO main.{table} ({list}, template_snapshot) SELECT {list}, '' FROM source.{table}"
                )
            } else {
                format!("INSERT INTO main.{table} ({list}) SELECT {list} FROM source.{table}")
            };
            conn.execute(&sql, []).expect("copy");
        }
        conn.execute("DETACH DATABASE source", []).expect("detach");
        for record in from.assessments().expect("assessments") {
            let template =
                crate::assessment::stored::assessment_template(from, &record.id).expect("template");
            let inline = serde_json::to_string(&template).expect("json");
            conn.execute(
                "UPDATE assessments SET template_snapshot = ?2 WHERE id = ?1",
                [&record.id, &inline],
            )
            .expect("inline snapshot");
        }
    }

    fn distinct_templates(vault: &Vault) -> usize {
        let mut pairs: Vec<(String, String)> = vault
            .assessments()
            .expect("assessments")
            .into_iter()
            .map(|r| (r.template_id, r.template_version))
            .collect();
        pairs.sort();
        pairs.dedup();
        pairs.len()
    }

    fn snapshot_rows(vault: &Vault) -> i64 {
        vault
            .conn
            .query_row("SELECT count(*) FROM template_snapshots", [], |row| {
                row.get(0)
            })
            .expect("count")
    }

    #[test]
    fn a_vault_of_schema_8_migrates_and_reads_as_before() {
        let dir = tempfile::tempdir().expect("tempdir");
        let demo = crate::demo::create(dir.path(), &passphrase(), DATE, false).expect("demo");
        let source = Vault::open(&demo.vault, &passphrase()).expect("open demo");
        let ids: Vec<String> = source
            .assessments()
            .expect("assessments")
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert!(ids.len() >= 5, "the demo has channels, a vendor and a PIA");
        let before: Vec<_> = ids.iter().map(|id| seen(&source, id)).collect();
        let head = source.verify_audit().expect("audit");
        let templates = distinct_templates(&source);

        let old = dir.path().join("old.dpvault");
        old_vault_from(&source, &old);
        drop(source);
        let inline_columns = {
            let conn = Connection::open(&old).expect("open");
            conn.key(None::<&str>, PASS.as_bytes(), false).expect("key");
            crate::vault::bundle_store::columns(&conn, "assessments").expect("columns")
        };
        assert!(inline_columns.iter().any(|c| c == "template_snapshot"));

        let migrated = Vault::open(&old, &passphrase()).expect("open migrates");
        assert_eq!(
            migrated.check().expect("vault check").schema_version,
            crate::vault::SCHEMA_VERSION
        );
        assert_eq!(migrated.verify_audit().expect("audit verify"), head);
        let after: Vec<_> = ids.iter().map(|id| seen(&migrated, id)).collect();
        assert_eq!(after, before);
        assert_eq!(snapshot_rows(&migrated), templates as i64);
        let columns =
            crate::vault::bundle_store::columns(&migrated.conn, "assessments").expect("columns");
        assert!(!columns.iter().any(|c| c == "template_snapshot"));
    }

    fn client(name: &str) -> crate::vault::NewClient {
        crate::vault::NewClient {
            name: name.to_owned(),
            ..Default::default()
        }
    }

    fn template(vault: &Vault, id: &str) -> Template {
        crate::assessment::stored::assessment_template(vault, id).expect("template")
    }

    #[test]
    fn assessments_of_one_template_version_share_one_snapshot_until_the_last_is_erased() {
        let dir = tempfile::tempdir().expect("tempdir");
        let demo = crate::demo::create(dir.path(), &passphrase(), DATE, false).expect("demo");
        let mut vault = Vault::open(&demo.vault, &passphrase()).expect("open");
        let rows = snapshot_rows(&vault);
        let first = vault.assessments().expect("assessments")[0].clone();
        let shared = template(&vault, &first.id);
        let other = vault
            .add_client("t", &client("Other Client"))
            .expect("client");
        let second = vault
            .create_assessment(
                "t",
                &shared,
                NewAssessment {
                    title: "Same template".to_owned(),
                    client_id: Some(other.id.clone()),
                    ..Default::default()
                },
            )
            .expect("assessment");
        assert_eq!(
            snapshot_rows(&vault),
            rows,
            "no second copy of the template"
        );
        assert_eq!(template(&vault, &second.id), shared);

        // Erasing the other client keeps the snapshot the demo's assessments still use.
        crate::vault::erase_client(&mut vault, "t", &other.id, "Other Client").expect("erase");
        assert_eq!(snapshot_rows(&vault), rows);
        assert_eq!(template(&vault, &first.id), shared);
        vault.check().expect("vault check");

        // A template only the erased matter used goes with it.
        let mut own = shared.clone();
        own.version = format!("{}-own", own.version);
        let third = vault
            .add_client("t", &client("Third Client"))
            .expect("client");
        vault
            .create_assessment(
                "t",
                &own,
                NewAssessment {
                    title: "Own template".to_owned(),
                    client_id: Some(third.id.clone()),
                    ..Default::default()
                },
            )
            .expect("assessment");
        assert_eq!(snapshot_rows(&vault), rows + 1);
        crate::vault::erase_client(&mut vault, "t", &third.id, "Third Client").expect("erase");
        assert_eq!(snapshot_rows(&vault), rows);
    }

    #[test]
    fn a_snapshot_is_parsed_once_while_the_vault_is_open_and_shared_by_its_assessments() {
        let dir = tempfile::tempdir().expect("tempdir");
        let demo = crate::demo::create(dir.path(), &passphrase(), DATE, false).expect("demo");
        let vault = Vault::open(&demo.vault, &passphrase()).expect("open");
        let records = vault.assessments().expect("assessments");
        let version = |r: &super::super::AssessmentRecord| {
            (r.template_id.clone(), r.template_version.clone())
        };
        let distinct: std::collections::BTreeSet<_> = records.iter().map(version).collect();
        assert!(
            distinct.len() < records.len(),
            "the demo has assessments of one template"
        );
        let parses = std::cell::Cell::new(0);
        let parse = |json: &[u8]| {
            parses.set(parses.get() + 1);
            Ok(json.len())
        };
        let first = vault
            .parsed_snapshot(&records[0].id, parse)
            .expect("parsed");
        let again = vault
            .parsed_snapshot(&records[0].id, parse)
            .expect("parsed");
        assert!(std::sync::Arc::ptr_eq(&first, &again));
        assert_eq!(parses.get(), 1, "the second read is the kept value");
        for record in &records {
            vault.parsed_snapshot(&record.id, parse).expect("parsed");
        }
        assert_eq!(parses.get(), distinct.len(), "one parse per snapshot");
        // A value of another type is parsed anew, never handed out as the kept one.
        let text = vault
            .parsed_snapshot(&records[0].id, |json| {
                Ok(String::from_utf8_lossy(json).into_owned())
            })
            .expect("parsed");
        assert_eq!(text.len(), *first);
    }

    #[test]
    fn a_snapshot_whose_content_no_longer_matches_its_hash_fails_the_check() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v.dpvault");
        let mut vault = Vault::create(&path, &passphrase(), "t").expect("create");
        let law = crate::law::LawRegister::bundled().expect("law");
        let template = crate::template::bundled(&law).expect("bundled").remove(0);
        let record = vault
            .create_assessment(
                "t",
                &template,
                NewAssessment {
                    title: "A".to_owned(),
                    ..Default::default()
                },
            )
            .expect("assessment");
        vault.check().expect("sound");
        let mut other = template.clone();
        other.version = "0.0.0-other".to_owned();
        let swapped = super::Snapshot::of(&other.id, &other.version, &other).expect("snapshot");
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut encoder, &swapped.json).expect("deflate");
        let bytes = encoder.finish().expect("deflate");
        vault
            .conn
            .execute(
                "UPDATE template_snapshots SET content = ?1, size = ?2",
                rusqlite::params![bytes, swapped.json.len() as i64],
            )
            .expect("tamper");
        let err = vault.check().expect_err("tampered");
        assert!(matches!(err, crate::Error::Corrupted { .. }), "{err:?}");
        let err = crate::assessment::stored::assessment_template(&vault, &record.id)
            .expect_err("tampered");
        assert!(matches!(err, crate::Error::Corrupted { .. }), "{err:?}");
    }
}
