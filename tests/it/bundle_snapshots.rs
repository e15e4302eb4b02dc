//! Template snapshots in bundles: a bundle carries each snapshot its matter's assessments name
//! once, an import stores it once (or finds it there), and a bundle of format 1 — a snapshot
//! inside every assessment row, as builds before schema 9 wrote them — still imports, into the
//! same rows and hashes.

use std::path::Path;

use dpodesk_core::api;
use dpodesk_core::bundle;
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Template};
use dpodesk_core::{Error, Vault};

use crate::support::*;

fn data_source_template() -> Template {
    template::bundled(&LawRegister::bundled().expect("law"))
        .expect("templates")
        .into_iter()
        .find(|t| t.kind.as_str() == "data_source")
        .expect("a data-source template")
}

/// A client with `count` assessments started from `template`; returns the client's id.
fn client_with(vault: &mut Vault, name: &str, template: &Template, count: usize) -> String {
    let client = client_named(vault, name);
    for n in 0..count {
        crate::support::create_assessment(
            vault,
            ACTOR,
            template,
            api::NewAssessmentRequest {
                client_id: Some(client.clone()),
                ..assessment_request(format!("{name} channel {n}"))
            },
        )
        .expect("assessment");
    }
    client
}

fn snapshot_rows(path: &Path) -> i64 {
    raw_connection(path, PASSPHRASE)
        .query_row("SELECT count(*) FROM template_snapshots", [], |row| {
            row.get(0)
        })
        .expect("count")
}

/// The frames of a decrypted stream: (tag, bytes).
fn frames(mut plain: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let mut out = Vec::new();
    while !plain.is_empty() {
        let tag = plain[0];
        let len = u64::from_be_bytes(plain[1..9].try_into().expect("len")) as usize;
        out.push((tag, plain[9..9 + len].to_vec()));
        plain = &plain[9 + len..];
    }
    out
}

fn stream(frames: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (tag, bytes) in frames {
        out.push(*tag);
        out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
        out.extend_from_slice(bytes);
    }
    out
}

/// The matter of `client` as a cheap bundle's decrypted frames.
fn exported_frames(vault: &mut Vault, dir: &Path, client: &str) -> Vec<(u8, Vec<u8>)> {
    let (_, plain) = cheap_bundle(vault, client, &dir.join(format!("{client}.dpodesk")));
    frames(&plain)
}

fn table<'a>(manifest: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    manifest["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| t["name"] == name)
        .expect("table")
}

fn import(vault: &mut Vault, bundle: &Path) -> bundle::ImportInfo {
    api::import_bundle(vault, ACTOR, bundle, &pass(bundle::FUZZ_PASSPHRASE)).expect("import")
}

