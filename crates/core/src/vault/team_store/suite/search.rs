//! Search and the settings screen, through `api`, on both back-ends: the same matter gives the
//! same hits — kinds, titles, clients, questions, findings, snippets, archived states — for a
//! name, a two-character Chinese term (no trigram of its own), several terms at once, an
//! evidence file's name and question text, with archived entries left out unless asked.

// Test code only (the suite is `#[cfg(test)]`): layers.rs reads what follows as tests, which
// may reach the domain and `api` to build and read what they compare.
#[cfg(test)]
use std::collections::BTreeMap;

use super::{ACTOR, Backend, client_request, source_request, vendor_request};
use crate::api::{self, RegisterKind, SearchHitView, SettingsView};
use crate::assessment::Answer;
use crate::assessment::stored::{add_evidence, create_assessment, save_answers};
use crate::vault::NewAssessment;
use crate::vault::data_sources::add_data_source;
use crate::vault::vendors::add_vendor;

/// A hit as compared: ids replaced by the names the test gave them, so both back-ends (whose
/// ids differ) give the same lines.
fn shown(hits: &[SearchHitView], names: &BTreeMap<String, &str>) -> Vec<String> {
    let name = |id: &Option<String>| {
        id.as_ref().map_or("-".to_owned(), |id| {
            names.get(id).map_or(id.as_str(), |n| n).to_owned()
        })
    };
    let mut lines: Vec<String> = hits
        .iter()
        .map(|h| {
            format!(
                "{:?} {} in {} q={} f={} title={} label={} client={} [{}|{}|{}]{}",
                h.kind,
                name(&Some(h.id.clone())),
                name(&h.assessment_id),
                h.question_id.as_deref().unwrap_or("-"),
                h.finding_id.as_deref().unwrap_or("-"),
                h.title,
                h.label.as_ref().map_or("-", |l| l.en.as_str()),
                h.client_name.as_deref().unwrap_or("-"),
                h.snippet_before,
                h.snippet_match,
                h.snippet_after,
                if h.archived { " archived" } else { "" },
            )
        })
        .collect();
    // Names and titles come before other text on both; within each, the newest first is
    // ordered by rowid on the vault and by the time written on the server, which can tie.
    lines.sort();
    lines
}

fn find<B: Backend>(
    b: &mut B,
    query: &str,
    include_archived: bool,
    names: &BTreeMap<String, &str>,
) -> Vec<String> {
    let hits = api::search_all(&*b.store(), query, 50, include_archived).expect("search");
    shown(&hits, names)
}

pub(super) fn search_finds_alike(mut b: impl Backend) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let source = add_data_source(b.store(), ACTOR, &source_request(&client.id)).expect("source");
    let vendor = add_vendor(b.store(), ACTOR, &vendor_request(&client.id)).expect("vendor");
    let template = crate::template::bundled_for_test("pia");
    let new = NewAssessment {
        title: "会员积分 PIA".to_owned(),
        client_id: Some(client.id.clone()),
        ..NewAssessment::default()
    };
    let pia = create_assessment(b.store(), ACTOR, &template, new).expect("pia");
    let answers = BTreeMap::from([
        (
            "pia03_assessors".to_owned(),
            Answer::Text("法务部与 DPO 共同评估，会员同意后方可推送".to_owned()),
        ),
        ("pia01_regime".to_owned(), Answer::Text("prc".to_owned())),
        (
            "pia01_pipl55".to_owned(),
            Answer::List(vec!["sensitive".to_owned()]),
        ),
    ]);
    save_answers(b.store(), ACTOR, &pia.id, &answers).expect("answers");
    let evidence = add_evidence(
        b.store(),
        ACTOR,
        &pia.id,
        "pia04_dataflow_evidence",
        "同意书 flow.pdf",
        b"%PDF-1.7",
    )
    .expect("evidence");

    let names = BTreeMap::from([
        (client.id.clone(), "acme"),
        (source.id.clone(), "source"),
        (vendor.id.clone(), "vendor"),
        (pia.id.clone(), "pia"),
        (evidence.id.clone(), "evidence"),
    ]);
    assert_eq!(
        find(&mut b, "acme", false, &names),
        [
            "Client acme in - q=- f=- title=Acme label=- client=Acme [|Acme| Loyalty programme]",
            "Contact acme in - q=- f=- title=Acme label=- client=Acme [dpo@|acme|.example]",
        ]
    );
    // Two characters: answer text, the evidence file's name, and the questions and findings
    // that say it, each where it lies.
    let consent = find(&mut b, "同意", false, &names);
    assert!(
        consent.contains(
            &"Answer pia in pia q=pia03_assessors f=- title=会员积分 PIA label=- client=Acme \
              [法务部与 DPO 共同评估，会员|同意|后方可推送]"
                .to_owned()
        ),
        "{consent:#?}"
    );
    assert_eq!(consent, EXPECTED_CONSENT.map(str::to_owned), "{consent:#?}");
    // A finding, found by its title, opened at it.
    let outcome = crate::assessment::stored::outcome(&*b.store(), &pia.id).expect("outcome");
    let finding = outcome.findings.first().expect("PIPL Art. 55 applies");
    let hits = api::search_all(&*b.store(), &finding.title.en, 50, false).expect("search");
    assert_eq!(
        shown(&hits, &names),
        [
            "Finding pia in pia q=- f=pia01-pipl55-trigger title=会员积分 PIA \
          label=PIPL Art. 55 requires a prior assessment client=Acme \
          [|PIPL| Art. 55 requires a prior assessment]"
        ]
    );
    // Every term must occur; case is ignored.
    assert_eq!(
        find(&mut b, "WECHAT newsletter", false, &names),
        [
            "DataSource source in - q=- f=- title=Newsletter sign-up label=- client=Acme \
          [|Newsletter| sign-up WeChat]"
        ]
    );
    assert!(find(&mut b, "wechat 同意", false, &names).is_empty());

    // An archived data source is left out unless asked for.
    api::set_archived(b.store(), ACTOR, RegisterKind::DataSource, &source.id, true)
        .expect("archive");
    assert!(find(&mut b, "wechat", false, &names).is_empty());
    assert_eq!(
        find(&mut b, "wechat", true, &names),
        [
            "DataSource source in - q=- f=- title=Newsletter sign-up label=- client=Acme \
          [Newsletter sign-up |WeChat|] archived"
        ]
    );
    // The search box's call: current entries, the same limit on both.
    assert_eq!(
        api::search(&*b.store(), "同意", 2).expect("search").len(),
        2
    );

    // The settings screen reads the profile, auto-lock and what the evidence weighs alike.
    let settings = SettingsView::build(&*b.store()).expect("settings");
    assert_eq!(
        (
            settings.auto_lock_minutes,
            settings.storage.evidence_count,
            settings.storage.evidence_bytes,
            settings.storage.report_count,
        ),
        (10, 1, 8, 0)
    );
    assert!(settings.storage.file_bytes > 0 && !settings.vault_path.is_empty());
}

