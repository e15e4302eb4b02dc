//! CNIL PIAs make the round trip whole: a file written in the CNIL tool's shape (French and
//! English, a validated and a refused PIA, evaluations of every kind) imports, exports and
//! imports again with the same answers, measures, evaluations, comments, people, statuses and
//! dates, field by field; and PIAs generated from a seed do the same. The files in
//! `tests/fixtures/cnil/` were written for these tests in the CNIL tool's shape.

use dpodesk_core::Vault;
use dpodesk_core::api;
use dpodesk_core::cnil::{CnilPia, Fix, Src, document, parse};
use dpodesk_core::template::Template;
use serde_json::{Value, json};

use crate::cnil::pia_template;
use crate::support::*;

const FRENCH: &str = include_str!("../fixtures/cnil/fr-validated.json");
const ENGLISH: &str = include_str!("../fixtures/cnil/en-refused.json");
/// An older file in German, with the irregularities real exports have (numbers as text, old
/// spellings, rank references in section 2, gauges as a JSON string, legacy storage fields).
const GERMAN: &str = include_str!("../fixtures/cnil/de-in-progress.json");

fn text<T: ToString>(s: &Option<Src<T>>) -> String {
    s.as_ref()
        .map_or_else(|| "—".to_owned(), |s| s.value.to_string())
}

/// Every value a CNIL PIA carries, named by where it is, for a field-by-field comparison.
fn fields(pia: &CnilPia) -> Vec<(String, String)> {
    let h = &pia.header;
    let mut out = vec![("pia.name".to_owned(), h.name.value.clone())];
    for (name, value) in [
        ("category", text(&h.category)),
        ("status", text(&h.status)),
        ("author_name", text(&h.author_name)),
        ("evaluator_name", text(&h.evaluator_name)),
        ("validator_name", text(&h.validator_name)),
        ("dpos_names", text(&h.dpos_names)),
        ("dpo_status", text(&h.dpo_status)),
        ("dpo_opinion", text(&h.dpo_opinion)),
        ("people_searched", text(&h.people_searched)),
        ("people_searched_content", text(&h.people_searched_content)),
        ("people_names", text(&h.people_names)),
        ("people_status", text(&h.people_status)),
        ("people_opinion", text(&h.people_opinion)),
        ("rejection_reason", text(&h.rejection_reason)),
        ("applied_adjustments", text(&h.applied_adjustments)),
        ("created_at", text(&h.created_at)),
        ("updated_at", text(&h.updated_at)),
        ("structure_name", text(&h.structure_name)),
        ("structure_sector", text(&h.structure_sector)),
    ] {
        out.push((format!("pia.{name}"), value));
    }
    for (i, user) in h.users.iter().enumerate() {
        out.push((format!("pia.user[{i}]"), user.value.clone()));
    }
    for a in &pia.answers {
        let at = format!("answer {}", a.question);
        out.push((format!("{at} text"), text(&a.text)));
        out.push((format!("{at} gauge"), text(&a.gauge)));
        let list = a.list.as_ref().map(|l| l.value.join(" | "));
        out.push((format!("{at} list"), list.unwrap_or_default()));
    }
    for (i, m) in pia.measures.iter().enumerate() {
        let at = format!("measure {i}");
        out.push((format!("{at} id"), m.id.clone().unwrap_or_default()));
        out.push((format!("{at} title"), text(&m.title)));
        out.push((format!("{at} content"), text(&m.content)));
    }
    for e in &pia.evaluations {
        let at = format!("evaluation {}", e.reference.value);
        for (name, value) in [
            ("status", text(&e.status)),
            ("global_status", text(&e.global_status)),
            ("action_plan", text(&e.action_plan)),
            ("comment", text(&e.comment)),
            ("residual_severity", text(&e.residual_severity)),
            ("residual_likelihood", text(&e.residual_likelihood)),
            ("implementation_date", text(&e.implementation_date)),
            ("person_in_charge", text(&e.person_in_charge)),
            ("evaluation_date", text(&e.evaluation_date)),
        ] {
            out.push((format!("{at} {name}"), value));
        }
    }
    for (i, c) in pia.comments.iter().enumerate() {
        let at = format!("comment {i}");
        out.push((
            format!("{at} reference"),
            c.reference.clone().unwrap_or_default(),
        ));
        out.push((format!("{at} for_measure"), text(&c.for_measure)));
        out.push((format!("{at} description"), text(&c.description)));
        out.push((format!("{at} author"), text(&c.author)));
        out.push((format!("{at} created_at"), text(&c.created_at)));
    }
    out
}

