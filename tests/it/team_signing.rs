//! Team mode's names and versions through the `dpodesk` binary, against the private PostgreSQL
//! cluster: a sign-off left without `--name` bears the member's display name (from his profile,
//! which he set himself), the report (PDF and DOCX) prints it and says its anchor is the team
//! database's chain for the client; a register edit made from a read that a colleague's change
//! has overtaken is refused, naming him, in English and Chinese, and one from a fresh read lands.

use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;

use crate::support::json_items;
use crate::support::{Dpodesk, TeamCli, refused, succeeded as ok};

#[test]
fn a_display_name_given_no_team_database_is_refused_as_the_app_refuses_it_on_a_vault() {
    let args = ["team", "member", "display-name", "ann", "Ann Li"];
    let en = refused(&Dpodesk::bare().run(&args));
    assert!(
        en.contains(
            &dpodesk_core::api::no_display_name_on_a_vault().message(dpodesk_core::Lang::En)
        ),
        "{en}"
    );
    let zh = refused(&Dpodesk::bare().lang("zh_CN.UTF-8").run(&args));
    assert!(
        zh.contains("保险库没有团队成员，因此没有可设置的显示名称"),
        "{zh}"
    );
}

#[test]
fn a_team_sign_off_bears_the_members_display_name_and_the_report_names_the_clients_chain() {
    let team = Team::initialised("cli_signing");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Approver]);
    let runs = TeamCli::new(&team);
    let cli = |member: &str, args: &[&str]| runs.run(member, args);

    // Bob names himself; nobody else may.
    ok(cli(
        &bob,
        &["team", "member", "display-name", &bob, "Bob Chen"],
    ));
    let not_his = refused(&cli(&ann, &["team", "member", "display-name", &bob, "X"]));
    assert!(
        not_his.contains("only an admin of the team database manages members and grants"),
        "{not_his}"
    );

    ok(cli(&ann, &["client", "add", "--name", "Acme Ltd"]));
    runs.grant("Acme Ltd", &bob);
    let id = runs.new_pia(&ann, "Acme Ltd");
    ok(cli(&ann, &["assess", "submit", &id]));
    let mut approve = vec![
        "assess",
        "signoff",
        &id,
        "--role",
        "DPO",
        "--decision",
        "approve",
        "--with-reservations",
    ];
    for attestation in [
        "processing_accurate",
        "risks_understood",
        "actions_endorsed",
        "implementation_committed",
    ] {
        approve.extend(["--attest", attestation]);
    }
    ok(cli(&bob, &approve));

    // The sign-off list and the database: his display name printed, his login the signer.
    let shown: serde_json::Value =
        serde_json::from_str(&ok(cli(&ann, &["assess", "show", &id, "--json"]))).expect("json");
    assert_eq!(shown["sign_offs"][0]["name"], "Bob Chen", "{shown}");
    let (signer, name): (String, String) = {
        let row = team
            .session(&bob)
            .query_one(
                "SELECT signer, name FROM dpodesk.signoffs WHERE assessment_id = $1",
                &[&id],
            )
            .expect("the sign-off");
        (row.get(0), row.get(1))
    };
    assert_eq!((signer.as_str(), name.as_str()), (bob.as_str(), "Bob Chen"));

    // The report, in both languages: the name, and the anchor said to be the client's chain in
    // the team database, never the vault's log.
    for (lang, anchor, not) in [
        (
            "en",
            "team database's audit chain for this client",
            "vault's audit log",
        ),
        ("zh", "团队数据库中该客户审计链的链头", "保险库审计日志"),
    ] {
        let pdf = runs.dir().join(format!("pia-{lang}.pdf"));
        let path = pdf.to_str().expect("path");
        ok(cli(&ann, &["report", &id, "--lang", lang, "--out", path]));
        let flat: String = crate::reports::text_of(&pdf, None)
            .split_whitespace()
            .collect();
        assert!(flat.contains("BobChen"), "{lang}: {flat}");
        let anchor: String = anchor.split_whitespace().collect();
        let not: String = not.split_whitespace().collect();
        assert!(
            flat.contains(&anchor) && !flat.contains(&not),
            "{lang}: {flat}"
        );

        // The Word report says the same, from the same model.
        let docx = runs.dir().join(format!("pia-{lang}.docx"));
        let path = docx.to_str().expect("path");
        ok(cli(
            &ann,
            &[
                "report", &id, "--lang", lang, "--format", "docx", "--out", path,
            ],
        ));
        let parts = crate::docx::check_docx(&std::fs::read(&docx).expect("docx"));
        let words: String = crate::docx::paragraphs(&parts["word/document.xml"])
            .into_iter()
            .map(|(_, text)| text)
            .collect::<String>()
            .split_whitespace()
            .collect();
        assert!(words.contains("BobChen"), "{lang}: {words}");
        assert!(
            words.contains(&anchor) && !words.contains(&not),
            "{lang}: {words}"
        );
    }
}

#[test]
fn a_register_edit_after_a_colleagues_is_refused_by_the_cli_on_the_team_database() {
    let team = Team::initialised("cli_stale_edit");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author]);
    let runs = TeamCli::new(&team);
    let cli = |member: &str, args: &[&str]| runs.run(member, args);

    let client = ok(cli(&ann, &["client", "add", "--name", "Acme Ltd"]));
    let client = client.trim().to_owned();
    runs.grant(&client, &bob);
    // Ann reads the client; Bob renames it after.
    let read = json_items(&ok(cli(&ann, &["client", "list", "--json"])))[0]["updated_at"]
        .as_str()
        .expect("updated_at")
        .to_owned();
    ok(cli(
        &bob,
        &["client", "edit", &client, "--name", "Acme Holdings"],
    ));

    let edit = [
        "client",
        "edit",
        &client,
        "--matter",
        "Loyalty",
        "--if-version",
        &read,
    ];
    let en = refused(&cli(&ann, &edit));
    assert!(
        en.contains(&format!("this client was changed by {bob} at"))
            && en.contains("reload it and make your change again"),
        "{en}"
    );
    let zh = refused(&runs.run_in("zh_CN.UTF-8", &ann, &edit));
    assert!(
        zh.contains(&format!("此客户在您打开后已由 {bob} 于")) && zh.contains("请重新载入"),
        "{zh}"
    );
    let listed = json_items(&ok(cli(&ann, &["client", "list", "--json"])));
    assert_eq!(
        (&listed[0]["name"], &listed[0]["matter"]),
        (&"Acme Holdings".into(), &"".into()),
        "Bob's edit stands, Ann's is not written: {listed}"
    );

    // From a fresh read (the command's own), her edit lands on top of his.
    ok(cli(
        &ann,
        &["client", "edit", &client, "--matter", "Loyalty"],
    ));
    let listed = json_items(&ok(cli(&ann, &["client", "list", "--json"])));
    assert_eq!(
        (&listed[0]["name"], &listed[0]["matter"]),
        (&"Acme Holdings".into(), &"Loyalty".into()),
        "{listed}"
    );
}
