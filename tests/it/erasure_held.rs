//! An erasure while another connection (a second window, a `dpodesk` command) is reading the
//! vault: the file cannot be wiped, so the erasure says so as a typed, bilingual error instead of
//! claiming success. Before anything is erased, nothing is; once the rows are gone, the wipe
//! finishes when the vault is next opened, and then no decrypted page keeps a marker.

use dpodesk_core::api;
use dpodesk_core::error::ErrorKind;
use dpodesk_core::{Error, Lang};

use crate::erasure::{OTHER, decrypted_pages, has_marker, marked_vault, markers_in_tables};
use crate::support::*;

/// A connection reading the vault inside an open transaction, as another window would.
fn reader(path: &std::path::Path) -> rusqlite::Connection {
    let conn = raw_connection(path, PASSPHRASE);
    conn.execute_batch("BEGIN").expect("begin");
    let _: i64 = conn
        .query_row("SELECT count(*) FROM clients", [], |r| r.get(0))
        .expect("read");
    conn
}

#[test]
fn a_reader_elsewhere_stops_an_erasure_before_anything_is_erased() {
    let (_dir, path) = vault_path();
    let name = marked_vault(&path);
    let mut vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open");
    // A write leaves pages in the log, which the other connection then reads from.
    api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "Later".into(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("write");
    let other = reader(&path);

    let err = api::erase_client(&mut vault, ACTOR, &name, &name).expect_err("held open");
    assert!(matches!(err, Error::ErasureHeldOpen), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::ErasureHeldOpen);
    let (en, zh) = (err.message(Lang::En), err.message(Lang::Zh));
    assert!(
        en.contains("nothing was erased") && en.contains("close every other DPO Desk window"),
        "{en}"
    );
    assert!(
        zh.contains("未删除任何内容") && zh.contains("请关闭"),
        "{zh}"
    );
    assert_eq!(api::clients(&vault, true).expect("clients").len(), 3);

    other.execute_batch("COMMIT").expect("end read");
    drop(other);
    let erased = api::erase_client(&mut vault, ACTOR, &name, &name).expect("erased");
    assert_eq!(erased.data_sources, 1);
    api::verify_audit(&vault).expect("chain");
}

#[test]
fn a_wipe_kept_from_completing_is_reported_and_finished_on_the_next_open() {
    let (_dir, path) = vault_path();
    let name = marked_vault(&path);
    let mut vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open");
    // Reading the file itself (the log is empty), this connection keeps the erasure's pages
    // from being copied back over the old ones.
    let other = reader(&path);

    let err = api::erase_client(&mut vault, ACTOR, &name, &name).expect_err("wipe blocked");
    assert!(matches!(err, Error::ErasureWipePending), "{err:?}");
    assert!(
        err.message(Lang::En)
            .contains("the wipe finishes on opening"),
        "{}",
        err.message(Lang::En)
    );
    let names: Vec<String> = api::clients(&vault, true)
        .expect("clients")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, [OTHER], "the rows are gone");

    other.execute_batch("COMMIT").expect("end read");
    drop(other);
    api::lock_vault(vault).expect("lock");
    let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open finishes the wipe");
    api::verify_audit(&vault).expect("chain");
    api::lock_vault(vault).expect("lock");

    assert_eq!(markers_in_tables(&path), Vec::<String>::new());
    assert!(
        !decrypted_pages(&path).iter().any(|p| has_marker(p)),
        "a decrypted page keeps a marker"
    );
    let pending: i64 = raw_connection(&path, PASSPHRASE)
        .query_row(
            "SELECT count(*) FROM settings WHERE key LIKE 'erasure.%'",
            [],
            |r| r.get(0),
        )
        .expect("settings");
    assert_eq!(pending, 0);
}
