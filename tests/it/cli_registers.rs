//! The register commands (`client`, `source`, `vendor`, `action`) through the `dpodesk` binary:
//! the ids they print, the `--json` contract, names resolved to clients, and one-line errors.

use std::path::Path;
use std::process::Output;

use crate::support::*;

/// Runs a command that must succeed and returns its stdout.
pub(crate) fn printed(vault: &Path, args: &[&str]) -> String {
    let output = dpodesk(vault, Some(PASSPHRASE), args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        stderr(&output)
    );
    stdout(&output)
}

/// Runs an `add` command and returns the id it printed (its only output).
pub(crate) fn add(vault: &Path, args: &[&str]) -> String {
    let out = printed(vault, args);
    let id = out.trim_end_matches('\n');
    assert!(
        id.len() == 36 && !id.contains('\n') && id.chars().nth(14) == Some('7'),
        "{args:?} should print one UUIDv7, printed {out:?}"
    );
    id.to_owned()
}

/// Runs a command that must fail with exit 1 and returns its single stderr line.
pub(crate) fn fails(vault: &Path, args: &[&str]) -> String {
    let output = dpodesk(vault, Some(PASSPHRASE), args);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{args:?}: {}",
        stderr(&output)
    );
    assert!(
        stdout(&output).is_empty(),
        "{args:?} printed {}",
        stdout(&output)
    );
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{args:?}: not one line: {err:?}");
    assert!(err.ends_with('\n'));
    err.trim_end().to_owned()
}

/// The items of a one-line `--json` list document (format 2: `{"format": 2, "items": [...]}`).
pub(crate) fn objects(json: &str) -> Vec<serde_json::Value> {
    assert_eq!(json.trim().lines().count(), 1, "one line: {json}");
    let document: serde_json::Value = serde_json::from_str(json).expect("JSON");
    assert_eq!(document["format"], 2, "{json}");
    document["items"].as_array().expect("items").clone()
}

/// Asserts that `object` holds each `key` with `value` (values as JSON text); `a.b` names a
/// field of a nested object.
pub(crate) fn assert_fields(object: &serde_json::Value, pairs: &[(&str, &str)]) {
    for (key, value) in pairs {
        let found = key.split('.').fold(object, |o, k| &o[k]);
        let expected: serde_json::Value = serde_json::from_str(value).expect("JSON value");
        assert_eq!(found, &expected, "{key} in {object}");
    }
}

fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

pub(crate) fn init(vault: &Path) {
    printed(vault, &["vault", "init"]);
}

