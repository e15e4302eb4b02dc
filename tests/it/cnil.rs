//! The CNIL PIA interchange end to end for a PIA started in DPO Desk: exported to the CNIL tool's
//! JSON and read back, it gives the same answers and risks (what the CNIL model cannot hold is in
//! the loss report, with the reason); and the CLI doors `import cnil` / `export cnil`. A CNIL
//! example with every field accounted for is in `cnil_import.rs`, dirty and malformed inputs in
//! `cnil_dirty.rs`, CNIL files' round trip in `cnil_roundtrip.rs`, the report in `cnil_report.rs`.

use std::path::Path;

use dpodesk_core::Vault;
use dpodesk_core::api;
use dpodesk_core::assessment::{Answer, Answers, Cell, Row, parse_answers};
use dpodesk_core::cnil::LossReason;
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Template};
use serde_json::{Value, json};

use crate::cli::{dpodesk, stderr, stdout};
use crate::cnil_import::cnil_example;
use crate::support::*;

pub(crate) fn pia_template() -> Template {
    let law = LawRegister::bundled().expect("law");
    template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == "pia")
        .expect("pia template")
}

/// A PIA in a fresh vault, answered from an answers file.
fn answered_pia(vault: &mut Vault, template: &Template, answers_toml: &str) -> String {
    let record = crate::support::create_assessment(
        vault,
        ACTOR,
        template,
        assessment_request("Loyalty club via WeCom"),
    )
    .expect("create");
    let answers = parse_answers("answers.toml", answers_toml, template).expect("answers");
    crate::support::save_answers(vault, ACTOR, &record.id, &answers).expect("save");
    record.id
}

const LOYALTY: &str = r#"
pia01_regime = "both"
pia01_scale = 250000
pia03_assessors = "Compliance, IT security, marketing"
pia03_dpo_exists = "yes"
pia03_dpo_advice = "yes"
pia03_dpo_opinion = "favourable"
pia03_dpo_opinion_text = "Go ahead once export caps are live.\n\nReview in six months."
pia04_context = "Loyalty members are added to WeCom groups & receive offers <monthly>.\n\nSecond paragraph: données, 数据。"
pia04_lifecycle = "Collected at the till\nStored in the SCRM (encrypted)\nDeleted after 24 months"
pia14_views_sought = "yes"
pia14_summary = "Members asked for fewer messages."
pia15_signatory = "Head of legal"
pia01_pipl55 = ["sensitive"]

[[pia10_risks]]
title = "CRM account taken over and member data accessed"
category = "illegitimate_access"
impact = 3
likelihood = 2
measures = "MFA, least privilege; access alerts"
residual_impact = 2
residual_likelihood = 1
owner = "IT security"

[[pia10_risks]]
title = "Unwanted modification of data"
category = "unwanted_modification"
impact = 2
likelihood = 1

[[pia10_risks]]
title = "Suppression list lost"
category = "disappearance"
impact_rights = 2
impact_property = 3
likelihood = 2
measures = "Backups and restore tests"
residual_likelihood = 1

[[pia10_risks]]
title = "Broadcasts cause complaints"
category = "harassment_complaints"
impact = 2
likelihood = 3

[[pia12_plan]]
risk = "Broadcasts cause complaints"
decision = "fix_now"
"#;

pub(crate) fn rows(answers: &Answers, question: &str) -> Vec<Row> {
    answers
        .get(question)
        .and_then(Answer::as_rows)
        .map(<[Row]>::to_vec)
        .unwrap_or_default()
}

pub(crate) fn number(n: f64) -> Cell {
    Cell::Number(n)
}

