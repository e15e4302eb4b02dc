//! No lost update at sign-off and keep-until through the `dpodesk` binary on the team database
//! (two members, two sessions): an approver who read the assessment before the author's
//! submission signs with `--if-version` and is refused, naming the author, in English and
//! Chinese; nothing is signed; from a fresh read his sign-off lands. A keep-until date set from
//! the read before that sign-off is refused, naming the approver.

use std::path::Path;
use std::process::Output;

use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;

use crate::support::{Dpodesk, refused, succeeded as ok};

fn run(team: &Team, member: &str, vault: &Path, args: &[&str], lang: &str) -> Output {
    Dpodesk::member(team, member)
        .vault(vault)
        .lang(lang)
        .run(args)
}

fn shown(team: &Team, member: &str, vault: &Path, id: &str) -> serde_json::Value {
    let out = ok(run(
        team,
        member,
        vault,
        &["assess", "show", id, "--json"],
        "C",
    ));
    serde_json::from_str(&out).expect("json")
}

#[test]
fn a_sign_off_and_a_keep_until_from_an_overtaken_read_are_refused_on_the_team_database() {
    let team = Team::initialised("cli_stale_sign");
    let ann = team.member("ann", &[Role::Author]);
    let carl = team.member("carl", &[Role::Approver]);
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path().join("never.dpvault");
    let cli = |member: &str, args: &[&str]| run(&team, member, &vault, args, "C");

    let client = ok(cli(&ann, &["client", "add", "--name", "Acme Ltd"]));
    let client = client.trim().to_owned();
    ok(cli(
        &team.dba_name(),
        &["team", "grant", "--client", &client, "--member", &carl],
    ));
    let id = ok(cli(
        &ann,
        &[
            "assess",
            "new",
            "--template",
            "pia",
            "--title",
            "Loyalty PIA",
            "--client",
            &client,
        ],
    ));
    let id = id.trim().to_owned();

    // Carl reads the draft; Ann submits it after.
    let read = shown(&team, &carl, &vault, &id)["updated_at"]
        .as_str()
        .expect("updated_at")
        .to_owned();
    ok(cli(&ann, &["assess", "submit", &id]));

    let signoff = |version: &str| {
        [
            "assess",
            "signoff",
            &id,
            "--role",
            "DPO",
            "--decision",
            "reject",
            "--if-version",
            version,
        ]
        .map(str::to_owned)
    };
    let stale = signoff(&read);
    let stale: Vec<&str> = stale.iter().map(String::as_str).collect();
    let en = refused(&cli(&carl, &stale));
    assert!(
        en.contains(&format!("this assessment was changed by {ann} at"))
            && en.contains("reload it and make your change again"),
        "{en}"
    );
    let zh = refused(&run(&team, &carl, &vault, &stale, "zh_CN.UTF-8"));
    assert!(
        zh.contains(&format!("此评估在您打开后已由 {ann} 于")) && zh.contains("请重新载入"),
        "{zh}"
    );
    let now = shown(&team, &carl, &vault, &id);
    assert_eq!(now["status"], "in_review", "nothing signed: {now}");
    assert_eq!(now["sign_offs"].as_array().map(Vec::len), Some(0), "{now}");

    // From a fresh read, his sign-off lands.
    let fresh = now["updated_at"].as_str().expect("updated_at").to_owned();
    let landed = signoff(&fresh);
    let landed: Vec<&str> = landed.iter().map(String::as_str).collect();
    ok(cli(&carl, &landed));
    assert_eq!(shown(&team, &ann, &vault, &id)["status"], "rejected");

    // Ann's keep-until from her read before his sign-off is refused, naming him.
    let keep = [
        "assess",
        "keep-until",
        &id,
        "2031-12-31",
        "--if-version",
        &fresh,
    ];
    let en = refused(&cli(&ann, &keep));
    assert!(
        en.contains(&format!("this assessment was changed by {carl} at")),
        "{en}"
    );
    let signed = shown(&team, &ann, &vault, &id)["updated_at"]
        .as_str()
        .expect("updated_at")
        .to_owned();
    let kept = ok(cli(
        &ann,
        &[
            "assess",
            "keep-until",
            &id,
            "2031-12-31",
            "--if-version",
            &signed,
            "--json",
        ],
    ));
    let kept: serde_json::Value = serde_json::from_str(&kept).expect("json");
    assert_eq!(kept["keep_until"], "2031-12-31", "{kept}");
}
