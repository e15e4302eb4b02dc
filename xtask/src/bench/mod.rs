//! `cargo xtask bench [--no-app | --app-only] [--no-build]`: every benchmark, its peer in the same
//! run, and one summary (`--app-only` measures the app again and reuses the benchmarks' last
//! results; `--no-build` measures the release app already built instead of building it).
//!
//! 1. criterion benchmarks of core (`crates/core/benches/`): `scoring`, `reports` (which also
//!    writes each report's HTML and PDF facts to `target/bench-data/`), and `vault` (SQLCipher and
//!    the plain-SQLite peer on the generated 10,000-assessment vault, generated and cached first).
//!    Then `team`: the same generated content in a team database on a private PostgreSQL cluster
//!    (installed from Debian's packages if missing, started and stopped by the benchmark itself),
//!    timed beside the vault, and 20 concurrent writers (`target/bench-data/team.json`).
//! 2. the WeasyPrint peer: each report's HTML turned into a PDF by WeasyPrint (PyPI, in the venv
//!    `target/py-venv`), three runs each, the median kept.
//! 3. the desktop app (skipped with `--no-app`): the release build and its `.deb`, their sizes;
//!    under a private Xvfb, process start → unlock screen interactive (the e2e WebDriver polls),
//!    and the proportional set size (PSS, `/proc/PID/smaps_rollup`) summed over the app's process
//!    tree, WebKit's processes included, after unlocking the generated vault and opening its
//!    300-answer assessment.
//!
//! The machine is shared and noisy, so the table shows medians and the ratios measured in the same
//! run; it is printed and written to `target/bench-summary.json`. What each row means is in
//! `docs/benchmarks.md`.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::error::XtaskError;
use crate::step::{Step, root, target_dir};
use crate::{postgres, setup};

mod summary;
use summary::summarize;

/// The generated vault's passphrase (generated content only; `crates/core/benches/support`).
const BENCH_PASSPHRASE: &str = "bench harbour lantern forty-seven";
const BIG_TITLE: &str = "大型评估 Large assessment (300 answers)";
/// The client it is filed under (the generator's first).
const BIG_CLIENT: &str = "华东商贸1 Eastern Trading 1";

pub fn run(args: &[String]) -> Result<(), XtaskError> {
    let with_app = !args.iter().any(|a| a == "--no-app");
    // --app-only: measure the app again and print the table with the benchmarks' last results.
    let app_only = args.iter().any(|a| a == "--app-only");
    let benches: &[&str] = if app_only {
        &[]
    } else {
        &["scoring", "reports", "vault"]
    };
    for bench in benches {
        Step::new(&format!("benchmark: {bench} (criterion)"))
            .cargo(&[
                "bench",
                "-p",
                "dpodesk-core",
                "--features",
                "bench",
                "--bench",
                bench,
            ])
            .run()?;
    }
    if !app_only {
        postgres::install()?;
        Step::new("benchmark: team database beside the vault (private PostgreSQL cluster)")
            .cargo(&[
                "bench",
                "-p",
                "dpodesk-core",
                "--features",
                "bench",
                "--bench",
                "team",
            ])
            .run()?;
    }
    let weasy = if app_only {
        read_json(&data_dir().join("weasyprint.json")).unwrap_or(Value::Null)
    } else {
        weasyprint_peer()?
    };
    // --no-build: measure the release app and .deb already built (a release build with LTO takes
    // long on a shared machine; the UI's build would make it again, since the app embeds it).
    let build = !args.iter().any(|a| a == "--no-build");
    let app = if with_app {
        match app_figures(build) {
            Ok(app) => app,
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else {
        json!({ "error": "skipped (--no-app)" })
    };
    let summary = summarize(&weasy, &app);
    let out = target_dir().join("bench-summary.json");
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&summary).unwrap_or_default(),
    )
    .map_err(|source| spawn_error("write target/bench-summary.json", source))?;
    println!("\nwritten: {}", out.display());
    Ok(())
}

