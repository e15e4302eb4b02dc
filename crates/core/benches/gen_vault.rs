//! The vault generator behind `cargo xtask gen-vault`: a vault of 10,000 assessments and 1,000,000
//! answers made through core's own write paths (see `support/mod.rs`).
//!
//! `--out PATH [--assessments N] [--answers M] [--plain]` writes a new file (an existing one is
//! refused); without `--out` it fills the cache under `target/bench-data/` that the vault
//! benchmark reads, encrypted vault and plain peer both. The vault's passphrase is
//! `bench harbour lantern forty-seven` (generated content only, no real data).

mod support;

use std::path::PathBuf;
use std::process::ExitCode;

use support::Size;

fn main() -> ExitCode {
    let mut size = Size::from_env();
    let mut out: Option<PathBuf> = None;
    let mut plain = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Option<usize> {
            let value = args.next()?.replace('_', "");
            value.parse().ok().or_else(|| {
                eprintln!("gen-vault: {name} takes a number, not {value}");
                None
            })
        };
        match arg.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--assessments" => match number("--assessments") {
                Some(n) => size.assessments = n,
                None => return ExitCode::from(2),
            },
            "--answers" => match number("--answers") {
                Some(n) => size.answers = n,
                None => return ExitCode::from(2),
            },
            "--plain" => plain = true,
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            other => {
                eprintln!(
                    "gen-vault: unknown argument {other}\nusage: gen-vault [--out PATH] \
                     [--assessments N] [--answers M] [--plain]"
                );
                return ExitCode::from(2);
            }
        }
    }
    if size.assessments == 0 {
        eprintln!("gen-vault: --assessments must be at least 1");
        return ExitCode::from(2);
    }
    match out {
        Some(path) => {
            if path.exists() {
                eprintln!("gen-vault: {} exists; choose a new file", path.display());
                return ExitCode::FAILURE;
            }
            support::generate(&path, size, plain);
            println!("{}", path.display());
        }
        None => {
            println!("{}", support::ensure(size, false).display());
            println!("{}", support::ensure(size, true).display());
        }
    }
    ExitCode::SUCCESS
}
