//! The registers (clients, data sources, vendors, actions) on a temporary vault: every change round
//! trips, lists filter as documented, refused input writes nothing, and each change leaves exactly
//! one audit entry whose summary holds no value the user typed.

use std::path::Path;

use dpodesk_core::api;
use dpodesk_core::error::{Entity, Invalid};
use dpodesk_core::vault::{ActionFilter, ActionStatus, NewAction, UpdateAction};
use dpodesk_core::{Error, Lang, Vault};

use crate::support::*;

/// One audit entry as stored: (action, entity_type, entity_id, summary, actor).
type AuditRow = (String, String, String, String, String);

/// The audit log after its first entry (`vault.created`), read around core.
fn audit_after_creation(path: &Path) -> Vec<AuditRow> {
    let conn = raw_connection(path, PASSPHRASE);
    let mut stmt = conn
        .prepare(
            "SELECT action, entity_type, entity_id, summary, actor FROM audit_log
             WHERE action <> 'vault.created' ORDER BY seq",
        )
        .expect("prepare");
    stmt.query_map([], |row| {
        Ok((
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
        ))
    })
    .and_then(|rows| rows.collect())
    .expect("audit rows")
}

fn count(path: &Path, table: &str) -> i64 {
    raw_connection(path, PASSPHRASE)
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .expect("count")
}

fn new_client(name: &str) -> api::NewClientRequest {
    api::NewClientRequest {
        name: name.to_owned(),
        matter: String::new(),
        contact: String::new(),
        notes: String::new(),
    }
}

/// Which data sources a door lists: one client's or all, archived ones too or not.
#[derive(Clone, Default)]
struct SourceQuery {
    client_id: Option<String>,
    include_archived: bool,
}

/// Which vendors a door lists: one client's or all, those due for review by a date, archived
/// ones too or not.
#[derive(Clone, Default)]
struct VendorQuery {
    client_id: Option<String>,
    review_due_by: Option<String>,
    include_archived: bool,
}

/// Asserts `result` is `InvalidInput` for `field` with `reason`.
fn assert_invalid<T: std::fmt::Debug>(result: Result<T, Error>, field: &str, reason: &Invalid) {
    match result {
        Err(Error::InvalidInput {
            field: f,
            reason: r,
        }) if f == field && &r == reason => {}
        other => panic!("expected InvalidInput {{ {field}, {reason:?} }}, got {other:?}"),
    }
}

fn assert_not_found<T: std::fmt::Debug>(result: Result<T, Error>, entity: Entity, id: &str) {
    match result {
        Err(Error::NotFound { entity: e, id: i }) if e == entity && i == id => {}
        other => panic!("expected NotFound {{ {entity:?}, {id} }}, got {other:?}"),
    }
}

/// Puts an assessment row in place around core (assessments have no core API yet).
fn insert_assessment(path: &Path, id: &str, client_id: Option<&str>) {
    raw_connection(path, PASSPHRASE)
        .execute(
            "INSERT INTO assessments (id, kind, template_id, template_version,
                                      title, client_id, created_by, created_at, updated_at)
             VALUES (?1, 'data_source', 'ds', '1.0.0', 'test', ?2, 'test',
                     '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
            rusqlite::params![id, client_id],
        )
        .expect("insert assessment");
}

