//! The bundled legal content: every template loads and validates; every user-facing string exists
//! in Chinese and English; every question cites a provision that resolves; every requirement item
//! is backed by a question and by a rule citing its primary source. And a malformed template is
//! refused with a precise message.

use dpodesk_core::error::{RoleUser, TemplateProblem};
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Kind, Requirements, Template};
use dpodesk_core::{Error, Lang};
use serde_json::Value;

fn law() -> LawRegister {
    LawRegister::bundled().expect("law register")
}

fn templates() -> Vec<Template> {
    template::bundled(&law()).expect("bundled templates validate")
}

fn is_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Every `{zh, en}` pair anywhere in a serialized value, with its JSON path.
fn bilingual_pairs(value: &Value, path: &str, out: &mut Vec<(String, String, String)>) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(zh)), Some(Value::String(en))) =
                (map.get("zh"), map.get("en"))
            {
                out.push((path.to_owned(), zh.clone(), en.clone()));
            }
            for (key, child) in map {
                bilingual_pairs(child, &format!("{path}.{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                bilingual_pairs(child, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn assert_bilingual(pairs: &[(String, String, String)]) {
    let bad: Vec<String> = pairs
        .iter()
        .filter(|(_, zh, en)| !is_chinese(zh) || zh == en || en.trim().is_empty())
        .map(|(path, zh, en)| format!("{path}: zh={zh:?} en={en:?}"))
        .collect();
    assert!(
        bad.is_empty(),
        "{} strings are not properly bilingual:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn the_four_instruments_load_and_validate() {
    let kinds: Vec<Kind> = templates().iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [Kind::DataSource, Kind::Vendor, Kind::Pia, Kind::Transfer]
    );
    for t in templates() {
        assert!(
            t.questions().count() >= 30,
            "{} has only {} questions",
            t.id,
            t.questions().count()
        );
        // The transfer instrument covers one question (the route) and names it in code
        // (`dpodesk_core::transfer`); its rules only report the gaps around that route.
        let least = if t.kind == Kind::Transfer { 15 } else { 20 };
        assert!(
            t.rules.len() >= least,
            "{} has only {} rules",
            t.id,
            t.rules.len()
        );
    }
}

#[test]
fn every_template_string_is_in_chinese_and_english() {
    for t in templates() {
        let mut pairs = Vec::new();
        bilingual_pairs(
            &serde_json::to_value(&t).expect("serialize"),
            &t.id,
            &mut pairs,
        );
        assert!(
            pairs.len() > 100,
            "{}: only {} strings found",
            t.id,
            pairs.len()
        );
        assert_bilingual(&pairs);
    }
}

#[test]
fn every_law_register_string_is_in_chinese_and_english() {
    let law = law();
    let mut pairs = Vec::new();
    for p in law.provisions() {
        for (field, text) in [
            ("article", &p.article),
            ("title", &p.title),
            ("gist", &p.gist),
        ] {
            pairs.push((
                format!("{}.{field}", p.key),
                text.zh.clone(),
                text.en.clone(),
            ));
        }
    }
    for d in law.differences() {
        pairs.push((
            format!("{}.title", d.id),
            d.title.zh.clone(),
            d.title.en.clone(),
        ));
        pairs.push((
            format!("{}.explanation", d.id),
            d.explanation.zh.clone(),
            d.explanation.en.clone(),
        ));
    }
    assert_bilingual(&pairs);
}

#[test]
fn every_question_and_rule_cites_provisions_that_resolve() {
    let law = law();
    for t in templates() {
        for (_, q) in t.questions() {
            assert!(
                !q.cite.is_empty(),
                "{}: question {} cites nothing",
                t.id,
                q.id
            );
            for key in &q.cite {
                assert!(
                    law.contains(key),
                    "{}: question {} cites unknown {key}",
                    t.id,
                    q.id
                );
            }
        }
        for r in &t.rules {
            assert!(!r.cite.is_empty(), "{}: rule {} cites nothing", t.id, r.id);
            for key in &r.cite {
                assert!(
                    law.contains(key),
                    "{}: rule {} cites unknown {key}",
                    t.id,
                    r.id
                );
            }
        }
    }
}

#[test]
fn every_requirement_item_is_backed_by_a_question_and_a_rule_citing_its_source() {
    let requirements = Requirements::bundled().expect("requirements");
    let expected = [
        (Kind::DataSource, "DS", 30),
        (Kind::Vendor, "VE", 26),
        (Kind::Pia, "PIA", 17),
        (Kind::Transfer, "TR", 11),
    ];
    let law = law();
    for (kind, prefix, count) in expected {
        let ids: Vec<String> = requirements.for_kind(kind).map(|r| r.id.clone()).collect();
        let wanted: Vec<String> = (1..=count).map(|n| format!("{prefix}-{n:02}")).collect();
        assert_eq!(ids, wanted, "requirement list of {kind:?}");
        let template = templates()
            .into_iter()
            .find(|t| t.kind == kind)
            .expect("template");
        for requirement in requirements.for_kind(kind) {
            let primary = requirement.sources.first().expect("a primary source");
            assert!(
                law.contains(primary),
                "{}: unknown source {primary}",
                requirement.id
            );
            assert!(
                template
                    .questions()
                    .any(|(_, q)| q.requirements.contains(&requirement.id)),
                "{} has no question in {}",
                requirement.id,
                template.id
            );
            assert!(
                template
                    .rules
                    .iter()
                    .any(|r| r.requirements.contains(&requirement.id) && r.cite.contains(primary)),
                "{} has no rule in {} citing its primary source {primary}",
                requirement.id,
                template.id
            );
        }
    }
}

#[test]
fn gdpr_and_pipl_differences_are_mapped() {
    let law = law();
    let ids: Vec<&str> = law.differences().iter().map(|d| d.id.as_str()).collect();
    assert!(ids.len() >= 6, "{ids:?}");
    let no_li = law.differences_for(&["GDPR-6-1-f".to_owned()]).count();
    assert!(no_li >= 1, "no difference entry about legitimate interest");
}

fn refusal(text: &str) -> Vec<String> {
    match template::parse("custom.toml", text, &law()) {
        Err(Error::InvalidTemplate { file, problems }) => {
            assert_eq!(file, "custom.toml");
            problems.iter().map(ToString::to_string).collect()
        }
        other => panic!("expected InvalidTemplate, got {other:?}"),
    }
}

const GOOD: &str = r#"
id = "custom"
version = "1.0.0"
kind = "data_source"
title = { zh = "自定义", en = "Custom" }
description = { zh = "测试", en = "Test" }

[[sections]]
id = "s"
title = { zh = "部分", en = "Section" }

[[sections.questions]]
id = "basis"
type = "single_choice"
text = { zh = "依据？", en = "Basis?" }
cite = ["PIPL-13-1"]
choices = [
  { value = "consent", label = { zh = "同意", en = "Consent" } },
  { value = "none", label = { zh = "无", en = "None" } },
]

[[rules]]
id = "no-basis"
when = { equals = { q = "basis", value = "none" } }
severity = "critical"
regime = "prc"
title = { zh = "无依据", en = "No basis" }
explanation = { zh = "没有依据。", en = "No basis." }
recommendation = { zh = "停止。", en = "Stop." }
cite = ["PIPL-13-1"]
"#;

#[test]
fn a_well_formed_custom_template_loads() {
    let t = template::parse("custom.toml", GOOD, &law()).expect("valid");
    assert_eq!(t.rules.len(), 1);
}

#[test]
fn malformed_templates_are_refused_with_the_place_and_the_reason() {
    let cases = [
        (GOOD.replace("[[rules]]", "[[sections.questions]]\nid = \"basis\"\ntype = \"text\"\ntext = { zh = \"重复\", en = \"Dup\" }\ncite = [\"PIPL-13-1\"]\n\n[[rules]]"), "question basis: duplicate id"),
        (GOOD.replace("cite = [\"PIPL-13-1\"]\nchoices", "cite = [\"PIPL-999\"]\nchoices"), "question basis: unknown citation key PIPL-999 (not in the law register)"),
        (GOOD.replace("text = { zh = \"依据？\", en = \"Basis?\" }", "text = { zh = \"\", en = \"Basis?\" }"), "question basis: text: the zh text is missing"),
        (GOOD.replace("q = \"basis\", value = \"none\"", "q = \"nosuch\", value = \"none\""), "rule no-basis: when: unknown question nosuch"),
        (GOOD.replace("q = \"basis\", value = \"none\"", "q = \"basis\", value = \"maybe\""), "rule no-basis: when: maybe is not a value of question basis"),
    ];
    for (text, expected) in cases {
        let problems = refusal(&text);
        assert!(
            problems.iter().any(|p| p == expected),
            "expected {expected:?} in {problems:?}"
        );
    }
}

#[test]
fn a_template_missing_a_language_is_refused_at_its_line() {
    let text = GOOD.replace(
        "title = { zh = \"部分\", en = \"Section\" }",
        "title = { en = \"Section\" }",
    );
    let problems = refusal(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems, ["line 10: missing field `zh`"]);
}

#[test]
fn a_user_folder_of_templates_loads_and_a_bad_file_is_named() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("a-custom.toml"), GOOD).expect("write");
    std::fs::write(dir.path().join("notes.txt"), "not a template").expect("write");
    let loaded = template::load_dir(dir.path(), &law()).expect("load folder");
    assert_eq!(
        loaded.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        ["custom"]
    );

    std::fs::write(
        dir.path().join("b-broken.toml"),
        GOOD.replace("version = \"1.0.0\"", "version = \"x\""),
    )
    .expect("write");
    match template::load_dir(dir.path(), &law()) {
        Err(Error::InvalidTemplate { file, problems }) => {
            assert!(file.ends_with("b-broken.toml"), "{file}");
            assert_eq!(
                problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
                ["version \"x\" is not a semantic version (e.g. 1.0.0)"]
            );
        }
        other => panic!("expected InvalidTemplate, got {other:?}"),
    }
}

