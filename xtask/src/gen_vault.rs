//! `cargo xtask gen-vault --out PATH [--assessments N] [--answers M] [--plain]`: a generated vault
//! for benchmarks and trials (10,000 assessments and 1,000,000 answers by default).
//!
//! The generator is core's bench target `gen_vault` (`crates/core/benches/support/mod.rs`): it
//! writes through core's own public write paths, each row with its audit entry and search-index
//! entry, and builds optimised. `--plain` makes the unencrypted SQLite peer with the same schema.
//! Without `--out` it fills the cache under `target/bench-data/` that `cargo xtask bench` reads.
//! The vault's passphrase is `bench harbour lantern forty-seven` (generated content only).

use crate::error::XtaskError;
use crate::step::Step;

/// Runs the generator with the given arguments (checked by the generator itself).
pub fn run(args: &[String]) -> Result<(), XtaskError> {
    let mut cargo = vec![
        "bench",
        "-p",
        "dpodesk-core",
        "--features",
        "bench",
        "--bench",
        "gen_vault",
        "--",
    ];
    cargo.extend(args.iter().map(String::as_str));
    Step::new("generate a benchmark vault (core's write paths; cached under target/bench-data/)")
        .cargo(&cargo)
        .run()
}