#[test]
fn clients_round_trip_with_chinese_names_update_and_archive() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let huadong = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "  华东商贸有限公司 ".to_owned(),
            matter: "2026 私域营销合规".to_owned(),
            contact: "李经理 138-0000-0000".to_owned(),
            notes: "第一行\n第二行".to_owned(),
        },
    )
    .expect("add");
    assert_eq!(huadong.name, "华东商贸有限公司", "names are trimmed");
    assert!(!huadong.archived);
    let acme = api::add_client(&mut vault, ACTOR, new_client("Acme GmbH")).expect("add");

    api::lock_vault(vault).expect("lock");
    let mut vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("reopen");
    assert_eq!(
        as_json(&api::resolve_client(&vault, &huadong.id).expect("get")),
        as_json(&huadong)
    );

    let updated = {
        let request = api::UpdateClientRequest {
            name: "华东商贸（上海）有限公司".to_owned(),
            contact: "王经理".to_owned(),
            matter: huadong.matter.clone(),
            ..client_edit(&vault, &huadong.id)
        };
        api::update_client(&mut vault, ACTOR, &request)
    }
    .expect("update");
    assert_eq!(updated.name, "华东商贸（上海）有限公司");
    assert_eq!(updated.contact, "王经理");
    assert_eq!(updated.matter, "2026 私域营销合规");
    assert_eq!(
        as_json(&api::resolve_client(&vault, &huadong.id).expect("get")),
        as_json(&updated)
    );

    let names = |vault: &Vault, all: bool| -> Vec<String> {
        api::clients(vault, all)
            .expect("list")
            .into_iter()
            .map(|c| c.name)
            .collect()
    };
    assert_eq!(
        names(&vault, false),
        ["Acme GmbH", "华东商贸（上海）有限公司"]
    );

    api::set_archived(&mut vault, ACTOR, api::RegisterKind::Client, &acme.id, true)
        .expect("archive");
    assert!(client_info(&vault, &acme.id).archived);
    assert_eq!(names(&vault, false), ["华东商贸（上海）有限公司"]);
    assert_eq!(
        names(&vault, true),
        ["Acme GmbH", "华东商贸（上海）有限公司"]
    );
    api::set_archived(&mut vault, ACTOR, api::RegisterKind::Client, &acme.id, true)
        .expect("archiving twice is no error");
    api::set_archived(
        &mut vault,
        ACTOR,
        api::RegisterKind::Client,
        &acme.id,
        false,
    )
    .expect("unarchive");
    assert!(!client_info(&vault, &acme.id).archived);
    assert_eq!(names(&vault, false).len(), 2);

    assert_eq!(
        audit_after_creation(&path)
            .into_iter()
            .map(|(action, kind, id, summary, actor)| {
                assert_eq!(kind, "client");
                assert_eq!(actor, ACTOR);
                (action, id, summary)
            })
            .collect::<Vec<_>>(),
        [
            ("client.added", &huadong.id, "client added"),
            ("client.added", &acme.id, "client added"),
            ("client.updated", &huadong.id, "changed: name, contact"),
            ("client.archived", &acme.id, "client archived"),
            ("client.unarchived", &acme.id, "client unarchived"),
        ]
        .map(|(a, id, s)| (a.to_owned(), id.clone(), s.to_owned())),
        "one entry per change; the second archive and the unchanged matter wrote nothing"
    );
}

#[test]
fn finding_a_client_ignores_case_and_refuses_to_guess() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let aerzte = api::add_client(&mut vault, ACTOR, new_client("Ärzte Bund")).expect("add");
    let acme = api::add_client(&mut vault, ACTOR, new_client("Acme GmbH")).expect("add");
    let acme_too = api::add_client(&mut vault, ACTOR, new_client("ACME GMBH")).expect("add");
    let chinese = api::add_client(&mut vault, ACTOR, new_client("华东商贸")).expect("add");

    assert_eq!(
        api::resolve_client(&vault, "  ärzte bund ")
            .expect("find")
            .id,
        aerzte.id
    );
    assert_eq!(
        api::resolve_client(&vault, "华东商贸").expect("find").id,
        chinese.id
    );
    assert_eq!(
        api::resolve_client(&vault, &chinese.id).expect("by id").id,
        chinese.id
    );
    assert_eq!(
        api::resolve_client(&vault, "华东商贸").expect("by name").id,
        chinese.id
    );
    assert_not_found(api::resolve_client(&vault, "华东"), Entity::Client, "华东");
    assert_not_found(
        api::resolve_client(&vault, "nobody"),
        Entity::Client,
        "nobody",
    );

    let err = api::resolve_client(&vault, "acme gmbh").expect_err("two match");
    let Error::Ambiguous {
        entity,
        name,
        candidates,
    } = &err
    else {
        panic!("expected Ambiguous, got {err:?}");
    };
    assert_eq!(*entity, Entity::Client);
    assert_eq!(name, "acme gmbh");
    assert_eq!(candidates, &[acme.id.as_str(), acme_too.id.as_str()]);
    let message = err.to_string();
    assert!(
        message.contains(&acme.id) && message.contains(&acme_too.id),
        "{message}"
    );
    assert!(message.contains("give the id"), "{message}");
    assert!(
        err.message(Lang::Zh).contains("请改用 ID"),
        "{}",
        err.message(Lang::Zh)
    );

    // A current client wins over an archived one of the same name; an archived one is still found
    // when it is the only match.
    api::set_archived(
        &mut vault,
        ACTOR,
        api::RegisterKind::Client,
        &acme_too.id,
        true,
    )
    .expect("archive");
    assert_eq!(
        api::resolve_client(&vault, "acme gmbh").expect("find").id,
        acme.id
    );
    api::set_archived(
        &mut vault,
        ACTOR,
        api::RegisterKind::Client,
        &aerzte.id,
        true,
    )
    .expect("archive");
    assert_eq!(
        api::resolve_client(&vault, "Ärzte Bund").expect("find").id,
        aerzte.id
    );
}