/// The fields that differ, as "where: before → after".
fn differences(before: &CnilPia, after: &CnilPia) -> Vec<String> {
    let (b, a) = (fields(before), fields(after));
    let mut out: Vec<String> = b
        .iter()
        .zip(&a)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| format!("{}: {:?} → {}: {:?}", x.0, x.1, y.0, y.1))
        .collect();
    if b.len() != a.len() {
        out.push(format!("{} fields before, {} after", b.len(), a.len()));
    }
    out
}

/// Imports `file`, exports it, imports the export: (parsed file, parsed export, vault, ids).
fn round_trip(
    vault: &mut Vault,
    template: &Template,
    file: &[u8],
) -> (CnilPia, CnilPia, String, String) {
    let first = api::import_cnil(vault, ACTOR, template, file, None).expect("import");
    let export = api::export_cnil(vault, ACTOR, &first.assessment.id).expect("export");
    let second = api::import_cnil(vault, ACTOR, template, export.json.as_bytes(), None)
        .expect("import again");
    assert!(
        export.loss.items.is_empty(),
        "a CNIL PIA loses nothing: {:?}",
        export.loss.items
    );
    (
        parse(file).expect("parse"),
        parse(export.json.as_bytes()).expect("parse export"),
        first.assessment.id,
        second.assessment.id,
    )
}

#[test]
fn cnil_pias_round_trip_field_by_field() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let template = pia_template();
    for (name, file) in [("French", FRENCH), ("English", ENGLISH), ("German", GERMAN)] {
        let (before, after, first, second) = round_trip(&mut vault, &template, file.as_bytes());
        let diff = differences(&before, &after);
        assert!(diff.is_empty(), "{name}: {diff:#?}");
        // What DPO Desk made of it is the same both times, notes included.
        assert_eq!(
            api::read_assessment(&vault, &first)
                .map(|a| a.answers)
                .expect("answers"),
            api::read_assessment(&vault, &second)
                .map(|a| a.answers)
                .expect("answers"),
            "{name}"
        );
        assert_eq!(
            dpodesk_core::testing::answer_notes(&vault, &first).expect("notes"),
            dpodesk_core::testing::answer_notes(&vault, &second).expect("notes"),
            "{name}"
        );
    }
    let (before, after, _, _) = round_trip(&mut vault, &template, FRENCH.as_bytes());
    // Nothing is folded: one CNIL measure per measure, every evaluation and comment.
    assert_eq!((after.answers.len(), before.answers.len()), (36, 36));
    assert_eq!(after.measures.len(), 3);
    assert_eq!(after.evaluations.len(), 20);
    assert_eq!(after.comments.len(), 2);
    assert_eq!(
        after.header.validator_name.map(|v| v.value).as_deref(),
        Some("Sophie Bernard")
    );
}

#[test]
fn section_two_evaluations_resolve() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let template = pia_template();
    for file in [FRENCH, ENGLISH, GERMAN] {
        let imported =
            api::import_cnil(&mut vault, ACTOR, &template, file.as_bytes(), None).expect("import");
        let unresolved: Vec<&Fix> = imported
            .report
            .fixes
            .iter()
            .filter(|f| matches!(f, Fix::UnresolvedReference { .. }))
            .collect();
        assert!(unresolved.is_empty(), "{unresolved:?}");
        let all_notes = imported
            .notes
            .values()
            .cloned()
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!all_notes.contains("Unknown item"), "{all_notes}");
    }
}

/// A small deterministic generator (xorshift), so a failure names its seed.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn coin(&mut self) -> bool {
        self.below(2) == 0
    }
    fn words(&mut self) -> String {
        const WORDS: [&str; 12] = [
            "données",
            "数据",
            "Zugriff",
            "<b>gras</b>",
            "l’accès",
            "a&amp;b",
            "Ελλάδα",
            "50 %",
            "\"quoted\"",
            "line\nbreak",
            "émoji 🔒",
            "plain",
        ];
        (0..1 + self.below(4))
            .map(|_| WORDS[self.below(WORDS.len() as u64) as usize])
            .collect::<Vec<_>>()
            .join(" ")
    }
    fn maybe_text(&mut self) -> Value {
        if self.coin() {
            json!(format!("<p>{}</p>", self.words()))
        } else {
            Value::Null
        }
    }
}

