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
    let offences = door_offences(&root().join("crates/cli/src"));
    assert!(
        offences.is_empty(),
        "the CLI must go through dpodesk_core::api:\n{}",
        offences.join("\n")
    );
}

/// The desktop shell holds the open vault as `api::Vault` too and calls no `Vault` method.
#[test]
fn the_shell_reaches_the_vault_through_api_only() {
    let offences = door_offences(&root().join("src-tauri/src"));
    assert!(
        offences.is_empty(),
        "the shell must go through dpodesk_core::api:\n{}",
        offences.join("\n")
    );
}

/// Lines of a door's production code (tests after `#[cfg(test)]` aside) that name a `vault::`
/// item, `Vault` other than as `api::Vault`, or call a `Vault` method on a `vault` (or a `v`).
fn door_offences(dir: &Path) -> Vec<String> {
    // The methods under `vault/` are `pub(crate)`: the compiler refuses them to every door. The
    // scan still finds the `pub` ones that `impl Vault` blocks declare (opening a plain database
    // for the benches' peer is one).
    let methods = vault_methods();
    assert!(
        methods.contains("open_unencrypted"),
        "the scan finds Vault's methods: {methods:?}"
    );
    let mut offences = Vec::new();
    for file in rust_files(dir) {
        let text = std::fs::read_to_string(&file).expect("read");
        let production = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in production.lines().enumerate() {
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
            // The open vault goes by `vault`, or by `v` in a closure that holds it briefly.
            for receiver in ["vault.", "v."] {
                for (i, _) in code.match_indices(receiver) {
                    let before = code[..i].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                        continue;
                    }
                    let rest = &code[i + receiver.len()..];
                    let method: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    // A short `v` is often a plain value: only a call counts (`v.keep_until` of a
                    // DTO is a field).
                    let called = rest[method.len()..].starts_with('(');
                    if methods.contains(&method) && (receiver == "vault." || called) {
                        offences.push(place.clone());
                    }
                }
            }
        }
    }
    offences
}

/// The store's traits are public because `api`'s use cases are generic over them, so the
/// compiler cannot keep them from a test: a test that imported `Read`, `Store` or `Work` could
/// read and write a `Vault` past `api` again. The suite goes through `api`, or through
/// `dpodesk_core::testing` for what no use case does.
#[test]
fn the_suite_reaches_the_store_through_api_or_testing_only() {
    let this = root().join("tests/it/layers.rs");
    let mut offences = Vec::new();
    for file in rust_files(&root().join("tests/it")) {
        if file == this {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = code(line);
            if ["store::Read", "store::Store", "store::Work", "store::{"]
                .iter()
                .any(|name| code.contains(name))
            {
                offences.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "a test must reach the store through api or dpodesk_core::testing:\n{}",
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
const SQL_EXCEPTIONS: &[&str] = &[];

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

/// Core's top-level modules by layer, lowest first, as ARCHITECTURE.md's layer rule orders them:
/// a module may use its own layer and those below, never one above.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaf",
        &["error", "i18n", "time", "id", "kind", "files", "prefs"],
    ),
    ("store", &["vault"]),
    (
        "domain",
        &[
            "template",
            "law",
            "assessment",
            "report",
            "cnil",
            "bundle",
            "export",
            "transfer",
        ],
    ),
    // `demo` is a use case like api's: it fills a sample vault through core's write paths.
    // `testing` (feature `test-support`, tests only) reaches the store beside api, for tests.
    ("api", &["api", "demo", "testing"]),
];

/// Edges that run up the layers today, each with why and what removes it (none: the store hands
/// out stored rows and plain values; parsing, scoring and freezing are above it).
const UPWARD_EXCEPTIONS: &[(&str, &str)] = &[];

/// Edges that close a cycle today, each with why (none: keep it so).
const CYCLE_EXCEPTIONS: &[(&str, &str)] = &[];

/// The modules each top-level module of core uses through `crate::…` (production code only:
/// a file's tests, after `#[cfg(test)]`, may reach anywhere).
fn core_edges() -> std::collections::BTreeMap<String, BTreeSet<String>> {
    let src = root().join("crates/core/src");
    let modules: BTreeSet<String> = LAYERS
        .iter()
        .flat_map(|(_, names)| names.iter().map(|n| (*n).to_owned()))
        .collect();
    // What lib.rs re-exports at the root (`crate::Error` is `error`'s).
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let mut root_names = std::collections::BTreeMap::new();
    for line in lib.lines() {
        if let Some(rest) = line.trim().strip_prefix("pub use ") {
            let (module, names) = rest.split_once("::").expect("pub use module::…");
            for name in names
                .trim_end_matches(';')
                .trim_matches(['{', '}'])
                .split(',')
            {
                root_names.insert(name.trim().to_owned(), module.to_owned());
            }
        }
    }
    let mut edges = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(&src).expect("read src") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if !modules.contains(&name) {
            assert!(
                name == "lib",
                "core has a top-level module `{name}` that LAYERS does not place"
            );
            continue;
        }
        let files = if path.is_dir() {
            rust_files(&path)
        } else {
            vec![path.clone()]
        };
        let used: &mut BTreeSet<String> = edges.entry(name.clone()).or_default();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read");
            let code: String = text
                .lines()
                .take_while(|line| line.trim() != "#[cfg(test)]")
                .map(|line| code(line).to_owned() + "\n")
                .collect();
            for target in crate_paths(&code) {
                let target = root_names.get(&target).cloned().unwrap_or(target);
                if target != name && modules.contains(&target) {
                    used.insert(target);
                }
            }
        }
    }
    edges
}