/// What a reader sees of each assessment of a vault: title, template, score, fingerprint.
fn seen(vault: &Vault) -> Vec<(String, Template, String, String)> {
    let mut all: Vec<_> = api::assessment_summaries(vault, None)
        .expect("assessments")
        .into_iter()
        .map(|r| {
            (
                r.title.clone(),
                api::assessment_template(vault, &r.id).expect("template"),
                format!(
                    "{:?}",
                    api::read_assessment(vault, &r.id)
                        .map(|a| a.outcome)
                        .expect("outcome")
                ),
                api::read_assessment(vault, &r.id)
                    .map(|a| a.fingerprint)
                    .expect("fingerprint"),
            )
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

#[test]
fn a_bundle_carries_each_snapshot_once_and_an_import_shares_the_row_already_there() {
    let template = data_source_template();
    let (dir, source_path) = vault_path();
    let mut source = create_vault(&source_path);
    client_with(&mut source, "Acme", &template, 3);
    assert_eq!(snapshot_rows(&source_path), 1);

    let frames = exported_frames(&mut source, dir.path(), "Acme");
    let manifest: serde_json::Value = serde_json::from_slice(&frames[0].1).expect("manifest");
    assert_eq!(manifest["format"], 2);
    assert_eq!(
        table(&manifest, "template_snapshots")["rows"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let blobs: Vec<&Vec<u8>> = frames
        .iter()
        .filter(|(t, _)| *t == b'B')
        .map(|(_, b)| b)
        .collect();
    assert_eq!(blobs.len(), 1, "one snapshot, no evidence or report");
    let carried: Template = serde_json::from_slice(blobs[0]).expect("a template");
    assert_eq!(carried, template);
    let assessments = table(&manifest, "assessments");
    let columns = assessments["columns"].as_array().expect("columns");
    assert!(columns.iter().any(|c| c == "template_sha256"));
    assert!(!columns.iter().any(|c| c == "template_snapshot"));

    // The target already holds the template for a client of its own.
    let target_path = dir.path().join("target.dpvault");
    let mut target = create_vault(&target_path);
    client_with(&mut target, "Own client", &template, 1);
    let imported = import(&mut target, &dir.path().join("Acme.dpodesk"));
    assert_eq!(imported.unchanged, 1, "the snapshot was already there");
    assert_eq!(snapshot_rows(&target_path), 1);
    let own = seen(&target);
    assert_eq!(own.len(), 4);
    let acme: Vec<_> = own
        .into_iter()
        .filter(|a| a.0.starts_with("Acme"))
        .collect();
    assert_eq!(acme, seen(&source));
    api::check_vault(&target).expect("vault check");
}

#[test]
fn a_bundle_of_format_1_with_snapshots_inline_still_imports() {
    let template = data_source_template();
    let (dir, source_path) = vault_path();
    let mut source = create_vault(&source_path);
    client_with(&mut source, "Acme", &template, 2);
    let mut frames = exported_frames(&mut source, dir.path(), "Acme");

    // Rewritten as a build before schema 9 wrote it: the snapshot inside each assessment row, as
    // that build serialised it, and no snapshot table or frame.
    let mut manifest: serde_json::Value = serde_json::from_slice(&frames[0].1).expect("manifest");
    manifest["format"] = 1.into();
    let tables = manifest["tables"].as_array_mut().expect("tables");
    tables.retain(|t| t["name"] != "template_snapshots");
    let assessments = tables
        .iter_mut()
        .find(|t| t["name"] == "assessments")
        .expect("assessments");
    let columns = assessments["columns"].as_array_mut().expect("columns");
    let at = columns
        .iter()
        .position(|c| c == "template_sha256")
        .expect("hash column");
    columns[at] = "template_snapshot".into();
    let inline = serde_json::to_string(&template).expect("json");
    for row in assessments["rows"].as_array_mut().expect("rows") {
        row[at] = inline.clone().into();
    }
    frames[0].1 = serde_json::to_vec(&manifest).expect("json");
    frames.retain(|(tag, _)| *tag != b'B');
    let old = dir.path().join("old.dpodesk");
    std::fs::write(&old, bundle::fuzz_seal(&stream(&frames), 1).expect("seal")).expect("write");
    assert_eq!(bundle::inspect(&old).expect("header").version, 1);

    let target_path = dir.path().join("target.dpvault");
    let mut target = create_vault(&target_path);
    let imported = import(&mut target, &old);
    assert!(imported.added > 0);
    assert_eq!(snapshot_rows(&target_path), 1, "two inline copies, one row");
    assert_eq!(seen(&target), seen(&source));
    api::check_vault(&target).expect("vault check");
    api::verify_audit(&target).expect("audit verify");

    // Into the vault it came from, every row is found equal: the inline snapshot hashes to the
    // row this build stored.
    let again = import(&mut source, &old);
    assert_eq!(again.added, 0, "{again:?}");
    assert_eq!(snapshot_rows(&source_path), 1);

    // A row naming a snapshot the bundle does not carry is refused before the vault is touched.
    let mut manifest: serde_json::Value = serde_json::from_slice(&frames[0].1).expect("manifest");
    manifest["format"] = 2.into();
    let tables = manifest["tables"].as_array_mut().expect("tables");
    let assessments = tables
        .iter_mut()
        .find(|t| t["name"] == "assessments")
        .expect("assessments");
    assessments["columns"][at] = "template_sha256".into();
    for row in assessments["rows"].as_array_mut().expect("rows") {
        row[at] = "00".repeat(32).into();
    }
    let dangling = vec![
        (b'M', serde_json::to_vec(&manifest).expect("json")),
        frames[1].clone(),
    ];
    let err = bundle::fuzz_check(&stream(&dangling)).expect_err("dangling snapshot");
    assert!(
        matches!(err, Error::BundleDamaged(bundle::Damage::Inconsistent(_))),
        "{err:?}"
    );
}