#[test]
fn a_dpo_desk_pia_survives_the_cnil_round_trip() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let template = pia_template();
    let original_id = answered_pia(&mut vault, &template, LOYALTY);
    let original = api::read_assessment(&vault, &original_id)
        .map(|a| a.answers)
        .expect("answers");

    let export = api::export_cnil(&mut vault, ACTOR, &original_id).expect("export");
    let file: Value = serde_json::from_str(&export.json).expect("JSON");
    assert_eq!(file["pia"]["name"], "Loyalty club via WeCom");
    assert_eq!(file["pia"]["dpo_status"], 1);
    assert_eq!(file["pia"]["status"], 0);
    let answer = |id: u64| {
        file["answers"]
            .as_array()
            .and_then(|a| a.iter().find(|r| r["reference_to"] == id))
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        answer(111)["data"]["text"],
        "<p>Loyalty members are added to WeCom groups &amp; receive offers &lt;monthly&gt;.</p>\
         <p>Second paragraph: données, 数据。</p>"
    );
    assert_eq!(answer(325)["data"]["gauge"], 3);
    assert_eq!(answer(345)["data"]["gauge"], 3, "highest GB/T dimension");
    assert_eq!(
        answer(324)["data"]["list"],
        json!(["MFA, least privilege; access alerts"])
    );
    let evaluation_32 = file["evaluations"]
        .as_array()
        .and_then(|e| e.iter().find(|r| r["reference_to"] == "3.2"))
        .expect("evaluation 3.2");
    assert_eq!(evaluation_32["gauges"], json!({"x": 2, "y": 1}));
    assert_eq!(evaluation_32["person_in_charge"], "IT security");

    let imported = api::import_cnil(&mut vault, ACTOR, &template, export.json.as_bytes(), None)
        .expect("import");
    assert_eq!(imported.assessment.title, "Loyalty club via WeCom");
    // A clean round trip adds only three notes: the CNIL file's dates, the GB/T dimensions
    // the export wrote into the severity's justification, and the signatory read back as the
    // CNIL validator (nobody signed off in DPO Desk).
    let noted: Vec<&str> = imported.notes.keys().map(String::as_str).collect();
    assert_eq!(noted, ["pia04_context", "pia10_risks", "pia15_signatory"]);
    assert!(imported.notes["pia15_signatory"].contains("Validator in the CNIL tool"));
    assert!(imported.notes["pia04_context"].contains("Dates of the CNIL PIA"));
    assert!(
        imported.notes["pia10_risks"]
            .contains("limits on self-determination 2, harm to person or property 3")
    );
    let back = api::read_assessment(&vault, &imported.assessment.id)
        .map(|a| a.answers)
        .expect("answers");

    // Every answer comes back unchanged, or the loss report says why not.
    for (question, answer) in &original {
        if back.get(question) != Some(answer) {
            assert!(
                export.loss.mentions(question),
                "{question} changed without a loss line: {answer:?} → {:?}",
                back.get(question)
            );
        }
    }
    for question in [
        "pia03_assessors",
        "pia03_dpo_exists",
        "pia03_dpo_advice",
        "pia03_dpo_opinion",
        "pia03_dpo_opinion_text",
        "pia04_context",
        "pia04_lifecycle",
        "pia14_views_sought",
        "pia14_summary",
    ] {
        assert_eq!(back.get(question), original.get(question), "{question}");
    }
    // The three CNIL risks come back; the GB/T dimensions fold into the severity.
    let before = rows(&original, "pia10_risks");
    let after = rows(&back, "pia10_risks");
    assert_eq!(after.len(), 3);
    assert_eq!(after[0], before[0]);
    assert_eq!(after[1], before[1]);
    let mut folded = before[2].clone();
    folded.remove("impact_rights");
    folded.remove("impact_property");
    folded.insert("impact".to_owned(), number(3.0));
    assert_eq!(after[2], folded);
    // The same positions on the matrix, so the same risk findings.
    let risks_before = api::read_assessment(&vault, &original_id)
        .map(|a| a.outcome)
        .expect("outcome")
        .risks;
    let risks_after = api::read_assessment(&vault, &imported.assessment.id)
        .map(|a| a.outcome)
        .expect("outcome")
        .risks;
    assert_eq!(risks_after.len(), 3);
    for (b, a) in risks_before.iter().zip(&risks_after) {
        assert_eq!(
            (&b.title, &b.inherent, &b.residual),
            (&a.title, &a.inherent, &a.residual)
        );
    }
    // What stayed behind is named.
    let reasons: Vec<(&str, &LossReason)> = export
        .loss
        .items
        .iter()
        .map(|l| (l.subject.as_str(), &l.reason))
        .collect();
    assert!(reasons.contains(&(
        "pia10_risks row 4",
        &LossReason::ExtraRisk {
            title: "Broadcasts cause complaints".to_owned()
        }
    )));
    assert!(reasons.contains(&(
        "pia10_risks row 3",
        &LossReason::GbtDimensions { highest: 3 }
    )));
    assert!(reasons.contains(&("pia01_regime", &LossReason::NoCnilField)));
    // A question asked under PRC law only is lost for that reason.
    assert!(reasons.contains(&("pia01_pipl55", &LossReason::PrcOnly)));
    assert!(reasons.contains(&("pia01_scale", &LossReason::NoCnilField)));
    assert!(reasons.contains(&("pia12_plan", &LossReason::NoCnilField)));
    assert!(
        !export.loss.mentions("pia04_context") && !export.loss.mentions("pia14_summary"),
        "held answers are not reported lost: {:?}",
        export.loss.items
    );
    let lines = export.loss.lines(dpodesk_core::Lang::Zh).join("\n");
    assert!(lines.contains("CNIL 模型只有三项固定风险"), "{lines}");
    // Both steps are in the audit log, and the chain holds.
    let head = api::verify_audit(&vault).expect("audit");
    assert!(head.count >= 4);
}

