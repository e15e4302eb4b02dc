//! Storage faults on real file systems, each told as what it is and never as "damaged": a full
//! disk (a small tmpfs, filled), a read-only location (a read-only bind mount as root, which
//! ignores permission bits; chmod otherwise), a second writer holding the lock, the vault file
//! moved or deleted while open, a folder given for a file, and the -wal of an earlier crash in a
//! place where it cannot be written. After each: nothing acknowledged was lost, and `vault check`
//! and `audit verify` pass. Tests that need root to mount say so and skip.

use std::path::Path;

use dpodesk_core::api;
use dpodesk_core::assessment::parse_answers;
use dpodesk_core::error::ErrorKind;
use dpodesk_core::export::{ExportFormat, ExportSubject};
use dpodesk_core::law::LawRegister;
use dpodesk_core::report::ReportLang;
use dpodesk_core::template::{self, Template};
use dpodesk_core::{Error, Lang, Vault};

use crate::cli::{dpodesk, stderr, stdout};
use crate::mounts::{ReadOnly, Tmpfs, fill, is_root};
use crate::support::*;

const DATE: &str = "2026-03-31";

fn client(name: &str) -> api::NewClientRequest {
    api::NewClientRequest {
        name: name.to_owned(),
        matter: String::new(),
        contact: String::new(),
        notes: String::new(),
    }
}

fn add_client(vault: &mut Vault, name: &str) -> String {
    api::add_client(vault, ACTOR, client(name)).expect("add client");
    name.to_owned()
}

fn bundled(id: &str) -> Template {
    let law = LawRegister::bundled().expect("law");
    template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == id)
        .expect("bundled template")
}

fn new_assessment(vault: &mut Vault, template: &Template, title: &str) -> String {
    crate::support::create_assessment(vault, ACTOR, template, assessment_request(title))
        .expect("assessment")
        .id
}

/// The error is `kind`, says `phrase`, and says "damaged" in neither language.
fn assert_fault(error: &Error, kind: ErrorKind, phrase: &str) {
    let en = error.message(Lang::En);
    let zh = error.message(Lang::Zh);
    assert_eq!(error.kind(), kind, "{en}");
    assert!(en.contains(phrase), "{en}");
    assert!(!en.contains("damaged") && !en.contains("restore"), "{en}");
    assert!(!zh.contains("损坏"), "{zh}");
}

/// `vault check` and `audit verify` pass, and the clients are exactly `names`.
fn assert_intact(path: &Path, names: &[String]) {
    for command in [&["vault", "check"][..], &["audit", "verify"]] {
        let out = dpodesk(path, Some(PASSPHRASE), command);
        assert!(out.status.success(), "{command:?}: {}", stderr(&out));
    }
    let vault = api::open_vault(path, &pass(PASSPHRASE)).expect("reopen");
    let mut found: Vec<String> = api::clients(&vault, true)
        .expect("clients")
        .into_iter()
        .map(|c| c.name)
        .collect();
    found.sort();
    let mut expected = names.to_vec();
    expected.sort();
    assert_eq!(found, expected, "acknowledged clients");
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "filler")
        .collect()
}

