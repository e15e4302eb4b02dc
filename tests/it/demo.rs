//! The demo: a fresh vault whose assessments all open, nine reports (memo, vendor, PIA × zh, en,
//! bi) that pass `qpdf --check`, and the CLI door (`dpodesk demo --out DIR`) with its demo
//! passphrase and its refusal to replace a demo without `--force`.

use dpodesk_core::Error;
use dpodesk_core::api;
use dpodesk_core::api::{Kind, Status};
use dpodesk_core::demo::{self, DEMO_CLIENT, DEMO_PASSPHRASE, DEMO_VAULT_FILE};
use dpodesk_core::report::wording as wd;

use crate::cli::{dpodesk_bin, stderr, stdout};
use crate::reports::{check_file, text_of};
use crate::support::*;

const DATE: &str = "2025-07-20";

#[test]
fn the_demo_builds_a_vault_whose_assessments_open_and_nine_reports() {
    let dir = tempfile::tempdir().expect("dir");
    let made = demo::create(dir.path(), &pass(DEMO_PASSPHRASE), DATE, false).expect("demo");
    assert_eq!(made.reports.len(), 9);
    for report in &made.reports {
        check_file(report);
    }
    let names: Vec<String> = made
        .reports
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    for kind in ["memo", "vendor", "pia"] {
        for lang in ["zh", "en", "bi"] {
            assert!(names.contains(&format!("{kind}-{lang}.pdf")), "{names:?}");
        }
    }
    let memo = text_of(&dir.path().join("reports/memo-en.pdf"), None);
    assert!(memo.contains(wd::EXECUTIVE_SUMMARY.en) && memo.contains("Lin Xiao"));

    let vault = api::open_vault(&made.vault, &pass(DEMO_PASSPHRASE)).expect("open the demo vault");
    let all = api::assessment_summaries(&vault, None).expect("assessments");
    assert_eq!(all.len(), made.assessments.len());
    for kind in [Kind::DataSource, Kind::Vendor, Kind::Pia] {
        assert!(all.iter().any(|a| a.kind == kind), "{kind:?}");
    }
    for a in &all {
        api::assessment_template(&vault, &a.id).expect("template snapshot");
        api::read_assessment(&vault, &a.id)
            .map(|a| a.answers)
            .expect("answers");
        api::read_assessment(&vault, &a.id)
            .map(|a| a.outcome)
            .expect("outcome");
        api::read_assessment(&vault, &a.id)
            .map(|a| a.fingerprint)
            .expect("fingerprint");
    }
    assert!(
        all.iter().filter(|a| a.status == Status::Approved).count() >= 2,
        "sign-offs"
    );
    assert!(
        !api::read_assessment(&vault, &made.assessments[5])
            .map(|a| a.linked)
            .expect("links")
            .is_empty()
    );
    assert!(
        api::actions(&vault, None, None, "2026-01-01")
            .expect("actions")
            .len()
            >= 3
    );
    assert_eq!(api::reports(&vault, None, None).expect("reports").len(), 9);
    api::verify_audit(&vault).expect("audit chain intact");
    drop(vault);

    let again = demo::create(dir.path(), &pass(DEMO_PASSPHRASE), DATE, false);
    assert!(matches!(again, Err(Error::VaultExists(_))), "{again:?}");
    demo::create(dir.path(), &pass(DEMO_PASSPHRASE), DATE, true).expect("--force replaces it");
}

#[test]
fn the_demo_command_prints_its_passphrase_and_refuses_to_replace_without_force() {
    let dir = tempfile::tempdir().expect("dir");
    let run = |args: &[&str]| {
        std::process::Command::new(dpodesk_bin())
            .args(args)
            .env_remove("DPODESK_PASSPHRASE")
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run dpodesk")
    };
    let out_dir = dir.path().to_str().expect("path");
    let first = run(&["demo", "--out", out_dir, "--date", DATE]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains(DEMO_PASSPHRASE),
        "{}",
        stdout(&first)
    );
    assert!(dir.path().join(DEMO_VAULT_FILE).is_file());
    assert_eq!(
        std::fs::read_dir(dir.path().join("reports"))
            .expect("reports")
            .count(),
        9
    );
    let refused = run(&["demo", "--out", out_dir]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));

    // The memo can be rendered again from the demo vault by client name.
    let memo = dir.path().join("again.pdf");
    let memo_arg = memo.to_str().expect("utf-8");
    let again = Dpodesk::on(&dir.path().join(DEMO_VAULT_FILE), Some(DEMO_PASSPHRASE)).run(&[
        "report",
        "--client",
        DEMO_CLIENT,
        "--lang",
        "bi",
        "--out",
        memo_arg,
    ]);
    assert!(again.status.success(), "{}", stderr(&again));
    check_file(&memo);
}
