//! The transfer report cites only what its route used: one fact pattern per route, read back from
//! the report model (the appendix's keys and the printed text).

use crate::assessment::parse_answers;
use crate::law::LawRegister;
use crate::report::build;
use crate::report::model::{Block, Document, ReportLang};
use crate::report::scope_tests::source;
use crate::template::Kind;

/// The transfer report for one scenario of `tests/fixtures/scenarios/transfer/`.
fn report(name: &str) -> Document {
    report_edited(name, |a| a)
}

fn report_edited(name: &str, edit: impl FnOnce(String) -> String) -> Document {
    let law = LawRegister::bundled().expect("law");
    let template = crate::template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.kind == Kind::Transfer)
        .expect("transfer template");
    let path = format!(
        "{}/../../tests/fixtures/scenarios/transfer/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("scenario");
    let (_, answers) = text.split_once("[answers]\n").expect("answers table");
    let answers = edit(answers.to_owned());
    let answers = parse_answers("answers.toml", &answers, &template).expect("answers");
    build(&source(&template, answers, &law), ReportLang::En)
}

fn appendix(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Provisions(p) => Some(p.entries.iter().map(|e| e.key.clone())),
            _ => None,
        })
        .flatten()
        .collect()
}

fn check(name: &str, cited: &[&str], not_cited: &[&str]) -> Document {
    let doc = report(name);
    let keys = appendix(&doc);
    for key in cited {
        assert!(
            keys.iter().any(|k| k == key),
            "{name}: {key} missing: {keys:?}"
        );
    }
    for key in not_cited {
        assert!(
            !keys.iter().any(|k| k == key),
            "{name}: {key} cited: {keys:?}"
        );
    }
    doc
}

const CHAPTER_V: &[&str] = &["GDPR-44", "GDPR-46-1", "EDPB-R01-2020", "SCC-2021-914"];

#[test]
fn no_eu_transfer_cites_the_guidelines_and_art_27_and_builds_no_tia() {
    let doc = check(
        "14-eu-marketing-collected-directly-from-china",
        &["EDPB-05-2021", "GDPR-27-1"],
        CHAPTER_V,
    );
    let text = doc.plain_text();
    assert!(!text.contains("Step 1: Know the transfer"), "{text}");
    assert!(!text.contains("GDPR Art. 44"), "{text}");
    assert!(text.contains("no transfer under Chapter V"), "{text}");
    assert!(
        !doc.title.contains("Transfer Impact Assessment"),
        "{}",
        doc.title
    );
}

#[test]
fn eu_adequacy_cites_art_45_and_no_scc_or_derogation() {
    let doc = check(
        "18-adequacy-japan",
        &["GDPR-45-1"],
        &["SCC-2021-914", "GDPR-49-1", "EDPB-05-2021"],
    );
    assert!(doc.plain_text().contains("Step 1: Know the transfer"));
}

#[test]
fn a_prc_exempt_transfer_cites_its_ground_and_pipl_55_not_the_contract_measures() {
    let doc = check(
        "01-99999-people-exempt",
        &["CAC-O16-5-4", "PIPL-55-1-4", "PIPL-38"],
        &["CAC-O13-5", "CAC-O16-8", "CAC-O16-7", "CAC-O13-7"],
    );
    assert!(!doc.plain_text().contains("Standard Contract Measures"));
}

#[test]
fn a_prc_contract_transfer_cites_art_8_and_the_contract_measures() {
    check(
        "02-100000-people-contract",
        &["CAC-O16-8", "CAC-O13-5", "CAC-O13-7", "PIPL-55-1-4"],
        &["CAC-O16-7", "CAC-O16-5-4", "GDPR-44"],
    );
}

#[test]
fn a_prc_security_assessment_cites_art_7_and_pipl_40_not_the_contract() {
    check(
        "04-1000000-people-assessment",
        &["CAC-O16-7", "PIPL-40", "PIPL-55-1-4"],
        &["CAC-O16-8", "CAC-O13-5", "CAC-O13-7"],
    );
}

/// The text from one heading to the next of the same kind (or the end).
fn part<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from} in {text}"));
    let rest = &text[start..];
    rest.find(to).map_or(rest, |end| &rest[..end])
}