#[test]
fn a_full_disk_refuses_a_save_as_disk_full_and_loses_nothing_acknowledged() {
    let Some(disk) = Tmpfs::mount("16m", "disk full during a save") else {
        return;
    };
    let path = disk.path().join("full.dpvault");
    let mut vault = create_vault(&path);
    let mut acknowledged = vec![add_client(&mut vault, "before the disk filled")];
    let filler = fill(disk.path());
    // Pages already in the write-ahead log may take a save or two; the first that needs a new
    // page fails.
    let mut refused = None;
    for n in 0..200 {
        let name = format!("after the disk filled {n}");
        match api::add_client(&mut vault, ACTOR, client(&name)) {
            Ok(_) => acknowledged.push(name),
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    let error = refused.expect("a save on a full disk fails");
    assert_fault(&error, ErrorKind::DiskFull, "is full");
    assert!(error.message(Lang::En).contains("your vault is intact"));
    assert!(error.message(Lang::Zh).contains("磁盘已满"));

    // Space freed, the same save goes through on the same open vault.
    std::fs::remove_file(filler).expect("free space");
    acknowledged.push(add_client(&mut vault, "retried"));
    api::lock_vault(vault).expect("lock");
    assert_intact(&path, &acknowledged);
}

#[test]
fn a_full_disk_refuses_an_import_and_a_report_and_keeps_the_vault() {
    let Some(disk) = Tmpfs::mount("16m", "disk full during an import and a report") else {
        return;
    };
    let path = disk.path().join("full.dpvault");
    let mut vault = create_vault(&path);
    let names = vec![add_client(&mut vault, "Kept")];
    let pia = bundled("pia");
    let id = new_assessment(&mut vault, &pia, "Loyalty club");
    let answers = parse_answers(
        "a.toml",
        "pia01_regime = \"both\"\npia04_context = \"Loyalty offers by WeCom\"\n",
        &pia,
    )
    .expect("answers");
    crate::support::save_answers(&mut vault, ACTOR, &id, &answers).expect("save");
    let exported = api::export_cnil(&mut vault, ACTOR, &id).expect("export");
    let head = api::verify_audit(&vault).expect("audit").count;

    let filler = fill(disk.path());
    // An import carries a whole template snapshot: it cannot fit.
    let error = api::import_cnil(&mut vault, ACTOR, &pia, exported.json.as_bytes(), None)
        .expect_err("an import on a full disk fails");
    assert_fault(&error, ErrorKind::DiskFull, "is full");
    // A report is kept in the vault byte for byte: it cannot fit either.
    let error = dpodesk_core::report::generate_report(
        &mut vault,
        ACTOR,
        &id,
        ReportLang::En,
        dpodesk_core::report::ReportFormat::Pdf,
        DATE,
    )
    .expect_err("a report on a full disk fails");
    assert_fault(&error, ErrorKind::DiskFull, "is full");
    assert_eq!(
        api::assessment_summaries(&vault, None).expect("list").len(),
        1,
        "no import"
    );
    assert_eq!(
        api::reports(&vault, None, None).expect("reports").len(),
        0,
        "no report"
    );
    assert_eq!(api::verify_audit(&vault).expect("audit").count, head);

    // The report file itself, written to the full disk, is refused whole.
    std::fs::remove_file(&filler).expect("free space");
    let report = dpodesk_core::report::generate_report(
        &mut vault,
        ACTOR,
        &id,
        ReportLang::En,
        dpodesk_core::report::ReportFormat::Pdf,
        DATE,
    )
    .expect("report once there is space");
    let filler = fill(disk.path());
    let out = disk.path().join("memo.pdf");
    let error = dpodesk_core::files::write_atomically(&out, &report.bytes)
        .expect_err("the report file does not fit");
    assert_fault(&error, ErrorKind::DiskFull, "memo.pdf could not be written");
    assert!(!out.exists());
    assert!(
        leftovers(disk.path())
            .iter()
            .all(|n| n.starts_with("full.")),
        "{:?}",
        leftovers(disk.path())
    );
    std::fs::remove_file(filler).expect("free space");
    api::lock_vault(vault).expect("lock");
    assert_intact(&path, &names);
}

#[test]
fn a_backup_to_a_full_disk_is_refused_as_disk_full_and_leaves_nothing() {
    let Some(disk) = Tmpfs::mount("1m", "disk full during a backup") else {
        return;
    };
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let names = vec![add_client(&mut vault, "Kept")];
    let template = bundled("pia");
    new_assessment(&mut vault, &template, "Large enough not to fit");
    let filler = fill(disk.path());
    let out = disk.path().join("backup.dpvault");
    let error = api::backup(&mut vault, ACTOR, &out, None).expect_err("no room for the backup");
    assert_fault(
        &error,
        ErrorKind::DiskFull,
        "backup.dpvault could not be written",
    );
    assert!(!out.exists());
    assert!(
        leftovers(disk.path()).is_empty(),
        "{:?}",
        leftovers(disk.path())
    );
    std::fs::remove_file(filler).expect("free space");
    api::lock_vault(vault).expect("lock");
    assert_intact(&path, &names);
}

#[test]
fn a_read_only_vault_reads_searches_reports_and_exports_but_refuses_every_write() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.dpvault");
    let mut vault = create_vault(&path);
    let names = vec![add_client(&mut vault, "Readable Holdings 华东")];
    let template = bundled("data-source");
    let id = new_assessment(&mut vault, &template, "WeCom channel");
    api::lock_vault(vault).expect("lock");
    let before = sha256_file(&path);
    let Some(read_only) = ReadOnly::make(dir.path(), "read-only location") else {
        return;
    };

    let mut vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("opens read-only");
    assert!(api::is_read_only(&vault));
    assert!(api::vault_info(&vault).expect("describe").read_only);
    assert_eq!(api::clients(&vault, false).expect("clients").len(), 1);
    let hits = api::search(&vault, "Readable", 10).expect("search");
    assert_eq!(hits.len(), 1, "{hits:?}");
    let elsewhere = tempfile::tempdir().expect("writable output");
    let report = dpodesk_core::report::generate_report(
        &mut vault,
        ACTOR,
        &id,
        ReportLang::En,
        dpodesk_core::report::ReportFormat::Pdf,
        DATE,
    )
    .expect("report");
    let out = elsewhere.path().join("report.pdf");
    dpodesk_core::files::write_atomically(&out, &report.bytes).expect("written elsewhere");
    assert!(std::fs::read(&out).expect("pdf").starts_with(b"%PDF"));
    let export = dpodesk_core::export::export(
        &mut vault,
        ACTOR,
        &ExportSubject::Answers {
            assessment: id.clone(),
        },
        ExportFormat::Csv,
        Lang::En,
        DATE,
    )
    .expect("export");
    assert!(export.rows > 0);

    let backup = elsewhere.path().join("backup.dpvault");
    api::backup(&mut vault, ACTOR, &backup, None).expect("a backup of a read-only vault");
    let copy = api::open_vault(&backup, &pass(PASSPHRASE)).expect("the backup opens");
    api::check_vault(&copy).expect("backup check");
    assert_eq!(api::clients(&copy, false).expect("clients").len(), 1);
    api::lock_vault(copy).expect("lock");
    let error = api::create_vault(&dir.path().join("new.dpvault"), &pass(PASSPHRASE), ACTOR)
        .expect_err("no new vault in a read-only folder");
    // A read-only mount says read-only; a folder without write permission, permission denied.
    if is_root() {
        assert_fault(
            &error,
            ErrorKind::ReadOnly,
            "new.dpvault is in a read-only place",
        );
    } else {
        assert_fault(&error, ErrorKind::PermissionDenied, "new.dpvault");
    }
    assert!(!dir.path().join("new.dpvault").exists());

    let error = api::add_client(&mut vault, ACTOR, client("Not saved")).expect_err("read-only");
    assert_fault(&error, ErrorKind::ReadOnly, "read-only here");
    assert!(error.message(Lang::Zh).contains("只读"));
    let error = dpodesk_core::testing::set_setting(&mut vault, "k", "v").expect_err("read-only");
    assert_eq!(error.kind(), ErrorKind::ReadOnly);
    let error =
        api::answer_from_file(&mut vault, ACTOR, &id, "answers.toml", "").expect_err("read-only");
    assert_eq!(error.kind(), ErrorKind::ReadOnly);
    api::check_vault(&vault).expect("check");
    api::verify_audit(&vault).expect("audit");
    api::lock_vault(vault).expect("lock");

    // The CLI reads and refuses alike, with exit 6 and the read-only wording.
    let list = dpodesk(&path, Some(PASSPHRASE), &["client", "list"]);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(
        stdout(&list).contains("Readable Holdings"),
        "{}",
        stdout(&list)
    );
    let add = dpodesk(&path, Some(PASSPHRASE), &["client", "add", "--name", "X"]);
    assert_eq!(add.status.code(), Some(6), "{}", stderr(&add));
    assert!(stderr(&add).contains("read-only here"), "{}", stderr(&add));
    assert!(!stderr(&add).contains("damaged"), "{}", stderr(&add));
    let zh = Dpodesk::on(&path, Some(PASSPHRASE))
        .lang("zh_CN.UTF-8")
        .run(&["client", "add", "--name", "X"]);
    assert_eq!(zh.status.code(), Some(6), "{}", stderr(&zh));
    assert!(
        stderr(&zh).contains("此保险库在此处为只读"),
        "{}",
        stderr(&zh)
    );
    let pdf = elsewhere.path().join("cli.pdf");
    let pdf_text = pdf.to_string_lossy().into_owned();
    let report = dpodesk(
        &path,
        Some(PASSPHRASE),
        &["report", &id, "--lang", "en", "--out", &pdf_text],
    );
    assert!(report.status.success(), "{}", stderr(&report));
    assert!(stderr(&report).contains("not kept"), "{}", stderr(&report));
    assert!(pdf.is_file());
    let check = dpodesk(&path, Some(PASSPHRASE), &["vault", "check", "--json"]);
    assert!(
        stdout(&check).contains("\"read_only\":true"),
        "{}",
        stdout(&check)
    );
    for command in [&["vault", "check"][..], &["audit", "verify"]] {
        let out = dpodesk(&path, Some(PASSPHRASE), command);
        assert!(out.status.success(), "{command:?}: {}", stderr(&out));
    }

    assert_eq!(sha256_file(&path), before, "the read-only vault changed");
    assert!(!side_file(&path, "-wal").exists() && !side_file(&path, "-shm").exists());
    drop(read_only);
    assert_intact(&path, &names);
}

#[test]
fn the_wal_of_an_earlier_crash_in_a_read_only_place_is_named_and_kept() {
    let live = tempfile::tempdir().expect("dir");
    let live_path = live.path().join("v.dpvault");
    let mut vault = create_vault(&live_path);
    let names = vec![add_client(&mut vault, "Only in the WAL")];
    // A copy taken while open is what a crash leaves: the newest pages still in the -wal.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("v.dpvault");
    std::fs::copy(&live_path, &path).expect("copy");
    std::fs::copy(side_file(&live_path, "-wal"), side_file(&path, "-wal")).expect("copy wal");
    api::lock_vault(vault).expect("lock");
    assert!(
        std::fs::metadata(side_file(&path, "-wal"))
            .expect("wal")
            .len()
            > 0
    );

    let Some(read_only) = ReadOnly::make(dir.path(), "unwritable -wal") else {
        return;
    };
    let error = api::open_vault(&path, &pass(PASSPHRASE)).expect_err("the -wal cannot be replayed");
    assert_fault(&error, ErrorKind::WalUnwritable, "v.dpvault-wal");
    drop(read_only);
    // Where it can be written, the -wal is replayed and nothing is missing.
    assert_intact(&path, &names);
}

#[test]
fn a_second_writer_holding_the_lock_makes_the_vault_busy_after_waiting() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let mut names = vec![add_client(&mut vault, "Before")];
    let holder = raw_connection(&path, PASSPHRASE);
    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("hold the lock");

    let error = api::add_client(&mut vault, ACTOR, client("While held")).expect_err("busy");
    assert_fault(&error, ErrorKind::VaultBusy, "is busy");
    let cli = dpodesk(&path, Some(PASSPHRASE), &["client", "add", "--name", "CLI"]);
    assert_eq!(cli.status.code(), Some(5), "{}", stderr(&cli));
    assert!(stderr(&cli).contains("busy"), "{}", stderr(&cli));

    holder.execute_batch("ROLLBACK").expect("release");
    drop(holder);
    names.push(add_client(&mut vault, "After"));
    api::lock_vault(vault).expect("lock");
    assert_intact(&path, &names);
}

