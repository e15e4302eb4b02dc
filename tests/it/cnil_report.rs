//! What the PIA report shows of a PIA imported from the CNIL tool: every answer, measure,
//! risk, evaluation, comment, person and status of the file, with the CNIL meanings kept
//! (validated in the CNIL tool, not signed off here; improvable is planned; the author's gauges
//! count the planned measures; no invented re-estimate), in English and in Chinese.

use dpodesk_core::api;
use dpodesk_core::report::{self, ReportLang};

use crate::cnil::pia_template;
use crate::support::*;

const FRENCH: &str = include_str!("../fixtures/cnil/fr-validated.json");
const ENGLISH: &str = include_str!("../fixtures/cnil/en-refused.json");

/// The report model of an imported CNIL file, as text (every string of every block).
fn report_text(file: &str, lang: ReportLang) -> String {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let imported = api::import_cnil(&mut vault, ACTOR, &pia_template(), file.as_bytes(), None)
        .expect("import");
    let src = report::source(&vault, &imported.assessment.id, "2025-07-01", ACTOR).expect("source");
    format!("{:?}", report::build(&src, lang))
}

fn assert_all(text: &str, needles: &[&str]) {
    let missing: Vec<&&str> = needles.iter().filter(|n| !text.contains(**n)).collect();
    assert!(missing.is_empty(), "missing from the report: {missing:#?}");
}

fn assert_none(text: &str, needles: &[&str]) {
    let found: Vec<&&str> = needles.iter().filter(|n| text.contains(**n)).collect();
    assert!(found.is_empty(), "must not be in the report: {found:#?}");
}

#[test]
fn a_validated_cnil_pia_reports_every_field_in_english() {
    let text = report_text(FRENCH, ReportLang::En);
    assert_all(
        &text,
        &[
            // Sections 1 and 2, answers with nesting and table cells kept.
            "Six caméras fixes filment",
            "- prévenir les vols de véhicules\\n\\u{a0}\\u{a0}\\u{a0}\\u{a0}- de jour",
            "Images 15 jours",
            "2.1.1 Purposes",
            "Intérêt légitime de l’employeur",
            "2.2.7 Transfers outside the EU",
            "Aucun transfert hors de l’Union.",
            // Evaluations of every kind, with comments and the discussion.
            "Base légale adaptée.",
            "Contrat vérifié.",
            "Description claire.",
            "Le CSE souhaitait 7 jours.",
            "Qui relit les journaux pendant les congés ?",
            // Measures with their descriptions, one row each.
            "Badge nominatif pour entrer dans le local",
            "Copie chiffrée quotidienne",
            // Risks: impacts, threats, sources, controls, justifications, re-estimates.
            "Surveillance des salariés",
            "Consultation des images par un tiers non autorisé",
            "Prestataire malveillant",
            "Les images révèlent les horaires des salariés.",
            "Severity (author's estimate, with the planned measures)",
            "severity 2 (limited), likelihood 1 (negligible)",
            "not re-estimated by the evaluator",
            "Author's estimate (with planned measures)",
            // The action plan: planned, with person and date.
            "Paramétrer l’écrasement automatique et le vérifier.",
            "planned (CNIL: improvable)",
            "2025-03-31",
            "Communication",
            // People and opinions.
            "Hugo Lefèvre",
            "Julien Roux",
            "the processing may go ahead",
            "Représentants du CSE",
            "favourable to the processing",
            "Le CSE demande que les caméras ne filment pas la zone de pause.",
            // The validation, as the CNIL tool's, with no date.
            "validated in the CNIL tool by Sophie Bernard (imported)",
            "the CNIL format holds no date for a validation or refusal",
            "decided in the CNIL tool (imported)",
        ],
    );
    assert_none(
        &text,
        &[
            "Fix now",
            "refers to nothing",
            "Unknown item",
            "undetermined (screening questions open)",
            "not required",
            "inherent",
        ],
    );
}