#[test]
fn a_scenario_pia_round_trips_within_its_loss_report() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/scenarios/pia/04-fertility-clinic-residual-severe.toml"),
    )
    .expect("fixture");
    let table: toml::Table = toml::from_str(&text).expect("TOML");
    let answers = toml::to_string(&table["answers"]).expect("answers");
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let template = pia_template();
    let id = answered_pia(&mut vault, &template, &answers);
    let original = api::read_assessment(&vault, &id)
        .map(|a| a.answers)
        .expect("answers");
    let export = api::export_cnil(&mut vault, ACTOR, &id).expect("export");
    let imported = api::import_cnil(&mut vault, ACTOR, &template, export.json.as_bytes(), None)
        .expect("import");
    let back = api::read_assessment(&vault, &imported.assessment.id)
        .map(|a| a.answers)
        .expect("answers");
    let mut unchanged = 0;
    for (question, answer) in &original {
        if back.get(question) == Some(answer) {
            unchanged += 1;
        } else {
            assert!(export.loss.mentions(question), "{question} lost silently");
        }
    }
    assert!(unchanged >= 8, "only {unchanged} answers came back");
    // The leak risk keeps its severe residual position (impact 4 × likelihood 3).
    let risks = api::read_assessment(&vault, &imported.assessment.id)
        .map(|a| a.outcome)
        .expect("outcome")
        .risks;
    assert_eq!(risks.len(), 1);
    let original_risks = api::read_assessment(&vault, &id)
        .map(|a| a.outcome)
        .expect("outcome")
        .risks;
    assert_eq!(risks[0].residual, original_risks[0].residual);
    assert_eq!(risks[0].inherent, original_risks[0].inherent);
    assert!(
        export.loss.mentions("pia10_risks row 2"),
        "the 'other' risk is reported"
    );
}

/// A CNIL PIA as the tool exports it, with every documented field in use.
#[test]
fn the_cli_imports_and_exports_cnil_files() {
    let (dir, vault) = vault_path();
    let ok = |args: &[&str]| {
        let output = dpodesk(&vault, Some(PASSPHRASE), args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        output
    };
    ok(&["vault", "init"]);
    ok(&["client", "add", "--name", "Acme Retail"]);
    let file = dir.path().join("pia-newsletter.json");
    std::fs::write(&file, cnil_example().to_string()).expect("write example");
    let output = ok(&[
        "import",
        "cnil",
        file.to_str().expect("path"),
        "--client",
        "Acme Retail",
    ]);
    let id = stdout(&output).trim().to_owned();
    assert_eq!(id.len(), 36, "prints the new id: {id}");
    let report = stderr(&output);
    assert!(report.contains("CNIL import:"), "{report}");
    assert!(
        report.contains("answers[0].data.text → pia04_context"),
        "{report}"
    );
    assert!(report.contains("note on pia05_proportionate"), "{report}");

    let list: Value =
        serde_json::from_str(stdout(&ok(&["assess", "list", "--json"])).trim()).expect("JSON");
    assert_eq!(list["format"], 2);
    assert_eq!(list["items"][0]["id"], id.as_str());
    assert_eq!(list["items"][0]["kind"], "pia");
    assert_eq!(list["items"][0]["title"], "Newsletter");

    let out = dir.path().join("back.json");
    let output = ok(&["export", "cnil", &id, "--out", out.to_str().expect("path")]);
    let loss = stderr(&output);
    assert!(loss.contains("CNIL export:"), "{loss}");
    let exported: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("JSON");
    assert_eq!(exported["pia"]["name"], "Newsletter");
    assert_eq!(exported["pia"]["author_name"], "Ada Author");
    assert!(
        exported["comments"]
            .as_array()
            .is_some_and(|c| !c.is_empty()),
        "the file's comments go back as they were"
    );

    // An existing file is not replaced without --force.
    let again = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["export", "cnil", &id, "--out", out.to_str().expect("path")],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    ok(&[
        "export",
        "cnil",
        &id,
        "--out",
        out.to_str().expect("path"),
        "--force",
    ]);

    // A malformed file: exit 1, the field named, nothing imported.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"pia": {"name": "x"}, "answers": [{"reference_to": 325, "data": {"gauge": 9}}]}"#,
    )
    .expect("write");
    let refused = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["import", "cnil", bad.to_str().expect("path")],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("answers[0].data.gauge"),
        "{}",
        stderr(&refused)
    );
    assert!(stdout(&refused).is_empty());
    let list: Value =
        serde_json::from_str(stdout(&ok(&["assess", "list", "--json"])).trim()).expect("JSON");
    assert_eq!(
        list["items"].as_array().map(Vec::len),
        Some(1),
        "still one assessment"
    );
}
