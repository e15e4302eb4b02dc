//! Which font draws each character of a PDF report, read back from the file itself: the content
//! streams' `Tf` operators and the text shown after them, each code mapped to its character by
//! the font's `ToUnicode` map and each font resource to its `BaseFont`. European text (English
//! reports, a French CNIL file in any report) never uses the CJK font — not even for ’ “ ” … —
//! and Chinese text draws its punctuation, the same code points, with the CJK font.

use dpodesk_core::api;
use std::collections::BTreeMap;

use dpodesk_core::report::model::{Cover, Document, ReportKind};
use dpodesk_core::report::{self, Block, ReportLang};

use crate::cnil::pia_template;
use crate::support::*;

const FRENCH: &str = include_str!("../fixtures/cnil/fr-validated.json");
const DATE: &str = "2025-07-20";
const CJK: &str = "WenQuanYiMicroHei";
const LATIN: &str = "NotoSerif-Regular";

/// One stretch of text shown in one font.
#[derive(Debug)]
struct Shown {
    /// The font's `BaseFont` without its subset tag.
    font: String,
    text: String,
}

/// A text object (`BT` … `ET`): one laid-out line.
type Line = Vec<Shown>;

/// The character codes of a `ToUnicode` map (`bfchar` and `bfrange` entries).
fn to_unicode(cmap: &str) -> BTreeMap<u32, String> {
    let hex = |s: &str| u32::from_str_radix(s.trim_matches(['<', '>']), 16).ok();
    let utf16 = |s: &str| {
        let s = s.trim_matches(['<', '>']);
        let units: Vec<u16> = (0..s.len() / 4)
            .filter_map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).ok())
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut map = BTreeMap::new();
    let mut mode = "";
    for line in cmap.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            mode = "char";
        } else if line.ends_with("beginbfrange") {
            mode = "range";
        } else if line.starts_with("end") {
            mode = "";
        } else {
            let parts: Vec<&str> = line.split_whitespace().collect();
            match (mode, parts.as_slice()) {
                ("char", [code, uni]) => {
                    if let Some(c) = hex(code) {
                        map.insert(c, utf16(uni));
                    }
                }
                ("range", [lo, hi, uni]) => {
                    if let (Some(lo), Some(hi), Some(first)) = (hex(lo), hex(hi), hex(uni)) {
                        for (k, code) in (lo..=hi).enumerate() {
                            let ch = char::from_u32(first + k as u32).unwrap_or('\u{fffd}');
                            map.insert(code, ch.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    map
}

/// Every line of every page, as the runs of text each font shows.
fn shown(pdf: &[u8]) -> (Vec<Line>, Vec<String>) {
    let doc = lopdf::Document::load_mem(pdf).expect("parse the PDF");
    let mut lines = Vec::new();
    let mut base_fonts = Vec::new();
    for page in doc.get_pages().values() {
        let mut fonts: BTreeMap<Vec<u8>, (String, BTreeMap<u32, String>)> = BTreeMap::new();
        for (name, dict) in doc.get_page_fonts(*page).expect("page fonts") {
            let base = dict
                .get(b"BaseFont")
                .and_then(|b| b.as_name())
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .expect("BaseFont");
            let face = base
                .split_once('+')
                .map_or(base.clone(), |(_, f)| f.to_owned());
            let cmap = dict
                .get(b"ToUnicode")
                .and_then(|r| r.as_reference())
                .and_then(|id| doc.get_object(id))
                .and_then(|o| o.as_stream())
                .map(|s| {
                    s.decompressed_content()
                        .unwrap_or_else(|_| s.content.clone())
                })
                .expect("ToUnicode map");
            if !base_fonts.contains(&face) {
                base_fonts.push(face.clone());
            }
            fonts.insert(name, (face, to_unicode(&String::from_utf8_lossy(&cmap))));
        }
        let content = doc
            .get_and_decode_page_content(*page)
            .expect("page content");
        let mut current: Option<&(String, BTreeMap<u32, String>)> = None;
        let mut line: Line = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands[0].as_name().expect("font name");
                    current = fonts.get(name);
                }
                "Tj" | "TJ" => {
                    let (face, map) = current.expect("a font is set before text");
                    let strings: Vec<&[u8]> = match &op.operands[0] {
                        lopdf::Object::String(s, _) => vec![s.as_slice()],
                        lopdf::Object::Array(items) => {
                            items.iter().filter_map(|i| i.as_str().ok()).collect()
                        }
                        other => panic!("text operand {other:?}"),
                    };
                    let text: String = strings
                        .iter()
                        .flat_map(|s| s.chunks(2))
                        .map(|pair| {
                            let code = pair.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b));
                            map.get(&code).cloned().unwrap_or_else(|| "\u{fffd}".into())
                        })
                        .collect();
                    line.push(Shown {
                        font: face.clone(),
                        text,
                    });
                }
                "ET" => lines.push(std::mem::take(&mut line)),
                _ => {}
            }
        }
    }
    (lines, base_fonts)
}

/// A character of European text: ASCII, a Latin, Greek or Cyrillic letter, or the typographic
/// punctuation both scripts share.
fn european(ch: char) -> bool {
    ch.is_ascii_graphic()
        || (ch.is_alphabetic() && (ch as u32) < 0x0530)
        || "’‘“”…«»–—".contains(ch)
}

