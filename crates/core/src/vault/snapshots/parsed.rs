//! The snapshots an open store has parsed, kept by hash so that each is inflated, checked and
//! parsed once while the store is open.

use std::any::Any;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::{Connection, OptionalExtension};

use super::canonical_content;
use crate::error::{Entity, Error, Result};

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

fn missing(id: &str) -> Error {
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
