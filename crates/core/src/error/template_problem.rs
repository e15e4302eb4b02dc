//! Why a template that parsed is refused. The checks that the product's own reports and importers
//! depend on (roles, CNIL tags) are typed, with their parameters, and worded in zh and en here; the
//! older structural checks are still one English sentence each (`Other`), until each is typed.

use std::fmt;

use crate::i18n::Lang;

/// What relies on a question found by its role (a template `role = "…"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleUser {
    /// The client memo's channel table and facts.
    ClientMemo,
    /// The PIA report.
    PiaReport,
    /// The CNIL PIA tool's file, imported or exported.
    CnilFile,
    /// Keep-until dates of assessments.
    Retention,
}

impl RoleUser {
    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RoleUser::ClientMemo, Lang::En) => "the client memo",
            (RoleUser::ClientMemo, Lang::Zh) => "客户备忘录",
            (RoleUser::PiaReport, Lang::En) => "the PIA report",
            (RoleUser::PiaReport, Lang::Zh) => "个人信息保护影响评估报告",
            (RoleUser::CnilFile, Lang::En) => "the CNIL PIA file exchange",
            (RoleUser::CnilFile, Lang::Zh) => "CNIL PIA 文件的导入导出",
            (RoleUser::Retention, Lang::En) => "the retention dates",
            (RoleUser::Retention, Lang::Zh) => "保存期限",
        }
    }
}

/// One problem of a template, placed by the question it concerns where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateProblem {
    /// No question carries `role`, which `user` finds its question by.
    MissingRole { role: String, user: RoleUser },
    /// More than one question carries `role`: a report would not know which to read.
    DuplicateRole {
        role: String,
        questions: Vec<String>,
    },
    /// `role` sits on a question whose type is not the one its users read (`expected`).
    RoleOnWrongType {
        role: String,
        question: String,
        expected: String,
    },
    /// A `cnil` tag that names no text question of the CNIL PIA tool.
    UnknownCnilTag { question: String, tag: String },
    /// A structural problem, in English.
    Other(String),
}

impl TemplateProblem {
    /// The problem in the reader's language, with what to do about it.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TemplateProblem::MissingRole { role, user }, Lang::En) => format!(
                "no question has role = \"{role}\", which {} looks its question up by: add the role to that question",
                user.name(lang)
            ),
            (TemplateProblem::MissingRole { role, user }, Lang::Zh) => format!(
                "没有问题带有 role = \"{role}\"，而{}按此角色查找问题：请为该问题加上这个角色",
                user.name(lang)
            ),
            (TemplateProblem::DuplicateRole { role, questions }, Lang::En) => format!(
                "role = \"{role}\" is on several questions ({}): keep it on one",
                questions.join(", ")
            ),
            (TemplateProblem::DuplicateRole { role, questions }, Lang::Zh) => format!(
                "role = \"{role}\" 出现在多个问题上（{}）：只能保留在一个问题上",
                questions.join("、")
            ),
            (
                TemplateProblem::RoleOnWrongType {
                    role,
                    question,
                    expected,
                },
                Lang::En,
            ) => format!(
                "question {question}: role = \"{role}\" needs a question of type {expected}"
            ),
            (
                TemplateProblem::RoleOnWrongType {
                    role,
                    question,
                    expected,
                },
                Lang::Zh,
            ) => format!("问题 {question}：role = \"{role}\" 须用于 {expected} 类型的问题"),
            (TemplateProblem::UnknownCnilTag { question, tag }, Lang::En) => format!(
                "question {question}: cnil = \"{tag}\" names no text question of the CNIL PIA tool (numbered as the tool shows them, e.g. 1.1.1)"
            ),
            (TemplateProblem::UnknownCnilTag { question, tag }, Lang::Zh) => format!(
                "问题 {question}：cnil = \"{tag}\" 不是 CNIL PIA 工具中的文本问题（请按工具中的编号填写，如 1.1.1）"
            ),
            (TemplateProblem::Other(text), _) => text.clone(),
        }
    }

    /// The question the problem concerns, for placing it on a line.
    pub fn question(&self) -> Option<&str> {
        match self {
            TemplateProblem::RoleOnWrongType { question, .. }
            | TemplateProblem::UnknownCnilTag { question, .. } => Some(question),
            TemplateProblem::DuplicateRole { questions, .. } => {
                questions.first().map(String::as_str)
            }
            TemplateProblem::MissingRole { .. } | TemplateProblem::Other(_) => None,
        }
    }
}

/// In English, as the `Display` of [`crate::Error::InvalidTemplate`] shows it.
impl fmt::Display for TemplateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl From<String> for TemplateProblem {
    fn from(text: String) -> Self {
        TemplateProblem::Other(text)
    }
}

/// A TOML syntax or shape error as one line: `file:line: message`.
pub(crate) fn toml_error(file: &str, text: &str, error: &toml::de::Error) -> super::Error {
    let line = error
        .span()
        .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    let message = error.message().trim().replace('\n', " ");
    super::Error::InvalidTemplate {
        file: file.to_owned(),
        problems: vec![TemplateProblem::Other(match line {
            Some(line) => format!("line {line}: {message}"),
            None => message,
        })],
    }
}
