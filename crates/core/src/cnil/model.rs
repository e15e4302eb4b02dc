//! The CNIL PIA file as read: a tolerant parser from bytes to [`CnilPia`]. It accepts the dirty
//! inputs real files carry (a BOM, a revision wrapper, gauges and ids written as strings, the old
//! misspelled field names, double-encoded UTF-8, missing arrays) and notes each repair; anything
//! else unexpected is refused with the JSON path of the field, before anything is imported.
//! Every field it reads is either kept with its path or listed in `ignored` with a reason, so the
//! mapping report can account for all of them. The format: `docs/cnil-pia-format.md`.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::i18n::Lang;

/// A value read from the file, with the JSON path it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Src<T> {
    pub path: String,
    pub value: T,
}

/// A parsed CNIL PIA export.
#[derive(Debug, Clone, Default)]
pub struct CnilPia {
    pub header: Header,
    pub answers: Vec<CnilAnswer>,
    pub measures: Vec<Measure>,
    pub evaluations: Vec<Evaluation>,
    pub comments: Vec<Comment>,
    /// Fields read but deliberately not kept, with why.
    pub ignored: Vec<(String, Ignored)>,
    /// Paths of fields that were present but empty (null, blank, 0 where 0 means unset).
    pub empty: Vec<String>,
    /// Irregularities that were repaired while reading.
    pub fixes: Vec<Fix>,
}

/// The `pia` object. Text fields hold `None` when missing, null or blank.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub name: Src<String>,
    pub category: Option<Src<String>>,
    pub status: Option<Src<u8>>,
    pub author_name: Option<Src<String>>,
    pub evaluator_name: Option<Src<String>>,
    pub validator_name: Option<Src<String>>,
    pub dpos_names: Option<Src<String>>,
    pub dpo_status: Option<Src<u8>>,
    pub dpo_opinion: Option<Src<String>>,
    pub people_searched: Option<Src<bool>>,
    pub people_searched_content: Option<Src<String>>,
    pub people_names: Option<Src<String>>,
    pub people_status: Option<Src<u8>>,
    pub people_opinion: Option<Src<String>>,
    pub rejection_reason: Option<Src<String>>,
    pub applied_adjustments: Option<Src<String>>,
    pub created_at: Option<Src<String>>,
    pub updated_at: Option<Src<String>>,
    pub structure_name: Option<Src<String>>,
    pub structure_sector: Option<Src<String>>,
    /// Question titles of an embedded custom template, by question id.
    pub structure_questions: Vec<(u32, String)>,
    pub users: Vec<Src<String>>,
}

/// One record of `answers`.
#[derive(Debug, Clone)]
pub struct CnilAnswer {
    pub path: String,
    pub question: u32,
    pub text: Option<Src<String>>,
    pub gauge: Option<Src<u8>>,
    pub list: Option<Src<Vec<String>>>,
    pub updated_at: Option<String>,
}

/// One control of item 3.1.
#[derive(Debug, Clone)]
pub struct Measure {
    pub path: String,
    pub id: Option<String>,
    pub title: Option<Src<String>>,
    pub content: Option<Src<String>>,
}

/// One evaluator verdict.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub path: String,
    pub reference: Src<String>,
    pub status: Option<Src<u8>>,
    pub global_status: Option<Src<u8>>,
    pub action_plan: Option<Src<String>>,
    pub comment: Option<Src<String>>,
    /// Residual severity (`gauges.x`) and likelihood (`gauges.y`), 1–4 when set.
    pub residual_severity: Option<Src<u8>>,
    pub residual_likelihood: Option<Src<u8>>,
    pub implementation_date: Option<Src<String>>,
    pub person_in_charge: Option<Src<String>>,
    pub evaluation_date: Option<Src<String>>,
}

/// One discussion note.
#[derive(Debug, Clone)]
pub struct Comment {
    pub path: String,
    pub reference: Option<String>,
    pub for_measure: Option<Src<bool>>,
    pub description: Option<Src<String>>,
    pub author: Option<Src<String>>,
    pub created_at: Option<Src<String>>,
}

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

