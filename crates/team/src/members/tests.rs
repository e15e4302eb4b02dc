//! Group roles per database, member management through the database's own functions, and
//! passwords that reach the server only as SCRAM verifiers — as the DBA, admins and members,
//! over real sessions.

use super::*;
use crate::Error;
use crate::error::Denied;
use crate::schema;
use crate::testing::{PASSWORD, Team};

fn roles_like(team: &Team, pattern: &str) -> Vec<String> {
    team.superuser()
        .query(
            "SELECT rolname::text FROM pg_roles WHERE rolname LIKE $1 ORDER BY 1",
            &[&pattern],
        )
        .expect("roles")
        .iter()
        .map(|row| row.get(0))
        .collect()
}

#[test]
fn two_databases_in_one_cluster_keep_their_roles_apart() {
    let a = Team::initialised("mem_firm_a");
    let b = Team::initialised("mem_firm_b");
    for team in [&a, &b] {
        let prefix = &team.dbname;
        assert_eq!(
            roles_like(team, &format!("{prefix}\\_%")),
            ["admin", "approver", "author", "dba", "reviewer"]
                .map(|kind| format!("{prefix}_{kind}"))
        );
    }
    let ann = a.member("ann", &[Role::Author]);
    assert!(a.try_session(&ann).is_ok());
    // A's member is nobody in B's database: it grants CONNECT to its own groups only.
    let refused = Team {
        cluster: b.cluster.clone(),
        dbname: b.dbname.clone(),
    }
    .try_session(&ann)
    .err();
    assert!(
        matches!(&refused, Some(Error::Connect { detail, .. }) if detail.contains("permission denied")),
        "{refused:?}"
    );
}

#[test]
fn init_refuses_a_prefix_whose_roles_exist_and_leaves_the_database_as_it_was() {
    let team = Team::empty("mem_left");
    team.superuser()
        .batch_execute("CREATE ROLE mem_left_admin NOLOGIN")
        .expect("a role left from a dropped database");
    let refused = schema::init(&mut team.dba()).expect_err("refused");
    assert!(
        matches!(&refused, Error::MemberExists { name } if name == "mem_left_admin"),
        "{refused:?}"
    );
    assert_eq!(schema::found_version(&mut team.dba()).expect("read"), None);
    // The groups created before the clash were rolled back with everything else.
    assert_eq!(
        roles_like(&team, "mem\\_left\\_%"),
        ["mem_left_admin", "mem_left_dba"]
    );
}

#[test]
fn a_password_reaches_the_server_only_as_a_verifier() {
    let team = Team::initialised("mem_pw");
    let dba = team.dba_name();
    team.superuser()
        .batch_execute(&format!("ALTER ROLE {dba} SET log_statement = 'all'"))
        .expect("log every statement of the DBA");
    let secret = "Plain-Text-9f3c-never-logged";
    add(
        &mut team.dba(),
        "mem_pw_ann",
        &[Role::Author],
        secret,
        "Ann",
    )
    .expect("add");

    let stored: String = team
        .superuser()
        .query_one(
            "SELECT rolpassword FROM pg_authid WHERE rolname = 'mem_pw_ann'",
            &[],
        )
        .expect("stored")
        .get(0);
    assert!(stored.starts_with("SCRAM-SHA-256$4096:"), "{stored}");
    let log = team.cluster.server_log();
    assert!(log.contains("dpodesk.member_add"), "the call was logged");
    assert!(!log.contains(secret), "the password itself never was");

    let env = crate::Env {
        password: Some(zeroize::Zeroizing::new(secret.to_owned())),
        ..crate::Env::default()
    };
    let conninfo = team.cluster.socket_conninfo("mem_pw_ann", "mem_pw");
    crate::connect(&conninfo, &env, &mut |_| None).expect("the member logs in with it");

    // A member changes his own password; the old one is refused from then on.
    let mut ann = crate::connect(&conninfo, &env, &mut |_| None).expect("login");
    set_password(&mut ann, "mem_pw_ann", PASSWORD).expect("own password");
    assert!(matches!(
        crate::connect(&conninfo, &env, &mut |_| None),
        Err(Error::AuthenticationFailed { .. })
    ));
    assert!(team.try_session("mem_pw_ann").is_ok());
}

#[test]
fn only_an_admin_manages_members_and_grants() {
    let team = Team::initialised("mem_admin");
    let author = team.member("writer", &[Role::Author]);
    let admin = team.member("boss", &[Role::Admin]);

    let mut as_author = team.session(&author);
    for refused in [
        add(&mut as_author, "mem_admin_x", &[Role::Author], PASSWORD, ""),
        disable(&mut as_author, &admin),
        set_password(&mut as_author, &admin, "x"),
        grant(&mut as_author, "any", &author),
    ] {
        assert!(
            matches!(
                &refused,
                Err(Error::NotPermitted {
                    denied: Denied::ManageMembers,
                    ..
                })
            ),
            "{refused:?}"
        );
    }

    let mut as_admin = team.session(&admin);
    add(
        &mut as_admin,
        "mem_admin_rev",
        &[Role::Reviewer],
        PASSWORD,
        "Rev",
    )
    .expect("admin adds");
    assert!(matches!(
        add(&mut as_admin, "mem_admin_rev", &[Role::Reviewer], PASSWORD, ""),
        Err(Error::MemberExists { name }) if name == "mem_admin_rev"
    ));
    assert!(matches!(
        add(&mut as_admin, "Mem-Bad", &[Role::Reviewer], PASSWORD, ""),
        Err(Error::BadMemberName { name }) if name == "Mem-Bad"
    ));
    assert!(matches!(
        disable(&mut as_admin, "mem_admin_nobody"),
        Err(Error::UnknownMember { name }) if name == "mem_admin_nobody"
    ));
    // A server role that is no member of this team is out of the admin's reach.
    assert!(matches!(
        set_password(&mut as_admin, &team.dba_name(), "x"),
        Err(Error::UnknownMember { .. })
    ));
    let kinds: Vec<String> = team
        .superuser()
        .query_one(
            "SELECT roles FROM dpodesk.members WHERE name = 'mem_admin_rev'",
            &[],
        )
        .expect("member")
        .get(0);
    assert_eq!(kinds, ["reviewer"]);
}