/// What "同意" finds in the matter above (sorted as [`shown`] sorts): the answer, the evidence
/// file's name, and four questions of the PIA template that say it.
const EXPECTED_CONSENT: [&str; 6] = [
    "Answer pia in pia q=pia03_assessors f=- title=会员积分 PIA label=- client=Acme \
     [法务部与 DPO 共同评估，会员|同意|后方可推送]",
    "Evidence evidence in pia q=pia04_dataflow_evidence f=- title=会员积分 PIA label=- \
     client=Acme [|同意|书 flow.pdf]",
    "Question pia in pia q=pia01_guardian_consent f=- title=会员积分 PIA label=(PRC) Is a \
     parent's or guardian's consent obtained, and are there dedicated rules for processing \
     children's data? client=Acme [（中国）是否已取得其父母或其他监护人的|同意|，并制定了专门\
     的个人信息处理规则？]",
    "Question pia in pia q=pia01_provision_consent f=- title=会员积分 PIA label=(PRC) Were \
     people told the recipient's name and contact, purpose, method and data categories, and \
     did they give separate consent? client=Acme […、处理目的、处理方式和信息种类，并取得个人\
     的单独|同意|？]",
    "Question pia in pia q=pia01_sensitive_separate_consent f=- title=会员积分 PIA label=(PRC) \
     Is separate consent obtained for the sensitive personal information, with notice of why \
     it is needed and how it affects the person? client=Acme [（中国）处理敏感个人信息是否已取\
     得个人的单独|同意|，并告知其必要性和对个人权益的影响？]",
    "Question pia in pia q=pia05_rights_objection f=- title=会员积分 PIA label=Do withdrawal, \
     objection and opt-out take effect across all channels and vendors? client=Acme [撤回|同意|\
     、反对营销和退订是否在所有渠道和受托方生效？]",
];

/// The newest answers holding the longest term are read first (a team database reads only as
/// many as the hits wanted): when they lack another term, older ones are read, and the hit is
/// the one a vault gives.
pub(super) fn older_answers_are_read_when_the_newest_do_not_match(mut b: impl Backend) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let template = crate::template::bundled_for_test("pia");
    let new = NewAssessment {
        title: "Newsletter PIA".to_owned(),
        client_id: Some(client.id.clone()),
        ..NewAssessment::default()
    };
    let pia = create_assessment(b.store(), ACTOR, &template, new).expect("pia");
    // Oldest first, one save each.
    for (question, text) in [
        ("pia04_context", "短信营销须会员同意"),
        ("pia04_lifecycle", "会员同意条款"),
        ("pia06_open_items", "同意书待补"),
    ] {
        let answers = BTreeMap::from([(question.to_owned(), Answer::Text(text.to_owned()))]);
        save_answers(b.store(), ACTOR, &pia.id, &answers).expect("answer");
    }
    let mut found = |query: &str, limit: usize| -> Vec<(String, String)> {
        let hits = api::search_all(&*b.store(), query, limit, false).expect("search");
        let mut found: Vec<_> = hits
            .into_iter()
            .map(|h| (h.question_id.unwrap_or_default(), h.snippet))
            .collect();
        found.sort();
        found
    };
    assert_eq!(
        found("同意 短信", 1),
        [("pia04_context".to_owned(), "短信营销须会员同意".to_owned())]
    );
    // Two wanted: the two newest answers, before any question that says it.
    assert_eq!(
        found("同意", 2),
        [
            ("pia04_lifecycle".to_owned(), "会员同意条款".to_owned()),
            ("pia06_open_items".to_owned(), "同意书待补".to_owned()),
        ]
    );
}
