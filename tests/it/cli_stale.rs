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
