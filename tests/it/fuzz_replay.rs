//! The fuzzers' corpora and every crash they found (`fuzz/corpus/<target>/`,
//! `fuzz/regressions/<target>/`), replayed through the same entry points as `fuzz/fuzz_targets/`:
//! each input must give Ok or that parser's own error kind, never a panic or another kind. The
//! fuzzers themselves run only under `cargo xtask fuzz`; this keeps what they found in the suite.
//!
//! The encrypted bundle seed is generated, never committed: the replay makes it afresh, and
//! `cargo xtask fuzz` writes it into the (git-ignored) corpus. All seeds are regenerated with
//! `UPDATE_FUZZ_SEEDS=1 cargo test -p dpodesk-tests --test it
//! fuzz_replay::regenerate_seeds -- --ignored`.

use std::path::{Path, PathBuf};

use dpodesk_core::api;
use dpodesk_core::assessment::parse_answers;
use dpodesk_core::bundle;
use dpodesk_core::error::ErrorKind;
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Template};
use dpodesk_core::{Error, Result};

use crate::support::*;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// Every file of the target's corpus and regressions, sorted.
fn inputs(target: &str) -> (Vec<PathBuf>, usize) {
    let mut corpus = Vec::new();
    let mut regressions = 0;
    for (kind, is_regression) in [("corpus", false), ("regressions", true)] {
        let Ok(entries) = std::fs::read_dir(fuzz_dir().join(kind).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if path.is_file() && !hidden {
                corpus.push(path);
                regressions += usize::from(is_regression);
            }
        }
    }
    corpus.sort();
    (corpus, regressions)
}

/// Runs `entry` on every input of `target`: each must be Ok or one of `allowed`. Returns how many
/// were Ok and how many were refused.
fn replay(
    target: &str,
    min_inputs: usize,
    allowed: &[ErrorKind],
    entry: impl Fn(&[u8]) -> Result<()>,
) -> (usize, usize) {
    let (files, _) = inputs(target);
    assert!(
        files.len() >= min_inputs,
        "fuzz/corpus/{target} has {} inputs, expected at least {min_inputs}",
        files.len()
    );
    let (mut ok, mut refused) = (0, 0);
    for file in &files {
        let data = std::fs::read(file).expect("read input");
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| entry(&data)));
        match outcome {
            Ok(Ok(())) => ok += 1,
            Ok(Err(e)) => {
                assert!(
                    allowed.contains(&e.kind()),
                    "{}: unexpected error kind {:?}: {e}",
                    file.display(),
                    e.kind()
                );
                refused += 1;
            }
            Err(_) => panic!("{} panics", file.display()),
        }
    }
    (ok, refused)
}

fn law() -> LawRegister {
    LawRegister::bundled().expect("law")
}

fn templates() -> Vec<Template> {
    template::bundled(&law()).expect("templates")
}

/// As `fuzz_targets/template.rs`.
fn template_entry(law: &LawRegister, data: &[u8]) -> Result<()> {
    match std::str::from_utf8(data) {
        Ok(text) => template::parse("fuzz.toml", text, law).map(|_| ()),
        Err(_) => Ok(()),
    }
}

/// As `fuzz_targets/answers_file.rs`: the first refusal, if any template refuses.
fn answers_entry(templates: &[Template], data: &[u8]) -> Result<()> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let mut accepted = false;
    let mut first_error = None;
    for template in templates {
        match parse_answers("fuzz.toml", text, template) {
            Ok(_) => accepted = true,
            Err(e) => first_error = first_error.or(Some(e)),
        }
    }
    match first_error {
        Some(e) if !accepted => Err(e),
        _ => Ok(()),
    }
}

#[test]
fn template_inputs_parse_or_are_refused_as_invalid_templates() {
    let law = law();
    let (ok, refused) = replay("template", 2, &[ErrorKind::InvalidTemplate], |data| {
        template_entry(&law, data)
    });
    assert!(ok >= 1, "the minimal template seed must stay valid");
    assert!(refused >= 1);
}

#[test]
fn answers_file_inputs_parse_or_are_refused_as_invalid_answers() {
    let templates = templates();
    let (ok, _) = replay("answers_file", 3, &[ErrorKind::InvalidAnswers], |data| {
        answers_entry(&templates, data)
    });
    assert!(ok >= 3, "each scenario seed fits its template");
}