/// A PIA template must keep the roles the PIA report and the CNIL exchange find their questions
/// by; one that drops a role is refused with a reason in both languages.
#[test]
fn a_pia_template_without_a_role_a_report_needs_is_refused_with_the_reason() {
    let law = LawRegister::bundled().expect("law");
    let pia = template::bundled(&law)
        .expect("bundled")
        .into_iter()
        .find(|t| t.id == "pia")
        .expect("pia");
    let text = template::export(&pia)
        .expect("text")
        .replace("role = \"dpo_opinion_text\"\n", "");
    match template::parse("no-role.toml", &text, &law) {
        Err(error @ Error::InvalidTemplate { .. }) => {
            let Error::InvalidTemplate { problems, .. } = &error else {
                unreachable!()
            };
            assert_eq!(
                problems,
                &[TemplateProblem::MissingRole {
                    role: "dpo_opinion_text".into(),
                    user: RoleUser::PiaReport,
                }]
            );
            assert!(
                error
                    .message(Lang::En)
                    .contains("role = \"dpo_opinion_text\""),
                "{}",
                error.message(Lang::En)
            );
            assert!(
                error.message(Lang::Zh).contains("个人信息保护影响评估报告"),
                "{}",
                error.message(Lang::Zh)
            );
        }
        other => panic!("expected InvalidTemplate, got {other:?}"),
    }
}
