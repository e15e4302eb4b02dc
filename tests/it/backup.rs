//! Backup and restore: an encrypted, consistent copy taken while the vault is open, restored only
//! after it opens and passes every check; a bad backup leaves the target byte for byte as it was.

use std::collections::BTreeMap;
use std::path::Path;

use dpodesk_core::api;
use dpodesk_core::{Error, Vault};

use crate::support::*;

/// Every table's rows, as text, keyed by table name (a raw keyed connection, around core).
fn dump(path: &Path, passphrase: &str) -> BTreeMap<String, Vec<String>> {
    let conn = raw_connection(path, passphrase);
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("tables")
        .query_map([], |row| row.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("names");
    let mut out = BTreeMap::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
            .or_else(|_| conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1")))
            .expect("select");
        let columns = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |row| {
                let values: Vec<String> = (0..columns)
                    .map(|i| {
                        format!(
                            "{:?}",
                            row.get::<_, rusqlite::types::Value>(i).expect("value")
                        )
                    })
                    .collect();
                Ok(values.join("|"))
            })
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("collect");
        out.insert(table, rows);
    }
    out
}

/// A vault with a few clients and settings, left open (its newest pages sit in the WAL).
fn populated(path: &Path) -> Vault {
    let mut vault = create_vault(path);
    for i in 0..20 {
        api::add_client(
            &mut vault,
            ACTOR,
            api::NewClientRequest {
                name: format!("Client {i} 客户"),
                matter: String::new(),
                contact: String::new(),
                notes: format!("note {i}"),
            },
        )
        .expect("add client");
        dpodesk_core::testing::set_setting(&mut vault, &format!("k{i}"), &format!("v{i}"))
            .expect("setting");
    }
    vault
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_taken_while_open_restores_into_a_new_path_with_equal_rows() {
    let (dir, path) = vault_path();
    let mut vault = populated(&path);
    assert!(
        std::fs::metadata(side_file(&path, "-wal"))
            .expect("WAL")
            .len()
            > 0
    );
    let before = dump(&path, PASSPHRASE);

    let out = dir.path().join("copy.dpbackup");
    let info = api::backup(&mut vault, ACTOR, &out, None).expect("backup");
    assert_eq!(info.path, out);
    assert_eq!(info.audit_entries, before["audit_log"].len() as u64);
    let bytes = std::fs::read(&out).expect("read backup");
    assert_eq!(bytes.len() as u64, info.size);
    assert_ne!(
        &bytes[..16],
        b"SQLite format 3\0",
        "the backup is encrypted"
    );
    assert!(!file_contains(&out, "Client 7"));
    assert!(!file_contains(&out, "客户"));
    // Nothing but the backup was left beside it (no temp file, no journal).
    assert_eq!(
        listing(dir.path())
            .into_iter()
            .filter(|n| !n.starts_with("test.dpvault"))
            .collect::<Vec<_>>(),
        ["copy.dpbackup"]
    );
    // The backup holds exactly the rows the vault had when it was taken.
    assert_eq!(dump(&out, PASSPHRASE), before);
    // The vault recorded the backup and its chain still verifies.
    let head = api::verify_audit(&vault).expect("verify");
    assert_eq!(head.count, info.audit_entries + 1);
    api::lock_vault(vault).expect("lock");

    let target = dir.path().join("restored").join("vault.dpvault");
    let (restored, restore) =
        api::restore_vault(&target, &out, &pass(PASSPHRASE), ACTOR).expect("restore");
    assert_eq!(restore.previous, None);
    assert_eq!(restore.audit_entries, info.audit_entries);
    assert_eq!(
        api::verify_audit(&restored).expect("verify").count,
        info.audit_entries + 1
    );
    assert_eq!(api::clients(&restored, true).expect("clients").len(), 20);
    api::lock_vault(restored).expect("lock");
    let mut after = dump(&target, PASSPHRASE);
    // The only difference: the restore's own audit entry (and the anchor that follows it).
    let restored_log = after.remove("audit_log").expect("log");
    after.remove("audit_anchor");
    let mut expected = before.clone();
    let original_log = expected.remove("audit_log").expect("log");
    expected.remove("audit_anchor");
    assert_eq!(after, expected);
    assert_eq!(restored_log[..original_log.len()], original_log[..]);
    assert_eq!(restored_log.len(), original_log.len() + 1);
    assert!(
        restored_log
            .last()
            .expect("entry")
            .contains("vault.restored")
    );
    // The backup file itself was only read.
    assert_eq!(std::fs::read(&out).expect("read"), bytes);
}

#[test]
fn restore_over_an_existing_vault_keeps_the_previous_one_aside() {
    let (dir, path) = vault_path();
    let mut vault = populated(&path);
    let out = dir.path().join("copy.dpbackup");
    api::backup(&mut vault, ACTOR, &out, None).expect("backup");
    dpodesk_core::testing::set_setting(&mut vault, "after-backup", "yes").expect("later change");
    api::lock_vault(vault).expect("lock");
    let current = sha256_file(&path);

    let (restored, info) =
        api::restore_vault(&path, &out, &pass(PASSPHRASE), ACTOR).expect("restore");
    assert_eq!(
        dpodesk_core::testing::setting(&restored, "after-backup").expect("read"),
        None
    );
    assert_eq!(
        dpodesk_core::testing::setting(&restored, "k3")
            .expect("read")
            .as_deref(),
        Some("v3")
    );
    api::lock_vault(restored).expect("lock");
    let aside = info.previous.expect("previous vault kept");
    assert!(
        aside
            .file_name()
            .expect("name")
            .to_string_lossy()
            .starts_with("test.dpvault.before-restore-")
    );
    assert_eq!(sha256_file(&aside), current);
    let previous = api::open_vault(&aside, &pass(PASSPHRASE)).expect("previous opens");
    assert_eq!(
        dpodesk_core::testing::setting(&previous, "after-backup")
            .expect("read")
            .as_deref(),
        Some("yes")
    );
}

#[test]
fn backup_refuses_to_overwrite_a_file() {
    let (dir, path) = vault_path();
    let mut vault = populated(&path);
    let out = dir.path().join("exists.dpbackup");
    std::fs::write(&out, b"keep me").expect("write");
    let err = api::backup(&mut vault, ACTOR, &out, None).expect_err("must refuse");
    assert!(matches!(err, Error::VaultExists(_)), "{err:?}");
    assert_eq!(std::fs::read(&out).expect("read"), b"keep me");
    assert_eq!(
        listing(dir.path())
            .into_iter()
            .filter(|n| !n.starts_with("test.dpvault"))
            .collect::<Vec<_>>(),
        ["exists.dpbackup"]
    );
}

/// Restoring `backup` over a healthy vault must fail and leave the folder exactly as it was.
fn assert_refused(dir: &Path, target: &Path, backup: &Path, passphrase: &str) -> Error {
    let target_hash = sha256_file(target);
    let backup_hash = sha256_file(backup);
    let files = listing(dir);
    let err = api::restore_vault(target, backup, &pass(passphrase), ACTOR)
        .map(|_| ())
        .expect_err("a bad backup must be refused");
    assert_eq!(sha256_file(target), target_hash, "target changed");
    assert_eq!(sha256_file(backup), backup_hash, "backup changed");
    assert_eq!(listing(dir), files, "files left behind or moved");
    let still = api::open_vault(target, &pass(PASSPHRASE)).expect("target still opens");
    assert_eq!(
        dpodesk_core::testing::setting(&still, "target")
            .expect("read")
            .as_deref(),
        Some("original")
    );
    api::lock_vault(still).expect("lock");
    assert_eq!(sha256_file(target), target_hash);
    err
}

/// A folder with a closed target vault and a fresh backup of another vault.
fn target_and_backup() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let (dir, source) = vault_path();
    let mut vault = populated(&source);
    let backup = dir.path().join("copy.dpbackup");
    api::backup(&mut vault, ACTOR, &backup, None).expect("backup");
    api::lock_vault(vault).expect("lock");
    let target = dir.path().join("target.dpvault");
    let mut target_vault = create_vault(&target);
    dpodesk_core::testing::set_setting(&mut target_vault, "target", "original").expect("set");
    api::lock_vault(target_vault).expect("lock");
    (dir, target, backup)
}