#[test]
fn a_disabled_member_loses_login_and_privileges_and_a_removed_one_is_gone() {
    let team = Team::initialised("mem_off");
    let ann = team.member("ann", &[Role::Author, Role::Approver]);
    let mut open = team.session(&ann);
    open.query("SELECT count(*) FROM dpodesk.clients", &[])
        .expect("reads while a member");

    disable(&mut team.dba(), &ann).expect("disable");
    assert!(team.try_session(&ann).is_err(), "no new login");
    let refused = open
        .query("SELECT count(*) FROM dpodesk.clients", &[])
        .map_err(crate::error::sql_error);
    assert!(
        matches!(&refused, Err(Error::NotPermitted { .. })),
        "the open session holds no privilege: {refused:?}"
    );

    enable(&mut team.dba(), &ann).expect("enable");
    let mut back = team.session(&ann);
    back.query("SELECT count(*) FROM dpodesk.clients", &[])
        .expect("reads again");
    let groups: i64 = team
        .superuser()
        .query_one(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member \
             WHERE r.rolname = $1",
            &[&ann],
        )
        .expect("groups")
        .get(0);
    assert_eq!(groups, 2, "both roles back");
    drop(back);
    drop(open);

    remove(&mut team.dba(), &ann).expect("remove");
    assert!(roles_like(&team, &ann).is_empty());
    assert!(matches!(
        enable(&mut team.dba(), &ann),
        Err(Error::UnknownMember { .. })
    ));
}

#[test]
fn a_client_is_found_by_its_id_or_by_a_name_no_other_client_has() {
    let team = Team::initialised("mem_client");
    let boss = team.member("boss", &[Role::Admin]);
    let ann = team.member("ann", &[Role::Author]);
    let mut as_boss = team.session(&boss);
    for (id, name) in [("c1", "Acme"), ("c2", "Acme"), ("c3", "Bolt"), ("c4", "c2")] {
        as_boss
            .execute(
                "INSERT INTO clients (id, name, created_at, updated_at) VALUES ($1, $2, '', '')",
                &[&id, &name],
            )
            .expect("client");
    }
    assert_eq!(
        client_id(&mut as_boss, "c2").expect("by id"),
        "c2",
        "an id wins over another client's name"
    );
    assert_eq!(client_id(&mut as_boss, "Bolt").expect("by name"), "c3");
    assert!(matches!(
        client_id(&mut as_boss, "Acme"),
        Err(Error::AmbiguousClient { name, ids }) if name == "Acme" && ids == ["c1", "c2"]
    ));
    assert!(matches!(
        client_id(&mut as_boss, "Nope"),
        Err(Error::UnknownClient { name }) if name == "Nope"
    ));
    // Looked up through the session's own eyes: a client not granted is not found.
    assert!(matches!(
        client_id(&mut team.session(&ann), "Bolt"),
        Err(Error::UnknownClient { .. })
    ));
}

#[test]
fn a_session_knows_its_member_and_the_dba_is_an_admin_without_a_profile() {
    let team = Team::initialised("mem_me");
    let ann = team.member("ann", &[Role::Approver]);
    let me_ann = me(&mut team.session(&ann)).expect("ann");
    assert_eq!(me_ann.name, ann);
    assert_eq!(me_ann.display_name, "ann");
    assert_eq!(me_ann.roles, [Role::Approver]);
    assert!(!me_ann.admin);

    let dba = me(&mut team.dba()).expect("dba");
    assert_eq!(dba.name, team.dba_name());
    assert!(dba.roles.is_empty() && dba.admin, "{dba:?}");
}

#[test]
fn a_member_sets_his_own_display_name_and_only_an_admin_sets_anothers() {
    let team = Team::initialised("mem_display");
    let ann = team.member("ann", &[Role::Approver]);
    let bob = team.member("bob", &[Role::Author]);

    set_display_name(&mut team.session(&ann), &ann, "  Ann Li ").expect("her own");
    assert_eq!(
        me(&mut team.session(&ann)).expect("ann").display_name,
        "Ann Li"
    );

    // Bob may not rename Ann; the DBA (an admin) may.
    assert!(matches!(
        set_display_name(&mut team.session(&bob), &ann, "Someone"),
        Err(Error::NotPermitted { .. })
    ));
    set_display_name(&mut team.dba(), &bob, "Bob Chen").expect("the DBA names bob");
    assert_eq!(
        me(&mut team.session(&bob)).expect("bob").display_name,
        "Bob Chen"
    );

    // A blank name is refused by the database, and the one before stands.
    assert!(matches!(
        set_display_name(&mut team.session(&ann), &ann, "   "),
        Err(Error::BadDisplayName { .. })
    ));
    assert_eq!(
        me(&mut team.session(&ann)).expect("ann").display_name,
        "Ann Li"
    );
    assert!(matches!(
        set_display_name(&mut team.dba(), "nobody", "X"),
        Err(Error::UnknownMember { name }) if name == "nobody"
    ));
}
