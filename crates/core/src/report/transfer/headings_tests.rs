//! No heading of a transfer report stands empty: every route (no transfer, adequacy, SCCs with
//! a transfer impact assessment, a derogation, undetermined) in each report language, read from
//! the report model. Adequacy and derogations say why the six steps are not taken instead of
//! printing steps 3 to 6 with nothing under them.

use crate::assessment::parse_answers;
use crate::law::LawRegister;
use crate::report::build;
use crate::report::model::{Block, Document, ReportLang};
use crate::report::scope_tests::source;
use crate::template::Kind;

const LANGS: [ReportLang; 3] = [ReportLang::Zh, ReportLang::En, ReportLang::Bi];

fn scenarios() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/scenarios/transfer")
}

/// The report of a scenario's answers, with `drop` lines (by question id) left out.
fn report(name: &str, drop: &[&str], lang: ReportLang) -> Document {
    let law = LawRegister::bundled().expect("law");
    let template = crate::template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.kind == Kind::Transfer)
        .expect("transfer template");
    let text = std::fs::read_to_string(scenarios().join(format!("{name}.toml"))).expect("scenario");
    let (_, answers) = text.split_once("[answers]\n").expect("answers table");
    let answers: String = answers
        .lines()
        .filter(|l| !drop.iter().any(|id| l.starts_with(&format!("{id} "))))
        .map(|l| format!("{l}\n"))
        .collect();
    let answers = parse_answers("answers.toml", &answers, &template).expect("answers");
    build(&source(&template, answers, &law), lang)
}

/// The headings followed by nothing, or straight by a heading of their own rank or above: a
/// heading with nothing under it.
fn empty_headings(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Heading { level, text } => match doc.blocks.get(i + 1) {
                None => Some(text.clone()),
                Some(Block::Heading { level: next, .. }) if next <= level => Some(text.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[test]
fn the_helper_finds_a_heading_with_nothing_under_it() {
    let heading = |level, text: &str| Block::Heading {
        level,
        text: text.into(),
    };
    let mut doc = report(
        "35-munich-shop-chat-support-tokyo-adequacy",
        &[],
        ReportLang::En,
    );
    doc.blocks = vec![
        heading(1, "A"),
        heading(2, "A.1"),
        Block::Paragraph {
            text: "x".into(),
            small: false,
        },
        heading(1, "B"),
        heading(1, "C"),
    ];
    assert_eq!(empty_headings(&doc), ["B", "C"]);
}

#[test]
fn no_transfer_report_has_an_empty_heading_in_any_language() {
    let mut names: Vec<String> = std::fs::read_dir(scenarios())
        .expect("scenarios")
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_owned))
        .collect();
    names.sort();
    assert!(names.len() >= 39, "{names:?}");
    for name in &names {
        for lang in LANGS {
            let doc = report(name, &[], lang);
            assert_eq!(
                empty_headings(&doc),
                Vec::<String>::new(),
                "{name} {lang:?}"
            );
        }
    }
    // An EU route left undetermined (no answer on adequacy) and a bare assessment.
    for drop in [
        &["tr08_adequacy", "tr08_adequacy_decision"][..],
        &["tr07_collection"],
    ] {
        for lang in LANGS {
            let doc = report("35-munich-shop-chat-support-tokyo-adequacy", drop, lang);
            assert!(doc.plain_text().contains("Undetermined") || lang == ReportLang::Zh);
            assert_eq!(
                empty_headings(&doc),
                Vec::<String>::new(),
                "{drop:?} {lang:?}"
            );
        }
    }
}

#[test]
fn adequacy_and_derogations_say_why_the_six_steps_are_not_taken() {
    let adequacy = report("37-seoul-game-studio-korea-adequacy", &[], ReportLang::En).plain_text();
    assert!(adequacy.contains("Steps 3 to 6: not needed"), "{adequacy}");
    assert!(
        adequacy.contains("adequacy decision under GDPR Art. 45: Commission Implementing Decision (EU) 2022/254 on the Republic of Korea"),
        "{adequacy}"
    );
    assert!(
        !adequacy.contains("Step 3: The law and practice"),
        "{adequacy}"
    );
    let zh = report("37-seoul-game-studio-korea-adequacy", &[], ReportLang::Zh).plain_text();
    assert!(
        zh.contains("第三步至第六步：无需进行") && zh.contains("2022/254"),
        "{zh}"
    );

    let derogation = report(
        "20-occasional-hotel-booking-derogation",
        &[],
        ReportLang::En,
    )
    .plain_text();
    assert!(
        derogation.contains("Steps 3 to 6: not needed"),
        "{derogation}"
    );
    assert!(derogation.contains("rests on a derogation of Art. 49(1): necessary for a contract with the person (Art. 49(1)(b))"), "{derogation}");
    assert!(
        derogation.contains("occasional transfers that are necessary"),
        "{derogation}"
    );
    assert!(
        derogation.contains("document which derogation is relied on"),
        "{derogation}"
    );

    // SCCs keep all six steps.
    let scc = report(
        "15-eu-entity-to-china-marketing-module-2",
        &[],
        ReportLang::En,
    )
    .plain_text();
    for step in [
        "Step 3: The law and practice",
        "Step 4",
        "Step 5",
        "Step 6",
        "Conclusion",
    ] {
        assert!(scc.contains(step), "{step}: {scc}");
    }
    assert!(!scc.contains("not needed"), "{scc}");
    // The destination law's date belongs to the assessment behind SCCs only.
    let checked = "Destination law and practice checked on";
    assert!(scc.contains(checked), "{scc}");
    assert!(!derogation.contains(checked), "{derogation}");
}
