//! The wizard's citation chips follow the regime filter: the api returns only in-scope keys, so
//! the UI needs no rule of its own.

use super::test_support::one_assessment;
use super::*;
use crate::law::{Side, side_of_key};

fn answer(id: &str, question: &str, value: AnswerValue) -> SaveAnswerRequest {
    SaveAnswerRequest {
        assessment_id: id.to_owned(),
        question_id: question.to_owned(),
        value: Some(value),
        version: None,
    }
}

/// Every key the view offers: question chips and the citation map.
fn offered(view: &AssessmentView) -> Vec<String> {
    view.sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .flat_map(|q| q.cite.iter().cloned())
        .chain(view.citations.keys().cloned())
        .collect()
}

#[test]
fn a_prc_only_wizard_offers_no_eu_citation_and_only_named_platforms() {
    let (_dir, mut vault, law, id) = one_assessment("data-source", "PRC only");
    let before = offered(&AssessmentView::build(&vault, &law, &id).expect("view"));
    assert!(
        before.iter().any(|k| k == "GDPR-30-1"),
        "both regimes while open"
    );
    save_answer(
        &mut vault,
        &law,
        "t",
        &answer(&id, "ds02_regime", AnswerValue::Text("prc".into())),
    )
    .expect("regime");
    let view = save_answer(
        &mut vault,
        &law,
        "t",
        &answer(
            &id,
            "ds01_platforms",
            AnswerValue::List(vec!["wechat".into()]),
        ),
    )
    .expect("platforms");
    let keys = offered(&view);
    let eu: Vec<&String> = keys
        .iter()
        .filter(|k| side_of_key(k) == Some(Side::Eu))
        .collect();
    assert!(eu.is_empty(), "EU keys in a PRC-only wizard: {eu:?}");
    assert!(keys.iter().any(|k| k == "PIPL-55"));
    assert!(keys.iter().any(|k| k == "PLAT-WECHAT-TERMS"));
    for absent in ["PLAT-WA-BMP", "PLAT-AMAZON-DPP", "PLAT-TELEGRAM-TOS"] {
        assert!(
            !keys.iter().any(|k| k == absent),
            "{absent} offered but not named"
        );
    }

    // A finding carries its rule's root cause, for the app's grouping.
    let view = save_answer(
        &mut vault,
        &law,
        "t",
        &answer(&id, "ds04_basis", AnswerValue::Text("none".into())),
    )
    .expect("basis");
    let finding = view
        .outcome
        .findings
        .iter()
        .find(|f| f.id == "ds04-no-basis")
        .expect("no basis");
    assert_eq!(finding.theme.as_deref(), Some("lawful-basis"));
}

#[test]
fn an_eu_only_wizard_offers_no_prc_citation_and_no_prc_column() {
    let (_dir, mut vault, law, id) = one_assessment("pia", "EU only");
    let view = save_answer(
        &mut vault,
        &law,
        "t",
        &answer(&id, "pia01_regime", AnswerValue::Text("eu".into())),
    )
    .expect("regime");
    let keys = offered(&view);
    let prc: Vec<&String> = keys
        .iter()
        .filter(|k| side_of_key(k) == Some(Side::Prc))
        .collect();
    assert!(prc.is_empty(), "PRC keys in an EU-only wizard: {prc:?}");
    let necessity = view
        .sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .find(|q| q.id == "pia05_necessity")
        .expect("necessity table");
    let columns: Vec<&str> = necessity.columns.iter().map(|c| c.id.as_str()).collect();
    assert!(
        columns.contains(&"basis_eu") && !columns.contains(&"basis_prc"),
        "{columns:?}"
    );
}
