//! A session on a team database through the shell's own dispatch: the generic use cases run on
//! it as on a vault, what core does on a vault only is refused by name, and closing drops it.

use dpodesk_core::api::team::Unsupported;
use dpodesk_core::api::{self, NewClientRequest, TeamConnectRequest};
use dpodesk_core::error::ErrorKind;
use dpodesk_core::{Lang, Passphrase};
use dpodesk_team::cluster::{Cluster, SUPERUSER};
use dpodesk_team::members::{self, Role};
use dpodesk_team::{Env, schema};
use std::sync::Arc;
use std::time::Duration;

use crate::commands::{on_store, with_vault_as};
use crate::state::{AppState, Open};

const PASSWORD: &str = "member password for the shell's tests";

/// A database `dbname` of the private cluster with DPO Desk set up (by the superuser, as its
/// DBA) and one member `<dbname>_<short>` of `role`; returns the cluster and the member's name.
fn team_with_member(dbname: &str, short: &str, role: Role) -> (Arc<Cluster>, String) {
    let cluster = Cluster::shared();
    cluster.create_database(dbname);
    let env = Env {
        password: Some(zeroize::Zeroizing::new(
            cluster.superuser_password().to_owned(),
        )),
        ..Env::default()
    };
    let mut dba = dpodesk_team::connect(
        &cluster.socket_conninfo(SUPERUSER, dbname),
        &env,
        &mut |_| None,
    )
    .expect("the superuser connects");
    schema::init(&mut dba).expect("team init");
    let name = format!("{dbname}_{short}");
    members::add(&mut dba, &name, &[role], PASSWORD, short).expect("member add");
    (cluster, name)
}

fn state_on(cluster: &Cluster, dbname: &str, member: &str, dir: &std::path::Path) -> AppState {
    let state = AppState::new(dir.join("config"), dir.join("data"), "en_US").expect("state");
    let (store, signed_in) = api::connect_member(TeamConnectRequest {
        conninfo: cluster.socket_conninfo(member, dbname),
        user: String::new(),
        password: PASSWORD.to_owned(),
        lang: Lang::En,
    })
    .expect("connects");
    state.session().open_team(store, signed_in);
    state
}

#[test]
fn a_team_session_runs_the_generic_use_cases_and_refuses_vault_only_ones_by_name() {
    let (cluster, ann) = team_with_member("shell_dispatch", "ann", Role::Author);
    let dir = tempfile::tempdir().expect("dir");
    let state = state_on(&cluster, "shell_dispatch", &ann, dir.path());
    assert_eq!(state.session().actor, "ann");

    let added = on_store!(&state, |s, actor| api::add_client(
        s,
        actor,
        NewClientRequest {
            name: "华东商贸".to_owned(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        }
    ))
    .expect("added on the team database");
    let listed = on_store!(&state, |s| api::clients(s, false)).expect("listed");
    assert_eq!(
        listed.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        [added.id.as_str()]
    );

    // Search reads the team database like the vault (a two-character Chinese term included).
    let hits = on_store!(&state, |s| api::search(s, "华东", 10)).expect("searched");
    assert!(
        hits.iter().any(|h| h.title.contains("华东商贸")),
        "{hits:?}"
    );
    let refused = with_vault_as(&state, Unsupported::VaultFile, |v, _| api::vault_info(v))
        .expect_err("a backup is the vault file's");
    assert_eq!(refused.kind, ErrorKind::NotInTeamMode);
    assert!(
        refused
            .message
            .starts_with("Backing up, restoring or re-keying a vault file is not available"),
        "{}",
        refused.message
    );

    let mut session = state.session();
    session.close().expect("closed");
    assert!(session.open.is_none() && session.member.is_none());
}

#[test]
fn an_idle_team_session_is_closed_like_a_vault() {
    let (cluster, bo) = team_with_member("shell_idle", "bo", Role::Reviewer);
    let dir = tempfile::tempdir().expect("dir");
    let state = state_on(&cluster, "shell_idle", &bo, dir.path());
    let mut session = state.session();
    assert!(matches!(session.open, Some(Open::Team(_))));
    let later =
        session.last_active + Duration::from_secs(u64::from(session.auto_lock_minutes) * 60 + 1);
    assert!(session.expire_if_idle(later));
    assert!(session.open.is_none() && session.member.is_none() && session.locked_for_idle);
    // A vault opened next takes its place with no member left over.
    let path = dir.path().join("v.dpvault");
    let vault = api::create_vault(
        &path,
        &Passphrase::new("correct horse battery staple".to_owned()),
        "t",
    )
    .expect("vault");
    session.open(vault);
    assert!(matches!(session.open, Some(Open::Personal(_))) && session.member.is_none());
}

#[test]
fn a_members_new_display_name_is_shown_and_signs_his_later_changes() {
    let (cluster, cy) = team_with_member("shell_display", "cy", Role::Author);
    let dir = tempfile::tempdir().expect("dir");
    let state = state_on(&cluster, "shell_display", &cy, dir.path());
    assert_eq!(state.session().actor, "cy");
    let request = api::DisplayNameRequest {
        member: None,
        display_name: "Cy Wong".to_owned(),
    };
    let now = crate::team::display_name_on(&state, &request).expect("his own name");
    assert_eq!(
        (now.role_name.as_str(), now.display_name.as_str()),
        (cy.as_str(), "Cy Wong")
    );
    let session = state.session();
    assert_eq!(session.actor, "Cy Wong");
    assert_eq!(
        session.member.as_ref().map(|m| m.display_name.as_str()),
        Some("Cy Wong")
    );
    assert_eq!(
        now.conninfo,
        session
            .member
            .as_ref()
            .map(|m| m.conninfo.clone())
            .unwrap_or_default()
    );
}

#[test]
fn a_display_name_on_a_vault_is_refused_by_core_and_the_actor_stays_the_profiles() {
    let dir = tempfile::tempdir().expect("dir");
    let state =
        AppState::new(dir.path().join("config"), dir.path().join("data"), "zh_CN").expect("state");
    let vault = api::create_vault(
        &dir.path().join("v.dpvault"),
        &Passphrase::new("correct horse battery staple".to_owned()),
        "t",
    )
    .expect("vault");
    state.session().open(vault);
    let actor = state.session().actor.clone();
    let request = api::DisplayNameRequest {
        member: None,
        display_name: "Cy Wong".to_owned(),
    };
    let refused = crate::team::display_name_on(&state, &request).expect_err("no members");
    assert_eq!(refused.kind, ErrorKind::TeamOnly);
    let lang = state.session().lang;
    assert_eq!(
        refused.message,
        api::no_display_name_on_a_vault().message(lang),
        "core's wording, in the session's language"
    );
    let session = state.session();
    assert_eq!(session.actor, actor);
    assert!(session.member.is_none());
}
