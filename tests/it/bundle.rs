//! Matter bundles: one client's matter exported from one vault and imported into another with its
//! rows equal and its audit chain head recorded; re-import is a no-op; a wrong passphrase, a
//! flipped byte, a cut file, a newer format and a conflicting row are each refused with the target
//! vault left exactly as it was; the CLI doors as a process.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dpodesk_core::api;
use dpodesk_core::assessment::parse_answers;
use dpodesk_core::bundle::{self, Damage, KdfParams, Newer};
use dpodesk_core::error::{ErrorKind, Invalid};
use dpodesk_core::law::LawRegister;
use dpodesk_core::report::ReportLang;
use dpodesk_core::template::{self, Template};
use dpodesk_core::vault::{
    ATTESTATIONS, ActionStatus, Decision, NewAction, NewAssessment, SignOffInput, UpdateAction,
};
use dpodesk_core::{Error, Vault};

use crate::cli::{dpodesk_bin, stderr, stdout};
use crate::support::*;

const BUNDLE_PASSPHRASE: &str = "amber ferry whistles under nine bridges";
const EVIDENCE: &[u8] = b"consent log export: marker-EVIDENCE-7f3a \xe5\xae\xa2\xe6\x88\xb7";
const CLIENT: &str = "Acme 跨境电商";

fn templates() -> Vec<Template> {
    template::bundled(&LawRegister::bundled().expect("law")).expect("templates")
}

fn template_of(id: &str) -> Template {
    templates()
        .into_iter()
        .find(|t| t.id == id)
        .expect("template")
}

fn fixture_answers(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/scenarios/data-source")
        .join(format!("{name}.toml"));
    let table: toml::Table =
        toml::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("toml");
    toml::to_string(table.get("answers").expect("[answers]")).expect("answers")
}

struct Matter {
    dir: tempfile::TempDir,
    vault: Vault,
    client: String,
    other_client: String,
    action: String,
}

/// A vault holding the client's whole matter — a data source and a vendor, a data-source
/// assessment answered with evidence, signed off and re-opened, a vendor assessment, a PIA
/// linked to the channel, an action, a report — and another client that must stay out.
fn matter() -> Matter {
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: CLIENT.into(),
            matter: "私域营销".into(),
            contact: "Ms Li".into(),
            notes: "marker-NOTES-91c2".into(),
        },
    )
    .expect("client")
    .id;
    let source = api::add_data_source(
        &mut vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: client.clone(),
            name: "Tmall orders".into(),
            channel: "EC".into(),
            platform: String::new(),
            notes: String::new(),
        },
    )
    .expect("source")
    .id;
    let vendor = api::add_vendor(
        &mut vault,
        ACTOR,
        api::NewVendorRequest {
            client_id: client.clone(),
            name: "SMS gateway".into(),
            next_review: "2026-06-30".into(),
            country: String::new(),
            service: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("vendor")
    .id;
    let ds = template_of("data-source");
    let channel = crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &ds,
        NewAssessment {
            title: "Tmall orders assessment".into(),
            client_id: Some(client.clone()),
            data_source_id: Some(source),
            vendor_id: None,
        },
    )
    .expect("assessment")
    .id;
    let answers = parse_answers(
        "a.toml",
        &fixture_answers("02-platform-orders-to-wechat"),
        &ds,
    )
    .expect("answers");
    crate::support::save_answers(&mut vault, ACTOR, &channel, &answers).expect("save");
    api::add_evidence(
        &mut vault,
        ACTOR,
        &channel,
        "ds08_consent_log_export",
        "log.csv",
        EVIDENCE,
    )
    .expect("evidence");
    api::submit(&mut vault, ACTOR, &channel).expect("submit");
    let attestations: Vec<String> = ATTESTATIONS.iter().map(|a| (*a).to_owned()).collect();
    crate::support::sign_off(
        &mut vault,
        ACTOR,
        &channel,
        &SignOffInput {
            name: "Li",
            role: "Counsel",
            decision: Decision::Approve,
            comment: "ok",
            attestations: &attestations,
            with_reservations: true,
        },
    )
    .expect("sign off");
    let v2 = api::reopen_assessment(&mut vault, ACTOR, &channel)
        .expect("reopen")
        .id;
    crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &template_of("vendor-entrustment"),
        NewAssessment {
            title: "SMS gateway due diligence".into(),
            client_id: Some(client.clone()),
            data_source_id: None,
            vendor_id: Some(vendor),
        },
    )
    .expect("vendor assessment");
    let pia = crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &template_of("pia"),
        NewAssessment {
            title: "Cross-border PIA".into(),
            client_id: Some(client.clone()),
            ..Default::default()
        },
    )
    .expect("pia")
    .id;
    api::link_assessment(&mut vault, ACTOR, &pia, &v2).expect("link");
    let action = crate::support::add_action(
        &mut vault,
        ACTOR,
        &NewAction {
            assessment_id: Some(channel.clone()),
            client_id: None,
            finding_id: String::new(),
            title: "Separate consent for WeChat follow-up".into(),
            owner: "Ops".into(),
            due_date: Some("2026-05-01".into()),
            status: ActionStatus::Open,
            note: String::new(),
            title_words: None,
            another: false,
        },
    )
    .expect("action")
    .id;
    dpodesk_core::report::generate_report(
        &mut vault,
        ACTOR,
        &channel,
        ReportLang::En,
        dpodesk_core::report::ReportFormat::Pdf,
        "2026-04-01",
    )
    .expect("report");
    let other_client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "Other client".into(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("other")
    .id;
    api::add_data_source(
        &mut vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: other_client.clone(),
            name: "Other channel".into(),
            channel: "WEB".into(),
            platform: String::new(),
            notes: String::new(),
        },
    )
    .expect("other source");
    Matter {
        dir,
        vault,
        client,
        other_client,
        action,
    }
}

