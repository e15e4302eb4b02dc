//! Answers: the values a user gives, keyed by question id. One type for every question kind, so
//! answers store as JSON in the vault and evaluate the same everywhere.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One answer. Choice, ynp, text and date answers are `Text`; multiple choices and evidence ids
/// are `List`; numbers and 1–4 levels are `Number`; a repeatable group is `Rows`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Number(f64),
    Text(String),
    List(Vec<String>),
    Rows(Vec<Row>),
}

/// One row of a group answer: column id → cell.
pub type Row = BTreeMap<String, Cell>;

/// A cell of a group row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    Number(f64),
    Text(String),
    List(Vec<String>),
}

/// All answers of an assessment, by question id (sorted, so hashing and diffs are stable).
pub type Answers = BTreeMap<String, Answer>;

impl Answer {
    /// The answer as the answers-file checker reads it (`check_answer`): whole numbers as TOML
    /// integers, so 1–4 levels are accepted as levels.
    pub fn to_toml(&self) -> toml::Value {
        fn number(n: f64) -> toml::Value {
            if n.fract() == 0.0 && n.abs() < 9e15 {
                toml::Value::Integer(n as i64)
            } else {
                toml::Value::Float(n)
            }
        }
        fn list(items: &[String]) -> toml::Value {
            toml::Value::Array(items.iter().cloned().map(toml::Value::String).collect())
        }
        match self {
            Answer::Number(n) => number(*n),
            Answer::Text(t) => toml::Value::String(t.clone()),
            Answer::List(items) => list(items),
            Answer::Rows(rows) => toml::Value::Array(
                rows.iter()
                    .map(|row| {
                        toml::Value::Table(
                            row.iter()
                                .map(|(k, cell)| {
                                    let v = match cell {
                                        Cell::Number(n) => number(*n),
                                        Cell::Text(t) => toml::Value::String(t.clone()),
                                        Cell::List(items) => list(items),
                                    };
                                    (k.clone(), v)
                                })
                                .collect(),
                        )
                    })
                    .collect(),
            ),
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Answer::Text(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            Answer::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[String]> {
        match self {
            Answer::List(items) => Some(items),
            // An empty group and an empty list serialize alike.
            Answer::Rows(rows) if rows.is_empty() => Some(&[]),
            _ => None,
        }
    }

    pub fn as_rows(&self) -> Option<&[Row]> {
        match self {
            Answer::Rows(rows) => Some(rows),
            Answer::List(items) if items.is_empty() => Some(&[]),
            _ => None,
        }
    }

    /// Whether the answer says anything (an empty text or list is no answer).
    pub fn is_given(&self) -> bool {
        match self {
            Answer::Number(_) => true,
            Answer::Text(text) => !text.trim().is_empty(),
            Answer::List(items) => !items.is_empty(),
            Answer::Rows(rows) => !rows.is_empty(),
        }
    }
}

impl Cell {
    pub fn to_answer(&self) -> Answer {
        match self {
            Cell::Number(n) => Answer::Number(*n),
            Cell::Text(t) => Answer::Text(t.clone()),
            Cell::List(l) => Answer::List(l.clone()),
        }
    }
}
