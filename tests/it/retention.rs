//! Keep-until dates and the retention prompt: approval gives a PIA its legal minimum (PIPL Art. 56:
//! three years, longer when its answers ask), an earlier date is refused in both languages, a vault
//! of schema 6 gets the date on open, the erasure confirmation warns while a date is ahead, and
//! what is past its date is listed — by the dashboard and
//! `dpodesk client due-for-erasure` — without anything being erased.

use std::path::Path;

use dpodesk_core::api::{self, KeptKind};
use dpodesk_core::assessment::{Answer, retention};
use dpodesk_core::error::{Error, Invalid};
use dpodesk_core::law::LawRegister;
use dpodesk_core::template;
use dpodesk_core::vault::SCHEMA_VERSION;
use dpodesk_core::{Lang, Vault, time};

use crate::cli::{dpodesk, stderr, stdout};
use crate::support::*;

/// A PIA under `client_id` asking to keep its records `years` years (none: the question left
/// open), submitted and approved; returns its id and the approval's time.
fn approved_pia(vault: &mut Vault, client_id: &str, years: Option<f64>) -> (String, String) {
    let law = LawRegister::bundled().expect("law");
    let pia = template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == "pia")
        .expect("pia template");
    let id = crate::support::create_assessment(
        vault,
        ACTOR,
        &pia,
        api::NewAssessmentRequest {
            client_id: Some(client_id.to_owned()),
            ..assessment_request("WeCom PIA 企业微信")
        },
    )
    .expect("pia")
    .id;
    if let Some(years) = years {
        let mut answers = api::read_assessment(&*vault, &id)
            .map(|a| a.answers)
            .expect("answers");
        answers.insert(retention::YEARS_QUESTION.to_owned(), Answer::Number(years));
        crate::support::save_answers(vault, ACTOR, &id, &answers).expect("save");
    }
    api::submit(vault, ACTOR, &id).expect("submit");
    let signed = crate::support::sign_off(
        vault,
        ACTOR,
        &api::SignOffRequest {
            version: None,
            assessment_id: id.to_owned(),
            name: "Li Wang".into(),
            role: "DPO".into(),
            decision: api::Decision::Approve,
            comment: String::new(),
            attestations: attestations(),
            with_reservations: true,
        },
    )
    .expect("approve");
    (id, signed.signed_at)
}

