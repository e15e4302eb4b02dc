//! No plaintext outside the vault: a CLI session enters Latin and Chinese markers as a client's
//! name and notes, a data source, a vendor, an answer, an action's title and note, the profile,
//! and an evidence file's name and content; it also backs the vault up. The process runs with
//! private HOME, XDG and TMPDIR folders. Afterwards no marker (nor the passphrase) occurs in the
//! vault, its `-wal`/`-shm`, the backup, the temp folder, or anything under HOME and XDG — once
//! the input files the test itself wrote are deleted.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::cli::dpodesk_bin;
use crate::support::*;

const LATIN: &str = "QUOKKA-LEAK-4471";
const CHINESE: &str = "袋鼠泄漏标记四四七一";

struct Session {
    _root: tempfile::TempDir,
    home: PathBuf,
    tmp: PathBuf,
    vault: PathBuf,
}

impl Session {
    fn new() -> Session {
        let root = tempfile::tempdir().expect("temp root");
        let home = root.path().join("home");
        let tmp = root.path().join("tmp");
        for dir in [
            &home,
            &tmp,
            &home.join(".config"),
            &home.join(".local/share"),
            &home.join(".cache"),
            &home.join(".local/state"),
            &home.join("runtime"),
        ] {
            std::fs::create_dir_all(dir).expect("private dir");
        }
        let vault = home.join("vaults").join("leaks.dpvault");
        Session {
            home,
            tmp,
            vault,
            _root: root,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        let output = Command::new(dpodesk_bin())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("XDG_CACHE_HOME", self.home.join(".cache"))
            .env("XDG_STATE_HOME", self.home.join(".local/state"))
            .env("XDG_RUNTIME_DIR", self.home.join("runtime"))
            .env("TMPDIR", &self.tmp)
            .env("LANG", "C")
            .env("DPODESK_PASSPHRASE", PASSPHRASE)
            .env("DPODESK_ACTOR", ACTOR)
            .arg("--vault")
            .arg(&self.vault)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run dpodesk");
        assert!(
            output.status.success(),
            "dpodesk {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }
}

fn marked(what: &str) -> String {
    format!("{what} {LATIN} {CHINESE}")
}

/// Every regular file under `dir`.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("entry").path();
        let meta = std::fs::symlink_metadata(&path).expect("metadata");
        if meta.is_dir() {
            files_under(&path, out);
        } else if meta.is_file() {
            out.push(path);
        }
    }
}

#[test]
fn a_cli_session_leaves_no_marker_outside_the_vault() {
    let s = Session::new();
    s.run(&["vault", "init"]);
    let client = marked("Client");
    s.run(&[
        "client",
        "add",
        "--name",
        &client,
        "--notes",
        &marked("notes"),
    ]);
    s.run(&[
        "source",
        "add",
        "--client",
        &client,
        "--name",
        &marked("Source"),
        "--channel",
        "QR",
        "--notes",
        &marked("source notes"),
    ]);
    s.run(&[
        "vendor",
        "add",
        "--client",
        &client,
        "--name",
        &marked("Vendor"),
        "--contact",
        &marked("contact"),
    ]);
    s.run(&[
        "profile",
        "set",
        "--name",
        &marked("DPO"),
        "--firm",
        &marked("Firm"),
    ]);
    let new = s.run(&[
        "assess",
        "new",
        "--template",
        "data-source",
        "--title",
        &marked("Assessment"),
        "--client",
        &client,
    ]);
    let id = String::from_utf8_lossy(&new.stdout).trim().to_owned();
    assert!(!id.is_empty());

    // Input files the user hands to the CLI live in their HOME; they are theirs, not a leak,
    // and are deleted before the scan.
    let answers = s.home.join("answers.toml");
    std::fs::write(
        &answers,
        format!("ds01_purpose = \"{}\"\n", marked("purpose")),
    )
    .expect("write answers");
    s.run(&[
        "assess",
        "answer",
        &id,
        "--file",
        answers.to_str().expect("utf-8"),
    ]);
    let evidence = s.home.join(format!("evidence-{LATIN}-{CHINESE}.txt"));
    std::fs::write(&evidence, marked("evidence content")).expect("write evidence");
    s.run(&[
        "assess",
        "evidence",
        &id,
        "--question",
        "ds01_dataflow_evidence",
        "--file",
        evidence.to_str().expect("utf-8"),
    ]);
    s.run(&[
        "action",
        "add",
        "--title",
        &marked("Action"),
        "--client",
        &client,
        "--note",
        &marked("action note"),
    ]);
    let backup = s.home.join("vaults").join("leaks.dpbackup");
    s.run(&["vault", "backup", "--out", backup.to_str().expect("utf-8")]);
    // The markers really are in the vault, as seen through the key.
    let shown = s.run(&["client", "list"]);
    assert!(String::from_utf8_lossy(&shown.stdout).contains(CHINESE));
    s.run(&["audit", "verify"]);

    // The scanner finds what is there: the input files hold the markers.
    assert!(file_contains(&evidence, LATIN) && file_contains(&answers, CHINESE));
    std::fs::remove_file(&answers).expect("remove answers");
    std::fs::remove_file(&evidence).expect("remove evidence");

    let mut files = Vec::new();
    files_under(&s.home, &mut files);
    files_under(&s.tmp, &mut files);
    for side in ["-wal", "-shm"] {
        let file = side_file(&s.vault, side);
        if file.exists() && !files.contains(&file) {
            files.push(file);
        }
    }
    assert!(files.contains(&s.vault) && files.contains(&backup));
    let mut hits = Vec::new();
    for file in &files {
        let name = file.to_string_lossy();
        for needle in [LATIN, CHINESE, PASSPHRASE] {
            if file_contains(file, needle) || name.contains(needle) {
                hits.push(format!("{} holds {needle}", file.display()));
            }
        }
    }
    eprintln!(
        "leaks: {} files scanned ({}), {} marker hits",
        files.len(),
        files
            .iter()
            .map(|f| f.strip_prefix(&s.home).unwrap_or(f).display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        hits.len()
    );
    assert!(hits.is_empty(), "plaintext outside the vault: {hits:#?}");
}