const QUESTIONS: [u64; 18] = [
    111, 112, 113, 121, 122, 123, 211, 212, 213, 214, 215, 221, 222, 223, 224, 225, 226, 227,
];

fn generated(seed: u64) -> Value {
    let mut g = Seeded(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut answers = Vec::new();
    for q in QUESTIONS {
        if g.coin() {
            answers.push(json!({ "reference_to": q, "data": { "text": format!("<p>{}</p>", g.words()), "gauge": null, "list": [] } }));
        }
    }
    let measures: Vec<Value> = (0..g.below(4))
        .map(|i| json!({ "id": 10 + i, "title": format!("Measure {i} {}", g.words()), "content": g.maybe_text() }))
        .collect();
    for risk in [32, 33, 34] {
        if g.coin() {
            for n in 1..=4 {
                let tags: Vec<String> = (0..1 + g.below(3)).map(|_| g.words()).collect();
                answers.push(json!({ "reference_to": risk * 10 + n, "data": { "text": null, "gauge": null, "list": tags } }));
            }
            for n in 5..=6 {
                answers.push(json!({ "reference_to": risk * 10 + n, "data": { "text": g.maybe_text(), "gauge": 1 + g.below(4), "list": [] } }));
            }
        }
    }
    let mut references: Vec<String> = vec![
        "1.1".into(),
        "1.2".into(),
        "3.2".into(),
        "3.3".into(),
        "3.4".into(),
    ];
    references.extend(
        QUESTIONS
            .iter()
            .filter(|q| **q >= 200)
            .map(|q| format!("2.{}.{q}", (q / 10) % 10)),
    );
    references.extend(measures.iter().map(|m| format!("3.1.{}", m["id"])));
    let chosen: Vec<String> = references.into_iter().filter(|_| g.coin()).collect();
    let evaluations: Vec<Value> = chosen
        .into_iter()
        .map(|r| {
            let status = g.below(4);
            json!({
                "reference_to": r, "status": status, "global_status": g.below(3),
                "action_plan_comment": if status == 2 { g.maybe_text() } else { Value::Null },
                "evaluation_comment": g.maybe_text(),
                "gauges": { "x": g.below(5), "y": g.below(5) },
                "estimated_implementation_date": if g.coin() { json!("2025-07-01T00:00:00.000Z") } else { Value::Null },
                "person_in_charge": if g.coin() { json!(g.words()) } else { Value::Null },
                "evaluation_date": null,
            })
        })
        .collect();
    let mut comments: Vec<Value> = (0..g.below(3))
        .map(|_| json!({ "reference_to": QUESTIONS[g.below(18) as usize], "description": g.words(), "for_measure": false, "created_at": "2025-01-02T03:04:05.000Z" }))
        .collect();
    for m in &measures {
        if g.coin() {
            comments.push(json!({ "reference_to": m["id"], "description": g.words(), "for_measure": true,
                "created_at": "2025-01-03T00:00:00.000Z", "user": { "firstname": "Léa", "lastname": "Nowak" } }));
        }
    }
    let users: Vec<Value> = (0..g.below(3))
        .map(|i| (i, ["author", "evaluator", "validator"][i as usize]))
        .map(|(i, role)| json!({ "role": role,
            "user": { "id": 9, "firstname": g.words(), "lastname": "Ng", "email": format!("u{i}@example.org") } }))
        .collect();
    let status = g.below(5);
    json!({
        "pia": {
            "name": format!("Generated {seed} {}", g.words()),
            "status": status,
            "author_name": g.words(), "evaluator_name": g.words(), "validator_name": g.words(),
            "dpos_names": g.words(), "dpo_status": if g.coin() { json!(g.below(2)) } else { Value::Null },
            "dpo_opinion": g.words(),
            "concerned_people_searched_opinion": g.coin(),
            "people_names": g.words(), "concerned_people_status": g.below(2),
            "concerned_people_opinion": g.words(),
            "rejection_reason": if status == 1 { json!(g.words()) } else { json!("") },
            "applied_adjustments": "",
            "created_at": "2025-01-01T00:00:00.000Z", "updated_at": "2025-02-01T00:00:00.000Z",
            "user_pias": users,
        },
        "answers": answers, "measures": measures, "evaluations": evaluations, "comments": comments,
    })
}

#[test]
fn generated_pias_round_trip() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let template = pia_template();
    for seed in 1..=40 {
        let file = generated(seed).to_string();
        let parsed = parse(file.as_bytes()).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
        // The writer and the reader agree: what is written reads back the same.
        let written = document(&parsed).to_string();
        let reread = parse(written.as_bytes()).expect("reread");
        assert_eq!(document(&reread), document(&parsed), "seed {seed}");
        if seed % 4 == 0 {
            // Through the vault (slower): import, export, compare.
            let (before, after, _, _) = round_trip(&mut vault, &template, file.as_bytes());
            let diff = differences(&before, &after);
            assert!(diff.is_empty(), "seed {seed}: {diff:#?}");
        }
    }
}

