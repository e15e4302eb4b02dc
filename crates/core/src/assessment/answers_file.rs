//! The answers file (`assess answer ID --file ANSWERS.toml`): `question_id = value`, with arrays
//! of tables for repeatable groups. Every value is checked against its question's type and
//! choices; any problem refuses the whole file, naming the line and the reason, so nothing is
//! half-written.

use std::collections::BTreeMap;

use toml::Spanned;

use super::answer::{Answer, Answers, Cell, Row};
use crate::error::{Error, Result};
use crate::template::{Column, Question, QuestionType, Template};

/// Parses an answers file against `template`. Returns the answers it sets, or every problem with
/// its line.
pub fn parse_answers(file: &str, text: &str, template: &Template) -> Result<Answers> {
    let table: BTreeMap<Spanned<String>, Spanned<toml::Value>> =
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            invalid(file, vec![at(line, e.message().trim().replace('\n', " "))])
        })?;
    let mut answers = Answers::new();
    let mut problems = Vec::new();
    // In file order, so problems are reported line by line.
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    for (key, value) in entries {
        let line = Some(line_of(text, key.span().start));
        let id = key.get_ref();
        let Some(question) = template.question(id) else {
            problems.push(at(
                line,
                format!("unknown question id {id} in template {}", template.id),
            ));
            continue;
        };
        match convert_question(question, value.get_ref()) {
            Ok(answer) => {
                answers.insert(id.clone(), answer);
            }
            Err(reason) => problems.push(at(
                Some(line_of(text, value.span().start)),
                format!("{id}: {reason}"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(invalid(file, problems))
    }
}

/// Checks one answer given through another door (the app) the same way.
pub fn check_answer(
    question: &Question,
    value: &toml::Value,
) -> std::result::Result<Answer, String> {
    convert_question(question, value)
}

fn convert_question(
    question: &Question,
    value: &toml::Value,
) -> std::result::Result<Answer, String> {
    match question.kind {
        QuestionType::Group => {
            let rows = value
                .as_array()
                .ok_or("expected an array of tables ([[id]] rows)")?;
            // Every row's problems at once, not the first row's only.
            let mut converted = Vec::new();
            let mut problems = Vec::new();
            for (i, row) in rows.iter().enumerate() {
                match convert_row(&question.columns, row) {
                    Ok(row) => converted.push(row),
                    Err(e) => problems.push(format!("row {}: {e}", i + 1)),
                }
            }
            if problems.is_empty() {
                Ok(Answer::Rows(converted))
            } else {
                Err(problems.join("; "))
            }
        }
        QuestionType::Evidence => Err(
            "evidence is attached as a file (`dpodesk assess evidence`), not answered".to_owned(),
        ),
        kind => convert_scalar(kind, &question.allowed_values(), value),
    }
}

fn convert_row(columns: &[Column], value: &toml::Value) -> std::result::Result<Row, String> {
    let table = value.as_table().ok_or("expected a table")?;
    let mut row = Row::new();
    let mut problems = Vec::new();
    for (key, cell) in table {
        let Some(column) = columns.iter().find(|c| &c.id == key) else {
            problems.push(format!("unknown column {key}"));
            continue;
        };
        match convert_scalar(column.kind, &column.allowed_values(), cell) {
            Ok(Answer::Number(n)) => {
                row.insert(key.clone(), Cell::Number(n));
            }
            Ok(Answer::Text(t)) => {
                row.insert(key.clone(), Cell::Text(t));
            }
            Ok(Answer::List(l)) => {
                row.insert(key.clone(), Cell::List(l));
            }
            Ok(Answer::Rows(_)) => problems.push(format!("{key}: a column cannot hold rows")),
            Err(e) => problems.push(format!("{key}: {e}")),
        }
    }
    problems.extend(
        columns
            .iter()
            .filter(|c| c.required && !table.contains_key(&c.id))
            .map(|c| format!("required column {} is missing", c.id)),
    );
    if problems.is_empty() {
        Ok(row)
    } else {
        Err(problems.join(", "))
    }
}

fn convert_scalar(
    kind: QuestionType,
    allowed: &[&str],
    value: &toml::Value,
) -> std::result::Result<Answer, String> {
    let one_of = |s: &str| {
        if allowed.contains(&s) {
            Ok(s.to_owned())
        } else {
            Err(format!("{s:?} is not one of: {}", allowed.join(", ")))
        }
    };
    match kind {
        QuestionType::Ynp | QuestionType::SingleChoice => {
            let s = value.as_str().ok_or("expected a string")?;
            one_of(s).map(Answer::Text)
        }
        QuestionType::MultiChoice => {
            let items = value.as_array().ok_or("expected an array of strings")?;
            let mut chosen = Vec::new();
            let mut wrong = Vec::new();
            for item in items {
                let s = item.as_str().ok_or("expected an array of strings")?;
                match one_of(s) {
                    Ok(s) if !chosen.contains(&s) => chosen.push(s),
                    Ok(_) => {}
                    Err(_) => wrong.push(format!("{s:?}")),
                }
            }
            if wrong.is_empty() {
                Ok(Answer::List(chosen))
            } else {
                Err(format!(
                    "{} not among: {}",
                    wrong.join(", "),
                    allowed.join(", ")
                ))
            }
        }
        QuestionType::Text => value
            .as_str()
            .map(|s| Answer::Text(s.to_owned()))
            .ok_or_else(|| "expected a string".to_owned()),
        QuestionType::Date => {
            let text = match value {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(d) => d.to_string(),
                _ => return Err("expected a date YYYY-MM-DD".to_owned()),
            };
            chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map(|d| Answer::Text(d.format("%Y-%m-%d").to_string()))
                .map_err(|_| format!("{text:?} is not a date YYYY-MM-DD"))
        }
        QuestionType::Number => match value {
            toml::Value::Integer(i) => Ok(Answer::Number(*i as f64)),
            toml::Value::Float(f) if f.is_finite() => Ok(Answer::Number(*f)),
            _ => Err("expected a number".to_owned()),
        },
        QuestionType::Likelihood | QuestionType::Severity => match value.as_integer() {
            Some(level @ 1..=4) => Ok(Answer::Number(level as f64)),
            _ => Err("expected a level from 1 to 4".to_owned()),
        },
        QuestionType::Evidence | QuestionType::Group => Err("not a scalar question".to_owned()),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn at(line: Option<usize>, reason: String) -> String {
    match line {
        Some(line) => format!("line {line}: {reason}"),
        None => reason,
    }
}

fn invalid(file: &str, problems: Vec<String>) -> Error {
    Error::InvalidAnswers {
        file: file.to_owned(),
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_of_a_file_is_named_at_once_down_to_each_row_and_cell() {
        let template = crate::template::bundled_for_test("pia");
        let text = "pia01_regime = \"mars\"\npia01_wp248 = [\"x\", \"y\"]\n\n\
                    [[pia10_risks]]\ntitle = \"A\"\nimpact = 9\nlikelihood = 0\n\n\
                    [[pia10_risks]]\ntitle = \"B\"\nnope = 1\n";
        let Err(Error::InvalidAnswers { problems, .. }) = parse_answers("a.toml", text, &template)
        else {
            panic!("refused");
        };
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("pia01_regime"));
        assert!(
            problems[1].contains("\"x\", \"y\" not among"),
            "{}",
            problems[1]
        );
        let rows = &problems[2];
        for part in [
            "row 1: ",
            "impact: ",
            "likelihood: ",
            "row 2: unknown column nope",
        ] {
            assert!(rows.contains(part), "{part} in {rows}");
        }
    }
}
