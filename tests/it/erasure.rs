//! Erasing a client's matter: markers entered (Latin and Chinese) in the client's name and notes,
//! a data source, an assessment's title, its answers, a sign-off, evidence and a report are gone
//! after `dpodesk client erase` — from every table read through the key, from every decrypted
//! page of the file (free pages included) and from its -wal and -shm — while the audit chain
//! verifies before and after, and another client's matter is untouched.

use std::path::Path;

use aes::cipher::{BlockCipherDecrypt, KeyInit};
use dpodesk_core::Error;
use dpodesk_core::api;
use dpodesk_core::assessment::parse_answers;
use dpodesk_core::error::{ErrorKind, Invalid};
use dpodesk_core::law::LawRegister;
use dpodesk_core::report::ReportLang;
use dpodesk_core::template::{self, Template};
use sha2::{Digest, Sha512};

use crate::cli::{dpodesk, stderr, stdout};
use crate::support::*;

const MARK_EN: &str = "qzxERASEMEqzx";
const MARK_ZH: &str = "擦除标记甲乙丙";
pub(crate) const OTHER: &str = "Other client 其他客户";

fn template_of(id: &str) -> Template {
    template::bundled(&LawRegister::bundled().expect("law"))
        .expect("templates")
        .into_iter()
        .find(|t| t.id == id)
        .expect("template")
}

fn marked(what: &str) -> String {
    format!("{what} {MARK_EN} {MARK_ZH}")
}

/// A locked vault with the marked client's matter (a data source, an answered assessment with
/// evidence, signed off and re-opened, a report, an action) and another client; returns the
/// marked client's name.
pub(crate) fn marked_vault(path: &Path) -> String {
    let mut vault = create_vault(path);
    let name = marked("Client");
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: name.clone(),
            matter: marked("matter"),
            contact: String::new(),
            notes: marked("notes"),
        },
    )
    .expect("client")
    .id;
    let source = api::add_data_source(
        &mut vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: client.clone(),
            name: marked("source"),
            channel: "EC".into(),
            platform: String::new(),
            notes: String::new(),
        },
    )
    .expect("source")
    .id;
    let ds = template_of("data-source");
    let assessment = crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &ds,
        api::NewAssessmentRequest {
            client_id: Some(client.clone()),
            subject_id: Some(source),
            ..assessment_request(marked("title"))
        },
    )
    .expect("assessment")
    .id;
    let answers = parse_answers(
        "a.toml",
        &format!("ds01_purpose = \"{}\"", marked("purpose")),
        &ds,
    )
    .expect("answers");
    crate::support::save_answers(&mut vault, ACTOR, &assessment, &answers).expect("save");
    api::add_evidence(
        &mut vault,
        ACTOR,
        &assessment,
        "ds08_consent_log_export",
        &format!("{MARK_EN}.csv"),
        marked("evidence bytes").as_bytes(),
    )
    .expect("evidence");
    crate::support::add_action(
        &mut vault,
        ACTOR,
        &api::NewActionRequest {
            assessment_id: Some(assessment.clone()),
            note: marked("action note"),
            ..action_request(marked("action"))
        },
    )
    .expect("action");
    dpodesk_core::report::generate_report(
        &mut vault,
        ACTOR,
        &assessment,
        ReportLang::En,
        dpodesk_core::report::ReportFormat::Pdf,
        "2026-04-01",
    )
    .expect("report");
    api::submit(&mut vault, ACTOR, &assessment).expect("submit");
    crate::support::sign_off(
        &mut vault,
        ACTOR,
        &api::SignOffRequest {
            version: None,
            assessment_id: assessment.to_owned(),
            name: "Li".into(),
            role: "Counsel".into(),
            decision: api::Decision::Approve,
            comment: marked("sign-off comment"),
            attestations: attestations(),
            with_reservations: true,
        },
    )
    .expect("sign off");
    api::reopen_assessment(&mut vault, ACTOR, &assessment).expect("reopen");
    let other = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: OTHER.into(),
            notes: "kept".into(),
            matter: String::new(),
            contact: String::new(),
        },
    )
    .expect("other")
    .id;
    api::add_data_source(
        &mut vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: other,
            name: "Other channel".into(),
            channel: "WEB".into(),
            platform: String::new(),
            notes: String::new(),
        },
    )
    .expect("other source");
    api::verify_audit(&vault).expect("intact before");
    api::lock_vault(vault).expect("lock");
    name
}

