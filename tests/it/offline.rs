//! Offline by construction, the CLI part: the whole CLI flow (vault, registers, an assessment with
//! answers and evidence, a PDF report, backup and restore, audit verify) runs under
//! `strace -f -e trace=connect,sendto` (and execve, to see that every command was traced) with no AF_INET or AF_INET6 connect or send, and runs
//! unchanged inside a network namespace with no interfaces (`unshare -n`). `strace` is one of
//! xtask's test packages.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::cli::dpodesk_bin;
use crate::support::*;

/// The flow, each step run through `wrap` (a program and its arguments put before `dpodesk`).
fn cli_flow(dir: &Path, wrap: &[&str]) {
    let vault = dir.join("offline.dpvault");
    let run = |args: &[&str]| -> String {
        let (program, prefix) = wrap.split_first().expect("a wrapper");
        let output = Command::new(program)
            .args(prefix)
            .arg(dpodesk_bin())
            .arg("--vault")
            .arg(&vault)
            .args(args)
            .env("DPODESK_PASSPHRASE", PASSPHRASE)
            .env("DPODESK_ACTOR", ACTOR)
            .env("LANG", "C")
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e} (cargo xtask test installs it)"));
        assert!(
            output.status.success(),
            "{wrap:?} dpodesk {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    run(&["vault", "init"]);
    run(&["client", "add", "--name", "Offline Co"]);
    let id = run(&[
        "assess",
        "new",
        "--template",
        "data-source",
        "--title",
        "Offline",
        "--client",
        "Offline Co",
    ])
    .trim()
    .to_owned();
    let answers = dir.join("answers.toml");
    std::fs::write(&answers, "ds01_purpose = \"newsletters\"\n").expect("answers");
    run(&[
        "assess",
        "answer",
        &id,
        "--file",
        answers.to_str().expect("utf-8"),
    ]);
    let evidence = dir.join("flow.txt");
    std::fs::write(&evidence, "data flow").expect("evidence");
    run(&[
        "assess",
        "evidence",
        &id,
        "--question",
        "ds01_dataflow_evidence",
        "--file",
        evidence.to_str().expect("utf-8"),
    ]);
    run(&["assess", "show", &id, "--json"]);
    let pdf = dir.join("report.pdf");
    run(&[
        "report",
        &id,
        "--lang",
        "bi",
        "--out",
        pdf.to_str().expect("utf-8"),
    ]);
    let backup = dir.join("offline.dpbackup");
    run(&["vault", "backup", "--out", backup.to_str().expect("utf-8")]);
    run(&[
        "vault",
        "restore",
        "--from",
        backup.to_str().expect("utf-8"),
    ]);
    run(&["audit", "verify"]);
    run(&["vault", "check"]);
}

#[test]
fn the_cli_flow_opens_no_network_socket_under_strace() {
    let dir = tempfile::tempdir().expect("temp dir");
    let trace = dir.path().join("trace");
    std::fs::create_dir(&trace).expect("trace dir");
    let log = trace.join("strace.log");
    let log_arg = log.to_str().expect("utf-8").to_owned();
    // One log for every process (-f), appended to (-A) across the flow's commands.
    cli_flow(
        dir.path(),
        &[
            "strace",
            "-f",
            "-qq",
            "-A",
            "-e",
            "trace=connect,sendto,execve",
            "-o",
            &log_arg,
        ],
    );
    let text = std::fs::read_to_string(&log).expect("strace log");
    let calls: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("connect(") || l.contains("sendto("))
        .collect();
    let network: Vec<&&str> = calls
        .iter()
        .filter(|l| l.contains("AF_INET") || l.contains("AF_INET6"))
        .collect();
    // execve is traced only to prove the tracer saw every command of the flow.
    let commands = text
        .lines()
        .filter(|l| l.contains("execve(") && l.contains("dpodesk"))
        .count();
    assert!(
        commands == 11,
        "strace saw {commands} dpodesk commands:\n{text}"
    );
    eprintln!(
        "offline: {commands} commands traced, {} connect/sendto calls, {} to AF_INET/AF_INET6",
        calls.len(),
        network.len()
    );
    assert!(network.is_empty(), "network connections: {network:#?}");
}

#[test]
fn the_cli_flow_runs_without_any_network_interface() {
    let dir = tempfile::tempdir().expect("temp dir");
    // As root `unshare -n` suffices; otherwise a user namespace (-r) grants it.
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let wrap: &[&str] = if is_root {
        &["unshare", "-n"]
    } else {
        &["unshare", "-rn"]
    };
    cli_flow(dir.path(), wrap);
}
