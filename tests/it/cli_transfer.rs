//! A transfer assessment through the `dpodesk` binary: `assess show` names the route on each
//! side with its basis, `--json` carries it as `transfer_route`, an open count stays undetermined
//! and names the question, and the transfer report renders with the route.

use std::path::Path;

use serde_json::Value;

use crate::support::*;

/// A Shenzhen seller sending 150,000 EU and PRC buyers' data to its Dutch subsidiary for
/// marketing, the subsidiary's team passing EU leads back to Shenzhen as its processor.
const BOTH: &str = r#"
tr01_regime = "both"
tr01_exporter = "Example (Shenzhen) Trading Co., Ltd."
tr01_exporter_country = "China"
tr01_recipient = "Example Europe B.V."
tr01_eu_recipient = "Example (Shenzhen) Trading Co., Ltd."
tr01_recipient_country = "Netherlands"
tr01_eu_recipient_country = "China"
tr01_purpose = "Marketing"
tr02_categories = "Name, phone, orders"
tr11_security_measures = "yes"
tr11_onward = "no"
tr11_authority_laws = "Counsel's memo on the destination's access laws"
tr11_laws_checked_on = "2026-11-20"
tr11_laws_impinge = "no"
tr02_personal_info = "yes"
tr02_important_data = "no"
tr02_ciio = "no"
tr02_origin = "in_prc"
tr02_count_nonsensitive = 150000
tr02_count_sensitive = 0
tr03_purposes = ["marketing"]
tr03_ftz = "no"
tr04_mechanism = "none"
tr05_notice = "yes"
tr05_separate_consent = "yes"
tr06_pipia = "no"
tr07_recipient_outside = "yes"
tr07_collection = "via_eu"
tr07_recipient_gdpr = "no"
tr08_adequacy = "no"
tr08_exporter_role = "controller"
tr08_importer_role = "processor"
tr08_scc_signed = "none"
tr09_tia = "no"
tr09_supplementary = "none"
tr10_systematic = "yes"
tr10_explicit_consent = "no"
tr10_contract_needed = "no"
tr10_relied_on = "none"
"#;

#[test]
fn assess_show_names_the_route_on_each_side_with_its_basis() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let id = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template",
            "transfer",
            "--title",
            "Buyers to NL",
        ],
    );
    let file = dir.path().join("answers.toml");
    std::fs::write(&file, BOTH).expect("write");
    ok(
        &vault,
        &[
            "assess",
            "answer",
            &id,
            "--file",
            file.to_str().expect("path"),
        ],
    );

    let human = ok(&vault, &["assess", "show", &id]);
    assert!(
        human.contains("PRC route: Standard contract or certification, at the exporter's choice"),
        "{human}"
    );
    assert!(human.contains("within 10 working days"), "{human}");
    assert!(
        human.contains("CAC Cross-Border Data Flow Provisions (2024) Art. 8 [verify]"),
        "{human}"
    );
    assert!(
        human.contains("EU (Chapter V): The 2021 SCCs, Module 2"),
        "{human}"
    );
    assert!(
        human.contains("Personal-information protection impact assessment before the transfer (PIPL Art. 55(4)): not done"),
        "{human}"
    );

    let document: Value =
        serde_json::from_str(&ok(&vault, &["assess", "show", &id, "--json"])).expect("JSON");
    let route = &document["transfer_route"];
    assert_eq!(route["prc"]["route"], "contract_or_certification");
    assert_eq!(route["eu"]["route"], "scc");
    assert_eq!(route["eu"]["scc_module"], 2);
    assert_eq!(route["eu"]["laws_checked_on"], "2026-11-20");
    let statuses: Vec<(&str, &str)> = route["prc"]["cite"]
        .as_array()
        .expect("cite")
        .iter()
        .map(|c| {
            (
                c["key"].as_str().unwrap_or(""),
                c["status"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        statuses.contains(&("CAC-O16-8", "unverified")),
        "{statuses:?}"
    );
    assert!(statuses.contains(&("PIPL-38", "official")), "{statuses:?}");

    // The transfer report renders in both formats with the route in it.
    for format in ["pdf", "docx"] {
        let out = dir.path().join(format!("transfer.{format}"));
        ok(
            &vault,
            &[
                "report",
                &id,
                "--lang",
                "zh",
                "--format",
                format,
                "--out",
                out.to_str().expect("path"),
            ],
        );
        assert!(std::fs::metadata(&out).expect("report").len() > 1000);
    }
    let pdf = dir.path().join("transfer.pdf");
    let text = crate::reports::text_of(&pdf, None);
    assert!(text.contains("标准合同或认证"), "{text}");
    // The PIPIA part in the filing guideline's chapter order, its layout marked to verify, then
    // the TIA along the EDPB's six steps.
    in_order(
        &text,
        &[
            "第一部分：个人信息保护影响评估",
            "评估工作概述",
            "出境活动整体情况",
            "拟出境活动的影响评估情况",
            "影响评估结论",
            "第二部分：传输影响评估",
            "第一步：了解传输",
            "第三步：目的地的法律和实践",
            "第六步：定期复评",
            "备案指南（第二版）",
        ],
    );
    let en = dir.path().join("transfer-en.pdf");
    ok(
        &vault,
        &[
            "report",
            &id,
            "--lang",
            "en",
            "--out",
            en.to_str().expect("path"),
        ],
    );
    let text = crate::reports::text_of(&en, None);
    in_order(
        &text,
        &[
            "Overview of the assessment",
            "Impact assessment of the planned transfer",
            "Step 1: Know the transfer",
            "Step 6: Re-evaluation",
            "secondary sources only [verify]",
        ],
    );
}

/// Each of `parts` appears in `text`, in this order (line breaks in the PDF's text ignored).
fn in_order(text: &str, parts: &[&str]) {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut from = 0;
    for part in parts {
        let part_flat: String = part.split_whitespace().collect::<Vec<_>>().join(" ");
        match flat[from..].find(&part_flat) {
            Some(at) => from += at + part_flat.len(),
            None => panic!("{part:?} missing or out of order in:\n{flat}"),
        }
    }
}

#[test]
fn an_open_count_leaves_the_route_undetermined_and_names_the_question() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let id = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template",
            "transfer",
            "--title",
            "Open count",
        ],
    );
    let file = dir.path().join("answers.toml");
    let open: String = BOTH
        .lines()
        .filter(|l| !l.starts_with("tr02_count_nonsensitive") && !l.starts_with("tr01_regime"))
        .chain(["tr01_regime = \"prc\""])
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, open).expect("write");
    let output = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &[
            "assess",
            "answer",
            &id,
            "--file",
            file.to_str().expect("path"),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let human = ok(&vault, &["assess", "show", &id]);
    assert!(human.contains("PRC route: Undetermined"), "{human}");
    assert!(human.contains("[tr02_count_nonsensitive]"), "{human}");
    assert!(!human.contains("EU (Chapter V)"), "{human}");
}