const MATTER_TABLES: [&str; 11] = [
    "clients",
    "data_sources",
    "vendors",
    "template_snapshots",
    "assessments",
    "assessment_links",
    "answers",
    "signoffs",
    "actions",
    "evidence",
    "reports",
];

/// Every row of `table` (or those `filter` picks, a SQL condition over `?1`, the client id), as
/// text, in key order.
fn rows(conn: &rusqlite::Connection, table: &str, filter: &str, client: &str) -> Vec<String> {
    let sql = format!("SELECT * FROM {table} WHERE {filter} ORDER BY 1, 2");
    let mut stmt = conn.prepare(&sql).expect("select");
    let columns = stmt.column_count();
    let params: Vec<&str> = if sql.contains("?1") {
        vec![client]
    } else {
        vec![]
    };
    stmt.query_map(rusqlite::params_from_iter(params), |row| {
        Ok((0..columns)
            .map(|i| {
                format!(
                    "{:?}",
                    row.get::<_, rusqlite::types::Value>(i).expect("value")
                )
            })
            .collect::<Vec<_>>()
            .join("|"))
    })
    .expect("rows")
    .collect::<rusqlite::Result<_>>()
    .expect("collect")
}

/// The matter's rows in a source vault (every one of its assessments is filed under the client).
fn matter_rows(path: &Path, client: &str) -> BTreeMap<&'static str, Vec<String>> {
    let conn = raw_connection(path, PASSPHRASE);
    let of_assessments = "assessment_id IN (SELECT id FROM assessments WHERE client_id = ?1)";
    MATTER_TABLES
        .iter()
        .map(|table| {
            let filter = match *table {
                "clients" => "id = ?1",
                "template_snapshots" => {
                    "sha256 IN (SELECT template_sha256 FROM assessments WHERE client_id = ?1)"
                }
                "data_sources" | "vendors" | "assessments" | "actions" | "reports" => {
                    "client_id = ?1"
                }
                _ => of_assessments,
            };
            (*table, rows(&conn, table, filter, client))
        })
        .collect()
}

