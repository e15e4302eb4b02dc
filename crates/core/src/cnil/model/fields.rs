//! The reader's field readers: text (repairing double encoding), times, flags, statuses,
//! gauges, numbers written as text, lists and question ids — each noting what it repaired or
//! found empty, and refusing a wrong type with the field's path.

use serde_json::{Map, Value};

use super::{CnilProblem, Fix, Reader, Src, expected, invalid};
use crate::error::Result;

impl Reader {
    pub(super) fn repaired(&mut self, path: &str, text: &str) -> String {
        match crate::cnil::text::repair_mojibake(text) {
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
    pub(super) fn text(
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
    pub(super) fn time(
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

    pub(super) fn spelled(
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

    pub(super) fn flag(
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
    pub(super) fn small(
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
    pub(super) fn gauge(
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
    pub(super) fn number(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Result<Option<i64>> {
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

    pub(super) fn list(
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

    pub(super) fn question_id(&mut self, path: &str, value: &Value) -> Result<u32> {
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
pub(super) fn structure_questions(data: &Value) -> Vec<(u32, String)> {
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