#[test]
fn approval_sets_the_legal_minimum_and_an_earlier_date_is_refused_in_both_languages() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let c = client_named(&mut vault, "Acme");
    let (pia, signed_at) = approved_pia(&mut vault, &c, None);
    let minimum = retention::plus_years(&signed_at, 3).expect("date");

    let view = api::keep_until(&vault, KeptKind::Assessment, &pia).expect("view");
    assert_eq!(view.keep_until.as_deref(), Some(minimum.as_str()));
    assert_eq!(view.minimum.as_deref(), Some(minimum.as_str()));

    let day_before = retention::plus_years(&signed_at, 2).expect("date");
    let err = api::set_keep_until(
        &mut vault,
        ACTOR,
        KeptKind::Assessment,
        &pia,
        Some(&day_before),
    )
    .expect_err("before the minimum");
    assert!(
        matches!(
            &err,
            Error::InvalidInput {
                field: "keep_until",
                reason: Invalid::KeepUntilBeforeMinimum { minimum: m },
            } if *m == minimum
        ),
        "{err:?}"
    );
    let en = err.message(Lang::En);
    let zh = err.message(Lang::Zh);
    assert!(en.contains(&minimum) && en.contains("PIPL Art. 56"), "{en}");
    assert!(zh.contains(&minimum) && zh.contains("第五十六条"), "{zh}");

    // A later date is kept; clearing puts the minimum back rather than leaving none.
    let later = retention::plus_years(&signed_at, 10).expect("date");
    let view = api::set_keep_until(&mut vault, ACTOR, KeptKind::Assessment, &pia, Some(&later))
        .expect("later");
    assert_eq!(view.keep_until.as_deref(), Some(later.as_str()));
    let view =
        api::set_keep_until(&mut vault, ACTOR, KeptKind::Assessment, &pia, None).expect("clear");
    assert_eq!(view.keep_until.as_deref(), Some(minimum.as_str()));

    // A client takes any real date, by name, and can be cleared; each change is audited.
    let view = api::set_keep_until(
        &mut vault,
        ACTOR,
        KeptKind::Client,
        "Acme",
        Some("2031-06-30"),
    )
    .expect("client date");
    assert_eq!(
        (view.id.as_str(), view.keep_until.as_deref(), view.minimum),
        (c.as_str(), Some("2031-06-30"), None)
    );
    let err = api::set_keep_until(&mut vault, ACTOR, KeptKind::Client, &c, Some("2031-02-30"))
        .expect_err("no such day");
    assert!(matches!(
        err,
        Error::InvalidInput {
            field: "keep_until",
            reason: Invalid::Date { .. }
        }
    ));
    let view = api::set_keep_until(&mut vault, ACTOR, KeptKind::Client, &c, None).expect("clear");
    assert_eq!(view.keep_until, None);

    // The erasure confirmation warns while part of the matter is still to be kept, not after.
    let preview = api::erasure_preview(&vault, "Acme", &time::today()).expect("preview");
    assert_eq!(preview.kept_until.as_deref(), Some(minimum.as_str()));
    let after = retention::plus_years(&minimum, 1).expect("date");
    let preview = api::erasure_preview(&vault, "Acme", &after).expect("preview");
    assert_eq!(preview.kept_until, None);
    api::verify_audit(&vault).expect("chain");
    api::lock_vault(vault).expect("lock");

    let conn = raw_connection(&path, PASSPHRASE);
    let summaries: Vec<String> = conn
        .prepare("SELECT summary FROM audit_log WHERE action LIKE '%.keep_until_set' ORDER BY seq")
        .expect("query")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<rusqlite::Result<_>>()
        .expect("summaries");
    assert_eq!(
        summaries,
        [
            format!("keep-until {later}"),
            format!("keep-until {minimum}"),
            "keep-until 2031-06-30".to_owned(),
            "keep-until cleared".to_owned(),
        ]
    );
}

#[test]
fn answers_asking_for_longer_raise_a_pias_minimum() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let c = client_named(&mut vault, "Acme");
    let (long, signed_at) = approved_pia(&mut vault, &c, Some(5.0));
    assert_eq!(
        api::keep_until(&vault, KeptKind::Assessment, &long)
            .expect("date")
            .keep_until,
        retention::plus_years(&signed_at, 5)
    );
}