fn invalid(field: impl Into<String>, problem: CnilProblem) -> Error {
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

fn expected(path: &str, what: &'static str, found: &Value) -> Error {
    invalid(
        path,
        CnilProblem::Expected {
            what,
            found: kind_of(found),
        },
    )
}

/// Parses a CNIL PIA export (or a saved revision of one). All or nothing: the first problem is
/// returned with the JSON path of its field.
pub fn parse(bytes: &[u8]) -> Result<CnilPia> {
    let mut reader = Reader::default();
    let mut bytes = bytes;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        bytes = rest;
        reader.fixes.push(Fix::Bom);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid("$", CnilProblem::Empty));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        invalid(
            "$",
            CnilProblem::NotUtf8 {
                offset: e.valid_up_to(),
            },
        )
    })?;
    let mut root = json(text, "$")?;
    if let Value::Object(map) = &root
        && !map.contains_key("pia")
        && map.contains_key("export")
    {
        root = match &map["export"] {
            Value::String(inner) => json(inner.trim_start_matches('\u{feff}'), "export")?,
            Value::Object(_) => map["export"].clone(),
            other => return Err(expected("export", "text", other)),
        };
        reader.fixes.push(Fix::RevisionWrapper);
    }
    let root = match root {
        Value::Object(map) => map,
        Value::Array(_) => return Err(invalid("$", CnilProblem::ServerList)),
        other => return Err(expected("$", "an object", &other)),
    };
    reader.document(&root)
}

fn json(text: &str, field: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            invalid(field, CnilProblem::Truncated)
        } else {
            invalid(
                field,
                CnilProblem::NotJson {
                    line: e.line(),
                    column: e.column(),
                },
            )
        }
    })
}

#[derive(Default)]
struct Reader {
    ignored: Vec<(String, Ignored)>,
    fixes: Vec<Fix>,
    empty: Vec<String>,
}

const STORAGE_FIELDS: [&str; 5] = [
    "dbVersion",
    "tableName",
    "serverUrl",
    "objectStore",
    "numberOfQuestions",
];

impl Reader {
    fn document(mut self, root: &Map<String, Value>) -> Result<CnilPia> {
        let Some(pia) = root.get("pia") else {
            return Err(if root.contains_key("structure") {
                invalid("$", CnilProblem::TemplateExport)
            } else {
                invalid("pia", CnilProblem::NotAPia)
            });
        };
        let Value::Object(pia) = pia else {
            return Err(expected("pia", "an object", pia));
        };
        let header = self.header(pia)?;
        let answers = self.records(root, "answers", Self::answer)?;
        let measures = self.records(root, "measures", Self::measure)?;
        let evaluations = self.records(root, "evaluations", Self::evaluation)?;
        let comments = self.records(root, "comments", Self::comment)?;
        for key in root.keys() {
            if !matches!(
                key.as_str(),
                "pia" | "answers" | "measures" | "evaluations" | "comments"
            ) {
                self.ignored.push((key.clone(), Ignored::UnknownField));
            }
        }
        Ok(CnilPia {
            header,
            answers,
            measures,
            evaluations,
            comments,
            ignored: self.ignored,
            empty: self.empty,
            fixes: self.fixes,
        })
    }

    fn records<T>(
        &mut self,
        root: &Map<String, Value>,
        key: &'static str,
        read: fn(&mut Self, &str, &Map<String, Value>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let items = match root.get(key) {
            None | Some(Value::Null) => {
                self.fixes.push(Fix::MissingArray { key });
                return Ok(Vec::new());
            }
            Some(Value::Array(items)) => items,
            Some(other) => return Err(expected(key, "an array", other)),
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let path = format!("{key}[{i}]");
                match item {
                    Value::Object(map) => read(self, &path, map),
                    other => Err(expected(&path, "an object", other)),
                }
            })
            .collect()
    }

