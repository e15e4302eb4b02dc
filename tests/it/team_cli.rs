//! The administrator's doors of team mode, through the `dpodesk` binary against the private
//! PostgreSQL cluster (`dpodesk_team::cluster`; `cargo xtask test` installs PostgreSQL): `team
//! init` and `upgrade`, members added, disabled, enabled, re-passworded and removed, grants and
//! revokes by client name — each checked by what the database then lets that member do, through
//! sessions of his own. Passwords come from the environment only.

use std::path::Path;
use std::process::Output;

use dpodesk_team::cluster::Cluster;
use dpodesk_team::{Client, Env, Error as TeamError, connect};
use zeroize::Zeroizing;

use crate::support::{Dpodesk, refused, succeeded as ok};

const DB: &str = "tcli";
const DBA: &str = "tcli_dba";
const DBA_PASSWORD: &str = "dba pw";

/// `dpodesk --team <conninfo as user> args…` with `password` as PGPASSWORD.
fn team_cli(
    cluster: &Cluster,
    user: &str,
    password: &str,
    args: &[&str],
    envs: &[(&str, &str)],
) -> Output {
    envs.iter()
        .fold(
            Dpodesk::team(cluster, DB, user, password),
            |run, (key, value)| run.env(key, value),
        )
        .run(args)
}

fn session(cluster: &Cluster, user: &str, password: &str) -> Result<Client, TeamError> {
    let env = Env {
        password: Some(Zeroizing::new(password.to_owned())),
        ..Env::default()
    };
    connect(&cluster.socket_conninfo(user, DB), &env, &mut |_| None)
}

fn clients_seen(cluster: &Cluster, user: &str, password: &str) -> i64 {
    session(cluster, user, password)
        .expect("connects")
        .query_one("SELECT count(*) FROM dpodesk.clients", &[])
        .expect("count")
        .get(0)
}

#[test]
fn an_administrator_sets_up_the_team_database_its_members_and_their_grants() {
    let cluster = Cluster::shared();
    cluster
        .admin()
        .batch_execute(&format!(
            "SET password_encryption = 'scram-sha-256';
             CREATE ROLE {DBA} LOGIN CREATEROLE PASSWORD '{DBA_PASSWORD}';"
        ))
        .expect("the DBA");
    cluster
        .admin()
        .batch_execute(&format!("CREATE DATABASE {DB} OWNER {DBA}"))
        .expect("the database");
    let dba =
        |args: &[&str], envs: &[(&str, &str)]| team_cli(&cluster, DBA, DBA_PASSWORD, args, envs);

    let said = ok(dba(&["team", "init"], &[]));
    assert!(
        said.contains(&format!("schema {}", dpodesk_team::schema::SCHEMA_VERSION))
            && said.contains("role prefix tcli"),
        "{said}"
    );
    let again = refused(&dba(&["team", "init"], &[]));
    assert!(
        again.contains("already set up in the database tcli"),
        "{again}"
    );
    let zh = refused(&dba(&["team", "init"], &[("LANG", "zh_CN.UTF-8")]));
    assert!(zh.contains("数据库 tcli 中已设置 DPO Desk"), "{zh}");
    assert!(ok(dba(&["team", "upgrade"], &[])).contains("nothing to do"));

    // A member's password comes from the environment or a terminal, never an argument.
    let no_password = refused(&dba(
        &["team", "member", "add", "tcli_boss", "--role", "admin"],
        &[],
    ));
    assert!(
        no_password.contains("DPODESK_MEMBER_PASSWORD"),
        "{no_password}"
    );
    ok(dba(
        &["team", "member", "add", "tcli_boss", "--role", "admin"],
        &[("DPODESK_MEMBER_PASSWORD", "boss pw")],
    ));
    // The new admin manages members himself from here on.
    let boss = |args: &[&str], envs: &[(&str, &str)]| {
        team_cli(&cluster, "tcli_boss", "boss pw", args, envs)
    };
    ok(boss(
        &["team", "member", "add", "tcli_ann", "--role", "author"],
        &[("DPODESK_MEMBER_PASSWORD", "ann pw")],
    ));
    let bad_role = refused(&boss(
        &["team", "member", "add", "tcli_x", "--role", "owner"],
        &[],
    ));
    assert!(bad_role.contains("invalid value 'owner'"), "{bad_role}");

    // A client, filed by the admin; Ann sees none until granted.
    session(&cluster, "tcli_boss", "boss pw")
        .expect("boss")
        .execute(
            "INSERT INTO dpodesk.clients (id, name, created_at, updated_at)
             VALUES ('c-acme', 'Acme Ltd', '', '')",
            &[],
        )
        .expect("a client");
    assert_eq!(clients_seen(&cluster, "tcli_ann", "ann pw"), 0);
    let granted = ok(boss(
        &[
            "team", "grant", "--client", "Acme Ltd", "--member", "tcli_ann",
        ],
        &[],
    ));
    assert_eq!(granted.trim(), "c-acme");
    assert_eq!(clients_seen(&cluster, "tcli_ann", "ann pw"), 1);
    let unknown = refused(&boss(
        &[
            "team", "grant", "--client", "Nobody", "--member", "tcli_ann",
        ],
        &[],
    ));
    assert!(unknown.contains("no client named Nobody"), "{unknown}");
    ok(boss(
        &[
            "team", "revoke", "--client", "c-acme", "--member", "tcli_ann",
        ],
        &[],
    ));
    assert_eq!(clients_seen(&cluster, "tcli_ann", "ann pw"), 0);

    // An author manages no one.
    let ann =
        |args: &[&str], envs: &[(&str, &str)]| team_cli(&cluster, "tcli_ann", "ann pw", args, envs);
    let not_admin = refused(&ann(
        &["team", "member", "add", "tcli_eve", "--role", "admin"],
        &[("DPODESK_MEMBER_PASSWORD", "eve pw")],
    ));
    assert!(
        not_admin.contains("only an admin of the team database manages members"),
        "{not_admin}"
    );

    // Disabled: no login; enabled: back; a new password replaces the old; removed: gone.
    ok(boss(&["team", "member", "disable", "tcli_ann"], &[]));
    assert!(session(&cluster, "tcli_ann", "ann pw").is_err());
    ok(boss(&["team", "member", "enable", "tcli_ann"], &[]));
    assert!(session(&cluster, "tcli_ann", "ann pw").is_ok());
    ok(boss(
        &["team", "member", "password", "tcli_ann"],
        &[("DPODESK_MEMBER_PASSWORD", "ann new pw")],
    ));
    assert!(matches!(
        session(&cluster, "tcli_ann", "ann pw"),
        Err(TeamError::AuthenticationFailed { .. })
    ));
    assert!(session(&cluster, "tcli_ann", "ann new pw").is_ok());
    ok(boss(&["team", "member", "remove", "tcli_ann"], &[]));
    assert!(session(&cluster, "tcli_ann", "ann new pw").is_err());
    let gone = refused(&boss(&["team", "member", "disable", "tcli_ann"], &[]));
    assert!(gone.contains("tcli_ann is not a member"), "{gone}");
}