/// Turns a vault of this build back into one of schema 6: the keep-until columns and their
/// indexes gone, and the later CNIL records table, shared template snapshots (each assessment's
/// snapshot inline again, as `templates` gives them) and actions' bilingual titles, the version
/// lowered, as a build before them left it.
fn back_to_schema_6(path: &Path, templates: &[(String, String)]) {
    let conn = raw_connection(path, PASSPHRASE);
    conn.execute_batch(
        "ALTER TABLE assessments ADD COLUMN template_snapshot TEXT NOT NULL DEFAULT ''",
    )
    .expect("inline snapshots");
    for (id, json) in templates {
        conn.execute(
            "UPDATE assessments SET template_snapshot = ?2 WHERE id = ?1",
            [id, json],
        )
        .expect("inline snapshot");
    }
    // Migration 17's view and triggers (the view reads columns dropped below; 17 makes them
    // again when it runs).
    conn.execute_batch(
        "DROP VIEW search_doc_text;
         DROP TRIGGER search_docs_findings_delete;
         DROP TRIGGER search_findings_text_delete;",
    )
    .expect("schema 16");
    // Migration 14's comments table, then 13's own objects: the list summaries and the triggers that drop stale ones.
    conn.execute_batch(
        "DROP TABLE comments;
         DROP TRIGGER assessments_summary_delete;
         DROP TRIGGER answers_summary_insert;
         DROP TRIGGER answers_summary_update;
         DROP TRIGGER answers_summary_delete;
         DROP TRIGGER assessment_links_summary_insert;
         DROP TRIGGER assessment_links_summary_delete;
         DROP TABLE assessment_summaries;",
    )
    .expect("schema 12");
    // Migration 12's own objects (its triggers read columns dropped below).
    for trigger in [
        "actions_search_delete",
        "actions_search_insert",
        "actions_search_update",
        "assessment_links_search_delete",
        "assessment_links_search_insert",
        "clients_contact_delete",
        "clients_contact_insert",
        "clients_contact_update",
        "evidence_search_delete",
        "evidence_search_insert",
        "template_snapshots_search_delete",
        "vendors_contact_delete",
        "vendors_contact_insert",
        "vendors_contact_update",
    ] {
        conn.execute_batch(&format!("DROP TRIGGER {trigger};"))
            .expect("drop a trigger of schema 12");
    }
    // The search triggers migration 12 rebuilt read its tables; it drops them by name when it
    // runs again, so stand-ins that do nothing take their place meanwhile.
    for (trigger, event) in [
        ("clients_search_insert", "INSERT ON clients"),
        ("clients_search_update", "UPDATE ON clients"),
        ("clients_search_delete", "DELETE ON clients"),
        ("data_sources_search_insert", "INSERT ON data_sources"),
        ("data_sources_search_update", "UPDATE ON data_sources"),
        ("data_sources_search_delete", "DELETE ON data_sources"),
        ("vendors_search_insert", "INSERT ON vendors"),
        ("vendors_search_update", "UPDATE ON vendors"),
        ("vendors_search_delete", "DELETE ON vendors"),
        ("assessments_search_insert", "INSERT ON assessments"),
        ("assessments_search_update", "UPDATE ON assessments"),
        ("assessments_search_delete", "DELETE ON assessments"),
        ("answers_search_insert", "INSERT ON answers"),
        ("answers_search_update", "UPDATE ON answers"),
        ("answers_search_delete", "DELETE ON answers"),
    ] {
        conn.execute_batch(&format!(
            "DROP TRIGGER {trigger}; CREATE TRIGGER {trigger} AFTER {event} BEGIN SELECT 1; END;"
        ))
        .expect("stand-in trigger");
    }
    conn.execute_batch(
        "DROP TABLE search_stale;
         DROP TABLE search_questions;
         DROP INDEX assessment_links_linked;",
    )
    .expect("schema 11");
    conn.execute_batch(
        "DROP INDEX assessments_template;
         ALTER TABLE assessments DROP COLUMN template_sha256;
         DROP TABLE template_snapshots;
         DROP INDEX assessments_keep_until;
         DROP INDEX clients_keep_until;
         ALTER TABLE assessments DROP COLUMN keep_until;
         ALTER TABLE clients DROP COLUMN keep_until;
         DROP TABLE cnil_records;
         DROP INDEX actions_finding;
         ALTER TABLE actions DROP COLUMN title_zh;
         ALTER TABLE actions DROP COLUMN title_en;
         PRAGMA user_version = 6;",
    )
    .expect("schema 6");
}

#[test]
fn a_schema_6_vault_gets_its_approved_pias_minimum_on_open() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let c = client_named(&mut vault, "Acme");
    let (pia, signed_at) = approved_pia(&mut vault, &c, Some(4.0));
    let templates: Vec<(String, String)> = api::assessment_summaries(&vault, None)
        .expect("assessments")
        .into_iter()
        .map(|a| {
            let template = api::assessment_template(&vault, &a.id).expect("template");
            (a.id, serde_json::to_string(&template).expect("json"))
        })
        .collect();
    api::lock_vault(vault).expect("lock");
    back_to_schema_6(&path, &templates);

    let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open migrates");
    assert_eq!(
        api::check_vault(&vault).expect("check").schema_version,
        SCHEMA_VERSION
    );
    assert_eq!(
        api::keep_until(&vault, KeptKind::Assessment, &pia)
            .expect("date")
            .keep_until,
        retention::plus_years(&signed_at, 4)
    );
    assert_eq!(
        api::keep_until(&vault, KeptKind::Client, &c)
            .expect("date")
            .keep_until,
        None
    );
    api::verify_audit(&vault).expect("chain");
}

