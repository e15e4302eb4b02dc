//! The action register on a temporary vault: round trips, status changes and filters, and what an
//! action must be filed under (the shared set-up is in `registers.rs`).

use dpodesk_core::api;
use dpodesk_core::error::{Entity, Invalid};
use dpodesk_core::vault::{ActionFilter, ActionStatus, NewAction, UpdateAction};
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
        &NewAction {
            assessment_id: Some(assessment.to_owned()),
            finding_id: "DS-06".to_owned(),
            title: "补充单独同意弹窗".to_owned(),
            owner: "张三".to_owned(),
            due_date: Some("2026-03-31".to_owned()),
            note: "见评估第 3 节".to_owned(),
            ..NewAction::default()
        },
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
        &NewAction {
            client_id: Some(acme.id.clone()),
            title: "Sign the DPA with Twilio".to_owned(),
            due_date: Some("2026-02-28".to_owned()),
            status: ActionStatus::InProgress,
            ..NewAction::default()
        },
    )
    .expect("add");
    let undated = dpodesk_core::testing::add_action(
        &mut vault,
        ACTOR,
        &NewAction {
            client_id: Some(huadong.id.clone()),
            title: "培训客服人员".to_owned(),
            ..NewAction::default()
        },
    )
    .expect("add");
    assert_eq!(stored_action(&vault, &consent.id), action_fields(&consent));

    let ids = |vault: &Vault, filter: ActionFilter| -> Vec<String> {
        api::find_actions(
            vault,
            &api::ActionQuery {
                client_id: filter.client_id.as_deref(),
                assessment_id: filter.assessment_id.as_deref(),
                status: filter.status.map(ActionStatus::as_str),
                overdue_only: filter.overdue_on.is_some(),
            },
            filter.overdue_on.as_deref().unwrap_or("2026-01-01"),
        )
        .expect("list")
        .into_iter()
        .map(|a| a.id)
        .collect()
    };
    assert_eq!(
        ids(&vault, ActionFilter::default()),
        [dpa.id.as_str(), consent.id.as_str(), undated.id.as_str()],
        "soonest due first, undated last"
    );
    assert_eq!(
        ids(
            &vault,
            ActionFilter {
                client_id: Some(huadong.id.clone()),
                ..ActionFilter::default()
            }
        ),
        [consent.id.as_str(), undated.id.as_str()]
    );
    assert_eq!(
        ids(
            &vault,
            ActionFilter {
                assessment_id: Some(assessment.to_owned()),
                ..ActionFilter::default()
            }
        ),
        [consent.id.as_str()]
    );
    let overdue_on = |date: &str| ActionFilter {
        overdue_on: Some(date.to_owned()),
        ..ActionFilter::default()
    };
    assert!(
        ids(&vault, overdue_on("2026-02-28")).is_empty(),
        "due today is not overdue"
    );
    assert_eq!(ids(&vault, overdue_on("2026-03-01")), [dpa.id.as_str()]);
    assert_eq!(
        ids(&vault, overdue_on("2026-04-01")),
        [dpa.id.as_str(), consent.id.as_str()]
    );

    let done = dpodesk_core::testing::update_action(
        &mut vault,
        ACTOR,
        &consent.id,
        &UpdateAction {
            status: Some(ActionStatus::Done),
            ..UpdateAction::default()
        },
    )
    .expect("update");
    assert_eq!(done.status, ActionStatus::Done);
    assert_eq!(done.owner, "张三", "fields not given stay");
    assert_eq!(
        ids(&vault, overdue_on("2026-04-01")),
        [dpa.id.as_str()],
        "done is never overdue"
    );
    assert_eq!(
        ids(
            &vault,
            ActionFilter {
                status: Some(ActionStatus::Done),
                ..ActionFilter::default()
            }
        ),
        [consent.id.as_str()]
    );
    let reassigned = dpodesk_core::testing::update_action(
        &mut vault,
        ACTOR,
        &dpa.id,
        &UpdateAction {
            status: Some(ActionStatus::Dropped),
            title: None,
            owner: Some("Legal team".to_owned()),
            due_date: Some(String::new()),
            note: Some("replaced by SCCs".to_owned()),
        },
    )
    .expect("update");
    assert_eq!(reassigned.due_date, None);
    assert_eq!(stored_action(&vault, &dpa.id), action_fields(&reassigned));
    let unchanged = dpodesk_core::testing::update_action(
        &mut vault,
        ACTOR,
        &dpa.id,
        &UpdateAction {
            status: Some(ActionStatus::Dropped),
            owner: Some(" Legal team ".to_owned()),
            ..UpdateAction::default()
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
    let action = |client: Option<&str>, assessment: Option<&str>| NewAction {
        client_id: client.map(str::to_owned),
        assessment_id: assessment.map(str::to_owned),
        title: "整改".to_owned(),
        ..NewAction::default()
    };

    assert_invalid(
        dpodesk_core::testing::add_action(&mut vault, ACTOR, &action(None, Some("  "))),
        "client",
        &Invalid::NoSubject,
    );
    assert_not_found(
        dpodesk_core::testing::add_action(
            &mut vault,
            ACTOR,
            &action(None, Some("no-such-assessment")),
        ),
        Entity::Assessment,
        "no-such-assessment",
    );
    assert_not_found(
        dpodesk_core::testing::add_action(&mut vault, ACTOR, &action(Some("no-such-client"), None)),
        Entity::Client,
        "no-such-client",
    );
    assert_invalid(
        dpodesk_core::testing::add_action(
            &mut vault,
            ACTOR,
            &action(Some(&acme.id), Some(assessment)),
        ),
        "client",
        &Invalid::ClientMismatch,
    );
    assert_invalid(
        dpodesk_core::testing::add_action(
            &mut vault,
            ACTOR,
            &NewAction {
                title: " ".to_owned(),
                ..action(Some(&acme.id), None)
            },
        ),
        "title",
        &Invalid::Empty,
    );
    api::set_archived(&mut vault, ACTOR, api::RegisterKind::Client, &acme.id, true)
        .expect("archive");
    assert_invalid(
        dpodesk_core::testing::add_action(&mut vault, ACTOR, &action(Some(&acme.id), None)),
        "client",
        &Invalid::ClientArchived,
    );
    let both = dpodesk_core::testing::add_action(
        &mut vault,
        ACTOR,
        &action(Some(&huadong.id), Some(assessment)),
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
