//! The IPC contract has one source: the command list `src-tauri/src/command_list.rs`. It drives
//! the shell's handlers and the permissions tauri-build declares at compile time; this module
//! generates the rest from it and from each handler's signature — the window's capability
//! (`src-tauri/capabilities/main-window.json`) and the UI's typed wrappers
//! (`ui/src/ipc/commands.ts`) — and fails when a committed copy is stale, when a
//! `#[tauri::command]` is missing from the list, or when the UI calls `invoke` around the wrappers.
//! `cargo xtask bindings` (or UPDATE_BINDINGS=1 on `ipc_contract::`) rewrites both files.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

const LIST: &str = "src-tauri/src/command_list.rs";
const CAPABILITY: &str = "src-tauri/capabilities/main-window.json";
const WRAPPERS: &str = "ui/src/ipc/commands.ts";
const BINDINGS: &str = "ui/src/ipc/bindings.ts";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The list's entries as (module, function), in order.
fn command_list() -> Vec<(String, String)> {
    read(LIST)
        .lines()
        .filter_map(|line| line.trim().strip_suffix(','))
        .filter_map(|entry| entry.split_once("::"))
        .map(|(module, name)| (module.to_owned(), name.to_owned()))
        .collect()
}

/// Every `#[tauri::command]` function of the shell, as (module, function).
fn tauri_commands() -> BTreeSet<(String, String)> {
    let dir = root().join("src-tauri/src");
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("src-tauri/src") {
        let path = entry.expect("entry").path();
        let Some(module) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source");
        // `#[tauri::command]`, or `#[tauri::command(async)]` for a sync handler kept off GTK's
        // thread.
        for (i, _) in text
            .match_indices("#[tauri::command")
            .filter(|(i, _)| is_command_attribute(&text[*i..]))
        {
            let after = text[i..].lines().nth(1).unwrap_or_default();
            let name = after
                .trim()
                .trim_start_matches("pub ")
                .trim_start_matches("async ")
                .trim_start_matches("fn ")
                .split(['(', '<'])
                .next()
                .unwrap_or_default();
            found.insert((module.to_owned(), name.to_owned()));
        }
    }
    found
}

/// Whether `text` starts with a command attribute, plain or with Tauri's `async` flag.
fn is_command_attribute(text: &str) -> bool {
    text.starts_with("#[tauri::command]") || text.starts_with("#[tauri::command(async)]")
}

/// What the generator needs of one handler: its doc comment, the parameters the webview passes
/// (state, app handle and window are Tauri's) and its result type, as written in Rust.
#[derive(Debug)]
struct Handler {
    docs: Vec<String>,
    params: Vec<(String, String)>,
    result: String,
}

