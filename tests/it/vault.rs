//! The vault's promises: encrypted at rest (file, WAL and SHM), a wrong passphrase is its own error
//! and changes nothing, rekey, a distinct error for each kind of bad file, and migrations.

use std::io::Write;

use dpodesk_core::api;
use dpodesk_core::vault::{Guessable, SCHEMA_VERSION, WeakReason};
use dpodesk_core::{Error, Vault};

use crate::support::*;

const LATIN_MARKER: &str = "ZEBRA-MARKER-7731";
const CHINESE_MARKER: &str = "斑马标记七七三一";

fn write_markers(vault: &mut Vault) {
    for i in 0..200 {
        dpodesk_core::testing::set_setting(
            vault,
            &format!("marker.{i}"),
            &format!("{LATIN_MARKER} {CHINESE_MARKER} {i}"),
        )
        .expect("write marker");
    }
}

#[test]
fn content_is_encrypted_in_the_file_wal_and_shm() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    write_markers(&mut vault);

    // While open, the newest pages sit in the WAL: it must be encrypted too.
    let wal = side_file(&path, "-wal");
    assert!(
        std::fs::metadata(&wal)
            .expect("WAL exists while open")
            .len()
            > 0
    );
    for file in [&path, &wal, &side_file(&path, "-shm")] {
        assert!(
            !file_contains(file, LATIN_MARKER),
            "{} holds the Latin marker",
            file.display()
        );
        assert!(
            !file_contains(file, CHINESE_MARKER),
            "{} holds the Chinese marker",
            file.display()
        );
    }
    api::lock_vault(vault).expect("lock");

    let header = &std::fs::read(&path).expect("read vault")[..16];
    assert_ne!(header, b"SQLite format 3\0");
    assert!(!file_contains(&path, LATIN_MARKER));
    assert!(!file_contains(&path, CHINESE_MARKER));

    let reopened = api::open_vault(&path, &pass(PASSPHRASE)).expect("reopen");
    assert_eq!(
        dpodesk_core::testing::setting(&reopened, "marker.7")
            .expect("read")
            .as_deref(),
        Some(format!("{LATIN_MARKER} {CHINESE_MARKER} 7").as_str())
    );
}

#[test]
fn wrong_passphrase_is_its_own_error_and_leaves_the_file_unchanged() {
    let (_dir, path) = vault_path();
    api::lock_vault(create_vault(&path)).expect("lock");
    let before = sha256_file(&path);

    let err =
        api::open_vault(&path, &pass(OTHER_PASSPHRASE)).expect_err("wrong passphrase must fail");
    assert!(matches!(err, Error::WrongPassphrase), "got {err:?}");
    assert_eq!(err.to_string(), "wrong passphrase, or not a DPO Desk vault");
    assert_eq!(sha256_file(&path), before);
    assert!(!side_file(&path, "-wal").exists());

    api::open_vault(&path, &pass(PASSPHRASE)).expect("right passphrase still opens");
}

#[test]
fn rekey_retires_the_old_passphrase() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    dpodesk_core::testing::set_setting(&mut vault, "profile.name", "王律师").expect("write");
    api::rekey(&mut vault, &pass(OTHER_PASSPHRASE), ACTOR).expect("rekey");
    api::lock_vault(vault).expect("lock");

    let err = api::open_vault(&path, &pass(PASSPHRASE)).expect_err("old passphrase must fail");
    assert!(matches!(err, Error::WrongPassphrase), "got {err:?}");
    let vault = api::open_vault(&path, &pass(OTHER_PASSPHRASE)).expect("new passphrase opens");
    assert_eq!(
        dpodesk_core::testing::setting(&vault, "profile.name")
            .expect("read")
            .as_deref(),
        Some("王律师")
    );
    assert_eq!(
        api::check_vault(&vault).expect("check").audit_entries,
        2,
        "created + rekeyed"
    );
}

