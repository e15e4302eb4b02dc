//! Findings are indexed by the write that changes them, in its own unit of work: a search right
//! after a save, an evidence file, a link or a re-opened version finds the new findings with
//! nothing left pending in the vault. A vault upgraded from before (every assessment pending)
//! is still caught up by `api::refresh_search_index`.

use dpodesk_core::Vault;
use dpodesk_core::api::{self, SearchHitKind, SearchHitView};
use dpodesk_core::assessment::{Answer, Answers};
use dpodesk_core::template::Template;

use crate::support::*;

fn template(id: &str) -> Template {
    let law = dpodesk_core::law::LawRegister::bundled().expect("law");
    dpodesk_core::template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == id)
        .expect("template")
}

/// The answers of scenario 01 (a bought EU list messaged on WhatsApp), which draw many findings.
fn bought_list(template: &Template) -> Answers {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/scenarios/data-source/01-bought-eu-list-whatsapp.toml");
    let table: toml::Table =
        toml::from_str(&std::fs::read_to_string(path).expect("scenario")).expect("toml");
    let answers = toml::to_string(table.get("answers").expect("answers")).expect("answers");
    dpodesk_core::assessment::parse_answers("01", &answers, template).expect("parse")
}

/// The assessments the vault still marks as pending for the index (the `search_stale` rows).
fn pending(vault: &Vault) -> Vec<String> {
    dpodesk_core::testing::search_pending(vault).expect("pending")
}

/// Whether a search — with no catch-up before it — finds each of the assessment's findings by
/// its English title, as a finding of that assessment.
fn all_findings_found(vault: &Vault, id: &str) -> bool {
    let outcome = api::read_assessment(vault, id)
        .map(|a| a.outcome)
        .expect("outcome");
    assert!(!outcome.findings.is_empty(), "no finding to look for");
    outcome.findings.iter().all(|finding| {
        let hits: Vec<SearchHitView> =
            dpodesk_core::testing::search_without_catch_up(vault, &finding.title.en, 500)
                .expect("search");
        hits.iter().any(|h| {
            h.kind == SearchHitKind::Finding
                && h.id == id
                && h.finding_id.as_deref() == Some(finding.id.as_str())
        })
    })
}

fn new_assessment(vault: &mut Vault, template: &Template, title: &str) -> String {
    let new = assessment_request(title);
    crate::support::create_assessment(vault, ACTOR, template, new)
        .expect("assessment")
        .id
}

#[test]
fn a_save_indexes_its_findings_in_its_own_unit_of_work() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let data_source = template("data-source");
    let id = new_assessment(&mut vault, &data_source, "Bought list");
    assert_eq!(pending(&vault), Vec::<String>::new(), "created");

    crate::support::save_answers(&mut vault, ACTOR, &id, &bought_list(&data_source))
        .expect("answers");
    assert_eq!(pending(&vault), Vec::<String>::new(), "saved");
    assert!(all_findings_found(&vault, &id));

    // A PIA that rests on it: linking scores the PIA with it, and a later save of the data
    // source re-scores the PIA too.
    let pia = new_assessment(&mut vault, &template("pia"), "Loyalty PIA");
    api::link_assessment(&mut vault, ACTOR, &pia, &id).expect("link");
    assert_eq!(pending(&vault), Vec::<String>::new(), "linked");
    let withdrawn: Answers = bought_list(&data_source)
        .keys()
        .map(|k| (k.clone(), Answer::Text(String::new())))
        .collect();
    crate::support::save_answers(&mut vault, ACTOR, &id, &withdrawn).expect("blank");
    assert_eq!(pending(&vault), Vec::<String>::new(), "saved again");
    let gone = api::search(&vault, "bought", 500)
        .expect("search")
        .into_iter()
        .filter(|h| h.kind == SearchHitKind::Finding && h.id == id)
        .count();
    let left = api::read_assessment(&vault, &id)
        .map(|a| a.outcome)
        .expect("outcome")
        .findings
        .len();
    assert!(gone <= left, "{gone} finding hits, {left} findings");

    // Signed, re-opened: the new version's findings are indexed with it.
    crate::support::save_answers(&mut vault, ACTOR, &id, &bought_list(&data_source))
        .expect("answers again");
    api::submit(&mut vault, ACTOR, &id).expect("submit");
    crate::support::sign_off(
        &mut vault,
        ACTOR,
        &api::SignOffRequest {
            version: None,
            assessment_id: id.to_owned(),
            name: "王律师".into(),
            role: "DPO".into(),
            decision: api::Decision::Reject,
            comment: "名单来源不明".into(),
            attestations: Vec::new(),
            with_reservations: false,
        },
    )
    .expect("rejected");
    let next = api::reopen_assessment(&mut vault, ACTOR, &id)
        .expect("reopened")
        .id;
    assert_eq!(pending(&vault), Vec::<String>::new(), "re-opened");
    assert!(all_findings_found(&vault, &next));

    // An evidence file is an answer too.
    let question = api::assessment_template(&vault, &next)
        .expect("template")
        .questions()
        .find(|(_, q)| q.kind == dpodesk_core::template::QuestionType::Evidence)
        .map(|(_, q)| q.id.clone())
        .expect("an evidence question");
    api::add_evidence(
        &mut vault,
        ACTOR,
        &next,
        &question,
        "consent-log.csv",
        b"when,who\n",
    )
    .expect("evidence");
    assert_eq!(pending(&vault), Vec::<String>::new(), "evidence");
}

#[test]
fn a_vault_upgraded_with_every_assessment_pending_is_caught_up() {
    let (_dir, path) = vault_path();
    let data_source = template("data-source");
    let ids: Vec<String> = {
        let mut vault = create_vault(&path);
        (0..3)
            .map(|n| {
                let id = new_assessment(&mut vault, &data_source, &format!("List {n}"));
                crate::support::save_answers(&mut vault, ACTOR, &id, &bought_list(&data_source))
                    .expect("answers");
                id
            })
            .collect()
    };
    {
        // What migration 12 leaves: no finding indexed, every assessment pending.
        let conn = raw_connection(&path, PASSPHRASE);
        conn.execute_batch(
            "DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_docs WHERE kind = 'finding');
             DELETE FROM search_docs WHERE kind = 'finding';
             INSERT INTO search_stale (assessment_id) SELECT id FROM assessments;",
        )
        .expect("schema 12 as migrated");
    }
    let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open");
    let mut before = pending(&vault);
    before.sort();
    let mut all = ids.clone();
    all.sort();
    assert_eq!(before, all);
    assert!(!all_findings_found(&vault, &ids[0]));

    dpodesk_core::api::refresh_search_index(&vault).expect("catch up");
    assert_eq!(pending(&vault), Vec::<String>::new());
    for id in &ids {
        assert!(all_findings_found(&vault, id), "{id}");
    }
}