    fn header(&mut self, pia: &Map<String, Value>) -> Result<Header> {
        let mut h = Header {
            name: match self.text(pia, "pia", "name")? {
                Some(name) => name,
                None if pia.contains_key("name") => {
                    return Err(invalid("pia.name", CnilProblem::Blank));
                }
                None => return Err(invalid("pia.name", CnilProblem::Missing)),
            },
            ..Header::default()
        };
        h.category = self.text(pia, "pia", "category")?;
        h.status = self.small(pia, "pia", "status", 4, "0 to 4")?;
        h.author_name = self.text(pia, "pia", "author_name")?;
        h.evaluator_name = self.text(pia, "pia", "evaluator_name")?;
        h.validator_name = self.text(pia, "pia", "validator_name")?;
        h.dpos_names = self.text(pia, "pia", "dpos_names")?;
        h.dpo_status = self.small(pia, "pia", "dpo_status", 1, "0, 1 or null")?;
        h.dpo_opinion = self.text(pia, "pia", "dpo_opinion")?;
        h.people_searched = self.flag(pia, "pia", "concerned_people_searched_opinion")?;
        h.people_searched_content = self.text(pia, "pia", "concerned_people_searched_content")?;
        h.people_names = self.text(pia, "pia", "people_names")?;
        h.people_status = self.small(pia, "pia", "concerned_people_status", 1, "0, 1 or null")?;
        h.people_opinion = self.text(pia, "pia", "concerned_people_opinion")?;
        h.rejection_reason = self.spelled(pia, "rejection_reason", "rejected_reason")?;
        h.applied_adjustments = self.spelled(pia, "applied_adjustments", "applied_adjustements")?;
        h.created_at = self.text(pia, "pia", "created_at")?;
        h.updated_at = self.text(pia, "pia", "updated_at")?;
        h.structure_name = self.text(pia, "pia", "structure_name")?;
        h.structure_sector = self.text(pia, "pia", "structure_sector_name")?;
        let structure_used = pia.get("structure_id").is_some_and(|id| match id {
            Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
            Value::String(s) => !s.trim().is_empty() && s.trim() != "0",
            _ => false,
        });
        if structure_used && let Some(data) = pia.get("structure_data") {
            h.structure_questions = structure_questions(data);
        }
        if let Some(users) = pia.get("user_pias") {
            h.users = self.users(users)?;
        }
        for key in pia.keys() {
            let path = format!("pia.{key}");
            let reason = match key.as_str() {
                "id" | "structure_id" => Ignored::SourceId,
                "progress" => Ignored::Recomputed,
                "is_example" | "is_archive" => Ignored::ToolFlag,
                "lock_version" => Ignored::ServerOnly,
                "structure_data" => Ignored::TemplateDefinition,
                k if STORAGE_FIELDS.contains(&k) => Ignored::StorageField,
                "name"
                | "category"
                | "status"
                | "author_name"
                | "evaluator_name"
                | "validator_name"
                | "dpos_names"
                | "dpo_status"
                | "dpo_opinion"
                | "concerned_people_searched_opinion"
                | "concerned_people_searched_content"
                | "people_names"
                | "concerned_people_status"
                | "concerned_people_opinion"
                | "rejection_reason"
                | "rejected_reason"
                | "applied_adjustments"
                | "applied_adjustements"
                | "created_at"
                | "updated_at"
                | "structure_name"
                | "structure_sector_name"
                | "user_pias" => continue,
                _ => Ignored::UnknownField,
            };
            self.ignored.push((path, reason));
        }
        Ok(h)
    }

