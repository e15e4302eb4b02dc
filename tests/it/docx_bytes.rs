//! DOCX reports as bytes: the same model gives the same file, text XML cannot carry is dropped,
//! and the `report` command writes DOCX by flag or by file name (set-up in `docx.rs`).

use std::io::Cursor;

use dpodesk_core::api;
use dpodesk_core::report::{self, Block, Document, ReportLang, wording as wd};

use crate::cli::{dpodesk, stderr, stdout};
use crate::docx::*;
use crate::support::*;

pub(crate) fn rendered_fingerprint(doc: &Document) -> String {
    Rendered {
        name: String::new(),
        doc: doc.clone(),
        bytes: Vec::new(),
    }
    .fingerprint()
    .to_owned()
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

#[test]
fn the_same_model_gives_the_same_docx_bytes() {
    let s = setup();
    let build = |id: &str| {
        let src = report::source(&s.vault, id, DATE, ACTOR).expect("source");
        report::build(&src, ReportLang::Bi)
    };
    let pia = build(&s.pia);
    assert_eq!(
        rendered_fingerprint(&pia),
        api::read_assessment(&s.vault, &s.pia)
            .map(|a| a.fingerprint)
            .expect("fingerprint"),
        "a PIA report ends with the assessment's fingerprint"
    );
    let first = report::docx::render(&pia).expect("render");
    let _other = report::docx::render(&build(&s.vendor)).expect("render");
    let second = report::docx::render(&pia).expect("render");
    assert!(first == second, "two renders in one thread differ");
    let elsewhere = std::thread::scope(|scope| {
        scope
            .spawn(|| report::docx::render(&pia).expect("render"))
            .join()
            .expect("thread")
    });
    assert!(first == elsewhere, "a render on another thread differs");
    let mut zip = zip::ZipArchive::new(Cursor::new(first.as_slice())).expect("zip");
    for i in 0..zip.len() {
        let part = zip.by_index(i).expect("entry");
        let time = part.last_modified().expect("a time");
        assert_eq!(
            (time.year(), time.month(), time.day()),
            (2025, 7, 20),
            "{}: dated with the report date",
            part.name().expect("name")
        );
    }
}

#[test]
fn text_xml_cannot_carry_is_dropped_and_the_file_still_opens() {
    let s = setup();
    let src = report::source(&s.vault, &s.vendor, DATE, ACTOR).expect("source");
    let mut doc = report::build(&src, ReportLang::En);
    doc.blocks.push(Block::Paragraph {
        text: "bell\u{7} nul\u{0} tab\tend <&> \"quoted\"".into(),
        small: false,
    });
    let bytes = report::docx::render(&doc).expect("render");
    let parts = check_docx(&bytes);
    let texts: Vec<String> = paragraphs(&parts["word/document.xml"])
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert!(
        texts.iter().any(|t| t == "bell nul tab end <&> \"quoted\""),
        "control characters dropped, markup escaped: {:?}",
        texts.last()
    );
}

#[test]
fn the_report_command_writes_docx_by_flag_or_by_file_name() {
    let (dir, vault) = vault_path();
    let ok = |args: &[&str]| {
        let out = dpodesk(&vault, Some(PASSPHRASE), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out).trim().to_owned()
    };
    ok(&["vault", "init"]);
    ok(&["client", "add", "--name", "Acme"]);
    let id = ok(&[
        "assess",
        "new",
        "--template",
        "pia",
        "--title",
        "CLI PIA",
        "--client",
        "Acme",
    ]);
    let answers = dir.path().join("a.toml");
    std::fs::write(&answers, PIA).expect("write");
    ok(&[
        "assess",
        "answer",
        &id,
        "--file",
        answers.to_str().expect("path"),
    ]);

    let by_flag = dir.path().join("pia-report");
    let printed = ok(&[
        "report",
        &id,
        "--lang",
        "en",
        "--format",
        "docx",
        "--out",
        by_flag.to_str().expect("path"),
        "--date",
        DATE,
    ]);
    assert!(printed.contains("DOCX"), "{printed}");
    let parts = check_docx(&std::fs::read(&by_flag).expect("docx"));
    assert!(parts["word/document.xml"].contains(wd::HEAT_MAPS.en));

    // The file name says DOCX; --format pdf would override it.
    let by_name = dir.path().join("pia.docx");
    ok(&[
        "report",
        &id,
        "--lang",
        "zh",
        "--out",
        by_name.to_str().expect("path"),
        "--date",
        DATE,
    ]);
    check_docx(&std::fs::read(&by_name).expect("docx"));
    let pdf = dir.path().join("forced.docx");
    ok(&[
        "report",
        &id,
        "--lang",
        "zh",
        "--format",
        "pdf",
        "--out",
        pdf.to_str().expect("path"),
    ]);
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));

    // The client memo, by file name.
    let source = ok(&[
        "assess",
        "new",
        "--template",
        "data-source",
        "--title",
        "Bought list",
        "--client",
        "Acme",
    ]);
    let list = dir.path().join("list.toml");
    std::fs::write(&list, fixture_answers("01-bought-eu-list-whatsapp")).expect("write");
    ok(&[
        "assess",
        "answer",
        &source,
        "--file",
        list.to_str().expect("path"),
    ]);
    let memo = dir.path().join("memo.docx");
    ok(&[
        "report",
        "--client",
        "Acme",
        "--lang",
        "bi",
        "--out",
        memo.to_str().expect("path"),
        "--date",
        DATE,
    ]);
    let parts = check_docx(&std::fs::read(&memo).expect("memo"));
    assert!(parts["word/document.xml"].contains(wd::CHANNEL_TABLE.zh));

    // Kept in the vault with its format.
    let conn = raw_connection(&vault, PASSPHRASE);
    let formats: Vec<String> = conn
        .prepare("SELECT format FROM reports ORDER BY generated_at, id")
        .expect("query")
        .query_map([], |row| row.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("formats");
    assert_eq!(formats, ["docx", "docx", "pdf", "docx"]);
}