#[test]
fn data_sources_round_trip_filter_by_client_and_follow_archiving() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let huadong = api::add_client(&mut vault, ACTOR, new_client("华东商贸")).expect("add");
    let acme = api::add_client(&mut vault, ACTOR, new_client("Acme GmbH")).expect("add");
    let store = api::add_data_source(
        &mut vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: huadong.id.clone(),
            name: "天猫旗舰店订单".to_owned(),
            channel: " ec ".to_owned(),
            platform: "微信".to_owned(),
            notes: "每月约 3 万条".to_owned(),
        },
    )
    .expect("add");
    assert_eq!(store.channel, "EC", "channel codes are stored upper-case");
    assert_eq!(store.client_id, huadong.id);
    let fair = api::add_data_source(
        &mut vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: acme.id.clone(),
            name: "Trade fair QR".to_owned(),
            channel: "QR".to_owned(),
            platform: String::new(),
            notes: String::new(),
        },
    )
    .expect("add");
    assert_eq!(
        as_json(&data_source_info(&vault, &store.id)),
        as_json(&store)
    );

    let ids = |vault: &Vault, filter: SourceQuery| -> Vec<String> {
        api::data_sources(vault, filter.client_id.as_deref(), filter.include_archived)
            .expect("list")
            .into_iter()
            .map(|s| s.id)
            .collect()
    };
    assert_eq!(
        ids(&vault, SourceQuery::default()),
        [fair.id.as_str(), store.id.as_str()]
    );
    let huadong_only = SourceQuery {
        client_id: Some(huadong.id.clone()),
        ..SourceQuery::default()
    };
    assert_eq!(ids(&vault, huadong_only.clone()), [store.id.as_str()]);

    let updated = {
        let request = api::UpdateDataSourceRequest {
            channel: "web".to_owned(),
            name: "小程序商城".to_owned(),
            ..data_source_edit(&vault, &store.id)
        };
        api::update_data_source(&mut vault, ACTOR, &request)
    }
    .expect("update");
    assert_eq!(
        (updated.name.as_str(), updated.channel.as_str()),
        ("小程序商城", "WEB")
    );
    assert_eq!(updated.platform, "微信", "fields not given stay");

    api::set_archived(
        &mut vault,
        ACTOR,
        api::RegisterKind::DataSource,
        &fair.id,
        true,
    )
    .expect("archive");
    assert_eq!(ids(&vault, SourceQuery::default()), [store.id.as_str()]);
    // Archiving a client hides what is filed under it; --all shows everything.
    api::set_archived(
        &mut vault,
        ACTOR,
        api::RegisterKind::Client,
        &huadong.id,
        true,
    )
    .expect("archive client");
    assert!(ids(&vault, SourceQuery::default()).is_empty());
    assert!(ids(&vault, huadong_only).is_empty());
    let everything = SourceQuery {
        include_archived: true,
        ..SourceQuery::default()
    };
    assert_eq!(
        ids(&vault, everything),
        [fair.id.as_str(), store.id.as_str()]
    );

    assert_invalid(
        api::add_data_source(
            &mut vault,
            ACTOR,
            api::NewDataSourceRequest {
                client_id: huadong.id.clone(),
                name: "新渠道".to_owned(),
                channel: "QR".to_owned(),
                platform: String::new(),
                notes: String::new(),
            },
        ),
        "client",
        &Invalid::ClientArchived,
    );
    assert_not_found(
        api::add_data_source(
            &mut vault,
            ACTOR,
            api::NewDataSourceRequest {
                client_id: "no-such-client".to_owned(),
                name: "x".to_owned(),
                channel: "QR".to_owned(),
                platform: String::new(),
                notes: String::new(),
            },
        ),
        Entity::Client,
        "no-such-client",
    );
    assert_invalid(
        {
            let request = api::UpdateDataSourceRequest {
                name: "   ".to_owned(),
                ..data_source_edit(&vault, &store.id)
            };
            api::update_data_source(&mut vault, ACTOR, &request)
        },
        "name",
        &Invalid::Empty,
    );
    assert_eq!(
        as_json(&data_source_info(&vault, &store.id)),
        as_json(&updated)
    );

    let audit: Vec<(String, String)> = audit_after_creation(&path)
        .into_iter()
        .filter(|(_, kind, ..)| kind == "data_source")
        .map(|(action, _, _, summary, _)| (action, summary))
        .collect();
    assert_eq!(
        audit,
        [
            ("data_source.added", "data source added"),
            ("data_source.added", "data source added"),
            ("data_source.updated", "changed: name, channel"),
            ("data_source.archived", "data source archived"),
        ]
        .map(|(a, s)| (a.to_owned(), s.to_owned()))
    );
    assert_eq!(
        count(&path, "data_sources"),
        2,
        "refused adds wrote nothing"
    );
}

