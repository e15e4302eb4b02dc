//! The `dpodesk` binary as a real process, run as a script runs it. Its environment is set here
//! alone: nothing of the shell that runs the tests (a passphrase, a locale, an actor) reaches
//! the binary unless a test gives it.

use std::borrow::Borrow;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use dpodesk_team::cluster::Cluster;
use dpodesk_team::testing::{PASSWORD, Team};

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

/// One run of `dpodesk`: in English (`LANG=C`), stdin closed, with no passphrase, password,
/// team database or actor but those given.
pub struct Dpodesk(Command);

impl Dpodesk {
    /// Neither `--vault` nor `--team`: what the CLI does with its own defaults.
    pub fn bare() -> Dpodesk {
        let mut command = Command::new(dpodesk_bin());
        for name in [
            "DPODESK_PASSPHRASE",
            "DPODESK_NEW_PASSPHRASE",
            "DPODESK_BUNDLE_PASSPHRASE",
            "DPODESK_MEMBER_PASSWORD",
            "DPODESK_TEAM_URL",
            "DPODESK_ACTOR",
            "DPODESK_TEMPLATES",
            "PGPASSWORD",
            "PGPASSFILE",
            "LC_ALL",
            "LC_MESSAGES",
        ] {
            command.env_remove(name);
        }
        command.env("LANG", "C").stdin(Stdio::null());
        Dpodesk(command)
    }

    /// On `vault` as [`ACTOR`], unlocked with `passphrase` (`None`: the CLI has none to take).
    pub fn on(vault: &Path, passphrase: Option<&str>) -> Dpodesk {
        let mut run = Dpodesk::bare().vault(vault).env("DPODESK_ACTOR", ACTOR);
        if let Some(passphrase) = passphrase {
            run = run.env("DPODESK_PASSPHRASE", passphrase);
        }
        run
    }

    /// `--team` on database `dbname` of the private cluster as login `user`, whose password
    /// comes through `PGPASSWORD` as a script would give it.
    pub fn team(cluster: &Cluster, dbname: &str, user: &str, password: &str) -> Dpodesk {
        let mut run = Dpodesk::bare().env("PGPASSWORD", password);
        run.0
            .arg("--team")
            .arg(cluster.socket_conninfo(user, dbname));
        run
    }

    /// `--team` as `member` of the test team database (the test members' password).
    pub fn member(team: &Team, member: &str) -> Dpodesk {
        Dpodesk::team(&team.cluster, &team.dbname, member, PASSWORD)
    }

    /// With `--vault PATH` (beside `--team`: a path that must stay untouched).
    pub fn vault(mut self, path: &Path) -> Dpodesk {
        self.0.arg("--vault").arg(path);
        self
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

/// A test's runs of `dpodesk --team` as members of `team`. Each passes `--vault` with a path in a
/// folder of the test's own that does not exist: a command on the team database opens no vault,
/// so the path must never appear. The folder takes the files the commands write.
pub struct TeamCli<'a> {
    team: &'a Team,
    dir: tempfile::TempDir,
    vault: PathBuf,
}

impl<'a> TeamCli<'a> {
    pub fn new(team: &'a Team) -> TeamCli<'a> {
        let dir = tempfile::tempdir().expect("temp dir");
        let vault = dir.path().join("never.dpvault");
        TeamCli { team, dir, vault }
    }

    /// `dpodesk --team … --vault … args` as `member`, in English.
    pub fn run(&self, member: &str, args: &[&str]) -> Output {
        self.member(member).run(args)
    }

    /// The same in the locale `lang` (`zh_CN.UTF-8`: the messages in Chinese).
    pub fn run_in(&self, lang: &str, member: &str, args: &[&str]) -> Output {
        self.member(member).lang(lang).run(args)
    }

    fn member(&self, member: &str) -> Dpodesk {
        Dpodesk::member(self.team, member).vault(&self.vault)
    }

    /// The firm's DBA lets `member` work on `client` (its id or exact name).
    pub fn grant(&self, client: &str, member: &str) {
        let dba = self.team.dba_name();
        succeeded(self.run(
            &dba,
            &["team", "grant", "--client", client, "--member", member],
        ));
    }

    /// A PIA titled "Loyalty PIA" of `client` (its id or exact name), created by `member`: its id.
    pub fn new_pia(&self, member: &str, client: &str) -> String {
        let args = [
            "assess",
            "new",
            "--template",
            "pia",
            "--title",
            "Loyalty PIA",
            "--client",
            client,
        ];
        succeeded(self.run(member, &args)).trim().to_owned()
    }

    /// The test's folder.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The `--vault` path every run passes, which must not exist.
    pub fn vault(&self) -> &Path {
        &self.vault
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

/// The output of a run that must have succeeded (its stdout; the assertion shows both streams).
pub fn succeeded(output: impl Borrow<Output>) -> String {
    let output = output.borrow();
    assert!(
        output.status.success(),
        "{}{}",
        stdout(output),
        stderr(output)
    );
    stdout(output)
}

/// The message of a run that must have been refused (its stderr).
pub fn refused(output: &Output) -> String {
    assert!(!output.status.success(), "succeeded: {}", stdout(output));
    stderr(output)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
