//! The parse itself: bytes to JSON (unwrapping a saved revision), then the `pia` object and
//! the four record arrays, each record field by field.

use serde_json::{Map, Value};

use super::fields::structure_questions;
use super::{
    CnilAnswer, CnilPia, CnilProblem, Comment, Evaluation, Fix, Header, Ignored, Measure, Reader,
    Src, expected, invalid,
};
use crate::error::Result;

/// A 1–4 level, when set.
type Gauge = Option<Src<u8>>;

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
        self.header_rest(pia);
        Ok(h)
    }

    /// Accounts for the `pia` keys the header does not keep.
    fn header_rest(&mut self, pia: &Map<String, Value>) {
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
        let (residual_severity, residual_likelihood) = self.gauges(path, map)?;
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

    /// The evaluator's re-estimate `gauges: {x, y}` (also when written as a JSON string).
    fn gauges(&mut self, path: &str, map: &Map<String, Value>) -> Result<(Gauge, Gauge)> {
        Ok(match map.get("gauges") {
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
}
