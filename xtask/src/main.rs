//! `cargo xtask <command>`: the project's two set-up commands and their helpers.
//!
//! - `run`: install what is missing, build the UI and the app, launch it.
//! - `test`: install what is missing, then run every test: Rust (whole workspace, the Tauri shell
//!   included), the UI's type check and unit tests, and the Python suites (end-to-end through the
//!   real webview under Xvfb, and the independent SQLCipher client check).
//! - `bindings`: regenerate `ui/src/ipc/bindings.ts` from the Rust wire types.
//! - `bench`: every benchmark beside its peer in the same run — the vault on SQLCipher and on plain
//!   SQLite, the reports against WeasyPrint, scoring, the release app's start, memory and sizes —
//!   one summary table, also in `target/bench-summary.json` (`docs/benchmarks.md`).
//! - `gen-vault`: the generated 10,000-assessment vault the vault benchmarks use.
//! - `soak`: the long crash-safety soak: 200 SIGKILLs of a writer (`DPODESK_SOAK_RUNS` for more,
//!   `DPODESK_SOAK_SEED` to replay), each followed by the vault's checks.
//!
//! - `fuzz [--seconds N] [TARGET…]`: the cargo-fuzz targets in `fuzz/`, one at a time (see
//!   `fuzz.rs`); kept out of `test`, which replays their corpora and crashes instead.
//!
//! Each step prints what it does; a prerequisite that cannot be installed gets a one-line reason.

mod bench;
mod error;
mod fuzz;
mod gen_vault;
mod setup;
mod step;

use std::process::ExitCode;

use crate::error::XtaskError;
use crate::step::{Step, root};

const USAGE: &str = "usage: cargo xtask <run | test | bindings | bench [--no-app | --app-only] | gen-vault [--out PATH …] | soak | fuzz>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        Some("bindings") => bindings(),
        Some("bench") => bench::run(&args[1..]),
        Some("gen-vault") => gen_vault::run(&args[1..]),
        Some("soak") => soak(),
        Some("fuzz") => fuzz::run(&args[1..]),
        _ => Err(XtaskError::Usage(USAGE)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), XtaskError> {
    setup::check_prerequisites()?;
    setup::install_apt_packages(setup::APP_PACKAGES)?;
    setup::install_ui_packages()?;
    build_ui()?;
    Step::new("build the desktop app")
        .cargo(&["build", "-p", "dpodesk-app"])
        .run()?;
    Step::new("launch DPO Desk")
        .program(root().join("target/debug/dpodesk-app"))
        .run()
}

fn test() -> Result<(), XtaskError> {
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

    Step::new("check Rust formatting")
        .cargo(&["fmt", "--all", "--", "--check"])
        .run()?;
    Step::new("type-check the UI")
        .npm(&["run", "check"])
        .run()?;
    Step::new("run the UI unit tests (Vitest, mocked IPC)")
        .npm(&["test"])
        .run()?;
    build_ui()?;
    Step::new("build every crate, the Tauri shell included")
        .cargo(&["build", "--workspace", "--bins"])
        .run()?;
    Step::new("run the Rust tests of the whole workspace")
        .cargo(&["test", "--workspace"])
        .run()?;
    Step::new("run the end-to-end and interoperability suites (pytest, Xvfb, tauri-driver)")
        .program(python)
        .args(&[
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/e2e",
            "tests/interop",
        ])
        .env("DPODESK_APP", root().join("target/debug/dpodesk-app"))
        .env("DPODESK_BIN", root().join("target/debug/dpodesk"))
        .env("TAURI_DRIVER", tauri_driver)
        .run()
}

fn bindings() -> Result<(), XtaskError> {
    Step::new("regenerate ui/src/ipc/bindings.ts")
        .cargo(&[
            "test",
            "-p",
            "dpodesk-core",
            "--lib",
            "api::tests::typescript_bindings_are_current",
        ])
        .env("UPDATE_BINDINGS", "1")
        .run()
}

fn soak() -> Result<(), XtaskError> {
    Step::new("build the dpodesk CLI (the writer the soak kills)")
        .cargo(&["build", "-p", "dpodesk-cli"])
        .run()?;
    Step::new("crash-safety soak: SIGKILL a writer 200+ times, check the vault after each")
        .cargo(&[
            "test",
            "-p",
            "dpodesk-tests",
            "--test",
            "it",
            "crash::soak_many_sigkills",
            "--",
            "--ignored",
            "--nocapture",
        ])
        .run()
}

fn build_ui() -> Result<(), XtaskError> {
    // The Tauri build embeds ui/dist, so it must exist and be current before cargo builds the app.
    Step::new("build the UI").npm(&["run", "build"]).run()
}