#[test]
fn rekey_refuses_a_weak_passphrase_and_keeps_the_old_one() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let err = api::rekey(&mut vault, &pass("password1234"), ACTOR).expect_err("weak");
    assert!(
        matches!(
            err,
            Error::WeakPassphrase(WeakReason::TooGuessable {
                why: Guessable::CommonPassword
            })
        ),
        "got {err:?}"
    );
    api::lock_vault(vault).expect("lock");
    let mut vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("old passphrase still works");

    // The same rule as a new vault's: 11 Chinese characters that do not belong together pass.
    api::rekey(&mut vault, &pass("蓝色河马在图书馆里唱歌"), ACTOR).expect("strong");
    api::lock_vault(vault).expect("lock");
    api::open_vault(&path, &pass("蓝色河马在图书馆里唱歌")).expect("new passphrase");
}

#[test]
fn create_refuses_weak_passphrases_and_existing_files_without_touching_anything() {
    let (_dir, path) = vault_path();
    let err = api::create_vault(&path, &pass("password1234"), ACTOR).expect_err("weak");
    assert!(matches!(err, Error::WeakPassphrase(_)), "got {err:?}");
    assert!(!path.exists(), "a refused create leaves no file");

    std::fs::write(&path, b"someone's notes").expect("write");
    let err = api::create_vault(&path, &pass(PASSPHRASE), ACTOR).expect_err("exists");
    assert!(matches!(err, Error::VaultExists(_)), "got {err:?}");
    assert_eq!(std::fs::read(&path).expect("read"), b"someone's notes");
}

#[test]
fn opening_never_creates_and_names_each_kind_of_bad_file() {
    let (dir, path) = vault_path();
    let err = api::open_vault(&path, &pass(PASSPHRASE)).expect_err("missing");
    assert!(matches!(err, Error::VaultNotFound(_)), "got {err:?}");
    assert!(!path.exists(), "open must not create");

    let empty = dir.path().join("empty.dpvault");
    std::fs::File::create(&empty).expect("create empty");
    let err = api::open_vault(&empty, &pass(PASSPHRASE)).expect_err("empty");
    assert!(matches!(err, Error::EmptyFile(_)), "got {err:?}");

    // Random bytes of a plausible size cannot be told from a wrong key: SQLCipher has no
    // plaintext header to recognise.
    let random = dir.path().join("random.dpvault");
    let noise: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&random, &noise).expect("write random");
    let err = api::open_vault(&random, &pass(PASSPHRASE)).expect_err("random");
    assert!(matches!(err, Error::WrongPassphrase), "got {err:?}");
    assert_eq!(std::fs::read(&random).expect("read"), noise);

    let plain = dir.path().join("plain.sqlite");
    let conn = rusqlite::Connection::open(&plain).expect("plain");
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("plain schema");
    drop(conn);
    let err = api::open_vault(&plain, &pass(PASSPHRASE)).expect_err("plain");
    assert!(matches!(err, Error::NotEncrypted(_)), "got {err:?}");
}

#[test]
fn a_truncated_vault_is_reported_as_truncated() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    write_markers(&mut vault);
    api::lock_vault(vault).expect("lock");
    let bytes = std::fs::read(&path).expect("read");
    std::fs::write(&path, &bytes[..bytes.len() - 1000]).expect("truncate");

    let err = api::open_vault(&path, &pass(PASSPHRASE)).expect_err("truncated");
    assert!(matches!(err, Error::Truncated { .. }), "got {err:?}");
}

