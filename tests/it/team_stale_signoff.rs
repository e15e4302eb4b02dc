//! No lost update at sign-off and keep-until through the `dpodesk` binary on the team database
//! (two members, two sessions): an approver who read the assessment before the author's
//! submission signs with `--if-version` and is refused, naming the author, in English and
//! Chinese; nothing is signed; from a fresh read his sign-off lands. A keep-until date set from
//! the read before that sign-off is refused, naming the approver.

use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;

use crate::support::{TeamCli, refused, succeeded as ok};

/// `assess show ID --json` as `member`.
fn shown(runs: &TeamCli<'_>, member: &str, id: &str) -> serde_json::Value {
    serde_json::from_str(&ok(runs.run(member, &["assess", "show", id, "--json"]))).expect("json")
}

#[test]
fn a_sign_off_and_a_keep_until_from_an_overtaken_read_are_refused_on_the_team_database() {
    let team = Team::initialised("cli_stale_sign");
    let ann = team.member("ann", &[Role::Author]);
    let carl = team.member("carl", &[Role::Approver]);
    let runs = TeamCli::new(&team);
    let cli = |member: &str, args: &[&str]| runs.run(member, args);

    let client = ok(cli(&ann, &["client", "add", "--name", "Acme Ltd"]));
    let client = client.trim().to_owned();
    runs.grant(&client, &carl);
    let id = runs.new_pia(&ann, &client);

    // Carl reads the draft; Ann submits it after.
    let read = shown(&runs, &carl, &id)["updated_at"]
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
    let zh = refused(&runs.run_in("zh_CN.UTF-8", &carl, &stale));
    assert!(
        zh.contains(&format!("此评估在您打开后已由 {ann} 于")) && zh.contains("请重新载入"),
        "{zh}"
    );
    let now = shown(&runs, &carl, &id);
    assert_eq!(now["status"], "in_review", "nothing signed: {now}");
    assert_eq!(now["sign_offs"].as_array().map(Vec::len), Some(0), "{now}");

    // From a fresh read, his sign-off lands.
    let fresh = now["updated_at"].as_str().expect("updated_at").to_owned();
    let landed = signoff(&fresh);
    let landed: Vec<&str> = landed.iter().map(String::as_str).collect();
    ok(cli(&carl, &landed));
    assert_eq!(shown(&runs, &ann, &id)["status"], "rejected");

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
    let signed = shown(&runs, &ann, &id)["updated_at"]
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
