//! The memo shortened by the app's finding groups: for a bought list (~20 findings on one channel)
//! the body sets out the findings to fix first in full and the others in one line each, grouped
//! and headed with their severity counts, and the annex sets out every finding in full — none
//! dropped, none added — read back from the PDF.

use dpodesk_core::api;
use dpodesk_core::assessment::{fix_first, group_findings, parse_answers};
use dpodesk_core::law::LawRegister;
use dpodesk_core::report::{ReportFormat, ReportLang, generate_memo, wording as wd};
use dpodesk_core::template::{self, Template};

use crate::reports::{check_file, text_of};
use crate::support::*;

fn data_source() -> Template {
    let law = LawRegister::bundled().expect("law");
    template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == "data-source")
        .expect("template")
}

/// Blanks collapsed, so that a title wrapped over two lines of a table cell still matches.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_bought_list_memo_groups_its_findings_and_sets_every_one_out_in_the_annex() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "Harbour Retail".into(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client");
    let t = data_source();
    let record = crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &t,
        api::NewAssessmentRequest {
            client_id: Some(client.id.clone()),
            ..assessment_request("Bought list")
        },
    )
    .expect("assessment");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/scenarios/data-source/11-purchased-prc-list-criminal-threshold.toml");
    let table: toml::Table =
        toml::from_str(&std::fs::read_to_string(fixture).expect("fixture")).expect("toml");
    let answers = toml::to_string(table.get("answers").expect("answers")).expect("answers");
    let answers = parse_answers("11.toml", &answers, &t).expect("parse");
    crate::support::save_answers(&mut vault, ACTOR, &record.id, &answers).expect("save");
    let outcome = api::read_assessment(&vault, &record.id)
        .map(|a| a.outcome)
        .expect("outcome");
    let findings = &outcome.findings;
    assert!(findings.len() >= 15, "{}", findings.len());
    let first: Vec<&str> = fix_first(findings).iter().map(|f| f.id.as_str()).collect();
    assert!(!first.is_empty() && first.len() < findings.len());

    let report = generate_memo(
        &mut vault,
        ACTOR,
        "Harbour Retail",
        ReportLang::En,
        ReportFormat::Pdf,
        "2026-12-01",
    )
    .expect("memo");
    let dir = tempfile::tempdir().expect("dir");
    let pdf = dir.path().join("memo-en.pdf");
    std::fs::write(&pdf, &report.bytes).expect("write");
    check_file(&pdf);
    let text = flat(&text_of(&pdf, None));
    // The annex starts at its heading's second occurrence (the first is in the contents).
    let annex_heading = wd::ANNEX_FINDINGS.en;
    let at = text.rfind(annex_heading).expect("an annex");
    assert!(text[..at].contains(annex_heading), "listed in the contents");
    let (body, annex) = text.split_at(at);

    for (i, f) in findings.iter().enumerate() {
        let title = flat(&f.title.en);
        let explanation = flat(&f.explanation.en);
        // In the annex, in full and numbered; once.
        let numbered = format!("A1.{} {title}", i + 1);
        assert_eq!(annex.matches(&numbered).count(), 1, "{numbered}");
        assert!(annex.contains(&explanation), "{}: explanation", f.id);
        // In the body: the ones to fix first in full, the others by title and annex number.
        assert!(body.contains(&title), "{} not in the body", f.id);
        if first.contains(&f.id.as_str()) {
            assert!(body.contains(&explanation), "{}: fix first, in full", f.id);
        } else {
            assert!(!body.contains(&explanation), "{}: one line only", f.id);
            assert!(
                body.contains(&format!("A1.{} {title}", i + 1)),
                "{}: pointer",
                f.id
            );
        }
    }
    // Nothing added: the annex has no more numbered findings than the channel has.
    assert!(!annex.contains(&format!("A1.{} ", findings.len() + 1)));
    // Each group is headed by its words and the severity counts of its findings.
    for group in group_findings(&t, findings) {
        let members: Vec<_> = findings
            .iter()
            .filter(|f| group.findings.contains(&f.id))
            .collect();
        let worst = members.iter().map(|f| f.severity).max().expect("members");
        let n = members.iter().filter(|f| f.severity == worst).count();
        let head = format!("{} · {} {n}", flat(&group.title.en), wd::severity(worst).en);
        assert!(body.contains(&head), "{head}");
    }
}
