//! Migration 9 on a vault of the previous schema, and the sharing of snapshot rows.
//!
//! The old vault is generated here, never committed: the demo vault's rows copied into a fresh
//! vault of schema 8, each assessment with its snapshot inline as the previous build wrote it
//! (`serde_json::to_string` of the template: struct order, not the canonical form).

// Test code only (the module is `#[cfg(test)]`): marked so, layers.rs reads what follows as
// tests, which may reach the domain (templates, reports, the demo) to build what they read.
#[cfg(test)]
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
        // The log in the layout before schema 16 (migrate_tests_support.rs).
        if table == "audit_log" {
            crate::vault::migrate_tests_support::old_audit_log(&conn);
            continue;
        }
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
    let version =
        |r: &super::super::AssessmentRecord| (r.template_id.clone(), r.template_version.clone());
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
    let err =
        crate::assessment::stored::assessment_template(&vault, &record.id).expect_err("tampered");
    assert!(matches!(err, crate::Error::Corrupted { .. }), "{err:?}");
}
