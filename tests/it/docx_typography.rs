//! The Word document's typography, read from its XML: each run names the faces the PDF draws it
//! with (Chinese text the CJK family for every character, European text Noto Serif), headings
//! and a table's caption are kept with what follows them, and the footer — its page-number
//! fields included — is in one style.

use dpodesk_core::report::model::{Cell, Table};
use dpodesk_core::report::model::{Cover, Document, ReportKind};
use dpodesk_core::report::{self, Block, ReportLang};

use crate::docx::check_docx;

const LATIN: &str = "Noto Serif";
const CJK: &str = "WenQuanYi Micro Hei";

fn doc(lang: ReportLang) -> Document {
    Document {
        kind: ReportKind::Pia,
        lang,
        title: "影响评估 / Impact assessment".into(),
        subject: "s".into(),
        author: "a".into(),
        confidentiality: "保密 / Confidential".into(),
        draft: None,
        date: "2025-07-20".into(),
        cover: Cover {
            title: "影响评估 / Impact assessment".into(),
            subtitle: "s".into(),
            rows: vec![],
            mark: "保密".into(),
        },
        blocks: vec![
            Block::Heading {
                level: 1,
                text: "行动计划 / Action plan".into(),
            },
            Block::Paragraph {
                text: "处理者应当开展评估（以下简称“评估”）……\n\
                       The controller’s “assessment” … is kept."
                    .into(),
                small: false,
            },
            Block::Paragraph {
                text: "Finalités :\n- prévenir les vols\n\u{a0}\u{a0}\u{a0}\u{a0}- de jour\n  - de nuit".into(),
                small: false,
            },
            Block::Paragraph {
                text: "Measures planned:".into(),
                small: true,
            },
            Block::Table(Table {
                header: vec!["A".into(), "B".into()],
                widths: vec![1.0, 1.0],
                rows: vec![vec![Cell::plain("x"), Cell::plain("y")]],
            }),
        ],
    }
}

/// Each run's text with its `w:rFonts` ascii and eastAsia attributes (`None` when the run names
/// none and takes the document's defaults).
fn runs(xml: &str) -> Vec<(String, Option<String>)> {
    let doc = roxmltree::Document::parse(xml).expect("xml");
    doc.descendants()
        .filter(|n| n.has_tag_name("r"))
        .map(|r| {
            let text: String = r
                .descendants()
                .filter(|n| n.has_tag_name("t"))
                .filter_map(|n| n.text())
                .collect();
            let ascii = r
                .descendants()
                .find(|n| n.has_tag_name("rFonts"))
                .and_then(|f| {
                    f.attributes()
                        .find(|a| a.name() == "ascii")
                        .map(|a| a.value().to_owned())
                });
            (text, ascii)
        })
        .collect()
}

#[test]
fn runs_name_the_pdfs_faces_by_language() {
    let parts = check_docx(&report::docx::render(&doc(ReportLang::Bi)).expect("render"));
    let styles = &parts["word/styles.xml"];
    assert!(
        styles.contains(&format!("w:ascii=\"{LATIN}\""))
            && styles.contains(&format!("w:eastAsia=\"{CJK}\"")),
        "document defaults name both families"
    );
    let runs = runs(&parts["word/document.xml"]);
    let font_of = |needle: &str| {
        runs.iter()
            .find(|(t, _)| t.contains(needle))
            .unwrap_or_else(|| panic!("no run with {needle:?}: {runs:?}"))
            .1
            .clone()
    };
    // Chinese text, its quotes and ellipsis included, in the CJK family for every character.
    assert_eq!(font_of("（以下简称“评估”）……").as_deref(), Some(CJK));
    // English text, the same code points, in the Latin family (the document default).
    let english = font_of("controller’s “assessment” …");
    assert!(
        english.is_none() || english.as_deref() == Some(LATIN),
        "{english:?}"
    );
    // A bilingual heading: its halves in their own faces.
    assert_eq!(font_of("行动计划").as_deref(), Some(CJK));
    assert!(font_of("Action plan").is_none_or(|f| f == LATIN));
}

#[test]
fn nested_list_items_keep_their_level_with_its_bullet() {
    let parts = check_docx(&report::docx::render(&doc(ReportLang::En)).expect("render"));
    let texts: Vec<String> = runs(&parts["word/document.xml"])
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    for item in [
        "•\u{a0}prévenir les vols",
        "\u{a0}\u{a0}\u{a0}–\u{a0}de jour",
        "\u{a0}\u{a0}\u{a0}–\u{a0}de nuit",
    ] {
        assert!(texts.iter().any(|t| t == item), "{item:?} in {texts:#?}");
    }
}

#[test]
fn headings_and_captions_keep_with_next_and_the_footer_has_one_style() {
    let parts = check_docx(&report::docx::render(&doc(ReportLang::En)).expect("render"));
    let document = roxmltree::Document::parse(&parts["word/document.xml"]).expect("xml");
    // The last paragraph with the text: the body's, not the contents'.
    let paragraph = |needle: &str| {
        document
            .descendants()
            .filter(|n| n.has_tag_name("p"))
            .rfind(|p| {
                p.descendants()
                    .filter(|n| n.has_tag_name("t"))
                    .filter_map(|n| n.text())
                    .collect::<String>()
                    .contains(needle)
            })
            .unwrap_or_else(|| panic!("no paragraph {needle:?}"))
    };
    let keeps = |p: roxmltree::Node| p.descendants().any(|n| n.has_tag_name("keepNext"));
    assert!(
        keeps(paragraph("Action plan")),
        "the heading keeps with next"
    );
    assert!(
        keeps(paragraph("Measures planned:")),
        "the caption keeps with its table"
    );
    assert!(
        !keeps(paragraph("is kept.")),
        "an ordinary paragraph does not"
    );

    // The heading styles carry keep-with-next and keep-lines themselves.
    let styles = roxmltree::Document::parse(&parts["word/styles.xml"]).expect("xml");
    let style = |id: &str| {
        styles
            .descendants()
            .find(|n| n.has_tag_name("style") && n.attributes().any(|a| a.value() == id))
            .unwrap_or_else(|| panic!("no style {id}"))
    };
    for level in 1..=3 {
        let s = style(&format!("Heading{level}"));
        assert!(s.descendants().any(|n| n.has_tag_name("keepNext")));
        assert!(s.descendants().any(|n| n.has_tag_name("keepLines")));
    }
    // One footer style, in the footer text's size, which the page fields take.
    let footer_size = style("Footer")
        .descendants()
        .find(|n| n.has_tag_name("sz"))
        .and_then(|n| n.attributes().find(|a| a.name() == "val"))
        .map(|a| a.value().to_owned())
        .expect("the Footer style has a size");
    let footers: Vec<&String> = parts
        .iter()
        .filter(|(name, _)| name.starts_with("word/footer"))
        .map(|(_, xml)| xml)
        .collect();
    assert!(!footers.is_empty());
    for xml in footers {
        let footer = roxmltree::Document::parse(xml).expect("xml");
        for p in footer.descendants().filter(|n| n.has_tag_name("p")) {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name("pStyle"))
                .and_then(|n| n.attributes().find(|a| a.name() == "val"))
                .map(|a| a.value());
            assert_eq!(style, Some("Footer"), "every footer paragraph: {xml}");
            for sz in p.descendants().filter(|n| n.has_tag_name("sz")) {
                let val = sz
                    .attributes()
                    .find(|a| a.name() == "val")
                    .map(|a| a.value());
                assert_eq!(val, Some(footer_size.as_str()), "one size in the footer");
            }
        }
        assert!(xml.contains("PAGE"), "the page field is in the footer");
    }
}
