//! Layout: a report model becomes positioned lines, boxes and rules on A4 pages — before any PDF
//! byte exists, so tests can check the lines and pages themselves. Pure: text is measured through
//! [`Metrics`] (the embedded font's glyph advances in production, a fixed-width stand-in in tests).
//!
//! Each character is drawn in the face its text's language asks for (`fonts`), lines break where
//! the Unicode rules allow (`breaking`). Tables repeat their header row after a page break and
//! never split a row across pages (a row taller than a whole page is cut between lines).
//! Coordinates are points from the page's top-left corner; `y` of a text item is its baseline.

use std::collections::BTreeSet;

use crate::report::model::{Bilingual, ReportLang};
use crate::report::model::{
    Block, Cell, Document, FindingBlock, HeatMap, ProvisionsBlock, SignOffBlock, Table, Tone,
};
use crate::report::wording as wd;

/// Glyph advances of the faces the PDF embeds.
pub trait Metrics {
    /// The advance width of `ch` in `face` at `size` points.
    fn advance(&self, face: Face, ch: char, size: f32) -> f32;
    /// Whether `face` has a glyph for `ch`.
    fn has_glyph(&self, face: Face, ch: char) -> bool;
}

/// What replaces a character the font cannot draw; every such character is also listed in
/// [`Laid::missing`].
pub const MISSING_MARKER: &str = "[?]";

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN_X: f32 = 56.7; // 20 mm
pub const MARGIN_TOP: f32 = 70.9; // 25 mm
pub const MARGIN_BOTTOM: f32 = 70.9;
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN_BOTTOM;

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
/// The DRAFT mark at the top of every page.
const DRAFT_SIZE: f32 = 12.0;
const TABLE: f32 = 8.5;
const H1: f32 = 14.0;
const H2: f32 = 11.0;
const LEADING: f32 = 1.45;
const PAD: f32 = 3.5;

/// An RGB colour, 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

pub const BLACK: Rgb = Rgb(0.1, 0.1, 0.12);
pub const GREY: Rgb = Rgb(0.42, 0.42, 0.45);
pub const RULE: Rgb = Rgb(0.62, 0.62, 0.66);
pub const HEADER_FILL: Rgb = Rgb(0.90, 0.91, 0.94);
pub const LABEL_FILL: Rgb = Rgb(0.96, 0.96, 0.97);
pub const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);
pub const ACCENT: Rgb = Rgb(0.13, 0.25, 0.45);

pub fn tone_colour(tone: Tone) -> Rgb {
    match tone {
        Tone::Green => Rgb(0.18, 0.55, 0.30),
        Tone::Amber => Rgb(0.80, 0.56, 0.05),
        Tone::Orange => Rgb(0.88, 0.36, 0.10),
        Tone::Red => Rgb(0.70, 0.10, 0.12),
        Tone::Grey => Rgb(0.50, 0.50, 0.53),
    }
}

/// A light tint of a tone, for heat-map cells that carry dark text.
pub fn tone_tint(tone: Tone) -> Rgb {
    let Rgb(r, g, b) = tone_colour(tone);
    Rgb(
        r + (1.0 - r) * 0.55,
        g + (1.0 - g) * 0.55,
        b + (1.0 - b) * 0.55,
    )
}

/// One positioned thing on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One line of text, drawn as `runs` (each in its face); `width` is its measured width,
    /// `max_width` the box it had to fit.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Rgb,
        text: String,
        runs: Vec<Run>,
        width: f32,
        max_width: f32,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        colour: Rgb,
        width: f32,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

/// Where a table row landed (for tests: header repetition, unsplit rows).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowPlacement {
    pub table: usize,
    /// `None` for the header row.
    pub row: Option<usize>,
    pub page: usize,
    pub top: f32,
    pub bottom: f32,
}

/// A section heading and the page (0-based) it landed on.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub page: usize,
}

/// The laid-out document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Laid {
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    pub rows: Vec<RowPlacement>,
    /// Characters the font lacks, each drawn as [`MISSING_MARKER`].
    pub missing: BTreeSet<char>,
}

mod blocks;
mod breaking;
mod flow;
pub mod fonts;
mod furniture;
pub mod lists;

use breaking::*;
pub use breaking::{break_lines, is_closing, is_opening, opportunities, text_width};
use flow::text_item;
pub use fonts::{Face, Glyph, Run};
use furniture::*;

struct Flow<'a> {
    m: &'a dyn Metrics,
    lang: ReportLang,
    laid: Laid,
    y: f32,
    tables: usize,
}

/// A table cell ready to draw: its lines and look.
struct Prepared {
    lines: Vec<Vec<Glyph>>,
    fill: Option<Rgb>,
    colour: Rgb,
    bold: bool,
}