/// Every row of every table of a vault, and its audit head: what "unchanged" means.
fn snapshot(path: &Path) -> (BTreeMap<String, Vec<String>>, (u64, String)) {
    let conn = raw_connection(path, PASSPHRASE);
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'search_%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .expect("tables")
        .query_map([], |row| row.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("names");
    let dump = tables
        .into_iter()
        .map(|t| {
            let r = rows(&conn, &format!("\"{t}\""), "1", "");
            (t, r)
        })
        .collect();
    let head: (i64, String) = conn
        .query_row("SELECT count, head_hash FROM audit_anchor", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .expect("anchor");
    (dump, (head.0.unsigned_abs(), head.1))
}

fn target(dir: &Path, name: &str) -> (PathBuf, Vault) {
    let path = dir.join(name);
    let vault = create_vault(&path);
    (path, vault)
}

/// A matter and its bundle (made with the default key derivation).
fn exported() -> (Matter, PathBuf, bundle::ExportInfo) {
    let mut m = matter();
    let out = m.dir.path().join("acme.dpodesk");
    let info = api::export_bundle(&mut m.vault, ACTOR, CLIENT, &out, &pass(BUNDLE_PASSPHRASE))
        .expect("export");
    (m, out, info)
}

#[test]
fn a_matter_moves_to_another_vault_with_equal_rows_and_its_chain_head() {
    let (m, out, info) = exported();
    let source_path = std::path::PathBuf::from(api::vault_info(&m.vault).expect("info").path);
    let bytes = std::fs::read(&out).expect("read bundle");
    assert_eq!(&bytes[..14], b"DPODESK-BUNDLE");
    assert_eq!(info.size, bytes.len() as u64);
    for marker in [
        "marker-NOTES-91c2",
        "marker-EVIDENCE-7f3a",
        "Tmall orders",
        CLIENT,
        "%PDF",
    ] {
        assert!(!file_contains(&out, marker), "{marker} in plaintext");
    }
    // Only the bundle was left beside the vault: no temporary file.
    let mut names: Vec<String> = std::fs::read_dir(m.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("test.dpvault"))
        .collect();
    names.sort();
    assert_eq!(names, ["acme.dpodesk"]);
    assert_eq!((info.evidence, info.reports), (1, 1));

    let expected = matter_rows(&source_path, &m.client);
    let expected_rows: usize = expected.values().map(Vec::len).sum();
    assert_eq!(info.rows, expected_rows as u64);
    assert!(expected["assessments"].len() == 4 && expected["signoffs"].len() == 1);
    // The bundle's chain covers exactly the matter's audit entries of the source vault.
    let source = raw_connection(&source_path, PASSPHRASE);
    let matter_entries: i64 = source
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action <> 'bundle.exported' AND entity_id IN (
                 SELECT id FROM clients WHERE id = ?1 UNION SELECT id FROM data_sources WHERE client_id = ?1
                 UNION SELECT id FROM vendors WHERE client_id = ?1 UNION SELECT id FROM assessments WHERE client_id = ?1
                 UNION SELECT id FROM actions WHERE client_id = ?1 UNION SELECT id FROM reports WHERE client_id = ?1)",
            [&m.client],
            |row| row.get(0),
        )
        .expect("count");
    assert_eq!(info.chain.count, matter_entries as u64);
    // The export is recorded in the source vault with the bundle's head.
    let head = api::verify_audit(&m.vault).expect("source chain");
    assert_eq!(head, info.vault_head);
    let last: (String, String) = source
        .query_row(
            "SELECT action, summary FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .expect("last");
    assert_eq!(last.0, "bundle.exported");
    assert!(last.1.contains(&info.chain.head_hash), "{}", last.1);

    let (target_path, mut target) = target(m.dir.path(), "target.dpvault");
    let before = api::verify_audit(&target).expect("target chain");
    let imported = api::import_bundle(&mut target, "Receiving DPO", &out, &pass(BUNDLE_PASSPHRASE))
        .expect("import");
    assert_eq!(imported.chain, info.chain);
    assert_eq!(imported.client_id, m.client);
    assert_eq!(imported.client_name, CLIENT);
    assert_eq!(imported.bundle_id, info.bundle_id);
    assert_eq!((imported.added, imported.unchanged), (info.rows, 0));
    assert!(!imported.already_imported);

    // The rows are equal, evidence and report bytes included; the other client stayed out.
    let target_conn = raw_connection(&target_path, PASSPHRASE);
    for table in MATTER_TABLES {
        assert_eq!(
            rows(&target_conn, table, "1", ""),
            expected[table],
            "{table}"
        );
    }
    assert!(
        !rows(&target_conn, "clients", "1", "")
            .iter()
            .any(|r| r.contains(&m.other_client))
    );
    let report = api::reports(&target, None, None).expect("reports");
    assert_eq!(report.len(), 1);
    let evidence = api::evidence_list(
        &target,
        &api::assessment_summaries(&target, None)
            .expect("list")
            .iter()
            .find(|a| a.version == 1 && a.kind.as_str() == "data_source")
            .expect("v1")
            .id,
    )
    .expect("evidence");
    assert_eq!(evidence.len(), 1);
    let stored: Vec<u8> = target_conn
        .query_row("SELECT content FROM evidence", [], |row| row.get(0))
        .expect("content");
    assert_eq!(stored, EVIDENCE);

    // One new audit entry, and it names the bundle's head; the chain verifies.
    let after = api::verify_audit(&target).expect("target chain after");
    assert_eq!(after.count, before.count + 1);
    assert_eq!(after, imported.vault_head);
    let (action, actor, entity, summary): (String, String, String, String) = target_conn
        .query_row(
            "SELECT action, actor, entity_id, summary FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .expect("entry");
    assert_eq!(
        (action.as_str(), actor.as_str()),
        ("bundle.imported", "Receiving DPO")
    );
    assert_eq!(entity, m.client);
    assert!(summary.contains(&info.chain.head_hash), "{summary}");
    assert!(
        summary.contains(&format!("bundle chain {} entries", info.chain.count)),
        "{summary}"
    );
    assert!(summary.contains(&info.bundle_id), "{summary}");
    // The matter's history is kept entry by entry, and still chains to the recorded head.
    let kept: i64 = target_conn
        .query_row("SELECT count(*) FROM bundle_audit", [], |row| row.get(0))
        .expect("kept");
    assert_eq!(kept as u64, info.chain.count);
    let (head_hash, count, source_hash): (String, i64, String) = target_conn
        .query_row(
            "SELECT head_hash, count, source_head_hash FROM bundle_imports",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .expect("provenance");
    assert_eq!(
        (head_hash, count as u64),
        (info.chain.head_hash.clone(), info.chain.count)
    );
    assert_ne!(source_hash, info.chain.head_hash);
    // The imported matter works: scoring reads it, and the fingerprint is the same as at home.
    let v1 = api::assessment_summaries(&m.vault, None)
        .expect("list")
        .into_iter()
        .find(|a| a.version == 1 && a.kind.as_str() == "data_source")
        .expect("v1");
    assert_eq!(
        api::read_assessment(&target, &v1.id)
            .map(|a| a.fingerprint)
            .expect("fingerprint"),
        api::read_assessment(&m.vault, &v1.id)
            .map(|a| a.fingerprint)
            .expect("fingerprint")
    );
    assert_eq!(
        api::read_assessment(&target, &v1.id)
            .map(|a| a.outcome)
            .expect("outcome")
            .ratings
            .overall,
        api::read_assessment(&m.vault, &v1.id)
            .map(|a| a.outcome)
            .expect("outcome")
            .ratings
            .overall
    );
    api::check_vault(&target).expect("integrity");
}

#[test]
fn reimporting_the_same_bundle_changes_nothing() {
    let (m, out, info) = exported();
    let (target_path, mut target) = target(m.dir.path(), "target.dpvault");
    api::import_bundle(&mut target, ACTOR, &out, &pass(BUNDLE_PASSPHRASE)).expect("first import");
    let before = snapshot(&target_path);
    let again = api::import_bundle(&mut target, ACTOR, &out, &pass(BUNDLE_PASSPHRASE))
        .expect("second import");
    assert!(again.already_imported);
    assert_eq!((again.added, again.unchanged), (0, info.rows));
    assert_eq!(again.chain, info.chain);
    assert_eq!(snapshot(&target_path), before);
}

/// Importing `bundle` into `target` must fail and leave every row and the audit head as they were.
fn refused(target: &mut Vault, target_path: &Path, bundle: &Path, passphrase: &str) -> Error {
    let before = snapshot(target_path);
    let bundle_bytes = std::fs::read(bundle).expect("read");
    let err =
        api::import_bundle(target, ACTOR, bundle, &pass(passphrase)).expect_err("must be refused");
    assert_eq!(snapshot(target_path), before, "target changed by {err:?}");
    assert_eq!(
        std::fs::read(bundle).expect("read"),
        bundle_bytes,
        "bundle changed"
    );
    api::verify_audit(&*target).expect("target chain");
    err
}

/// A target that already holds something, so "unchanged" has rows to compare.
fn busy_target(dir: &Path) -> (PathBuf, Vault) {
    let (path, mut vault) = target(dir, "target.dpvault");
    api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "Already here".into(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client");
    (path, vault)
}

fn write_variant(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn a_wrong_passphrase_is_refused() {
    let (m, out, _) = exported();
    let (path, mut target) = busy_target(m.dir.path());
    let err = refused(&mut target, &path, &out, OTHER_PASSPHRASE);
    assert!(matches!(err, Error::BundleWrongPassphrase), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::BundleWrongPassphrase);
}

#[test]
fn a_flipped_byte_anywhere_in_the_ciphertext_is_refused() {
    let (m, out, _) = exported();
    let (path, mut target) = busy_target(m.dir.path());
    let bytes = std::fs::read(&out).expect("read");
    let header = 84;
    let len = bytes.len();
    assert!(len > header + 3 * 65_552, "several segments: {len}");
    // The first and last ciphertext bytes, a tag, a byte inside each of the first three
    // segments, and the middle.
    for at in [
        header,
        header + 65_536 + 3,
        header + 100,
        header + 65_552 + 7,
        header + 2 * 65_552 + 11,
        len / 2,
        len - 1,
    ] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x20;
        let variant = write_variant(m.dir.path(), "flipped.dpodesk", &bad);
        let err = refused(&mut target, &path, &variant, BUNDLE_PASSPHRASE);
        assert!(
            matches!(err, Error::BundleDamaged(Damage::Segment { .. })),
            "byte {at}: {err:?}"
        );
    }
    // In the header: a salt byte changes the key (it reads as a wrong passphrase); a cost out of
    // range is named.
    let mut bad = bytes.clone();
    bad[30] ^= 0x01;
    let variant = write_variant(m.dir.path(), "salt.dpodesk", &bad);
    let err = refused(&mut target, &path, &variant, BUNDLE_PASSPHRASE);
    assert!(matches!(err, Error::BundleWrongPassphrase), "{err:?}");
    let mut bad = bytes;
    bad[21..25].copy_from_slice(&0u32.to_be_bytes());
    let variant = write_variant(m.dir.path(), "cost.dpodesk", &bad);
    let err = refused(&mut target, &path, &variant, BUNDLE_PASSPHRASE);
    assert!(
        matches!(err, Error::BundleDamaged(Damage::BadHeader)),
        "{err:?}"
    );
}

#[test]
fn a_truncated_bundle_is_refused() {
    let (m, out, _) = exported();
    let (path, mut target) = busy_target(m.dir.path());
    let bytes = std::fs::read(&out).expect("read");
    for cut in [
        bytes.len() - 1,
        bytes.len() - 16,
        84 + 65_552,
        bytes.len() / 2,
        84,
    ] {
        let variant = write_variant(m.dir.path(), "cut.dpodesk", &bytes[..cut]);
        let err = refused(&mut target, &path, &variant, BUNDLE_PASSPHRASE);
        assert!(
            matches!(err, Error::BundleDamaged(Damage::Segment { .. })),
            "cut {cut}: {err:?}"
        );
    }
    for (cut, damage) in [(40, Damage::HeaderCut), (0, Damage::NotABundle)] {
        let variant = write_variant(m.dir.path(), "cut.dpodesk", &bytes[..cut]);
        let err = refused(&mut target, &path, &variant, BUNDLE_PASSPHRASE);
        assert!(
            matches!(&err, Error::BundleDamaged(d) if *d == damage),
            "cut {cut}: {err:?}"
        );
        assert!(err.message(dpodesk_core::Lang::Zh).contains("事项包"));
    }
}

#[test]
fn a_bundle_from_a_newer_format_is_refused() {
    let (m, out, _) = exported();
    let (path, mut target) = busy_target(m.dir.path());
    let mut bytes = std::fs::read(&out).expect("read");
    bytes[15] += 1;
    let variant = write_variant(m.dir.path(), "newer.dpodesk", &bytes);
    let err = refused(&mut target, &path, &variant, BUNDLE_PASSPHRASE);
    assert!(
        matches!(
            err,
            Error::BundleTooNew(Newer::Format { found, known })
                if found == bundle::FORMAT_VERSION + 1 && known == bundle::FORMAT_VERSION
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("update DPO Desk"), "{err}");
    // Known before any passphrase is asked for.
    let early = bundle::inspect(&variant).expect_err("inspect");
    assert_eq!(early.kind(), ErrorKind::BundleTooNew);
}

#[test]
fn a_row_that_changed_on_either_side_is_refused_and_nothing_is_half_imported() {
    let (mut m, out, _) = exported();
    let (path, mut target) = target(m.dir.path(), "target.dpvault");
    api::import_bundle(&mut target, ACTOR, &out, &pass(BUNDLE_PASSPHRASE)).expect("first import");
    // The receiving side moved the action on; the sending side added a data source since.
    crate::support::update_action(
        &mut target,
        ACTOR,
        &m.action,
        &UpdateAction {
            status: Some(ActionStatus::Done),
            ..Default::default()
        },
    )
    .expect("update action");
    api::add_data_source(
        &mut m.vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: m.client.clone(),
            name: "New lead form".into(),
            channel: "WEB".into(),
            platform: String::new(),
            notes: String::new(),
        },
    )
    .expect("new source");
    let newer = m.dir.path().join("acme-2.dpodesk");
    api::export_bundle(
        &mut m.vault,
        ACTOR,
        &m.client,
        &newer,
        &pass(BUNDLE_PASSPHRASE),
    )
    .expect("second export");
    // The new data source would go in before the action is reached: it must not stay.
    let err = refused(&mut target, &path, &newer, BUNDLE_PASSPHRASE);
    assert!(
        matches!(&err, Error::BundleConflict { table, id } if table == "actions" && *id == m.action),
        "{err:?}"
    );
    assert!(
        err.to_string().contains(&format!("action {}", m.action)),
        "{err}"
    );
    assert!(err.message(dpodesk_core::Lang::Zh).contains("整改措施"));
    assert_eq!(target.data_sources_for_test(&m.client), 1);

    // A client edited on the receiving side is named too.
    {
        let request = api::UpdateClientRequest {
            notes: "edited here".into(),
            ..client_edit(&target, &m.client)
        };
        api::update_client(&mut target, ACTOR, &request)
    }
    .expect("edit");
    let err = refused(&mut target, &path, &out, BUNDLE_PASSPHRASE);
    assert!(
        matches!(&err, Error::BundleConflict { table, id } if table == "clients" && *id == m.client),
        "{err:?}"
    );
}

/// Counting a client's data sources through core's own list.
trait DataSourceCount {
    fn data_sources_for_test(&self, client: &str) -> usize;
}

impl DataSourceCount for Vault {
    fn data_sources_for_test(&self, client: &str) -> usize {
        api::data_sources(self, Some(client), true)
            .expect("sources")
            .len()
    }
}

#[test]
fn export_refuses_a_weak_passphrase_an_existing_file_and_a_matter_that_reaches_into_another() {
    let mut m = matter();
    let out = m.dir.path().join("x.dpodesk");
    let err =
        api::export_bundle(&mut m.vault, ACTOR, &m.client, &out, &pass("short")).expect_err("weak");
    assert_eq!(err.kind(), ErrorKind::WeakPassphrase);
    assert!(!out.exists());
    std::fs::write(&out, b"keep me").expect("write");
    let err = api::export_bundle(
        &mut m.vault,
        ACTOR,
        &m.client,
        &out,
        &pass(BUNDLE_PASSPHRASE),
    )
    .expect_err("exists");
    assert!(matches!(err, Error::VaultExists(_)), "{err:?}");
    assert_eq!(std::fs::read(&out).expect("read"), b"keep me");

    // The other client's PIA relies on this client's channel: exporting the other client would
    // carry an assessment filed under this one.
    let pia = crate::support::create_assessment(
        &mut m.vault,
        ACTOR,
        &template_of("pia"),
        NewAssessment {
            title: "Other PIA".into(),
            client_id: Some(m.other_client.clone()),
            ..Default::default()
        },
    )
    .expect("pia")
    .id;
    let channel = api::assessment_summaries(&m.vault, None)
        .expect("list")
        .into_iter()
        .find(|a| a.kind.as_str() == "data_source" && a.client_id.as_deref() == Some(&m.client))
        .expect("channel")
        .id;
    // Core no longer links across clients; a vault from before that rule may still hold such a
    // link, so it is written around core, as that vault holds it.
    let refused =
        api::link_assessment(&mut m.vault, ACTOR, &pia, &channel).expect_err("another client's");
    assert!(
        matches!(
            refused,
            Error::InvalidInput {
                reason: Invalid::LinkOtherClient,
                ..
            }
        ),
        "{refused:?}"
    );
    raw_connection(
        Path::new(&api::vault_info(&m.vault).expect("info").path),
        PASSPHRASE,
    )
    .execute(
        "INSERT INTO assessment_links (assessment_id, linked_id) VALUES (?1, ?2)",
        rusqlite::params![pia, channel],
    )
    .expect("older link");
    let other_out = m.dir.path().join("other.dpodesk");
    let err = api::export_bundle(
        &mut m.vault,
        ACTOR,
        &m.other_client,
        &other_out,
        &pass(BUNDLE_PASSPHRASE),
    )
    .expect_err("reaches into another matter");
    let Error::InvalidInput {
        reason: Invalid::OtherClient { id },
        ..
    } = &err
    else {
        panic!("{err:?}");
    };
    // The channel the PIA links to, or the version it was re-opened from: both are this client's.
    let named = api::read_assessment(&m.vault, id).expect("named").record;
    assert_eq!(named.client_id.as_deref(), Some(m.client.as_str()));
    assert!(
        id == &channel
            || named.id
                == api::read_assessment(&m.vault, &channel)
                    .expect("v2")
                    .record
                    .previous_id
                    .unwrap_or_default()
    );
    assert!(!other_out.exists());
    // The other direction is fine: this client's matter does not depend on the other's PIA.
    api::export_bundle(
        &mut m.vault,
        ACTOR,
        &m.client,
        &m.dir.path().join("ok.dpodesk"),
        &pass(BUNDLE_PASSPHRASE),
    )
    .expect("export");
}

/// Rewrites the decrypted stream of a cheap fuzzing bundle with `edit` applied to its manifest.
fn edited_stream(edit: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let mut m = matter();
    let out = m.dir.path().join("seed.dpodesk");
    dpodesk_core::bundle::export(
        &mut m.vault,
        ACTOR,
        &m.client,
        &out,
        &pass(bundle::FUZZ_PASSPHRASE),
        KdfParams {
            m_cost_kib: 64,
            t_cost: 1,
            p_cost: 1,
        },
    )
    .expect("export");
    let plain = bundle::fuzz_plaintext(&std::fs::read(&out).expect("read")).expect("decrypt");
    bundle::fuzz_check(&plain).expect("the untouched stream passes");
    let len = u64::from_be_bytes(plain[1..9].try_into().expect("len")) as usize;
    let mut manifest: serde_json::Value = serde_json::from_slice(&plain[9..9 + len]).expect("json");
    edit(&mut manifest);
    let json = serde_json::to_vec(&manifest).expect("json");
    let mut out = vec![b'M'];
    out.extend_from_slice(&(json.len() as u64).to_be_bytes());
    out.extend_from_slice(&json);
    out.extend_from_slice(&plain[9 + len..]);
    out
}

#[test]
fn a_bundle_whose_audit_entries_were_rewritten_fails_its_own_chain() {
    // Someone holding the bundle passphrase edits an entry: its hash no longer matches.
    let stream = edited_stream(|m| m["audit"][2]["summary"] = "nothing happened".into());
    let err = bundle::fuzz_check(&stream).expect_err("edited entry");
    assert!(
        matches!(
            err,
            Error::BundleDamaged(Damage::AuditEntry { position: 3 })
        ),
        "{err:?}"
    );
    // Or drops one: every entry still matches itself, but the chain no longer ends in the head.
    let stream = edited_stream(|m| {
        if let Some(entries) = m["audit"].as_array_mut() {
            entries.remove(1);
        }
    });
    let err = bundle::fuzz_check(&stream).expect_err("dropped entry");
    assert!(
        matches!(err, Error::BundleDamaged(Damage::AuditHead)),
        "{err:?}"
    );
    // A row of another matter slipped in is named as an inconsistency.
    let stream = edited_stream(|m| {
        let tables = m["tables"].as_array_mut().expect("tables");
        let sources = tables
            .iter_mut()
            .find(|t| t["name"] == "data_sources")
            .expect("sources");
        let rows = sources["rows"].as_array_mut().expect("rows");
        let mut stranger = rows[0].clone();
        stranger[0] = "01900000-0000-7000-8000-000000000001".into();
        stranger[1] = "01900000-0000-7000-8000-000000000002".into();
        rows.push(stranger);
    });
    let err = bundle::fuzz_check(&stream).expect_err("stranger row");
    assert!(
        matches!(err, Error::BundleDamaged(Damage::Inconsistent(_))),
        "{err:?}"
    );
}

fn cli(vault: &Path, bundle_passphrase: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(dpodesk_bin());
    command
        .arg("--vault")
        .arg(vault)
        .args(args)
        .env("DPODESK_PASSPHRASE", PASSPHRASE)
        .env_remove("DPODESK_BUNDLE_PASSPHRASE")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("DPODESK_ACTOR", ACTOR)
        .stdin(std::process::Stdio::null());
    if let Some(p) = bundle_passphrase {
        command.env("DPODESK_BUNDLE_PASSPHRASE", p);
    }
    command.output().expect("run dpodesk")
}

#[test]
fn cli_bundle_export_and_import() {
    let dir = tempfile::tempdir().expect("dir");
    let (source, target) = (dir.path().join("a.dpvault"), dir.path().join("b.dpvault"));
    for vault in [&source, &target] {
        let init = cli(vault, None, &["vault", "init"]);
        assert!(init.status.success(), "{}", stderr(&init));
    }
    let add = cli(
        &source,
        None,
        &[
            "client",
            "add",
            "--name",
            "Acme 客户",
            "--notes",
            "marker-CLI-5521",
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let out = dir.path().join("acme.dpodesk");
    let out_arg = out.to_str().expect("utf-8");

    let no_passphrase = cli(
        &source,
        None,
        &[
            "bundle",
            "export",
            "--client",
            "Acme 客户",
            "--out",
            out_arg,
        ],
    );
    assert_eq!(no_passphrase.status.code(), Some(1));
    assert!(
        stderr(&no_passphrase).contains("DPODESK_BUNDLE_PASSPHRASE"),
        "{}",
        stderr(&no_passphrase)
    );
    let weak = cli(
        &source,
        Some("short"),
        &[
            "bundle",
            "export",
            "--client",
            "Acme 客户",
            "--out",
            out_arg,
        ],
    );
    assert_eq!(weak.status.code(), Some(4), "{}", stderr(&weak));
    assert!(!out.exists());

    let export = cli(
        &source,
        Some(BUNDLE_PASSPHRASE),
        &[
            "bundle",
            "export",
            "--client",
            "Acme 客户",
            "--out",
            out_arg,
        ],
    );
    assert!(export.status.success(), "{}", stderr(&export));
    let printed = stdout(&export);
    assert!(printed.contains("bundle written to"), "{printed}");
    let head_line = printed
        .lines()
        .find(|l| l.starts_with("bundle audit chain: "))
        .expect("head line")
        .to_owned();
    assert!(head_line.contains("1 entries · head "), "{head_line}");
    assert!(!file_contains(&out, "marker-CLI-5521"));

    let wrong = cli(
        &target,
        Some(OTHER_PASSPHRASE),
        &["bundle", "import", out_arg],
    );
    assert_eq!(wrong.status.code(), Some(3), "{}", stderr(&wrong));
    assert!(
        stderr(&wrong).contains("wrong passphrase for this bundle"),
        "{}",
        stderr(&wrong)
    );
    assert_eq!(stderr(&wrong).lines().count(), 1);

    let import = cli(
        &target,
        Some(BUNDLE_PASSPHRASE),
        &["bundle", "import", out_arg],
    );
    assert!(import.status.success(), "{}", stderr(&import));
    assert!(
        stdout(&import).contains("imported the matter of Acme 客户"),
        "{}",
        stdout(&import)
    );
    assert!(stdout(&import).contains(&head_line), "{}", stdout(&import));
    let list = cli(&target, None, &["client", "list"]);
    assert!(stdout(&list).contains("Acme 客户"), "{}", stdout(&list));
    let verify = cli(&target, None, &["audit", "verify"]);
    assert!(verify.status.success(), "{}", stderr(&verify));

    let again = cli(
        &target,
        Some(BUNDLE_PASSPHRASE),
        &["bundle", "import", out_arg],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("imported before"),
        "{}",
        stdout(&again)
    );

    let mut bytes = std::fs::read(&out).expect("read");
    bytes[15] = 9;
    let newer = write_variant(dir.path(), "newer.dpodesk", &bytes);
    // Refused before any bundle passphrase is asked for (there is none here).
    let too_new = cli(
        &target,
        None,
        &["bundle", "import", newer.to_str().expect("utf-8")],
    );
    assert_eq!(too_new.status.code(), Some(1));
    assert!(
        stderr(&too_new).contains("newer DPO Desk (bundle format 9"),
        "{}",
        stderr(&too_new)
    );

    let zh = Command::new(dpodesk_bin())
        .arg("--vault")
        .arg(&target)
        .args(["bundle", "import", newer.to_str().expect("utf-8")])
        .env("DPODESK_PASSPHRASE", PASSPHRASE)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run");
    assert!(stderr(&zh).contains("请升级 DPO Desk"), "{}", stderr(&zh));
}

#[test]
fn a_client_with_a_channel_but_no_vendor_exports_and_imports() {
    // Found while seeding the fuzzer: `NULL NOT IN (empty list)` is true in SQL, so an
    // assessment with no vendor once read as filed under another client.
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "Solo".into(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client")
    .id;
    api::add_data_source(
        &mut vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: client.clone(),
            name: "Lead form".into(),
            channel: "WEB".into(),
            platform: String::new(),
            notes: String::new(),
        },
    )
    .expect("source");
    crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &template_of("data-source"),
        NewAssessment {
            title: "Lead form".into(),
            client_id: Some(client.clone()),
            data_source_id: None,
            vendor_id: None,
        },
    )
    .expect("assessment");
    let out = dir.path().join("solo.dpodesk");
    let info = api::export_bundle(&mut vault, ACTOR, "Solo", &out, &pass(BUNDLE_PASSPHRASE))
        .expect("export");
    // The client, its data source, the assessment and its template snapshot.
    assert_eq!(info.rows, 4);
    let (_, mut target) = target(dir.path(), "target.dpvault");
    let imported =
        api::import_bundle(&mut target, ACTOR, &out, &pass(BUNDLE_PASSPHRASE)).expect("import");
    assert_eq!(imported.added, 4);
    assert_eq!(
        api::assessment_summaries(&target, None)
            .expect("list")
            .len(),
        1
    );
}
