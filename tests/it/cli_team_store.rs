//! The everyday commands with `--team`: the `dpodesk` binary works on the team database through
//! the same use cases as on a vault, as each member's own login role, against the private
//! PostgreSQL cluster (`dpodesk_team::testing`; `cargo xtask test` installs PostgreSQL). Each
//! step is checked by what the CLI prints back; a member not granted the client sees nothing of
//! it; commands about the vault file, and those not yet on the team database, are refused
//! before any vault is opened. A `--vault` path that does not exist rides along on every call
//! and is checked never to appear.

use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;
use serde_json::Value;

use crate::support::{TeamCli, refused, stderr, succeeded as ok};
use crate::support::{json_items, signoff_args};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn names(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("a list")
        .iter()
        .map(|item| item["name"].as_str().expect("a name").to_owned())
        .collect()
}

#[test]
fn a_matter_is_worked_on_in_the_team_database_through_the_cli() {
    let team = Team::initialised("cli_store");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Approver]);
    let eve = team.member("eve", &[Role::Author]);
    // Dan writes and approves: he may sign off others' work, not what he edited.
    let dan = team.member("dan", &[Role::Author, Role::Approver]);
    let runs = TeamCli::new(&team);
    let cli = |member: &str, args: &[&str]| runs.run(member, args);

    // Registers: Ann files a client and a data source; the list reads them back.
    let client = ok(cli(&ann, &["client", "add", "--name", "Acme Ltd"]));
    let client = client.trim().to_owned();
    let clients = json_items(&ok(cli(&ann, &["client", "list", "--json"])));
    assert_eq!(names(&clients), ["Acme Ltd"]);
    assert_eq!(clients[0]["id"], client.as_str());
    ok(cli(
        &ann,
        &[
            "source",
            "add",
            "--client",
            "Acme Ltd",
            "--name",
            "Web shop",
            "--channel",
            "EC",
        ],
    ));
    let sources = json_items(&ok(cli(
        &ann,
        &["source", "list", "--client", "Acme Ltd", "--json"],
    )));
    assert_eq!(names(&sources), ["Web shop"]);
    // Search reads the team database as it reads a vault.
    let hits = json_items(&ok(cli(&ann, &["search", "Web", "--json"])));
    let hits = hits.as_array().expect("hits");
    assert!(
        hits.iter().any(|h| h["kind"] == "data_source"
            && h["title"] == "Web shop"
            && h["client_name"] == "Acme Ltd"),
        "{hits:?}"
    );

    // Bob, the approver, works on Acme once the firm's DBA grants it to him.
    runs.grant("Acme Ltd", &bob);
    runs.grant("Acme Ltd", &dan);

    // An assessment: created, answered from a file, shown as JSON.
    let id = runs.new_pia(&ann, "Acme Ltd");
    let answers = runs.dir().join("answers.toml");
    std::fs::write(&answers, "pia01_regime = \"prc\"\n").expect("answers");
    let answered = ok(cli(
        &ann,
        &[
            "assess",
            "answer",
            &id,
            "--file",
            answers.to_str().expect("path"),
        ],
    ));
    assert!(answered.contains("saved 1 answer"), "{answered}");
    std::fs::write(&answers, "pia01_regime = \"both\"\n").expect("answers");
    ok(cli(
        &dan,
        &[
            "assess",
            "answer",
            &id,
            "--file",
            answers.to_str().expect("path"),
        ],
    ));
    let shown = json(&ok(cli(&ann, &["assess", "show", &id, "--json"])));
    assert_eq!(shown["id"], id.as_str(), "{shown}");
    assert_eq!(shown["status"], "draft", "{shown}");
    let listed = json_items(&ok(cli(&ann, &["assess", "list", "--json"])));
    assert_eq!(listed[0]["title"], "Loyalty PIA", "{listed}");

    // Submitted by its author, signed off by an approver who did not edit it: the signer is
    // his login, whatever --name says.
    ok(cli(&ann, &["assess", "submit", &id]));
    let mut approve = signoff_args(&id, "approve");
    for attestation in [
        "processing_accurate",
        "risks_understood",
        "actions_endorsed",
        "implementation_committed",
    ] {
        approve.extend(["--attest", attestation]);
    }
    approve.push("--with-reservations");
    // Ann, who wrote it, may not sign it off: her role has no such right.
    let by_author = refused(&cli(&ann, &approve));
    assert!(
        by_author.contains("your role in the team database does not sign off assessments: an approver signs them off"),
        "{by_author}"
    );
    // Dan edited it: the database refuses his sign-off, naming the assessment.
    let own_work = refused(&cli(&dan, &approve));
    assert!(
        own_work.contains(&format!("you edited the assessment {id}")),
        "{own_work}"
    );
    let signed = ok(cli(&bob, &approve));
    assert!(signed.contains("with reservations"), "{signed}");
    let shown = json(&ok(cli(&bob, &["assess", "show", &id, "--json"])));
    assert_eq!(shown["status"], "approved", "{shown}");
    assert_eq!(
        shown["sign_offs"].as_array().map(Vec::len),
        Some(1),
        "{shown}"
    );
    // The database wrote Bob's login as the signer, whatever name the door printed.
    let signer: String = team
        .session(&bob)
        .query_one(
            "SELECT signer FROM dpodesk.signoffs WHERE assessment_id = $1",
            &[&id],
        )
        .expect("the sign-off")
        .get(0);
    assert_eq!(signer, bob);

    // Corrective actions.
    let action = ok(cli(
        &ann,
        &[
            "action",
            "add",
            "--client",
            "Acme Ltd",
            "--title",
            "Update the notice",
        ],
    ));
    let actions = json_items(&ok(cli(&ann, &["action", "list", "--json"])));
    assert_eq!(actions[0]["id"], action.trim(), "{actions}");
    assert_eq!(actions[0]["title"], "Update the notice", "{actions}");
    assert_eq!(actions[0]["client_name"], "Acme Ltd", "{actions}");
    // Eve was granted nothing: no client, no source, no assessment, no action.
    assert_eq!(
        json_items(&ok(cli(&eve, &["client", "list", "--json"]))),
        Value::Array(vec![])
    );
    assert_eq!(
        json_items(&ok(cli(&eve, &["source", "list", "--json"]))),
        Value::Array(vec![])
    );
    assert_eq!(
        json_items(&ok(cli(&eve, &["assess", "list", "--json"]))),
        Value::Array(vec![])
    );
    assert_eq!(
        json_items(&ok(cli(&eve, &["action", "list", "--json"]))),
        Value::Array(vec![])
    );
    let hidden = refused(&cli(&eve, &["assess", "show", &id]));
    assert!(hidden.contains(&id), "{hidden}");
    let no_client = refused(&cli(
        &eve,
        &[
            "source",
            "add",
            "--client",
            "Acme Ltd",
            "--name",
            "X",
            "--channel",
            "EC",
        ],
    ));
    assert!(no_client.contains("Acme Ltd"), "{no_client}");

    // The report, drawn from the team database and kept there: it prints the name the sign-off
    // bears (here --name; without it, the member's display name: team_signing.rs) and carries
    // Acme's audit chain head as its anchor.
    let pdf = runs.dir().join("pia.pdf");
    let wrote = ok(cli(
        &ann,
        &[
            "report",
            &id,
            "--lang",
            "en",
            "--out",
            pdf.to_str().expect("path"),
        ],
    ));
    assert!(
        wrote.contains("wrote") && wrote.contains("pages"),
        "{wrote}"
    );
    let text = crate::reports::text_of(&pdf, None);
    assert!(text.contains("Loyalty PIA"), "{text}");
    assert!(text.contains("Acme Ltd"), "{text}");
    assert!(text.contains("Reservations"), "{text}");
    // Acme's chain as it stood before the report's own entry.
    let before = team
        .session(&ann)
        .query_one(
            "SELECT position, hash FROM dpodesk.audit_log
             WHERE client_id = $1 AND action <> 'report.generated'
             ORDER BY position DESC LIMIT 1",
            &[&client],
        )
        .expect("Acme's chain");
    let (count, hash): (i64, String) = (before.get(0), before.get(1));
    let flat: String = text.split_whitespace().collect();
    assert!(
        text.contains(&format!("Audit chain head ({count} entries)")) && flat.contains(&hash),
        "the anchor is Acme's chain head {count} {hash}: {text}"
    );

    // The CNIL exchange file, with the chain head it leaves after its own entry.
    let cnil = runs.dir().join("pia.json");
    let cnil_out = cli(
        &ann,
        &["export", "cnil", &id, "--out", cnil.to_str().expect("path")],
    );
    ok(cnil_out.clone());
    let document = json(&std::fs::read_to_string(&cnil).expect("cnil file"));
    assert_eq!(document["pia"]["name"], "Loyalty PIA", "{document}");
    assert!(
        stderr(&cnil_out).contains("audit chain"),
        "{}",
        stderr(&cnil_out)
    );

    // A register export as CSV, with Acme's chain head printed.
    let csv = runs.dir().join("sources.csv");
    let exported = ok(cli(
        &ann,
        &[
            "export",
            "sources",
            "--client",
            "Acme Ltd",
            "--format",
            "csv",
            "--out",
            csv.to_str().expect("path"),
        ],
    ));
    assert!(exported.contains("(1 rows"), "{exported}");
    let table = std::fs::read_to_string(&csv).expect("csv");
    assert!(
        table.contains("Web shop") && table.contains("Acme Ltd"),
        "{table}"
    );
    // Across clients there is no one chain a member may read (the firm's is the admins'):
    // refused by name before anything is recorded or written.
    let all = runs.dir().join("all.csv");
    let refused_all = refused(&cli(
        &ann,
        &[
            "export",
            "sources",
            "--format",
            "csv",
            "--out",
            all.to_str().expect("path"),
        ],
    ));
    assert!(
        refused_all.contains(
            "Anchoring a file to an audit chain other than one client's is not available on a team database yet"
        ),
        "{refused_all}"
    );
    assert!(!all.exists());

    assert!(!runs.vault().exists(), "a vault was touched");
}

#[test]
fn commands_about_the_vault_file_or_not_yet_on_the_team_database_are_refused_by_name() {
    let team = Team::initialised("cli_store_refused");
    let ann = team.member("ann", &[Role::Author]);
    let runs = TeamCli::new(&team);
    let cli = |args: &[&str]| runs.run(&ann, args);

    let backup = refused(&cli(&["vault", "backup", "--out", "x.dpvault"]));
    assert!(
        backup.contains("`vault backup` works on a vault file, not on a team database")
            && backup.contains("pg_dump"),
        "{backup}"
    );
    let init = refused(&cli(&["vault", "init"]));
    assert!(init.contains("team init"), "{init}");
    let rekey = refused(&cli(&["vault", "rekey"]));
    assert!(rekey.contains("team member password"), "{rekey}");
    let zh = runs.run_in(
        "zh_CN.UTF-8",
        &ann,
        &["vault", "restore", "--from", "x.dpvault"],
    );
    let zh = refused(&zh);
    assert!(
        zh.contains("只适用于保险库文件") && zh.contains("pg_restore"),
        "{zh}"
    );

    assert!(!runs.vault().exists(), "a vault was touched");
}
