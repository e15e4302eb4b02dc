//! What the CLI says about an assessment whose conclusion is not drawn yet: a provisional band is
//! never a bare "compliant" for a script, and a report without a recorded author invents none.

use serde_json::Value;

use crate::support::*;

/// A QR channel whose consent log nobody has checked yet (a gate of the channel), nothing else
/// wrong: the band is compliant, the conclusion is not.
const QR_LOG_UNCHECKED: &str = r#"
ds01_channel = "QR"
ds01_platforms = ["wechat"]
ds01_fields = ["mobile"]
ds02_regime = "prc"
ds05_capture = "unticked_box"
ds10_notice_before = "yes"
"#;

#[test]
fn a_provisional_band_carries_its_certainty_and_its_human_word_in_json() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let id = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template",
            "data-source",
            "--title",
            "QR",
        ],
    );
    let answers = dir.path().join("a.toml");
    std::fs::write(&answers, QR_LOG_UNCHECKED).expect("write");
    ok(
        &vault,
        &[
            "assess",
            "answer",
            &id,
            "--file",
            answers.to_str().expect("path"),
        ],
    );
    let shown: Value =
        serde_json::from_str(&ok(&vault, &["assess", "show", &id, "--json"])).expect("JSON");
    let rating = &shown["rating"];
    assert_eq!(rating["band"], "compliant", "{rating}");
    assert_eq!(rating["certainty"], "provisional", "{rating}");
    // The one word a script reads is never "compliant" while points are open.
    assert_eq!(rating["overall"], "no_issue_found_so_far", "{rating}");
    assert_eq!(
        rating["band_label"]["en"], "no issue found so far",
        "{rating}"
    );
    assert_eq!(rating["band_label"]["zh"], "目前未发现问题", "{rating}");
    assert!(
        !rating["wording"]["en"]
            .as_str()
            .unwrap_or_default()
            .starts_with("compliant"),
        "{rating}"
    );
}

/// Without a profile, a report names no author it was not given: not the OS user, not
/// "unknown"; it says the author is not recorded, and the CLI says how to record one.
#[test]
fn a_report_without_a_profile_says_the_author_is_not_recorded() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let id = ok(
        &vault,
        &["assess", "new", "--template", "pia", "--title", "No author"],
    );
    for (lang, words) in [("en", "author not recorded"), ("zh", "未记录编写人")] {
        let pdf = dir.path().join(format!("no-author-{lang}.pdf"));
        let output = dpodesk(
            &vault,
            Some(PASSPHRASE),
            &[
                "report",
                &id,
                "--lang",
                lang,
                "--out",
                pdf.to_str().expect("path"),
            ],
        );
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("profile set"),
            "no hint on stderr: {}",
            stderr(&output)
        );
        let text = crate::reports::text_of(&pdf, None);
        assert!(text.contains(words), "{lang}: {text}");
        assert!(!text.contains("unknown"), "{lang}: {text}");
        assert!(
            !text.contains(ACTOR),
            "{lang}: the actor is no author: {text}"
        );
    }

    ok(&vault, &["profile", "set", "--name", "Wang Fang"]);
    let pdf = dir.path().join("with-author.pdf");
    let output = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &[
            "report",
            &id,
            "--lang",
            "en",
            "--out",
            pdf.to_str().expect("path"),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("profile set"),
        "{}",
        stderr(&output)
    );
    let text = crate::reports::text_of(&pdf, None);
    assert!(text.contains("Wang Fang"), "{text}");
    assert!(!text.contains("author not recorded"), "{text}");
}

/// A sign-off names its signer: without `--name` it takes the profile's name and role, and with
/// no profile either it is refused in the user's language, with the way to set one.
#[test]
fn a_signoff_without_a_name_takes_the_profile_or_is_refused() {
    let (_dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let id = ok(
        &vault,
        &["assess", "new", "--template", "pia", "--title", "Signer"],
    );
    ok(&vault, &["assess", "submit", &id]);
    let signoff = [
        "assess",
        "signoff",
        id.as_str(),
        "--decision",
        "reject",
        "--comment",
        "incomplete",
    ];
    let refused = dpodesk(&vault, Some(PASSPHRASE), &signoff);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert_eq!(
        stderr(&refused),
        "dpodesk: a sign-off needs the signer's name, and no profile is set to take it from: give the name, or record your profile (name, role, organisation) first (`--name …`, or `dpodesk profile set --name … --role …`)\n"
    );
    let zh = Dpodesk::on(&vault, Some(PASSPHRASE))
        .lang("zh_CN.UTF-8")
        .run(&signoff);
    assert_eq!(zh.status.code(), Some(1));
    assert!(
        stderr(&zh).contains("签署须写明签署人姓名，而尚未设置个人资料可供采用"),
        "{}",
        stderr(&zh)
    );

    ok(
        &vault,
        &["profile", "set", "--name", "Wang Fang", "--role", "DPO"],
    );
    ok(&vault, &signoff);
    let shown: Value =
        serde_json::from_str(&ok(&vault, &["assess", "show", &id, "--json"])).expect("JSON");
    let signed = &shown["sign_offs"][0];
    assert_eq!(signed["name"], "Wang Fang", "{signed}");
    assert_eq!(signed["role"], "DPO", "{signed}");
}
