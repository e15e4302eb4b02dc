//! DOCX reports end to end: every report kind — the PIA report, the vendor due-diligence report,
//! the one-channel memo of a data-source assessment and the client memo — in zh, en and bi, drawn
//! from the same model as the PDFs and kept in the vault with their format. Each file is checked
//! three ways: structurally (every part is well-formed XML, declared in the content types, every
//! relationship resolves, docx-rs reads it back), as Word sees it (the sections as `Heading1`
//! paragraphs, a TOC field, repeating header rows, the fingerprint in the footer), and as
//! LibreOffice renders it (all files converted to PDF in one headless call, then read with
//! pdftotext: sections, rating words, every finding's citations, the fingerprint).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use dpodesk_core::Vault;
use dpodesk_core::api;
use dpodesk_core::assessment::parse_answers;
use dpodesk_core::law::LawRegister;
use dpodesk_core::report::{self, Block, Document, ReportFormat, ReportLang, wording as wd};
use dpodesk_core::template::{self, Template};

use crate::docx_bytes::{rendered_fingerprint, sha256_hex};
use crate::reports::text_of;
use crate::support::*;

pub(crate) const DATE: &str = "2025-07-20";
pub(crate) const CLIENT: &str = "Acme 贸易有限公司";

pub(crate) const PIA: &str = r#"
pia01_regime = "both"
pia01_pipl55 = ["sensitive", "entrust_provide_publish"]
pia01_gdpr35 = ["none"]
pia01_wp248 = ["systematic_monitoring", "matching_combining"]
pia01_scale = 220000
pia03_dpo_opinion_text = "路线须泛化至500米。Routes generalised to 500 m."

[[pia10_risks]]
title = "共享路线暴露车主住址 Shared routes reveal owners' home locations"
category = "other"
impact_rights = 2
impact_property = 3
likelihood = 4
measures = "Generalise to 500 m, opt-in sharing"
residual_impact = 3
residual_likelihood = 3

[[pia10_risks]]
title = "CRM account taken over"
category = "illegitimate_access"
impact = 2
likelihood = 2
measures = "MFA, least privilege"
residual_likelihood = 1
"#;

pub(crate) const VENDOR: &str = r#"
ve01_classification = "entrusted_processor"
ve01_regime = "both"
ve06_signed = "yes"
ve07_purpose_clause = "yes"
ve14_subprocessing_clause = "no"
ve17_return_delete_clause = "no"
ve18_audit_clause = "partial"
"#;

pub(crate) fn bundled(id: &str) -> Template {
    let law = LawRegister::bundled().expect("law");
    template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == id)
        .expect("template")
}

/// The `[answers]` of a data-source scenario fixture, as an answers file.
pub(crate) fn fixture_answers(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/scenarios/data-source")
        .join(format!("{name}.toml"));
    let table: toml::Table =
        toml::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("toml");
    toml::to_string(table.get("answers").expect("[answers]")).expect("answers")
}

pub(crate) struct Setup {
    pub(crate) _dir: tempfile::TempDir,
    pub(crate) vault: Vault,
    pub(crate) pia: String,
    pub(crate) vendor: String,
    pub(crate) source: String,
}

pub(crate) fn answered(
    vault: &mut Vault,
    template: &str,
    new: api::NewAssessmentRequest,
    answers: &str,
) -> String {
    let t = bundled(template);
    let record = crate::support::create_assessment(vault, ACTOR, &t, new).expect("assessment");
    let answers = parse_answers("answers.toml", answers, &t).expect("answers");
    crate::support::save_answers(vault, ACTOR, &record.id, &answers).expect("save");
    record.id
}

