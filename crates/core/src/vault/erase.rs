//! Erasing a client's matter for good: its rows go, what the audit log said about them goes, and
//! the file keeps no readable trace (every connection runs with `secure_delete`, and an erasure
//! ends with a checkpoint and a `VACUUM`). What stays is proof that an erasure happened: the
//! audit entries keep their ids, kinds, times and hashes (the chain covers each summary through
//! its digest, see `audit.rs`), and one new entry counts what went — never a name.
//!
//! Only this vault file is reached: backups and bundles made earlier are the user's own copies.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension};

use super::matter_scope::{self, ids_json};
use super::store::{Store, Work};
use super::{AuditEvent, Vault};
use crate::error::{Error, Invalid, Result};

/// How many items of each kind an erasure removes (or removed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErasureCounts {
    pub data_sources: u64,
    pub vendors: u64,
    /// Every version of every assessment.
    pub assessments: u64,
    pub answers: u64,
    pub links: u64,
    pub signoffs: u64,
    pub evidence: u64,
    pub reports: u64,
    pub actions: u64,
    pub bundle_imports: u64,
    /// Audit entries about the matter whose summaries are blanked (the entries stay).
    pub audit_entries: u64,
    /// The latest keep-until date in the matter (the client's or an assessment version's), so
    /// a confirmation can say that part of it is still to be kept (`retention.rs`).
    pub kept_until: Option<String>,
}

impl ErasureCounts {
    /// The erasure entry's summary: counts only.
    fn summary(&self) -> String {
        format!(
            "erased 1 client, {} data sources, {} vendors, {} assessment versions, {} answers, \
             {} links, {} sign-offs, {} evidence files, {} reports, {} actions, {} bundle imports; \
             {} audit entries blanked",
            self.data_sources,
            self.vendors,
            self.assessments,
            self.answers,
            self.links,
            self.signoffs,
            self.evidence,
            self.reports,
            self.actions,
            self.bundle_imports,
            self.audit_entries
        )
    }
}

/// The setting that marks an erasure whose wipe of the file has not completed yet.
const SCRUB_PENDING: &str = "erasure.scrub_pending";

/// `?1` is the client id, `?2` the JSON array of the matter's assessment ids.
const IN_MATTER: &str = "IN (SELECT value FROM json_each(?2))";

/// The matter's tables and rows, in the order they are deleted (referring rows first), with the
/// count each adds to.
const SCOPES: &[(&str, &str)] = &[
    (
        "comments",
        "assessment_id IN (SELECT value FROM json_each(?2))",
    ),
    (
        "evidence",
        "assessment_id IN (SELECT value FROM json_each(?2))",
    ),
    (
        "signoffs",
        "assessment_id IN (SELECT value FROM json_each(?2))",
    ),
    (
        "answers",
        "assessment_id IN (SELECT value FROM json_each(?2))",
    ),
    (
        "assessment_links",
        "assessment_id IN (SELECT value FROM json_each(?2))",
    ),
    (
        "actions",
        "client_id = ?1 OR assessment_id IN (SELECT value FROM json_each(?2))",
    ),
    (
        "reports",
        "client_id = ?1 OR assessment_id IN (SELECT value FROM json_each(?2))",
    ),
    ("assessments", "id IN (SELECT value FROM json_each(?2))"),
    ("data_sources", "client_id = ?1"),
    ("vendors", "client_id = ?1"),
    (
        "bundle_audit",
        "import_id IN (SELECT id FROM bundle_imports WHERE client_id = ?1)",
    ),
    ("bundle_imports", "client_id = ?1"),
    ("clients", "id = ?1"),
];

/// Tables whose `id` column names an entity that audit entries can be about.
const AUDITED: &[&str] = &[
    "clients",
    "data_sources",
    "vendors",
    "assessments",
    "evidence",
    "signoffs",
    "reports",
    "comments",
    "actions",
    "bundle_imports",
];

impl Vault {
    /// What erasing client `client_id` would remove, for the confirmation that names it.
    pub(crate) fn erasure_preview(&self, client_id: &str) -> Result<ErasureCounts> {
        let client = self.client(client_id)?;
        let assessments = matter_assessments(&self.conn, &client.id)?;
        counts(&self.conn, &client.id, &assessments)
    }