    fn users(&mut self, users: &Value) -> Result<Vec<Src<String>>> {
        let items = match users {
            Value::Null => return Ok(Vec::new()),
            Value::Array(items) => items,
            other => return Err(expected("pia.user_pias", "an array", other)),
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("pia.user_pias[{i}]");
            let Value::Object(map) = item else {
                return Err(expected(&path, "an object", item));
            };
            let role = self.text(map, &path, "role")?.map(|r| r.value);
            let user = match map.get("user") {
                Some(Value::Object(user)) => Some(user),
                None | Some(Value::Null) => None,
                Some(other) => return Err(expected(&format!("{path}.user"), "an object", other)),
            };
            let mut who = Vec::new();
            if let Some(user) = user {
                let user_path = format!("{path}.user");
                for key in ["firstname", "lastname", "email"] {
                    if let Some(part) = self.text(user, &user_path, key)? {
                        who.push(if key == "email" {
                            format!("<{}>", part.value)
                        } else {
                            part.value
                        });
                    }
                }
                if user.contains_key("id") {
                    self.ignored
                        .push((format!("{user_path}.id"), Ignored::SourceId));
                }
            }
            if who.is_empty() && role.is_none() {
                self.empty.push(path);
                continue;
            }
            let role = role.unwrap_or_else(|| "?".to_owned());
            out.push(Src {
                path,
                value: format!("{role}: {}", who.join(" ")),
            });
        }
        Ok(out)
    }

    fn answer(&mut self, path: &str, map: &Map<String, Value>) -> Result<CnilAnswer> {
        let question = match map.get("reference_to") {
            None | Some(Value::Null) => {
                return Err(invalid(
                    format!("{path}.reference_to"),
                    CnilProblem::Missing,
                ));
            }
            Some(value) => self.question_id(&format!("{path}.reference_to"), value)?,
        };
        let data_path = format!("{path}.data");
        let (text, gauge, list) = match map.get("data") {
            None | Some(Value::Null) => {
                self.empty.push(data_path);
                (None, None, None)
            }
            Some(Value::Object(data)) => {
                let text = self.text(data, &data_path, "text")?;
                let gauge = self.gauge(data, &data_path, "gauge")?;
                let list = self.list(data, &data_path, "list")?;
                for key in data.keys() {
                    if !matches!(key.as_str(), "text" | "gauge" | "list") {
                        self.ignored
                            .push((format!("{data_path}.{key}"), Ignored::UnknownField));
                    }
                }
                (text, gauge, list)
            }
            Some(other) => return Err(expected(&data_path, "an object", other)),
        };
        let updated_at = self.time(map, path, "updated_at")?;
        self.rest(path, map, &["reference_to", "data"]);
        Ok(CnilAnswer {
            path: path.to_owned(),
            question,
            text,
            gauge,
            list,
            updated_at,
        })
    }