pub(crate) fn setup() -> Setup {
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: CLIENT.into(),
            matter: "私域营销".into(),
            contact: "Ms Li".into(),
            notes: String::new(),
        },
    )
    .expect("client")
    .id;
    let vendor = api::add_vendor(
        &mut vault,
        ACTOR,
        api::NewVendorRequest {
            client_id: client.clone(),
            name: "CloudCRM GmbH".into(),
            country: "DE".into(),
            next_review: "2026-06-30".into(),
            service: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("vendor")
    .id;
    let data_source = api::add_data_source(
        &mut vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: client.clone(),
            name: "Bought EU list".into(),
            channel: "BUY".into(),
            platform: "WhatsApp".into(),
            notes: String::new(),
        },
    )
    .expect("data source")
    .id;
    let under = |title: &str| api::NewAssessmentRequest {
        client_id: Some(client.clone()),
        ..assessment_request(title)
    };
    let pia = answered(&mut vault, "pia", under("车主社区 Owner community"), PIA);
    let vendor = answered(
        &mut vault,
        "vendor-entrustment",
        api::NewAssessmentRequest {
            subject_id: Some(vendor),
            ..under("CloudCRM 委托处理 entrustment")
        },
        VENDOR,
    );
    let source = answered(
        &mut vault,
        "data-source",
        api::NewAssessmentRequest {
            subject_id: Some(data_source),
            ..under("Bought EU list assessment")
        },
        &fixture_answers("01-bought-eu-list-whatsapp"),
    );
    Setup {
        _dir: dir,
        vault,
        pia,
        vendor,
        source,
    }
}

/// Text without any whitespace: pdftotext breaks lines (and Chinese needs no spaces) wherever the
/// layout did, so needles and haystacks are compared with all whitespace gone.
pub(crate) fn raw_text_of(pdf: &Path) -> String {
    let file = pdf.to_str().expect("path");
    let (ok, text) = crate::reports::run("pdftotext", &["-raw", file, "-"]);
    assert!(ok, "pdftotext failed: {text}");
    text
}

pub(crate) fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The package's parts by name, checked: no directory entries, every XML part well-formed, every
/// part declared in `[Content_Types].xml`, every internal relationship pointing at a part that
/// exists, and docx-rs reads the whole document back.
pub(crate) fn check_docx(bytes: &[u8]) -> BTreeMap<String, String> {
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip package");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("entry");
        assert!(!part.is_dir(), "no directory entries");
        let name = part.name().expect("name").into_owned();
        let mut text = String::new();
        part.read_to_string(&mut text)
            .expect("every part is UTF-8 text");
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{name} is not well-formed XML: {e}");
        }
        parts.insert(name, text);
    }
    for required in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/_rels/document.xml.rels",
    ] {
        assert!(parts.contains_key(required), "{required} missing");
    }
    let types = roxmltree::Document::parse(&parts["[Content_Types].xml"]).expect("types");
    let overrides: Vec<String> = types
        .descendants()
        .filter(|n| n.has_tag_name("Override"))
        .filter_map(|n| n.attribute("PartName").map(str::to_owned))
        .collect();
    let defaults: Vec<String> = types
        .descendants()
        .filter(|n| n.has_tag_name("Default"))
        .filter_map(|n| n.attribute("Extension").map(str::to_ascii_lowercase))
        .collect();
    for name in parts.keys().filter(|n| *n != "[Content_Types].xml") {
        let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        assert!(
            overrides.contains(&format!("/{name}")) || defaults.contains(&ext),
            "{name} has no content type"
        );
    }
    for (name, text) in parts.iter().filter(|(n, _)| n.ends_with(".rels")) {
        // `word/_rels/document.xml.rels` describes `word/document.xml`: its targets are relative
        // to `word/`.
        let base = name
            .strip_suffix(".rels")
            .and_then(|n| n.rsplit_once("_rels/"))
            .map_or("", |(dir, _)| dir);
        let rels = roxmltree::Document::parse(text).expect("rels");
        for rel in rels
            .descendants()
            .filter(|n| n.has_tag_name("Relationship"))
        {
            if rel.attribute("TargetMode") == Some("External") {
                continue;
            }
            let target = rel.attribute("Target").expect("Target");
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_owned(),
                None => format!("{base}{target}"),
            };
            assert!(parts.contains_key(&path), "{name}: {target} does not exist");
        }
    }
    docx_rs::read_docx(bytes).unwrap_or_else(|e| panic!("docx-rs cannot read it back: {e}"));
    parts
}