#[test]
fn bundle_inputs_pass_the_first_import_pass_or_are_refused_as_bundle_errors() {
    // The seeds are encrypted files, generated here rather than committed; whatever the fuzzer
    // found (fuzz/regressions) is replayed from the tree.
    let (_dir, _vault, _client, bytes, plain) = seed_bundle();
    bundle::fuzz_check(&bytes).expect("the seed bundle passes the first import pass");
    bundle::fuzz_check(&plain).expect("its plaintext stream passes too");
    replay(
        "bundle_import",
        0,
        &[
            ErrorKind::BundleDamaged,
            ErrorKind::BundleTooNew,
            ErrorKind::BundleWrongPassphrase,
        ],
        bundle::fuzz_check,
    );
}

#[test]
fn cnil_inputs_parse_or_are_refused_as_invalid_cnil_files() {
    let (ok, _) = replay("cnil", 1, &[ErrorKind::InvalidCnil], |data| {
        dpodesk_core::cnil::parse(data).map(|_| ())
    });
    assert!(ok >= 1, "the exported PIA seed parses");
}

/// A tiny bundle of a matter (cheap key derivation, the fuzzing passphrase) and its decrypted
/// stream, made afresh: encrypted files are generated, not committed. Also returns the vault it
/// came from and the client's id.
fn seed_bundle() -> (
    tempfile::TempDir,
    dpodesk_core::Vault,
    String,
    Vec<u8>,
    Vec<u8>,
) {
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    // A small custom template keeps the seed small (a bundled one is ~200 KB of snapshot).
    let minimal =
        std::fs::read_to_string(fuzz_dir().join("corpus/template/minimal.toml")).expect("minimal");
    let small = template::parse("minimal.toml", &minimal, &law()).expect("minimal template");
    let (client, assessment) =
        lead_form_matter(&mut vault, "Seed client 客户", &small, "Seed assessment");
    let answers = parse_answers(
        "a.toml",
        "q_regime = \"both\"\nq_contract = \"no\"\n",
        &small,
    )
    .expect("answers");
    crate::support::save_answers(&mut vault, ACTOR, &assessment, &answers).expect("save");
    let (bytes, plain) = cheap_bundle(&mut vault, &client, &dir.path().join("seed.dpodesk"));
    (dir, vault, client, bytes, plain)
}

/// Writes the generated seeds (the bundle, its plaintext, answers files, a CNIL export).
#[test]
#[ignore = "writes fuzz/corpus; run with UPDATE_FUZZ_SEEDS=1"]
fn regenerate_seeds() {
    if std::env::var_os("UPDATE_FUZZ_SEEDS").is_none() {
        return;
    }
    let corpus = fuzz_dir().join("corpus");
    let write = |target: &str, name: &str, bytes: &[u8]| {
        std::fs::write(corpus.join(target).join(name), bytes).expect("write seed");
    };

    // Answers files: one scenario per template.
    for (kind, fixture) in [
        ("data-source", "02-platform-orders-to-wechat"),
        ("vendor-entrustment", "02-sms-saas-good-dpa"),
        ("pia", "02-small-loyalty-not-required"),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/scenarios")
            .join(kind)
            .join(format!("{fixture}.toml"));
        let table: toml::Table =
            toml::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("toml");
        let answers = toml::to_string(table.get("answers").expect("[answers]")).expect("toml");
        write("answers_file", &format!("{kind}.toml"), answers.as_bytes());
    }

    // A tiny bundle (cheap key derivation, the fuzzing passphrase) and its decrypted stream.
    let (_dir, mut vault, client, bytes, plain) = seed_bundle();
    write("bundle_import", "seed.dpodesk", &bytes);
    write("bundle_import", "seed-stream.bin", &plain);

    // A CNIL export of a small PIA.
    let pia_template = templates()
        .into_iter()
        .find(|t| t.id == "pia")
        .expect("pia");
    let pia = crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &pia_template,
        api::NewAssessmentRequest {
            client_id: Some(client),
            ..assessment_request("Seed PIA")
        },
    )
    .expect("pia")
    .id;
    let export = api::export_cnil(&mut vault, ACTOR, &pia).expect("cnil export");
    write("cnil", "exported-pia.json", export.json.as_bytes());
}

#[test]
fn an_empty_corpus_would_fail_the_replay() {
    let err = std::panic::catch_unwind(|| replay("no-such-target", 1, &[], |_| Ok(())));
    assert!(
        err.is_err(),
        "a missing corpus must fail, not pass vacuously"
    );
    // And a refusal of a kind the parser never gives fails too.
    let dir = fuzz_dir().join("corpus/template");
    assert!(dir.is_dir());
    let wrong_kind = std::panic::catch_unwind(|| {
        replay("template", 1, &[], |_| Err(Error::BundleWrongPassphrase))
    });
    assert!(wrong_kind.is_err());
}