/// The characters of European text that the CJK font drew, with their line: in English
/// reports any European character; in Chinese ones (where digits and punctuation beside Chinese
/// text are Chinese) the letters and apostrophes.
fn european_in_cjk(lines: &[Line], lang: ReportLang) -> Vec<(char, String)> {
    let letter = |c: char| (c.is_alphabetic() && (c as u32) < 0x0530) || c == '’';
    let mut found = Vec::new();
    for line in lines {
        let text: String = line.iter().map(|s| s.text.as_str()).collect();
        for run in line.iter().filter(|s| s.font == CJK) {
            found.extend(
                run.text
                    .chars()
                    .filter(|c| match lang {
                        ReportLang::En => european(*c),
                        _ => letter(*c),
                    })
                    .map(|c| (c, text.clone())),
            );
        }
    }
    found
}

fn drawn_in(lines: &[Line], font: &str) -> String {
    lines
        .iter()
        .flatten()
        .filter(|s| s.font == font)
        .map(|s| s.text.as_str())
        .collect()
}

fn render(doc: &Document) -> (Vec<Line>, Vec<String>) {
    shown(&report::pdf::render(doc).expect("render").bytes)
}

fn french_cnil(lang: ReportLang) -> Document {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let imported = api::import_cnil(&mut vault, ACTOR, &pia_template(), FRENCH.as_bytes(), None)
        .expect("import");
    let src = report::source(&vault, &imported.assessment.id, DATE, ACTOR).expect("source");
    report::build(&src, lang)
}

#[test]
fn english_and_french_text_never_uses_the_cjk_font() {
    let s = crate::reports::setup();
    let src = report::source(&s.vault, &s.pia, DATE, ACTOR).expect("source");
    let (lines, fonts) = render(&report::build(&src, ReportLang::En));
    assert!(fonts.iter().any(|f| f == LATIN), "{fonts:?}");
    // The client's Chinese name is drawn by the CJK font, and nothing else is.
    assert!(fonts.iter().any(|f| f == CJK), "{fonts:?}");
    let bad = european_in_cjk(&lines, ReportLang::En);
    assert!(
        bad.is_empty(),
        "European characters in the CJK font: {bad:?}"
    );

    for lang in [ReportLang::En, ReportLang::Zh] {
        let (lines, fonts) = render(&french_cnil(lang));
        assert!(fonts.iter().any(|f| f == LATIN), "{fonts:?}");
        assert!(fonts.iter().any(|f| f == CJK), "{fonts:?}");
        let bad = european_in_cjk(&lines, lang);
        assert!(bad.is_empty(), "{lang:?}: French in the CJK font: {bad:?}");
        let latin = drawn_in(&lines, LATIN);
        for phrase in ["l’employeur", "Intérêt légitime"] {
            assert!(
                latin.contains(phrase),
                "{lang:?}: {phrase} not in Noto Serif"
            );
        }
    }
}

#[test]
fn chinese_text_draws_its_punctuation_with_the_cjk_font() {
    let paragraph = |text: &str| Block::Paragraph {
        text: text.into(),
        small: false,
    };
    let doc = Document {
        kind: ReportKind::Pia,
        lang: ReportLang::Bi,
        title: "影响评估 / Impact assessment".into(),
        subject: "s".into(),
        author: "a".into(),
        confidentiality: "保密 / Confidential".into(),
        draft: None,
        date: DATE.into(),
        cover: Cover {
            title: "影响评估 / Impact assessment".into(),
            subtitle: "“会员”数据 / “Members’” data".into(),
            rows: vec![("客户 / Client".into(), "澜海 Lanhai".into())],
            mark: "保密 / Confidential".into(),
        },
        blocks: vec![
            Block::Heading {
                level: 1,
                text: "结论 / Conclusion".into(),
            },
            paragraph(
                "处理者应当开展评估（以下简称“评估”）……评估报告，至少保存三年。\n\
                 The controller’s “assessment” … is kept three years.",
            ),
            // CNIL files come in every EU language: Greek and Cyrillic are European text too.
            paragraph("«Εκτίμηση αντικτύπου» — „Оценка на въздействието“"),
        ],
    };
    let (lines, fonts) = render(&doc);
    assert!(fonts.iter().any(|f| f == LATIN) && fonts.iter().any(|f| f == CJK));
    let cjk = drawn_in(&lines, CJK);
    for phrase in ["（以下简称“评估”）……评估报告，", "“会员”数据"] {
        assert!(cjk.contains(phrase), "{phrase} in the CJK font: {cjk}");
    }
    let latin = drawn_in(&lines, LATIN);
    for phrase in [
        "controller’s",
        "“assessment”",
        "…",
        "“Members’”",
        "«Εκτίμηση αντικτύπου» — „Оценка на въздействието“",
    ] {
        assert!(latin.contains(phrase), "{phrase} in Noto Serif: {latin}");
    }
    // Quotes and ellipses only where their text is: none of the Chinese text's in Noto Serif.
    assert!(!latin.contains("“评") && !latin.contains("估”"), "{latin}");

    // The same Chinese text in a Chinese report.
    let zh = Document {
        lang: ReportLang::Zh,
        ..doc
    };
    let (lines, _) = render(&zh);
    let cjk = drawn_in(&lines, CJK);
    assert!(cjk.contains("（以下简称“评估”）……评估报告，"), "{cjk}");
}
