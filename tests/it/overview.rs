//! The client overview and the portfolio: one row per channel, vendor and PIA with its current
//! version's ratings, required-question progress, pending actions, last sign-off, next review and
//! next step; and a new channel's assessment that starts with the channel the register names.

use dpodesk_core::api::{self, NextStep, Status};
use dpodesk_core::demo::{self, DEMO_CLIENT, DEMO_PASSPHRASE};
use dpodesk_core::law::LawRegister;
use dpodesk_core::template;

use crate::support::*;

#[test]
fn the_demo_client_has_a_row_for_every_channel_vendor_and_pia_with_its_ratings() {
    let dir = tempfile::tempdir().expect("dir");
    let made = demo::create(dir.path(), &pass(DEMO_PASSPHRASE), "2025-07-20", false).expect("demo");
    let mut vault =
        dpodesk_core::api::open_vault(&made.vault, &pass(DEMO_PASSPHRASE)).expect("open");
    let law = LawRegister::bundled().expect("law");
    let client = api::clients(&vault, false).expect("clients").remove(0);
    assert_eq!(client.name, DEMO_CLIENT);

    let view = api::client_overview(&mut vault, &law, &client.id, "2025-07-20").expect("overview");
    let kinds: Vec<api::Kind> = view.rows.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            api::Kind::DataSource,
            api::Kind::DataSource,
            api::Kind::DataSource,
            api::Kind::DataSource,
            api::Kind::Vendor,
            api::Kind::Pia
        ]
    );
    for row in &view.rows {
        let a = row
            .assessment
            .as_ref()
            .expect("every demo entry is assessed");
        assert!(a.required_total > 0 && a.required_answered <= a.required_total);
        let summary = api::assessment_summaries(&vault, Some(&client.id))
            .expect("summaries")
            .into_iter()
            .find(|s| s.id == a.id)
            .expect("listed");
        // The overview and the list agree on the rating, the progress and the status.
        assert_eq!(
            (a.ratings.overall.rating, a.ratings.overall.certainty),
            (summary.rating.rating, summary.rating.certainty)
        );
        // The cell's short wording, without the points to verify the list adds.
        assert!(
            summary
                .rating
                .wording
                .en
                .starts_with(&a.ratings.overall.wording.en),
            "{} / {}",
            a.ratings.overall.wording.en,
            summary.rating.wording.en
        );
        assert_eq!(
            a.required_total - a.required_answered,
            summary.unanswered_required
        );
        assert_eq!(a.status, summary.status);
    }

    let bought = view
        .rows
        .iter()
        .find(|r| r.name.contains("Bought EU"))
        .expect("bought list");
    // The channel is worded by the template's label, never its code.
    assert_eq!(bought.detail[0].en, "Purchased or rented list");
    let rating = bought.assessment.as_ref().expect("assessed");
    assert_eq!(rating.ratings.overall.rating, api::Rating::Prohibited);
    assert_eq!(
        rating.ratings.overall.certainty,
        api::Certainty::Provisional
    );
    assert!(rating.ratings.eu.is_some());
    assert_eq!(bought.next_step, NextStep::Continue);

    let vendor = &view.rows[4];
    assert_eq!(vendor.next_review.as_deref(), Some("2026-06-30"));
    let signed = vendor
        .last_sign_off
        .as_ref()
        .expect("the vendor is approved");
    assert_eq!(signed.decision, api::Decision::Approve);
    assert_eq!(vendor.next_step, NextStep::Open);

    let pending = api::actions(&vault, None, None, "2025-07-20")
        .expect("actions")
        .into_iter()
        .filter(|a| a.status.pending && a.assessment_id.as_deref() == Some(&made.assessments[5]))
        .count();
    assert_eq!(view.rows[5].open_actions, pending);

    let portfolio = api::portfolio(&mut vault, &law, "2025-07-20").expect("portfolio");
    assert_eq!(portfolio.len(), view.rows.len());
    assert!(portfolio.iter().all(|r| r.client_name == DEMO_CLIENT));
}