#[test]
fn a_client_its_source_vendor_and_actions_show_up_in_the_json_lists() {
    let (_dir, path) = vault_path();
    init(&path);
    let client = add(
        &path,
        &[
            "client",
            "add",
            "--name",
            "华东商贸有限公司",
            "--matter",
            "2026 私域营销合规",
            "--contact",
            "李经理",
        ],
    );
    let source = add(
        &path,
        &[
            "source",
            "add",
            "--client",
            "华东商贸有限公司",
            "--name",
            "天猫旗舰店订单",
            "--channel",
            "ec",
            "--platform",
            "WeChat",
        ],
    );
    let vendor = add(
        &path,
        &[
            "vendor",
            "add",
            "--client",
            &client,
            "--name",
            "某短信网关",
            "--country",
            "CN",
            "--service",
            "SMS",
            "--next-review",
            "2026-03-31",
        ],
    );
    let overdue = add(
        &path,
        &[
            "action",
            "add",
            "--title",
            "补充单独同意弹窗",
            "--client",
            "华东商贸有限公司",
            "--owner",
            "张三",
            "--due",
            "2000-01-01",
            "--finding",
            "DS-06",
        ],
    );
    let later = add(
        &path,
        &[
            "action",
            "add",
            "--title",
            "培训客服",
            "--client",
            &client,
            "--due",
            "2999-12-31",
        ],
    );

    let clients = objects(&printed(&path, &["client", "list", "--json"]));
    assert_eq!(clients.len(), 1, "{clients:?}");
    assert_fields(
        &clients[0],
        &[
            ("id", &quoted(&client)),
            ("name", "\"华东商贸有限公司\""),
            ("matter", "\"2026 私域营销合规\""),
            ("contact", "\"李经理\""),
            ("notes", "\"\""),
            ("archived", "false"),
        ],
    );
    assert!(
        clients[0]["created_at"]
            .as_str()
            .is_some_and(|t| t.starts_with("20")),
        "{}",
        clients[0]
    );

    let sources = objects(&printed(
        &path,
        &["source", "list", "--client", "华东商贸有限公司", "--json"],
    ));
    assert_eq!(sources.len(), 1, "{sources:?}");
    assert_fields(
        &sources[0],
        &[
            ("id", &quoted(&source)),
            ("client_id", &quoted(&client)),
            ("name", "\"天猫旗舰店订单\""),
            ("channel", "\"EC\""),
            ("platform", "\"WeChat\""),
            ("archived", "false"),
        ],
    );

    let vendors = objects(&printed(&path, &["vendor", "list", "--json"]));
    assert_eq!(vendors.len(), 1, "{vendors:?}");
    assert_fields(
        &vendors[0],
        &[
            ("id", &quoted(&vendor)),
            ("client_id", &quoted(&client)),
            ("name", "\"某短信网关\""),
            ("country", "\"CN\""),
            ("service", "\"SMS\""),
            ("next_review", "\"2026-03-31\""),
        ],
    );
    assert_eq!(
        objects(&printed(
            &path,
            &["vendor", "list", "--due-by", "2026-03-31", "--json"]
        ))
        .len(),
        1
    );
    assert!(
        objects(&printed(
            &path,
            &["vendor", "list", "--due-by", "2026-03-30", "--json"]
        ))
        .is_empty()
    );

    let actions = objects(&printed(&path, &["action", "list", "--json"]));
    assert_eq!(actions.len(), 2, "{actions:?}");
    assert_fields(
        &actions[0],
        &[
            ("id", &quoted(&overdue)),
            ("client_id", &quoted(&client)),
            ("assessment_id", "null"),
            ("finding_id", "\"DS-06\""),
            ("title", "\"补充单独同意弹窗\""),
            ("owner", "\"张三\""),
            ("due_date", "\"2000-01-01\""),
            ("status.status", "\"open\""),
        ],
    );
    assert_fields(&actions[1], &[("id", &quoted(&later))]);

    let overdue_only = objects(&printed(&path, &["action", "list", "--overdue", "--json"]));
    assert_eq!(overdue_only.len(), 1, "{overdue_only:?}");
    assert_fields(&overdue_only[0], &[("id", &quoted(&overdue))]);

    let updated = printed(
        &path,
        &[
            "action",
            "update",
            &overdue,
            "--status",
            "done",
            "--note",
            "已上线",
        ],
    );
    assert_eq!(updated, format!("updated action {overdue} (done)\n"));
    assert!(objects(&printed(&path, &["action", "list", "--overdue", "--json"])).is_empty());
    let done = objects(&printed(
        &path,
        &["action", "list", "--status", "done", "--json"],
    ));
    assert_eq!(done.len(), 1);
    assert_fields(
        &done[0],
        &[("status.status", "\"done\""), ("note", "\"已上线\"")],
    );

    // vault created + client + source + vendor + two actions + one update.
    let check = printed(&path, &["vault", "check", "--json"]);
    assert!(check.contains("\"audit_entries\":7"), "{check}");
}