#[test]
fn a_damaged_page_is_refused_by_open_or_check() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    write_markers(&mut vault);
    api::lock_vault(vault).expect("lock");
    let mut bytes = std::fs::read(&path).expect("read");
    assert!(
        bytes.len() >= 3 * 4096,
        "the test needs a vault of several pages"
    );
    for byte in &mut bytes[2 * 4096 + 100..2 * 4096 + 140] {
        *byte ^= 0xA5;
    }
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(&bytes))
        .expect("damage");

    // Unlocking no longer scans every page (SQLCipher authenticates a page whenever it is read),
    // so the damage is refused either on opening, if the page is read then, or by `check`.
    let err = match api::open_vault(&path, &pass(PASSPHRASE)) {
        Err(err) => err,
        Ok(vault) => api::check_vault(&vault).expect_err("damaged"),
    };
    assert!(matches!(err, Error::Corrupted { .. }), "got {err:?}");
}

#[test]
fn a_schema_from_a_newer_version_is_refused() {
    let (_dir, path) = vault_path();
    api::lock_vault(create_vault(&path)).expect("lock");
    let conn = raw_connection(&path, PASSPHRASE);
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .expect("bump");
    drop(conn);

    let err = api::open_vault(&path, &pass(PASSPHRASE)).expect_err("newer");
    assert!(
        matches!(err, Error::SchemaTooNew { found, known } if found == SCHEMA_VERSION + 1 && known == SCHEMA_VERSION),
        "got {err:?}"
    );
}

#[test]
fn an_encrypted_database_of_another_application_is_not_a_vault() {
    let (_dir, path) = vault_path();
    let conn = rusqlite::Connection::open(&path).expect("create");
    conn.key(None::<&str>, PASSPHRASE.as_bytes(), false)
        .expect("key");
    conn.execute_batch("CREATE TABLE notes (x TEXT);")
        .expect("schema");
    drop(conn);

    let err = api::open_vault(&path, &pass(PASSPHRASE)).expect_err("foreign");
    assert!(matches!(err, Error::NotAVault(_)), "got {err:?}");
}

#[test]
fn migrations_build_the_schema_once_and_reopening_changes_nothing() {
    let (_dir, path) = vault_path();
    let vault = create_vault(&path);
    let first = api::check_vault(&vault).expect("check");
    assert_eq!(first.schema_version, SCHEMA_VERSION);
    assert_eq!(first.journal_mode, "wal");
    assert_eq!(first.synchronous, 2, "synchronous = FULL");
    assert!(
        first.cipher_version.starts_with('4'),
        "SQLCipher 4, got {}",
        first.cipher_version
    );
    api::lock_vault(vault).expect("lock");

    for _ in 0..2 {
        let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("reopen");
        let again = api::check_vault(&vault).expect("check");
        assert_eq!(again.schema_version, SCHEMA_VERSION);
        assert_eq!(again.audit_entries, first.audit_entries);
        api::lock_vault(vault).expect("lock");
    }

    let conn = raw_connection(&path, PASSPHRASE);
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut stmt| stmt.query_map([], |row| row.get(0))?.collect())
        .expect("tables");
    for table in [
        "actions",
        "answers",
        "assessment_links",
        "assessments",
        "audit_anchor",
        "audit_log",
        "clients",
        "data_sources",
        "evidence",
        "reports",
        "settings",
        "signoffs",
        "vendors",
    ] {
        assert!(
            tables.iter().any(|t| t == table),
            "missing table {table}: {tables:?}"
        );
    }
}

#[test]
fn a_crash_before_checkpoint_still_opens_from_the_wal() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    dpodesk_core::testing::set_setting(&mut vault, "kept", "值").expect("write");
    // Simulate a crash: copy the files while the connection is still open (WAL not checkpointed).
    let copy_dir = tempfile::tempdir().expect("dir");
    let copy = copy_dir.path().join("crashed.dpvault");
    for suffix in ["", "-wal"] {
        std::fs::copy(side_file(&path, suffix), side_file(&copy, suffix)).expect("copy");
    }
    drop(vault);

    let recovered = api::open_vault(&copy, &pass(PASSPHRASE)).expect("recover from WAL");
    assert_eq!(
        dpodesk_core::testing::setting(&recovered, "kept")
            .expect("read")
            .as_deref(),
        Some("值")
    );
}