#[test]
fn each_side_names_its_own_recipient() {
    let text = report("21-both-sides-eu-orders-handled-in-china").plain_text();
    let pipia = part(&text, "(2) The overseas recipient", "(3) The transfer");
    assert!(pipia.contains("Example Europe B.V."), "{pipia}");
    assert!(!pipia.contains("Hangzhou"), "{pipia}");
    let step1 = part(&text, "Step 1: Know the transfer", "Step 2");
    assert!(
        step1.contains("Example Brand (Hangzhou) Co., Ltd."),
        "{step1}"
    );
    assert!(!step1.contains("Example Europe B.V."), "{step1}");
    // Each side's country too: the PRC recipient's is the Netherlands, the EU importer's China.
    assert!(pipia.contains("Netherlands"), "{pipia}");
    assert!(
        step1.contains("China") && !step1.contains("Netherlands"),
        "{step1}"
    );
}

#[test]
fn a_recipient_answered_before_the_split_stands_for_the_eu_importer() {
    let doc = report_edited("18-adequacy-japan", |a| {
        a.replace("tr01_eu_recipient = ", "tr01_recipient = ")
    });
    let text = doc.plain_text();
    let step1 = part(&text, "Step 1: Know the transfer", "Step 2");
    assert!(step1.contains("Example Cloud KK"), "{step1}");
}

/// An assessment whose answers predate the split (one recipient, one country) reads the same
/// everywhere: the old answers stand for the EU importer and its country in the report, and
/// neither EU question counts as open in the outcome (progress, open questions, `assess show`).
#[test]
fn answers_from_before_the_split_count_as_answered() {
    let law = LawRegister::bundled().expect("law");
    let template = crate::template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.kind == Kind::Transfer)
        .expect("transfer template");
    let path = format!(
        "{}/../../tests/fixtures/scenarios/transfer/18-adequacy-japan.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("scenario");
    let (_, answers) = text.split_once("[answers]\n").expect("answers table");
    // Before the split the one recipient and its country were asked as the PRC side's are now.
    let before_split = answers
        .replace("tr01_eu_recipient_country = ", "tr01_recipient_country = ")
        .replace("tr01_eu_recipient = ", "tr01_recipient = ");
    let old = parse_answers("old.toml", &before_split, &template).expect("answers");
    let new = parse_answers("new.toml", answers, &template).expect("answers");
    assert!(
        !old.contains_key("tr01_eu_recipient") && !old.contains_key("tr01_eu_recipient_country")
    );
    let (old_outcome, new_outcome) = (
        crate::assessment::score(&template, &old, &[]),
        crate::assessment::score(&template, &new, &[]),
    );
    assert_eq!(
        old_outcome.unanswered_required,
        new_outcome.unanswered_required
    );
    assert_eq!(old_outcome.required_shown, new_outcome.required_shown);
    assert_eq!(old_outcome.standing, new_outcome.standing);
    let old_doc = build(&source(&template, old, &law), ReportLang::En).plain_text();
    let step1 = part(&old_doc, "Step 1: Know the transfer", "Step 2");
    assert!(step1.contains("Japan"), "{step1}");
    assert!(!step1.contains("not answered"), "{step1}");
}

#[test]
fn an_open_count_names_the_contract_measures_only_as_a_condition_and_no_gap_only_so_far() {
    // The same exempt pattern with the head count left open: the route is undetermined.
    let doc = report_edited("01-99999-people-exempt", |a| {
        a.replace("tr02_count_nonsensitive = 99999\n", "")
    });
    let text = doc.plain_text();
    assert!(
        text.contains("should the route turn out to be the standard contract, Art. 5 of the Standard Contract Measures"),
        "{text}"
    );
    assert!(!text.contains("Arts 55 and 56 and Art. 5 of the Standard Contract Measures require"));
    assert!(
        text.contains("On the facts answered so far, no gap needs remedying"),
        "{text}"
    );
    // Answered in full, the exempt route neither names the measures nor hedges its "no gap".
    let settled = report("01-99999-people-exempt").plain_text();
    assert!(!settled.contains("should the route turn out"), "{settled}");
}
