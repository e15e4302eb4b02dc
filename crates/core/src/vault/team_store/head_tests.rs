//! The anchor a kept report or export carries on the team database: the head of the client's own
//! chain, as the database's walk reaches it; nothing made up where the member cannot read a chain.
//! And what the store says of itself for reports: which chain that is, and whom a sign-off names.

use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;

use super::TeamStore;
use crate::error::{Error, ErrorKind};
use crate::vault::register::archive;
use crate::vault::store::{Read, StoreKind};
use crate::vault::{AuditChain, Client, NewClient};

fn add_client(store: &mut TeamStore, name: &str) -> String {
    let new = NewClient {
        name: name.to_owned(),
        ..NewClient::default()
    };
    crate::vault::clients::add_client(store, "display name", &new)
        .expect("client")
        .id
}

#[test]
fn a_clients_chain_head_is_the_one_the_database_walk_reaches() {
    let team = Team::initialised("store_heads");
    let ann = team.member("ann", &[Role::Author]);
    let eve = team.member("eve", &[Role::Author]);
    let mut store = TeamStore::open(team.session(&ann)).expect("open");
    let acme = add_client(&mut store, "Acme");
    let beta = add_client(&mut store, "Beta");
    // A second entry on Acme's chain only.
    archive::<Client, _>(&mut store, "Ann", &acme, true).expect("archive");

    let walked = dpodesk_team::audit::verify(&mut team.session(&ann)).expect("walk");
    for client in [&acme, &beta] {
        let chain = walked
            .iter()
            .find(|c| c.client_id.as_deref() == Some(client.as_str()))
            .expect("the client's chain");
        let head = store.audit_head_of(Some(client)).expect("head");
        assert_eq!(head.head_hash, chain.head_hash);
        assert_eq!(i64::try_from(head.count).expect("count"), chain.entries);
    }
    assert_eq!(store.audit_head_of(Some(&acme)).expect("head").count, 2);
    assert_eq!(store.audit_head_of(Some(&beta)).expect("head").count, 1);

    // Eve sees neither chain: not an empty head, not found.
    let eves = TeamStore::open(team.session(&eve)).expect("open");
    let hidden = eves.audit_head_of(Some(&acme)).expect_err("hidden");
    assert!(matches!(hidden, Error::NotFound { .. }), "{hidden:?}");
    // The firm's chain is the admins' to read: refused by name.
    let firm = store.audit_head_of(None).expect_err("refused");
    assert_eq!(firm.kind(), ErrorKind::NotInTeamMode, "{firm:?}");
}

#[test]
fn the_store_names_its_chain_and_the_members_signing_name() {
    let team = Team::initialised("store_names");
    let ann = team.member("ann", &[Role::Approver]);
    dpodesk_team::members::set_display_name(&mut team.dba(), &ann, "Ann Li").expect("name");
    let store = TeamStore::open(team.session(&ann)).expect("open");
    // What reports say their anchor is, and the name a sign-off bears without a typed one.
    assert_eq!(store.audit_chain(), AuditChain::TeamClient);
    assert_eq!(store.kind(), StoreKind::Team);
    assert_eq!(
        store.signer_name().expect("signer").as_deref(),
        Some("Ann Li")
    );

    // A vault has one log and no member to name.
    let dir = tempfile::tempdir().expect("dir");
    let passphrase = crate::vault::Passphrase::new("correct horse battery staple".to_owned());
    let vault = crate::vault::Vault::create(&dir.path().join("v.dpvault"), &passphrase, "Ann")
        .expect("vault");
    assert_eq!(vault.audit_chain(), AuditChain::Vault);
    assert_eq!(vault.kind(), StoreKind::Vault);
    assert_eq!(vault.signer_name().expect("signer"), None);
}
