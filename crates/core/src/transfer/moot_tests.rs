//! Questions a settled route makes moot: once a CIIO (the security assessment whatever the count)
//! or an exemption (Art. 5(1) contract necessity) holds, the head counts and the mechanism it makes
//! irrelevant are not open, cannot raise "could reach" and do not hold up the route.

use super::*;
use crate::assessment::{Answer, Outcome, score};

fn transfer_template() -> (Template, LawRegister) {
    let law = LawRegister::bundled().expect("law");
    let template = crate::template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.kind == Kind::Transfer)
        .expect("transfer template");
    (template, law)
}

fn answers(pairs: &[(&str, &str)], purposes: &[&str]) -> Answers {
    let mut a = Answers::new();
    for (q, v) in pairs {
        a.insert((*q).into(), Answer::Text((*v).into()));
    }
    a.insert(
        "tr03_purposes".into(),
        Answer::List(purposes.iter().map(|p| (*p).to_owned()).collect()),
    );
    a
}

const COUNTS: [&str; 2] = ["tr02_count_nonsensitive", "tr02_count_sensitive"];

fn open(outcome: &Outcome, id: &str) -> bool {
    outcome.unanswered_required.iter().any(|q| q == id)
}

/// Answering the moot questions changes nothing the outcome says about what is open or reachable.
fn same_standing(template: &Template, without: &Answers, extra: &[(&str, Answer)]) {
    let mut with = without.clone();
    for (q, a) in extra {
        with.insert((*q).into(), a.clone());
    }
    let a = score(template, without, &[]);
    let b = score(template, &with, &[]);
    assert_eq!(a.standing.could_reach, b.standing.could_reach);
    assert_eq!(a.ratings, b.ratings);
}

#[test]
fn a_ciio_needs_the_assessment_whatever_the_count_so_the_counts_are_not_open() {
    let (template, law) = transfer_template();
    let a = answers(
        &[
            ("tr01_regime", "prc"),
            ("tr02_personal_info", "yes"),
            ("tr02_important_data", "no"),
            ("tr02_ciio", "yes"),
            ("tr02_origin", "in_prc"),
            ("tr03_ftz", "no"),
        ],
        &["marketing"],
    );
    let outcome = score(&template, &a, &[]);
    for q in COUNTS {
        assert!(
            !open(&outcome, q),
            "{q} open: {:?}",
            outcome.unanswered_required
        );
    }
    assert!(
        open(&outcome, "tr04_mechanism"),
        "the mechanism still decides"
    );
    let route = routes_of(&a, &law).prc.expect("prc side").route;
    assert!(
        matches!(route, PrcRoute::SecurityAssessment { .. }),
        "{route:?}"
    );
    same_standing(
        &template,
        &a,
        &[
            ("tr02_count_nonsensitive", Answer::Number(50.0)),
            ("tr02_count_sensitive", Answer::Number(0.0)),
        ],
    );
}

#[test]
fn contract_necessity_makes_the_counts_and_the_mechanism_moot() {
    let (template, law) = transfer_template();
    let a = answers(
        &[
            ("tr01_regime", "prc"),
            ("tr02_personal_info", "yes"),
            ("tr02_important_data", "no"),
            ("tr02_ciio", "no"),
            ("tr02_origin", "in_prc"),
            ("tr03_truly_necessary", "yes"),
            ("tr03_ftz", "no"),
        ],
        &["contract"],
    );
    let outcome = score(&template, &a, &[]);
    for q in COUNTS.iter().chain(&["tr04_mechanism"]) {
        assert!(
            !open(&outcome, q),
            "{q} open: {:?}",
            outcome.unanswered_required
        );
    }
    let route = routes_of(&a, &law).prc.expect("prc side").route;
    assert!(
        matches!(&route, PrcRoute::Exempt { grounds, .. } if grounds == &[PrcGround::Contract]),
        "{route:?}"
    );
    same_standing(
        &template,
        &a,
        &[
            ("tr02_count_nonsensitive", Answer::Number(2_000_000.0)),
            ("tr04_mechanism", Answer::Text("none".into())),
        ],
    );
}

#[test]
fn below_the_threshold_the_mechanism_is_moot_but_marketing_keeps_the_counts() {
    let (template, _) = transfer_template();
    let mut a = answers(
        &[
            ("tr01_regime", "prc"),
            ("tr02_personal_info", "yes"),
            ("tr02_important_data", "no"),
            ("tr02_ciio", "no"),
            ("tr02_origin", "in_prc"),
            ("tr03_ftz", "no"),
        ],
        &["marketing"],
    );
    let outcome = score(&template, &a, &[]);
    for q in COUNTS {
        assert!(
            open(&outcome, q),
            "{q} decides a marketing transfer's route"
        );
    }
    a.insert("tr02_count_nonsensitive".into(), Answer::Number(99_999.0));
    a.insert("tr02_count_sensitive".into(), Answer::Number(0.0));
    let outcome = score(&template, &a, &[]);
    assert!(
        !open(&outcome, "tr04_mechanism"),
        "exempt below the threshold"
    );
}

