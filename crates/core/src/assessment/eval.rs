//! Evaluating conditions against answers, in two readings. `holds` (what is shown, and the cells
//! of one group row) is two-valued: an unanswered question makes every comparison false.
//! `truth` (what a rule says) is three-valued: a question that is shown but open makes what reads
//! it unknown, so an open question never becomes a finding that states a fact, nor its absence a
//! clean bill (docs/scoring.md, "Answer states").

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
        Condition::HasLink(kind) => scope.linked.iter().any(|l| l.kind == *kind),
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

/// A rule condition's value when some answers are open (Kleene's three-valued logic).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Truth {
    False,
    Unknown,
    True,
}

impl From<bool> for Truth {
    fn from(b: bool) -> Truth {
        if b { Truth::True } else { Truth::False }
    }
}

/// Three-valued evaluation: `open(q)` says whether question `q` is shown and unanswered. A
/// question that is not shown is not applicable and reads as before (every comparison false).
pub(crate) fn truth(
    condition: &Condition,
    scope: &Scope<'_>,
    open: &dyn Fn(&str) -> bool,
) -> Truth {
    match condition {
        Condition::All(all) => {
            let mut out = Truth::True;
            for c in all {
                match truth(c, scope, open) {
                    Truth::False => return Truth::False,
                    Truth::Unknown => out = Truth::Unknown,
                    Truth::True => {}
                }
            }
            out
        }
        Condition::Any(any) => {
            let mut out = Truth::False;
            for c in any {
                match truth(c, scope, open) {
                    Truth::True => return Truth::True,
                    Truth::Unknown => out = Truth::Unknown,
                    Truth::False => {}
                }
            }
            out
        }
        Condition::Not(inner) => match truth(inner, scope, open) {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        },
        Condition::Linked { .. } | Condition::HasLink(_) => holds(condition, scope).into(),
        leaf => match subject(leaf) {
            Some(q) if open(q) => Truth::Unknown,
            _ => holds(leaf, scope).into(),
        },
    }
}

/// The question a leaf condition reads (for `any_row`, the group).
fn subject(condition: &Condition) -> Option<&str> {
    match condition {
        Condition::Equals { q, .. }
        | Condition::In { q, .. }
        | Condition::Contains { q, .. }
        | Condition::ContainsAny { q, .. }
        | Condition::CountGte { q, .. }
        | Condition::Answered(q)
        | Condition::Gt { q, .. }
        | Condition::Gte { q, .. }
        | Condition::Lt { q, .. }
        | Condition::Lte { q, .. }
        | Condition::AnyRow { q, .. } => Some(q),
        Condition::All(_)
        | Condition::Any(_)
        | Condition::Not(_)
        | Condition::Linked { .. }
        | Condition::HasLink(_) => None,
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