/// A data-source assessment linked to a transfer assessment shows the transfer's route: the
/// current version while none is signed (and says so), then the latest signed version even after
/// a newer draft was re-opened from it.
#[test]
fn a_link_follows_the_latest_signed_transfer_else_the_current_one() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let transfer = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template",
            "transfer",
            "--title",
            "CRM to Singapore",
        ],
    );
    let file = dir.path().join("answers.toml");
    let prc_only: String = BOTH
        .lines()
        .filter(|l| !l.starts_with("tr01_regime"))
        .chain(["tr01_regime = \"prc\""])
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, &prc_only).expect("write");
    ok(
        &vault,
        &[
            "assess",
            "answer",
            &transfer,
            "--file",
            file.to_str().expect("path"),
        ],
    );
    let source = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template",
            "data-source",
            "--title",
            "WeChat leads",
        ],
    );
    ok(&vault, &["assess", "link", &source, &transfer]);
    let linked = |vault: &Path| -> Value {
        let document: Value =
            serde_json::from_str(&ok(vault, &["assess", "show", &source, "--json"])).expect("JSON");
        document["linked_transfers"][0].clone()
    };
    let first = linked(&vault);
    assert_eq!(first["follows"], "current");
    assert_eq!(first["assessment_id"], transfer.as_str());
    assert_eq!(first["route"]["prc"]["route"], "contract_or_certification");
    let human = ok(&vault, &["assess", "show", &source]);
    assert!(
        human.contains("linked transfer assessment: CRM to Singapore"),
        "{human}"
    );
    assert!(human.contains("current version, not signed off"), "{human}");

    ok(&vault, &["assess", "submit", &transfer]);
    let args = approve_args(&transfer);
    ok(&vault, &args);
    let v2 = ok(&vault, &["assess", "reopen", &transfer]);
    std::fs::write(&file, "tr02_count_nonsensitive = 2000000\n").expect("write");
    ok(
        &vault,
        &[
            "assess",
            "answer",
            &v2,
            "--file",
            file.to_str().expect("path"),
        ],
    );
    let signed = linked(&vault);
    assert_eq!(signed["follows"], "signed");
    assert_eq!(signed["assessment_id"], transfer.as_str());
    assert_eq!(signed["route"]["prc"]["route"], "contract_or_certification");
    let human = ok(&vault, &["assess", "show", &source]);
    assert!(human.contains("latest signed version"), "{human}");
    // The data source's own report carries the linked route and says which version it shows.
    let pdf = dir.path().join("source.pdf");
    ok(
        &vault,
        &[
            "report",
            &source,
            "--lang",
            "en",
            "--out",
            pdf.to_str().expect("path"),
        ],
    );
    let text = crate::reports::text_of(&pdf, None);
    in_order(
        &text,
        &[
            "Transfer route (linked assessment)",
            "CRM to Singapore · v1 · latest signed version",
            "Standard contract or certification",
        ],
    );

    // A transfer links to nothing, and a data source cannot link to another data source.
    let refused = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["assess", "link", &transfer, &source],
    );
    assert_eq!(refused.status.code(), Some(1));
}

