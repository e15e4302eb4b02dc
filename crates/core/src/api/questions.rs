//! The questions an assessment shows now, as a door needs them to answer: id, type, the values
//! of each choice with its label, required and decisive (a rule, gate or the regime routing
//! reads it), the text in the reader's language and its state (given / open / not
//! applicable) — and the `assess questions --json` document built from them.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::assessment::{
    Answer, Answers, RegimeFilter, decisive_questions, is_required, shown_question_ids,
};
use crate::i18n::Lang;
use crate::template::{Choice, Column, Question, QuestionType, Template};

/// The questions shown now, with what a door needs to answer them.
#[derive(Debug)]
pub struct Shown<'t> {
    pub template: &'t Template,
    pub answers: &'t Answers,
    pub shown: Vec<String>,
    pub decisive: BTreeSet<&'t str>,
    /// The regimes in scope: a help naming both laws is replaced by the one regime's words.
    pub filter: RegimeFilter,
}

impl<'t> Shown<'t> {
    pub fn new(
        template: &'t Template,
        answers: &'t Answers,
        linked: &[crate::assessment::LinkedOutcome],
    ) -> Shown<'t> {
        Shown {
            template,
            answers,
            shown: shown_question_ids(template, answers, linked),
            decisive: decisive_questions(template),
            filter: RegimeFilter::for_shown_answers(template, answers),
        }
    }

    pub fn questions(&self) -> impl Iterator<Item = (&'t crate::template::Section, &'t Question)> {
        let shown = self.shown.clone();
        self.template
            .questions()
            .filter(move |(_, q)| shown.contains(&q.id))
    }

    pub fn given(&self, id: &str) -> Option<&Answer> {
        self.answers.get(id).filter(|a| a.is_given())
    }

    pub fn state(&self, q: &Question) -> &'static str {
        match self.given(&q.id) {
            Some(Answer::Text(t)) if t == "na" && q.kind == QuestionType::Ynp => "not_applicable",
            Some(_) => "given",
            None => "open",
        }
    }
}

pub fn kind_name(kind: QuestionType) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The values a choice-like question or column takes, with their labels.
pub fn values(
    kind: QuestionType,
    allowed: Vec<&str>,
    choices: &[Choice],
    lang: Lang,
) -> Vec<(String, String)> {
    if kind == QuestionType::Ynp {
        return allowed
            .into_iter()
            .map(|v| {
                let label = match v {
                    "yes" => lang.pick("是", "yes"),
                    "no" => lang.pick("否", "no"),
                    "partial" => lang.pick("部分", "partial"),
                    _ => lang.pick("不适用", "not applicable"),
                };
                (v.to_owned(), label.to_owned())
            })
            .collect();
    }
    choices
        .iter()
        .map(|c| (c.value.clone(), c.label.get(lang).to_owned()))
        .collect()
}

fn column_json(c: &Column, lang: Lang) -> Value {
    json!({
        "id": c.id, "type": kind_name(c.kind), "label": c.label.get(lang), "required": c.required,
        "choices": values(c.kind, c.allowed_values(), &c.choices, lang)
            .into_iter().map(|(v, l)| json!({ "value": v, "label": l })).collect::<Vec<_>>(),
    })
}

/// The `assess questions --json` items: the questions shown now, in template order.
pub fn questions_document(shown: &Shown<'_>, lang: Lang) -> Vec<Value> {
    shown
            .questions()
            .map(|(section, q)| {
                json!({
                    "id": q.id,
                    "section": section.id,
                    "type": kind_name(q.kind),
                    "text": q.text.get(lang),
                    "help": shown.filter.help(q).map(|h| h.get(lang)),
                    "required": is_required(q, shown.answers),
                    "decisive": shown.decisive.contains(q.id.as_str()),
                    "state": shown.state(q),
                    "unit": q.unit.as_ref().map(|u| u.get(lang)),
                    "choices": values(q.kind, q.allowed_values(), &q.choices, lang)
                        .into_iter().map(|(v, l)| json!({ "value": v, "label": l })).collect::<Vec<_>>(),
                    "columns": q.columns.iter().map(|c| column_json(c, lang)).collect::<Vec<_>>(),
                    "answer": shown.given(&q.id),
                })
            })
            .collect()
}
