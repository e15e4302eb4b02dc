//! The audit chain: every kind of tampering made with raw SQL through the key — edits, deletions
//! (the last entry included), insertions, reorderings, anchor edits — makes `verify_audit` fail and
//! name the first broken entry.

use std::path::Path;

use dpodesk_core::Error;
use dpodesk_core::api;
use dpodesk_core::vault::{
    AuditBreak, AuditEvent, GENESIS_HASH, detail_sha256, entry_hash, summary_entry_hash,
};

use crate::support::*;

const ENTRIES: u64 = 8;

/// A locked vault with eight audit entries (created + seven clients added).
fn base_vault(path: &Path) {
    let mut vault = create_vault(path);
    for i in 1..ENTRIES {
        api::add_client(
            &mut vault,
            ACTOR,
            api::NewClientRequest {
                name: format!("客户 {i}"),
                matter: String::new(),
                contact: String::new(),
                notes: String::new(),
            },
        )
        .expect("add client");
    }
    assert_eq!(api::verify_audit(&vault).expect("intact").count, ENTRIES);
    api::lock_vault(vault).expect("lock");
}

/// A hash the forger computes correctly for an entry chained after `prev`.
fn forged_hash(prev: &str, id: &str) -> String {
    entry_hash(
        prev,
        id,
        "2026-01-01T00:00:00.000Z",
        &AuditEvent {
            actor: "forger",
            action: "client.added",
            entity_type: "client",
            entity_id: "x",
            summary: "client added",
        },
    )
}

/// SQL that swaps two entries' positions.
fn swap(a: u64, b: u64) -> String {
    format!(
        "UPDATE audit_log SET seq = -1 WHERE seq = {a}; UPDATE audit_log SET seq = {a} WHERE seq = {b}; \
         UPDATE audit_log SET seq = {b} WHERE seq = -1"
    )
}

fn hash_at(conn: &rusqlite::Connection, position: i64) -> String {
    conn.query_row(
        "SELECT lower(hex(hash)) FROM audit_log ORDER BY seq LIMIT 1 OFFSET ?1",
        [position - 1],
        |r| r.get(0),
    )
    .expect("hash")
}