/// Each paragraph's text (its `w:t` runs joined) with the paragraph's style id.
pub(crate) fn paragraphs(document_xml: &str) -> Vec<(Option<String>, String)> {
    let doc = roxmltree::Document::parse(document_xml).expect("document.xml");
    doc.descendants()
        .filter(|n| n.has_tag_name("p"))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name("pStyle"))
                .and_then(|n| {
                    n.attributes()
                        .find(|a| a.name() == "val")
                        .map(|a| a.value().to_owned())
                });
            let text: String = p
                .descendants()
                .filter(|n| n.has_tag_name("t"))
                .filter_map(|n| n.text())
                .collect();
            (style, text)
        })
        .collect()
}

/// Converts every file to PDF with one headless LibreOffice call (its start-up is the slow part),
/// in a private profile so it neither needs nor touches the user's.
pub(crate) fn convert_to_pdf(files: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    let profile = tempfile::tempdir().expect("profile dir");
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out)
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run soffice ({e}): LibreOffice is missing; `cargo xtask test` installs \
                 libreoffice-writer-nogui"
            )
        });
    assert!(
        output.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    files
        .iter()
        .map(|f| {
            let stem = f.file_stem().expect("stem").to_string_lossy().into_owned();
            let pdf = out.join(format!("{stem}.pdf"));
            assert!(pdf.is_file(), "LibreOffice wrote no {}", pdf.display());
            pdf
        })
        .collect()
}

/// What a reader must find in a report: its numbered sections, its rating words and every
/// citation of its findings, all taken from the model the file was drawn from.
pub(crate) fn expected(doc: &Document) -> Vec<String> {
    let mut want: Vec<String> = doc
        .sections()
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{} {s}", i + 1))
        .collect();
    for block in &doc.blocks {
        match block {
            Block::Badge { label, value, .. } => want.push(format!("{label} {value}")),
            Block::Finding(f) => want.extend(f.citations.iter().cloned()),
            _ => {}
        }
    }
    want
}

pub(crate) struct Rendered {
    pub(crate) name: String,
    pub(crate) doc: Document,
    pub(crate) bytes: Vec<u8>,
}

impl Rendered {
    /// The fingerprint the report ends with (an assessment's, or a memo's over its channels).
    pub(crate) fn fingerprint(&self) -> &str {
        self.doc
            .blocks
            .iter()
            .rev()
            .find_map(|b| match b {
                Block::Fingerprint { sha256, .. } => Some(sha256.as_str()),
                _ => None,
            })
            .expect("a fingerprint block")
    }
}

