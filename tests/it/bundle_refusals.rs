//! What a bundle import refuses, leaving every row and the audit head as they were: a wrong
//! passphrase, a flipped byte, a truncated or newer bundle, a row changed on either side, rewritten
//! audit entries; and what an export refuses.

use std::path::{Path, PathBuf};

use dpodesk_core::api;
use dpodesk_core::bundle::{self, Damage, Newer};
use dpodesk_core::error::{ErrorKind, Invalid};
use dpodesk_core::{Error, Vault};

use crate::bundle::*;
use crate::support::*;

/// Importing `bundle` into `target` must fail and leave every row and the audit head as they were.
pub(crate) fn refused(
    target: &mut Vault,
    target_path: &Path,
    bundle: &Path,
    passphrase: &str,
) -> Error {
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
pub(crate) fn busy_target(dir: &Path) -> (PathBuf, Vault) {
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

pub(crate) fn write_variant(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
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
        &api::UpdateActionRequest {
            status: Some(api::ActionStatus::Done),
            ..action_update(&m.action)
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
        api::NewAssessmentRequest {
            client_id: Some(m.other_client.clone()),
            ..assessment_request("Other PIA")
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
pub(crate) fn edited_stream(edit: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let mut m = matter();
    let out = m.dir.path().join("seed.dpodesk");
    let (_, plain) = cheap_bundle(&mut m.vault, &m.client, &out);
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
