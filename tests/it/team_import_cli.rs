//! Moving matters into the team database through the `dpodesk` binary, against the private
//! cluster: `team import-vault FILE` moves every client of a vault in one step (the vault's
//! passphrase from DPODESK_PASSPHRASE, never an argument), all or nothing; `bundle export` and
//! `bundle import` work with `--team` as on a vault.

use std::path::Path;
use std::process::Output;

use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;

use crate::bundle::{BUNDLE_PASSPHRASE, CLIENT, matter};
use crate::support::{Dpodesk, PASSPHRASE, json_items, stderr, stdout, succeeded as ok};

/// `dpodesk --team <conninfo as member> args…` (English), the vault's and the bundle's
/// passphrases in the environment.
fn as_member(team: &Team, member: &str, args: &[&str]) -> Output {
    Dpodesk::member(team, member)
        .env("DPODESK_PASSPHRASE", PASSPHRASE)
        .env("DPODESK_BUNDLE_PASSPHRASE", BUNDLE_PASSPHRASE)
        .run(args)
}

fn on_vault(vault: &Path, args: &[&str]) -> String {
    ok(Dpodesk::on(vault, Some(PASSPHRASE))
        .env("DPODESK_BUNDLE_PASSPHRASE", BUNDLE_PASSPHRASE)
        .run(args))
}

fn count(team: &Team, table: &str) -> i64 {
    team.superuser()
        .query_one(&format!("SELECT count(*) FROM dpodesk.{table}"), &[])
        .expect("count")
        .get(0)
}

#[test]
fn team_import_vault_moves_every_client_in_one_step_all_or_nothing() {
    let m = matter();
    let vault = m.dir.path().join("test.dpvault");
    dpodesk_core::api::lock_vault(m.vault).expect("lock");
    let in_vault = json_items(&on_vault(&vault, &["assess", "list", "--json"]));
    let in_vault = in_vault.as_array().expect("assessments").len();

    let team = Team::initialised("cli_import_vault");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author]);
    let vault_arg = vault.to_str().expect("utf-8");
    let said = ok(as_member(&team, &ann, &["team", "import-vault", vault_arg]));
    assert!(
        said.starts_with("vault moved into the team database: 2 clients, "),
        "{said}"
    );
    assert!(
        said.contains(" files, ") && said.contains(" audit entries"),
        "{said}"
    );

    let clients = json_items(&ok(as_member(&team, &ann, &["client", "list", "--json"])));
    let names: Vec<&str> = clients
        .as_array()
        .expect("clients")
        .iter()
        .map(|c| c["name"].as_str().expect("name"))
        .collect();
    assert!(names.contains(&CLIENT), "{names:?}");
    assert_eq!(names.len(), 2, "{names:?}");
    let here = json_items(&ok(as_member(&team, &ann, &["assess", "list", "--json"])));
    assert_eq!(here.as_array().expect("assessments").len(), in_vault);
    // One import entry per client, by Ann; the vault's entries with their own actor.
    let mut ann_sql = team.session(&ann);
    let imports: Vec<String> = ann_sql
        .query(
            "SELECT actor FROM dpodesk.audit_log WHERE action = 'bundle.imported'",
            &[],
        )
        .expect("entries")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(imports, [ann.clone(), ann.clone()]);
    let kept: i64 = ann_sql
        .query_one(
            "SELECT count(*) FROM dpodesk.audit_log WHERE actor = $1",
            &[&crate::support::ACTOR],
        )
        .expect("kept")
        .get(0);
    assert!(kept > 0, "the vault's actor kept");

    // Bob is not granted those clients: he sees none, and his own move of the same vault is
    // refused whole — nothing of it lands.
    let bobs = json_items(&ok(as_member(&team, &bob, &["client", "list", "--json"])));
    assert_eq!(bobs.as_array().expect("clients").len(), 0);
    let before = (count(&team, "bundle_imports"), count(&team, "audit_log"));
    let refused = as_member(&team, &bob, &["team", "import-vault", vault_arg]);
    assert!(!refused.status.success(), "{}", stdout(&refused));
    assert!(
        stderr(&refused)
            .contains("is already in the team database, under a client not granted to you"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        (count(&team, "bundle_imports"), count(&team, "audit_log")),
        before
    );

    // A bundle goes out of the team database and into it again through the same commands.
    let out = m.dir.path().join("back.dpodesk");
    let out_arg = out.to_str().expect("utf-8");
    let exported = ok(as_member(
        &team,
        &ann,
        &["bundle", "export", "--client", CLIENT, "--out", out_arg],
    ));
    assert!(
        exported.contains("the client's team audit chain"),
        "{exported}"
    );
    let other = Team::initialised("cli_import_bundle");
    let cid = other.member("cid", &[Role::Author]);
    let imported = ok(as_member(&other, &cid, &["bundle", "import", out_arg]));
    assert!(
        imported.starts_with(&format!("imported the matter of {CLIENT}")),
        "{imported}"
    );
    let again = ok(as_member(&other, &cid, &["bundle", "import", out_arg]));
    assert!(
        again.starts_with("this bundle was imported before"),
        "{again}"
    );
}