    fn measure(&mut self, path: &str, map: &Map<String, Value>) -> Result<Measure> {
        let id = match map.get("id") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Some(Value::String(_)) => None,
            Some(other) => return Err(expected(&format!("{path}.id"), "a number", other)),
        };
        let title = self.text(map, path, "title")?;
        let content = self.text(map, path, "content")?;
        self.rest(path, map, &["title", "content"]);
        Ok(Measure {
            path: path.to_owned(),
            id,
            title,
            content,
        })
    }

    fn evaluation(&mut self, path: &str, map: &Map<String, Value>) -> Result<Evaluation> {
        let ref_path = format!("{path}.reference_to");
        let reference = match map.get("reference_to") {
            None | Some(Value::Null) => return Err(invalid(ref_path, CnilProblem::Missing)),
            Some(Value::String(s)) => s.trim().to_owned(),
            // The tool needs a string; a number such as 3.2 still says which item it means.
            Some(Value::Number(n)) => {
                self.fixes.push(Fix::NumberAsText {
                    path: ref_path.clone(),
                });
                n.to_string()
            }
            Some(other) => return Err(expected(&ref_path, "text", other)),
        };
        let status = self.small(map, path, "status", 3, "0 to 3")?;
        let global_status = self.small(map, path, "global_status", 2, "0 to 2")?;
        let action_plan = self.text(map, path, "action_plan_comment")?;
        let comment = self.text(map, path, "evaluation_comment")?;
        let (residual_severity, residual_likelihood) = match map.get("gauges") {
            None | Some(Value::Null) => (None, None),
            Some(Value::Object(gauges)) => {
                let gauges_path = format!("{path}.gauges");
                let x = self.gauge(gauges, &gauges_path, "x")?;
                let y = self.gauge(gauges, &gauges_path, "y")?;
                (x, y)
            }
            // Server exports may carry the gauges as a JSON string.
            Some(Value::String(s)) if s.trim().is_empty() => (None, None),
            Some(Value::String(s)) => {
                let gauges_path = format!("{path}.gauges");
                let Value::Object(gauges) = json(s, &gauges_path)? else {
                    return Err(invalid(
                        gauges_path,
                        CnilProblem::Expected {
                            what: "an object",
                            found: "text",
                        },
                    ));
                };
                self.fixes.push(Fix::NumberAsText {
                    path: gauges_path.clone(),
                });
                (
                    self.gauge(&gauges, &gauges_path, "x")?,
                    self.gauge(&gauges, &gauges_path, "y")?,
                )
            }
            Some(other) => return Err(expected(&format!("{path}.gauges"), "an object", other)),
        };
        let implementation_date = self.text(map, path, "estimated_implementation_date")?;
        let person_in_charge = self.text(map, path, "person_in_charge")?;
        let evaluation_date = self.text(map, path, "evaluation_date")?;
        self.rest(
            path,
            map,
            &[
                "reference_to",
                "status",
                "global_status",
                "action_plan_comment",
                "evaluation_comment",
                "gauges",
                "estimated_implementation_date",
                "person_in_charge",
                "evaluation_date",
            ],
        );
        Ok(Evaluation {
            path: path.to_owned(),
            reference: Src {
                path: ref_path,
                value: reference,
            },
            status,
            global_status,
            action_plan,
            comment,
            residual_severity,
            residual_likelihood,
            implementation_date,
            person_in_charge,
            evaluation_date,
        })
    }

    fn comment(&mut self, path: &str, map: &Map<String, Value>) -> Result<Comment> {
        let reference = match map.get("reference_to") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::String(s)) => Some(s.trim().to_owned()),
            Some(other) => {
                return Err(expected(&format!("{path}.reference_to"), "a number", other));
            }
        };
        let for_measure = self.flag(map, path, "for_measure")?;
        let description = self.text(map, path, "description")?;
        let user_path = format!("{path}.user");
        let author = match map.get("user") {
            Some(Value::Object(user)) => {
                let mut parts = Vec::new();
                for key in ["firstname", "lastname"] {
                    if let Some(part) = self.text(user, &user_path, key)? {
                        parts.push(part.value);
                    }
                }
                for key in user.keys() {
                    if !matches!(key.as_str(), "firstname" | "lastname") {
                        let reason = if key == "id" {
                            Ignored::SourceId
                        } else {
                            Ignored::UnknownField
                        };
                        self.ignored.push((format!("{user_path}.{key}"), reason));
                    }
                }
                (!parts.is_empty()).then(|| Src {
                    path: user_path,
                    value: parts.join(" "),
                })
            }
            Some(Value::String(_)) => self.text(map, path, "user")?,
            _ => None,
        };
        let created_at = self.text(map, path, "created_at")?;
        self.rest(
            path,
            map,
            &[
                "reference_to",
                "for_measure",
                "description",
                "user",
                "created_at",
            ],
        );
        Ok(Comment {
            path: path.to_owned(),
            reference,
            for_measure,
            description,
            author,
            created_at,
        })
    }

    /// Accounts for the record fields a reader does not keep.
    fn rest(&mut self, path: &str, map: &Map<String, Value>, used: &[&str]) {
        for key in map.keys() {
            if used.contains(&key.as_str()) {
                continue;
            }
            let reason = match key.as_str() {
                "id" | "pia_id" => Ignored::SourceId,
                "created_at" | "updated_at" => Ignored::RecordTime,
                "lock_version" => Ignored::ServerOnly,
                "placeholder" | "answer_type" | "evaluation_infos" => Ignored::EditorHint,
                _ => Ignored::UnknownField,
            };
            self.ignored.push((format!("{path}.{key}"), reason));
        }
    }

    fn repaired(&mut self, path: &str, text: &str) -> String {
        match super::text::repair_mojibake(text) {
            Some(fixed) => {
                self.fixes.push(Fix::DoubleEncoded {
                    path: path.to_owned(),
                });
                fixed
            }
            None => text.to_owned(),
        }
    }

    /// A text field: `None` when missing, null or blank (blank ones are listed as empty).
    fn text(
        &mut self,
        map: &Map<String, Value>,
        parent: &str,
        key: &str,
    ) -> Result<Option<Src<String>>> {
        let path = format!("{parent}.{key}");
        match map.get(key) {
            None => Ok(None),
            Some(Value::Null) => {
                self.empty.push(path);
                Ok(None)
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.empty.push(path);
                Ok(None)
            }
            Some(Value::String(s)) => {
                let value = self.repaired(&path, s);
                Ok(Some(Src { path, value }))
            }
            Some(other) => Err(expected(&path, "text", other)),
        }
    }

    /// A time field kept only to order duplicates and label notes.
    fn time(
        &mut self,
        map: &Map<String, Value>,
        parent: &str,
        key: &str,
    ) -> Result<Option<String>> {
        match map.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.trim().to_owned())),
            None | Some(Value::Null | Value::String(_)) => Ok(None),
            Some(other) => Err(expected(&format!("{parent}.{key}"), "text", other)),
        }
    }

    fn spelled(
        &mut self,
        pia: &Map<String, Value>,
        current: &'static str,
        old: &str,
    ) -> Result<Option<Src<String>>> {
        if let Some(value) = self.text(pia, "pia", current)? {
            return Ok(Some(value));
        }
        let value = self.text(pia, "pia", old)?;
        if value.is_some() {
            self.fixes.push(Fix::OldSpelling {
                path: format!("pia.{old}"),
                current,
            });
        }
        Ok(value)
    }

    fn flag(
        &mut self,
        map: &Map<String, Value>,
        parent: &str,
        key: &str,
    ) -> Result<Option<Src<bool>>> {
        let path = format!("{parent}.{key}");
        let value = match map.get(key) {
            None => return Ok(None),
            Some(Value::Null) => {
                self.empty.push(path);
                return Ok(None);
            }
            Some(Value::Bool(b)) => *b,
            // Form-data exports write booleans as text or 0/1.
            Some(Value::String(s)) if matches!(s.trim(), "true" | "1") => true,
            Some(Value::String(s)) if matches!(s.trim(), "false" | "0") => false,
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.empty.push(path);
                return Ok(None);
            }
            Some(Value::Number(n)) if n.as_i64() == Some(1) => true,
            Some(Value::Number(n)) if n.as_i64() == Some(0) => false,
            Some(other) => return Err(expected(&path, "true, false or null", other)),
        };
        Ok(Some(Src { path, value }))
    }

    /// A small enumerated integer (statuses): digits in a string are accepted, `""` is none.
    fn small(
        &mut self,
        map: &Map<String, Value>,
        parent: &str,
        key: &str,
        max: u8,
        allowed: &'static str,
    ) -> Result<Option<Src<u8>>> {
        let path = format!("{parent}.{key}");
        let Some(value) = self.number(map, &path, key)? else {
            return Ok(None);
        };
        match u8::try_from(value).ok().filter(|v| *v <= max) {
            Some(v) => Ok(Some(Src { path, value: v })),
            None => Err(invalid(
                path,
                CnilProblem::Status {
                    value: value.to_string(),
                    allowed,
                },
            )),
        }
    }

    /// A 1–4 gauge; 0, null, `""` and a missing key are "not set".
    fn gauge(
        &mut self,
        map: &Map<String, Value>,
        parent: &str,
        key: &str,
    ) -> Result<Option<Src<u8>>> {
        let path = format!("{parent}.{key}");
        let raw = map.get(key);
        let value = match raw {
            Some(Value::String(s)) if s.trim().parse::<f64>().is_err() && !s.trim().is_empty() => {
                return Err(invalid(
                    path,
                    CnilProblem::Gauge {
                        value: format!("{s:?}"),
                    },
                ));
            }
            Some(Value::Number(n))
                if n.as_i64().is_none() && n.as_f64().is_some_and(|f| f.fract() != 0.0) =>
            {
                return Err(invalid(
                    path,
                    CnilProblem::Gauge {
                        value: n.to_string(),
                    },
                ));
            }
            _ => self.number(map, &path, key)?,
        };
        match value {
            None => Ok(None),
            Some(0) => {
                self.empty.push(path);
                Ok(None)
            }
            Some(v @ 1..=4) => Ok(Some(Src {
                path,
                value: v as u8,
            })),
            Some(v) => Err(invalid(
                path,
                CnilProblem::Gauge {
                    value: v.to_string(),
                },
            )),
        }
    }

    /// An integer, also when written as text; `""` and null are none.
    fn number(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Result<Option<i64>> {
        match map.get(key) {
            None => Ok(None),
            Some(Value::Null) => {
                self.empty.push(path.to_owned());
                Ok(None)
            }
            Some(Value::Number(n)) => match n.as_i64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                    .map(|f| f as i64)
            }) {
                Some(v) => Ok(Some(v)),
                None => Err(invalid(
                    path,
                    CnilProblem::Status {
                        value: n.to_string(),
                        allowed: "a whole number",
                    },
                )),
            },
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.fixes.push(Fix::NumberAsText {
                    path: path.to_owned(),
                });
                self.empty.push(path.to_owned());
                Ok(None)
            }
            Some(Value::String(s)) => match s.trim().parse::<i64>() {
                Ok(v) => {
                    self.fixes.push(Fix::NumberAsText {
                        path: path.to_owned(),
                    });
                    Ok(Some(v))
                }
                Err(_) => Err(invalid(
                    path,
                    CnilProblem::Status {
                        value: format!("{s:?}"),
                        allowed: "a whole number",
                    },
                )),
            },
            Some(other) => Err(expected(path, "a number", other)),
        }
    }

    fn list(
        &mut self,
        map: &Map<String, Value>,
        parent: &str,
        key: &str,
    ) -> Result<Option<Src<Vec<String>>>> {
        let path = format!("{parent}.{key}");
        let items = match map.get(key) {
            None => return Ok(None),
            Some(Value::Null) => {
                self.empty.push(path);
                return Ok(None);
            }
            Some(Value::Array(items)) => items,
            Some(other) => return Err(expected(&path, "an array of text", other)),
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::String(s) if s.trim().is_empty() => {}
                Value::String(s) => out.push(self.repaired(&format!("{path}[{i}]"), s.trim())),
                Value::Number(n) => out.push(n.to_string()),
                other => return Err(expected(&format!("{path}[{i}]"), "text", other)),
            }
        }
        if out.is_empty() {
            self.empty.push(path);
            return Ok(None);
        }
        Ok(Some(Src { path, value: out }))
    }

    fn question_id(&mut self, path: &str, value: &Value) -> Result<u32> {
        let bad = |v: String| invalid(path, CnilProblem::QuestionId { value: v });
        match value {
            Value::Number(n) => n
                .as_u64()
                .and_then(|v| u32::try_from(v).ok())
                .ok_or_else(|| bad(n.to_string())),
            Value::String(s) => {
                let id = s.trim().parse::<u32>().map_err(|_| bad(format!("{s:?}")))?;
                self.fixes.push(Fix::NumberAsText {
                    path: path.to_owned(),
                });
                Ok(id)
            }
            other => Err(expected(path, "a number", other)),
        }
    }
}

