//! Conditions: structured data (deserialized by serde), never a string language to parse. They
//! decide when a question is shown and when a rule yields a finding. Evaluation lives in
//! `assessment::eval`, next to the answers it reads.

use serde::{Deserialize, Serialize};

use super::model::{Kind, Severity};

/// One condition; written in TOML as a one-key inline table, e.g.
/// `{ in = { q = "ds05_capture", values = ["pre_ticked", "none"] } }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The answer equals the value (a choice value, a ynp value, a number).
    Equals {
        q: String,
        value: toml::Value,
    },
    /// The answer is one of the values.
    In {
        q: String,
        values: Vec<toml::Value>,
    },
    /// A multiple-choice answer includes the value.
    Contains {
        q: String,
        value: String,
    },
    /// A multiple-choice answer includes at least one of the values.
    ContainsAny {
        q: String,
        values: Vec<String>,
    },
    /// A multiple-choice answer has at least this many items.
    CountGte {
        q: String,
        value: u32,
    },
    /// The question has an answer.
    Answered(String),
    Gt {
        q: String,
        value: f64,
    },
    Gte {
        q: String,
        value: f64,
    },
    Lt {
        q: String,
        value: f64,
    },
    Lte {
        q: String,
        value: f64,
    },
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// PIA only: a linked assessment of this kind has a finding of at least this severity.
    Linked {
        kind: Kind,
        at_least: Severity,
    },
    /// A data-source, vendor or PIA assessment links to an assessment of this kind (today: the
    /// transfer assessment that decides its route). A fact of the vault, never open.
    HasLink(Kind),
    /// Some row of a group answer matches `when` (whose `q`s name the group's columns).
    AnyRow {
        q: String,
        when: Box<Condition>,
    },
}

impl Condition {
    /// The kind of assessment whose link silences this condition: a rule that holds only while no
    /// assessment of that kind is linked (`not has_link`, alone or as one of an `all`). The wizard
    /// offers linking on its findings; a link cannot clear any other rule.
    pub fn cleared_by_link(&self) -> Option<Kind> {
        match self {
            Condition::Not(inner) => match inner.as_ref() {
                Condition::HasLink(kind) => Some(*kind),
                _ => None,
            },
            Condition::All(all) => all.iter().find_map(Condition::cleared_by_link),
            _ => None,
        }
    }

    /// Every question (or column) id this condition reads, with whether it is read as a column of
    /// the group named alongside.
    pub fn references(&self) -> Vec<Reference<'_>> {
        let mut out = Vec::new();
        self.collect(None, &mut out);
        out
    }

    fn collect<'a>(&'a self, group: Option<&'a str>, out: &mut Vec<Reference<'a>>) {
        let mut push = |q: &'a str, values: Vec<&'a toml::Value>, strings: Vec<&'a str>| {
            out.push(Reference {
                id: q,
                group,
                values,
                strings,
            });
        };
        match self {
            Condition::Equals { q, value } => push(q, vec![value], vec![]),
            Condition::In { q, values } => push(q, values.iter().collect(), vec![]),
            Condition::Contains { q, value } => push(q, vec![], vec![value]),
            Condition::ContainsAny { q, values } => {
                push(q, vec![], values.iter().map(String::as_str).collect());
            }
            Condition::CountGte { q, .. }
            | Condition::Answered(q)
            | Condition::Gt { q, .. }
            | Condition::Gte { q, .. }
            | Condition::Lt { q, .. }
            | Condition::Lte { q, .. } => push(q, vec![], vec![]),
            Condition::All(all) | Condition::Any(all) => {
                for c in all {
                    c.collect(group, out);
                }
            }
            Condition::Not(inner) => inner.collect(group, out),
            Condition::Linked { .. } | Condition::HasLink(_) => {}
            Condition::AnyRow { q, when } => {
                push(q, vec![], vec![]);
                when.collect(Some(q), out);
            }
        }
    }
}

/// A question or column a condition reads, and the literal values it compares it with.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference<'a> {
    pub id: &'a str,
    /// `Some(group)` when `id` is a column of that group question.
    pub group: Option<&'a str>,
    pub values: Vec<&'a toml::Value>,
    pub strings: Vec<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::LawRegister;

    #[test]
    fn only_the_rules_waiting_for_a_transfer_link_are_cleared_by_one() {
        let law = LawRegister::bundled().expect("law");
        let mut cleared: Vec<(String, Kind)> = crate::template::cache::bundled(&law)
            .expect("templates")
            .iter()
            .flat_map(|t| t.rules.iter())
            .filter_map(|r| r.when.cleared_by_link().map(|kind| (r.id.clone(), kind)))
            .collect();
        cleared.sort();
        let expected = [
            "ds27-transfer-not-assessed",
            "pia17-transfer-not-assessed",
            "ve05-no-tia",
            "ve05-transfer-not-assessed",
        ];
        assert_eq!(
            cleared,
            expected.map(|id| (id.to_owned(), Kind::Transfer)).to_vec()
        );
    }

    #[test]
    fn a_link_required_rather_than_absent_clears_nothing() {
        let linked = Condition::All(vec![Condition::HasLink(Kind::Transfer)]);
        assert_eq!(linked.cleared_by_link(), None);
        let either = Condition::Any(vec![Condition::Not(Box::new(Condition::HasLink(
            Kind::Transfer,
        )))]);
        assert_eq!(either.cleared_by_link(), None, "another branch may hold");
    }
}