#[test]
fn a_vault_moved_or_deleted_while_open_refuses_writes_and_keeps_what_was_saved() {
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let names = vec![add_client(&mut vault, "Saved before")];
    let moved = dir.path().join("moved.dpvault");
    std::fs::rename(&path, &moved).expect("move away");
    let error = api::add_client(&mut vault, ACTOR, client("Lost")).expect_err("gone");
    assert_fault(&error, ErrorKind::VaultVanished, "is gone");
    assert!(error.message(Lang::En).contains("test.dpvault"));
    api::lock_vault(vault).expect("lock");
    std::fs::rename(&moved, &path).expect("put back");
    assert_intact(&path, &names);

    let mut vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open");
    std::fs::remove_file(&path).expect("delete");
    let error = api::add_client(&mut vault, ACTOR, client("Lost")).expect_err("gone");
    assert_eq!(error.kind(), ErrorKind::VaultVanished);
    assert!(!path.exists(), "a write re-created the file");
}

#[test]
fn a_folder_given_as_the_vault_is_named_a_folder() {
    let dir = tempfile::tempdir().expect("dir");
    let error = api::open_vault(dir.path(), &pass(PASSPHRASE)).expect_err("a folder");
    assert_fault(&error, ErrorKind::IsAFolder, "is a folder");
    let out = dpodesk(dir.path(), Some(PASSPHRASE), &["client", "list"]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("is a folder"), "{}", stderr(&out));
}

