//! The `dpodesk` binary as a real process: what scripts and users see (exit codes, stdout, stderr).

use std::process::Command;

// The runner is the suite's one (`support::cli`); other files name it from here too.
use crate::support::*;
pub(crate) use crate::support::{dpodesk, dpodesk_bin, stderr, stdout};

#[test]
fn init_then_check_reports_a_healthy_vault() {
    let (_dir, path) = vault_path();
    let init = dpodesk(&path, Some(PASSPHRASE), &["vault", "init"]);
    assert!(init.status.success(), "init failed: {}", stderr(&init));
    assert!(stdout(&init).contains("created vault"), "{}", stdout(&init));
    assert!(path.is_file());

    let check = dpodesk(&path, Some(PASSPHRASE), &["vault", "check", "--json"]);
    assert!(check.status.success(), "check failed: {}", stderr(&check));
    let json = stdout(&check);
    assert!(json.contains("\"ok\":true"), "{json}");
    let schema = format!("\"schema_version\":{}", dpodesk_core::vault::SCHEMA_VERSION);
    assert!(json.contains(&schema), "{json}");
    assert!(json.contains("\"journal_mode\":\"wal\""), "{json}");
}

#[test]
fn a_wrong_passphrase_exits_3_with_one_line_and_changes_nothing() {
    let (_dir, path) = vault_path();
    assert!(
        dpodesk(&path, Some(PASSPHRASE), &["vault", "init"])
            .status
            .success()
    );
    let before = sha256_file(&path);

    let check = dpodesk(&path, Some(OTHER_PASSPHRASE), &["vault", "check"]);
    assert_eq!(check.status.code(), Some(3));
    assert_eq!(
        stderr(&check),
        "dpodesk: wrong passphrase, or not a DPO Desk vault\n"
    );
    assert!(stdout(&check).is_empty());
    assert_eq!(sha256_file(&path), before);
}

#[test]
fn messages_follow_a_chinese_locale() {
    let (_dir, path) = vault_path();
    assert!(
        dpodesk(&path, Some(PASSPHRASE), &["vault", "init"])
            .status
            .success()
    );
    let output = Dpodesk::on(&path, Some(OTHER_PASSPHRASE))
        .lang("zh_CN.UTF-8")
        .run(&["vault", "check"]);
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(
        stderr(&output),
        "dpodesk: 密码错误，或该文件不是 DPO Desk 保险库\n"
    );
}

#[test]
fn a_weak_passphrase_exits_4_and_creates_nothing() {
    let (_dir, path) = vault_path();
    let init = dpodesk(&path, Some("password1234"), &["vault", "init"]);
    assert_eq!(init.status.code(), Some(4));
    assert_eq!(
        stderr(&init),
        "dpodesk: the passphrase is too weak: it is, or closely resembles, a commonly used password: choose a few unrelated words of your own\n"
    );
    assert!(!path.exists());

    // Strength is judged by how guessable it is, not by a count of characters: a Chinese phrase
    // of 11 characters is strong enough.
    let init = dpodesk(&path, Some("蓝色河马在图书馆里唱歌"), &["vault", "init"]);
    assert!(init.status.success(), "{}", stderr(&init));
}

#[test]
fn without_a_passphrase_or_terminal_it_says_what_to_set() {
    let (_dir, path) = vault_path();
    let init = dpodesk(&path, None, &["vault", "init"]);
    assert_eq!(init.status.code(), Some(1));
    assert!(
        stderr(&init).contains("DPODESK_PASSPHRASE"),
        "{}",
        stderr(&init)
    );
    assert!(!path.exists());
}

#[test]
fn check_on_a_missing_vault_never_creates_it() {
    let (_dir, path) = vault_path();
    let check = dpodesk(&path, Some(PASSPHRASE), &["vault", "check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("no vault at"), "{}", stderr(&check));
    assert!(!path.exists());
}

#[test]
fn rekey_takes_the_new_passphrase_from_its_own_variable() {
    let (_dir, path) = vault_path();
    assert!(
        dpodesk(&path, Some(PASSPHRASE), &["vault", "init"])
            .status
            .success()
    );
    let rekey = Dpodesk::on(&path, Some(PASSPHRASE))
        .env("DPODESK_NEW_PASSPHRASE", OTHER_PASSPHRASE)
        .run(&["vault", "rekey"]);
    assert!(rekey.status.success(), "rekey failed: {}", stderr(&rekey));
    assert_eq!(
        dpodesk(&path, Some(PASSPHRASE), &["vault", "check"])
            .status
            .code(),
        Some(3)
    );
    assert!(
        dpodesk(&path, Some(OTHER_PASSPHRASE), &["vault", "check"])
            .status
            .success()
    );
}

#[test]
fn help_documents_the_exit_codes() {
    let output = Command::new(dpodesk_bin())
        .arg("--help")
        .output()
        .expect("run");
    let help = stdout(&output);
    assert!(help.contains("3  wrong passphrase"), "{help}");
    assert!(help.contains("DPODESK_PASSPHRASE"), "{help}");
}
