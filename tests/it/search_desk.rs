//! Search finds what a DPO types: findings (title and text, both languages), question text,
//! actions (title, owner, note), contacts and evidence file names — each hit labelled by what it
//! is and naming the assessment, question or finding to open — on the demo vault and on a vault
//! whose findings change as its answers do.

use dpodesk_core::Vault;
use dpodesk_core::api::{self, SearchHitKind, SearchHitView};
use dpodesk_core::assessment::{Answer, Answers};
use dpodesk_core::demo::{self, DEMO_PASSPHRASE};

use crate::support::*;

/// The answers of scenario 01 (a bought EU list messaged on WhatsApp), which draw many findings.
fn bought_list(template: &dpodesk_core::template::Template) -> Answers {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/scenarios/data-source/01-bought-eu-list-whatsapp.toml");
    let table: toml::Table =
        toml::from_str(&std::fs::read_to_string(path).expect("scenario")).expect("toml");
    let answers = toml::to_string(table.get("answers").expect("answers")).expect("answers");
    dpodesk_core::assessment::parse_answers("01", &answers, template).expect("parse")
}

/// Searches as the app does: the index's derived documents (findings, question text) brought up
/// to date first, then the vault's query.
fn search(vault: &Vault, query: &str, limit: usize) -> Vec<SearchHitView> {
    dpodesk_core::api::refresh_search_index(vault).expect("index");
    api::search(vault, query, limit).expect("search")
}

fn of_kind(hits: &[SearchHitView], kind: SearchHitKind) -> Vec<&SearchHitView> {
    hits.iter().filter(|h| h.kind == kind).collect()
}

/// The matched term as the snippet marks it, folded.
fn marked(hit: &SearchHitView) -> String {
    hit.snippet_match.to_lowercase()
}

#[test]
fn the_demo_vault_finds_findings_questions_actions_and_contacts() {
    let dir = tempfile::tempdir().expect("dir");
    let made = demo::create(dir.path(), &pass(DEMO_PASSPHRASE), "2025-07-20", false).expect("demo");
    let vault = api::open_vault(&made.vault, &pass(DEMO_PASSPHRASE)).expect("open");

    // "consent", the search box's own example.
    let hits = search(&vault, "consent", 200);
    let findings = of_kind(&hits, SearchHitKind::Finding);
    assert!(!findings.is_empty(), "no finding: {hits:#?}");
    for hit in &findings {
        let assessment = hit
            .assessment_id
            .as_deref()
            .expect("a finding's assessment");
        assert_eq!(hit.id, assessment);
        let finding = hit.finding_id.as_deref().expect("the finding");
        let outcome = api::read_assessment(&vault, assessment)
            .map(|a| a.outcome)
            .expect("outcome");
        let scored = outcome
            .findings
            .iter()
            .find(|f| f.id == finding)
            .expect("a real finding");
        let words = format!(
            "{} {} {} {} {} {}",
            scored.title.zh,
            scored.title.en,
            scored.explanation.zh,
            scored.explanation.en,
            scored.recommendation.zh,
            scored.recommendation.en
        );
        assert!(words.to_lowercase().contains("consent"), "{words}");
        assert_eq!(
            hit.label.as_ref(),
            Some(&api::Bilingual::from(&scored.title)),
            "a finding is called by its title"
        );
        assert!(!hit.snippet.contains('\n'), "{:?}", hit.snippet);
        assert_eq!(marked(hit), "consent", "{:?}", hit.snippet);
    }
    let questions = of_kind(&hits, SearchHitKind::Question);
    assert!(!questions.is_empty(), "no question: {hits:#?}");
    for hit in &questions {
        let assessment = hit
            .assessment_id
            .as_deref()
            .expect("an assessment asking it");
        let question = hit.question_id.as_deref().expect("the question");
        let template = api::assessment_template(&vault, assessment).expect("template");
        let text = &template.question(question).expect("a real question").text;
        assert_eq!(hit.label.as_ref(), Some(&api::Bilingual::from(text)));
        assert!(
            format!("{} {}", text.zh, text.en)
                .to_lowercase()
                .contains("consent"),
            "{text:?}"
        );
    }
    // The same question is one hit, not one per assessment or snapshot.
    let mut asked: Vec<&str> = questions
        .iter()
        .filter_map(|h| h.question_id.as_deref())
        .collect();
    let all = asked.len();
    asked.sort_unstable();
    asked.dedup();
    assert_eq!(asked.len(), all);

    // A two-character Chinese term reaches findings and questions too.
    let hits = search(&vault, "同意", 200);
    assert!(
        !of_kind(&hits, SearchHitKind::Finding).is_empty(),
        "{hits:#?}"
    );
    assert!(
        !of_kind(&hits, SearchHitKind::Question).is_empty(),
        "{hits:#?}"
    );
    assert!(hits.iter().all(|h| marked(h) == "同意"), "{hits:#?}");

    // An action by its owner and by its title's Chinese words; a contact by a person's name.
    let hits = search(&vault, "procurement", 50);
    let actions = of_kind(&hits, SearchHitKind::Action);
    assert_eq!(actions.len(), 1, "{hits:#?}");
    assert!(actions[0].title.starts_with("Sign the DPA amendment"));
    assert!(actions[0].assessment_id.is_some());
    assert_eq!(
        of_kind(&search(&vault, "补充协议", 50), SearchHitKind::Action).len(),
        1
    );
    let hits = search(&vault, "陈静", 50);
    let contacts = of_kind(&hits, SearchHitKind::Contact);
    assert_eq!(contacts.len(), 1, "{hits:#?}");
    assert_eq!(
        contacts[0].client_id.as_deref(),
        Some(contacts[0].id.as_str())
    );
}