#[test]
fn vendors_round_trip_and_list_the_reviews_due_by_a_date() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let client = api::add_client(&mut vault, ACTOR, new_client("华东商贸")).expect("add");
    let other = api::add_client(&mut vault, ACTOR, new_client("Acme GmbH")).expect("add");
    let vendor = |name: &str, client_id: &str, next_review: Option<&str>| api::NewVendorRequest {
        client_id: client_id.to_owned(),
        name: name.to_owned(),
        country: "CN".to_owned(),
        service: "短信群发".to_owned(),
        contact: "sales@example.cn".to_owned(),
        next_review: next_review.unwrap_or_default().to_owned(),
        notes: String::new(),
    };
    let sms = api::add_vendor(
        &mut vault,
        ACTOR,
        vendor("某短信网关", &client.id, Some("2026-03-31")),
    )
    .expect("add");
    assert_eq!(sms.next_review.as_deref(), Some("2026-03-31"));
    let crm = api::add_vendor(
        &mut vault,
        ACTOR,
        vendor("云客服 CRM", &client.id, Some("2026-01-15")),
    )
    .expect("add");
    let later = api::add_vendor(
        &mut vault,
        ACTOR,
        vendor("Twilio", &other.id, Some("2026-04-01")),
    )
    .expect("add");
    let undated = api::add_vendor(
        &mut vault,
        ACTOR,
        vendor("本地印刷厂", &client.id, Some("  ")),
    )
    .expect("add");
    assert_eq!(undated.next_review, None, "a blank date is no date");
    assert_eq!(as_json(&vendor_info(&vault, &sms.id)), as_json(&sms));

    let ids = |vault: &Vault, filter: VendorQuery| -> Vec<String> {
        api::vendors(
            vault,
            filter.client_id.as_deref(),
            filter.review_due_by.as_deref(),
            filter.include_archived,
        )
        .expect("list")
        .into_iter()
        .map(|v| v.id)
        .collect()
    };
    let due_by = |date: &str| VendorQuery {
        review_due_by: Some(date.to_owned()),
        ..VendorQuery::default()
    };
    assert_eq!(
        ids(&vault, due_by("2026-03-31")),
        [crm.id.as_str(), sms.id.as_str()],
        "on or before the date, soonest first; undated and later ones left out"
    );
    assert_eq!(ids(&vault, due_by("2026-01-14")), Vec::<String>::new());
    assert_eq!(
        ids(
            &vault,
            VendorQuery {
                client_id: Some(other.id.clone()),
                ..due_by("2026-12-31")
            }
        ),
        [later.id.as_str()]
    );
    assert_eq!(
        ids(
            &vault,
            VendorQuery {
                client_id: Some(client.id.clone()),
                ..VendorQuery::default()
            }
        ),
        [crm.id.as_str(), undated.id.as_str(), sms.id.as_str()],
        "by name otherwise (云 < 本 < 某 by code point)"
    );

    let updated = {
        let request = api::UpdateVendorRequest {
            next_review: String::new(),
            country: "HK".to_owned(),
            ..vendor_edit(&vault, &crm.id)
        };
        api::update_vendor(&mut vault, ACTOR, &request)
    }
    .expect("update");
    assert_eq!(updated.next_review, None, "an empty date clears it");
    assert_eq!(updated.country, "HK");
    assert_eq!(ids(&vault, due_by("2026-03-31")), [sms.id.as_str()]);

    api::set_archived(&mut vault, ACTOR, api::RegisterKind::Vendor, &sms.id, true)
        .expect("archive");
    assert!(ids(&vault, due_by("2026-03-31")).is_empty());
    assert_eq!(
        ids(
            &vault,
            VendorQuery {
                include_archived: true,
                ..due_by("2026-03-31")
            }
        ),
        [sms.id.as_str()]
    );
    assert_invalid(
        api::vendors(&vault, None, Some("2026-3-31"), false),
        "due_by",
        &Invalid::Date {
            value: "2026-3-31".to_owned(),
        },
    );

    let audit: Vec<(String, String)> = audit_after_creation(&path)
        .into_iter()
        .filter(|(_, kind, ..)| kind == "vendor")
        .map(|(action, _, _, summary, _)| (action, summary))
        .collect();
    assert_eq!(audit.len(), 6, "{audit:?}");
    assert_eq!(
        audit[4],
        (
            "vendor.updated".to_owned(),
            "changed: country, next_review".to_owned()
        )
    );
    assert_eq!(
        audit[5],
        ("vendor.archived".to_owned(), "vendor archived".to_owned())
    );
}

