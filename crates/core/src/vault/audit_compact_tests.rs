//! Migration 16 on a vault of schema 15: the demo vault's rows copied into a fresh vault of
//! schema 15 (generated here, never committed), its audit log written back in the old layout —
//! each entry's `prev_hash`, hex `hash` and `detail_sha256` as that build stored them — and some
//! summaries erased the way that build erased them.

// Test code only (the module is `#[cfg(test)]`): marked so, layers.rs reads what follows as
// tests, which may reach the api and the demo to build and carry what they check.
#[cfg(test)]
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::migrate::test_support::{keyed, older_vault};
use crate::Error;
use crate::api;
use crate::vault::store::Read;
use crate::vault::{AuditBreak, AuditHead, Passphrase, Vault};

const PASS: &str = "correct horse battery staple 16";
const DATE: &str = "2026-05-04";
/// How many old-layout entries an erasure blanked before the migration.
const ERASED: i64 = 2;

fn passphrase() -> Passphrase {
    Passphrase::new(PASS.to_owned())
}

fn raw(path: &Path) -> Connection {
    keyed(path, PASS)
}

/// A vault of schema 15 holding `from`'s rows, its audit log in the old layout. Returns the
/// entries it erased: the first not about a client's matter (so a matter's bundle, which carries
/// summaries and not digests, still holds none of them).
fn schema_15_from(from: &Vault, path: &Path) -> Vec<i64> {
    let (conn, _) = older_vault(from, path, PASS, 15, |_, _| None);
    // As the build of schema 15 erased a matter: the summary blanked, its digest kept.
    let erased: Vec<i64> = conn
        .prepare(
            "SELECT seq FROM audit_log WHERE summary <> '' AND entity_type NOT IN
               ('client', 'data_source', 'vendor', 'assessment', 'action', 'report')
             ORDER BY seq LIMIT ?1",
        )
        .expect("entries")
        .query_map([ERASED], |row| row.get(0))
        .expect("entries")
        .collect::<rusqlite::Result<_>>()
        .expect("entries");
    assert_eq!(
        erased.len() as i64,
        ERASED,
        "the demo's log has entries to erase"
    );
    for seq in &erased {
        conn.execute("UPDATE audit_log SET summary = '' WHERE seq = ?1", [seq])
            .expect("erase");
    }
    erased
}

/// The demo vault (its chain head), a copy of it at schema 15 in the old layout, whose chain
/// the build of schema 15 verified the same way, and the entries erased in it.
fn demo_and_old(dir: &Path) -> (PathBuf, AuditHead, PathBuf, Vec<i64>) {
    let demo = crate::demo::create(dir, &passphrase(), DATE, false).expect("demo");
    let source = Vault::open(&demo.vault, &passphrase()).expect("open demo");
    let head = source.verify_audit().expect("demo chain");
    let old = dir.join("old.dpvault");
    let erased = schema_15_from(&source, &old);
    source.lock().expect("lock");
    assert_eq!(
        super::audit_legacy::verify_chain(&raw(&old)).expect("old chain verifies"),
        head
    );
    (demo.vault, head, old, erased)
}

#[test]
fn a_schema_15_log_is_made_compact_and_reaches_the_same_head() {
    let dir = tempfile::tempdir().expect("dir");
    let (_, head, old, _) = demo_and_old(dir.path());
    assert!(head.count > 20, "{head:?}");
    let vault = Vault::open(&old, &passphrase()).expect("open migrates");
    assert_eq!(vault.verify_audit().expect("every entry verifies"), head);
    vault.lock().expect("lock");

    let conn = raw(&old);
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('audit_log')")
        .expect("columns")
        .query_map([], |row| row.get(0))
        .expect("columns")
        .collect::<rusqlite::Result<_>>()
        .expect("columns");
    assert!(
        !columns
            .iter()
            .any(|c| c == "prev_hash" || c == "detail_sha256"),
        "{columns:?}"
    );
    let (erased, blank, lengths, version, free): (i64, i64, String, i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM audit_log WHERE erased_sha256 IS NOT NULL),
                    (SELECT count(*) FROM audit_log WHERE summary = ''),
                    (SELECT group_concat(DISTINCT length(hash) || '/' || length(prev_link))
                       FROM audit_log),
                    (SELECT user_version FROM pragma_user_version),
                    (SELECT freelist_count FROM pragma_freelist_count)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .expect("layout");
    assert_eq!((erased, blank), (ERASED, ERASED));
    assert_eq!(lengths, "32/4");
    assert_eq!(version, i64::from(super::migrate::SCHEMA_VERSION));
    assert_eq!(free, 0, "vacuumed after the migration");
}

