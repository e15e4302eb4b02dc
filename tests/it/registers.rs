//! The registers (clients, data sources, vendors, actions) on a temporary vault: every change round
//! trips, lists filter as documented, refused input writes nothing, and each change leaves exactly
//! one audit entry whose summary holds no value the user typed.

use std::path::Path;

use dpodesk_core::api;
use dpodesk_core::error::{Entity, Invalid};
use dpodesk_core::{Error, Lang, Vault};

use crate::support::*;

/// One audit entry as stored: (action, entity_type, entity_id, summary, actor).
pub(crate) type AuditRow = (String, String, String, String, String);

/// The audit log after its first entry (`vault.created`), read around core.
pub(crate) fn audit_after_creation(path: &Path) -> Vec<AuditRow> {
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

pub(crate) fn count(path: &Path, table: &str) -> i64 {
    raw_connection(path, PASSPHRASE)
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .expect("count")
}

pub(crate) fn new_client(name: &str) -> api::NewClientRequest {
    api::NewClientRequest {
        name: name.to_owned(),
        matter: String::new(),
        contact: String::new(),
        notes: String::new(),
    }
}

/// Which data sources a door lists: one client's or all, archived ones too or not.
#[derive(Clone, Default)]
pub(crate) struct SourceQuery {
    pub(crate) client_id: Option<String>,
    pub(crate) include_archived: bool,
}

/// Which vendors a door lists: one client's or all, those due for review by a date, archived
/// ones too or not.
#[derive(Clone, Default)]
pub(crate) struct VendorQuery {
    pub(crate) client_id: Option<String>,
    pub(crate) review_due_by: Option<String>,
    pub(crate) include_archived: bool,
}

/// Asserts `result` is `InvalidInput` for `field` with `reason`.
pub(crate) fn assert_invalid<T: std::fmt::Debug>(
    result: Result<T, Error>,
    field: &str,
    reason: &Invalid,
) {
    match result {
        Err(Error::InvalidInput {
            field: f,
            reason: r,
        }) if f == field && &r == reason => {}
        other => panic!("expected InvalidInput {{ {field}, {reason:?} }}, got {other:?}"),
    }
}

pub(crate) fn assert_not_found<T: std::fmt::Debug>(
    result: Result<T, Error>,
    entity: Entity,
    id: &str,
) {
    match result {
        Err(Error::NotFound { entity: e, id: i }) if e == entity && i == id => {}
        other => panic!("expected NotFound {{ {entity:?}, {id} }}, got {other:?}"),
    }
}

/// Puts an assessment row in place around core (assessments have no core API yet).
pub(crate) fn insert_assessment(path: &Path, id: &str, client_id: Option<&str>) {
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
