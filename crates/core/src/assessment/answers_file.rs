//! The answers file (`assess answer ID --file ANSWERS.toml`): `question_id = value`, with arrays
//! of tables for repeatable groups. Every value is checked against its question's type and
//! choices; any problem refuses the whole file, naming the line and the reason, so nothing is
//! half-written.

use std::collections::BTreeMap;

use toml::Spanned;

use super::answer::{Answer, Answers, Cell, Row};
use crate::error::{AnswerIssue, AnswerProblem, Error, Expected, Result};
use crate::template::{Column, Question, QuestionType, Template};

type Checked<T> = std::result::Result<T, AnswerProblem>;

/// Parses an answers file against `template`. Returns the answers it sets, or every problem with
/// its line.
pub fn parse_answers(file: &str, text: &str, template: &Template) -> Result<Answers> {
    let table: BTreeMap<Spanned<String>, Spanned<toml::Value>> =
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            let detail = e.message().trim().replace('\n', " ");
            invalid(file, vec![at(line, None, AnswerProblem::Syntax { detail })])
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
            let unknown = AnswerProblem::UnknownQuestion {
                id: id.clone(),
                template: template.id.clone(),
            };
            problems.push(at(line, None, unknown));
            continue;
        };
        match convert_question(question, value.get_ref()) {
            Ok(answer) => {
                answers.insert(id.clone(), answer);
            }
            Err(problem) => problems.push(at(
                Some(line_of(text, value.span().start)),
                Some(id),
                problem,
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
pub fn check_answer(question: &Question, value: &toml::Value) -> Checked<Answer> {
    convert_question(question, value)
}

fn convert_question(question: &Question, value: &toml::Value) -> Checked<Answer> {
    match question.kind {
        QuestionType::Group => {
            let rows = value
                .as_array()
                .ok_or(AnswerProblem::Expected(Expected::Rows))?;
            // Every row's problems at once, not the first row's only.
            let mut converted = Vec::new();
            let mut problems = Vec::new();
            for (i, row) in rows.iter().enumerate() {
                match convert_row(&question.columns, row) {
                    Ok(row) => converted.push(row),
                    Err(e) => problems.push((i + 1, e)),
                }
            }
            if problems.is_empty() {
                Ok(Answer::Rows(converted))
            } else {
                Err(AnswerProblem::Rows { rows: problems })
            }
        }
        QuestionType::Evidence => Err(AnswerProblem::EvidenceIsAttached),
        kind => convert_scalar(kind, &question.allowed_values(), value),
    }
}

fn convert_row(
    columns: &[Column],
    value: &toml::Value,
) -> std::result::Result<Row, Vec<AnswerProblem>> {
    let table = value
        .as_table()
        .ok_or_else(|| vec![AnswerProblem::Expected(Expected::Table)])?;
    let mut row = Row::new();
    let mut problems = Vec::new();
    for (key, cell) in table {
        let Some(column) = columns.iter().find(|c| &c.id == key) else {
            problems.push(AnswerProblem::UnknownColumn {
                column: key.clone(),
            });
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
            Ok(Answer::Rows(_)) => problems.push(AnswerProblem::ColumnHoldsRows {
                column: key.clone(),
            }),
            Err(e) => problems.push(AnswerProblem::Cell {
                column: key.clone(),
                problem: Box::new(e),
            }),
        }
    }
    problems.extend(
        columns
            .iter()
            .filter(|c| c.required && !table.contains_key(&c.id))
            .map(|c| AnswerProblem::MissingColumn {
                column: c.id.clone(),
            }),
    );
    if problems.is_empty() {
        Ok(row)
    } else {
        Err(problems)
    }
}

fn convert_scalar(kind: QuestionType, allowed: &[&str], value: &toml::Value) -> Checked<Answer> {
    let allowed_list = || allowed.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
    let expected = |what| AnswerProblem::Expected(what);
    match kind {
        QuestionType::Ynp | QuestionType::SingleChoice => {
            let s = value.as_str().ok_or(expected(Expected::Text))?;
            if allowed.contains(&s) {
                Ok(Answer::Text(s.to_owned()))
            } else {
                Err(AnswerProblem::NotOneOf {
                    value: s.to_owned(),
                    allowed: allowed_list(),
                })
            }
        }
        QuestionType::MultiChoice => {
            let items = value.as_array().ok_or(expected(Expected::TextList))?;
            let mut chosen = Vec::new();
            let mut wrong = Vec::new();
            for item in items {
                let s = item.as_str().ok_or(expected(Expected::TextList))?;
                if !allowed.contains(&s) {
                    wrong.push(s.to_owned());
                } else if !chosen.iter().any(|c| c == s) {
                    chosen.push(s.to_owned());
                }
            }
            if wrong.is_empty() {
                Ok(Answer::List(chosen))
            } else {
                Err(AnswerProblem::NotAmong {
                    values: wrong,
                    allowed: allowed_list(),
                })
            }
        }
        QuestionType::Text => value
            .as_str()
            .map(|s| Answer::Text(s.to_owned()))
            .ok_or(expected(Expected::Text)),
        QuestionType::Date => {
            let text = match value {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(d) => d.to_string(),
                _ => return Err(expected(Expected::Date)),
            };
            chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map(|d| Answer::Text(d.format("%Y-%m-%d").to_string()))
                .map_err(|_| AnswerProblem::NotADate { text })
        }
        QuestionType::Number => match value {
            toml::Value::Integer(i) => Ok(Answer::Number(*i as f64)),
            toml::Value::Float(f) if f.is_finite() => Ok(Answer::Number(*f)),
            _ => Err(expected(Expected::Number)),
        },
        QuestionType::Likelihood | QuestionType::Severity => match value.as_integer() {
            Some(level @ 1..=4) => Ok(Answer::Number(level as f64)),
            _ => Err(expected(Expected::Level)),
        },
        QuestionType::Evidence | QuestionType::Group => Err(AnswerProblem::NotScalar),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn at(line: Option<usize>, question: Option<&str>, problem: AnswerProblem) -> AnswerIssue {
    AnswerIssue {
        line,
        question: question.map(str::to_owned),
        problem,
    }
}

fn invalid(file: &str, problems: Vec<AnswerIssue>) -> Error {
    Error::Answers {
        file: Some(file.to_owned()),
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
        let Err(Error::Answers { problems, .. }) = parse_answers("a.toml", text, &template) else {
            panic!("refused");
        };
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
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