#[test]
fn an_invalid_date_is_refused_and_writes_nothing() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let client = api::add_client(&mut vault, ACTOR, new_client("华东商贸")).expect("add");
    let vendor = api::add_vendor(
        &mut vault,
        ACTOR,
        api::NewVendorRequest {
            client_id: client.id.clone(),
            name: "某短信网关".to_owned(),
            next_review: "2026-06-30".to_owned(),
            country: String::new(),
            service: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("add");
    let action = dpodesk_core::testing::add_action(
        &mut vault,
        ACTOR,
        &NewAction {
            client_id: Some(client.id.clone()),
            title: "签署委托处理协议".to_owned(),
            due_date: Some("2026-06-30".to_owned()),
            ..NewAction::default()
        },
    )
    .expect("add");
    api::lock_vault(vault).expect("lock");
    let audit_before = count(&path, "audit_log");
    let mut vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("reopen");

    for bad in [
        "2026-02-30",
        "2026-13-01",
        "30/06/2026",
        "2026-6-30",
        "next week",
    ] {
        let err = api::add_vendor(
            &mut vault,
            ACTOR,
            api::NewVendorRequest {
                client_id: client.id.clone(),
                name: "Twilio".to_owned(),
                next_review: bad.to_owned(),
                country: String::new(),
                service: String::new(),
                contact: String::new(),
                notes: String::new(),
            },
        )
        .expect_err("bad date");
        assert!(
            matches!(&err, Error::InvalidInput { field: "next_review", reason: Invalid::Date { value } } if value == bad),
            "{bad}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "the next review date \"{bad}\" is not a valid date: write it as YYYY-MM-DD, e.g. 2026-03-31"
            )
        );
        assert_eq!(
            err.message(Lang::Zh),
            format!("下次复核日期「{bad}」不是有效日期：请按 YYYY-MM-DD 格式填写，例如 2026-03-31")
        );
        assert_invalid(
            dpodesk_core::testing::add_action(
                &mut vault,
                ACTOR,
                &NewAction {
                    client_id: Some(client.id.clone()),
                    title: "x".to_owned(),
                    due_date: Some(bad.to_owned()),
                    ..NewAction::default()
                },
            ),
            "due_date",
            &Invalid::Date {
                value: bad.to_owned(),
            },
        );
        assert_invalid(
            {
                let request = api::UpdateVendorRequest {
                    name: "新名称".to_owned(),
                    next_review: bad.to_owned(),
                    ..vendor_edit(&vault, &vendor.id)
                };
                api::update_vendor(&mut vault, ACTOR, &request)
            },
            "next_review",
            &Invalid::Date {
                value: bad.to_owned(),
            },
        );
        assert_invalid(
            dpodesk_core::testing::update_action(
                &mut vault,
                ACTOR,
                &action.id,
                &UpdateAction {
                    status: Some(ActionStatus::Done),
                    due_date: Some(bad.to_owned()),
                    ..UpdateAction::default()
                },
            ),
            "due_date",
            &Invalid::Date {
                value: bad.to_owned(),
            },
        );
    }
    assert_eq!(as_json(&vendor_info(&vault, &vendor.id)), as_json(&vendor));
    assert_eq!(stored_action(&vault, &action.id), action_fields(&action));
    api::lock_vault(vault).expect("lock");
    assert_eq!(count(&path, "audit_log"), audit_before, "no audit entry");
    assert_eq!(count(&path, "vendors"), 1);
    assert_eq!(count(&path, "actions"), 1);
}

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