    /// Finishes the wipe of an erasure that another reader kept from completing; run on open.
    /// A wipe that cannot run now (a reader still there, a full disk) stays pending for the next
    /// open: opening the vault never fails for it.
    pub(crate) fn finish_pending_scrub(&self) {
        let pending = self
            .conn
            .query_row(
                "SELECT 1 FROM settings WHERE key = ?1",
                [SCRUB_PENDING],
                |_| Ok(()),
            )
            .optional();
        if let Ok(Some(())) = pending {
            let _still_pending = self.scrub();
        }
    }

    /// Leaves no erased content in the file or beside it: the write-ahead log is copied back and
    /// emptied, and `VACUUM` rewrites the database so that no free page or gap in a page keeps
    /// old bytes (secure_delete already zeroes what is freed; this also drops the freed pages).
    /// `false` when another connection's read kept the log from being copied back and emptied
    /// (the wipe is then still pending).
    pub(super) fn scrub(&self) -> Result<bool> {
        if !self.checkpoint()? {
            return Ok(false);
        }
        self.conn.execute_batch("VACUUM")?;
        if !self.checkpoint()? {
            return Ok(false);
        }
        self.conn
            .execute("DELETE FROM settings WHERE key = ?1", [SCRUB_PENDING])?;
        // The wipe is done; the log now holds only the page that dropped the mark, so a reader
        // that keeps this last checkpoint from emptying it hides nothing.
        self.checkpoint()?;
        Ok(true)
    }

    /// Copies the write-ahead log back into the file and empties it. `false` when it could not
    /// complete: another connection still reads from the log (SQLite waits for it first, up to
    /// the busy timeout) and its pages stay there — which an erasure must not call done.
    pub(super) fn checkpoint(&self) -> Result<bool> {
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }
}

/// Erases client `client_id` and its whole matter, once `confirmation` is the client's exact
/// name, on any store: one unit of work removes the rows, blanks the matter's audit summaries
/// and appends the erasure entry (counts only); then the store wipes what was freed, so no freed
/// page keeps the content. Refused before anything is erased when the wipe could not complete.
pub(crate) fn erase_client<S: Store>(
    store: &mut S,
    actor: &str,
    client_id: &str,
    confirmation: &str,
) -> Result<ErasureCounts> {
    let client = store.client(client_id)?;
    if confirmation != client.name {
        return Err(Error::InvalidInput {
            field: "confirm",
            reason: Invalid::ConfirmationMismatch,
        });
    }
    // A reader elsewhere would keep the file from being wiped: find out before erasing.
    if !store.ready_to_wipe()? {
        return Err(Error::ErasureHeldOpen);
    }
    let mut work = store.begin()?;
    let counts = work.erase_matter(&client.id)?;
    let event = AuditEvent {
        actor,
        action: "client.erased",
        entity_type: "client",
        entity_id: &client.id,
        summary: &counts.summary(),
    };
    work.append_audit(event, &crate::time::now())?;
    work.commit()?;
    if !store.wipe_erased()? {
        return Err(Error::ErasureWipePending);
    }
    Ok(counts)
}

/// The rows of an erasure, inside the caller's transaction (see [`Work::erase_matter`]).
pub(crate) fn erase_matter(tx: &Connection, client_id: &str) -> Result<ErasureCounts> {
    let assessments = matter_assessments(tx, client_id)?;
    let counts = counts(tx, client_id, &assessments)?;
    let json = ids_json(&assessments);
    let entities = entity_ids(tx, client_id, &json)?;
    for (table, scope) in SCOPES {
        tx.execute(
            &format!("DELETE FROM {table} WHERE {scope}"),
            rusqlite::params_from_iter(params_for(scope, client_id, &json)),
        )?;
    }
    // Only the questionnaire is in a snapshot, but a firm's own template could name the client
    // in its title: one the erased matter alone used goes with it.
    super::snapshots::remove_unused(tx)?;
    super::audit::erase_summaries(tx, &entities)?;
    // A delete from the FTS5 index (contentless since schema 17: it holds no text, but its
    // vocabulary is the texts' trigrams) only adds a tombstone; the old segments keep the
    // trigrams until they are merged, which 'optimize' does now.
    tx.execute(
        "INSERT INTO search_fts (search_fts) VALUES ('optimize')",
        [],
    )?;
    // Until the wipe completes, the next open finishes it (`finish_pending_scrub`).
    tx.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, '1')",
        [SCRUB_PENDING],
    )?;
    Ok(counts)
}

