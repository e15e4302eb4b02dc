//! The action register on a temporary vault: round trips, status changes and filters, and what an
//! action must be filed under (the shared set-up is in `registers.rs`).

use dpodesk_core::api;
use dpodesk_core::error::{Entity, Invalid};
use dpodesk_core::vault::ActionStatus;
use dpodesk_core::{Lang, Vault};

use crate::registers::*;
use crate::support::*;

#[test]
fn actions_round_trip_change_status_and_filter() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let huadong = api::add_client(&mut vault, ACTOR, new_client("华东商贸")).expect("add");
    let acme = api::add_client(&mut vault, ACTOR, new_client("Acme GmbH")).expect("add");
    let assessment = "01900000-0000-7000-8000-000000000001";
    insert_assessment(&path, assessment, Some(&huadong.id));

    let consent = dpodesk_core::testing::add_action(
        &mut vault,
        ACTOR,
        &api::NewActionRequest {
            assessment_id: Some(assessment.to_owned()),
            finding_id: "DS-06".to_owned(),
            owner: "张三".to_owned(),
            due_date: "2026-03-31".to_owned(),
            note: "见评估第 3 节".to_owned(),
            ..action_request("补充单独同意弹窗")
        },
        ActionStatus::Open,
        None,
    )
    .expect("add");
    assert_eq!(consent.status, ActionStatus::Open);
    assert_eq!(
        consent.client_id.as_deref(),
        Some(huadong.id.as_str()),
        "an action on an assessment is filed under its client too"
    );
    let dpa = dpodesk_core::testing::add_action(
        &mut vault,
        ACTOR,
        &api::NewActionRequest {
            client_id: Some(acme.id.clone()),
            due_date: "2026-02-28".to_owned(),
            ..action_request("Sign the DPA with Twilio")
        },
        ActionStatus::InProgress,
        None,
    )
    .expect("add");
    let undated = dpodesk_core::testing::add_action(
        &mut vault,
        ACTOR,
        &api::NewActionRequest {
            client_id: Some(huadong.id.clone()),
            ..action_request("培训客服人员")
        },
        ActionStatus::Open,
        None,
    )
    .expect("add");
    assert_eq!(stored_action(&vault, &consent.id), action_fields(&consent));

    // Listed as a door asks, judged on the date given (the door's today).
    let ids = |vault: &Vault, query: &api::ActionQuery<'_>, today: &str| -> Vec<String> {
        api::find_actions(vault, query, today)
            .expect("list")
            .into_iter()
            .map(|a| a.id)
            .collect()
    };
    let today = "2026-01-01";
    assert_eq!(
        ids(&vault, &api::ActionQuery::default(), today),
        [dpa.id.as_str(), consent.id.as_str(), undated.id.as_str()],
        "soonest due first, undated last"
    );
    assert_eq!(
        ids(
            &vault,
            &api::ActionQuery {
                client_id: Some(&huadong.id),
                ..api::ActionQuery::default()
            },
            today
        ),
        [consent.id.as_str(), undated.id.as_str()]
    );
    assert_eq!(
        ids(
            &vault,
            &api::ActionQuery {
                assessment_id: Some(assessment),
                ..api::ActionQuery::default()
            },
            today
        ),
        [consent.id.as_str()]
    );
    let overdue = api::ActionQuery {
        overdue_only: true,
        ..api::ActionQuery::default()
    };
    assert!(
        ids(&vault, &overdue, "2026-02-28").is_empty(),
        "due today is not overdue"
    );
    assert_eq!(ids(&vault, &overdue, "2026-03-01"), [dpa.id.as_str()]);
    assert_eq!(
        ids(&vault, &overdue, "2026-04-01"),
        [dpa.id.as_str(), consent.id.as_str()]
    );

    let done = dpodesk_core::testing::update_action(
        &mut vault,
        ACTOR,
        &api::UpdateActionRequest {
            status: Some(api::ActionStatus::Done),
            ..action_update(&consent.id)
        },
    )
    .expect("update");
    assert_eq!(done.status, ActionStatus::Done);
    assert_eq!(done.owner, "张三", "fields not given stay");
    assert_eq!(
        ids(&vault, &overdue, "2026-04-01"),
        [dpa.id.as_str()],
        "done is never overdue"
    );
    assert_eq!(
        ids(
            &vault,
            &api::ActionQuery {
                status: Some("done"),
                ..api::ActionQuery::default()
            },
            today
        ),
        [consent.id.as_str()]
    );
    let reassigned = dpodesk_core::testing::update_action(
        &mut vault,
        ACTOR,
        &api::UpdateActionRequest {
            status: Some(api::ActionStatus::Dropped),
            title: None,
            owner: Some("Legal team".to_owned()),
            due_date: Some(String::new()),
            note: Some("replaced by SCCs".to_owned()),
            ..action_update(&dpa.id)
        },
    )
    .expect("update");
    assert_eq!(reassigned.due_date, None);
    assert_eq!(stored_action(&vault, &dpa.id), action_fields(&reassigned));
    let unchanged = dpodesk_core::testing::update_action(
        &mut vault,
        ACTOR,
        &api::UpdateActionRequest {
            status: Some(api::ActionStatus::Dropped),
            owner: Some(" Legal team ".to_owned()),
            ..action_update(&dpa.id)
        },
    )
    .expect("no-op update");
    assert_eq!(unchanged, reassigned);

    let audit: Vec<(String, String, String)> = audit_after_creation(&path)
        .into_iter()
        .filter(|(_, kind, ..)| kind == "action")
        .map(|(action, _, id, summary, _)| (action, id, summary))
        .collect();
    assert_eq!(
        audit,
        [
            ("action.added", &consent.id, "action added"),
            ("action.added", &dpa.id, "action added"),
            ("action.added", &undated.id, "action added"),
            ("action.updated", &consent.id, "status: open → done"),
            (
                "action.updated",
                &dpa.id,
                "status: in_progress → dropped; changed: owner, due_date, note"
            ),
        ]
        .map(|(a, id, s)| (a.to_owned(), id.clone(), s.to_owned())),
        "one entry per change; the no-op update wrote nothing"
    );
}