#[test]
fn a_bad_date_exits_1_with_one_clear_line_and_adds_nothing() {
    let (_dir, path) = vault_path();
    init(&path);
    let client = add(&path, &["client", "add", "--name", "Acme GmbH"]);
    let before = printed(&path, &["vault", "check", "--json"]);

    assert_eq!(
        fails(
            &path,
            &[
                "vendor",
                "add",
                "--client",
                "acme gmbh",
                "--name",
                "Twilio",
                "--next-review",
                "2026-02-30"
            ]
        ),
        "dpodesk: the next review date \"2026-02-30\" is not a valid date: write it as YYYY-MM-DD, e.g. 2026-03-31"
    );
    assert_eq!(
        fails(
            &path,
            &[
                "action",
                "add",
                "--title",
                "Sign the DPA",
                "--client",
                &client,
                "--due",
                "31/12/2026"
            ]
        ),
        "dpodesk: the due date \"31/12/2026\" is not a valid date: write it as YYYY-MM-DD, e.g. 2026-03-31"
    );
    assert_eq!(
        fails(&path, &["vendor", "list", "--due-by", "soon"]),
        "dpodesk: the due-by date \"soon\" is not a valid date: write it as YYYY-MM-DD, e.g. 2026-03-31"
    );
    assert!(objects(&printed(&path, &["vendor", "list", "--json"])).is_empty());
    assert!(objects(&printed(&path, &["action", "list", "--json"])).is_empty());
    assert_eq!(
        printed(&path, &["vault", "check", "--json"]),
        before,
        "no audit entry"
    );

    let output = Dpodesk::on(&path, Some(PASSPHRASE))
        .lang("zh_CN.UTF-8")
        .run(&[
            "vendor",
            "add",
            "--client",
            &client,
            "--name",
            "Twilio",
            "--next-review",
            "2026-13-01",
        ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "dpodesk: 下次复核日期「2026-13-01」不是有效日期：请按 YYYY-MM-DD 格式填写，例如 2026-03-31\n"
    );
}

#[test]
fn unknown_ambiguous_and_invalid_input_each_exit_1_with_one_line() {
    let (_dir, path) = vault_path();
    init(&path);
    let first = add(
        &path,
        &[
            "client",
            "add",
            "--name",
            "Acme GmbH",
            "--matter",
            "GDPR audit",
        ],
    );
    let second = add(
        &path,
        &[
            "client",
            "add",
            "--name",
            "ACME GMBH",
            "--matter",
            "PIPL audit",
        ],
    );

    let ambiguous = fails(
        &path,
        &[
            "source",
            "add",
            "--client",
            "acme gmbh",
            "--name",
            "Trade fair",
            "--channel",
            "QR",
        ],
    );
    assert_eq!(
        ambiguous,
        format!(
            "dpodesk: more than one client is named \"acme gmbh\" (ids: {first}, {second}): give the id instead"
        )
    );
    add(
        &path,
        &[
            "source",
            "add",
            "--client",
            &second,
            "--name",
            "Trade fair",
            "--channel",
            "QR",
        ],
    );

    assert_eq!(
        fails(&path, &["source", "list", "--client", "Globex"]),
        "dpodesk: no client matches \"Globex\": check the id or name, or list them to find it"
    );
    assert_eq!(
        fails(&path, &["client", "add", "--name", "   "]),
        "dpodesk: the name must not be empty: fill it in"
    );
    assert_eq!(
        fails(&path, &["action", "list", "--status", "closed"]),
        "dpodesk: the status \"closed\" is unknown: use open, in_progress, done or dropped"
    );
    assert_eq!(
        fails(&path, &["action", "add", "--title", "Train staff"]),
        "dpodesk: an action needs a client or an assessment: give at least one"
    );

    printed(&path, &["client", "archive", &first]);
    assert_eq!(
        fails(
            &path,
            &["vendor", "add", "--client", &first, "--name", "Twilio"]
        ),
        "dpodesk: the client is archived: unarchive it first"
    );
    let current = objects(&printed(&path, &["client", "list", "--json"]));
    assert_eq!(current.len(), 1);
    assert_fields(&current[0], &[("id", &quoted(&second))]);
    let all = objects(&printed(&path, &["client", "list", "--all", "--json"]));
    assert_eq!(all.len(), 2);
    assert!(
        all.iter()
            .any(|c| c["id"] == first.as_str() && c["archived"] == true)
    );
}

#[test]
fn human_lists_align_columns_and_follow_a_chinese_locale() {
    let (_dir, path) = vault_path();
    init(&path);
    add(
        &path,
        &[
            "client",
            "add",
            "--name",
            "华东商贸有限公司",
            "--matter",
            "私域营销",
        ],
    );
    add(
        &path,
        &[
            "client",
            "add",
            "--name",
            "Acme GmbH",
            "--matter",
            "GDPR audit",
        ],
    );

    let run_zh = |args: &[&str]| -> Output {
        Dpodesk::on(&path, Some(PASSPHRASE))
            .lang("zh_CN.UTF-8")
            .run(args)
    };
    let output = run_zh(&["client", "list"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with("ID") && lines[0].contains("名称") && lines[0].contains("事项"),
        "{text}"
    );

    // The matter column starts at the same terminal cell on every line, Chinese names counting
    // two cells a character.
    let cell_of = |line: &str, needle: &str| -> usize {
        let byte = line
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not in {line}"));
        line[..byte]
            .chars()
            .map(|c| {
                if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                    2
                } else {
                    1
                }
            })
            .sum()
    };
    let column = cell_of(lines[0], "事项");
    assert_eq!(cell_of(lines[1], "GDPR audit"), column, "{text}");
    assert_eq!(cell_of(lines[2], "私域营销"), column, "{text}");

    let empty = run_zh(&["action", "list"]);
    assert_eq!(stdout(&empty), "没有整改措施\n");
    assert_eq!(printed(&path, &["action", "list"]), "no actions\n");
}