#[test]
fn a_refused_cnil_pia_reports_its_refusal_in_chinese() {
    let text = report_text(ENGLISH, ReportLang::Zh);
    assert_all(
        &text,
        &[
            "已由 Mia Chen 在 CNIL 工具中驳回（导入）",
            "Location is collected all the time; collect it only at check-in.",
            "Location now read only when the user taps 'check in'.",
            "CNIL 格式不记录验证或驳回的日期",
            "Continuous location is excessive.",
            "需修改",
            "已计划（CNIL：可改进）",
            "Shorten to 12 months.",
            "Pseudonymise location history.",
            "评估人未重新评定",
            "严重程度（作者评定，已计入计划措施）",
            "The app has not launched yet; a user panel is planned.",
            "不应开展处理",
            "- Check-in at a shop\\n\\u{a0}\\u{a0}\\u{a0}\\u{a0}- location read once",
            "CNIL 文件中未作答",
        ],
    );
    assert_none(&text, &["立即整改", "已由 Mia Chen 在 CNIL 工具中验证"]);
}

#[test]
fn what_is_added_in_dpo_desk_after_the_import_is_reported_too() {
    use dpodesk_core::assessment::{Answer, Cell, Row};
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let id = api::import_cnil(&mut vault, ACTOR, &pia_template(), FRENCH.as_bytes(), None)
        .expect("import")
        .assessment
        .id;
    let before = format!(
        "{:?}",
        report::build(
            &report::source(&vault, &id, "2025-07-01", ACTOR).expect("source"),
            ReportLang::En
        )
    );
    assert_none(&before, &["DPO Desk risk register"]);
    let mut answers = api::read_assessment(&vault, &id)
        .map(|a| a.answers)
        .expect("answers");
    let Some(Answer::Rows(rows)) = answers.get_mut("pia10_risks") else {
        panic!("register");
    };
    let mut added = Row::new();
    added.insert(
        "title".to_owned(),
        Cell::Text("Caméra piratée à distance".to_owned()),
    );
    added.insert("category".to_owned(), Cell::Text("other".to_owned()));
    added.insert("impact".to_owned(), Cell::Number(3.0));
    added.insert("likelihood".to_owned(), Cell::Number(2.0));
    rows.push(added);
    crate::support::save_answers(&mut vault, ACTOR, &id, &answers).expect("save");
    let src = report::source(&vault, &id, "2025-07-01", ACTOR).expect("source");
    let after = format!("{:?}", report::build(&src, ReportLang::En));
    assert_all(
        &after,
        &[
            "DPO Desk risk register (with the risks added since the import)",
            "Caméra piratée à distance",
            // The CNIL risks are still shown with their CNIL meaning.
            "not re-estimated by the evaluator",
        ],
    );
}

#[test]
fn a_cnil_pia_is_required_as_decided_in_the_cnil_tool_not_undetermined() {
    use dpodesk_core::assessment::PiaVerdict;
    for file in [FRENCH, ENGLISH] {
        let (_dir, path) = vault_path();
        let mut vault = create_vault(&path);
        let imported = api::import_cnil(&mut vault, ACTOR, &pia_template(), file.as_bytes(), None)
            .expect("import");
        let outcome = api::read_assessment(&vault, &imported.assessment.id)
            .map(|a| a.outcome)
            .expect("outcome");
        let screen = outcome.pia.expect("a PIA has a screening verdict");
        assert_eq!(screen.need, PiaVerdict::Required);
        assert_eq!(screen.reasons, ["pia01-decided-in-cnil-tool"]);
        // The EU screening it was never asked is hidden, not a point to verify.
        let open: Vec<&str> = outcome
            .standing
            .points
            .iter()
            .map(|p| p.question_id.as_str())
            .collect();
        assert!(
            !open.contains(&"pia01_wp248") && !open.contains(&"pia01_gdpr35"),
            "{open:?}"
        );
    }
}
