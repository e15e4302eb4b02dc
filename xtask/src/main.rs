//! `cargo xtask <command>`: the project's two set-up commands and their helpers.
//!
//! - `run`: install what is missing, build the UI and the app, launch it.
//! - `test`: install what is missing, then run every test: formatting, the UI's type check and unit
//!   tests, clippy over every target, Rust (whole workspace, the Tauri shell included), and the
//!   Python suites (end-to-end through the real webview under Xvfb, and the independent SQLCipher
//!   client check); prints each step's wall time and the total at the end.
//! - `bindings`: regenerate `ui/src/ipc/bindings.ts` from the Rust wire types, and
//!   `ui/src/ipc/commands.ts` and the window's capability from `src-tauri/src/command_list.rs`.
//! - `bench`: every benchmark beside its peer in the same run — the vault on SQLCipher and on plain
//!   SQLite, the reports against WeasyPrint, scoring, the release app's start, memory and sizes —
//!   one summary table, also in `target/bench-summary.json` (`docs/benchmarks.md`).
//! - `gen-vault`: the generated 10,000-assessment vault the vault benchmarks use.
//! - `soak`: the long crash-safety soak: 200 SIGKILLs of a writer (`DPODESK_SOAK_RUNS` for more,
//!   `DPODESK_SOAK_SEED` to replay), each followed by the vault's checks.
//!
//! - `screenshots`: every main screen in zh and en at 1280×800 and 1024×700, from a demo vault,
//!   into `target/screenshots/` (see `screenshots.rs`).
//! - `e2e-stress [--runs N] [--only TEST]`: the end-to-end and interop suites (or one test) N times
//!   while two busy processes compete for the cores; prints `N passed, M failed` (see `stress.rs`).
//! - `fuzz [--seconds N] [TARGET…]`: the cargo-fuzz targets in `fuzz/`, one at a time (see
//!   `fuzz.rs`); kept out of `test`, which replays their corpora and crashes instead.
//!
//! Each step prints what it does; a prerequisite that cannot be installed gets a one-line reason.

mod bench;
mod clock;
mod error;
mod fuzz;
mod gen_vault;
mod postgres;
mod screenshots;
mod setup;
mod step;
mod stress;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::clock::Clock;
use crate::error::XtaskError;
use crate::step::{Step, target_dir};

const USAGE: &str = "usage: cargo xtask <run | test | bindings | bench [--no-app | --app-only] [--no-build] | gen-vault [--out PATH …] | soak | fuzz | screenshots | e2e-stress [--runs N] [--only TEST]>";

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
        Some("e2e-stress") => stress::run(&args[1..]),
        Some("screenshots") => screenshots::run(),
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
        .program(target_dir().join("debug/dpodesk-app"))
        .run()
}

fn test() -> Result<(), XtaskError> {
    let mut clock = Clock::new();
    let result = test_steps(&mut clock);
    print!("{}", clock.report());
    result
}

fn test_steps(clock: &mut Clock) -> Result<(), XtaskError> {
    let tools = clock.time(
        "set up (system packages, PostgreSQL, npm, tauri-driver, Python)",
        prepare_tests,
    )?;
    clock.step(Step::new("check Rust formatting").cargo(&["fmt", "--all", "--", "--check"]))?;
    clock.step(Step::new("type-check the UI").npm(&["run", "check"]))?;
    clock.step(Step::new("run the UI unit tests (Vitest, mocked IPC)").npm(&["test"]))?;
    clock.step(build_ui_step())?;
    clock.step(
        Step::new("build every crate, the Tauri shell included").cargo(&[
            "build",
            "--workspace",
            "--bins",
        ]),
    )?;
    clock.step(
        Step::new("lint every crate and target (clippy, warnings are errors)").cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    clock.step(
        Step::new("run the Rust tests of the whole workspace").cargo(&["test", "--workspace"]),
    )?;
    clock.step(tools.pytest(
        "run the end-to-end and interoperability suites (pytest, Xvfb, tauri-driver)",
        &["tests/e2e", "tests/interop"],
    ))
}

/// What the Python suites need, installed when missing.
pub(crate) struct TestTools {
    python: PathBuf,
    tauri_driver: PathBuf,
}

impl TestTools {
    /// One pytest run over `targets`, against the debug builds of the app and the CLI.
    pub(crate) fn pytest(&self, name: &str, targets: &[&str]) -> Step {
        Step::new(name)
            .program(&self.python)
            .args(&["-m", "pytest", "-q", "-p", "no:cacheprovider"])
            .args(targets)
            .env("DPODESK_APP", target_dir().join("debug/dpodesk-app"))
            .env("DPODESK_BIN", target_dir().join("debug/dpodesk"))
            .env("TAURI_DRIVER", &self.tauri_driver)
    }
}

pub(crate) fn prepare_tests() -> Result<TestTools, XtaskError> {
    setup::check_prerequisites()?;
    let packages: Vec<&str> = setup::APP_PACKAGES
        .iter()
        .chain(setup::TEST_PACKAGES)
        .copied()
        .collect();
    setup::install_apt_packages(&packages)?;
    postgres::install()?;
    setup::install_ui_packages()?;
    let tauri_driver = setup::install_tauri_driver()?;
    let python = setup::install_python_tools()?;
    Ok(TestTools {
        python,
        tauri_driver,
    })
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
        .run()?;
    Step::new("regenerate ui/src/ipc/commands.ts and the window's capability from the command list")
        .cargo(&[
            "test",
            "-p",
            "dpodesk-tests",
            "--test",
            "it",
            "ipc_contract::",
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
    build_ui_step().run()
}

pub(crate) fn build_ui_step() -> Step {
    // The Tauri build embeds ui/dist, so it must exist and be current before cargo builds the app.
    Step::new("build the UI").npm(&["run", "build"])
}
