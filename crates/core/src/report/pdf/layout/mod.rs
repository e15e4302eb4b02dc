//! Layout: a report model becomes positioned lines, boxes and rules on A4 pages — before any PDF
//! byte exists, so tests can check the lines and pages themselves. Pure: text is measured through
//! [`Metrics`] (the embedded font's glyph advances in production, a fixed-width stand-in in tests).
//!
//! Line breaking: Latin breaks at spaces (a token longer than the line is cut, never overflowed);
//! Chinese breaks between characters, but a line never starts with closing punctuation (，。、）」：；！？…)
//! and never ends with an opening bracket (（「《…). Tables repeat their header row after a page
//! break and never split a row across pages (a row taller than a whole page is cut between lines).
//! Coordinates are points from the page's top-left corner; `y` of a text item is its baseline.

use std::collections::BTreeSet;

use crate::report::model::{Bilingual, ReportLang};
use crate::report::model::{
    Block, Cell, Document, FindingBlock, HeatMap, ProvisionsBlock, SignOffBlock, Table, Tone,
};
use crate::report::wording as wd;

/// Glyph advances of the font the PDF embeds.
pub trait Metrics {
    /// The advance width of `ch` at `size` points.
    fn advance(&self, ch: char, size: f32) -> f32;
    /// Whether the font has a glyph for `ch`.
    fn has_glyph(&self, ch: char) -> bool;
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
    /// One line of text; `width` is its measured width, `max_width` the box it had to fit.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Rgb,
        text: String,
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

use blocks::*;
use breaking::*;
pub use breaking::{break_lines, is_closing, is_opening, text_width};

struct Flow<'a> {
    m: &'a dyn Metrics,
    laid: Laid,
    y: f32,
    tables: usize,
}

/// A table cell ready to draw: its lines and look.
struct Prepared {
    lines: Vec<String>,
    fill: Option<Rgb>,
    colour: Rgb,
    bold: bool,
}

/// Lays out a whole document: cover, table of contents, body, then headers and footers.
pub fn lay_out(doc: &Document, m: &dyn Metrics) -> Laid {
    let mut flow = Flow {
        m,
        laid: Laid::default(),
        y: MARGIN_TOP,
        tables: 0,
    };
    let lang = lang_of(doc);

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
    let mw = text_width(&mark, 10.0, m) + 16.0;
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
        let title = fit(&flow.clean(s), BODY, CONTENT_WIDTH - 40.0, m);
        let y = flow.y + BODY;
        flow.text(
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
    let outline = flow.laid.outline.clone();
    for ((page, y), entry) in toc_slots.iter().zip(&outline) {
        let label = (entry.page + 1).to_string();
        let w = text_width(&label, BODY, m);
        flow.laid.pages[*page].items.push(Item::Text {
            x: MARGIN_X + CONTENT_WIDTH - w,
            y: *y,
            size: BODY,
            bold: false,
            colour: BLACK,
            text: label,
            width: w,
            max_width: 40.0,
        });
    }
    let total = flow.laid.pages.len();
    let title = flow.clean(&doc.title);
    let mark = flow.clean(&doc.confidentiality);
    let draft = doc.draft.as_ref().map(|d| flow.clean(d));
    for (i, page) in flow.laid.pages.iter_mut().enumerate() {
        // The DRAFT mark: on every page, the cover included, above the running header.
        if let Some(draft) = &draft {
            let dw = text_width(draft, DRAFT_SIZE, m);
            page.items.push(Item::Text {
                x: (PAGE_WIDTH - dw) / 2.0,
                y: 30.0,
                size: DRAFT_SIZE,
                bold: true,
                colour: tone_colour(Tone::Red),
                text: draft.clone(),
                width: dw,
                max_width: CONTENT_WIDTH,
            });
        }
        let footer = page_label(lang, i + 1, total);
        let fw = text_width(&footer, SMALL, m);
        page.items.push(Item::Text {
            x: (PAGE_WIDTH - fw) / 2.0,
            y: PAGE_HEIGHT - 36.0,
            size: SMALL,
            bold: false,
            colour: GREY,
            text: footer,
            width: fw,
            max_width: CONTENT_WIDTH,
        });
        if i == 0 {
            continue;
        }
        let mw = text_width(&mark, SMALL, m);
        let title_max = CONTENT_WIDTH - mw - 20.0;
        let t = fit(&title, SMALL, title_max, m);
        let tw = text_width(&t, SMALL, m);
        page.items.push(Item::Text {
            x: MARGIN_X,
            y: 44.0,
            size: SMALL,
            bold: false,
            colour: GREY,
            text: t,
            width: tw,
            max_width: title_max,
        });
        page.items.push(Item::Text {
            x: MARGIN_X + CONTENT_WIDTH - mw,
            y: 44.0,
            size: SMALL,
            bold: true,
            colour: tone_colour(Tone::Red),
            text: mark.clone(),
            width: mw,
            max_width: mw,
        });
        page.items.push(Item::Line {
            x1: MARGIN_X,
            y1: 50.0,
            x2: MARGIN_X + CONTENT_WIDTH,
            y2: 50.0,
            colour: RULE,
            width: 0.4,
        });
    }
    flow.laid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{Cover, ReportKind};

    /// Chinese one em wide, everything else half an em; no glyph for U+1F600.
    struct Fixed;

    impl Metrics for Fixed {
        fn advance(&self, ch: char, size: f32) -> f32 {
            if is_cjk(ch) { size } else { size * 0.5 }
        }
        fn has_glyph(&self, ch: char) -> bool {
            ch != '\u{1F600}'
        }
    }

    fn all_lines(laid: &Laid) -> Vec<(String, f32, f32)> {
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

    fn doc(blocks: Vec<Block>) -> Document {
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
    fn latin_breaks_at_spaces_and_a_long_token_is_cut_not_overflowed() {
        let text = "The processor must notify without undue delay: see https://example.org/a/very/long/path/that/never/ends/anywhere/at/all for details";
        let lines = break_lines(text, 10.0, 120.0, &Fixed);
        for line in &lines {
            assert!(
                text_width(line, 10.0, &Fixed) <= 120.0 + 0.01,
                "{line:?} overflows"
            );
            assert!(!line.starts_with(' ') && !line.ends_with(' '));
        }
        assert_eq!(lines[0], "The processor must");
        assert!(lines.iter().any(|l| l.starts_with("https://")));
        assert_eq!(lines.join(" ").replace(' ', ""), text.replace(' ', ""));
        let token = "x".repeat(100);
        let cut = break_lines(&token, 10.0, 100.0, &Fixed);
        assert_eq!(cut.len(), 5);
        assert!(cut.iter().all(|l| l.len() == 20));
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
