//! Draws a report model as a Word document (DOCX) with docx-rs, walking the same [`Document`] the
//! PDF renderer walks, so the two never say different things. What it makes of each block:
//! headings as the built-in `heading 1/2/3` styles (Word's navigation pane and a real TOC field
//! see them), numbered like the PDF's sections; a contents page holding a TOC field filled in
//! with the linked section titles (Word's "Update field" adds page numbers); tables with a header
//! row that repeats on every page and rows that never split; rating badges and toned cells as
//! shaded runs and cells in the PDF's colours; the heat maps as coloured 4×4 tables; a header
//! with the title and the confidentiality mark, a footer with the fingerprint and "page X of Y".
//!
//! Fonts are named, not embedded: the PDF's families, Noto Serif for European text and WenQuanYi
//! Micro Hei for Chinese, each run naming the one the PDF draws it with (Word substitutes its own
//! where a family is missing).
//!
//! Deterministic: no clock (the document's dates are the report date) and no process-wide
//! counters — every paragraph id and bookmark id is numbered here, per document — and `package`
//! re-packs the parts with the report date as every zip entry's time. The same model gives the
//! same bytes.

mod package;
mod page;
mod style;
mod tables;

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, Header, Hyperlink, HyperlinkType,
    InstrText, InstrToC, LineSpacing, LineSpacingType, NumPages, PageMargin, PageNum, Paragraph,
    Run, RunFonts, Shading, Style, StyleType, Table, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableLayoutType, TableRow, WidthType,
};

use crate::error::Result;
use crate::report::model::{
    Bilingual, Block, Cell, Document, FindingBlock, HeatMap, ProvisionsBlock, ReportLang,
    SignOffBlock, Tone,
};
use crate::report::pdf::layout::{Face, Rgb, lists, tone_colour, tone_tint};
use crate::report::wording as wd;
use style::*;

/// A4 in twentieths of a point.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// 20 mm left and right, 25 mm top and bottom, as the PDF.
const MARGIN_X: i32 = 1134;
const MARGIN_Y: i32 = 1417;
const CONTENT_W: usize = PAGE_W as usize - 2 * MARGIN_X as usize;

/// Sizes in half-points.
const BODY: usize = 21;
const SMALL: usize = 17;
/// The DRAFT mark (half-points, 12 pt as in the PDF).
const H_DRAFT: usize = 24;
const TABLE_TEXT: usize = 18;

/// The PDF's families (`assets/fonts/`), named: Word draws them where installed and substitutes
/// its own otherwise.
const LATIN_FONT: &str = "Noto Serif";
const CJK_FONT: &str = "WenQuanYi Micro Hei";
const MONO_FONT: &str = "Consolas";

const BLACK: &str = "1A1A1F";
const GREY: &str = "6B6B73";
const RULE: &str = "9E9EA8";
const ACCENT: &str = "214073";
const HEADER_FILL: &str = "E6E8F0";
const LABEL_FILL: &str = "F5F5F7";
const WHITE: &str = "FFFFFF";
/// The PDF's red (`tone_colour(Tone::Red)`), for the confidentiality mark.
const RED: &str = "B31A1F";

/// Paragraph ids start here, away from the ids docx-rs numbers from 1 for any paragraph it makes
/// while building, so the two never meet.
const FIRST_PARA_ID: u32 = 0x1000_0000;

