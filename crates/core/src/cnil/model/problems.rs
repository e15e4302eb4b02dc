//! Why a field was left out ([`Ignored`]), what was repaired ([`Fix`]) and why a file was
//! refused ([`CnilProblem`]), each worded in Chinese and English.

use serde_json::Value;

use crate::error::Error;
use crate::i18n::Lang;

/// Why a field was read but not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ignored {
    /// `id`, `pia_id`, `structure_id`: the source tool's own numbering.
    SourceId,
    /// Record bookkeeping times (`created_at`, `updated_at` of child records).
    RecordTime,
    /// `progress`: the tool recomputes it.
    Recomputed,
    /// `is_example`, `is_archive`: where the tool lists the PIA.
    ToolFlag,
    /// `dbVersion`, `tableName`, … leaked by old releases.
    StorageField,
    /// `lock_version`: server bookkeeping.
    ServerOnly,
    /// `placeholder`, `answer_type`, `evaluation_infos`: editor hints and copies of definitions.
    EditorHint,
    /// `structure_data`: an embedded custom template (questions, not answers).
    TemplateDefinition,
    /// A key the format does not have.
    UnknownField,
}

impl Ignored {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Ignored::SourceId => lang.pick(
                "来源工具自身的编号（导入时重新编号）",
                "the source tool's own ids (renumbered on import)",
            ),
            Ignored::RecordTime => {
                lang.pick("记录的创建和修改时间", "record creation and change times")
            }
            Ignored::Recomputed => lang.pick(
                "完成进度（由工具重新计算）",
                "progress (recomputed by the tool)",
            ),
            Ignored::ToolFlag => lang.pick(
                "示例和归档标记（工具的列表位置）",
                "example and archive flags (where the tool lists the PIA)",
            ),
            Ignored::StorageField => lang.pick(
                "旧版本泄露的存储字段",
                "storage fields leaked by old releases",
            ),
            Ignored::ServerOnly => lang.pick("服务器记账字段", "server bookkeeping"),
            Ignored::EditorHint => lang.pick(
                "编辑器提示和定义副本",
                "editor hints and copies of definitions",
            ),
            Ignored::TemplateDefinition => lang.pick(
                "嵌入的自定义模板定义（只有问题，没有答案）",
                "the embedded custom template (questions, not answers)",
            ),
            Ignored::UnknownField => lang.pick(
                "CNIL 格式中没有的字段",
                "fields the CNIL format does not have",
            ),
        }
    }
}

/// An irregularity repaired while reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// A byte-order mark before the JSON.
    Bom,
    /// The file was a saved revision; its `export` string was read.
    RevisionWrapper,
    /// A string was UTF-8 encoded twice.
    DoubleEncoded { path: String },
    /// A number was written as a string (`"3"`), or `""` for none.
    NumberAsText { path: String },
    /// The old spelling of a field name.
    OldSpelling { path: String, current: &'static str },
    /// A top-level array was missing and read as empty.
    MissingArray { key: &'static str },
    /// Several answers to one question: the most recent was kept.
    DuplicateAnswer { path: String, kept: String },
    /// A reference that names nothing in the file (e.g. a deleted measure).
    UnresolvedReference { path: String },
}

impl Fix {
    pub fn line(&self, lang: Lang) -> String {
        match (self, lang) {
            (Fix::Bom, Lang::En) => "removed a byte-order mark".to_owned(),
            (Fix::Bom, Lang::Zh) => "已去除字节顺序标记（BOM）".to_owned(),
            (Fix::RevisionWrapper, Lang::En) => {
                "read a saved revision (its `export` field)".to_owned()
            }
            (Fix::RevisionWrapper, Lang::Zh) => {
                "读取的是保存的修订版本（其 `export` 字段）".to_owned()
            }
            (Fix::DoubleEncoded { path }, Lang::En) => {
                format!("{path}: repaired double-encoded UTF-8")
            }
            (Fix::DoubleEncoded { path }, Lang::Zh) => format!("{path}：已修复双重 UTF-8 编码"),
            (Fix::NumberAsText { path }, Lang::En) => {
                format!("{path}: number written as text, read as a number")
            }
            (Fix::NumberAsText { path }, Lang::Zh) => {
                format!("{path}：数字以文本形式写入，已按数字读取")
            }
            (Fix::OldSpelling { path, current }, Lang::En) => {
                format!("{path}: old spelling, read as {current}")
            }
            (Fix::OldSpelling { path, current }, Lang::Zh) => {
                format!("{path}：旧拼写，已按 {current} 读取")
            }
            (Fix::MissingArray { key }, Lang::En) => format!("{key}: missing, read as empty"),
            (Fix::MissingArray { key }, Lang::Zh) => format!("{key}：缺失，按空列表读取"),
            (Fix::DuplicateAnswer { path, kept }, Lang::En) => format!(
                "{path}: a second answer to the same question; the most recent ({kept}) is used, the other kept as a note"
            ),
            (Fix::DuplicateAnswer { path, kept }, Lang::Zh) => {
                format!("{path}：同一问题的重复答案；采用最新的（{kept}），另一条保留为备注")
            }
            (Fix::UnresolvedReference { path }, Lang::En) => {
                format!("{path}: refers to nothing in the file; its content is kept as a note")
            }
            (Fix::UnresolvedReference { path }, Lang::Zh) => {
                format!("{path}：引用的对象在文件中不存在；其内容保留为备注")
            }
        }
    }
}

/// Why a CNIL file was refused ([`Error::InvalidCnil`]); worded in both languages.
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

pub(super) fn invalid(field: impl Into<String>, problem: CnilProblem) -> Error {
    Error::InvalidCnil {
        field: field.into(),
        problem,
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(super) fn expected(path: &str, what: &'static str, found: &Value) -> Error {
    invalid(
        path,
        CnilProblem::Expected {
            what,
            found: kind_of(found),
        },
    )
}
