//! Evaluating conditions against answers. An unanswered question makes every comparison false;
//! `answered` and `not` are how a template speaks about missing answers.

use super::answer::{Answer, Answers};
use super::outcome::LinkedOutcome;
use crate::template::Condition;

/// What a condition can see: the answers (or one group row's cells) and, for a PIA, the outcomes
/// of the assessments it links to.
pub(crate) struct Scope<'a> {
    pub answers: &'a Answers,
    pub linked: &'a [LinkedOutcome],
}

pub(crate) fn holds(condition: &Condition, scope: &Scope<'_>) -> bool {
    let get = |q: &str| scope.answers.get(q).filter(|a| a.is_given());
    match condition {
        Condition::Equals { q, value } => get(q).is_some_and(|a| matches_value(a, value)),
        Condition::In { q, values } => {
            get(q).is_some_and(|a| values.iter().any(|v| matches_value(a, v)))
        }
        Condition::Contains { q, value } => get(q)
            .and_then(Answer::as_list)
            .is_some_and(|items| items.iter().any(|i| i == value)),
        Condition::ContainsAny { q, values } => get(q)
            .and_then(Answer::as_list)
            .is_some_and(|items| items.iter().any(|i| values.contains(i))),
        Condition::CountGte { q, value } => get(q)
            .and_then(Answer::as_list)
            .is_some_and(|items| items.len() >= *value as usize),
        Condition::Answered(q) => get(q).is_some(),
        Condition::Gt { q, value } => number(get(q)).is_some_and(|n| n > *value),
        Condition::Gte { q, value } => number(get(q)).is_some_and(|n| n >= *value),
        Condition::Lt { q, value } => number(get(q)).is_some_and(|n| n < *value),
        Condition::Lte { q, value } => number(get(q)).is_some_and(|n| n <= *value),
        Condition::All(all) => all.iter().all(|c| holds(c, scope)),
        Condition::Any(any) => any.iter().any(|c| holds(c, scope)),
        Condition::Not(inner) => !holds(inner, scope),
        Condition::Linked { kind, at_least } => scope
            .linked
            .iter()
            .any(|l| l.kind == *kind && l.worst_severity.is_some_and(|s| s >= *at_least)),
        Condition::AnyRow { q, when } => get(q).and_then(Answer::as_rows).is_some_and(|rows| {
            rows.iter().any(|row| {
                let cells: Answers = row
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_answer()))
                    .collect();
                holds(
                    when,
                    &Scope {
                        answers: &cells,
                        linked: scope.linked,
                    },
                )
            })
        }),
    }
}

fn number(answer: Option<&Answer>) -> Option<f64> {
    answer.and_then(Answer::as_number)
}

fn matches_value(answer: &Answer, value: &toml::Value) -> bool {
    match (answer, value) {
        (Answer::Text(a), toml::Value::String(v)) => a == v,
        (Answer::Number(a), toml::Value::Integer(v)) => (*a - *v as f64).abs() < f64::EPSILON,
        (Answer::Number(a), toml::Value::Float(v)) => (*a - *v).abs() < f64::EPSILON,
        (Answer::Text(a), toml::Value::Boolean(v)) => a == if *v { "yes" } else { "no" },
        _ => false,
    }
}