/// Renders a report model to DOCX bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    let mut w = Writer::new(doc.lang);
    let mut body = Vec::new();
    let mut section = 0;
    for (i, block) in doc.blocks.iter().enumerate() {
        w.block(block, doc.blocks.get(i + 1), &mut section, &mut body);
    }

    let mut docx = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_Y)
                .bottom(MARGIN_Y)
                .left(MARGIN_X)
                .right(MARGIN_X)
                .header(708)
                .footer(708),
        )
        .default_fonts(fonts())
        .default_size(BODY)
        .default_line_spacing(spacing().after(100))
        .add_style(heading_style(1, 32, ACCENT))
        .add_style(heading_style(2, 26, BLACK))
        .add_style(heading_style(3, 22, GREY))
        .add_style(footer_style())
        .add_style(toc_style(1))
        .add_style(toc_style(2))
        .created_at(&timestamp(&doc.date))
        .updated_at(&timestamp(&doc.date));
    // One custom property only: docx-rs keeps them in a hash map, so two would come out in a
    // different order from one render to the next.
    if let Some((_, sha)) = fingerprint(doc) {
        docx = docx.custom_property("DPODeskFingerprint", sha);
    }

    for child in w.cover(doc) {
        docx = child.add_to(docx);
    }
    docx = docx.add_paragraph(w.contents_title());
    for p in w.toc() {
        docx = docx.add_paragraph(p);
    }
    docx = docx.add_paragraph(w.page_break());
    for child in body {
        docx = child.add_to(docx);
    }
    // The cover has the footer but no running header, as in the PDF (an empty header still
    // needs its one paragraph).
    let blank = Header::new().add_paragraph(w.draft_line(doc));
    docx = docx
        .header(w.header(doc))
        .first_header(blank)
        .footer(w.footer(doc))
        .first_footer(w.footer(doc));

    package::pack(docx, &doc.date)
}

/// What goes into the document body, in order (boxed: a docx-rs paragraph is large).
enum Child {
    Para(Box<Paragraph>),
    Table(Box<Table>),
}

impl Child {
    fn para(p: Paragraph) -> Child {
        Child::Para(Box::new(p))
    }

    fn table(t: Table) -> Child {
        Child::Table(Box::new(t))
    }

    fn add_to(self, docx: Docx) -> Docx {
        match self {
            Child::Para(p) => docx.add_paragraph(*p),
            Child::Table(t) => docx.add_table(*t),
        }
    }
}

/// How a run of text looks.
#[derive(Clone, Copy)]
struct Look {
    size: usize,
    bold: bool,
    colour: &'static str,
    fill: Option<Rgb>,
    mono: bool,
}

impl Look {
    const BODY: Look = Look {
        size: BODY,
        bold: false,
        colour: BLACK,
        fill: None,
        mono: false,
    };

    fn size(self, size: usize) -> Look {
        Look { size, ..self }
    }

    fn bold(self) -> Look {
        Look { bold: true, ..self }
    }

    fn colour(self, colour: &'static str) -> Look {
        Look { colour, ..self }
    }
}

/// A TOC entry: the heading's level, text and bookmark.
struct TocEntry {
    level: usize,
    text: String,
    bookmark: String,
}

struct Writer {
    lang: ReportLang,
    next_para: u32,
    next_bookmark: usize,
    toc: Vec<TocEntry>,
}

impl Writer {
    fn new(lang: ReportLang) -> Writer {
        Writer {
            lang,
            next_para: FIRST_PARA_ID,
            next_bookmark: 0,
            toc: Vec::new(),
        }
    }

    /// A new paragraph with the next id of this document (docx-rs would number it from a
    /// per-thread counter, so the second report a thread renders would differ from the first).
    fn para(&mut self) -> Paragraph {
        let id = format!("{:08X}", self.next_para);
        self.next_para += 1;
        Paragraph::new().id(id)
    }

    /// A paragraph of text; each `\n` (a bilingual block's two languages) is a line break.
    fn text(&mut self, text: &str, look: Look) -> Paragraph {
        let mut p = self.para();
        for run in self.runs(text, look) {
            p = p.add_run(run);
        }
        p
    }

    fn page_break(&mut self) -> Paragraph {
        self.para()
            .add_run(Run::new().add_break(BreakType::Page))
            .line_spacing(spacing().after(0))
    }