#[test]
fn every_report_kind_opens_in_libreoffice_with_its_headings_and_citations() {
    let mut s = setup();
    let mut rendered = Vec::new();
    for lang in [ReportLang::Zh, ReportLang::En, ReportLang::Bi] {
        for (kind, id) in [
            ("pia", &s.pia),
            ("vendor", &s.vendor),
            ("channel", &s.source),
        ] {
            let src = report::source(&s.vault, id, DATE, ACTOR).expect("source");
            let doc = report::build(&src, lang);
            let generated = dpodesk_core::report::generate_report(
                &mut s.vault,
                ACTOR,
                id,
                lang,
                ReportFormat::Docx,
                DATE,
            )
            .expect("docx");
            rendered.push(Rendered {
                name: format!("{kind}-{}", lang.as_str()),
                doc,
                bytes: generated.bytes,
            });
        }
        let memo_src = report::memo_source(&s.vault, CLIENT, DATE, ACTOR).expect("memo source");
        let doc = report::build_memo(&memo_src, lang);
        let generated = dpodesk_core::report::generate_memo(
            &mut s.vault,
            ACTOR,
            CLIENT,
            lang,
            ReportFormat::Docx,
            DATE,
        )
        .expect("memo docx");
        assert_eq!(
            rendered_fingerprint(&doc),
            memo_src.fingerprint(),
            "the memo ends with the memo fingerprint"
        );
        rendered.push(Rendered {
            name: format!("memo-{}", lang.as_str()),
            doc,
            bytes: generated.bytes,
        });
    }

    // Kept in the vault byte for byte, as DOCX.
    let kept = api::reports(&s.vault, None, None).expect("reports");
    assert_eq!(kept.len(), rendered.len());
    for record in &kept {
        assert_eq!(record.format, Some(api::ReportFileFormat::Docx));
        let (_, _, bytes) = api::report_copy(&s.vault, &record.id)
            .expect("content")
            .expect("kept");
        assert_eq!(sha256_hex(&bytes), record.sha256);
        assert!(rendered.iter().any(|r| r.bytes == bytes), "kept as drawn");
    }

    let dir = tempfile::tempdir().expect("dir");
    let mut files = Vec::new();
    for r in &rendered {
        // Word's view: real headings, a TOC field, repeating header rows, the fingerprint below.
        let parts = check_docx(&r.bytes);
        let document = &parts["word/document.xml"];
        let headings: Vec<String> = paragraphs(document)
            .into_iter()
            .filter(|(style, _)| style.as_deref() == Some("Heading1"))
            .map(|(_, text)| squeeze(&text))
            .collect();
        let sections: Vec<String> = r
            .doc
            .sections()
            .iter()
            .enumerate()
            .map(|(i, t)| squeeze(&format!("{} {t}", i + 1)))
            .collect();
        assert_eq!(headings, sections, "{}: Heading1 paragraphs", r.name);
        assert!(
            document.contains(r#"TOC \o &quot;1-2&quot; \h"#)
                || document.contains(r#"TOC \o "1-2" \h"#),
            "{}: a TOC field",
            r.name
        );
        assert!(
            document.contains("<w:tblHeader />"),
            "{}: header rows repeat",
            r.name
        );
        assert!(
            !document.contains(r#"w:val="7" w:hRule="atLeast""#),
            "{}: no marker left",
            r.name
        );
        let footer = parts
            .iter()
            .filter(|(n, _)| n.starts_with("word/footer"))
            .any(|(_, xml)| xml.contains(r.fingerprint()));
        assert!(footer, "{}: the fingerprint in the footer", r.name);
        let path = dir.path().join(format!("{}.docx", r.name));
        std::fs::write(&path, &r.bytes).expect("write");
        files.push(path);
    }

    // LibreOffice's view, all files in one call.
    let pdfs = convert_to_pdf(&files, dir.path());
    for (r, pdf) in rendered.iter().zip(&pdfs) {
        // In the content stream's order: a badge whose value wraps is read line by line, where the
        // layout order puts its vertically centred label between the value's lines.
        let text = squeeze(&raw_text_of(pdf));
        for needle in expected(&r.doc) {
            assert!(
                text.contains(&squeeze(&needle)),
                "{}: {needle:?} missing from LibreOffice's rendering",
                r.name
            );
        }
        assert!(text.contains(r.fingerprint()), "{}: fingerprint", r.name);
        let lang = r.doc.lang;
        if lang != ReportLang::Zh {
            assert!(text.contains(&squeeze(wd::APPENDIX.en)), "{}", r.name);
            assert!(text.contains("Page1of"), "{}: page X of Y", r.name);
        }
        if lang != ReportLang::En {
            assert!(text.contains(&squeeze(wd::APPENDIX.zh)), "{}", r.name);
            // The channel fixture (in the channel report and the memo) is EU-only: it cites no PRC
            // law (the regime filter).
            let own_law = if r.name.starts_with("channel") || r.name.starts_with("memo") {
                "GDPR 第"
            } else {
                "《个人信息保护法》"
            };
            assert!(text.contains(&squeeze(own_law)), "{}", r.name);
        } else {
            assert!(
                !text.contains("个人信息保护法"),
                "{}: an English report carries no Chinese wording",
                r.name
            );
        }
    }
    // The kinds' own citations, as lawyers write them.
    let en = |name: &str| {
        let i = rendered
            .iter()
            .position(|r| r.name == name)
            .expect("rendered");
        squeeze(&text_of(&pdfs[i], None))
    };
    assert!(en("pia-en").contains("PIPLArt.55"));
    assert!(en("vendor-en").contains("PIPLArt.21"));
    assert!(en("pia-zh").contains("《个人信息保护法》第五十五条"));
}
