//! Reviewers' comments through the `dpodesk` binary: add on a question, list (text and JSON,
//! open first), resolve, and the refusals worded in both languages.

use std::path::Path;

use crate::support::*;

#[test]
fn comments_are_added_listed_and_resolved_from_the_command_line() {
    let (_dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let id = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template",
            "pia",
            "--title",
            "Loyalty PIA",
        ],
    );
    let add = |question: &str, text: &str| {
        ok(
            &vault,
            &[
                "assess",
                "comment",
                "add",
                &id,
                "--question",
                question,
                "--text",
                text,
            ],
        )
    };
    let first = add("pia01_regime", "Which regime applies?");
    let second = add("pia01_regime", "说明理由");
    add("pia01_decided_in", "Where was it decided?");

    let resolved = ok(&vault, &["assess", "comment", "resolve", &first]);
    assert!(
        resolved.starts_with(&format!("[resolved by {ACTOR}] {first} ")),
        "{resolved}"
    );

    let listed = json_items(&ok(&vault, &["assess", "comment", "list", &id, "--json"]));
    let threads = listed.as_array().expect("threads");
    assert_eq!(threads.len(), 2);
    assert_eq!(threads[0]["question_id"], "pia01_regime");
    assert_eq!(threads[0]["open"], 1);
    let ids: Vec<&str> = threads[0]["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, [second.as_str(), first.as_str()], "open first");
    assert_eq!(threads[0]["comments"][1]["resolved_by"], ACTOR);
    assert_eq!(threads[0]["comments"][0]["author"], ACTOR);
    assert_eq!(threads[1]["question_id"], "pia01_decided_in");
    assert_eq!(threads[1]["comments"][0]["text"], "Where was it decided?");

    let text = ok(&vault, &["assess", "comment", "list", &id]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "pia01_regime (1 open)");
    assert!(
        lines[1].starts_with(&format!("  [open] {second} ")),
        "{text}"
    );
    assert!(lines[1].ends_with(&format!("{ACTOR}: 说明理由")), "{text}");
    assert_eq!(lines[3], "pia01_decided_in (1 open)");

    // Refusals change nothing and say why.
    let refused = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["assess", "comment", "resolve", &first],
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("this comment is already resolved"),
        "{}",
        stderr(&refused)
    );
    let unknown = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &[
            "assess",
            "comment",
            "add",
            &id,
            "--question",
            "nope",
            "--text",
            "x",
        ],
    );
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("nope"), "{}", stderr(&unknown));
    let empty = Dpodesk::on(&vault, Some(PASSPHRASE))
        .lang("zh_CN.UTF-8")
        .run(&[
            "assess",
            "comment",
            "add",
            &id,
            "--question",
            "pia01_regime",
            "--text",
            "  ",
        ]);
    assert!(!empty.status.success());
    assert!(
        stderr(&empty).contains("审阅意见不能为空"),
        "{}",
        stderr(&empty)
    );
    let count: usize = json_items(&ok(&vault, &["assess", "comment", "list", &id, "--json"]))
        .as_array()
        .expect("threads")
        .iter()
        .map(|t| t["comments"].as_array().expect("comments").len())
        .sum();
    assert_eq!(count, 3);
}

#[test]
fn comments_travel_with_their_matter_in_a_bundle() {
    let (dir, from) = vault_path();
    let to = dir.path().join("receiving.dpvault");
    ok(&from, &["vault", "init"]);
    ok(&to, &["vault", "init"]);
    ok(&from, &["client", "add", "--name", "Acme Trading"]);
    let id = ok(
        &from,
        &[
            "assess",
            "new",
            "--template",
            "pia",
            "--title",
            "Loyalty PIA",
            "--client",
            "Acme Trading",
        ],
    );
    let open = ok(
        &from,
        &[
            "assess",
            "comment",
            "add",
            &id,
            "--question",
            "pia01_regime",
            "--text",
            "Open point",
        ],
    );
    let done = ok(
        &from,
        &[
            "assess",
            "comment",
            "add",
            &id,
            "--question",
            "pia01_regime",
            "--text",
            "Settled",
        ],
    );
    ok(&from, &["assess", "comment", "resolve", &done]);
    let bundle = dir.path().join("acme.dpodesk");
    let with_bundle_passphrase = |vault: &Path, args: &[&str]| {
        let output = Dpodesk::on(vault, Some(PASSPHRASE))
            .env(
                "DPODESK_BUNDLE_PASSPHRASE",
                "amber ferry whistles under nine bridges",
            )
            .run(args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    };
    let out = bundle.to_str().expect("path");
    with_bundle_passphrase(
        &from,
        &["bundle", "export", "--client", "Acme Trading", "--out", out],
    );
    with_bundle_passphrase(&to, &["bundle", "import", out]);

    let listed = json_items(&ok(&to, &["assess", "comment", "list", &id, "--json"]));
    let comments = listed[0]["comments"].as_array().expect("comments");
    let seen: Vec<(&str, bool)> = comments
        .iter()
        .map(|c| (c["id"].as_str().expect("id"), c["resolved_by"].is_string()))
        .collect();
    assert_eq!(seen, [(open.as_str(), false), (done.as_str(), true)]);

    // Erasing the matter takes its comments with it.
    ok(
        &from,
        &[
            "client",
            "erase",
            "Acme Trading",
            "--confirm",
            "Acme Trading",
        ],
    );
    let gone = dpodesk(
        &from,
        Some(PASSPHRASE),
        &["assess", "comment", "resolve", &open],
    );
    assert!(!gone.status.success());
    assert!(
        stderr(&gone).contains(&format!("no comment matches \"{open}\"")),
        "{}",
        stderr(&gone)
    );
}
