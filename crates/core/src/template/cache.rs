//! Parsed templates kept for the life of the process. The client overview, the portfolio, the
//! channel catalogue and the template library each need the library, and parsing and validating
//! the bundled TOML took most of their time (64–118 ms in a debug build, on every call).
//!
//! - The bundled templates are compiled-in data: parsed once, against the bundled law register
//!   (the only register the app and the CLI use). A template is only valid against the register
//!   it was checked with, so any other register gets a fresh parse.
//! - A custom folder's files can change between calls: each is kept by the SHA-256 of its name
//!   and text, so an edited, added or renamed file is parsed anew and an unchanged one is not.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use sha2::{Digest, Sha256};

use super::folder::FolderFile;
use super::{BUNDLED, Template, parse};
use crate::error::Result;
use crate::law::LawRegister;

/// How many custom files are kept at most: more than any folder a firm keeps; past it the cache
/// starts again rather than grow with every edit of a long session.
const FOLDER_FILES_KEPT: usize = 256;

/// Whether `law` is the bundled register (the same object, or equal to it).
fn is_bundled(law: &LawRegister) -> bool {
    LawRegister::shared().is_ok_and(|bundled| std::ptr::eq(bundled, law) || bundled == law)
}

/// Every bundled template, parsed and validated against `law`.
fn parse_bundled(law: &LawRegister) -> Result<Vec<Template>> {
    BUNDLED
        .iter()
        .map(|(file, text)| parse(file, text, law))
        .collect()
}

/// The templates shipped with the app, validated against `law`: parsed once per process for the
/// bundled register. A parse error is not kept: the next call reports it again.
pub fn bundled(law: &LawRegister) -> Result<Vec<Template>> {
    static PARSED: OnceLock<Vec<Template>> = OnceLock::new();
    if !is_bundled(law) {
        return parse_bundled(law);
    }
    if let Some(templates) = PARSED.get() {
        return Ok(templates.clone());
    }
    let templates = parse_bundled(law)?;
    Ok(PARSED.get_or_init(|| templates).clone())
}

/// A custom file `name` with `text`, parsed and validated against `law`; kept when `law` is the
/// bundled register, so that reading an unchanged folder again parses nothing.
pub(super) fn folder_file(law: &LawRegister, name: &str, text: &str) -> FolderFile {
    static KEPT: OnceLock<Mutex<HashMap<[u8; 32], FolderFile>>> = OnceLock::new();
    if !is_bundled(law) {
        return FolderFile::parse(law, name, text);
    }
    let mut hasher = Sha256::new();
    // The name is part of the key: problems and decisions name their file.
    hasher.update((name.len() as u64).to_le_bytes());
    hasher.update(name.as_bytes());
    hasher.update(text.as_bytes());
    let key: [u8; 32] = hasher.finalize().into();
    let kept = KEPT.get_or_init(Mutex::default);
    // A panic elsewhere cannot leave a half-written entry: each change is one insert or clear.
    if let Some(file) = kept
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
    {
        return file.clone();
    }
    // Parsed without the lock held, so that another thread is not kept waiting.
    let file = FolderFile::parse(law, name, text);
    let mut kept = kept.lock().unwrap_or_else(PoisonError::into_inner);
    if kept.len() >= FOLDER_FILES_KEPT {
        kept.clear();
    }
    kept.insert(key, file.clone());
    file
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Library;

    #[test]
    fn the_kept_bundled_templates_are_those_a_fresh_parse_makes() {
        let law = LawRegister::bundled().expect("law");
        let fresh = parse_bundled(&law).expect("fresh");
        assert_eq!(bundled(&law).expect("first"), fresh);
        assert_eq!(bundled(&law).expect("kept"), fresh);
        assert_eq!(
            bundled(LawRegister::shared().expect("law")).expect("kept"),
            fresh
        );
    }

    #[test]
    fn another_register_is_checked_anew_not_served_the_kept_templates() {
        let law = LawRegister::bundled().expect("law");
        bundled(&law).expect("kept for the bundled register");
        // The same register without a provision the bundled templates cite (and no difference does).
        let text = include_str!("../../../../assets/templates/law.toml");
        let start = text.find("key = \"PIPL-10\"").expect("provision");
        let block = text[..start].rfind("[[provision]]").expect("its table");
        let end = block + text[block + 1..].find("[[provision]]").expect("next") + 1;
        let without = format!("{}{}", &text[..block], &text[end..]);
        let smaller = LawRegister::parse("law.toml", &without).expect("smaller register");
        assert!(!is_bundled(&smaller));
        let refused = bundled(&smaller).expect_err("a template cites the missing provision");
        assert!(refused.to_string().contains("PIPL-10"), "{refused}");
    }

    #[test]
    fn an_edited_custom_file_is_parsed_again() {
        let law = LawRegister::bundled().expect("law");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sms.toml");
        let version = |library: &Library| {
            library
                .get("sms-cache-test")
                .map(|t| t.version.clone())
                .unwrap_or_default()
        };
        std::fs::write(&path, custom("1.0.0")).expect("write");
        let first = Library::load(&law, Some(dir.path())).expect("load");
        assert_eq!(version(&first), "1.0.0");
        let again = Library::load(&law, Some(dir.path())).expect("load");
        assert_eq!(version(&again), "1.0.0");
        std::fs::write(&path, custom("1.1.0")).expect("rewrite");
        let edited = Library::load(&law, Some(dir.path())).expect("load");
        assert_eq!(version(&edited), "1.1.0");
        std::fs::write(&path, custom("one")).expect("break it");
        let broken = Library::load(&law, Some(dir.path())).expect("load");
        assert_eq!(version(&broken), "");
        assert_eq!(broken.problems().count(), 1);
        // The same text under another name is that file's, with its own name in the decision.
        std::fs::remove_file(&path).expect("remove");
        std::fs::write(dir.path().join("renamed.toml"), custom("one")).expect("write");
        let renamed = Library::load(&law, Some(dir.path())).expect("load");
        let problem = renamed.problems().next().expect("problem");
        assert_eq!(problem.file(), "renamed.toml");
    }

    fn custom(version: &str) -> String {
        format!(
            r#"id = "sms-cache-test"
version = "{version}"
kind = "data_source"
title = {{ zh = "短信", en = "SMS" }}
description = {{ zh = "说明", en = "About" }}

[[sections]]
id = "s"
title = {{ zh = "同意", en = "Consent" }}

[[sections.questions]]
id = "consent"
type = "ynp"
text = {{ zh = "是否取得同意？", en = "Was consent obtained?" }}
cite = ["PIPL-13-1"]
"#
        )
    }
}
