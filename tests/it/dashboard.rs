//! What the app's home and settings screens rest on: the dashboard's windows (actions overdue and
//! due soon, vendor reviews, PIA retention), auto-lock, the passphrase change that proves the
//! current passphrase, the vault's storage figures, and archiving register entries.

use dpodesk_core::api::{self, RegisterKind};
use dpodesk_core::assessment::{Answer, retention};
use dpodesk_core::error::{Error, Invalid};
use dpodesk_core::law::LawRegister;
use dpodesk_core::template;
use dpodesk_core::{Vault, time};

use crate::support::*;

fn action(vault: &mut Vault, client_id: &str, title: &str, due: &str) {
    crate::support::add_action(
        vault,
        ACTOR,
        &api::NewActionRequest {
            client_id: Some(client_id.to_owned()),
            due_date: due.to_owned(),
            ..action_request(title.to_owned())
        },
    )
    .expect("action");
}

#[test]
fn the_dashboard_lists_what_is_overdue_or_due_within_its_window() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let c = client_named(&mut vault, "华东贸易");
    action(&mut vault, &c, "Late", "2026-11-01");
    action(&mut vault, &c, "Soon", "2026-12-05");
    action(&mut vault, &c, "Later", "2027-03-01");
    for (name, review) in [
        ("Near", "2026-12-20"),
        ("Far", "2027-06-01"),
        ("Past", "2026-10-01"),
    ] {
        api::add_vendor(
            &mut vault,
            ACTOR,
            api::NewVendorRequest {
                client_id: c.clone(),
                name: name.to_owned(),
                next_review: review.to_owned(),
                country: String::new(),
                service: String::new(),
                contact: String::new(),
                notes: String::new(),
            },
        )
        .expect("vendor");
    }

    let view = api::dashboard(&vault, "2026-11-25").expect("dashboard");
    let titles =
        |list: &[api::ActionInfo]| list.iter().map(|a| a.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&view.overdue_actions), ["Late"]);
    assert_eq!(titles(&view.due_soon_actions), ["Soon"]);
    let vendors: Vec<(String, i32)> = view
        .vendor_reviews_due
        .iter()
        .map(|v| (v.vendor.name.clone(), v.days_left))
        .collect();
    assert_eq!(vendors, [("Past".to_owned(), -55), ("Near".to_owned(), 25)]);
    assert_eq!(view.vendor_reviews_due[0].client_name, "华东贸易");
    assert_eq!(view.clients, 1);
    assert!(view.retention_due.is_empty());
}

#[test]
fn an_approved_pia_appears_when_its_retention_period_nears_its_end_and_counts_follow_versions() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let law = LawRegister::bundled().expect("law");
    let pia = template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == "pia")
        .expect("pia template");
    let c = client_named(&mut vault, "Acme");
    let a = crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &pia,
        api::NewAssessmentRequest {
            client_id: Some(c),
            ..assessment_request("WeCom PIA")
        },
    )
    .expect("pia");
    let mut answers = api::read_assessment(&vault, &a.id)
        .map(|a| a.answers)
        .expect("answers");
    answers.insert(retention::YEARS_QUESTION.to_owned(), Answer::Number(5.0));
    crate::support::save_answers(&mut vault, ACTOR, &a.id, &answers).expect("save");
    api::submit(&mut vault, ACTOR, &a.id).expect("submit");
    let signed = crate::support::sign_off(
        &mut vault,
        ACTOR,
        &api::SignOffRequest {
            version: None,
            assessment_id: a.id.to_owned(),
            name: "Li Wang".into(),
            role: "DPO".into(),
            decision: api::Decision::Approve,
            comment: String::new(),
            attestations: attestations(),
            with_reservations: true,
        },
    )
    .expect("approve");

    let today = time::today();
    let view = api::dashboard(&vault, &today).expect("dashboard");
    assert!(view.retention_due.is_empty(), "five years away");
    assert_eq!(view.counts.approved, 1);

    let keep_until = retention::plus_years(&signed.signed_at, 5).expect("date");
    let near = keep_until.clone();
    let view = api::dashboard(&vault, &near).expect("dashboard");
    assert_eq!(view.retention_due.len(), 1);
    let due = &view.retention_due[0];
    assert_eq!(
        (due.title.as_str(), due.years, due.days_left),
        ("WeCom PIA", 5, 0)
    );
    assert_eq!(due.keep_until, keep_until);
    assert_eq!(due.client_name.as_deref(), Some("Acme"));

    // Re-opened: the draft v2 is current, the approved v1 still has records to keep.
    api::reopen_assessment(&mut vault, ACTOR, &a.id).expect("reopen");
    let view = api::dashboard(&vault, &near).expect("dashboard");
    assert_eq!((view.counts.approved, view.counts.draft), (0, 1));
    assert_eq!(view.retention_due.len(), 1);
    // The list under the figures shows what they count: v2, not the approved v1 beside "0 approved".
    let listed: Vec<(i64, api::Status)> =
        view.recent.iter().map(|s| (s.version, s.status)).collect();
    assert_eq!(listed, [(2, api::Status::Draft)]);
    assert_eq!(view.recent[0].client_name.as_deref(), Some("Acme"));
}