/// An edit of data source `id`, which the vault does not hold.
fn unknown_source(id: &str) -> api::UpdateDataSourceRequest {
    api::UpdateDataSourceRequest {
        id: id.to_owned(),
        name: "x".to_owned(),
        channel: "QR".to_owned(),
        platform: String::new(),
        notes: String::new(),
    }
}

/// An edit of vendor `id`, which the vault does not hold.
fn unknown_vendor(id: &str) -> api::UpdateVendorRequest {
    api::UpdateVendorRequest {
        id: id.to_owned(),
        name: "x".to_owned(),
        country: String::new(),
        service: String::new(),
        contact: String::new(),
        next_review: String::new(),
        notes: String::new(),
    }
}

#[test]
fn unknown_ids_are_not_found_in_every_register() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let id = "01900000-0000-7000-8000-00000000dead";
    assert_not_found(api::resolve_client(&vault, id), Entity::Client, id);
    assert_not_found(
        api::set_archived(&mut vault, ACTOR, api::RegisterKind::Client, id, true),
        Entity::Client,
        id,
    );
    assert_not_found(
        api::update_client(
            &mut vault,
            ACTOR,
            &api::UpdateClientRequest {
                id: id.to_owned(),
                name: "x".to_owned(),
                matter: String::new(),
                contact: String::new(),
                notes: String::new(),
            },
        ),
        Entity::Client,
        id,
    );
    assert_not_found(
        api::update_data_source(&mut vault, ACTOR, &unknown_source(id)),
        Entity::DataSource,
        id,
    );
    assert_not_found(
        api::set_archived(&mut vault, ACTOR, api::RegisterKind::DataSource, id, true),
        Entity::DataSource,
        id,
    );
    assert_not_found(
        api::update_vendor(&mut vault, ACTOR, &unknown_vendor(id)),
        Entity::Vendor,
        id,
    );
    assert_not_found(
        api::set_archived(&mut vault, ACTOR, api::RegisterKind::Vendor, id, true),
        Entity::Vendor,
        id,
    );
    assert_not_found(
        api::change_action(
            &mut vault,
            ACTOR,
            id,
            api::ActionChange::default(),
            "2026-01-01",
        ),
        Entity::Action,
        id,
    );
    assert_not_found(
        dpodesk_core::testing::update_action(&mut vault, ACTOR, id, &UpdateAction::default()),
        Entity::Action,
        id,
    );
    let err = api::update_vendor(&mut vault, ACTOR, &unknown_vendor(id)).expect_err("missing");
    assert_eq!(
        err.to_string(),
        format!("no vendor matches \"{id}\": check the id or name, or list them to find it")
    );
    assert_eq!(
        err.message(Lang::Zh),
        format!("没有与「{id}」匹配的供应商：请检查 ID 或名称，或列出全部以查找")
    );
    assert_eq!(err.kind(), dpodesk_core::error::ErrorKind::NotFound);
    assert!(
        audit_after_creation(&path).is_empty(),
        "nothing was written"
    );
}

