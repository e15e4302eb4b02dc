//! `dpodesk assess questions ID [--json | --skeleton]`: the questions an assessment shows now, as
//! a new user needs them — id, type, the choices with their values, whether an answer is required
//! and whether it is decisive (a rule, gate or the regime routing reads it), the text in the
//! locale and its state (given / open / not applicable) — or a commented answers file ready to
//! fill and feed to `assess answer`. What is shown and decisive is core's; this only prints it.

use dpodesk_core::Lang;
use dpodesk_core::api::{AssessmentRecord, kind_name, values};
pub use dpodesk_core::api::{Shown, questions_document as json};
use dpodesk_core::assessment::{Answer, is_required};
use dpodesk_core::template::{Question, QuestionType};

fn marks(shown: &Shown<'_>, q: &Question, lang: Lang) -> String {
    let mut marks = vec![kind_name(q.kind)];
    if is_required(q, shown.answers) {
        marks.push(lang.pick("必答", "required").to_owned());
    }
    if shown.decisive.contains(q.id.as_str()) {
        marks.push(lang.pick("决定性", "decisive").to_owned());
    }
    marks.join(", ")
}

pub fn print(record: &AssessmentRecord, shown: &Shown<'_>, lang: Lang) {
    println!("{}  [{}]", record.title, record.id);
    let mut section_id = "";
    for (section, q) in shown.questions() {
        if section.id != section_id {
            section_id = &section.id;
            println!("\n## {}", section.title.get(lang));
        }
        let state = match shown.state(q) {
            "given" => lang.pick("已答", "given"),
            "not_applicable" => lang.pick("不适用", "not applicable"),
            _ => lang.pick("待答", "open"),
        };
        println!("{}  ({})  [{}]", q.id, marks(shown, q, lang), state);
        println!("    {}", q.text.get(lang));
        let choices = values(q.kind, q.allowed_values(), &q.choices, lang);
        if !choices.is_empty() {
            let list: Vec<String> = choices.iter().map(|(v, l)| format!("{v} = {l}")).collect();
            println!(
                "    {}: {}",
                lang.pick("可选值", "values"),
                list.join(" | ")
            );
        }
        for c in &q.columns {
            println!(
                "    - {} ({}{}): {}",
                c.id,
                kind_name(c.kind),
                if c.required {
                    lang.pick("，必填", ", required")
                } else {
                    ""
                },
                c.label.get(lang)
            );
        }
    }
}

/// A TOML value for an answer already given, as `assess answer` reads it back.
fn toml_line(id: &str, answer: &Answer) -> String {
    let mut table = toml::Table::new();
    table.insert(id.to_owned(), answer.to_toml());
    toml::to_string(&table)
        .unwrap_or_default()
        .trim_end()
        .to_owned()
}

fn placeholder(kind: QuestionType, allowed: &[&str]) -> String {
    match kind {
        QuestionType::Ynp | QuestionType::SingleChoice => {
            format!("\"{}\"", allowed.first().copied().unwrap_or(""))
        }
        QuestionType::MultiChoice => "[]".to_owned(),
        QuestionType::Number => "0".to_owned(),
        QuestionType::Likelihood | QuestionType::Severity => "1".to_owned(),
        QuestionType::Date => "\"YYYY-MM-DD\"".to_owned(),
        QuestionType::Text | QuestionType::Evidence | QuestionType::Group => "\"\"".to_owned(),
    }
}

/// A commented answers file: every shown question with its text, type, values, required and
/// decisive marks; answers already given are set, the others left commented (open), so the file
/// as printed is accepted by `assess answer` and changes nothing.
pub fn skeleton(record: &AssessmentRecord, shown: &Shown<'_>, lang: Lang) -> String {
    let mut out = vec![
        format!("# {} [{}]", record.title, record.id),
        format!(
            "# {} {} {}",
            lang.pick("模板", "template"),
            record.template_id,
            record.template_version
        ),
        format!(
            "# {}: dpodesk assess answer {} --file FILE",
            lang.pick("填写后保存", "fill in, then save with"),
            record.id
        ),
        format!(
            "# {}",
            lang.pick(
                "去掉行首的 # 即作答；仍为注释的问题保持待答（开放）状态，不会被当作任何事实。",
                "Remove the leading # to answer; a question left commented stays open and is never taken as a fact."
            )
        ),
    ];
    let mut groups = Vec::new();
    let mut section_id = "";
    for (section, q) in shown.questions() {
        if q.kind == QuestionType::Evidence {
            continue;
        }
        if q.kind == QuestionType::Group {
            groups.push((section, q));
            continue;
        }
        if section.id != section_id {
            section_id = &section.id;
            out.push(String::new());
            out.push(format!("# ── {}", section.title.get(lang)));
        }
        out.push(String::new());
        out.push(format!(
            "# {}  [{}]",
            q.text.get(lang),
            marks(shown, q, lang)
        ));
        let choices = values(q.kind, q.allowed_values(), &q.choices, lang);
        if !choices.is_empty() {
            let list: Vec<String> = choices
                .iter()
                .map(|(v, l)| format!("\"{v}\" = {l}"))
                .collect();
            out.push(format!("#   {}", list.join(" | ")));
        }
        match shown.given(&q.id) {
            Some(answer) => out.push(toml_line(&q.id, answer)),
            None => out.push(format!(
                "# {} = {}",
                q.id,
                placeholder(q.kind, &q.allowed_values())
            )),
        }
    }
    // Tables of rows come last: in TOML, keys after a [[table]] would belong to it.
    for (_, q) in groups {
        out.push(String::new());
        out.push(format!(
            "# {}  [{}]",
            q.text.get(lang),
            marks(shown, q, lang)
        ));
        match shown.given(&q.id) {
            Some(answer) => out.push(toml_line(&q.id, answer)),
            None => {
                out.push(format!("# [[{}]]", q.id));
                for c in &q.columns {
                    let choices = values(c.kind, c.allowed_values(), &c.choices, lang);
                    let hint = if choices.is_empty() {
                        c.label.get(lang).to_owned()
                    } else {
                        let list: Vec<&str> = choices.iter().map(|(v, _)| v.as_str()).collect();
                        format!("{}: {}", c.label.get(lang), list.join(" | "))
                    };
                    out.push(format!(
                        "# {} = {}   # {}{}",
                        c.id,
                        placeholder(c.kind, &c.allowed_values()),
                        hint,
                        if c.required {
                            lang.pick("（必填）", " (required)")
                        } else {
                            ""
                        }
                    ));
                }
            }
        }
    }
    out.join("\n") + "\n"
}