#[test]
fn tampering_with_a_converted_log_is_caught_at_the_right_entry() {
    use AuditBreak::*;
    let dir = tempfile::tempdir().expect("dir");
    let (_, head, old, erased) = demo_and_old(dir.path());
    Vault::open(&old, &passphrase())
        .expect("migrate")
        .lock()
        .expect("lock");
    let last = head.count;
    let cases: Vec<(&str, String, u64, AuditBreak)> = vec![
        ("edit a summary", "UPDATE audit_log SET summary = 'x' WHERE seq = 7".into(), 7, Altered),
        (
            "edit an erased entry's digest",
            format!("UPDATE audit_log SET erased_sha256 = zeroblob(32) WHERE seq = {}", erased[1]),
            erased[1] as u64,
            Altered,
        ),
        (
            "put a summary where one was erased",
            format!("UPDATE audit_log SET summary = 'said something else' WHERE seq = {}", erased[0]),
            erased[0] as u64,
            Altered,
        ),
        ("delete an entry", "DELETE FROM audit_log WHERE seq = 9".into(), 9, Unlinked),
        (
            "swap two entries",
            "UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4;
             UPDATE audit_log SET seq = 4 WHERE seq = -1".into(),
            3,
            Unlinked,
        ),
        ("cut the tail", format!("DELETE FROM audit_log WHERE seq >= {}", last - 2), last - 2, TailCut),
    ];
    for (what, sql, position, reason) in cases {
        let path = dir.path().join("case.dpvault");
        std::fs::copy(&old, &path).expect("copy");
        raw(&path).execute_batch(&sql).expect(what);
        let vault = Vault::open(&path, &passphrase()).expect("open");
        match vault.verify_audit() {
            Err(Error::AuditBroken {
                position: p,
                reason: r,
                ..
            }) => assert_eq!((p, r), (position, reason), "{what}"),
            other => panic!("{what}: expected a broken chain, got {other:?}"),
        }
        vault.lock().expect("lock");
        std::fs::remove_file(&path).expect("remove");
    }
}

#[test]
fn a_converted_vault_erases_a_matter_and_still_verifies() {
    let dir = tempfile::tempdir().expect("dir");
    let (_, _, old, _) = demo_and_old(dir.path());
    let mut vault = Vault::open(&old, &passphrase()).expect("migrate");
    let client = Read::clients(&vault, false).expect("clients")[0].clone();
    api::erase_client(&mut vault, "DPO", &client.id, &client.name).expect("erase");
    let head = vault.verify_audit().expect("intact after the erasure");
    vault.lock().expect("lock");
    let (erased, mismatched): (i64, i64) = raw(&old)
        .query_row(
            "SELECT count(*), sum(summary <> '') FROM audit_log WHERE erased_sha256 IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("erased");
    assert!(erased > ERASED, "{erased} entries erased ({head:?})");
    assert_eq!(mismatched, 0);
}

#[test]
fn bundles_exported_before_and_after_the_conversion_import_and_verify() {
    let dir = tempfile::tempdir().expect("dir");
    let (demo, _, old, _) = demo_and_old(dir.path());
    let mut vault = Vault::open(&old, &passphrase()).expect("migrate");
    let client = Read::clients(&vault, false).expect("clients")[0].id.clone();
    let after = dir.path().join("after.dpbundle");
    api::export_bundle(&mut vault, "DPO", &client, &after, &passphrase()).expect("export after");
    vault.lock().expect("lock");
    // The demo vault holds the same chain the schema-15 vault held before its conversion.
    let mut source = Vault::open(&demo, &passphrase()).expect("demo");
    let before = dir.path().join("before.dpbundle");
    api::export_bundle(&mut source, "DPO", &client, &before, &passphrase()).expect("export before");
    source.lock().expect("lock");
    for (name, bundle) in [("before", &before), ("after", &after)] {
        let path = dir.path().join(format!("into-{name}.dpvault"));
        let mut into = Vault::create(&path, &passphrase(), "DPO").expect("new vault");
        let info = api::import_bundle(&mut into, "DPO", bundle, &passphrase()).expect(name);
        assert_eq!(info.client_id, client, "{name}");
        into.verify_audit()
            .expect("the importing vault's chain verifies");
        into.lock().expect("lock");
    }
}

#[test]
fn a_broken_schema_15_chain_is_converted_and_still_names_its_break() {
    let dir = tempfile::tempdir().expect("dir");
    let (_, _, old, _) = demo_and_old(dir.path());
    raw(&old)
        .execute("UPDATE audit_log SET summary = 'edited' WHERE seq = 4", [])
        .expect("tamper");
    // Opening is not refused: the owner keeps his vault, and the audit finding stays his to see.
    let vault = Vault::open(&old, &passphrase()).expect("a broken chain still opens");
    let err = vault.verify_audit().expect_err("still broken");
    assert!(
        matches!(
            err,
            Error::AuditBroken {
                position: 4,
                reason: AuditBreak::Altered,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("restore the vault from a backup"),
        "{err}"
    );
    vault.lock().expect("lock");
    let (version, summary, hash_bytes): (i64, String, i64) = raw(&old)
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), summary, length(hash)
             FROM audit_log WHERE seq = 4",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("converted vault");
    assert_eq!(
        (version, summary.as_str(), hash_bytes),
        (i64::from(super::migrate::SCHEMA_VERSION), "edited", 32)
    );
}
