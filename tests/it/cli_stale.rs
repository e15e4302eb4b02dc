//! No lost update through the CLI on a vault: an edit made with `--if-version` from a read that
//! another change has overtaken is refused, naming who made it; one from the command's own read
//! lands. (The same on the team database: `team_signing.rs`.)

use crate::cli_registers::{add, assert_fields, fails, init, objects, printed};
use crate::support::*;

#[test]
fn an_edit_from_a_read_overtaken_by_another_change_is_refused_and_names_who_made_it() {
    let (_dir, path) = vault_path();
    init(&path);
    let client = add(&path, &["client", "add", "--name", "Acme Ltd"]);
    let read = objects(&printed(&path, &["client", "list", "--json"]))[0]["updated_at"]
        .as_str()
        .expect("updated_at")
        .to_owned();
    printed(
        &path,
        &["client", "edit", &client, "--name", "Acme Holdings"],
    );

    let refused = fails(
        &path,
        &[
            "client",
            "edit",
            &client,
            "--matter",
            "Loyalty",
            "--if-version",
            &read,
        ],
    );
    assert!(
        refused.contains(&format!("this client was changed by {ACTOR} at"))
            && refused.contains("reload it and make your change again"),
        "{refused}"
    );
    let listed = objects(&printed(&path, &["client", "list", "--json"]));
    assert_fields(
        &listed[0],
        &[("name", "\"Acme Holdings\""), ("matter", "\"\"")],
    );
    // Without --if-version the command sends the version it read itself: the edit lands.
    printed(&path, &["client", "edit", &client, "--matter", "Loyalty"]);
    let listed = objects(&printed(&path, &["client", "list", "--json"]));
    assert_fields(&listed[0], &[("matter", "\"Loyalty\"")]);
}

#[test]
fn an_action_edit_from_a_stale_read_is_refused() {
    let (_dir, path) = vault_path();
    init(&path);
    add(&path, &["client", "add", "--name", "Acme Ltd"]);
    let action = add(
        &path,
        &[
            "action",
            "add",
            "--client",
            "Acme Ltd",
            "--title",
            "Update the notice",
        ],
    );
    let read = objects(&printed(&path, &["action", "list", "--json"]))[0]["updated_at"]
        .as_str()
        .expect("updated_at")
        .to_owned();
    printed(&path, &["action", "edit", &action, "--owner", "Wang"]);
    let refused = fails(
        &path,
        &[
            "action",
            "edit",
            &action,
            "--status",
            "done",
            "--if-version",
            &read,
        ],
    );
    assert!(
        refused.contains(&format!("this action was changed by {ACTOR} at")),
        "{refused}"
    );
    let listed = objects(&printed(&path, &["action", "list", "--json"]));
    assert_fields(
        &listed[0],
        &[("owner", "\"Wang\""), ("status.status", "\"open\"")],
    );
}

/// `assess show --json`'s `updated_at`: the version a sign-off or a keep-until date carries.
fn shown_version(path: &std::path::Path, id: &str) -> String {
    let shown: serde_json::Value =
        serde_json::from_str(&printed(path, &["assess", "show", id, "--json"])).expect("json");
    shown["updated_at"].as_str().expect("updated_at").to_owned()
}

#[test]
fn a_sign_off_or_keep_until_from_a_read_overtaken_by_a_change_is_refused() {
    let (_dir, path) = vault_path();
    init(&path);
    let id = add(
        &path,
        &[
            "assess",
            "new",
            "--template",
            "pia",
            "--title",
            "Loyalty PIA",
        ],
    );
    // Read while a draft; the submission moves it on.
    let read = shown_version(&path, &id);
    printed(&path, &["assess", "submit", &id]);
    let signoff = |version: &str| {
        [
            "assess",
            "signoff",
            &id,
            "--name",
            "Carl",
            "--role",
            "DPO",
            "--decision",
            "reject",
            "--if-version",
            version,
        ]
        .map(str::to_owned)
    };
    let refused = fails(&path, &signoff(&read).each_ref().map(String::as_str));
    assert!(
        refused.contains(&format!("this assessment was changed by {ACTOR} at"))
            && refused.contains("reload it and make your change again"),
        "{refused}"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&printed(&path, &["assess", "show", &id, "--json"])).expect("json");
    assert_eq!(shown["status"], "in_review", "nothing signed: {shown}");

    let fresh = shown_version(&path, &id);
    printed(&path, &signoff(&fresh).each_ref().map(String::as_str));

    // Keep-until: from the read before the sign-off, refused; from the fresh one, it lands, and
    // its JSON gives the version a next change carries.
    let keep = |version: &str| {
        [
            "assess",
            "keep-until",
            &id,
            "2031-12-31",
            "--if-version",
            version,
            "--json",
        ]
        .map(str::to_owned)
    };
    let refused = fails(&path, &keep(&fresh).each_ref().map(String::as_str));
    assert!(
        refused.contains(&format!("this assessment was changed by {ACTOR} at")),
        "{refused}"
    );
    let signed = shown_version(&path, &id);
    let kept: serde_json::Value = serde_json::from_str(&printed(
        &path,
        &keep(&signed).each_ref().map(String::as_str),
    ))
    .expect("json");
    assert_eq!(kept["keep_until"], "2031-12-31", "{kept}");
    // The date leaves the version as it was: the one read before it still holds.
    assert_eq!(kept["version"].as_str(), Some(signed.as_str()), "{kept}");
    assert_eq!(shown_version(&path, &id), signed);
}

#[test]
fn a_keep_until_from_the_date_read_is_refused_once_another_date_was_set() {
    let (_dir, path) = vault_path();
    init(&path);
    let client = add(&path, &["client", "add", "--name", "Acme Ltd"]);
    let keep = |date: &str, read: &str| {
        [
            "client",
            "keep-until",
            &client,
            date,
            "--if-keep-until",
            read,
        ]
        .map(str::to_owned)
    };
    // From "no date", mine lands; a second from "no date" (another window's read) is refused,
    // naming who set the first; from the date now read, it lands.
    printed(
        &path,
        &keep("2031-12-31", "none").each_ref().map(String::as_str),
    );
    let refused = fails(
        &path,
        &keep("2032-06-30", "none").each_ref().map(String::as_str),
    );
    assert!(
        refused.contains(&format!("this keep-until date was changed by {ACTOR} at"))
            && refused.contains("reload it and make your change again"),
        "{refused}"
    );
    let kept = printed(
        &path,
        &keep("2032-06-30", "2031-12-31")
            .each_ref()
            .map(String::as_str),
    );
    assert!(kept.contains("kept until 2032-06-30"), "{kept}");
}
