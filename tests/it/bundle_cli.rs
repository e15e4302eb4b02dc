//! `dpodesk bundle export` / `bundle import` end to end through the CLI, in both languages (the
//! matter and its checks are in `bundle.rs`).

use std::path::Path;
use std::process::Output;

use crate::bundle::*;
use crate::bundle_refusals::write_variant;
use crate::support::*;

fn cli(vault: &Path, bundle_passphrase: Option<&str>, args: &[&str]) -> Output {
    let run = Dpodesk::on(vault, Some(PASSPHRASE));
    match bundle_passphrase {
        Some(p) => run.env("DPODESK_BUNDLE_PASSPHRASE", p),
        None => run,
    }
    .run(args)
}

#[test]
fn cli_bundle_export_and_import() {
    let dir = tempfile::tempdir().expect("dir");
    let (source, target) = (dir.path().join("a.dpvault"), dir.path().join("b.dpvault"));
    for vault in [&source, &target] {
        let init = cli(vault, None, &["vault", "init"]);
        assert!(init.status.success(), "{}", stderr(&init));
    }
    let add = cli(
        &source,
        None,
        &[
            "client",
            "add",
            "--name",
            "Acme 客户",
            "--notes",
            "marker-CLI-5521",
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let out = dir.path().join("acme.dpodesk");
    let out_arg = out.to_str().expect("utf-8");

    let no_passphrase = cli(
        &source,
        None,
        &[
            "bundle",
            "export",
            "--client",
            "Acme 客户",
            "--out",
            out_arg,
        ],
    );
    assert_eq!(no_passphrase.status.code(), Some(1));
    assert!(
        stderr(&no_passphrase).contains("DPODESK_BUNDLE_PASSPHRASE"),
        "{}",
        stderr(&no_passphrase)
    );
    let weak = cli(
        &source,
        Some("short"),
        &[
            "bundle",
            "export",
            "--client",
            "Acme 客户",
            "--out",
            out_arg,
        ],
    );
    assert_eq!(weak.status.code(), Some(4), "{}", stderr(&weak));
    assert!(!out.exists());

    let export = cli(
        &source,
        Some(BUNDLE_PASSPHRASE),
        &[
            "bundle",
            "export",
            "--client",
            "Acme 客户",
            "--out",
            out_arg,
        ],
    );
    assert!(export.status.success(), "{}", stderr(&export));
    let printed = stdout(&export);
    assert!(printed.contains("bundle written to"), "{printed}");
    let head_line = printed
        .lines()
        .find(|l| l.starts_with("bundle audit chain: "))
        .expect("head line")
        .to_owned();
    assert!(head_line.contains("1 entries · head "), "{head_line}");
    assert!(!file_contains(&out, "marker-CLI-5521"));

    let wrong = cli(
        &target,
        Some(OTHER_PASSPHRASE),
        &["bundle", "import", out_arg],
    );
    assert_eq!(wrong.status.code(), Some(3), "{}", stderr(&wrong));
    assert!(
        stderr(&wrong).contains("wrong passphrase for this bundle"),
        "{}",
        stderr(&wrong)
    );
    assert_eq!(stderr(&wrong).lines().count(), 1);

    let import = cli(
        &target,
        Some(BUNDLE_PASSPHRASE),
        &["bundle", "import", out_arg],
    );
    assert!(import.status.success(), "{}", stderr(&import));
    assert!(
        stdout(&import).contains("imported the matter of Acme 客户"),
        "{}",
        stdout(&import)
    );
    assert!(stdout(&import).contains(&head_line), "{}", stdout(&import));
    let list = cli(&target, None, &["client", "list"]);
    assert!(stdout(&list).contains("Acme 客户"), "{}", stdout(&list));
    let verify = cli(&target, None, &["audit", "verify"]);
    assert!(verify.status.success(), "{}", stderr(&verify));

    let again = cli(
        &target,
        Some(BUNDLE_PASSPHRASE),
        &["bundle", "import", out_arg],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("imported before"),
        "{}",
        stdout(&again)
    );

    let mut bytes = std::fs::read(&out).expect("read");
    bytes[15] = 9;
    let newer = write_variant(dir.path(), "newer.dpodesk", &bytes);
    // Refused before any bundle passphrase is asked for (there is none here).
    let too_new = cli(
        &target,
        None,
        &["bundle", "import", newer.to_str().expect("utf-8")],
    );
    assert_eq!(too_new.status.code(), Some(1));
    assert!(
        stderr(&too_new).contains("newer DPO Desk (bundle format 9"),
        "{}",
        stderr(&too_new)
    );

    let zh = Dpodesk::on(&target, Some(PASSPHRASE))
        .lang("zh_CN.UTF-8")
        .run(&["bundle", "import", newer.to_str().expect("utf-8")]);
    assert!(stderr(&zh).contains("请升级 DPO Desk"), "{}", stderr(&zh));
}
