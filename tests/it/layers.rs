//! The layers of ARCHITECTURE.md, checked on the sources: the CLI reaches the vault through
//! `api` only. Each check names the file and line that breaks the rule.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The workspace root (this crate lives in `tests/`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The code of a line: what comes before a `//` comment (doc comments included).
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or_default()
}

/// The names of `Vault`'s public methods, wherever in core an `impl Vault` block defines them.
fn vault_methods() -> BTreeSet<String> {
    let mut methods = BTreeSet::new();
    for file in rust_files(&root().join("crates/core/src")) {
        let text = std::fs::read_to_string(&file).expect("read");
        let mut in_impl = false;
        for line in text.lines() {
            if line.starts_with("impl Vault") {
                in_impl = true;
            } else if line.starts_with('}') {
                in_impl = false;
            } else if in_impl && let Some(rest) = line.trim_start().strip_prefix("pub fn ") {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                methods.insert(name);
            }
        }
    }
    methods
}

/// The CLI names no `vault::` item and calls no method of the vault: it holds the open vault as
/// `api::Vault` and passes it to `api` functions, the same ones the app calls.
#[test]
fn the_cli_reaches_the_vault_through_api_only() {
    let methods = vault_methods();
    assert!(
        methods.contains("add_client") && methods.contains("export_bundle"),
        "the scan finds Vault's methods: {methods:?}"
    );
    let mut offences = Vec::new();
    for file in rust_files(&root().join("crates/cli/src")) {
        let text = std::fs::read_to_string(&file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = code(line);
            let place = format!("{}:{}: {}", file.display(), n + 1, line.trim());
            if code.contains("vault::") {
                offences.push(place.clone());
            }
            // `Vault` only as `api::Vault`, or as the CLI's own `vault` subcommand.
            let bare = code
                .replace("api::Vault", "")
                .replace("Command::Vault", "")
                .replace("Vault(VaultCommand)", "");
            if bare
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|word| word == "Vault")
            {
                offences.push(place.clone());
            }
            for (i, _) in code.match_indices("vault.") {
                let before = code[..i].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                    continue;
                }
                let method: String = code[i + "vault.".len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if methods.contains(&method) {
                    offences.push(place.clone());
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "the CLI must go through dpodesk_core::api:\n{}",
        offences.join("\n")
    );
}

/// What marks a line as SQL: a statement's keyword inside a string, or a call that runs one.
const SQL_MARKS: &[&str] = &[
    "\"SELECT ",
    "SELECT {",
    "INSERT INTO",
    "INSERT OR ",
    "DELETE FROM",
    "UPDATE ",
    "CREATE TABLE",
    "CREATE INDEX",
    "DROP TABLE",
    "\"PRAGMA",
    "execute_batch(",
    ".execute(",
    "query_row(",
    ".prepare(\"",
    ".prepare(&format!",
    "pragma_update(",
    "pragma_query",
];

/// Files outside `vault/` that still hold SQL, each with the issue that moves it.
// TODO(issue 15): cnil/vault.rs is being reworked by the CNIL work; its SQL moves into vault/
// there, and this exception goes.
const SQL_EXCEPTIONS: &[&str] = &["crates/core/src/cnil/vault.rs"];

/// SQL lives in `crates/core/src/vault/` only: no production source of core, the CLI or the
/// shell outside it runs or spells a statement (tests, benches, xtask and fuzz may).
#[test]
fn no_sql_outside_the_vault() {
    let root = root();
    let mut offences = Vec::new();
    let mut exceptions_seen = Vec::new();
    for dir in ["crates/core/src", "crates/cli/src", "src-tauri/src"] {
        for file in rust_files(&root.join(dir)) {
            let relative = file
                .strip_prefix(&root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/");
            if relative.starts_with("crates/core/src/vault/") {
                continue;
            }
            let text = std::fs::read_to_string(&file).expect("read");
            for (n, line) in text.lines().enumerate() {
                // A module's tests come last, after this attribute: they may hold SQL.
                if line.trim() == "#[cfg(test)]" {
                    break;
                }
                let code = code(line);
                // `UPDATE ` counts only with its `SET`, so prose such as "UPDATE field" does not.
                let is_sql = |mark: &&str| {
                    code.contains(*mark) && (*mark != "UPDATE " || code.contains(" SET"))
                };
                if SQL_MARKS.iter().any(is_sql) {
                    if SQL_EXCEPTIONS.contains(&relative.as_str()) {
                        exceptions_seen.push(relative.clone());
                    } else {
                        offences.push(format!("{relative}:{}: {}", n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "SQL belongs in crates/core/src/vault/:\n{}",
        offences.join("\n")
    );
    for exception in SQL_EXCEPTIONS {
        assert!(
            exceptions_seen.iter().any(|seen| seen == exception),
            "{exception} holds no SQL any more: remove it from SQL_EXCEPTIONS"
        );
    }
}