#[test]
fn audit_summaries_never_hold_what_the_user_typed() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let typed = [
        "华东商贸有限公司",
        "2026 私域营销合规",
        "李经理 13800000000",
        "客户备注",
        "天猫旗舰店订单",
        "WeChat",
        "某短信网关",
        "Shenzhen",
        "SMS blast",
        "ops@sms.example",
        "2026-09-30",
        "补充单独同意弹窗",
        "张三",
        "DS-06",
        "2026-10-31",
        "已上线",
    ];
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: typed[0].to_owned(),
            matter: typed[1].to_owned(),
            contact: typed[2].to_owned(),
            notes: typed[3].to_owned(),
        },
    )
    .expect("add");
    let source = api::add_data_source(
        &mut vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: client.id.clone(),
            name: typed[4].to_owned(),
            channel: "EC".to_owned(),
            platform: typed[5].to_owned(),
            notes: typed[3].to_owned(),
        },
    )
    .expect("add");
    let vendor = api::add_vendor(
        &mut vault,
        ACTOR,
        api::NewVendorRequest {
            client_id: client.id.clone(),
            name: typed[6].to_owned(),
            country: typed[7].to_owned(),
            service: typed[8].to_owned(),
            contact: typed[9].to_owned(),
            next_review: typed[10].to_owned(),
            notes: typed[3].to_owned(),
        },
    )
    .expect("add");
    let action = dpodesk_core::testing::add_action(
        &mut vault,
        ACTOR,
        &NewAction {
            client_id: Some(client.id.clone()),
            title: typed[11].to_owned(),
            owner: typed[12].to_owned(),
            finding_id: typed[13].to_owned(),
            due_date: Some(typed[14].to_owned()),
            ..NewAction::default()
        },
    )
    .expect("add");
    {
        let request = api::UpdateClientRequest {
            contact: format!("{} 转 8", typed[2]),
            ..client_edit(&vault, &client.id)
        };
        api::update_client(&mut vault, ACTOR, &request)
    }
    .expect("update");
    {
        let request = api::UpdateDataSourceRequest {
            notes: format!("{} 2", typed[3]),
            ..data_source_edit(&vault, &source.id)
        };
        api::update_data_source(&mut vault, ACTOR, &request)
    }
    .expect("update");
    {
        let request = api::UpdateVendorRequest {
            service: format!("{} v2", typed[8]),
            ..vendor_edit(&vault, &vendor.id)
        };
        api::update_vendor(&mut vault, ACTOR, &request)
    }
    .expect("update");
    dpodesk_core::testing::update_action(
        &mut vault,
        ACTOR,
        &action.id,
        &UpdateAction {
            status: Some(ActionStatus::Done),
            note: Some(typed[15].to_owned()),
            ..UpdateAction::default()
        },
    )
    .expect("update");
    api::set_archived(
        &mut vault,
        ACTOR,
        api::RegisterKind::Vendor,
        &vendor.id,
        true,
    )
    .expect("archive");

    let audit = audit_after_creation(&path);
    assert_eq!(audit.len(), 9, "one entry per change: {audit:?}");
    for (action, _, entity_id, summary, _) in &audit {
        assert!(!entity_id.is_empty(), "{action} names its entity");
        for value in typed {
            assert!(
                !summary.contains(value),
                "{action}'s summary {summary:?} holds the typed value {value:?}"
            );
        }
    }
    let summaries: Vec<&str> = audit.iter().map(|row| row.3.as_str()).collect();
    assert_eq!(
        summaries[4..],
        [
            "changed: contact",
            "changed: notes",
            "changed: service",
            "status: open → done; changed: note",
            "vendor archived",
        ]
    );
}