fn spawn_error(what: &str, source: std::io::Error) -> XtaskError {
    XtaskError::Spawn {
        program: what.to_owned(),
        source,
    }
}

/// Where the benchmarks leave their data: under the cargo target folder they ran in (the vault
/// fixture's generator uses `CARGO_TARGET_DIR` too).
fn data_dir() -> PathBuf {
    target_dir().join("bench-data")
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// criterion's median of one benchmark, in nanoseconds.
fn median_ns(id: &str) -> Option<f64> {
    let path = target_dir()
        .join("criterion")
        .join(id)
        .join("new/estimates.json");
    read_json(&path)?["median"]["point_estimate"].as_f64()
}

fn duration(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.1} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn bytes(n: f64) -> String {
    if n >= 1024.0 * 1024.0 {
        format!("{:.1} MiB", n / 1024.0 / 1024.0)
    } else {
        format!("{:.0} KiB", n / 1024.0)
    }
}

/// Installs WeasyPrint (pinned, `tests/bench-requirements.txt`) and times it on every report.
fn weasyprint_peer() -> Result<Value, XtaskError> {
    setup::install_apt_packages(setup::BENCH_PACKAGES)?;
    let python = setup::install_python_tools()?;
    let requirements = root().join("tests/bench-requirements.txt");
    let stamp = root().join("target/py-venv/installed-bench-requirements.txt");
    let wanted = std::fs::read_to_string(&requirements).unwrap_or_default();
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
        Step::new("install the benchmark's Python tools (WeasyPrint)")
            .program(&python)
            .args(&[
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .args(&[&requirements.to_string_lossy()])
            .run()?;
        std::fs::write(&stamp, wanted).map_err(|e| spawn_error("write venv stamp", e))?;
    }
    let facts = data_dir().join("reports-facts.json");
    let out = data_dir().join("weasyprint.json");
    Step::new("the WeasyPrint peer: each report's HTML to PDF, median of 3 runs")
        .program(&python)
        .args(&["-c", WEASYPRINT_SCRIPT])
        .args(&[&facts.to_string_lossy(), "3", &out.to_string_lossy()])
        .run()?;
    Ok(read_json(&out).unwrap_or(Value::Null))
}

const WEASYPRINT_SCRIPT: &str = r#"
import json, statistics, sys, time
from weasyprint import HTML
facts = json.load(open(sys.argv[1]))
runs = int(sys.argv[2])
result = {}
for name in sorted(facts):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        document = HTML(filename=facts[name]["html"]).render()
        pdf = document.write_pdf()
        times.append(time.perf_counter() - start)
    result[name] = {"median_ns": statistics.median(times) * 1e9, "runs": runs,
                    "pdf_bytes": len(pdf), "pages": len(document.pages)}
    print(f"  {name}: {statistics.median(times):.2f} s, {len(document.pages)} pages, {len(pdf) // 1024} KiB", flush=True)
json.dump(result, open(sys.argv[3], "w"))
"#;

/// The release app: sizes, start time and memory (each failure says why, in the table).
fn app_figures(build: bool) -> Result<Value, XtaskError> {
    setup::check_prerequisites()?;
    let packages: Vec<&str> = setup::APP_PACKAGES
        .iter()
        .chain(setup::TEST_PACKAGES)
        .copied()
        .collect();
    setup::install_apt_packages(&packages)?;
    setup::install_ui_packages()?;
    let tauri_driver = setup::install_tauri_driver()?;
    let python = setup::install_python_tools()?;
    let deb = if build {
        Step::new("build the UI").npm(&["run", "build"]).run()?;
        // The Tauri bundler builds the release app itself (`cargo build --release` with its own
        // settings) and bundles that binary; without it, a plain release build is measured.
        let deb = build_deb();
        if deb.is_err() {
            Step::new("build the release app (LTO)")
                .cargo(&["build", "--release", "-p", "dpodesk-app"])
                .run()?;
        }
        deb
    } else {
        newest_deb()
    };
    // `DPODESK_BENCH_APP` measures another build instead (with `--no-build`): a debug build shows
    // the direction of a change without the release build's half hour. A debug build's report is
    // saved through its dialog hook; a release build's native dialog is answered by the script.
    let app = std::env::var_os("DPODESK_BENCH_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("release/dpodesk-app"));
    let debug = app
        .parent()
        .and_then(|folder| folder.file_name())
        .is_some_and(|name| name == "debug");
    if !app.is_file() {
        return Err(XtaskError::Prerequisite(format!(
            "no release app at {} (run without --no-build)",
            app.display()
        )));
    }
    let binary = std::fs::metadata(&app).map(|m| m.len()).ok();
    let vault = data_dir().join(format!(
        "vault-g{}-{}x{}.dpvault",
        generator_version(),
        env_or("DPODESK_BENCH_ASSESSMENTS", "10000"),
        env_or("DPODESK_BENCH_ANSWERS", "1000000")
    ));
    let out = data_dir().join("app.json");
    let measured = Step::new("app start → unlock screen, and PSS after opening a large assessment")
        .program(&python)
        .args(&["-c", APP_SCRIPT])
        .args(&[
            &app.to_string_lossy(),
            &tauri_driver.to_string_lossy(),
            &vault.to_string_lossy(),
            &out.to_string_lossy(),
        ])
        .env("DPODESK_BENCH_PASSPHRASE", BENCH_PASSPHRASE)
        .env("DPODESK_BENCH_BIG_TITLE", BIG_TITLE)
        .env("DPODESK_BENCH_BIG_CLIENT", BIG_CLIENT)
        .env("DPODESK_BENCH_REPORT", if debug { "1" } else { "0" })
        .run();
    let mut figures = read_json(&out).unwrap_or_else(|| json!({}));
    if let Err(e) = measured {
        figures["error"] = json!(e.to_string());
    }
    figures["binary_bytes"] = json!(binary);
    figures["build"] = json!(if debug { "debug" } else { "release" });
    match deb {
        Ok((path, size)) => {
            figures["deb_bytes"] = json!(size);
            figures["deb"] = json!(path.display().to_string());
        }
        Err(e) => figures["deb_error"] = json!(e.to_string()),
    }
    Ok(figures)
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// The generator's version, read from its source so the cached file name always matches.
fn generator_version() -> String {
    std::fs::read_to_string(root().join("crates/core/benches/support/mod.rs"))
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.contains("const GENERATOR_VERSION"))?;
            let value = line.split('=').nth(1)?;
            Some(value.trim().trim_end_matches(';').trim().to_owned())
        })
        .unwrap_or_else(|| "0".to_owned())
}

/// The `.deb` from the Tauri bundler (`@tauri-apps/cli`, a devDependency of ui/).
fn build_deb() -> Result<(PathBuf, u64), XtaskError> {
    // Run from the workspace root, where the CLI finds src-tauri/tauri.conf.json (from ui/ it
    // does not); the release build it asks cargo for is the one already made.
    Step::new("bundle the .deb (tauri build --bundles deb)")
        .program(root().join("ui/node_modules/.bin/tauri"))
        .args(&["build", "--bundles", "deb"])
        .run()?;
    newest_deb()
}

/// The newest `.deb` the bundler left in the target folder, and its size.
fn newest_deb() -> Result<(PathBuf, u64), XtaskError> {
    let dir = target_dir().join("release/bundle/deb");
    let newest = std::fs::read_dir(&dir)
        .map_err(|e| spawn_error("read target/release/bundle/deb", e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    let path = newest.ok_or_else(|| XtaskError::Prerequisite("no .deb was bundled".to_owned()))?;
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok((path, size))
}

/// Drives the release app like tests/e2e/conftest.py does: private Xvfb, tauri-driver, a temporary
/// data folder holding a copy of the generated vault. Start: from asking for the session (which
/// launches the app) to the unlock screen's passphrase field being clickable — an upper bound that
/// includes WebKitWebDriver's own session set-up; median of three launches. Memory: PSS summed over
/// the app's process tree after unlocking and opening the 300-answer assessment.
const APP_SCRIPT: &str = include_str!("app.py");