#[test]
fn findings_follow_the_answers_and_contacts_actions_and_evidence_are_found() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "Harbour Retail".into(),
            contact: "Wang Fang 王芳".into(),
            matter: String::new(),
            notes: String::new(),
        },
    )
    .expect("client");
    let vendor = api::add_vendor(
        &mut vault,
        ACTOR,
        api::NewVendorRequest {
            client_id: client.id.clone(),
            name: "Callwise".into(),
            contact: "dpo@callwise.example".into(),
            country: String::new(),
            service: String::new(),
            next_review: String::new(),
            notes: String::new(),
        },
    )
    .expect("vendor");
    let law = dpodesk_core::law::LawRegister::bundled().expect("law");
    let template = dpodesk_core::template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == "data-source")
        .expect("template");
    let assessment = crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &template,
        api::NewAssessmentRequest {
            client_id: Some(client.id.clone()),
            ..assessment_request("Bought list")
        },
    )
    .expect("assessment");
    let none_before = search(&vault, "consent", 500);
    assert!(
        of_kind(&none_before, SearchHitKind::Finding).is_empty(),
        "{none_before:#?}"
    );

    // Answers that draw findings: every finding scoring makes is found by its own title.
    let demo_answers = bought_list(&template);
    crate::support::save_answers(&mut vault, ACTOR, &assessment.id, &demo_answers)
        .expect("answers");
    let outcome = api::read_assessment(&vault, &assessment.id)
        .map(|a| a.outcome)
        .expect("outcome");
    assert!(!outcome.findings.is_empty());
    for finding in &outcome.findings {
        for title in [&finding.title.en, &finding.title.zh] {
            let hits = search(&vault, title, 500);
            assert!(
                hits.iter().any(|h| h.kind == SearchHitKind::Finding
                    && h.finding_id.as_deref() == Some(finding.id.as_str())
                    && h.id == assessment.id),
                "{title}: {hits:#?}"
            );
        }
    }

    // Answers withdrawn: their findings leave the index.
    let blank: Answers = demo_answers
        .keys()
        .map(|k| (k.clone(), Answer::Text(String::new())))
        .collect();
    crate::support::save_answers(&mut vault, ACTOR, &assessment.id, &blank).expect("blank");
    let left = api::read_assessment(&vault, &assessment.id)
        .map(|a| a.outcome)
        .expect("outcome")
        .findings
        .len();
    let indexed = search(&vault, &outcome.findings[0].title.en, 500)
        .into_iter()
        .filter(|h| h.kind == SearchHitKind::Finding)
        .count();
    assert!(indexed <= left, "{indexed} findings found, {left} scored");

    // Contacts, an action by owner and note, an evidence file by name.
    let hits = search(&vault, "王芳", 10);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(
        (hits[0].kind, hits[0].id.as_str()),
        (SearchHitKind::Contact, client.id.as_str())
    );
    let hits = search(&vault, "callwise.example", 10);
    assert_eq!(of_kind(&hits, SearchHitKind::Contact).len(), 1, "{hits:#?}");
    assert_eq!(of_kind(&hits, SearchHitKind::Contact)[0].id, vendor.id);
    let action = crate::support::add_action(
        &mut vault,
        ACTOR,
        &api::NewActionRequest {
            assessment_id: Some(assessment.id.clone()),
            client_id: Some(client.id.clone()),
            finding_id: "lawful-basis".into(),
            owner: "Zhou Min 周敏".into(),
            note: "Ask the broker for the opt-in records".into(),
            ..action_request("Stop calling the bought list")
        },
    )
    .expect("action");
    for query in ["周敏", "broker opt-in", "bought list"] {
        let hits = search(&vault, query, 10);
        let actions = of_kind(&hits, SearchHitKind::Action);
        assert_eq!(actions.len(), 1, "{query}: {hits:#?}");
        assert_eq!(actions[0].id, action.id);
        assert_eq!(
            actions[0].assessment_id.as_deref(),
            Some(assessment.id.as_str())
        );
        assert_eq!(actions[0].finding_id.as_deref(), Some("lawful-basis"));
    }
    let question = template
        .questions()
        .find(|(_, q)| q.kind == dpodesk_core::template::QuestionType::Evidence)
        .expect("an evidence question")
        .1
        .id
        .clone();
    api::add_evidence(
        &mut vault,
        ACTOR,
        &assessment.id,
        &question,
        "broker-contract-2025.pdf",
        b"%PDF-1.4",
    )
    .expect("evidence");
    let hits = search(&vault, "broker-contract", 10);
    let evidence = of_kind(&hits, SearchHitKind::Evidence);
    assert_eq!(evidence.len(), 1, "{hits:#?}");
    assert_eq!(
        evidence[0].assessment_id.as_deref(),
        Some(assessment.id.as_str())
    );
    assert_eq!(evidence[0].question_id.as_deref(), Some(question.as_str()));
    assert_eq!(evidence[0].title, "Bought list");
}
