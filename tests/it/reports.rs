//! PDF reports end to end: a PIA and a vendor assessment answered from inline TOML, rendered in
//! zh, en and bi, then read back with poppler (`pdftotext`, `pdffonts`) and checked with
//! `qpdf --check`: headings, rating words, citations as lawyers write them, the fingerprint the
//! vault computes, fonts embedded as subsets, table-of-contents page numbers, and byte-identical
//! output for the same input.

use std::path::Path;
use std::process::Command;

use dpodesk_core::Vault;
use dpodesk_core::api;
use dpodesk_core::assessment::parse_answers;
use dpodesk_core::law::LawRegister;
use dpodesk_core::report::{self, ReportLang, wording as wd};
use dpodesk_core::template;

use crate::cli::{dpodesk, stderr};
use crate::support::*;

const DATE: &str = "2025-07-20";

const PIA: &str = r#"
pia01_regime = "both"
pia01_pipl55 = ["sensitive", "entrust_provide_publish", "abroad"]
pia01_gdpr35 = ["none"]
pia01_wp248 = ["systematic_monitoring", "matching_combining", "innovative_technology"]
pia01_scale = 220000
pia02_before_processing = "yes"
pia04_context = "Owner community with ride-sharing and group rides in NL and PRC on one SCRM"
pia05_proportionate = "yes"
pia13_residual_high = "no"
pia03_dpo_opinion = "favourable_with_conditions"
pia03_dpo_opinion_text = "路线须泛化至500米，默认关闭共享。Routes generalised to 500 m; sharing off by default."
pia16_retention_years = 3

[[pia05_necessity]]
activity = "Owner community and ride sharing"
basis_eu = "consent"
basis_prc = "consent"
necessity = "Group rides need shared routes"
minimised = "yes"
retention_months = 12

[[pia10_risks]]
title = "共享路线暴露车主住址 Shared routes reveal owners' home locations"
category = "other"
impact_rights = 2
impact_property = 3
likelihood = 4
measures = "Generalise to 500 m, opt-in sharing, hide first and last 300 m"
residual_impact = 3
residual_likelihood = 3

[[pia10_risks]]
title = "CRM account taken over and segments exported"
category = "illegitimate_access"
impact = 2
likelihood = 2
measures = "MFA, least privilege, export caps"
residual_likelihood = 1

[[pia12_plan]]
risk = "Shared routes"
decision = "fix_by_deadline"
owner = "Head of product"
deadline = "2025-12-31"
"#;

const VENDOR: &str = r#"
ve01_classification = "entrusted_processor"
ve01_regime = "both"
ve06_signed = "yes"
ve07_purpose_clause = "yes"
ve14_subprocessing_clause = "no"
ve17_return_delete_clause = "no"
ve18_audit_clause = "partial"
"#;

pub(crate) struct Setup {
    _dir: tempfile::TempDir,
    pub(crate) vault: Vault,
    pub(crate) pia: String,
    vendor: String,
}