#[test]
fn restore_refuses_a_wrong_passphrase_and_leaves_the_target_untouched() {
    let (dir, target, backup) = target_and_backup();
    let err = assert_refused(dir.path(), &target, &backup, OTHER_PASSPHRASE);
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
}

#[test]
fn restore_refuses_a_truncated_backup_and_leaves_the_target_untouched() {
    let (dir, target, backup) = target_and_backup();
    let full = std::fs::read(&backup).expect("read");
    // Not a whole number of pages.
    std::fs::write(&backup, &full[..full.len() / 2 + 100]).expect("truncate");
    let err = assert_refused(dir.path(), &target, &backup, PASSPHRASE);
    assert!(matches!(err, Error::Truncated { .. }), "{err:?}");
    // Whole pages, but the last ones missing.
    std::fs::write(&backup, &full[..full.len() - 2 * 4096]).expect("truncate");
    let err = assert_refused(dir.path(), &target, &backup, PASSPHRASE);
    assert!(
        matches!(err, Error::Corrupted { .. } | Error::Database(_)),
        "{err:?}"
    );
}

#[test]
fn restore_refuses_a_backup_whose_audit_log_was_tampered_with() {
    let (dir, target, backup) = target_and_backup();
    {
        let conn = raw_connection(&backup, PASSPHRASE);
        let changed = conn
            .execute(
                "UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 3",
                [],
            )
            .expect("tamper");
        assert_eq!(changed, 1);
    }
    let err = assert_refused(dir.path(), &target, &backup, PASSPHRASE);
    assert!(
        matches!(err, Error::AuditBroken { position: 3, .. }),
        "{err:?}"
    );
}