#[test]
fn an_action_must_be_filed_under_something_that_exists_and_fits() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let huadong = api::add_client(&mut vault, ACTOR, new_client("华东商贸")).expect("add");
    let acme = api::add_client(&mut vault, ACTOR, new_client("Acme GmbH")).expect("add");
    let assessment = "01900000-0000-7000-8000-000000000002";
    insert_assessment(&path, assessment, Some(&huadong.id));
    let action = |client: Option<&str>, assessment: Option<&str>| api::NewActionRequest {
        client_id: client.map(str::to_owned),
        assessment_id: assessment.map(str::to_owned),
        ..action_request("整改")
    };

    assert_invalid(
        dpodesk_core::testing::add_action(
            &mut vault,
            ACTOR,
            &action(None, Some("  ")),
            ActionStatus::Open,
            None,
        ),
        "client",
        &Invalid::NoSubject,
    );
    assert_not_found(
        dpodesk_core::testing::add_action(
            &mut vault,
            ACTOR,
            &action(None, Some("no-such-assessment")),
            ActionStatus::Open,
            None,
        ),
        Entity::Assessment,
        "no-such-assessment",
    );
    assert_not_found(
        dpodesk_core::testing::add_action(
            &mut vault,
            ACTOR,
            &action(Some("no-such-client"), None),
            ActionStatus::Open,
            None,
        ),
        Entity::Client,
        "no-such-client",
    );
    assert_invalid(
        dpodesk_core::testing::add_action(
            &mut vault,
            ACTOR,
            &action(Some(&acme.id), Some(assessment)),
            ActionStatus::Open,
            None,
        ),
        "client",
        &Invalid::ClientMismatch,
    );
    assert_invalid(
        dpodesk_core::testing::add_action(
            &mut vault,
            ACTOR,
            &api::NewActionRequest {
                title: " ".to_owned(),
                ..action(Some(&acme.id), None)
            },
            ActionStatus::Open,
            None,
        ),
        "title",
        &Invalid::Empty,
    );
    api::set_archived(&mut vault, ACTOR, api::RegisterKind::Client, &acme.id, true)
        .expect("archive");
    assert_invalid(
        dpodesk_core::testing::add_action(
            &mut vault,
            ACTOR,
            &action(Some(&acme.id), None),
            ActionStatus::Open,
            None,
        ),
        "client",
        &Invalid::ClientArchived,
    );
    let both = dpodesk_core::testing::add_action(
        &mut vault,
        ACTOR,
        &action(Some(&huadong.id), Some(assessment)),
        ActionStatus::Open,
        None,
    )
    .expect("client and its own assessment");
    assert_eq!(both.assessment_id.as_deref(), Some(assessment));
    assert_eq!(count(&path, "actions"), 1);

    let err = "closed"
        .parse::<ActionStatus>()
        .expect_err("unknown status");
    assert_eq!(
        err.to_string(),
        "the status \"closed\" is unknown: use open, in_progress, done or dropped"
    );
    assert_eq!(
        err.message(Lang::Zh),
        "状态「closed」无效：请使用 open、in_progress、done 或 dropped"
    );
}