#[test]
fn every_tampering_is_caught_at_the_right_entry() {
    use AuditBreak::*;
    let dir = tempfile::tempdir().expect("dir");
    let base = dir.path().join("base.dpvault");
    base_vault(&base);

    // (what is done, the SQL, the position verify must name, why)
    let cases: Vec<(&str, String, u64, AuditBreak)> = vec![
        ("edit summary of entry 1", "UPDATE audit_log SET summary = 'x' WHERE seq = 1".into(), 1, Altered),
        ("edit summary of entry 2", "UPDATE audit_log SET summary = 'x' WHERE seq = 2".into(), 2, Altered),
        ("edit summary of entry 5", "UPDATE audit_log SET summary = 'x' WHERE seq = 5".into(), 5, Altered),
        ("edit actor of the last entry", "UPDATE audit_log SET actor = 'someone else' WHERE seq = 8".into(), 8, Altered),
        ("edit time of entry 3", "UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 3".into(), 3, Altered),
        ("edit action of entry 6", "UPDATE audit_log SET action = 'client.archived' WHERE seq = 6".into(), 6, Altered),
        ("edit entity of entry 7", "UPDATE audit_log SET entity_id = 'other' WHERE seq = 7".into(), 7, Altered),
        ("edit the link of entry 4", "UPDATE audit_log SET prev_link = substr(hash, 1, 4) WHERE seq = 4".into(), 4, Unlinked),
        ("edit hash of entry 4", "UPDATE audit_log SET hash = zeroblob(32) WHERE seq = 4".into(), 4, Altered),
        ("edit hash of the last entry", "UPDATE audit_log SET hash = zeroblob(32) WHERE seq = 8".into(), 8, Altered),
        ("truncate the hash of entry 6", "UPDATE audit_log SET hash = substr(hash, 1, 16) WHERE seq = 6".into(), 6, Altered),
        ("delete the first entry", "DELETE FROM audit_log WHERE seq = 1".into(), 1, Unlinked),
        ("delete entry 2", "DELETE FROM audit_log WHERE seq = 2".into(), 2, Unlinked),
        ("delete entry 4", "DELETE FROM audit_log WHERE seq = 4".into(), 4, Unlinked),
        ("delete entry 7", "DELETE FROM audit_log WHERE seq = 7".into(), 7, Unlinked),
        ("delete the last entry", "DELETE FROM audit_log WHERE seq = 8".into(), 8, TailCut),
        ("delete the last three entries", "DELETE FROM audit_log WHERE seq >= 6".into(), 6, TailCut),
        ("swap entries 1 and 2", swap(1, 2), 1, Unlinked),
        ("swap entries 3 and 4", swap(3, 4), 3, Unlinked),
        ("move the last entry first", "UPDATE audit_log SET seq = 0 WHERE seq = 8".into(), 1, Unlinked),
        (
            "insert a crude entry in the middle",
            "UPDATE audit_log SET seq = seq + 100 WHERE seq >= 4; \
             INSERT INTO audit_log (seq, id, at, actor, action, entity_type, entity_id, summary, prev_link, hash) \
             VALUES (4, 'forged', 't', 'a', 'b', 'c', 'd', 'e', x'ff', x'ee')".into(),
            4,
            Unlinked,
        ),
        (
            "insert a crude entry that copies the next entry's link",
            "UPDATE audit_log SET seq = seq + 100 WHERE seq >= 4; \
             INSERT INTO audit_log (seq, id, at, actor, action, entity_type, entity_id, summary, prev_link, hash) \
             SELECT 4, 'forged', 't', 'a', 'b', 'c', 'd', 'e', prev_link, hash FROM audit_log WHERE seq = 104".into(),
            4,
            Altered,
        ),
        ("put back a summary that says something else", "UPDATE audit_log SET summary = 'client added!' WHERE seq = 3".into(), 3, Altered),
        ("blank a summary and store a made-up digest", "UPDATE audit_log SET summary = '', erased_sha256 = x'ff' WHERE seq = 5".into(), 5, Altered),
        ("blank a summary without its digest", "UPDATE audit_log SET summary = '' WHERE seq = 5".into(), 5, Altered),
        ("store a digest beside a summary it is not of", "UPDATE audit_log SET erased_sha256 = zeroblob(32) WHERE seq = 3".into(), 3, Altered),
        ("claim the old scheme for an entry", "UPDATE audit_log SET scheme = 1 WHERE seq = 2".into(), 2, Altered),
        ("raise the anchor count", "UPDATE audit_anchor SET count = count + 1".into(), 9, TailCut),
        ("lower the anchor count", "UPDATE audit_anchor SET count = count - 1".into(), 8, AnchorMismatch),
        ("replace the anchor hash", "UPDATE audit_anchor SET head_hash = 'ff'".into(), 8, AnchorMismatch),
    ];
    let mut caught = 0;
    for (what, sql, position, reason) in &cases {
        let path = dir.path().join("case.dpvault");
        std::fs::copy(&base, &path).expect("copy");
        let conn = raw_connection(&path, PASSPHRASE);
        conn.execute_batch(sql)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        drop(conn);
        let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open");
        match api::verify_audit(&vault) {
            Err(Error::AuditBroken {
                position: p,
                reason: r,
                ..
            }) => {
                assert_eq!((p, r), (*position, *reason), "{what}");
                caught += 1;
            }
            other => panic!("{what}: expected a broken chain, got {other:?}"),
        }
        api::lock_vault(vault).expect("lock");
        std::fs::remove_file(&path).expect("remove");
    }
    assert_eq!(caught, cases.len());
    assert!(caught >= 20);
}

