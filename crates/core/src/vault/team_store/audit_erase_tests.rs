//! The audit check and erasure through `api` on the team database, as each member: a member
//! checks the chains of his clients and is told the others were not checked, an admin checks
//! all; an entry altered behind everyone's back is named with its client, position and hashes;
//! only an admin erases, with the vault's confirmation, and the erasure leaves one entry.

// Test code only (the module is `#[cfg(test)]`): marked so, layers.rs reads what follows as
// tests, which may call `api`.
#[cfg(test)]
use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;

use super::TeamStore;
use crate::api;
use crate::error::{Error, ErrorKind, Invalid};
use crate::i18n::Lang;
use crate::vault::NewClient;
use crate::vault::register::archive;
use crate::vault::store::Read;

fn add_client(store: &mut TeamStore, name: &str) -> String {
    let new = NewClient {
        name: name.to_owned(),
        ..NewClient::default()
    };
    crate::vault::clients::add_client(store, "display name", &new)
        .expect("client")
        .id
}

fn store_of(team: &Team, member: &str) -> TeamStore {
    TeamStore::open(team.session(member)).expect("open the team store")
}

/// (client id, client name, entries) of each chain checked.
fn chains(view: &api::AuditCheckView) -> Vec<(Option<String>, Option<String>, u64)> {
    view.chains
        .iter()
        .map(|c| (c.client_id.clone(), c.client_name.clone(), c.entries))
        .collect()
}

#[test]
fn a_member_checks_his_chains_an_admin_all_and_a_tampered_entry_is_named() {
    let team = Team::initialised("store_audit");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author]);
    let boss = team.member("boss", &[Role::Admin]);
    let mut as_ann = store_of(&team, &ann);
    let acme = add_client(&mut as_ann, "Acme");
    archive::<crate::vault::Client, _>(&mut as_ann, "Ann", &acme, true).expect("archive");
    let mut as_bob = store_of(&team, &bob);
    let bolt = add_client(&mut as_bob, "Bolt");

    let anns = api::check_audit(&as_ann).expect("check");
    assert_eq!(
        chains(&anns),
        [(Some(acme.clone()), Some("Acme".to_owned()), 2)]
    );
    assert_eq!((anns.entries, anns.all_chains), (2, false));
    assert_eq!(anns.head_hash, "", "one head per chain, none for all");
    let bobs = api::check_audit(&as_bob).expect("check");
    assert_eq!(
        chains(&bobs),
        [(Some(bolt.clone()), Some("Bolt".to_owned()), 1)]
    );
    assert!(!bobs.all_chains);
    let boss_view = api::check_audit(&store_of(&team, &boss)).expect("check");
    let mut expected = vec![
        (Some(acme.clone()), Some("Acme".to_owned()), 2),
        (Some(bolt.clone()), Some("Bolt".to_owned()), 1),
    ];
    expected.sort();
    assert_eq!(chains(&boss_view), expected);
    assert!(boss_view.all_chains);

    // The server's superuser rewrites what an entry of Acme's chain said.
    let mut superuser = team.superuser();
    let row = superuser
        .query_one(
            "UPDATE dpodesk.audit_log SET summary = 'nothing happened'
             WHERE client_id = $1 AND position = 2
             RETURNING id, detail_sha256, encode(sha256(convert_to(summary, 'UTF8')), 'hex')",
            &[&acme],
        )
        .expect("tamper");
    let (id, recorded, now): (String, String, String) = (row.get(0), row.get(1), row.get(2));
    let broken = api::check_audit(&as_ann).expect_err("broken");
    assert_eq!(broken.kind(), ErrorKind::AuditBroken, "{broken:?}");
    assert!(
        matches!(&broken, Error::Team(dpodesk_team::Error::AuditBroken {
            client_id: Some(client), position: 2, id: Some(entry), expected, found, ..
        }) if *client == acme && *entry == id && *expected == recorded && *found == now),
        "{broken:?}"
    );
    let en = broken.message(Lang::En);
    assert!(
        en.contains(&format!("client {acme} is broken at entry 2 ({id})"))
            && en.contains(&recorded),
        "{en}"
    );
    assert!(broken.message(Lang::Zh).contains("第 2 条"));
    // Bob's chain is whole, and his check says so; the admin's finds Acme's break.
    assert_eq!(api::check_audit(&as_bob).expect("check").entries, 1);
    assert!(api::check_audit(&store_of(&team, &boss)).is_err());
    // And an erasure is refused while a chain it would check is broken.
    let refused = api::erase_client(&mut store_of(&team, &boss), "Boss", "Bolt", "Bolt");
    assert_eq!(refused.expect_err("broken").kind(), ErrorKind::AuditBroken);
}

