//! PostgreSQL for the team-mode tests: installed from Debian's packages when no server of major
//! version 15 or later is there. xtask only installs it; each test run starts and stops its own
//! private cluster (`dpodesk-team`'s `cluster` module), so nothing here starts a server.

use std::path::Path;
use std::process::Command;

use crate::error::XtaskError;
use crate::step::Step;

/// The oldest major version team mode supports.
const MIN_MAJOR: u32 = 15;
/// Where Debian puts each major version's programs (`<dir>/<major>/bin/initdb`).
const LIB_DIR: &str = "/usr/lib/postgresql";

/// Installs Debian's `postgresql` (with sudo when not root) unless a 15+ server is present;
/// refuses when the distribution only offers an older one.
pub fn install() -> Result<(), XtaskError> {
    if let Some(major) = installed_major() {
        println!("==> PostgreSQL {major}: present");
        return Ok(());
    }
    let sudo = !is_root();
    let apt = |name: &str, args: &[&str]| {
        let step = Step::new(name).env("DEBIAN_FRONTEND", "noninteractive");
        if sudo {
            let mut all = vec!["apt-get"];
            all.extend_from_slice(args);
            step.program("sudo").args(&all)
        } else {
            step.program("apt-get").args(args)
        }
    };
    apt(
        "refresh the package lists for PostgreSQL",
        &["update", "-qq"],
    )
    .run()?;
    let candidate = candidate_major().ok_or_else(|| {
        XtaskError::Prerequisite(
            "apt offers no postgresql package: add the PostgreSQL (PGDG) apt repository".to_owned(),
        )
    })?;
    if candidate < MIN_MAJOR {
        return Err(XtaskError::Prerequisite(format!(
            "apt offers PostgreSQL {candidate}; team mode needs {MIN_MAJOR} or later: add the PostgreSQL (PGDG) apt repository"
        )));
    }
    apt(
        &format!("install PostgreSQL {candidate} (Debian's postgresql)"),
        &[
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "postgresql",
        ],
    )
    .run()?;
    installed_major().map(|_| ()).ok_or_else(|| {
        XtaskError::Prerequisite(format!(
            "postgresql installed but no {LIB_DIR}/<version>/bin/initdb"
        ))
    })
}

/// The newest installed major version of 15 or later that has its `initdb`.
fn installed_major() -> Option<u32> {
    std::fs::read_dir(LIB_DIR)
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|major| *major >= MIN_MAJOR)
        .filter(|major| {
            Path::new(LIB_DIR)
                .join(format!("{major}/bin/initdb"))
                .is_file()
        })
        .max()
}

/// The major version `apt-get install postgresql` would bring (`Candidate: 15+248+deb12u2`).
fn candidate_major() -> Option<u32> {
    let out = Command::new("apt-cache")
        .args(["policy", "postgresql"])
        .output()
        .ok()?;
    parse_candidate(&String::from_utf8_lossy(&out.stdout))
}

fn parse_candidate(policy: &str) -> Option<u32> {
    let version = policy
        .lines()
        .find_map(|line| line.trim().strip_prefix("Candidate:"))?
        .trim();
    let digits: String = version.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

#[cfg(test)]
mod tests {
    use super::parse_candidate;

    #[test]
    fn the_candidate_major_version_is_read_from_apt_cache_policy() {
        let bookworm =
            "postgresql:\n  Installed: (none)\n  Candidate: 15+248+deb12u2\n  Version table:\n";
        assert_eq!(parse_candidate(bookworm), Some(15));
        assert_eq!(
            parse_candidate("postgresql:\n  Installed: (none)\n  Candidate: 17+278\n"),
            Some(17)
        );
        assert_eq!(
            parse_candidate("postgresql:\n  Installed: (none)\n  Candidate: (none)\n"),
            None
        );
        assert_eq!(parse_candidate(""), None);
    }
}
