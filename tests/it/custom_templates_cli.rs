//! The template folder through the CLI as a process: set the folder, list origins and problems,
//! export and import (the templates themselves are in `custom_templates.rs`).

use std::path::Path;

use dpodesk_core::template::Template;
use serde_json::Value;

use crate::cli::{dpodesk, stderr, stdout};
use crate::custom_templates::*;
use crate::support::*;

// The CLI's doors as a process.

fn ok(vault: &Path, args: &[&str]) -> (String, String) {
    let output = dpodesk(vault, Some(PASSPHRASE), args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        stderr(&output)
    );
    (stdout(&output), stderr(&output))
}

#[test]
fn the_cli_sets_the_folder_lists_origins_and_problems_exports_and_imports() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let folder = dir.path().join("templates");
    std::fs::create_dir(&folder).expect("mkdir");
    let folder_arg = folder.to_str().expect("path");
    std::fs::write(
        folder.join("sms.toml"),
        custom("custom-sms", "0.1.0", "No consent", "high"),
    )
    .expect("write");
    std::fs::write(folder.join("broken.toml"), "id = \"b\"\nversion = \n").expect("write");
    let bundled = bundled_version("data-source");

    let (out, err) = ok(&vault, &["templates", "folder", "set", folder_arg]);
    assert!(out.starts_with('/'), "prints the absolute folder: {out}");
    assert!(
        out.contains("custom custom-sms 0.1.0 added from sms.toml"),
        "{out}"
    );
    assert!(err.contains("broken.toml is not a valid template"), "{err}");
    assert!(err.contains("line 2: "), "{err}");
    let (out, _) = ok(&vault, &["templates", "folder", "show"]);
    assert!(out.trim().ends_with("templates"), "{out}");

    // The listing succeeds, with the problems on stderr.
    let (out, err) = ok(&vault, &["templates", "list", "--json"]);
    let list = json_items(&out);
    let rows: Vec<(&str, &str, &str)> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|t| {
            (
                t["id"].as_str().unwrap_or(""),
                t["origin"].as_str().unwrap_or(""),
                t["file"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("data-source", "bundled", "-"),
            ("vendor-entrustment", "bundled", "-"),
            ("pia", "bundled", "-"),
            ("transfer", "bundled", "-"),
            ("custom-sms", "custom", "sms.toml"),
        ]
    );
    assert!(err.contains("broken.toml"), "{err}");

    // Export a bundled template, raise its version, import it: it replaces the bundled one.
    let exported = dir.path().join("ds.toml");
    let exported_arg = exported.to_str().expect("path");
    ok(
        &vault,
        &["templates", "export", "data-source", "--out", exported_arg],
    );
    let text = std::fs::read_to_string(&exported).expect("exported");
    assert!(
        text.starts_with("# DPO Desk template"),
        "the bundled source"
    );
    std::fs::write(
        &exported,
        text.replacen(
            &format!("version = \"{bundled}\""),
            "version = \"5.0.0\"",
            1,
        ),
    )
    .expect("write");
    let (out, _) = ok(&vault, &["templates", "import", exported_arg]);
    assert!(out.contains("data-source-5.0.0.toml"), "{out}");
    assert!(
        out.contains(&format!(
            "data-source: custom 5.0.0 replaces bundled {bundled}"
        )),
        "{out}"
    );
    let (out, _) = ok(&vault, &["templates", "list"]);
    assert!(
        out.contains(&format!(
            "custom (data-source-5.0.0.toml), replaces bundled {bundled}"
        )),
        "{out}"
    );

    // Importing it again is refused with one line, exit 1, and the folder unchanged.
    let before = snapshot(&folder);
    let again = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["templates", "import", exported_arg],
    );
    assert_eq!(again.status.code(), Some(1));
    let said = stderr(&again);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("raise the version above 5.0.0"), "{said}");
    assert_eq!(snapshot(&folder), before);
    // An existing output file is kept unless --force.
    let exists = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["templates", "export", "pia", "--out", exported_arg],
    );
    assert_eq!(exists.status.code(), Some(1));
    assert!(stderr(&exists).contains("--force"));

    // `assess new --template` resolves through the library: the custom template and the
    // replacing version.
    let (id, _) = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template",
            "custom-sms",
            "--title",
            "SMS",
        ],
    );
    let (shown, _) = ok(&vault, &["assess", "show", id.trim(), "--json"]);
    let shown: Value = serde_json::from_str(&shown).expect("json");
    assert_eq!(shown["template"]["id"], "custom-sms");
    let (id, _) = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template",
            "data-source",
            "--title",
            "Web",
        ],
    );
    let (shown, _) = ok(&vault, &["assess", "show", id.trim(), "--json"]);
    let shown: Value = serde_json::from_str(&shown).expect("json");
    assert_eq!(shown["template"]["version"], "5.0.0");

    // The snapshot exported from the assessment is the custom version.
    let snap = dir.path().join("snap.toml");
    ok(
        &vault,
        &[
            "templates",
            "export",
            "--assessment",
            id.trim(),
            "--out",
            snap.to_str().expect("path"),
        ],
    );
    let back: Template =
        toml::from_str(&std::fs::read_to_string(&snap).expect("snap")).expect("toml");
    assert_eq!(back.version, "5.0.0");

    // --templates (or DPODESK_TEMPLATES) overrides the setting; empty means bundled only.
    let (out, _) = ok(&vault, &["--templates", "", "templates", "list", "--json"]);
    let list = json_items(&out);
    assert_eq!(list.as_array().map(Vec::len), Some(4));
    assert_eq!(list[0]["version"], bundled.as_str());

    // Cleared: the bundled templates only, and import needs a folder.
    let (out, _) = ok(&vault, &["templates", "folder", "clear"]);
    assert!(out.contains("cleared"), "{out}");
    let (out, _) = ok(&vault, &["templates", "list", "--json"]);
    let list = json_items(&out);
    assert_eq!(list.as_array().map(Vec::len), Some(4));
    let no_folder = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["templates", "import", exported_arg],
    );
    assert_eq!(no_folder.status.code(), Some(1));
    assert!(
        stderr(&no_folder).contains("templates folder set"),
        "{}",
        stderr(&no_folder)
    );
    let (out, _) = ok(
        &vault,
        &["--templates", folder_arg, "templates", "list", "--json"],
    );
    let list = json_items(&out);
    assert_eq!(list.as_array().map(Vec::len), Some(5));
}
