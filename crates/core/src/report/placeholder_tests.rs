//! Every fixed phrase written as a `w("中文", "English")` pair (report wording, scope sentences,
//! the register note, spreadsheet headers) names the same `{placeholders}` in both languages: a
//! phrase filled in at run time must not lose or gain a value in one of them.

use std::collections::BTreeSet;

/// The sources that hold `w(zh, en)` pairs.
const SOURCES: [(&str, &str); 4] = [
    ("report/wording.rs", include_str!("wording.rs")),
    ("report/scope.rs", include_str!("scope.rs")),
    ("report/register.rs", include_str!("register.rs")),
    ("export/tables.rs", include_str!("../export/tables.rs")),
];

/// A Rust string literal at the start of `text` (after blanks): its contents and the rest.
fn literal(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start();
    let body = text.strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, &body[i + 1..])),
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    value.push(escaped);
                }
            }
            _ => value.push(c),
        }
    }
    None
}

/// Every `w("…", "…")` pair of a source, as (zh, en).
fn pairs(source: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("w(") {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + 2..];
        rest = after;
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some((zh, tail)) = literal(after) else {
            continue;
        };
        let Some(tail) = tail.trim_start().strip_prefix(',') else {
            continue;
        };
        if let Some((en, _)) = literal(tail) {
            found.push((zh, en));
        }
    }
    found
}

/// The `{name}` placeholders of a phrase (`{}` and `{{` are not placeholders of ours).
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let tail = &rest[open + 1..];
        match tail.find('}') {
            Some(close)
                if close > 0
                    && tail[..close]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                names.insert(tail[..close].to_owned());
                rest = &tail[close + 1..];
            }
            _ => rest = tail,
        }
    }
    names
}

#[test]
fn the_parser_finds_the_pairs_and_their_placeholders() {
    let found = pairs(SOURCES[0].1);
    assert!(found.len() > 50, "{}", found.len());
    let page = found
        .iter()
        .find(|(_, en)| en == "Page {x} of {y}")
        .expect("PAGE_OF");
    assert_eq!(placeholders(&page.0), placeholders(&page.1));
    assert_eq!(
        placeholders("第 {x} 页，共 {y} 页"),
        BTreeSet::from(["x".to_owned(), "y".to_owned()])
    );
    assert_ne!(placeholders("{n} 项"), placeholders("{count} items"));
    assert_eq!(
        pairs(r#"const A: W = w("甲\"{n}\"", "a \"{n}\"");"#),
        [("甲\"{n}\"".to_owned(), "a \"{n}\"".to_owned())]
    );
}

#[test]
fn every_phrase_names_the_same_placeholders_in_both_languages() {
    let mut mismatched = Vec::new();
    for (file, source) in SOURCES {
        for (zh, en) in pairs(source) {
            if placeholders(&zh) != placeholders(&en) {
                mismatched.push(format!("{file}: {zh:?} / {en:?}"));
            }
        }
    }
    assert!(mismatched.is_empty(), "{mismatched:#?}");
}