/// The done-when of the transfer issue: the route of a linked transfer appears in the reports of
/// the vendor and PIA assessments that link to it, read back from the PDF.
#[test]
fn vendor_and_pia_reports_show_the_linked_transfer_route() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let transfer = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template",
            "transfer",
            "--title",
            "Orders to Frankfurt",
        ],
    );
    let file = dir.path().join("answers.toml");
    let prc_only: String = BOTH
        .lines()
        .filter(|l| !l.starts_with("tr01_regime"))
        .chain(["tr01_regime = \"prc\""])
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, &prc_only).expect("write");
    let path = file.to_str().expect("path");
    ok(&vault, &["assess", "answer", &transfer, "--file", path]);
    for template in ["vendor-entrustment", "pia"] {
        let id = ok(
            &vault,
            &["assess", "new", "--template", template, "--title", template],
        );
        ok(&vault, &["assess", "link", &id, &transfer]);
        let pdf = dir.path().join(format!("{template}.pdf"));
        ok(
            &vault,
            &[
                "report",
                &id,
                "--lang",
                "en",
                "--out",
                pdf.to_str().expect("path"),
            ],
        );
        let text = crate::reports::text_of(&pdf, None);
        in_order(
            &text,
            &[
                "Transfer route (linked assessment)",
                "Orders to Frankfurt · v1 · current version, not signed off",
                "PRC: route out of China",
                "Standard contract or certification",
            ],
        );
        // The route's provisions have their appendix entries (keys are printed only there).
        for key in ["CAC-O16-8", "CAC-O13-7"] {
            assert!(
                text.contains(key),
                "{template}: no appendix entry for {key}"
            );
        }
    }
}

/// How often `needle` occurs in `text`.
fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

/// The client memo shows, under the channel whose assessment links a transfer, the linked route as
/// the one-channel report does (route, version followed, the PRC side's stop) — once, and nothing
/// under the channel with no link; in zh, en and both, PDF and DOCX.
#[test]
fn the_client_memo_shows_the_linked_route_under_its_channel_only() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    ok(&vault, &["client", "add", "--name", "Acme"]);
    let transfer = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template",
            "transfer",
            "--title",
            "Orders to Frankfurt",
            "--client",
            "Acme",
        ],
    );
    let file = dir.path().join("answers.toml");
    let prc_only: String = BOTH
        .lines()
        .filter(|l| !l.starts_with("tr01_regime"))
        .chain(["tr01_regime = \"prc\""])
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, &prc_only).expect("write");
    let path = file.to_str().expect("path");
    ok(&vault, &["assess", "answer", &transfer, "--file", path]);
    ok(&vault, &["assess", "submit", &transfer]);
    let args = approve_args(&transfer);
    ok(&vault, &args);
    let mut channels = Vec::new();
    for title in ["WeChat leads", "Email newsletter"] {
        channels.push(ok(
            &vault,
            &[
                "assess",
                "new",
                "--template",
                "data-source",
                "--title",
                title,
                "--client",
                "Acme",
            ],
        ));
    }
    ok(&vault, &["assess", "link", &channels[0], &transfer]);

    let render = |lang: &str, ext: &str| -> String {
        let out = dir.path().join(format!("memo-{lang}.{ext}"));
        let out_path = out.to_str().expect("path");
        ok(
            &vault,
            &[
                "report", "--client", "Acme", "--lang", lang, "--out", out_path,
            ],
        );
        if ext == "pdf" {
            crate::reports::text_of(&out, None)
        } else {
            let parts = crate::docx::check_docx(&std::fs::read(&out).expect("docx"));
            parts["word/document.xml"].clone()
        }
    };
    let en = [
        "Linked transfer assessment",
        "latest signed version",
        "Standard contract or certification",
        "should not start",
    ];
    let zh = [
        "关联的跨境传输评估",
        "最新签批版本",
        "标准合同或认证（由输出方选择）",
        "不应开始该出境",
    ];
    for (lang, words) in [("en", &en[..]), ("zh", &zh[..])] {
        for ext in ["pdf", "docx"] {
            let text = render(lang, ext);
            for w in words {
                assert_eq!(count(&text, w), 1, "{lang} {ext}: {w:?}\n{text}");
            }
            if ext == "pdf" {
                // Under the linked channel, before the unlinked one: nothing of it under the other.
                in_order(
                    &text,
                    &["WeChat leads", words[0], words[2], "Email newsletter"],
                );
                let after = text.rsplit("Email newsletter").next().unwrap_or_default();
                assert!(!after.contains(words[2]), "{lang}: {after}");
            }
        }
    }
    // Bilingual: each language's words once.
    let both = render("bi", "docx");
    for w in en.iter().chain(zh.iter()) {
        assert_eq!(count(&both, w), 1, "bi docx: {w:?}");
    }
}