#[test]
fn what_is_past_its_date_is_listed_by_the_dashboard_and_the_cli_and_nothing_is_erased() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let gone = client_named(&mut vault, "Former client 前客户");
    let kept = client_named(&mut vault, "Current client");
    let (pia, _) = approved_pia(&mut vault, &kept, None);
    api::set_archived(&mut vault, ACTOR, api::RegisterKind::Client, &gone, true).expect("archive");
    api::set_keep_until(
        &mut vault,
        ACTOR,
        KeptKind::Client,
        &gone,
        Some("2020-01-10"),
    )
    .expect("client date");
    api::set_keep_until(
        &mut vault,
        ACTOR,
        KeptKind::Client,
        &kept,
        Some("2099-01-01"),
    )
    .expect("client date");

    // On a day well after the PIA's minimum, the PIA is past too; before it, only the client.
    let today = time::today();
    let view = api::dashboard(&vault, &today).expect("dashboard");
    let listed: Vec<(KeptKind, &str)> = view
        .due_for_erasure
        .iter()
        .map(|d| (d.kind, d.name.as_str()))
        .collect();
    assert_eq!(listed, [(KeptKind::Client, "Former client 前客户")]);
    let due = &view.due_for_erasure[0];
    assert_eq!(
        (due.client_id.as_deref(), due.keep_until.as_str()),
        (Some(gone.as_str()), "2020-01-10")
    );
    assert_eq!(
        i64::from(due.days_past),
        retention::days_until("2020-01-10", &today).expect("days")
    );

    let later = "2040-01-01";
    let view = api::dashboard(&vault, later).expect("dashboard");
    let listed: Vec<(KeptKind, &str, Option<&str>)> = view
        .due_for_erasure
        .iter()
        .map(|d| (d.kind, d.id.as_str(), d.client_name.as_deref()))
        .collect();
    assert_eq!(
        listed,
        [
            (
                KeptKind::Client,
                gone.as_str(),
                Some("Former client 前客户")
            ),
            (KeptKind::Assessment, pia.as_str(), Some("Current client")),
        ]
    );
    assert!(
        view.retention_due.is_empty(),
        "a passed date is due for erasure, no longer 'nearing its end'"
    );
    api::lock_vault(vault).expect("lock");

    let out = dpodesk(
        &path,
        Some(PASSPHRASE),
        &["client", "due-for-erasure", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let document: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(document["format"], 2, "{document}");
    let due = &document["items"];
    assert_eq!(due.as_array().map(Vec::len), Some(1), "{due}");
    assert_eq!(due[0]["kind"], "client");
    assert_eq!(due[0]["id"], gone.as_str());
    assert_eq!(due[0]["keep_until"], "2020-01-10");
    assert!(due[0]["days_past"].as_i64().is_some_and(|d| d > 2000));

    let out = dpodesk(&path, Some(PASSPHRASE), &["client", "due-for-erasure"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Former client 前客户") && text.contains("2020-01-10"),
        "{text}"
    );
    assert!(text.contains("nothing was erased"), "{text}");

    let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open");
    assert_eq!(
        api::clients(&vault, true).expect("clients").len(),
        2,
        "listing erases nothing"
    );
}

#[test]
fn the_cli_sets_and_clears_dates_and_refuses_an_early_one_for_a_signed_pia() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let c = client_named(&mut vault, "Acme");
    let (pia, signed_at) = approved_pia(&mut vault, &c, None);
    api::lock_vault(vault).expect("lock");
    let minimum = retention::plus_years(&signed_at, 3).expect("date");

    let out = dpodesk(
        &path,
        Some(PASSPHRASE),
        &["client", "keep-until", "Acme", "2030-05-01"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), format!("{c} kept until 2030-05-01"));

    let out = dpodesk(
        &path,
        Some(PASSPHRASE),
        &["client", "keep-until", "Acme", "--clear", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let view: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(view["keep_until"], serde_json::Value::Null);

    let out = dpodesk(
        &path,
        Some(PASSPHRASE),
        &["assess", "keep-until", &pia, "2020-01-01"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains(&format!("must be kept until at least {minimum}")),
        "{}",
        stderr(&out)
    );

    let out = dpodesk(
        &path,
        Some(PASSPHRASE),
        &["assess", "keep-until", &pia, "--clear"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("kept until {minimum}")) && text.contains("PIPL Art. 56"),
        "{text}"
    );

    let out = dpodesk(&path, Some(PASSPHRASE), &["client", "keep-until", "Acme"]);
    assert_eq!(out.status.code(), Some(2), "a date or --clear is required");
}