#[test]
fn home_counts_the_audit_log_as_it_stands_not_as_it_was_at_unlock() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let unlocked = api::vault_info(&vault).expect("describe").audit_entries;
    client_named(&mut vault, "Acme");
    client_named(&mut vault, "Beta");
    let view = api::dashboard(&vault, &time::today()).expect("dashboard");
    let verified = api::verify_audit(&vault).expect("verify").count;
    assert_eq!(view.audit_entries, verified);
    assert_eq!(view.audit_entries, unlocked + 2);
    assert_eq!(view.clients, 2);
}

#[test]
fn auto_lock_defaults_to_ten_minutes_and_refuses_out_of_range_values() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    assert_eq!(
        api::SettingsView::build(&vault)
            .expect("settings")
            .auto_lock_minutes,
        10
    );
    assert_eq!(
        api::set_auto_lock_minutes(&mut vault, ACTOR, 3).expect("set"),
        3
    );
    // 0 reads as "never", which is not offered: refused with its own words, never ignored.
    let err = api::set_auto_lock_minutes(&mut vault, ACTOR, 0).expect_err("off");
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                field: "auto_lock_minutes",
                reason: Invalid::AutoLockOff { max: 480 }
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "auto-lock cannot be turned off: a vault left unlocked is open to anyone at this computer; choose from 1 to 480 minutes"
    );
    assert_eq!(
        err.message(dpodesk_core::Lang::Zh),
        "自动锁定不能关闭：未锁定的保险库，任何使用这台电脑的人都能打开；请选择 1 至 480 分钟"
    );
    {
        let err = api::set_auto_lock_minutes(&mut vault, ACTOR, 481).expect_err("out of range");
        assert!(
            matches!(
                err,
                Error::InvalidInput {
                    field: "auto_lock_minutes",
                    reason: Invalid::OutOfRange { min: 1, max: 480 }
                }
            ),
            "{err:?}"
        );
    }
    drop(vault);
    let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("reopen");
    assert_eq!(
        api::SettingsView::build(&vault)
            .expect("settings")
            .auto_lock_minutes,
        3
    );
}

#[test]
fn changing_the_passphrase_needs_the_current_one() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let err = api::change_passphrase(
        &mut vault,
        ACTOR,
        &pass(OTHER_PASSPHRASE),
        &pass(OTHER_PASSPHRASE),
    )
    .expect_err("wrong current passphrase");
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
    let err = api::change_passphrase(&mut vault, ACTOR, &pass(PASSPHRASE), &pass("short"))
        .expect_err("weak new passphrase");
    assert!(matches!(err, Error::WeakPassphrase(_)), "{err:?}");
    api::change_passphrase(
        &mut vault,
        ACTOR,
        &pass(PASSPHRASE),
        &pass(OTHER_PASSPHRASE),
    )
    .expect("change");
    api::lock_vault(vault).expect("lock");
    assert!(matches!(
        api::open_vault(&path, &pass(PASSPHRASE)),
        Err(Error::WrongPassphrase)
    ));
    let vault = api::open_vault(&path, &pass(OTHER_PASSPHRASE)).expect("new passphrase opens");
    api::verify_audit(&vault).expect("chain intact after the change");
}

#[test]
fn storage_counts_evidence_and_reports_and_archiving_hides_an_entry() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let c = client_named(&mut vault, "Acme");
    let before = api::SettingsView::build(&vault).expect("settings").storage;
    assert_eq!((before.evidence_count, before.report_count), (0, 0));
    assert!(before.file_bytes >= 4096);

    api::set_archived(&mut vault, ACTOR, RegisterKind::Client, &c, true).expect("archive");
    assert!(api::clients(&vault, false).expect("list").is_empty());
    assert_eq!(api::clients(&vault, true).expect("all").len(), 1);
    api::set_archived(&mut vault, ACTOR, RegisterKind::Client, &c, false).expect("unarchive");
    assert_eq!(api::clients(&vault, false).expect("list").len(), 1);
}
