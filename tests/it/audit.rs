//! The audit chain: every kind of tampering made with raw SQL through the key — edits, deletions
//! (the last entry included), insertions, reorderings, anchor edits — makes `verify_audit` fail and
//! name the first broken entry.

use std::path::Path;

use dpodesk_core::vault::{AuditBreak, AuditEvent, NewClient, entry_hash};
use dpodesk_core::{Error, Vault};

use crate::support::*;

const ENTRIES: u64 = 8;

/// A locked vault with eight audit entries (created + seven clients added).
fn base_vault(path: &Path) {
    let mut vault = create_vault(path);
    for i in 1..ENTRIES {
        vault
            .add_client(
                ACTOR,
                &NewClient {
                    name: format!("客户 {i}"),
                    ..NewClient::default()
                },
            )
            .expect("add client");
    }
    assert_eq!(vault.verify_audit().expect("intact").count, ENTRIES);
    vault.lock().expect("lock");
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
        "SELECT hash FROM audit_log ORDER BY seq LIMIT 1 OFFSET ?1",
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
        ("edit prev_hash of entry 4", "UPDATE audit_log SET prev_hash = hash WHERE seq = 4".into(), 4, Altered),
        ("edit hash of the last entry", "UPDATE audit_log SET hash = prev_hash WHERE seq = 8".into(), 8, Altered),
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
             INSERT INTO audit_log (seq, id, at, actor, action, entity_type, entity_id, summary, prev_hash, hash) \
             VALUES (4, 'forged', 't', 'a', 'b', 'c', 'd', 'e', 'f', 'g')".into(),
            4,
            Altered,
        ),
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
        let vault = Vault::open(&path, &pass(PASSPHRASE)).expect("open");
        match vault.verify_audit() {
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
        vault.lock().expect("lock");
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
        "INSERT INTO audit_log (id, at, actor, action, entity_type, entity_id, summary, prev_hash, hash)
         VALUES ('forged-tail', '2026-01-01T00:00:00.000Z', 'forger', 'client.added', 'client', 'x', 'client added', ?1, ?2)",
        [&last, &hash],
    )
    .expect("append");
    drop(conn);
    let vault = Vault::open(&path, &pass(PASSPHRASE)).expect("open");
    let err = vault.verify_audit().expect_err("anchor mismatch");
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