#[test]
fn the_cli_says_disk_full_for_a_save_and_for_a_report_never_damaged() {
    let Some(disk) = Tmpfs::mount("16m", "CLI on a full disk") else {
        return;
    };
    let path = disk.path().join("cli.dpvault");
    let ok = |args: &[&str]| {
        let out = dpodesk(&path, Some(PASSPHRASE), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    ok(&["vault", "init"]);
    let mut names = vec!["Before".to_owned()];
    ok(&["client", "add", "--name", "Before"]);

    let filler = fill(disk.path());
    let mut refused = None;
    for n in 0..100 {
        let name = format!("After {n}");
        let out = dpodesk(&path, Some(PASSPHRASE), &["client", "add", "--name", &name]);
        if out.status.success() {
            names.push(name);
        } else {
            refused = Some(out);
            break;
        }
    }
    let out = refused.expect("a save on a full disk fails");
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("is full") && message.contains("intact"),
        "{message}"
    );
    assert!(!message.contains("damaged"), "{message}");
    std::fs::remove_file(filler).expect("free space");

    // A report written to a full disk from a vault elsewhere.
    let (_elsewhere, other) = vault_path();
    let run = |args: &[&str]| dpodesk(&other, Some(PASSPHRASE), args);
    assert!(run(&["vault", "init"]).status.success());
    let new = run(&[
        "assess",
        "new",
        "--template",
        "data-source",
        "--title",
        "Web",
    ]);
    let other_id = stdout(&new).trim().to_owned();
    let filler = fill(disk.path());
    let pdf = disk.path().join("report.pdf");
    let pdf_text = pdf.to_string_lossy().into_owned();
    let out = run(&["report", &other_id, "--lang", "en", "--out", &pdf_text]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(message.contains("the disk is full"), "{message}");
    assert!(!message.contains("damaged"), "{message}");
    assert!(!pdf.exists());
    std::fs::remove_file(filler).expect("free space");
    assert_intact(&path, &names);
}