#[test]
fn restore_refuses_a_backup_with_a_flipped_byte() {
    let (dir, target, backup) = target_and_backup();
    let mut bytes = std::fs::read(&backup).expect("read");
    let at = bytes.len() - 4096 + 200;
    bytes[at] ^= 0x40;
    std::fs::write(&backup, &bytes).expect("write");
    let err = assert_refused(dir.path(), &target, &backup, PASSPHRASE);
    assert!(
        matches!(err, Error::Corrupted { .. } | Error::Database(_)),
        "{err:?}"
    );
}

#[test]
fn cli_backup_and_restore() {
    use crate::cli::{dpodesk, stderr, stdout};
    let (dir, path) = vault_path();
    assert!(
        dpodesk(&path, Some(PASSPHRASE), &["vault", "init"])
            .status
            .success()
    );
    let add = dpodesk(
        &path,
        Some(PASSPHRASE),
        &["client", "add", "--name", "Acme 客户"],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let out = dir.path().join("b.dpbackup");
    let out_arg = out.to_str().expect("utf-8");

    let backup = dpodesk(
        &path,
        Some(PASSPHRASE),
        &["vault", "backup", "--out", out_arg],
    );
    assert!(backup.status.success(), "{}", stderr(&backup));
    assert!(
        stdout(&backup).contains("backup written to"),
        "{}",
        stdout(&backup)
    );
    let again = dpodesk(
        &path,
        Some(PASSPHRASE),
        &["vault", "backup", "--out", out_arg],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );

    let target = dir.path().join("other.dpvault");
    let wrong = dpodesk(
        &target,
        Some(OTHER_PASSPHRASE),
        &["vault", "restore", "--from", out_arg],
    );
    assert_eq!(wrong.status.code(), Some(3), "{}", stderr(&wrong));
    assert!(!target.exists());

    let restore = dpodesk(
        &target,
        Some(PASSPHRASE),
        &["vault", "restore", "--from", out_arg],
    );
    assert!(restore.status.success(), "{}", stderr(&restore));
    assert!(
        stdout(&restore).contains("passphrase is now the one the backup was made under"),
        "{}",
        stdout(&restore)
    );
    let list = dpodesk(&target, Some(PASSPHRASE), &["client", "list"]);
    assert!(stdout(&list).contains("Acme 客户"), "{}", stdout(&list));
    let verify = dpodesk(&target, Some(PASSPHRASE), &["audit", "verify"]);
    assert!(verify.status.success(), "{}", stderr(&verify));

    // Over the original: the previous vault is kept aside and named.
    let over = dpodesk(
        &path,
        Some(PASSPHRASE),
        &["vault", "restore", "--from", out_arg],
    );
    assert!(over.status.success(), "{}", stderr(&over));
    assert!(
        stdout(&over).contains(".before-restore-"),
        "{}",
        stdout(&over)
    );
}

#[test]
fn a_backup_after_rekey_opens_with_the_new_passphrase_only() {
    let (dir, path) = vault_path();
    let mut vault = populated(&path);
    api::rekey(&mut vault, &pass(OTHER_PASSPHRASE), ACTOR).expect("rekey");
    let out = dir.path().join("after-rekey.dpbackup");
    api::backup(&mut vault, ACTOR, &out, None).expect("backup");
    api::lock_vault(vault).expect("lock");
    let target = dir.path().join("t.dpvault");
    let err = api::restore_vault(&target, &out, &pass(PASSPHRASE), ACTOR)
        .map(|_| ())
        .expect_err("old passphrase");
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
    assert!(!target.exists());
    let (restored, _) =
        api::restore_vault(&target, &out, &pass(OTHER_PASSPHRASE), ACTOR).expect("restore");
    assert_eq!(api::clients(&restored, true).expect("clients").len(), 20);
}

#[test]
fn a_recovery_copy_opens_only_with_the_recovery_passphrase_and_restores_like_a_backup() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("v.dpvault");
    let vault = populated(&path);
    api::lock_vault(vault).expect("lock");
    let before = dump(&path, PASSPHRASE);
    let out = dir.path().join("recovery.dpvault");
    let run = |args: &[&str], passphrase: &str, new: Option<&str>| {
        let run = Dpodesk::on(&path, Some(passphrase));
        match new {
            Some(new) => run.env("DPODESK_NEW_PASSPHRASE", new),
            None => run,
        }
        .run(args)
    };
    let out_arg = out.to_str().expect("utf-8");

    let weak = run(
        &["vault", "backup", "--out", out_arg, "--recovery"],
        PASSPHRASE,
        Some("short"),
    );
    assert!(!weak.status.success());
    assert!(!out.exists());
    let made = run(
        &["vault", "backup", "--out", out_arg, "--recovery"],
        PASSPHRASE,
        Some(OTHER_PASSPHRASE),
    );
    assert!(made.status.success(), "{}", crate::cli::stderr(&made));
    assert!(
        crate::cli::stdout(&made).starts_with("recovery copy written to"),
        "{}",
        crate::cli::stdout(&made)
    );
    assert!(matches!(
        api::open_vault(&out, &pass(PASSPHRASE)),
        Err(Error::WrongPassphrase)
    ));

    // The passphrase is lost: restore from the recovery copy with the recovery passphrase.
    let restored = run(
        &["vault", "restore", "--from", out_arg],
        OTHER_PASSPHRASE,
        None,
    );
    assert!(
        restored.status.success(),
        "{}",
        crate::cli::stderr(&restored)
    );
    let vault =
        api::open_vault(&path, &pass(OTHER_PASSPHRASE)).expect("opens with the recovery one");
    assert_eq!(api::clients(&vault, true).expect("clients").len(), 20);
    api::verify_audit(&vault).expect("chain");
    api::lock_vault(vault).expect("lock");
    let mut after = dump(&path, OTHER_PASSPHRASE);
    let mut before = before;
    // The rows are equal; the log gains the backup's and the restore's entries.
    after.remove("audit_log");
    after.remove("audit_anchor");
    before.remove("audit_log");
    before.remove("audit_anchor");
    assert_eq!(after, before);
}
