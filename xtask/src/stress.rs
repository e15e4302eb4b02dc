//! `cargo xtask e2e-stress [--runs N] [--only TEST]`: the end-to-end and interop suites (or one
//! test) N times in a row while two busy processes compete for the cores, the way a loaded CI
//! machine or a developer's laptop with another app running treats them. A test that races
//! WebKit, the driver or the vault shows up here long before it turns a landing red.

use std::process::{Child, Command, Stdio};
use std::time::Instant;

use crate::clock::minutes;
use crate::error::XtaskError;
use crate::step::Step;

/// A hog: a shell spinning on a builtin, one core busy until killed, with no child of its own.
/// (Not this binary: the build step may replace it while it runs.)
const HOG: [&str; 3] = ["sh", "-c", "while :; do :; done"];
const HOGS: usize = 2;
const DEFAULT_RUNS: u32 = 3;

#[derive(Debug, PartialEq, Eq)]
struct Options {
    runs: u32,
    only: Option<String>,
}

fn parse(args: &[String]) -> Result<Options, XtaskError> {
    const USAGE: &str = "usage: cargo xtask e2e-stress [--runs N] [--only TEST]  (TEST: a pytest node id such as tests/e2e/test_trust.py, or a name for -k)";
    let mut options = Options {
        runs: DEFAULT_RUNS,
        only: None,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--runs" => {
                options.runs = rest
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or(XtaskError::Usage(USAGE))?;
            }
            "--only" => options.only = Some(rest.next().ok_or(XtaskError::Usage(USAGE))?.clone()),
            _ => return Err(XtaskError::Usage(USAGE)),
        }
    }
    Ok(options)
}

/// The pytest arguments that select what one run covers.
fn targets(only: Option<&str>) -> Vec<String> {
    match only {
        None => vec!["tests/e2e".to_owned(), "tests/interop".to_owned()],
        // A path or node id is passed as it is; a bare name selects by keyword over both suites.
        Some(id) if id.contains('/') || id.contains("::") => vec![id.to_owned()],
        Some(name) => vec![
            "tests/e2e".to_owned(),
            "tests/interop".to_owned(),
            "-k".to_owned(),
            name.to_owned(),
        ],
    }
}

pub fn run(args: &[String]) -> Result<(), XtaskError> {
    let options = parse(args)?;
    let tools = crate::prepare_tests()?;
    crate::build_ui_step().run()?;
    Step::new("build every crate, the Tauri shell included")
        .cargo(&["build", "--workspace", "--bins"])
        .run()?;

    let targets = targets(options.only.as_deref());
    let targets: Vec<&str> = targets.iter().map(String::as_str).collect();
    let hogs = Hogs::start()?;
    println!(
        "\n==> {} run(s) of pytest {} with {HOGS} busy processes competing for the cores",
        options.runs,
        targets.join(" ")
    );
    let (mut passed, mut failed) = (0u32, 0u32);
    for run in 1..=options.runs {
        let start = Instant::now();
        let name = format!("stress run {run}/{}", options.runs);
        let outcome = tools.pytest(&name, &targets).run();
        let took = minutes(start.elapsed());
        match outcome {
            Ok(()) => {
                passed += 1;
                println!("--> run {run}: passed ({took})");
            }
            Err(XtaskError::StepFailed { .. }) => {
                failed += 1;
                println!("--> run {run}: FAILED ({took})");
            }
            Err(other) => return Err(other),
        }
    }
    drop(hogs);
    println!("\n{passed} passed, {failed} failed");
    if failed == 0 {
        Ok(())
    } else {
        Err(XtaskError::StepFailed {
            step: "e2e-stress".to_owned(),
            status: format!("{failed} of {} runs failed", options.runs),
        })
    }
}

/// Busy processes, stopped and waited for when dropped (also when a run returns an error).
#[derive(Debug)]
struct Hogs(Vec<Child>);

impl Hogs {
    fn start() -> Result<Hogs, XtaskError> {
        let mut hogs = Hogs(Vec::new());
        for _ in 0..HOGS {
            let child = Command::new(HOG[0])
                .args(&HOG[1..])
                .stdin(Stdio::null())
                .spawn()
                .map_err(|source| XtaskError::Spawn {
                    program: HOG.join(" "),
                    source,
                })?;
            hogs.0.push(child);
        }
        Ok(hogs)
    }
}

impl Drop for Hogs {
    fn drop(&mut self) {
        for child in &mut self.0 {
            // Already gone is fine: the wait below reaps it either way.
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn options_default_to_three_runs_of_both_suites() {
        let options = parse(&[]).expect("no options");
        assert_eq!(
            options,
            Options {
                runs: 3,
                only: None
            }
        );
        assert_eq!(targets(None), ["tests/e2e", "tests/interop"]);
    }

    #[test]
    fn only_takes_a_node_id_or_a_keyword() {
        let options = parse(&args(&[
            "--runs",
            "30",
            "--only",
            "tests/e2e/test_trust.py",
        ]))
        .expect("valid options");
        assert_eq!(options.runs, 30);
        assert_eq!(
            targets(options.only.as_deref()),
            ["tests/e2e/test_trust.py"]
        );
        assert_eq!(
            targets(Some("trust")),
            ["tests/e2e", "tests/interop", "-k", "trust"]
        );
    }

    #[test]
    fn bad_options_are_refused() {
        assert!(parse(&args(&["--runs", "0"])).is_err());
        assert!(parse(&args(&["--runs"])).is_err());
        assert!(parse(&args(&["--only"])).is_err());
        assert!(parse(&args(&["--fast"])).is_err());
    }
}
