//! The IPC contract is written in four places until a generator writes it from one list: the
//! UI's `invoke` wrappers (`ui/src/ipc/commands.ts`), the shell's handler list
//! (`src-tauri/src/lib.rs`, `generate_handler!`), the commands declared to Tauri
//! (`src-tauri/build.rs`) and the window's permissions (`capabilities/main-window.json`). This
//! test reads all four, and each handler's parameters, and fails on any drift.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn read(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every double-quoted string of `text`, in order.
fn quoted(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The text between `open` (inclusive of what follows it) and the matching close bracket.
fn bracketed<'a>(text: &'a str, open: &str, close: char) -> &'a str {
    let start = text
        .find(open)
        .unwrap_or_else(|| panic!("{open} not found"))
        + open.len();
    let end = text[start..]
        .find(close)
        .unwrap_or_else(|| panic!("{close} not found"));
    &text[start..start + end]
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

/// Each `invoke("name", { keys })` of the UI: the command and the argument keys of each call.
fn ui_invokes() -> BTreeMap<String, Vec<BTreeSet<String>>> {
    let text = read("ui/src/ipc/commands.ts");
    let mut calls: BTreeMap<String, Vec<BTreeSet<String>>> = BTreeMap::new();
    for (i, _) in text.match_indices("invoke") {
        let rest = &text[i + "invoke".len()..];
        // `invoke<T>(` or `invoke(`; skip the import and other mentions.
        let Some(open) = rest.find('(') else { continue };
        let head = &rest[..open];
        if !(head.is_empty() || head.starts_with('<')) {
            continue;
        }
        let call = &rest[open + 1..];
        let Some(call) = call.trim_start().strip_prefix('"') else {
            continue;
        };
        let (name, after) = call.split_once('"').expect("closing quote");
        let mut keys = BTreeSet::new();
        let after = after.trim_start();
        if let Some(args) = after.strip_prefix(',') {
            let args = args.trim_start();
            let body = args
                .strip_prefix('{')
                .and_then(|b| b.split_once('}'))
                .map(|(b, _)| b)
                .unwrap_or_else(|| panic!("{name}: arguments are an object literal"));
            for part in body.split(',') {
                let key = part.split(':').next().unwrap_or_default().trim();
                if !key.is_empty() {
                    keys.insert(key.to_owned());
                }
            }
        }
        calls.entry(name.to_owned()).or_default().push(keys);
    }
    calls
}

/// The shell's handlers as `module::function`, from `generate_handler!`.
fn handlers() -> Vec<(String, String)> {
    let lib = read("src-tauri/src/lib.rs");
    bracketed(&lib, "generate_handler![", ']')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|path| {
            let (module, name) = path.rsplit_once("::").expect("module::function");
            (module.to_owned(), name.to_owned())
        })
        .collect()
}

/// A handler's parameters the webview passes (state, app handle and window are Tauri's), each
/// with whether it may be left out (`Option`).
fn parameters(module: &str, name: &str) -> BTreeMap<String, bool> {
    let file = format!("src-tauri/src/{module}.rs");
    let text = read(&file);
    let start = [format!("pub fn {name}("), format!("pub async fn {name}(")]
        .iter()
        .find_map(|sig| text.find(sig.as_str()).map(|i| i + sig.len()))
        .unwrap_or_else(|| panic!("{file}: no fn {name}"));
    let mut depth = 0;
    let mut end = start;
    for (i, c) in text[start..].char_indices() {
        match c {
            '(' | '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            ')' if depth == 0 => {
                end = start + i;
                break;
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    let mut params = BTreeMap::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in text[start..end].chars().chain([',']) {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                if let Some((param, ty)) = current.split_once(':') {
                    let ty = ty.trim();
                    let tauri = ["State<", "AppHandle", "Window", "WebviewWindow"];
                    if !tauri.iter().any(|t| ty.starts_with(t)) {
                        params.insert(camel(param.trim()), ty.starts_with("Option<"));
                    }
                }
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    params
}

#[test]
fn every_command_is_in_the_ui_the_handlers_the_build_and_the_capability() {
    let ui: BTreeSet<String> = ui_invokes().into_keys().collect();
    let handlers: BTreeSet<String> = handlers().into_iter().map(|(_, name)| name).collect();
    let build = read("src-tauri/build.rs");
    let declared: BTreeSet<String> = quoted(bracketed(&build, ".commands(&[", ']'))
        .into_iter()
        .collect();
    let capability = read("src-tauri/capabilities/main-window.json");
    let permitted: BTreeSet<String> = quoted(&capability)
        .into_iter()
        .filter_map(|p| p.strip_prefix("allow-").map(|n| n.replace('-', "_")))
        .collect();
    assert!(ui.len() >= 50, "the scan finds the UI's commands: {ui:?}");
    let mut drift = Vec::new();
    for (place, names) in [
        ("generate_handler! in src-tauri/src/lib.rs", &handlers),
        ("src-tauri/build.rs", &declared),
        ("capabilities/main-window.json", &permitted),
    ] {
        for missing in ui.difference(names) {
            drift.push(format!(
                "{missing}: invoked by the UI, missing from {place}"
            ));
        }
        for extra in names.difference(&ui) {
            drift.push(format!("{extra}: in {place}, never invoked by the UI"));
        }
    }
    assert!(
        drift.is_empty(),
        "IPC contract drift:\n{}",
        drift.join("\n")
    );
}

#[test]
fn every_invoke_passes_the_arguments_its_handler_takes() {
    let ui = ui_invokes();
    let mut drift = Vec::new();
    for (module, name) in handlers() {
        let params = parameters(&module, &name);
        for keys in ui.get(&name).into_iter().flatten() {
            for key in keys {
                if !params.contains_key(key) {
                    drift.push(format!(
                        "{name}: the UI passes `{key}`, the handler has no such parameter"
                    ));
                }
            }
            for (param, optional) in &params {
                if !optional && !keys.contains(param) {
                    drift.push(format!(
                        "{name}: the handler needs `{param}`, the UI does not pass it"
                    ));
                }
            }
        }
    }
    assert!(
        drift.is_empty(),
        "IPC argument drift:\n{}",
        drift.join("\n")
    );
}