/// The first segment of every `crate::` path in `code`, braces included (`crate::{a::b, c}`).
fn crate_paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let word = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => start = true,
                    c if start && (c.is_alphanumeric() || c == '_') => {
                        found.push(word(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
        } else {
            found.push(word(rest));
        }
    }
    found
}

/// The layer of a module (its index in [`LAYERS`]).
fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|(_, names)| names.contains(&module))
        .expect("every module has a layer")
}

/// Core's top-level modules form no import cycle, and no module uses one of a higher layer
/// (`api` above the domain above the store above the leaves), except the edges named above.
#[test]
fn core_modules_keep_their_layers_and_form_no_cycle() {
    let edges = core_edges();
    assert!(
        edges["api"].contains("vault") && edges["report"].contains("assessment"),
        "the scan finds core's imports: {edges:?}"
    );
    assert!(
        edges["error"]
            .iter()
            .all(|t| t == "i18n" || CYCLE_EXCEPTIONS.contains(&("error", t))),
        "error is a leaf (it may word things through i18n only): {:?}",
        edges["error"]
    );
    let mut upward = Vec::new();
    for (from, targets) in &edges {
        for to in targets {
            let edge = (from.as_str(), to.as_str());
            let excepted = UPWARD_EXCEPTIONS.contains(&edge) || CYCLE_EXCEPTIONS.contains(&edge);
            if layer(to) > layer(from) && !excepted {
                upward.push(format!(
                    "{from} ({}) uses {to} ({})",
                    LAYERS[layer(from)].0,
                    LAYERS[layer(to)].0
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "edges up the layers:\n{}",
        upward.join("\n")
    );

    // A cycle: a module reachable from one of its own targets.
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_owned()];
        while let Some(module) = todo.pop() {
            for to in edges.get(&module).into_iter().flatten() {
                if CYCLE_EXCEPTIONS.contains(&(module.as_str(), to.as_str())) {
                    continue;
                }
                if seen.insert(to.clone()) {
                    todo.push(to.clone());
                }
            }
        }
        seen
    };
    let cyclic: Vec<&String> = edges.keys().filter(|m| reach(m).contains(*m)).collect();
    assert!(
        cyclic.is_empty(),
        "modules on an import cycle: {cyclic:?}\n{edges:#?}"
    );
    for (from, to) in CYCLE_EXCEPTIONS.iter().chain(UPWARD_EXCEPTIONS) {
        assert!(
            edges[*from].contains(*to),
            "{from} no longer uses {to}: remove the exception"
        );
    }
}

/// `dpodesk_core::testing` (feature `test-support`) reaches the store past `api`: only the tests
/// enable it. Neither door's manifest names the feature, and no door's source names the module.
#[test]
fn the_doors_leave_the_test_support_of_core_off() {
    let mut offences = Vec::new();
    for manifest in ["crates/cli/Cargo.toml", "src-tauri/Cargo.toml"] {
        let text = std::fs::read_to_string(root().join(manifest)).expect("read manifest");
        for (n, line) in text.lines().enumerate() {
            let setting = line.split('#').next().unwrap_or_default();
            if setting.contains("test-support") {
                offences.push(format!("{manifest}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    for dir in ["crates/cli/src", "src-tauri/src"] {
        for file in rust_files(&root().join(dir)) {
            let text = std::fs::read_to_string(&file).expect("read");
            for (n, line) in text.lines().enumerate() {
                if code(line).contains("testing::") {
                    offences.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    let core = std::fs::read_to_string(root().join("crates/core/Cargo.toml")).expect("read");
    assert!(
        core.contains("test-support = []"),
        "core declares the feature the tests enable"
    );
    assert!(
        offences.is_empty(),
        "a door must not reach core's test support:\n{}",
        offences.join("\n")
    );
}

/// The `vault::` items the integration suite may name: the store's rows that `api`'s public
/// signatures hand out (an action `dpodesk_core::testing` returns, an assessment's record and
/// status, the profile a report names) and what a test of the file itself recomputes (the schema
/// version, the passphrase check's reasons, the audit chain's hashes). The store's input types
/// are `pub(crate)`: a test builds the request a door sends (`api`), or goes through
/// `dpodesk_core::testing` where no use case makes the state.
const SUITE_MAY_NAME: &[&str] = &[
    "Action",
    "ActionStatus",
    "AssessmentRecord",
    "AuditBreak",
    "AuditEvent",
    "GENESIS_HASH",
    "Guessable",
    "Profile",
    "SCHEMA_VERSION",
    "Status",
    "WeakReason",
    "detail_sha256",
    "entry_hash",
    "summary_entry_hash",
];

/// The items a file's code names after `vault::` (one name, or each of a `{...}` group), with
/// the line each is named on.
fn vault_items(text: &str) -> Vec<(usize, String)> {
    let code: String = text
        .lines()
        .map(|line| format!("{}\n", code(line)))
        .collect();
    let mut items = Vec::new();
    for (at, _) in code.match_indices("vault::") {
        let line = code[..at].matches('\n').count() + 1;
        let rest = &code[at + "vault::".len()..];
        let names = match rest.strip_prefix('{') {
            Some(group) => group.split('}').next().unwrap_or_default(),
            None => rest,
        };
        let single = !rest.starts_with('{');
        for name in names.split(',') {
            let name: String = name
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                items.push((line, name));
            }
            if single {
                break;
            }
        }
    }
    items
}

/// The integration suite goes through `api` (and `dpodesk_core::testing`): it names no `vault::`
/// item outside [`SUITE_MAY_NAME`], and each of those is still named (a name no test needs any
/// more leaves the list).
#[test]
fn the_suite_names_only_the_vault_items_api_hands_out() {
    let mut offences = Vec::new();
    let mut named = BTreeSet::new();
    for file in rust_files(&root().join("tests/it")) {
        if file.ends_with("layers.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read");
        for (line, name) in vault_items(&text) {
            if SUITE_MAY_NAME.contains(&name.as_str()) {
                named.insert(name);
            } else {
                offences.push(format!("{}:{line}: vault::{name}", file.display()));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "build the request a door sends (api), or use dpodesk_core::testing:\n{}",
        offences.join("\n")
    );
    let unused: Vec<&&str> = SUITE_MAY_NAME
        .iter()
        .filter(|name| !named.contains(**name))
        .collect();
    assert!(
        unused.is_empty(),
        "no test names these any more: remove them from SUITE_MAY_NAME: {unused:?}"
    );
}
