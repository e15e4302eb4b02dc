//! The `dpodesk` binary as a real process, run as a script runs it. Its environment is set here
//! alone: nothing of the shell that runs the tests (a passphrase, a locale, an actor) reaches
//! the binary unless a test gives it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::{ACTOR, PASSPHRASE};

/// The `dpodesk` binary next to this test binary (`target/<profile>/dpodesk`). A separate test
/// package gets no `CARGO_BIN_EXE_dpodesk`, so `cargo xtask test` builds the CLI first; `DPODESK_BIN`
/// overrides the location.
pub fn dpodesk_bin() -> PathBuf {
    if let Some(path) = std::env::var_os("DPODESK_BIN") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("test exe path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps/..");
    let bin = profile_dir.join(format!("dpodesk{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "{} is missing: build it first with `cargo build -p dpodesk-cli` (cargo xtask test does)",
        bin.display()
    );
    bin
}

/// One run of `dpodesk --vault VAULT …`: in English (`LANG=C`), as [`ACTOR`], stdin closed,
/// with no passphrase but those given.
pub struct Dpodesk(Command);

impl Dpodesk {
    /// On `vault`, unlocked with `passphrase` (`None`: the CLI has none to take).
    pub fn on(vault: &Path, passphrase: Option<&str>) -> Dpodesk {
        let mut command = Command::new(dpodesk_bin());
        command.arg("--vault").arg(vault);
        for name in [
            "DPODESK_PASSPHRASE",
            "DPODESK_NEW_PASSPHRASE",
            "DPODESK_BUNDLE_PASSPHRASE",
            "LC_ALL",
            "LC_MESSAGES",
        ] {
            command.env_remove(name);
        }
        command
            .env("LANG", "C")
            .env("DPODESK_ACTOR", ACTOR)
            .stdin(Stdio::null());
        if let Some(passphrase) = passphrase {
            command.env("DPODESK_PASSPHRASE", passphrase);
        }
        Dpodesk(command)
    }

    /// In the locale `lang` (`zh_CN.UTF-8`: the messages in Chinese).
    pub fn lang(self, lang: &str) -> Dpodesk {
        self.env("LANG", lang)
    }

    /// With `name` set to `value` (a new or a bundle's passphrase).
    pub fn env(mut self, name: &str, value: &str) -> Dpodesk {
        self.0.env(name, value);
        self
    }

    pub fn run(mut self, args: &[&str]) -> Output {
        self.0.args(args).output().expect("run dpodesk")
    }
}

/// Runs `dpodesk --vault VAULT ARGS` unlocked with `passphrase`.
pub fn dpodesk(vault: &Path, passphrase: Option<&str>, args: &[&str]) -> Output {
    Dpodesk::on(vault, passphrase).run(args)
}

/// Runs `dpodesk --vault VAULT ARGS` with the test passphrase, which must succeed: its output
/// without the surrounding blanks.
pub fn ok(vault: &Path, args: &[&str]) -> String {
    let output = dpodesk(vault, Some(PASSPHRASE), args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        stderr(&output)
    );
    stdout(&output).trim().to_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