/// The question titles of an embedded custom template: `sections[].items[].questions[]`.
fn structure_questions(data: &Value) -> Vec<(u32, String)> {
    let data = match data {
        Value::String(s) => serde_json::from_str(s).unwrap_or(Value::Null),
        other => other.clone(),
    };
    let mut out = Vec::new();
    let empty = Vec::new();
    let sections = data
        .get("sections")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    for section in sections {
        let items = section
            .get("items")
            .and_then(Value::as_array)
            .unwrap_or(&empty);
        for item in items {
            let questions = item
                .get("questions")
                .and_then(Value::as_array)
                .unwrap_or(&empty);
            for q in questions {
                let id = q.get("id").and_then(|v| {
                    v.as_u64()
                        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                });
                let title = q.get("title").and_then(Value::as_str);
                if let (Some(id), Some(title)) = (id.and_then(|i| u32::try_from(i).ok()), title) {
                    out.push((id, title.to_owned()));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn problem(bytes: &[u8]) -> (String, CnilProblem) {
        match parse(bytes) {
            Err(Error::InvalidCnil { field, problem }) => (field, problem),
            other => panic!("expected InvalidCnil, got {other:?}"),
        }
    }

    const MINIMAL: &str = r#"{"pia": {"name": "Newsletter"}, "answers": [], "measures": [],
        "evaluations": [], "comments": []}"#;

    #[test]
    fn a_minimal_file_reads() {
        let pia = parse(MINIMAL.as_bytes()).expect("parse");
        assert_eq!(pia.header.name.value, "Newsletter");
        assert!(pia.fixes.is_empty());
    }

    #[test]
    fn refusals_name_the_field() {
        assert_eq!(problem(b"").1, CnilProblem::Empty);
        assert_eq!(
            problem(br#"{"pia": {"name": "x""#).1,
            CnilProblem::Truncated
        );
        assert_eq!(
            problem(br#"{"structure": {}}"#).1,
            CnilProblem::TemplateExport
        );
        assert_eq!(problem(br#"[{"name": "x"}]"#).1, CnilProblem::ServerList);
        assert_eq!(
            problem(br#"{"pia": {}}"#),
            ("pia.name".to_owned(), CnilProblem::Missing)
        );
        assert_eq!(problem(br#"{"pia": {"name": " "}}"#).0, "pia.name");
        let (field, p) = problem(
            br#"{"pia": {"name": "x"}, "answers": [{"reference_to": 111, "data": {"gauge": 7}}]}"#,
        );
        assert_eq!(field, "answers[0].data.gauge");
        assert_eq!(
            p,
            CnilProblem::Gauge {
                value: "7".to_owned()
            }
        );
        let (field, _) = problem(br#"{"pia": {"name": "x"}, "answers": {}}"#);
        assert_eq!(field, "answers");
        let (field, _) = problem(
            br#"{"pia": {"name": "x"}, "evaluations": [{"reference_to": "3.2", "status": 9}]}"#,
        );
        assert_eq!(field, "evaluations[0].status");
        let error = parse(b"\xff\xfe").expect_err("not UTF-8");
        assert_eq!(error.kind(), ErrorKind::InvalidCnil);
    }

    #[test]
    fn dirty_inputs_are_repaired_and_noted() {
        let wrapped = serde_json::json!({
            "id": 1, "pia_id": 2, "created_at": "2025-01-01",
            "export": r#"{"pia": {"name": "DonnÃ©es", "rejected_reason": "Too vague", "status": "1"},
                "answers": [{"reference_to": "325", "data": {"text": null, "gauge": "3", "list": []}}]}"#,
        });
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(wrapped.to_string().as_bytes());
        let pia = parse(&bytes).expect("parse");
        assert_eq!(pia.header.name.value, "Données");
        assert_eq!(
            pia.header
                .rejection_reason
                .as_ref()
                .map(|r| r.value.as_str()),
            Some("Too vague")
        );
        assert_eq!(pia.header.status.as_ref().map(|s| s.value), Some(1));
        assert_eq!(pia.answers[0].question, 325);
        assert_eq!(pia.answers[0].gauge.as_ref().map(|g| g.value), Some(3));
        for fix in [
            Fix::Bom,
            Fix::RevisionWrapper,
            Fix::DoubleEncoded {
                path: "pia.name".to_owned(),
            },
            Fix::OldSpelling {
                path: "pia.rejected_reason".to_owned(),
                current: "rejection_reason",
            },
            Fix::NumberAsText {
                path: "answers[0].data.gauge".to_owned(),
            },
            Fix::MissingArray { key: "measures" },
        ] {
            assert!(pia.fixes.contains(&fix), "{fix:?} in {:?}", pia.fixes);
        }
    }
}