#[test]
fn only_an_admin_erases_a_client_and_one_entry_records_it() {
    let team = Team::initialised("store_erase");
    let ann = team.member("ann", &[Role::Author]);
    let rita = team.member("rita", &[Role::Reviewer]);
    let boss = team.member("boss", &[Role::Admin]);
    let mut as_ann = store_of(&team, &ann);
    let acme = add_client(&mut as_ann, "Acme");
    let bolt = add_client(&mut as_ann, "Bolt");
    dpodesk_team::members::grant(&mut team.session(&boss), &acme, &rita).expect("grant");

    // Ann, who made the client, and Rita, who reviews it: refused by the database.
    for member in [&ann, &rita] {
        let mut store = store_of(&team, member);
        for refused in [
            api::erasure_preview(&store, "Acme", "2026-12-07").map(|_| ()),
            api::erase_client(&mut store, "Ann", "Acme", "Acme").map(|_| ()),
        ] {
            let error = refused.expect_err("refused");
            assert_eq!(error.kind(), ErrorKind::NotPermitted, "{member}: {error:?}");
            assert!(
                error.message(Lang::En).contains("only an admin"),
                "{}",
                error.message(Lang::En)
            );
        }
    }
    assert_eq!(as_ann.client(&acme).expect("still there").name, "Acme");

    let mut as_boss = store_of(&team, &boss);
    let preview = api::erasure_preview(&as_boss, "Acme", "2026-12-07").expect("preview");
    assert_eq!(
        (preview.client_id.as_str(), preview.audit_entries),
        (acme.as_str(), 1)
    );
    // What the server keeps after an erasure is said, not the vault's "only your own copies".
    assert!(preview.kept_by_server);
    // The vault's confirmation rule: the exact name.
    let mismatch = api::erase_client(&mut as_boss, "Boss", "Acme", "acme").expect_err("refused");
    assert!(
        matches!(
            mismatch,
            Error::InvalidInput {
                reason: Invalid::ConfirmationMismatch,
                ..
            }
        ),
        "{mismatch:?}"
    );
    let erased = api::erase_client(&mut as_boss, "Boss", &acme, "Acme").expect("erase");
    assert_eq!(erased, preview);

    let missing = as_boss.client(&acme).expect_err("gone");
    assert!(matches!(missing, Error::NotFound { .. }), "{missing:?}");
    assert_eq!(as_ann.client(&bolt).expect("Bolt stays").name, "Bolt");
    // One entry of the erasure, the database's: the admin's, counts only.
    let entries = team
        .superuser()
        .query(
            "SELECT action, actor, summary FROM dpodesk.audit_log WHERE client_id = $1
             ORDER BY position",
            &[&acme],
        )
        .expect("chain");
    let entries: Vec<(String, String, String)> = entries
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0].2, "", "what the log said of Acme is blanked");
    assert_eq!(
        (entries[1].0.as_str(), entries[1].1.as_str()),
        ("client.erased", boss.as_str())
    );
    assert!(
        entries[1].2.starts_with("erased 1 client, 0 data sources"),
        "{entries:?}"
    );
    assert!(!entries[1].2.contains("Acme"));
    // The chains still verify; Ann no longer has Acme's.
    let boss_view = api::check_audit(&as_boss).expect("check");
    assert!(
        boss_view
            .chains
            .iter()
            .any(|c| c.client_id.as_deref() == Some(acme.as_str())
                && c.client_name.is_none()
                && c.entries == 2)
    );
    let anns = api::check_audit(&as_ann).expect("check");
    assert_eq!(chains(&anns), [(Some(bolt), Some("Bolt".to_owned()), 1)]);
}
