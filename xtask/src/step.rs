//! A step: one announced command run from the workspace root, failing with its name.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::XtaskError;

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Where cargo puts its builds: `CARGO_TARGET_DIR` when set (a worktree sharing a warm target, CI
/// caches), else `<root>/target` — so the tests launch the binaries this very build produced.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root().join(dir),
        _ => root().join("target"),
    }
}

#[derive(Debug)]
pub struct Step {
    name: String,
    command: Option<Command>,
}

impl Step {
    pub fn new(name: &str) -> Step {
        Step {
            name: name.to_owned(),
            command: None,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn program(mut self, program: impl AsRef<OsStr>) -> Step {
        let mut command = Command::new(program);
        command.current_dir(root());
        self.command = Some(command);
        self
    }

    pub fn cargo(self, args: &[&str]) -> Step {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        self.program(cargo).args(args)
    }

    pub fn npm(self, args: &[&str]) -> Step {
        let mut step = self.program("npm").args(args);
        if let Some(command) = step.command.as_mut() {
            command.current_dir(root().join("ui"));
        }
        step
    }

    pub fn args(mut self, args: &[&str]) -> Step {
        if let Some(command) = self.command.as_mut() {
            command.args(args);
        }
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Step {
        if let Some(command) = self.command.as_mut() {
            command.env(key, value);
        }
        self
    }

    /// Prints the step's name, runs it with inherited output, and fails if it fails.
    pub fn run(self) -> Result<(), XtaskError> {
        println!("\n==> {}", self.name);
        let Some(mut command) = self.command else {
            return Ok(());
        };
        let status = command.status().map_err(|source| XtaskError::Spawn {
            program: command.get_program().to_string_lossy().into_owned(),
            source,
        })?;
        if status.success() {
            Ok(())
        } else {
            Err(XtaskError::StepFailed {
                step: self.name,
                status: status.to_string(),
            })
        }
    }

    /// Runs quietly and reports only whether it succeeded (for probes such as `dpkg-query`).
    pub fn probe(program: &str, args: &[&str]) -> bool {
        Command::new(program)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    }
}
