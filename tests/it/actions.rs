//! The action plan on a temporary vault and through the `dpodesk` binary: a title taken from a
//! finding is stored in both languages and replaced by what a person types, a finding has one
//! action unless another is added on purpose, and every edit leaves one audit entry naming the
//! fields changed, never their values.

use std::path::Path;

use dpodesk_core::api;
use dpodesk_core::error::Invalid;
use dpodesk_core::i18n::Text;
use dpodesk_core::vault::ActionStatus;
use dpodesk_core::{Error, Lang};

use crate::cli::{dpodesk, stderr, stdout};
use crate::support::*;

const ASSESSMENT: &str = "01900000-0000-7000-8000-0000000000a1";

/// A bare assessment row, read around core: the action rules need only its id and client.
fn insert_assessment(path: &Path, client_id: &str) {
    raw_connection(path, PASSPHRASE)
        .execute(
            "INSERT INTO assessments (id, kind, template_id, template_version, template_sha256,
                                      title, client_id, created_by, created_at, updated_at)
             VALUES (?1, 'data_source', 'ds', '1.0.0', 'h', '购买名单', ?2, 'test',
                     '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
            rusqlite::params![ASSESSMENT, client_id],
        )
        .expect("insert assessment");
}

fn last_audit(path: &Path) -> (String, String) {
    raw_connection(path, PASSPHRASE)
        .query_row(
            "SELECT action, summary FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .expect("audit")
}

fn words() -> Text {
    Text::new("停止使用购买的名单", "Stop using the bought list")
}

#[test]
fn a_finding_title_is_kept_in_both_languages_until_a_person_types_one() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "华东商贸".to_owned(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client");
    insert_assessment(&path, &client.id);
    let from_finding = api::NewActionRequest {
        assessment_id: Some(ASSESSMENT.to_owned()),
        finding_id: "prescreen:channel:BUY".to_owned(),
        ..action_request("")
    };
    let action = dpodesk_core::testing::add_action(
        &mut vault,
        ACTOR,
        &from_finding,
        ActionStatus::Open,
        Some(words()),
    )
    .expect("add");
    assert_eq!(action.title_in(Lang::Zh), "停止使用购买的名单");
    assert_eq!(action.title_in(Lang::En), "Stop using the bought list");
    assert_eq!(
        stored_action(&vault, &action.id),
        action_fields(&action),
        "stored"
    );

    let err = dpodesk_core::testing::add_action(
        &mut vault,
        ACTOR,
        &from_finding,
        ActionStatus::Open,
        Some(words()),
    )
    .expect_err("one per finding");
    assert!(
        matches!(&err, Error::InvalidInput { field: "finding_id", reason: Invalid::FindingHasAction { title } }
            if title == "停止使用购买的名单 / Stop using the bought list"),
        "{err:?}"
    );
    let another = dpodesk_core::testing::add_action(
        &mut vault,
        ACTOR,
        &api::NewActionRequest {
            another: true,
            title: "通知已收到名单的门店".to_owned(),
            ..from_finding.clone()
        },
        ActionStatus::Open,
        Some(words()),
    )
    .expect("another on purpose");
    assert_eq!(another.title_words, None);

    let edited = dpodesk_core::testing::update_action(
        &mut vault,
        ACTOR,
        &api::UpdateActionRequest {
            title: Some("删除购买的名单".to_owned()),
            owner: Some("王五".to_owned()),
            due_date: Some("2026-04-30".to_owned()),
            note: Some("市场部确认".to_owned()),
            ..action_update(&action.id)
        },
    )
    .expect("edit");
    assert_eq!(edited.title_words, None);
    assert_eq!(edited.title_in(Lang::En), "删除购买的名单", "kept as typed");
    assert_eq!(stored_action(&vault, &action.id), action_fields(&edited));
    assert_eq!(
        last_audit(&path),
        (
            "action.updated".to_owned(),
            "changed: title, owner, due_date, note".to_owned()
        ),
        "one entry naming the fields, never the values"
    );
}

fn run(path: &Path, args: &[&str]) -> String {
    let output = dpodesk(path, Some(PASSPHRASE), args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

#[test]
fn the_cli_edits_every_field_and_refuses_a_second_action_on_a_finding() {
    let (_dir, path) = vault_path();
    run(&path, &["vault", "init"]);
    let client = run(&path, &["client", "add", "--name", "华东商贸"]);
    insert_assessment(&path, client.trim());
    let add = |extra: &[&str]| {
        let mut args = vec![
            "action",
            "add",
            "--assessment",
            ASSESSMENT,
            "--finding",
            "DS-06",
            "--title",
            "补充单独同意弹窗",
        ];
        args.extend_from_slice(extra);
        dpodesk(&path, Some(PASSPHRASE), &args)
    };
    let first = add(&[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let id = stdout(&first).trim().to_owned();

    let second = add(&[]);
    assert_eq!(second.status.code(), Some(1));
    assert_eq!(
        stderr(&second),
        "dpodesk: this finding already has an action (\"补充单独同意弹窗\"): open that one, or choose \"add another action\" to add a second on purpose\n"
    );
    assert!(add(&["--another"]).status.success(), "on purpose");

    let edited = run(
        &path,
        &[
            "action",
            "edit",
            &id,
            "--title",
            "Add a separate consent prompt",
            "--owner",
            "Li",
            "--due",
            "2026-05-31",
            "--note",
            "see section 3",
        ],
    );
    assert_eq!(edited, format!("updated action {id} (open)\n"));
    let list = run(
        &path,
        &["action", "list", "--assessment", ASSESSMENT, "--json"],
    );
    let document: serde_json::Value = serde_json::from_str(&list).expect("JSON");
    let item = &document["items"][0];
    assert_eq!(item["id"], id.as_str(), "{list}");
    assert_eq!(item["title"], "Add a separate consent prompt");
    assert_eq!(item["title_words"], serde_json::Value::Null);
    assert_eq!(item["owner"], "Li");
    assert_eq!(item["due_date"], "2026-05-31");
    assert_eq!(item["note"], "see section 3");
    assert_eq!(item["assessment_title"], "购买名单");
    assert_eq!(item["client_name"], "华东商贸");
}