    fn block(
        &mut self,
        block: &Block,
        next: Option<&Block>,
        section: &mut usize,
        out: &mut Vec<Child>,
    ) {
        match block {
            Block::Heading { level, text } => {
                let text = if *level <= 1 {
                    *section += 1;
                    format!("{section}  {text}")
                } else {
                    text.clone()
                };
                out.push(Child::para(self.heading(*level, &text)));
            }
            Block::Paragraph { text, small } => {
                let look = if *small {
                    Look::BODY.size(SMALL).colour(GREY)
                } else {
                    Look::BODY
                };
                let p = self.text(text, look);
                // A paragraph that introduces a table (its caption) stays on the table's page.
                let p = if introduces_table(next) {
                    p.keep_next(true)
                } else {
                    p
                };
                out.push(Child::para(p));
            }
            Block::KeyValue { rows } => {
                let t = self.key_value(rows);
                out.push(Child::table(t));
                out.push(Child::para(self.spacer()));
            }
            Block::Table(t) => {
                let table = self.table(Some(&t.header), &t.widths, &t.rows);
                out.push(Child::table(table));
                out.push(Child::para(self.spacer()));
            }
            Block::Badge { label, value, tone } => {
                let p = self.badge(label, value, *tone);
                out.push(Child::para(p));
            }
            Block::HeatMaps(maps) => {
                for map in maps {
                    self.heat_map(map, out);
                }
            }
            Block::Finding(f) => {
                let t = self.finding(f);
                out.push(Child::table(t));
                out.push(Child::para(self.spacer()));
            }
            Block::SignOff(s) => self.sign_off(s, out),
            Block::Provisions(p) => {
                let t = self.provisions(p);
                out.push(Child::table(t));
                out.push(Child::para(self.spacer()));
            }
            Block::Fingerprint {
                label,
                sha256,
                note,
            } => {
                let head = self.text(label, Look::BODY.bold()).keep_next(true);
                let mono = Look {
                    mono: true,
                    ..Look::BODY.colour(ACCENT)
                };
                let sha = self.text(sha256, mono).keep_next(true);
                let note = self.text(note, Look::BODY.size(SMALL).colour(GREY));
                out.extend([Child::para(head), Child::para(sha), Child::para(note)]);
            }
        }
    }

    /// A heading in the `HeadingN` style, with the bookmark its TOC entry links to.
    fn heading(&mut self, level: u8, text: &str) -> Paragraph {
        let level = usize::from(level.clamp(1, 3));
        let id = self.next_bookmark;
        self.next_bookmark += 1;
        let bookmark = format!("_Toc{id:08}");
        if level <= 2 {
            self.toc.push(TocEntry {
                level,
                text: clean(text).replace('\n', " "),
                bookmark: bookmark.clone(),
            });
        }
        let mut p = self
            .para()
            .style(&format!("Heading{level}"))
            .keep_next(true)
            .add_bookmark_start(id, bookmark);
        for run in self.runs(text, Look::BODY) {
            p = p.add_run(run);
        }
        p.add_bookmark_end(id)
    }

    /// A small empty paragraph after a table, so two tables in a row stay two tables.
    fn spacer(&mut self) -> Paragraph {
        self.para()
            .size(8)
            .line_spacing(spacing().after(0).line(120))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_labels_split_around_the_fields() {
        let pieces = page_pieces("第 {x} 页，共 {y} 页");
        let shape: Vec<String> = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => (*t).to_owned(),
                Piece::Page => "#".to_owned(),
                Piece::Pages => "N".to_owned(),
            })
            .collect();
        assert_eq!(shape, ["第 ", "#", " 页，共 ", "N", " 页"]);
    }

    #[test]
    fn control_characters_are_dropped_and_tabs_become_spaces() {
        assert_eq!(clean("a\u{1}b\tc\nd\u{FFFF}"), "ab c\nd");
    }

    #[test]
    fn colours_match_the_pdf() {
        assert_eq!(hex(tone_colour(Tone::Red)), RED);
        assert_eq!(hex(Rgb(1.0, 1.0, 1.0)), WHITE);
    }

    #[test]
    fn grid_fills_the_text_width() {
        let g = grid(&[1.0, 3.0]);
        assert!(g.iter().sum::<usize>().abs_diff(CONTENT_W) <= 1, "{g:?}");
        assert!(g[1].abs_diff(3 * g[0]) <= 3, "{g:?}");
    }
}