/// Where a marker occurs in the rows of every table (FTS shadow tables included), read through the
/// key with a plain rusqlite connection.
pub(crate) fn markers_in_tables(path: &Path) -> Vec<String> {
    let conn = raw_connection(path, PASSPHRASE);
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("names");
    let mut found = Vec::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .expect("select");
        let width = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        while let Some(row) = rows.next().expect("row") {
            for i in 0..width {
                let bytes = match row.get_ref(i).expect("value") {
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => t,
                    _ => continue,
                };
                if has_marker(bytes) {
                    found.push(table.clone());
                }
            }
        }
    }
    found
}

/// How many of the markers' own trigrams (those found in no other text of the vault) the search
/// index's vocabulary holds.
fn marker_trigrams_indexed(path: &Path) -> i64 {
    raw_connection(path, PASSPHRASE)
        .query_row(
            "SELECT count(*) FROM search_vocab
             WHERE term IN ('qzx', 'zxe', 'meq', 'eqz', '擦除标', '除标记', '标记甲', '记甲乙', '甲乙丙')",
            [],
            |r| r.get(0),
        )
        .expect("vocabulary")
}

pub(crate) fn has_marker(bytes: &[u8]) -> bool {
    [MARK_EN, MARK_ZH]
        .iter()
        .any(|m| contains(bytes, m.as_bytes()))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

// SQLCipher 4's defaults, which the vault keeps: 4096-byte pages, each ending in a 16-byte IV and
// a 64-byte HMAC; AES-256-CBC under a key derived by PBKDF2-HMAC-SHA512 (256,000 rounds) from the
// passphrase and the 16-byte salt that opens the file.
const PAGE: usize = 4096;
const RESERVE: usize = 80;
const KDF_ROUNDS: u32 = 256_000;

/// PBKDF2-HMAC-SHA512 for one 32-byte key (one block), written out so the check depends on
/// nothing of SQLCipher's.
fn derive_key(passphrase: &[u8], salt: &[u8]) -> [u8; 32] {
    let mut key_block = [0u8; 128];
    key_block[..passphrase.len()].copy_from_slice(passphrase);
    let pad = |byte: u8| {
        let mut h = Sha512::new();
        h.update(key_block.map(|k| k ^ byte));
        h
    };
    let (inner, outer) = (pad(0x36), pad(0x5c));
    let hmac = |message: &[u8]| -> [u8; 64] {
        let mut i = inner.clone();
        i.update(message);
        let mut o = outer.clone();
        o.update(i.finalize());
        o.finalize().into()
    };
    let mut u = hmac(&[salt, &1u32.to_be_bytes()].concat());
    let mut t = u;
    for _ in 1..KDF_ROUNDS {
        u = hmac(&u);
        t.iter_mut().zip(u).for_each(|(a, b)| *a ^= b);
    }
    let mut key = [0u8; 32];
    key.copy_from_slice(&t[..32]);
    key
}

/// Decrypts one page (`first`: page 1, whose first 16 bytes are the salt, not ciphertext).
fn decrypt_page(cipher: &aes::Aes256, page: &[u8], first: bool) -> Vec<u8> {
    let start = if first { 16 } else { 0 };
    let end = PAGE - RESERVE;
    let mut prev: [u8; 16] = page[end..end + 16].try_into().expect("iv");
    let mut out = Vec::with_capacity(end - start);
    for chunk in page[start..end].chunks(16) {
        let mut block = aes::Block::try_from(chunk).expect("block");
        cipher.decrypt_block(&mut block);
        out.extend(block.iter().zip(prev).map(|(b, p)| b ^ p));
        prev = chunk.try_into().expect("chunk");
    }
    out
}

/// Every page of the vault file and every frame of its -wal, decrypted with a key derived here.
pub(crate) fn decrypted_pages(path: &Path) -> Vec<Vec<u8>> {
    let file = std::fs::read(path).expect("vault");
    let key = derive_key(PASSPHRASE.as_bytes(), &file[..16]);
    let cipher = aes::Aes256::new_from_slice(&key).expect("key");
    let mut pages: Vec<Vec<u8>> = file
        .chunks(PAGE)
        .enumerate()
        .map(|(i, page)| decrypt_page(&cipher, page, i == 0))
        .collect();
    // A WAL file: a 32-byte header, then frames of a 24-byte header and one page each.
    if let Ok(wal) = std::fs::read(side_file(path, "-wal")) {
        for frame in wal.get(32..).unwrap_or_default().chunks(24 + PAGE) {
            if frame.len() == 24 + PAGE {
                let number = u32::from_be_bytes(frame[..4].try_into().expect("number"));
                pages.push(decrypt_page(&cipher, &frame[24..], number == 1));
            }
        }
    }
    pages
}

#[test]
fn an_erased_matter_leaves_no_trace_in_tables_pages_or_side_files() {
    let (_dir, path) = vault_path();
    let name = marked_vault(&path);

    // The checks can see the markers while they are there.
    assert!(
        markers_in_tables(&path).len() >= 8,
        "{:?}",
        markers_in_tables(&path)
    );
    assert!(marker_trigrams_indexed(&path) > 0);
    let pages = decrypted_pages(&path);
    // Page 1 decrypts to the SQLite header's page size (4096, big-endian, at offset 16 - 16).
    assert_eq!(&pages[0][..2], &[0x10, 0x00]);
    assert!(pages.iter().any(|p| has_marker(p)));

    let out = dpodesk(
        &path,
        Some(PASSPHRASE),
        &["client", "erase", &name, "--confirm", "wrong name"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("does not match the client's exact name"),
        "{}",
        stderr(&out)
    );
    assert!(!markers_in_tables(&path).is_empty());

    let out = dpodesk(
        &path,
        Some(PASSPHRASE),
        &["client", "erase", &name, "--confirm", &name, "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let erased: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(erased["data_sources"], 1);
    assert_eq!(erased["assessments"], 2, "both versions");
    assert_eq!(erased["evidence"], 1);
    assert_eq!(erased["reports"], 1);
    assert_eq!(erased["actions"], 1);
    assert_eq!(erased["signoffs"], 1);
    assert!(
        erased["audit_entries_blanked"]
            .as_u64()
            .is_some_and(|n| n >= 8)
    );

    assert_eq!(markers_in_tables(&path), Vec::<String>::new());
    // The index keeps no text of its own, but its vocabulary is made of the texts' trigrams:
    // none of the markers' may outlive the erasure.
    assert_eq!(marker_trigrams_indexed(&path), 0);
    let pages = decrypted_pages(&path);
    assert!(
        !pages.iter().any(|p| has_marker(p)),
        "a decrypted page keeps a marker"
    );
    for suffix in ["", "-wal", "-shm"] {
        let file = side_file(&path, suffix);
        assert!(
            !file_contains(&file, MARK_EN) && !file_contains(&file, MARK_ZH),
            "{suffix}"
        );
    }

    let out = dpodesk(&path, Some(PASSPHRASE), &["audit", "verify"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open");
    let clients = api::clients(&vault, true).expect("clients");
    assert_eq!(
        clients.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        [OTHER]
    );
    assert_eq!(
        api::data_sources(&vault, None, false)
            .expect("sources")
            .len(),
        1
    );
    assert!(api::search(&vault, MARK_EN, 10).expect("search").is_empty());
    drop(vault);

    // The erasure is recorded by counts, under the client's id, and nothing about the matter
    // says anything any more.
    let conn = raw_connection(&path, PASSPHRASE);
    let client_id = erased["client_id"].as_str().expect("id");
    let (action, summary): (String, String) = conn
        .query_row(
            "SELECT action, summary FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("last entry");
    assert_eq!(action, "client.erased");
    assert!(
        summary.starts_with("erased 1 client, 1 data sources, 0 vendors, 2 assessment versions"),
        "{summary}"
    );
    let speaking: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity_id = ?1 AND summary <> ''
             AND action <> 'client.erased'",
            [client_id],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(speaking, 0);
}

#[test]
fn a_mismatched_confirmation_or_a_matter_relied_on_elsewhere_erases_nothing() {
    let (_dir, path) = vault_path();
    let name = marked_vault(&path);
    let mut vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open");
    let err =
        api::erase_client(&mut vault, ACTOR, &name, &name.to_uppercase()).expect_err("mismatch");
    assert!(matches!(
        err,
        Error::InvalidInput {
            reason: Invalid::ConfirmationMismatch,
            ..
        }
    ));
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.message(dpodesk_core::Lang::Zh)
            .contains("确认内容与客户名称不完全一致"),
        "{}",
        err.message(dpodesk_core::Lang::Zh)
    );

    // Another client's PIA linked to this matter's assessment: the erasure would change it.
    let other = api::resolve_client(&vault, OTHER).expect("other").id;
    let pia = crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &template_of("pia"),
        api::NewAssessmentRequest {
            client_id: Some(other),
            ..assessment_request("Other PIA")
        },
    )
    .expect("pia")
    .id;
    let preview = api::erasure_preview(&vault, &name, "2026-01-01").expect("preview");
    assert!(
        !preview.kept_by_server,
        "a vault's matter is only the user's"
    );
    let current = api::assessment_summaries(&vault, None)
        .expect("list")
        .into_iter()
        .find(|a| a.title.contains(MARK_EN) && a.version == 2)
        .expect("v2")
        .id;
    // Core no longer links across clients; a vault from before that rule may still hold such a
    // link, so it is written around core, as that vault holds it.
    let refused =
        api::link_assessment(&mut vault, ACTOR, &pia, &current).expect_err("another client's");
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
    raw_connection(&path, PASSPHRASE)
        .execute(
            "INSERT INTO assessment_links (assessment_id, linked_id) VALUES (?1, ?2)",
            rusqlite::params![pia, current],
        )
        .expect("older link");
    let err = api::erase_client(&mut vault, ACTOR, &name, &name).expect_err("relied on");
    assert!(
        matches!(err, Error::InvalidInput { reason: Invalid::ReliedOnElsewhere { ref id }, .. } if *id == pia),
        "{err:?}"
    );
    assert_eq!(preview.assessments, 2);
    assert_eq!(api::clients(&vault, true).expect("clients").len(), 2);
    api::verify_audit(&vault).expect("intact");
}

/// `dpodesk` with the vault's and a bundle's passphrase.
fn with_bundle_passphrase(vault: &Path, args: &[&str]) -> std::process::Output {
    Dpodesk::on(vault, Some(PASSPHRASE))
        .env("DPODESK_BUNDLE_PASSPHRASE", OTHER_PASSPHRASE)
        .run(args)
}

#[test]
fn an_imported_matter_is_erased_with_its_bundle_import_rows() {
    let dir = tempfile::tempdir().expect("dir");
    let (from, into) = (dir.path().join("a.dpvault"), dir.path().join("b.dpvault"));
    let name = marked_vault(&from);
    let bundle = dir.path().join("m.dpodesk");
    let bundle_arg = bundle.to_str().expect("utf-8");
    let out = with_bundle_passphrase(
        &from,
        &["bundle", "export", "--client", &name, "--out", bundle_arg],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    api::lock_vault(create_vault(&into)).expect("lock");
    let out = with_bundle_passphrase(&into, &["bundle", "import", bundle_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(markers_in_tables(&into).contains(&"clients".to_owned()));

    let out = dpodesk(
        &into,
        Some(PASSPHRASE),
        &["client", "erase", &name, "--confirm", &name, "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let erased: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(erased["bundle_imports"], 1);
    assert_eq!(markers_in_tables(&into), Vec::<String>::new());
    let conn = raw_connection(&into, PASSPHRASE);
    let left: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM bundle_imports) + (SELECT count(*) FROM bundle_audit)",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(left, 0);
    drop(conn);
    let out = dpodesk(&into, Some(PASSPHRASE), &["audit", "verify"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
