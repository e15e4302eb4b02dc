//! `cargo xtask fuzz [--seconds N] [TARGET…]`: runs the cargo-fuzz targets in `fuzz/` one at a
//! time (the machine has two cores, and others build on it), each for N seconds (default 60), and
//! prints how many inputs each executed and what crashed.
//!
//! cargo-fuzz needs nightly flags (sanitizers); on the stable toolchain `RUSTC_BOOTSTRAP=1` lets
//! it use them. New corpus entries go to `fuzz/target/corpus-work/<target>/`, so the committed
//! seeds in `fuzz/corpus/<target>/` stay small. A crash is copied into
//! `fuzz/regressions/<target>/`, which the ordinary suite replays (tests/it/fuzz_replay.rs);
//! shrink it first with `cargo fuzz tmin` when it is large.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::error::XtaskError;
use crate::step::{Step, root};

pub const TARGETS: &[&str] = &["template", "answers_file", "bundle_import", "cnil"];
const USAGE: &str =
    "usage: cargo xtask fuzz [--seconds N] [template | answers_file | bundle_import | cnil]…";

/// The cargo-fuzz release used: it drives the nightly sanitizer flags our targets build with, so a
/// new one is taken on purpose (change it here) rather than whatever is latest on the day.
const CARGO_FUZZ: &str = "0.13.2";

/// What one target's run found.
#[derive(Debug)]
struct Outcome {
    target: String,
    executions: Option<u64>,
    crash: Option<PathBuf>,
}

pub fn run(args: &[String]) -> Result<(), XtaskError> {
    let (seconds, targets) = parse_args(args)?;
    let installed = crate::setup::output("cargo", &["fuzz", "--version"]);
    if !installed.is_some_and(|v| v.split_whitespace().any(|w| w == CARGO_FUZZ)) {
        Step::new(&format!(
            "install cargo-fuzz {CARGO_FUZZ} (cargo install --locked)"
        ))
        .cargo(&["install", "cargo-fuzz", "--version", CARGO_FUZZ, "--locked"])
        .run()?;
    }
    if !root()
        .join("fuzz/corpus/bundle_import/seed.dpodesk")
        .is_file()
    {
        // Encrypted seeds are generated, not committed (they are git-ignored).
        Step::new("generate the fuzzers' seed bundle")
            .cargo(&[
                "test",
                "-p",
                "dpodesk-tests",
                "--test",
                "it",
                "fuzz_replay::regenerate_seeds",
                "--",
                "--ignored",
            ])
            .env("UPDATE_FUZZ_SEEDS", "1")
            .run()?;
    }
    let mut outcomes = Vec::new();
    for target in &targets {
        println!("\n==> fuzz {target} for {seconds} s");
        outcomes.push(fuzz_one(target, seconds)?);
    }
    println!("\n{:<14} {:>12}  crash", "target", "executions");
    for o in &outcomes {
        println!(
            "{:<14} {:>12}  {}",
            o.target,
            o.executions
                .map_or_else(|| "?".to_owned(), |n| n.to_string()),
            o.crash
                .as_ref()
                .map_or_else(|| "none".to_owned(), |p| p.display().to_string())
        );
    }
    let crashed: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.crash.is_some())
        .map(|o| o.target.as_str())
        .collect();
    if crashed.is_empty() {
        Ok(())
    } else {
        Err(XtaskError::StepFailed {
            step: format!("fuzzing ({})", crashed.join(", ")),
            status: "crashes copied into fuzz/regressions/: fix them, then run cargo xtask test"
                .to_owned(),
        })
    }
}

fn parse_args(args: &[String]) -> Result<(u64, Vec<String>), XtaskError> {
    let mut seconds = 60;
    let mut targets = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--seconds" {
            seconds = rest
                .next()
                .and_then(|n| n.parse().ok())
                .filter(|n| *n > 0)
                .ok_or(XtaskError::Usage(USAGE))?;
        } else if TARGETS.contains(&arg.as_str()) {
            targets.push(arg.clone());
        } else {
            return Err(XtaskError::Usage(USAGE));
        }
    }
    if targets.is_empty() {
        targets = TARGETS.iter().map(|t| (*t).to_owned()).collect();
    }
    Ok((seconds, targets))
}

fn fuzz_one(target: &str, seconds: u64) -> Result<Outcome, XtaskError> {
    let fuzz = root().join("fuzz");
    let work = fuzz.join("target/corpus-work").join(target);
    std::fs::create_dir_all(&work).map_err(|source| XtaskError::Spawn {
        program: format!("mkdir {}", work.display()),
        source,
    })?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut child = Command::new(cargo)
        .current_dir(&fuzz)
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["fuzz", "run", target])
        .arg(&work)
        .arg(fuzz.join("corpus").join(target))
        .args([
            "--",
            &format!("-max_total_time={seconds}"),
            "-print_final_stats=1",
            "-timeout=10",
            "-rss_limit_mb=2048",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| XtaskError::Spawn {
            program: "cargo fuzz".to_owned(),
            source,
        })?;
    let mut executions = None;
    let mut artifact = None;
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            if let Some(n) = line
                .strip_prefix("stat::number_of_executed_units:")
                .and_then(|n| n.trim().parse().ok())
            {
                executions = Some(n);
            }
            if let Some(path) = line.split("Test unit written to ").nth(1) {
                artifact = Some(fuzz.join(path.trim()));
            }
        }
    }
    let status = child.wait().map_err(|source| XtaskError::Spawn {
        program: "cargo fuzz".to_owned(),
        source,
    })?;
    let crash = match artifact {
        Some(found) => Some(keep_regression(target, &found)?),
        None if !status.success() => {
            return Err(XtaskError::StepFailed {
                step: format!("cargo fuzz run {target}"),
                status: status.to_string(),
            });
        }
        None => None,
    };
    Ok(Outcome {
        target: target.to_owned(),
        executions,
        crash,
    })
}

/// Copies a crashing input into `fuzz/regressions/<target>/`, where the suite replays it.
fn keep_regression(target: &str, artifact: &std::path::Path) -> Result<PathBuf, XtaskError> {
    let dir = root().join("fuzz/regressions").join(target);
    let name = artifact
        .file_name()
        .map_or_else(|| "crash".into(), |n| n.to_os_string());
    let kept = dir.join(name);
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::copy(artifact, &kept))
        .map_err(|source| XtaskError::Spawn {
            program: format!("copy {} to {}", artifact.display(), kept.display()),
            source,
        })?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn arguments_choose_seconds_and_targets() {
        let (seconds, targets) = parse_args(&args(&["--seconds", "5", "cnil"])).expect("parse");
        assert_eq!((seconds, targets), (5, vec!["cnil".to_owned()]));
        let (seconds, targets) = parse_args(&[]).expect("defaults");
        assert_eq!(seconds, 60);
        assert_eq!(targets, TARGETS);
        assert!(parse_args(&args(&["--seconds", "0"])).is_err());
        assert!(parse_args(&args(&["nope"])).is_err());
    }
}
