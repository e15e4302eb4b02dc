//! Why a field was left out ([`Ignored`]) and what was repaired ([`Fix`]), each worded in
//! Chinese and English; why a file was refused ([`CnilProblem`]) lives in `error`.

use serde_json::Value;

pub use crate::error::CnilProblem;
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