fn handler(module: &str, name: &str) -> Handler {
    let file = format!("src-tauri/src/{module}.rs");
    let text = read(&file);
    let start = [format!("pub fn {name}("), format!("pub async fn {name}(")]
        .iter()
        .find_map(|sig| text.find(sig.as_str()).map(|i| (i, i + sig.len())))
        .unwrap_or_else(|| panic!("{file}: no fn {name}"));
    let (sig_start, args_start) = start;
    let docs = text[..sig_start]
        .lines()
        .rev()
        .skip_while(|l| l.trim().is_empty() || is_command_attribute(l.trim()))
        .map_while(|l| l.trim().strip_prefix("///"))
        .map(|l| l.trim().to_owned())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let mut depth = 0;
    let mut end = args_start;
    for (i, c) in text[args_start..].char_indices() {
        match c {
            '(' | '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            ')' if depth == 0 => {
                end = args_start + i;
                break;
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    let mut params = Vec::new();
    for part in split_top_level(&text[args_start..end]) {
        if let Some((param, ty)) = part.split_once(':') {
            let ty = ty.trim();
            let tauri = ["State<", "AppHandle", "Window", "WebviewWindow"];
            if !tauri.iter().any(|t| ty.starts_with(t)) {
                params.push((param.trim().to_owned(), ty.to_owned()));
            }
        }
    }
    let rest = &text[end + 1..];
    let result = match rest.trim_start().strip_prefix("->") {
        Some(ret) => ret.split('{').next().unwrap_or_default().trim().to_owned(),
        None => "()".to_owned(),
    };
    Handler {
        docs,
        params,
        result,
    }
}

/// `text` split at the commas that are not inside `<>` or `()`.
fn split_top_level(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    parts.retain(|p| !p.trim().is_empty());
    parts
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A Rust parameter or result type as TypeScript, the way ts-rs writes it in bindings.ts; named
/// types are collected for the import.
fn ts_type(rust: &str, named: &mut BTreeSet<String>) -> String {
    let rust = rust.trim();
    let inner = |prefix: &str| {
        rust.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix('>'))
            .map(str::to_owned)
    };
    if let Some(ok) = inner("CommandResult<") {
        return ts_type(&ok, named);
    }
    if let Some(some) = inner("Option<") {
        return format!("{} | null", ts_type(&some, named));
    }
    if let Some(item) = inner("Vec<") {
        return format!("{}[]", ts_type(&item, named));
    }
    match rust {
        "()" => "void".to_owned(),
        "String" | "&str" => "string".to_owned(),
        "bool" => "boolean".to_owned(),
        "u8" | "u16" | "u32" | "usize" | "i8" | "i16" | "i32" | "f32" | "f64" => {
            "number".to_owned()
        }
        path => {
            let name = path.rsplit("::").next().unwrap_or(path);
            assert!(
                name.chars().all(|c| c.is_ascii_alphanumeric()) && !name.is_empty(),
                "the generator does not know the Rust type `{rust}`: teach ts_type"
            );
            named.insert(name.to_owned());
            name.to_owned()
        }
    }
}

const WRAPPERS_HEADER: &str = "\
// Generated from src-tauri/src/command_list.rs and the handlers' signatures by
// tests/it/ipc_contract.rs: do not edit. `cargo xtask bindings` rewrites it. Argument and result
// types are the Rust wire types of bindings.ts; an optional argument is a trailing `Option`.
";

/// The UI's typed wrappers: one per command, named in camelCase, taking the handler's arguments in
/// order and passing them under Tauri's camelCase keys.
fn wrappers() -> String {
    let mut named = BTreeSet::new();
    let mut body = String::new();
    for (module, name) in command_list() {
        let handler = handler(&module, &name);
        let result = ts_type(&handler.result, &mut named);
        let optional_from = handler
            .params
            .iter()
            .rposition(|(_, ty)| !ty.starts_with("Option<"))
            .map_or(0, |last_required| last_required + 1);
        let args: Vec<String> = handler
            .params
            .iter()
            .enumerate()
            .map(|(i, (param, ty))| {
                let ts = ts_type(ty, &mut named);
                let default = if i >= optional_from { " = null" } else { "" };
                format!("{}: {ts}{default}", camel(param))
            })
            .collect();
        let keys: Vec<String> = handler.params.iter().map(|(p, _)| camel(p)).collect();
        body.push('\n');
        match handler.docs.as_slice() {
            [] => {}
            [one] => writeln!(body, "/** {one} */").expect("write"),
            lines => {
                body.push_str("/**\n");
                for line in lines {
                    writeln!(body, " * {line}").expect("write");
                }
                body.push_str(" */\n");
            }
        }
        let call = if keys.is_empty() {
            format!("invoke<{result}>(\"{name}\")")
        } else {
            format!("invoke<{result}>(\"{name}\", {{ {} }})", keys.join(", "))
        };
        writeln!(
            body,
            "export const {} = ({}) =>\n  {call};",
            camel(&name),
            args.join(", ")
        )
        .expect("write");
    }
    let mut out = String::from(WRAPPERS_HEADER);
    out.push_str("import { invoke } from \"@tauri-apps/api/core\";\n");
    if !named.is_empty() {
        out.push_str("import type {\n");
        for name in &named {
            writeln!(out, "  {name},").expect("write");
        }
        out.push_str("} from \"./bindings\";\n");
    }
    out.push_str(&body);
    out
}

const CAPABILITY_DESCRIPTION: &str = "Least privilege: the main window may call DPO Desk's own \
commands and nothing else. No shell, fs, http or other plugin permissions; file dialogs are \
opened from Rust, so the webview never needs them. Generated from src-tauri/src/command_list.rs \
by tests/it/ipc_contract.rs.";

/// The main window's capability: exactly the listed commands.
fn capability() -> String {
    let permissions: Vec<String> = command_list()
        .iter()
        .map(|(_, name)| format!("    \"allow-{}\"", name.replace('_', "-")))
        .collect();
    format!(
        "{{\n  \"$schema\": \"../gen/schemas/desktop-schema.json\",\n  \"identifier\": \
         \"main-window\",\n  \"description\": {},\n  \"windows\": [\n    \"main\"\n  ],\n  \
         \"permissions\": [\n{}\n  ]\n}}\n",
        serde_json::to_string(CAPABILITY_DESCRIPTION).expect("a JSON string"),
        permissions.join(",\n")
    )
}

#[test]
fn every_tauri_command_is_in_the_list_once() {
    let list = command_list();
    assert!(list.len() >= 50, "the list is read: {list:?}");
    let listed: BTreeSet<(String, String)> = list.iter().cloned().collect();
    assert_eq!(listed.len(), list.len(), "a command is listed twice");
    let defined = tauri_commands();
    let mut drift = Vec::new();
    for (module, name) in defined.difference(&listed) {
        drift.push(format!(
            "{module}::{name} is a #[tauri::command] missing from {LIST}"
        ));
    }
    for (module, name) in listed.difference(&defined) {
        drift.push(format!(
            "{module}::{name} is listed in {LIST} but is no #[tauri::command]"
        ));
    }
    assert!(drift.is_empty(), "IPC list drift:\n{}", drift.join("\n"));
}

#[test]
fn the_capability_and_the_ui_wrappers_are_generated_from_the_list() {
    let mut stale = Vec::new();
    for (relative, expected) in [(CAPABILITY, capability()), (WRAPPERS, wrappers())] {
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            let path = root().join(relative);
            std::fs::write(&path, &expected).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
        if read(relative) != expected {
            stale.push(relative);
        }
    }
    assert!(
        stale.is_empty(),
        "{stale:?} out of date with {LIST}: run `cargo xtask bindings`"
    );
}

#[test]
fn every_type_the_wrappers_name_is_a_generated_binding() {
    let bindings = read(BINDINGS);
    let exported: BTreeSet<&str> = bindings
        .lines()
        .filter_map(|l| l.strip_prefix("export type "))
        .filter_map(|l| l.split([' ', '<', '=']).next())
        .collect();
    let mut named = BTreeSet::new();
    for (module, name) in command_list() {
        let handler = handler(&module, &name);
        ts_type(&handler.result, &mut named);
        for (_, ty) in &handler.params {
            ts_type(ty, &mut named);
        }
    }
    let missing: Vec<&String> = named
        .iter()
        .filter(|n| !exported.contains(n.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "types the commands use but bindings.ts does not export: {missing:?}"
    );
}

/// Outside the generated wrappers and the tests' IPC mocks, no UI file calls `invoke`: a call
/// around the wrappers is a contract the list does not see.
#[test]
fn the_ui_invokes_commands_only_through_the_wrappers() {
    let ui = root().join("ui/src");
    let mut stack = vec![ui.clone()];
    let mut offenders = BTreeMap::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("ui dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(root())
                .expect("under root")
                .display()
                .to_string();
            let source = ["ts", "svelte"]
                .iter()
                .any(|e| path.extension().is_some_and(|x| x == *e));
            if !source || relative == WRAPPERS {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source");
            if text.contains("@tauri-apps/api/core") {
                offenders.insert(relative, "imports invoke");
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "UI files that call commands around ui/src/ipc/commands.ts: {offenders:?}"
    );
}