/// Lays out a whole document: cover, table of contents, body, then headers and footers.
pub fn lay_out(doc: &Document, m: &dyn Metrics) -> Laid {
    let mut flow = Flow {
        m,
        lang: doc.lang,
        laid: Laid::default(),
        y: MARGIN_TOP,
        tables: 0,
    };
    let lang = doc.lang;

    // Cover.
    flow.new_page();
    flow.y = 200.0;
    flow.para(
        &doc.cover.title,
        22.0,
        true,
        ACCENT,
        MARGIN_X,
        CONTENT_WIDTH,
    );
    flow.y += 10.0;
    flow.para(
        &doc.cover.subtitle,
        14.0,
        false,
        BLACK,
        MARGIN_X,
        CONTENT_WIDTH,
    );
    flow.y += 24.0;
    flow.key_value(&doc.cover.rows);
    flow.y += 20.0;
    let mark = flow.clean(&doc.cover.mark);
    let mw = flow.width(&mark, 10.0, true) + 16.0;
    let top = flow.y;
    flow.rect(MARGIN_X, top, mw, 20.0, None, Some(tone_colour(Tone::Red)));
    flow.text(
        MARGIN_X + 8.0,
        top + 14.0,
        10.0,
        true,
        tone_colour(Tone::Red),
        &mark,
        mw,
    );

    // Contents: one line per section; page numbers are filled in once the body is laid out.
    flow.new_page();
    let contents = match lang {
        ReportLang::Bi => format!("{} / {}", wd::CONTENTS.zh, wd::CONTENTS.en),
        ReportLang::Zh => wd::CONTENTS.zh.to_owned(),
        ReportLang::En => wd::CONTENTS.en.to_owned(),
    };
    flow.heading(1, &contents, None, 60.0);
    flow.laid.outline.clear();
    let sections: Vec<String> = doc
        .sections()
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}  {s}", i + 1))
        .collect();
    let mut toc_slots = Vec::new();
    for s in &sections {
        let lh = BODY * 1.9;
        flow.ensure(lh);
        let clean = flow.clean(s);
        let title = fit(&flow.shape(&clean, false), BODY, CONTENT_WIDTH - 40.0, m);
        let y = flow.y + BODY;
        flow.put(
            MARGIN_X,
            y,
            BODY,
            false,
            BLACK,
            &title,
            CONTENT_WIDTH - 40.0,
        );
        toc_slots.push((flow.page_index(), y));
        flow.y += lh;
    }

    // Body.
    flow.new_page();
    let mut number = 0;
    for (i, block) in doc.blocks.iter().enumerate() {
        flow.block(block, doc.blocks.get(i + 1), &mut number);
    }

    // Contents page numbers, then headers and footers.
    flow.number_contents(&toc_slots);
    flow.furnish(doc);
    flow.laid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{Cover, ReportKind};

    /// The CJK face draws CJK characters one em wide and everything else half an em; the Latin
    /// face draws everything but CJK characters, 0.45 em wide. No face has U+1F600.
    pub(super) struct Fixed;

    pub(super) fn is_cjk(ch: char) -> bool {
        matches!(ch as u32, 0x3000..=0x30FF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
    }

    impl Metrics for Fixed {
        fn advance(&self, face: Face, ch: char, size: f32) -> f32 {
            match face {
                Face::Cjk if is_cjk(ch) || "“”‘’…".contains(ch) => size,
                Face::Cjk => size * 0.5,
                Face::Latin | Face::LatinBold => size * 0.45,
            }
        }
        fn has_glyph(&self, face: Face, ch: char) -> bool {
            ch != '\u{1F600}' && (face == Face::Cjk || !is_cjk(ch))
        }
    }

    pub(super) fn all_lines(laid: &Laid) -> Vec<(String, f32, f32)> {
        laid.pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                Item::Text {
                    text,
                    width,
                    max_width,
                    ..
                } => Some((text.clone(), *width, *max_width)),
                _ => None,
            })
            .collect()
    }

    pub(super) fn doc(blocks: Vec<Block>) -> Document {
        Document {
            kind: ReportKind::Pia,
            lang: ReportLang::Bi,
            title: "测试报告 / Test report".into(),
            subject: "s".into(),
            author: "a".into(),
            confidentiality: "保密 / Confidential".into(),
            draft: None,
            date: "2025-01-01".into(),
            cover: Cover {
                title: "封面".into(),
                subtitle: "Subtitle".into(),
                rows: vec![("k".into(), "v".into())],
                mark: "保密".into(),
            },
            blocks,
        }
    }

    const CHINESE: &str = "根据《个人信息保护法》第五十五条，处理者应当在处理前开展个人信息保护影响评估（以下简称“评估”），并对处理情况进行记录。评估报告应当至少保存三年！是否需要事先咨询？答：需要；理由见下文。";

    #[test]
    fn chinese_lines_never_start_with_closing_or_end_with_opening_punctuation() {
        for width in [60.0, 73.0, 95.0, 101.0, 130.0, 200.0] {
            let lines = break_lines(CHINESE, 10.0, width, &Fixed);
            assert!(lines.len() > 1);
            for line in &lines {
                let first = line.chars().next().expect("non-empty line");
                let last = line.chars().last().expect("non-empty line");
                assert!(
                    !is_closing(first),
                    "line starts with {first}: {line:?} (width {width})"
                );
                assert!(
                    !is_opening(last),
                    "line ends with {last}: {line:?} (width {width})"
                );
                assert!(
                    text_width(line, 10.0, &Fixed) <= width + 0.01,
                    "{line:?} too wide"
                );
            }
            assert_eq!(lines.concat(), CHINESE, "no character lost or added");
        }
    }

    #[test]
    fn mixed_lines_break_between_chinese_and_latin() {
        let lines = break_lines(
            "个人信息保护法PIPL Art. 55与GDPR Art. 35",
            10.0,
            80.0,
            &Fixed,
        );
        for line in &lines {
            assert!(text_width(line, 10.0, &Fixed) <= 80.0 + 0.01, "{line:?}");
        }
    }

    #[test]
    fn no_laid_line_is_wider_than_its_box() {
        let long = format!(
            "{CHINESE} {}",
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20)
        );
        let blocks = vec![
            Block::Heading {
                level: 1,
                text: "一 / One".into(),
            },
            Block::Paragraph {
                text: long.clone(),
                small: false,
            },
            Block::KeyValue {
                rows: vec![("标签".into(), long.clone())],
            },
            Block::Table(Table {
                header: vec!["A".into(), "B".into(), "C".into()],
                widths: vec![1.0, 3.0, 1.0],
                rows: vec![vec![
                    Cell::plain("x".repeat(200)),
                    Cell::plain(long),
                    Cell::plain("短"),
                ]],
            }),
        ];
        let laid = lay_out(&doc(blocks), &Fixed);
        for (text, width, max) in all_lines(&laid) {
            assert!(width <= max + 0.01, "{text:?}: {width} > {max}");
        }
    }

    #[test]
    fn a_table_crossing_pages_repeats_its_header_and_splits_no_row() {
        let rows: Vec<Vec<Cell>> = (0..120)
            .map(|i| {
                vec![
                    Cell::plain(format!("风险 {i}")),
                    Cell::plain("措施说明 ".repeat(i % 5 + 1)),
                ]
            })
            .collect();
        let blocks = vec![
            Block::Heading {
                level: 1,
                text: "表 / Table".into(),
            },
            Block::Table(Table {
                header: vec!["风险".into(), "措施".into()],
                widths: vec![1.0, 2.0],
                rows,
            }),
        ];
        let laid = lay_out(&doc(blocks), &Fixed);
        // The cover's key-value table comes first; the data table is the last one.
        let last = laid.rows.iter().map(|r| r.table).max().expect("tables");
        let placed: Vec<_> = laid.rows.iter().filter(|r| r.table == last).collect();
        let pages: BTreeSet<usize> = placed.iter().map(|r| r.page).collect();
        assert!(pages.len() >= 3, "the table spans pages: {pages:?}");
        for page in &pages {
            let first = placed
                .iter()
                .find(|r| r.page == *page)
                .expect("rows on page");
            assert_eq!(first.row, None, "page {page} starts with the header row");
        }
        for i in 0..120 {
            let parts: Vec<_> = placed.iter().filter(|r| r.row == Some(i)).collect();
            assert_eq!(parts.len(), 1, "row {i} placed once, whole");
            assert!(parts[0].bottom <= BOTTOM + 0.01);
        }
    }

    #[test]
    fn a_missing_glyph_is_marked_and_listed() {
        let laid = lay_out(
            &doc(vec![Block::Paragraph {
                text: "笑\u{1F600}".into(),
                small: false,
            }]),
            &Fixed,
        );
        assert!(laid.missing.contains(&'\u{1F600}'));
        assert!(
            all_lines(&laid)
                .iter()
                .any(|(t, _, _)| t.contains(MISSING_MARKER))
        );
    }

    #[test]
    fn contents_and_outline_follow_the_sections() {
        let blocks = vec![
            Block::Heading {
                level: 1,
                text: "甲".into(),
            },
            Block::Paragraph {
                text: "文字 ".repeat(2000),
                small: false,
            },
            Block::Heading {
                level: 1,
                text: "乙".into(),
            },
        ];
        let laid = lay_out(&doc(blocks), &Fixed);
        assert_eq!(laid.outline.len(), 2);
        assert_eq!(laid.outline[0].page, 2, "cover, contents, then the body");
        assert!(laid.outline[1].page > 2);
        let contents = all_lines(&laid);
        let label = (laid.outline[1].page + 1).to_string();
        assert!(
            contents.iter().any(|(t, _, _)| *t == label),
            "page number {label} in the contents"
        );
    }
}