#[test]
fn a_well_forged_entry_shows_as_a_broken_link_or_an_anchor_mismatch() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("v.dpvault");
    base_vault(&path);
    let conn = raw_connection(&path, PASSPHRASE);

    // Appended with a correct hash but the anchor left alone: the anchor no longer matches.
    let last = hash_at(&conn, 8);
    let hash = forged_hash(&last, "forged-tail");
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, entity_type, entity_id, summary, prev_link, hash,
                                scheme)
         VALUES ('forged-tail', '2026-01-01T00:00:00.000Z', 'forger', 'client.added', 'client', 'x', 'client added',
                 unhex(substr(?1, 1, 8)), unhex(?2), 2)",
        [&last, &hash],
    )
    .expect("append");
    drop(conn);
    let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open");
    let err = api::verify_audit(&vault).expect_err("anchor mismatch");
    assert!(
        matches!(
            err,
            Error::AuditBroken {
                position: 9,
                reason: AuditBreak::AnchorMismatch,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("the audit log is broken at entry 9 (forged-tail)"),
        "{err}"
    );
}

#[test]
fn an_untouched_chain_verifies_through_the_cli() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("v.dpvault");
    base_vault(&path);
    let output = crate::cli::dpodesk(&path, Some(PASSPHRASE), &["audit", "verify"]);
    assert!(output.status.success(), "{}", crate::cli::stderr(&output));
    assert!(crate::cli::stdout(&output).starts_with("audit chain intact: 8 entries"));

    let conn = raw_connection(&path, PASSPHRASE);
    conn.execute("DELETE FROM audit_log WHERE seq = 8", [])
        .expect("cut");
    drop(conn);
    let output = crate::cli::dpodesk(&path, Some(PASSPHRASE), &["audit", "verify"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        crate::cli::stderr(&output).contains("broken at entry 8"),
        "{}",
        crate::cli::stderr(&output)
    );
}

/// Blanks an entry's summary as an erasure does: its digest kept in its place.
fn blank(conn: &rusqlite::Connection, seq: i64) {
    let summary: String = conn
        .query_row("SELECT summary FROM audit_log WHERE seq = ?1", [seq], |r| {
            r.get(0)
        })
        .expect("summary");
    conn.execute(
        "UPDATE audit_log SET summary = '', erased_sha256 = unhex(?1) WHERE seq = ?2",
        rusqlite::params![detail_sha256(&summary), seq],
    )
    .expect("blank");
}

#[test]
fn a_blanked_summary_keeps_the_chain_verifiable_through_its_digest() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("v.dpvault");
    base_vault(&path);
    let conn = raw_connection(&path, PASSPHRASE);
    blank(&conn, 2);
    blank(&conn, 5);
    drop(conn);
    let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open");
    assert_eq!(
        api::verify_audit(&vault).expect("still intact").count,
        ENTRIES
    );
}

