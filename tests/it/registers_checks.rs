//! What the registers refuse and what their audit entries never hold: an invalid date writes
//! nothing, unknown ids are not found in any register, summaries carry no value the user typed.

use dpodesk_core::api;
use dpodesk_core::error::{Entity, Invalid};
use dpodesk_core::vault::ActionStatus;
use dpodesk_core::{Error, Lang};

use crate::registers::*;
use crate::support::*;

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
        &api::NewActionRequest {
            client_id: Some(client.id.clone()),
            due_date: "2026-06-30".to_owned(),
            ..action_request("签署委托处理协议")
        },
        ActionStatus::Open,
        None,
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
                &api::NewActionRequest {
                    client_id: Some(client.id.clone()),
                    due_date: bad.to_owned(),
                    ..action_request("x")
                },
                ActionStatus::Open,
                None,
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
                &api::UpdateActionRequest {
                    status: Some(api::ActionStatus::Done),
                    due_date: Some(bad.to_owned()),
                    ..action_update(&action.id)
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

/// An edit of data source `id`, which the vault does not hold.
fn unknown_source(id: &str) -> api::UpdateDataSourceRequest {
    api::UpdateDataSourceRequest {
        id: id.to_owned(),
        name: "x".to_owned(),
        channel: "QR".to_owned(),
        platform: String::new(),
        notes: String::new(),
        version: None,
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
        version: None,
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
                version: None,
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
        dpodesk_core::testing::update_action(&mut vault, ACTOR, &action_update(id)),
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
        &api::NewActionRequest {
            client_id: Some(client.id.clone()),
            owner: typed[12].to_owned(),
            finding_id: typed[13].to_owned(),
            due_date: typed[14].to_owned(),
            ..action_request(typed[11])
        },
        ActionStatus::Open,
        None,
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
        &api::UpdateActionRequest {
            status: Some(api::ActionStatus::Done),
            note: Some(typed[15].to_owned()),
            ..action_update(&action.id)
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
