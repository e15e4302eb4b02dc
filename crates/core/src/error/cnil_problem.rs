//! Why a CNIL file was refused, worded in both languages. It lives here, beside the other
//! errors' reasons, so `error` stays a leaf; `cnil` re-exports it where its callers look.

use crate::i18n::Lang;

/// Why a CNIL file was refused ([`super::Error::InvalidCnil`]); worded in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CnilProblem {
    Empty,
    NotUtf8 {
        offset: usize,
    },
    Truncated,
    NotJson {
        line: usize,
        column: usize,
    },
    NotAPia,
    TemplateExport,
    ServerList,
    Missing,
    Blank,
    Expected {
        what: &'static str,
        found: &'static str,
    },
    Gauge {
        value: String,
    },
    Status {
        value: String,
        allowed: &'static str,
    },
    QuestionId {
        value: String,
    },
}

impl CnilProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CnilProblem::Empty, Lang::En) => "the file is empty: export the PIA from the CNIL tool again".to_owned(),
            (CnilProblem::Empty, Lang::Zh) => "文件为空：请从 CNIL 工具重新导出该 PIA".to_owned(),
            (CnilProblem::NotUtf8 { offset }, Lang::En) => format!("the file is not UTF-8 text (byte {offset}): export the PIA again as JSON"),
            (CnilProblem::NotUtf8 { offset }, Lang::Zh) => format!("文件不是 UTF-8 文本（第 {offset} 字节）：请重新导出为 JSON"),
            (CnilProblem::Truncated, Lang::En) => "the JSON ends too early, so the file is cut off: copy or export it again".to_owned(),
            (CnilProblem::Truncated, Lang::Zh) => "JSON 提前结束，文件不完整：请重新复制或导出".to_owned(),
            (CnilProblem::NotJson { line, column }, Lang::En) => format!("not valid JSON (line {line}, column {column}): the file is not a CNIL PIA export"),
            (CnilProblem::NotJson { line, column }, Lang::Zh) => format!("不是有效的 JSON（第 {line} 行第 {column} 列）：该文件不是 CNIL PIA 导出文件"),
            (CnilProblem::NotAPia, Lang::En) => "there is no `pia` object, so this is not a CNIL PIA export: export the PIA (not a template or a report) from the tool".to_owned(),
            (CnilProblem::NotAPia, Lang::Zh) => "没有 `pia` 对象，不是 CNIL PIA 导出文件：请从工具导出 PIA 本身（而非模板或报告）".to_owned(),
            (CnilProblem::TemplateExport, Lang::En) => "this is a CNIL template (`structure`) export, not a PIA: export the PIA itself".to_owned(),
            (CnilProblem::TemplateExport, Lang::Zh) => "这是 CNIL 模板（`structure`）导出文件，不是 PIA：请导出 PIA 本身".to_owned(),
            (CnilProblem::ServerList, Lang::En) => "this is a list of PIAs from the CNIL server, not one PIA export: export a single PIA from the tool".to_owned(),
            (CnilProblem::ServerList, Lang::Zh) => "这是 CNIL 服务器的 PIA 列表，不是单个 PIA 导出：请从工具导出单个 PIA".to_owned(),
            (CnilProblem::Missing, Lang::En) => "is required but missing".to_owned(),
            (CnilProblem::Missing, Lang::Zh) => "为必填项，但缺失".to_owned(),
            (CnilProblem::Blank, Lang::En) => "must not be empty: give the PIA a name in the CNIL tool".to_owned(),
            (CnilProblem::Blank, Lang::Zh) => "不能为空：请在 CNIL 工具中为该 PIA 命名".to_owned(),
            (CnilProblem::Expected { what, found }, Lang::En) => format!("expected {what}, found {found}"),
            (CnilProblem::Expected { what, found }, Lang::Zh) => format!("应为{}，实际为{}", zh_kind(what), zh_kind(found)),
            (CnilProblem::Gauge { value }, Lang::En) => format!("{value} is not a gauge level: use 1–4 (0 or null for not set)"),
            (CnilProblem::Gauge { value }, Lang::Zh) => format!("{value} 不是有效的等级：应为 1–4（0 或 null 表示未设置）"),
            (CnilProblem::Status { value, allowed }, Lang::En) => format!("{value} is not a known status: expected {allowed}"),
            (CnilProblem::Status { value, allowed }, Lang::Zh) => format!("{value} 不是已知的状态值：应为 {allowed}"),
            (CnilProblem::QuestionId { value }, Lang::En) => format!("{value} is not a question id (a number such as 111)"),
            (CnilProblem::QuestionId { value }, Lang::Zh) => format!("{value} 不是问题编号（应为 111 这样的数字）"),
        }
    }
}

fn zh_kind(kind: &str) -> &str {
    match kind {
        "an object" => "对象",
        "an array" => "数组",
        "text" => "文本",
        "a number" => "数字",
        "true, false or null" => "true、false 或 null",
        "an array of text" => "文本数组",
        "null" => "null",
        "true or false" => "true 或 false",
        other => other,
    }
}
