//! Why an answer was refused — from an answers file, or one answer the app sends — as data with
//! its parameters, worded in Chinese and English from one table. A problem is placed by
//! [`AnswerIssue`]: the file's line when there is a file, and the question.

use std::fmt;

use crate::i18n::Lang;

/// What a value should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    TextList,
    Date,
    Number,
    Level,
    Rows,
    Table,
}

impl Expected {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Expected::Text => ("应为字符串", "expected a string"),
            Expected::TextList => ("应为字符串数组", "expected an array of strings"),
            Expected::Date => ("应为日期 YYYY-MM-DD", "expected a date YYYY-MM-DD"),
            Expected::Number => ("应为数字", "expected a number"),
            Expected::Level => ("应为 1 至 4 的等级", "expected a level from 1 to 4"),
            Expected::Rows => (
                "应为表格数组（[[id]] 各行）",
                "expected an array of tables ([[id]] rows)",
            ),
            Expected::Table => ("应为表格", "expected a table"),
        }
    }
}

/// Why one value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerProblem {
    /// The file is not TOML. `detail` is the parser's own (English) account, kept for English.
    Syntax {
        detail: String,
    },
    UnknownQuestion {
        id: String,
        template: String,
    },
    NotOneOf {
        value: String,
        allowed: Vec<String>,
    },
    /// Values of a multiple choice that are not among its choices.
    NotAmong {
        values: Vec<String>,
        allowed: Vec<String>,
    },
    Expected(Expected),
    NotADate {
        text: String,
    },
    /// An evidence question takes an attached file, not an answer.
    EvidenceIsAttached,
    NotScalar,
    UnknownColumn {
        column: String,
    },
    ColumnHoldsRows {
        column: String,
    },
    MissingColumn {
        column: String,
    },
    /// A cell of a table row.
    Cell {
        column: String,
        problem: Box<AnswerProblem>,
    },
    /// The rows of a table question (1-based) with their problems.
    Rows {
        rows: Vec<(usize, Vec<AnswerProblem>)>,
    },
}

fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("{v:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl AnswerProblem {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            AnswerProblem::Syntax { detail } => {
                if zh {
                    "不是有效的 TOML 格式".to_owned()
                } else {
                    detail.clone()
                }
            }
            AnswerProblem::UnknownQuestion { id, template } => {
                if zh {
                    format!("模板 {template} 中没有问题标识 {id}")
                } else {
                    format!("unknown question id {id} in template {template}")
                }
            }
            AnswerProblem::NotOneOf { value, allowed } => {
                if zh {
                    format!("{value:?} 不在可选值之列：{}", allowed.join("、"))
                } else {
                    format!("{value:?} is not one of: {}", allowed.join(", "))
                }
            }
            AnswerProblem::NotAmong { values, allowed } => {
                if zh {
                    format!("{} 不在可选值之列：{}", quoted(values), allowed.join("、"))
                } else {
                    format!("{} not among: {}", quoted(values), allowed.join(", "))
                }
            }
            AnswerProblem::Expected(what) => lang.pick(what.words().0, what.words().1).to_owned(),
            AnswerProblem::NotADate { text } => {
                if zh {
                    format!("{text:?} 不是 YYYY-MM-DD 格式的日期")
                } else {
                    format!("{text:?} is not a date YYYY-MM-DD")
                }
            }
            AnswerProblem::EvidenceIsAttached => lang
                .pick(
                    "证据以附件文件提交，不作为答案填写",
                    "evidence is attached as a file, not answered",
                )
                .to_owned(),
            AnswerProblem::NotScalar => lang
                .pick("该问题不接受单个值", "not a scalar question")
                .to_owned(),
            AnswerProblem::UnknownColumn { column } => {
                if zh {
                    format!("没有名为 {column} 的列")
                } else {
                    format!("unknown column {column}")
                }
            }
            AnswerProblem::ColumnHoldsRows { column } => {
                if zh {
                    format!("{column}：列中不能再含表格行")
                } else {
                    format!("{column}: a column cannot hold rows")
                }
            }
            AnswerProblem::MissingColumn { column } => {
                if zh {
                    format!("缺少必填列 {column}")
                } else {
                    format!("required column {column} is missing")
                }
            }
            AnswerProblem::Cell { column, problem } => {
                format!("{column}{}{}", lang.pick("：", ": "), problem.message(lang))
            }
            AnswerProblem::Rows { rows } => rows
                .iter()
                .map(|(row, problems)| {
                    let list = problems
                        .iter()
                        .map(|p| p.message(lang))
                        .collect::<Vec<_>>()
                        .join(lang.pick("；", ", "));
                    if zh {
                        format!("第 {row} 条：{list}")
                    } else {
                        format!("row {row}: {list}")
                    }
                })
                .collect::<Vec<_>>()
                .join(lang.pick("。", "; ")),
        }
    }
}

/// English, for logs and `Display`; doors word it with [`AnswerProblem::message`].
impl fmt::Display for AnswerProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// A problem where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerIssue {
    /// The line of the answers file, when the answer came from one.
    pub line: Option<usize>,
    /// The question, once known (an unknown question names itself in the problem).
    pub question: Option<String>,
    pub problem: AnswerProblem,
}

impl AnswerIssue {
    pub fn message(&self, lang: Lang) -> String {
        let mut text = String::new();
        if let Some(line) = self.line {
            text += &match lang {
                Lang::Zh => format!("第 {line} 行："),
                Lang::En => format!("line {line}: "),
            };
        }
        if let Some(question) = &self.question {
            text += question;
            text += lang.pick("：", ": ");
        }
        text + &self.problem.message(lang)
    }
}

impl fmt::Display for AnswerIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each problem reads whole in either language: no English inside the Chinese.
    #[test]
    fn a_problem_reads_in_one_language() {
        let issue = AnswerIssue {
            line: Some(3),
            question: Some("pia10_risks".to_owned()),
            problem: AnswerProblem::Rows {
                rows: vec![(
                    1,
                    vec![AnswerProblem::Cell {
                        column: "impact".to_owned(),
                        problem: Box::new(AnswerProblem::Expected(Expected::Level)),
                    }],
                )],
            },
        };
        assert_eq!(
            issue.message(Lang::En),
            "line 3: pia10_risks: row 1: impact: expected a level from 1 to 4"
        );
        let zh = issue.message(Lang::Zh);
        assert_eq!(
            zh,
            "第 3 行：pia10_risks：第 1 条：impact：应为 1 至 4 的等级"
        );
        let syntax = AnswerProblem::Syntax {
            detail: "expected `=`".to_owned(),
        };
        assert!(!syntax.message(Lang::Zh).contains("expected"));
    }
}