#[test]
fn changes_made_in_dpo_desk_go_back_over_the_kept_file() {
    use dpodesk_core::assessment::{Answer, Cell};
    use dpodesk_core::cnil::LossReason;
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let template = pia_template();
    let imported =
        api::import_cnil(&mut vault, ACTOR, &template, FRENCH.as_bytes(), None).expect("import");
    let id = imported.assessment.id;
    let mut answers = api::read_assessment(&vault, &id)
        .map(|a| a.answers)
        .expect("answers");
    answers.insert(
        "pia04_context".to_owned(),
        Answer::Text("Six caméras, revues en 2025.".to_owned()),
    );
    let Some(Answer::Rows(rows)) = answers.get_mut("pia10_risks") else {
        panic!("risk register");
    };
    rows[0].insert("residual_impact".to_owned(), Cell::Number(1.0));
    answers.insert(
        "pia01_pipl55".to_owned(),
        Answer::List(vec!["sensitive".to_owned()]),
    );
    crate::support::save_answers(&mut vault, ACTOR, &id, &answers).expect("save");

    let export = api::export_cnil(&mut vault, ACTOR, &id).expect("export");
    let after = parse(export.json.as_bytes()).expect("parse");
    let before = parse(FRENCH.as_bytes()).expect("parse");
    let answer_111 = after.answers.iter().find(|a| a.question == 111);
    assert_eq!(
        answer_111
            .and_then(|a| a.text.as_ref())
            .map(|t| t.value.as_str()),
        Some("<p>Six caméras, revues en 2025.</p>")
    );
    let risk_32 = after
        .evaluations
        .iter()
        .find(|e| e.reference.value == "3.2")
        .expect("3.2");
    assert_eq!(risk_32.residual_severity.as_ref().map(|x| x.value), Some(1));
    // Everything else is as the CNIL tool wrote it.
    let diff = differences(&before, &after);
    assert_eq!(diff.len(), 2, "{diff:#?}");
    assert!(diff[0].starts_with("answer 111 text"), "{diff:#?}");
    assert!(
        diff[1].starts_with("evaluation 3.2 residual_severity"),
        "{diff:#?}"
    );
    // Only the PRC-only answer stays behind, for that reason.
    let lost: Vec<(&str, &LossReason)> = export
        .loss
        .items
        .iter()
        .map(|l| (l.subject.as_str(), &l.reason))
        .collect();
    assert_eq!(lost, [("pia01_pipl55", &LossReason::PrcOnly)]);
}

#[test]
fn a_refusal_here_goes_back_as_a_refusal_and_a_new_version_keeps_the_cnil_file() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let template = pia_template();
    let id = api::import_cnil(&mut vault, ACTOR, &template, FRENCH.as_bytes(), None)
        .expect("import")
        .assessment
        .id;
    api::submit(&mut vault, ACTOR, &id).expect("submit");
    crate::support::sign_off(
        &mut vault,
        ACTOR,
        &api::SignOffRequest {
            version: None,
            assessment_id: id.to_owned(),
            name: "Claire Martin".into(),
            role: "DPO".into(),
            decision: api::Decision::Reject,
            comment: "Conservation à justifier.".into(),
            attestations: Vec::new(),
            with_reservations: false,
        },
    )
    .expect("reject");
    let export = api::export_cnil(&mut vault, ACTOR, &id).expect("export");
    let after = parse(export.json.as_bytes()).expect("parse");
    assert_eq!(after.header.status.as_ref().map(|s| s.value), Some(1));
    assert_eq!(
        after.header.rejection_reason.map(|r| r.value).as_deref(),
        Some("Conservation à justifier.")
    );
    assert_eq!(after.evaluations.len(), 20, "the rest travels as it was");

    let next = api::reopen_assessment(&mut vault, ACTOR, &id).expect("reopen");
    assert_eq!(
        dpodesk_core::testing::cnil_document(&vault, &next.id).expect("read"),
        dpodesk_core::testing::cnil_document(&vault, &id).expect("read"),
        "the new version keeps the CNIL file"
    );
}