/// Writes a vault of schema 4 by hand (the way a build before the summary digests left it) with
/// a scheme-1 chain of `entries` entries; `break_at` edits one summary afterwards.
fn schema_4_vault(path: &Path, entries: usize, break_at: Option<usize>) -> String {
    let conn = rusqlite::Connection::open(path).expect("create");
    conn.key(None::<&str>, PASSPHRASE.as_bytes(), false)
        .expect("key");
    for sql in [
        include_str!("../../crates/core/migrations/0001_initial.sql"),
        include_str!("../../crates/core/migrations/0002_search.sql"),
        include_str!("../../crates/core/migrations/0004_bundle_imports.sql"),
    ] {
        conn.execute_batch(sql).expect("old schema");
    }
    conn.pragma_update(None, "user_version", 4)
        .expect("version");
    let mut prev = GENESIS_HASH.to_owned();
    for i in 0..entries {
        let (id, at, summary) = (
            format!("e{i}"),
            format!("2025-01-0{}T00:00:00.000Z", i + 1),
            format!("client added {i}"),
        );
        let event = AuditEvent {
            actor: "old build",
            action: "client.added",
            entity_type: "client",
            entity_id: "c1",
            summary: &summary,
        };
        let hash = summary_entry_hash(&prev, &id, &at, &event);
        conn.execute(
            "INSERT INTO audit_log (id, at, actor, action, entity_type, entity_id, summary, prev_hash, hash)
             VALUES (?1, ?2, 'old build', 'client.added', 'client', 'c1', ?3, ?4, ?5)",
            [&id, &at, &summary, &prev, &hash],
        )
        .expect("entry");
        prev = hash;
    }
    conn.execute(
        "INSERT INTO audit_anchor (singleton, head_hash, count) VALUES (1, ?1, ?2)",
        rusqlite::params![prev, entries as i64],
    )
    .expect("anchor");
    if let Some(n) = break_at {
        conn.execute(
            "UPDATE audit_log SET summary = 'edited' WHERE seq = ?1",
            [n as i64],
        )
        .expect("tamper");
    }
    prev
}

#[test]
fn a_schema_4_chain_is_re_hashed_on_open_and_names_its_old_head() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.dpvault");
    let old_head = schema_4_vault(&path, 5, None);
    let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open migrates");
    let head = api::verify_audit(&vault).expect("re-hashed chain verifies");
    assert_eq!(head.count, 6);
    assert_ne!(head.head_hash, old_head);
    api::lock_vault(vault).expect("lock");

    let conn = raw_connection(&path, PASSPHRASE);
    let (action, summary, schemes): (String, String, i64) = conn
        .query_row(
            "SELECT action, summary, (SELECT count(*) FROM audit_log WHERE scheme = 2)
             FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("last entry");
    assert_eq!(action, "audit.rehashed");
    assert!(
        summary.contains(&old_head) && summary.contains("(5 entries)"),
        "{summary}"
    );
    assert_eq!(schemes, 6);
    // And stored in the compact layout of schema 16, which the CLI walks below.
    let compact: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info('audit_log')
             WHERE name IN ('prev_link', 'erased_sha256')",
            [],
            |r| r.get(0),
        )
        .expect("layout");
    assert_eq!(compact, 2);
    // What the old entries said is kept, and erasing it later leaves the chain intact.
    blank(&conn, 3);
    drop(conn);
    let output = crate::cli::dpodesk(&path, Some(PASSPHRASE), &["audit", "verify"]);
    assert!(output.status.success(), "{}", crate::cli::stderr(&output));
    assert!(crate::cli::stdout(&output).starts_with("audit chain intact: 6 entries"));
}

#[test]
fn a_broken_schema_4_chain_is_not_laundered_by_the_migrations() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.dpvault");
    schema_4_vault(&path, 5, Some(3));
    // Migration 6 leaves the broken chain as it is; 16 converts it too (refusing would lock the
    // owner out of his vault over an audit finding), and the converted log breaks where it did.
    let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("a broken chain still opens");
    let err = api::verify_audit(&vault).expect_err("still broken");
    assert!(
        matches!(
            err,
            Error::AuditBroken {
                position: 3,
                reason: AuditBreak::Altered,
                ..
            }
        ),
        "{err:?}"
    );
    drop(vault);
    let conn = raw_connection(&path, PASSPHRASE);
    let (version, compact): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'prev_link')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("schema");
    assert_eq!(
        (version, compact),
        (i64::from(dpodesk_core::vault::SCHEMA_VERSION), 1)
    );
    drop(conn);
    let output = crate::cli::dpodesk(&path, Some(PASSPHRASE), &["audit", "verify"]);
    assert!(!output.status.success(), "a broken chain must not verify");
    assert!(
        crate::cli::stderr(&output).contains("broken at entry 3"),
        "{}",
        crate::cli::stderr(&output)
    );
}
