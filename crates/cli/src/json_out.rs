//! The `--json` documents: core's `api` DTOs as they are, with the contract's format number
//! beside them so a script can tell this shape from the one before (format 1 printed bare arrays
//! built here). An object gets `"format": 2` among its fields; a list is `{"format": 2,
//! "items": [...]}`. The README documents every field.

use serde::Serialize;
use serde_json::{Value, json};

/// The `--json` contract's version.
pub const FORMAT: u32 = 2;

/// A list of DTOs as one document on one line.
pub fn list<T: Serialize>(items: &[T]) -> String {
    json!({ "format": FORMAT, "items": to_value(items) }).to_string()
}

/// One DTO (an object) as a document on one line.
pub fn object<T: Serialize>(item: &T) -> String {
    let mut value = to_value(item);
    if let Value::Object(fields) = &mut value {
        fields.insert("format".to_owned(), json!(FORMAT));
    }
    value.to_string()
}

fn to_value<T: Serialize + ?Sized>(item: &T) -> Value {
    // api DTOs are plain structs with string keys: serializing them cannot fail.
    serde_json::to_value(item).expect("api DTOs serialize to JSON")
}