pub(crate) fn setup() -> Setup {
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let law = LawRegister::bundled().expect("law");
    let templates = template::bundled(&law).expect("templates");
    let find = |id: &str| {
        templates
            .iter()
            .find(|t| t.id == id)
            .expect("template")
            .clone()
    };
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "Acme 贸易有限公司".into(),
            matter: "私域营销".into(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client");
    let vendor = api::add_vendor(
        &mut vault,
        ACTOR,
        api::NewVendorRequest {
            client_id: client.id.clone(),
            name: "CloudCRM GmbH".into(),
            country: "DE".into(),
            service: "CRM hosting".into(),
            next_review: "2026-06-30".into(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("vendor");
    let mut answer = |template: &str, title: &str, text: &str, vendor_id: Option<String>| {
        let t = find(template);
        let record = crate::support::create_assessment(
            &mut vault,
            ACTOR,
            &t,
            api::NewAssessmentRequest {
                client_id: Some(client.id.clone()),
                subject_id: vendor_id,
                ..assessment_request(title)
            },
        )
        .expect("assessment");
        let answers = parse_answers("answers.toml", text, &t).expect("answers parse");
        crate::support::save_answers(&mut vault, ACTOR, &record.id, &answers).expect("save");
        record.id
    };
    let pia = answer(
        "pia",
        "车主社区路线共享 Owner community route sharing",
        PIA,
        None,
    );
    let vendor = answer(
        "vendor-entrustment",
        "CloudCRM 委托处理 entrustment",
        VENDOR,
        Some(vendor.id),
    );
    Setup {
        _dir: dir,
        vault,
        pia,
        vendor,
    }
}

pub(crate) fn run(program: &str, args: &[&str]) -> (bool, String) {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

pub(crate) fn text_of(pdf: &Path, page: Option<usize>) -> String {
    let file = pdf.to_str().expect("path");
    let (ok, text) = match page {
        Some(n) => run(
            "pdftotext",
            &["-f", &n.to_string(), "-l", &n.to_string(), file, "-"],
        ),
        None => run("pdftotext", &[file, "-"]),
    };
    assert!(ok, "pdftotext failed: {text}");
    text
}

/// Checks one generated PDF with qpdf and pdffonts.
pub(crate) fn check_file(pdf: &Path) {
    let file = pdf.to_str().expect("path");
    let (ok, out) = run("qpdf", &["--check", file]);
    assert!(ok, "qpdf --check: {out}");
    let (ok, fonts) = run("pdffonts", &[file]);
    assert!(ok, "pdffonts: {fonts}");
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    let mut faces = Vec::new();
    for row in &rows {
        let name = row.split_whitespace().next().expect("font name");
        let (tag, face) = name.split_once('+').expect("subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            &["yes", "yes", "yes"],
            "emb sub uni: {fonts}"
        );
        faces.push(face.to_owned());
    }
    // The Latin family draws every report's European text (page numbers at least); the CJK
    // face only what is Chinese.
    assert!(faces.iter().any(|f| f == "NotoSerif-Regular"), "{fonts}");
    for face in &faces {
        assert!(
            ["NotoSerif-Regular", "NotoSerif-Bold", "WenQuanYiMicroHei"].contains(&face.as_str()),
            "unexpected font {face}: {fonts}"
        );
    }
}

#[test]
fn pia_and_vendor_reports_read_back_in_every_language() {
    let mut s = setup();
    let dir = tempfile::tempdir().expect("dir");
    for (id, kind_heading) in [
        (s.pia.clone(), wd::HEAT_MAPS),
        (s.vendor.clone(), wd::CLAUSES),
    ] {
        let fingerprint = api::read_assessment(&s.vault, &id)
            .map(|a| a.fingerprint)
            .expect("fingerprint");
        let overall = api::read_assessment(&s.vault, &id)
            .map(|a| a.outcome)
            .expect("outcome")
            .ratings
            .overall;
        for lang in [ReportLang::Zh, ReportLang::En, ReportLang::Bi] {
            let head = api::audit_head(&s.vault).expect("audit head");
            let report = dpodesk_core::report::generate_report(
                &mut s.vault,
                ACTOR,
                &id,
                lang,
                dpodesk_core::report::ReportFormat::Pdf,
                DATE,
            )
            .expect("report");
            assert!(
                report.missing.is_empty(),
                "the font covers everything: {:?}",
                report.missing
            );
            let pdf = dir.path().join(format!("{id}-{}.pdf", lang.as_str()));
            std::fs::write(&pdf, &report.bytes).expect("write");
            check_file(&pdf);
            let text = text_of(&pdf, None);
            // The audit chain head as it stood when the report was drawn is printed on it.
            let flat: String = text.split_whitespace().collect();
            assert!(
                flat.contains(&head.head_hash),
                "audit head {} missing",
                head.head_hash
            );
            let entries = format!("({} entries)", head.count);
            let entries_zh = format!("（共{}条记录）", head.count);
            assert!(
                text.contains(&entries) || flat.contains(&entries_zh),
                "audit entry count missing"
            );
            let want_zh = lang != ReportLang::En;
            let want_en = lang != ReportLang::Zh;
            for (wanted, heading, appendix, rating, citation) in [
                (
                    want_zh,
                    kind_heading.zh,
                    wd::APPENDIX.zh,
                    wd::rating(overall).zh,
                    "《个人信息保护法》第二十一条",
                ),
                (
                    want_en,
                    kind_heading.en,
                    wd::APPENDIX.en,
                    wd::rating(overall).en,
                    "PIPL Art. 21",
                ),
            ] {
                if !wanted {
                    continue;
                }
                let citation = if id == s.pia {
                    citation
                        .replace("第二十一条", "第五十五条")
                        .replace("Art. 21", "Art. 55")
                } else {
                    citation.to_owned()
                };
                for needle in [heading, appendix, rating, citation.as_str()] {
                    assert!(
                        text.contains(needle),
                        "{} {id}: {needle:?} missing",
                        lang.as_str()
                    );
                }
            }
            if lang == ReportLang::En {
                assert!(
                    !text.contains("个人信息保护法"),
                    "an English report carries no Chinese wording"
                );
            }
            assert!(
                text.contains(&fingerprint),
                "{}: fingerprint {fingerprint}",
                lang.as_str()
            );
        }
    }
    assert_eq!(
        api::reports(&s.vault, None, None).expect("reports").len(),
        6
    );
}

#[test]
fn contents_page_numbers_point_at_the_headings() {
    let s = setup();
    let src = report::source(&s.vault, &s.pia, DATE, ACTOR).expect("source");
    let doc = report::build(&src, ReportLang::En);
    let laid = report::pdf::lay_out(&doc).expect("layout");
    let rendered = report::pdf::render(&doc).expect("render");
    let dir = tempfile::tempdir().expect("dir");
    let pdf = dir.path().join("pia.pdf");
    std::fs::write(&pdf, &rendered.bytes).expect("write");
    let file = pdf.to_str().expect("path");
    let (ok, contents) = run("pdftotext", &["-layout", "-f", "2", "-l", "2", file, "-"]);
    assert!(ok, "{contents}");
    assert_eq!(laid.outline.len(), doc.sections().len());
    for entry in &laid.outline {
        let page = entry.page + 1;
        // pdftotext writes runs of spaces as one.
        let title = entry.title.split_whitespace().collect::<Vec<_>>().join(" ");
        let line = contents
            .lines()
            .find(|l| l.trim_start().starts_with(&title))
            .unwrap_or_else(|| panic!("{title:?} not in the contents:\n{contents}"));
        assert!(
            line.trim_end().ends_with(&format!(" {page}")),
            "{line:?} should point at page {page}"
        );
        assert!(
            text_of(&pdf, Some(page)).contains(&title),
            "{title:?} on page {page}"
        );
    }
}

#[test]
fn the_same_input_renders_to_the_same_bytes() {
    let s = setup();
    let build = |id: &str| {
        let src = report::source(&s.vault, id, DATE, ACTOR).expect("source");
        report::build(&src, ReportLang::Bi)
    };
    let pia = build(&s.pia);
    let first = report::pdf::render(&pia).expect("render").bytes;
    let _other = report::pdf::render(&build(&s.vendor)).expect("render");
    let second = report::pdf::render(&pia).expect("render").bytes;
    assert!(first == second, "two renders differ");
}

#[test]
fn the_report_command_writes_atomically_and_refuses_to_overwrite() {
    let (dir, vault) = vault_path();
    let ok = |args: &[&str]| {
        let out = dpodesk(&vault, Some(PASSPHRASE), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    ok(&["vault", "init"]);
    let id = ok(&["assess", "new", "--template", "pia", "--title", "CLI PIA"]);
    let answers = dir.path().join("a.toml");
    std::fs::write(&answers, PIA).expect("write");
    ok(&[
        "assess",
        "answer",
        &id,
        "--file",
        answers.to_str().expect("path"),
    ]);
    let out = dir.path().join("pia.pdf");
    let out_s = out.to_str().expect("path");
    ok(&[
        "report", &id, "--lang", "bi", "--out", out_s, "--date", DATE,
    ]);
    let first = std::fs::read(&out).expect("pdf");
    assert!(first.starts_with(b"%PDF-"));
    let refused = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["report", &id, "--lang", "zh", "--out", out_s],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(
        std::fs::read(&out).expect("pdf"),
        first,
        "the file is untouched"
    );
    ok(&[
        "report", &id, "--lang", "zh", "--out", out_s, "--date", DATE, "--force",
    ]);
    assert_ne!(std::fs::read(&out).expect("pdf"), first);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temp file left behind");
}