#[test]
fn a_new_channel_is_assessed_from_its_register_entry_without_asking_the_channel_again() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let law = LawRegister::bundled().expect("law");
    let templates = template::bundled(&law).expect("templates");
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "Acme".to_owned(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client");
    let catalogue = api::ChannelCatalogue::of(&templates);
    assert!(catalogue.channels.iter().any(|c| c.value == "QR"));
    assert!(catalogue.platforms.iter().any(|c| c.value == "wechat"));
    let source = api::add_data_source(
        &mut vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: client.id.clone(),
            name: "Store posters".to_owned(),
            channel: "QR".to_owned(),
            platform: "wechat, sms".to_owned(),
            notes: String::new(),
        },
    )
    .expect("source");

    let before =
        api::client_overview(&mut vault, &law, &client.id, "2026-01-01").expect("overview");
    assert_eq!(before.rows.len(), 1);
    assert_eq!(before.rows[0].next_step, NextStep::Assess);
    let labels: Vec<&str> = before.rows[0]
        .detail
        .iter()
        .map(|d| d.en.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Offline QR code (event, store, poster)",
            "WeChat / WeCom",
            "SMS"
        ]
    );

    let created = api::create_assessment(
        &mut vault,
        &templates,
        ACTOR,
        &api::NewAssessmentRequest {
            template_id: "data-source".to_owned(),
            title: "Store posters".to_owned(),
            client_id: Some(client.id.clone()),
            subject_id: Some(source.id.clone()),
        },
    )
    .expect("assessment");
    let answers = api::read_assessment(&vault, &created.id)
        .map(|a| a.answers)
        .expect("answers");
    assert_eq!(
        answers.get("ds01_channel"),
        Some(&dpodesk_core::assessment::Answer::Text("QR".to_owned()))
    );
    assert_eq!(
        answers.get("ds01_platforms"),
        Some(&dpodesk_core::assessment::Answer::List(vec![
            "wechat".to_owned(),
            "sms".to_owned()
        ]))
    );

    let after = api::client_overview(&mut vault, &law, &client.id, "2026-01-01").expect("overview");
    let row = &after.rows[0];
    assert_eq!(row.next_step, NextStep::Continue);
    let progress = row.assessment.as_ref().expect("assessed");
    assert_eq!(progress.status, Status::Draft);
    assert_eq!(
        progress.required_answered, 2,
        "the channel and the platforms"
    );
    assert!(progress.required_total > 2);
}

/// The assessment and the answers it starts with are one unit of work: when the answers cannot
/// be written, no assessment (nor its audit entry) is left behind.
#[test]
fn a_new_channel_whose_answers_fail_leaves_no_assessment_behind() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let law = LawRegister::bundled().expect("law");
    let templates = template::bundled(&law).expect("templates");
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "Acme".to_owned(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client");
    let source = api::add_data_source(
        &mut vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: client.id.clone(),
            name: "Store posters".to_owned(),
            channel: "QR".to_owned(),
            platform: "wechat".to_owned(),
            notes: String::new(),
        },
    )
    .expect("source");
    let entries_before = api::verify_audit(&vault).expect("audit");
    drop(vault);
    // A fault in the answers' write, and only there.
    raw_connection(&path, PASSPHRASE)
        .execute_batch(
            "CREATE TRIGGER refuse_answers BEFORE INSERT ON answers
             BEGIN SELECT RAISE(ABORT, 'answers refused'); END;",
        )
        .expect("trigger");
    let mut vault = dpodesk_core::api::open_vault(&path, &pass(PASSPHRASE)).expect("open");

    let refused = api::create_assessment(
        &mut vault,
        &templates,
        ACTOR,
        &api::NewAssessmentRequest {
            template_id: "data-source".to_owned(),
            title: "Store posters".to_owned(),
            client_id: Some(client.id.clone()),
            subject_id: Some(source.id.clone()),
        },
    );
    assert!(refused.is_err(), "{refused:?}");
    assert!(
        api::assessment_summaries(&vault, None)
            .expect("assessments")
            .is_empty()
    );
    assert_eq!(api::verify_audit(&vault).expect("audit"), entries_before);
}
