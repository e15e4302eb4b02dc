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

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use serde::Serialize;

use crate::error::{Error, Result};

mod inline;
mod parsed;

pub(crate) use inline::move_inline;
pub(crate) use parsed::{ParsedSnapshots, parsed_of};

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

#[cfg(test)]
mod tests;