#[test]
fn a_missing_required_mechanism_says_the_transfer_should_not_start_in_both_languages() {
    let (_, law) = transfer_template();
    let mut a = answers(
        &[
            ("tr01_regime", "prc"),
            ("tr02_personal_info", "yes"),
            ("tr02_important_data", "no"),
            ("tr02_ciio", "yes"),
            ("tr02_origin", "in_prc"),
            ("tr03_ftz", "no"),
            ("tr04_mechanism", "contract_filed"),
        ],
        &["marketing"],
    );
    let side = routes_of(&a, &law).prc.expect("prc side");
    assert!(side.should_not_proceed, "a CIIO with only a contract");
    let text = prc_side_text(&side);
    assert!(
        text.en
            .contains("should not start, or continue, until the CAC security assessment is passed"),
        "{}",
        text.en
    );
    assert!(text.zh.contains("不应开始该出境"), "{}", text.zh);
    a.insert(
        "tr04_mechanism".into(),
        Answer::Text("security_assessment".into()),
    );
    let side = routes_of(&a, &law).prc.expect("prc side");
    assert!(!side.should_not_proceed);
    assert!(prc_stop_text(&side).is_none());
    a.remove("tr04_mechanism");
    assert!(
        !routes_of(&a, &law)
            .prc
            .expect("prc side")
            .should_not_proceed,
        "open is not missing"
    );
}

/// Whether a question is shown (asked) at all for these answers.
fn shown(template: &Template, a: &Answers, id: &str) -> bool {
    crate::assessment::shown_question_ids(template, a, &[])
        .iter()
        .any(|q| q == id)
}

#[test]
fn signed_sccs_make_the_derogation_questions_moot() {
    let (template, law) = transfer_template();
    let a = answers(
        &[
            ("tr01_regime", "eu"),
            ("tr07_recipient_outside", "yes"),
            ("tr07_collection", "via_eu"),
            ("tr07_recipient_gdpr", "no"),
            ("tr08_adequacy", "no"),
            ("tr08_exporter_role", "processor"),
            ("tr08_importer_role", "processor"),
            ("tr08_scc_signed", "m3"),
        ],
        &[],
    );
    for q in [
        "tr10_systematic",
        "tr10_explicit_consent",
        "tr10_contract_needed",
    ] {
        assert!(!shown(&template, &a, q), "{q} still asked");
    }
    assert!(shown(&template, &a, "tr09_tia"), "the TIA serves the SCCs");
    let route = routes_of(&a, &law).eu.expect("eu side").route;
    assert!(matches!(route, EuRoute::Scc { .. }), "{route:?}");
}

#[test]
fn a_derogation_that_holds_makes_the_tia_and_the_importers_art_3_2_status_moot() {
    let (template, law) = transfer_template();
    let a = answers(
        &[
            ("tr01_regime", "eu"),
            ("tr07_recipient_outside", "yes"),
            ("tr07_collection", "via_eu"),
            ("tr08_adequacy", "no"),
            ("tr08_scc_signed", "none"),
            ("tr10_systematic", "no"),
            ("tr10_contract_needed", "yes"),
        ],
        &[],
    );
    for q in [
        "tr07_recipient_gdpr",
        "tr09_tia",
        "tr09_supplementary",
        "tr11_laws_impinge",
        "tr10_explicit_consent",
    ] {
        assert!(!shown(&template, &a, q), "{q} still asked");
    }
    let outcome = score(&template, &a, &[]);
    assert!(
        outcome
            .standing
            .points
            .iter()
            .all(|p| !p.question_id.starts_with("tr09")
                && p.question_id != "tr07_recipient_gdpr"
                && p.question_id != "tr11_laws_impinge"),
        "{:?}",
        outcome.standing.points
    );
    let route = routes_of(&a, &law).eu.expect("eu side").route;
    assert_eq!(
        route,
        EuRoute::Derogation {
            which: vec![Derogation::Contract]
        }
    );
}

#[test]
fn adequacy_makes_the_destination_law_moot_for_the_eu_side_only() {
    let (template, _) = transfer_template();
    let mut pairs = vec![
        ("tr01_regime", "eu"),
        ("tr07_recipient_outside", "yes"),
        ("tr07_collection", "via_eu"),
        ("tr08_adequacy", "yes"),
    ];
    let eu_only = answers(&pairs, &[]);
    for q in [
        "tr11_laws_impinge",
        "tr11_authority_laws",
        "tr07_recipient_gdpr",
    ] {
        assert!(!shown(&template, &eu_only, q), "{q} still asked");
    }
    // The PRC side's impact assessment still needs the destination's law.
    pairs[0] = ("tr01_regime", "both");
    let both = answers(&pairs, &[]);
    assert!(shown(&template, &both, "tr11_laws_impinge"));
}

#[test]
fn each_duty_citation_appears_only_where_its_provision_applies() {
    let (_, law) = transfer_template();
    let mut contract = answers(
        &[
            ("tr01_regime", "prc"),
            ("tr02_personal_info", "yes"),
            ("tr02_important_data", "no"),
            ("tr02_ciio", "no"),
            ("tr02_origin", "in_prc"),
            ("tr03_ftz", "no"),
        ],
        &["marketing"],
    );
    contract.insert("tr02_count_nonsensitive".into(), Answer::Number(250_000.0));
    contract.insert("tr02_count_sensitive".into(), Answer::Number(0.0));
    let keys = routes_of(&contract, &law).used_keys();
    assert!(keys.contains(&"CAC-O13-5"), "{keys:?}");
    assert!(!keys.contains(&"CAC-O16-10"), "{keys:?}");
    let emergency = answers(
        &[
            ("tr01_regime", "prc"),
            ("tr02_personal_info", "yes"),
            ("tr02_important_data", "no"),
            ("tr02_ciio", "no"),
            ("tr02_origin", "in_prc"),
            ("tr03_truly_necessary", "yes"),
            ("tr03_ftz", "no"),
        ],
        &["emergency"],
    );
    let keys = routes_of(&emergency, &law).used_keys();
    assert!(!keys.contains(&"CAC-O13-5"), "{keys:?}");
    assert!(keys.contains(&"PIPL-18-2"), "{keys:?}");
}