#[test]
fn team_mode_never_falls_back_to_the_vault_and_never_takes_a_password_in_the_url() {
    let run = |args: &[&str], envs: &[(&str, &str)]| {
        envs.iter()
            .fold(Dpodesk::bare(), |run, (key, value)| run.env(key, value))
            .run(args)
    };
    let no_database = refused(&run(&["team", "init"], &[]));
    assert!(
        no_database.contains("--team CONNINFO or set DPODESK_TEAM_URL"),
        "{no_database}"
    );
    // A command never falls back to the vault when the team database was asked for: it works on
    // the team database, here one that cannot be reached.
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path().join("never.dpvault");
    let vault = vault.to_str().expect("path");
    let nowhere = "host=/nowhere user=ann dbname=x";
    for asked in [
        run(
            &["--vault", vault, "--team", nowhere, "client", "list"],
            &[],
        ),
        run(
            &["--vault", vault, "client", "list"],
            &[("DPODESK_TEAM_URL", nowhere)],
        ),
    ] {
        let said = refused(&asked);
        assert!(said.contains("cannot connect to /nowhere"), "{said}");
    }
    let zh = refused(&run(
        &["--vault", vault, "--team", nowhere, "client", "list"],
        &[("LANG", "zh_CN.UTF-8")],
    ));
    assert!(zh.contains("无法连接到 /nowhere"), "{zh}");
    assert!(!Path::new(vault).exists(), "a vault was touched");
    let zh = refused(&run(&["team", "init"], &[("LANG", "zh_CN.UTF-8")]));
    assert!(zh.contains("未指定团队数据库"), "{zh}");
    let in_url = refused(&run(
        &[
            "--team",
            "postgresql://ann:secret@db.example.test/firm",
            "team",
            "upgrade",
        ],
        &[],
    ));
    assert!(in_url.contains("contains a password"), "{in_url}");
    let zh = refused(&run(
        &[
            "--team",
            "postgresql://ann:secret@db.example.test/firm",
            "team",
            "upgrade",
        ],
        &[("LANG", "zh_CN.UTF-8")],
    ));
    assert!(zh.contains("连接字符串中含有密码"), "{zh}");
}