/// The client's assessments (filed under it, or about its data sources and vendors), with every
/// version before and after them. Refuses when an assessment outside the matter relies on one of
/// them (a PIA of another client linking to it): erasing would change that other matter.
fn matter_assessments(conn: &Connection, client_id: &str) -> Result<BTreeSet<String>> {
    let set = matter_scope::assessment_closure(
        conn,
        client_id,
        "SELECT previous_id FROM assessments
             WHERE id IN (SELECT value FROM json_each(?1)) AND previous_id IS NOT NULL
         UNION SELECT id FROM assessments WHERE previous_id IN (SELECT value FROM json_each(?1))",
    )?;
    let json = ids_json(&set);
    let relying: Option<String> = conn
        .query_row(
            &format!(
                "SELECT assessment_id FROM assessment_links
                 WHERE linked_id {IN_MATTER} AND assessment_id NOT {IN_MATTER} LIMIT 1"
            )
            .replace("?2", "?1"),
            [&json],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = relying {
        return Err(Error::InvalidInput {
            field: "client",
            reason: Invalid::ReliedOnElsewhere { id },
        });
    }
    Ok(set)
}

fn counts(
    conn: &Connection,
    client_id: &str,
    assessments: &BTreeSet<String>,
) -> Result<ErasureCounts> {
    let json = ids_json(assessments);
    let count = |table: &str| -> Result<u64> {
        let scope = SCOPES
            .iter()
            .find(|(t, _)| *t == table)
            .map_or("0", |(_, s)| s);
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) FROM {table} WHERE {scope}"),
            rusqlite::params_from_iter(params_for(scope, client_id, &json)),
            |row| row.get(0),
        )?;
        Ok(n.unsigned_abs())
    };
    let entities = entity_ids(conn, client_id, &json)?;
    let audit_entries: i64 = conn.query_row(
        "SELECT count(*) FROM audit_log
         WHERE summary <> '' AND entity_id IN (SELECT value FROM json_each(?1))",
        [&entities],
        |row| row.get(0),
    )?;
    let kept_until: Option<String> = conn.query_row(
        &format!(
            "SELECT max(keep_until) FROM (
                 SELECT keep_until FROM clients WHERE id = ?1
                 UNION ALL SELECT keep_until FROM assessments WHERE id {IN_MATTER})"
        ),
        [client_id, json.as_str()],
        |row| row.get(0),
    )?;
    Ok(ErasureCounts {
        kept_until,
        data_sources: count("data_sources")?,
        vendors: count("vendors")?,
        assessments: count("assessments")?,
        answers: count("answers")?,
        links: count("assessment_links")?,
        signoffs: count("signoffs")?,
        evidence: count("evidence")?,
        reports: count("reports")?,
        actions: count("actions")?,
        bundle_imports: count("bundle_imports")?,
        audit_entries: audit_entries.unsigned_abs(),
    })
}

/// Every id of the matter an audit entry can be about, as a JSON array.
fn entity_ids(conn: &Connection, client_id: &str, assessments_json: &str) -> Result<String> {
    let mut all = Vec::new();
    for table in AUDITED {
        let Some((_, scope)) = SCOPES.iter().find(|(t, _)| t == table) else {
            continue;
        };
        let mut stmt = conn.prepare(&format!("SELECT id FROM {table} WHERE {scope}"))?;
        let ids = stmt
            .query_map(
                rusqlite::params_from_iter(params_for(scope, client_id, assessments_json)),
                |row| row.get::<_, String>(0),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        all.extend(ids);
    }
    Ok(serde_json::Value::from(all).to_string())
}

/// The parameters a scope uses: `?1`, `?2` or both (SQLite refuses unused ones).
fn params_for<'a>(scope: &str, client_id: &'a str, assessments: &'a str) -> Vec<&'a str> {
    if scope.contains("?2") {
        vec![client_id, assessments]
    } else if scope.contains("?1") {
        vec![client_id]
    } else {
        Vec::new()
    }
}
