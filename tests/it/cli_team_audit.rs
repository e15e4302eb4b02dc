//! `audit verify` and `client erase` with `--team`, through the `dpodesk` binary as each member
//! against the private PostgreSQL cluster: a member checks the chains of his clients and is told
//! the others were not checked, an admin checks all; only an admin erases (the database refuses
//! anyone else), and the erased client's chain still verifies; an entry altered behind the
//! members' backs is named with its client, position and hashes, in both languages.

use std::path::Path;
use std::process::Output;

use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;
use serde_json::Value;

use crate::support::{Dpodesk, refused, succeeded as ok};

fn run_as(team: &Team, member: &str, vault: &Path, args: &[&str], lang: &str) -> Output {
    Dpodesk::member(team, member)
        .vault(vault)
        .lang(lang)
        .run(args)
}

#[test]
fn members_check_their_chains_an_admin_erases_and_a_tampered_entry_is_named() {
    let team = Team::initialised("cli_audit");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author]);
    let boss = team.member("boss", &[Role::Admin]);
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path().join("never.dpvault");
    let cli = |member: &str, args: &[&str]| run_as(&team, member, &vault, args, "C");
    let zh = |member: &str, args: &[&str]| run_as(&team, member, &vault, args, "zh_CN.UTF-8");

    let acme = ok(cli(&ann, &["client", "add", "--name", "Acme Ltd"]));
    let acme = acme.trim().to_owned();
    let bolt = ok(cli(&bob, &["client", "add", "--name", "Bolt GmbH"]));
    let bolt = bolt.trim().to_owned();
    ok(cli(&bob, &["client", "archive", &bolt]));

    // Ann: her one chain, and word that the others were not checked.
    let anns = ok(cli(&ann, &["audit", "verify"]));
    assert!(
        anns.starts_with("audit chains intact: 1 chains · 1 entries\n"),
        "{anns}"
    );
    assert!(
        anns.contains(&format!("  Acme Ltd ({acme}): 1 entries · head ")),
        "{anns}"
    );
    assert!(!anns.contains("Bolt"), "{anns}");
    assert!(
        anns.contains("The chains of clients not granted to you were not checked"),
        "{anns}"
    );
    let anns_zh = ok(zh(&ann, &["audit", "verify"]));
    assert!(
        anns_zh.contains("未授权给您的客户的审计链未检查"),
        "{anns_zh}"
    );
    // The admin: every chain, and no such word.
    let boss_says = ok(cli(&boss, &["audit", "verify"]));
    assert!(
        boss_says.starts_with("audit chains intact: 2 chains · 3 entries\n"),
        "{boss_says}"
    );
    assert!(
        boss_says.contains(&format!("  Bolt GmbH ({bolt}): 2 entries")),
        "{boss_says}"
    );
    assert!(!boss_says.contains("not checked"), "{boss_says}");

    // Erasure: Bob, who made Bolt, is refused by the database; the admin erases it.
    let by_bob = refused(&cli(
        &bob,
        &["client", "erase", &bolt, "--confirm", "Bolt GmbH"],
    ));
    assert!(
        by_bob.contains("only an admin of the team database erases a client"),
        "{by_bob}"
    );
    let erased = ok(cli(
        &boss,
        &["client", "erase", &bolt, "--confirm", "Bolt GmbH", "--json"],
    ));
    let erased: Value = serde_json::from_str(&erased).expect("json");
    assert_eq!(erased["client_id"], bolt.as_str(), "{erased}");
    assert_eq!(erased["audit_entries_blanked"], 2, "{erased}");
    assert!(!ok(cli(&boss, &["client", "list", "--all", "--json"])).contains("Bolt"));
    // Its chain stays, blanked and closed by the erasure's entry, and verifies.
    let boss_says = ok(cli(&boss, &["audit", "verify"]));
    assert!(
        boss_says.contains(&format!("  erased client ({bolt}): 3 entries")),
        "{boss_says}"
    );
    let left: i64 = team
        .superuser()
        .query_one(
            "SELECT count(*) FROM dpodesk.audit_log WHERE client_id = $1 AND summary LIKE '%Bolt%'",
            &[&bolt],
        )
        .expect("count")
        .get(0);
    assert_eq!(left, 0, "the chain no longer names the client");

    // In words, the erasure says what the server still keeps.
    ok(cli(&ann, &["client", "add", "--name", "Cobalt"]));
    let words = ok(cli(
        &boss,
        &["client", "erase", "Cobalt", "--confirm", "Cobalt"],
    ));
    assert!(
        words.contains("erased client")
            && words
                .contains("The server keeps the deleted rows until its administrator runs VACUUM"),
        "{words}"
    );

    // Behind everyone's back, the server's superuser edits Acme's entry.
    let row = team
        .superuser()
        .query_one(
            "UPDATE dpodesk.audit_log SET summary = 'nothing' WHERE client_id = $1
             RETURNING id, detail_sha256",
            &[&acme],
        )
        .expect("tamper");
    let (id, recorded): (String, String) = (row.get(0), row.get(1));
    let broken = refused(&cli(&ann, &["audit", "verify"]));
    assert!(
        broken.contains(&format!(
            "the audit chain of client {acme} is broken at entry 1 ({id})"
        )) && broken.contains(&format!("expected hash {recorded}")),
        "{broken}"
    );
    let broken_zh = refused(&zh(&boss, &["audit", "verify"]));
    assert!(
        broken_zh.contains(&format!("客户 {acme} 的审计链在第 1 条")),
        "{broken_zh}"
    );
    assert!(!vault.exists(), "a vault was touched");
}
