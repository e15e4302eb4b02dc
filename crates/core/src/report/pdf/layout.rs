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

fn is_cjk(ch: char) -> bool {
    matches!(ch as u32,
        0x1100..=0x11FF | 0x2E80..=0x2FFF | 0x3000..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF)
}

/// Punctuation that must not start a line.
pub fn is_closing(ch: char) -> bool {
    "，。、）」』】》〉〕］｝：；！？．,.;:!?)]}%”’…·％".contains(ch)
}

/// Brackets that must not end a line.
pub fn is_opening(ch: char) -> bool {
    "（「『【《〈〔［｛([{“‘".contains(ch)
}

pub fn text_width(text: &str, size: f32, m: &dyn Metrics) -> f32 {
    text.chars().map(|c| m.advance(c, size)).sum()
}

struct Atom {
    text: String,
    space_before: bool,
}

/// Unbreakable pieces of one hard line, with whether a space preceded each.
fn atoms(text: &str) -> Vec<Atom> {
    let mut out: Vec<Atom> = Vec::new();
    let mut cur = String::new();
    let mut cur_space = false;
    let mut space_pending = false;
    for ch in text.chars() {
        if ch.is_whitespace() {
            if !cur.is_empty() {
                out.push(Atom {
                    text: std::mem::take(&mut cur),
                    space_before: cur_space,
                });
            }
            space_pending = true;
            continue;
        }
        let last = cur.chars().last();
        let glued = last.is_some_and(is_opening) || is_closing(ch);
        let breakable = !cur.is_empty() && !glued && (is_cjk(ch) || last.is_some_and(is_cjk));
        if breakable {
            out.push(Atom {
                text: std::mem::take(&mut cur),
                space_before: cur_space,
            });
        }
        if cur.is_empty() {
            cur_space = space_pending;
            space_pending = false;
        }
        cur.push(ch);
    }
    if !cur.is_empty() {
        out.push(Atom {
            text: cur,
            space_before: cur_space,
        });
    }
    out
}

/// Cuts a token wider than `max` into pieces that fit, keeping closing punctuation off a piece's
/// start where it can.
fn cut(token: &str, size: f32, max: f32, m: &dyn Metrics) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut w = 0.0;
    for ch in token.chars() {
        let cw = m.advance(ch, size);
        if !cur.is_empty() && w + cw > max {
            let mut carry = String::new();
            if is_closing(ch)
                && cur.chars().count() > 1
                && let Some(last) = cur.pop()
            {
                carry.push(last);
            }
            pieces.push(std::mem::take(&mut cur));
            cur = carry;
            w = text_width(&cur, size, m);
        }
        cur.push(ch);
        w += cw;
    }
    if !cur.is_empty() {
        pieces.push(cur);
    }
    pieces
}

/// Breaks `text` into lines no wider than `max` (hard breaks at `\n`).
pub fn break_lines(text: &str, size: f32, max: f32, m: &dyn Metrics) -> Vec<String> {
    let space = m.advance(' ', size);
    let mut lines = Vec::new();
    for hard in text.split('\n') {
        let mut line = String::new();
        let mut w = 0.0;
        for atom in atoms(hard) {
            let aw = text_width(&atom.text, size, m);
            let sw = if atom.space_before && !line.is_empty() {
                space
            } else {
                0.0
            };
            if !line.is_empty() && w + sw + aw > max {
                lines.push(std::mem::take(&mut line));
                w = 0.0;
            }
            if line.is_empty() && aw > max {
                let mut pieces = cut(&atom.text, size, max, m);
                let last = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
                w = text_width(&last, size, m);
                line = last;
                continue;
            }
            if !line.is_empty() && atom.space_before {
                line.push(' ');
                w += space;
            }
            line.push_str(&atom.text);
            w += aw;
        }
        lines.push(line);
    }
    lines
}

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

impl<'a> Flow<'a> {
    fn page(&mut self) -> &mut Page {
        if self.laid.pages.is_empty() {
            self.laid.pages.push(Page::default());
        }
        let last = self.laid.pages.len() - 1;
        &mut self.laid.pages[last]
    }

    fn page_index(&self) -> usize {
        self.laid.pages.len().saturating_sub(1)
    }

    fn new_page(&mut self) {
        self.laid.pages.push(Page::default());
        self.y = MARGIN_TOP;
    }

    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN_TOP + 0.1 {
            self.new_page();
        }
    }

    /// Replaces characters the font lacks with the marker, remembering them.
    fn clean(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for ch in text.chars() {
            if ch == '\n' || ch == ' ' {
                out.push(ch);
            } else if ch.is_whitespace() || ch.is_control() {
                out.push(' ');
            } else if self.m.has_glyph(ch) {
                out.push(ch);
            } else {
                self.laid.missing.insert(ch);
                out.push_str(MISSING_MARKER);
            }
        }
        out
    }

    fn lines(&mut self, text: &str, size: f32, max: f32) -> Vec<String> {
        let text = self.clean(text);
        break_lines(&text, size, max, self.m)
    }

    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, colour: Rgb, text: &str, max: f32) {
        let width = text_width(text, size, self.m);
        self.page().items.push(Item::Text {
            x,
            y,
            size,
            bold,
            colour,
            text: text.to_owned(),
            width,
            max_width: max,
        });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<Rgb>) {
        self.page().items.push(Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        });
    }

    /// Flowing text: lines at `x`, each placed where it fits.
    fn para(&mut self, text: &str, size: f32, bold: bool, colour: Rgb, x: f32, max: f32) {
        let lh = size * LEADING;
        for line in self.lines(text, size, max) {
            self.ensure(lh);
            let y = self.y + size;
            self.text(x, y, size, bold, colour, &line, max);
            self.y += lh;
        }
    }

    fn heading(&mut self, level: u8, text: &str, number: Option<usize>, keep: f32) {
        let (size, space) = match level {
            0 | 1 => (H1, 14.0),
            2 => (H2, 8.0),
            _ => (BODY + 0.5, 4.0),
        };
        let text = match number {
            Some(n) => format!("{n}  {text}"),
            None => text.to_owned(),
        };
        let lines = self.lines(&text, size, CONTENT_WIDTH);
        let height = space + lines.len() as f32 * size * LEADING + keep;
        // Keep a heading with what follows it.
        self.ensure(height);
        if self.y > MARGIN_TOP + 0.1 {
            self.y += space;
        }
        if level <= 1 {
            self.laid.outline.push(OutlineEntry {
                title: text.clone(),
                page: self.page_index(),
            });
        }
        let colour = match level {
            0 | 1 => ACCENT,
            2 => BLACK,
            _ => GREY,
        };
        for line in lines {
            let y = self.y + size;
            self.text(MARGIN_X, y, size, true, colour, &line, CONTENT_WIDTH);
            self.y += size * LEADING;
        }
        if level <= 1 {
            let y = self.y + 1.0;
            self.page().items.push(Item::Line {
                x1: MARGIN_X,
                y1: y,
                x2: MARGIN_X + CONTENT_WIDTH,
                y2: y,
                colour: ACCENT,
                width: 0.8,
            });
            self.y += 6.0;
        } else {
            self.y += 2.0;
        }
    }

    fn prepare(
        &mut self,
        cell: &str,
        width: f32,
        fill: Option<Rgb>,
        colour: Rgb,
        bold: bool,
    ) -> Prepared {
        Prepared {
            lines: self.lines(cell, TABLE, width - 2.0 * PAD),
            fill,
            colour,
            bold,
        }
    }

    fn row_height(row: &[Prepared]) -> f32 {
        let lines = row.iter().map(|c| c.lines.len().max(1)).max().unwrap_or(1);
        lines as f32 * TABLE * LEADING + 2.0 * PAD
    }

    /// Draws one row (or the `from..to` lines of it) at the cursor.
    fn draw_row(
        &mut self,
        row: &[Prepared],
        xs: &[f32],
        ws: &[f32],
        from: usize,
        to: usize,
    ) -> f32 {
        let n = to - from;
        let h = n.max(1) as f32 * TABLE * LEADING + 2.0 * PAD;
        let top = self.y;
        for (i, cell) in row.iter().enumerate() {
            self.rect(xs[i], top, ws[i], h, cell.fill, Some(RULE));
            for (k, line) in cell.lines.iter().enumerate().take(to).skip(from) {
                let y = top + PAD + (k - from) as f32 * TABLE * LEADING + TABLE;
                self.text(
                    xs[i] + PAD,
                    y,
                    TABLE,
                    cell.bold,
                    cell.colour,
                    line,
                    ws[i] - 2.0 * PAD,
                );
            }
        }
        self.y += h;
        h
    }

    fn table(
        &mut self,
        header: Option<&[String]>,
        widths: &[f32],
        rows: &[Vec<Cell>],
        label_first: bool,
    ) {
        let table = self.tables;
        self.tables += 1;
        let total: f32 = widths.iter().sum::<f32>().max(0.001);
        let ws: Vec<f32> = widths.iter().map(|w| w / total * CONTENT_WIDTH).collect();
        let xs: Vec<f32> = ws
            .iter()
            .scan(MARGIN_X, |x, w| {
                let at = *x;
                *x += w;
                Some(at)
            })
            .collect();
        let head: Option<Vec<Prepared>> = header.map(|h| {
            h.iter()
                .zip(&ws)
                .map(|(t, w)| self.prepare(t, *w, Some(HEADER_FILL), BLACK, true))
                .collect()
        });
        let head_h = head.as_deref().map_or(0.0, Self::row_height);
        let mut header_on_page: Option<usize> = None;
        for (r, row) in rows.iter().enumerate() {
            let prepared: Vec<Prepared> = row
                .iter()
                .zip(&ws)
                .enumerate()
                .map(|(i, (cell, w))| match cell.tone {
                    Some(tone) => {
                        self.prepare(&cell.text, *w, Some(tone_colour(tone)), WHITE, true)
                    }
                    None if label_first && i == 0 => {
                        self.prepare(&cell.text, *w, Some(LABEL_FILL), BLACK, false)
                    }
                    None => self.prepare(&cell.text, *w, None, BLACK, false),
                })
                .collect();
            let h = Self::row_height(&prepared);
            let needs_header = |page: usize, hp: Option<usize>| head.is_some() && hp != Some(page);
            let extra = if needs_header(self.page_index(), header_on_page) {
                head_h
            } else {
                0.0
            };
            if self.y + extra + h > BOTTOM {
                self.new_page();
            }
            if let Some(head) = &head
                && header_on_page != Some(self.page_index())
            {
                let top = self.y;
                let lines = head.iter().map(|c| c.lines.len()).max().unwrap_or(1);
                self.draw_row(head, &xs, &ws, 0, lines);
                header_on_page = Some(self.page_index());
                self.laid.rows.push(RowPlacement {
                    table,
                    row: None,
                    page: self.page_index(),
                    top,
                    bottom: self.y,
                });
            }
            let lines = prepared.iter().map(|c| c.lines.len()).max().unwrap_or(1);
            let fits_a_page = h + head_h <= BOTTOM - MARGIN_TOP;
            if fits_a_page {
                let top = self.y;
                self.draw_row(&prepared, &xs, &ws, 0, lines);
                self.laid.rows.push(RowPlacement {
                    table,
                    row: Some(r),
                    page: self.page_index(),
                    top,
                    bottom: self.y,
                });
            } else {
                // Taller than a page: cut between lines, never inside one.
                let mut from = 0;
                while from < lines {
                    let room = ((BOTTOM - self.y - 2.0 * PAD) / (TABLE * LEADING))
                        .floor()
                        .max(1.0) as usize;
                    let to = (from + room).min(lines);
                    let top = self.y;
                    self.draw_row(&prepared, &xs, &ws, from, to);
                    self.laid.rows.push(RowPlacement {
                        table,
                        row: Some(r),
                        page: self.page_index(),
                        top,
                        bottom: self.y,
                    });
                    from = to;
                    if from < lines {
                        self.new_page();
                        if let Some(head) = &head {
                            let hl = head.iter().map(|c| c.lines.len()).max().unwrap_or(1);
                            self.draw_row(head, &xs, &ws, 0, hl);
                            header_on_page = Some(self.page_index());
                        }
                    }
                }
            }
        }
        self.y += 6.0;
    }

    fn key_value(&mut self, rows: &[(String, String)]) {
        let rows: Vec<Vec<Cell>> = rows
            .iter()
            .map(|(k, v)| vec![Cell::plain(k.clone()), Cell::plain(v.clone())])
            .collect();
        self.table(None, &[0.4, 0.6], &rows, true);
    }

    fn badge(&mut self, label: &str, value: &str, tone: Tone) {
        let size = 10.0;
        let h = 20.0;
        self.ensure(h + 4.0);
        let label = self.clean(label);
        let value = self.clean(value);
        let lw = (text_width(&label, size, self.m) + 10.0).max(200.0);
        let vw = text_width(&value, size, self.m) + 16.0;
        let top = self.y;
        self.text(MARGIN_X, top + 14.0, size, true, BLACK, &label, lw);
        self.rect(
            MARGIN_X + lw,
            top + 1.0,
            vw,
            h - 2.0,
            Some(tone_colour(tone)),
            None,
        );
        self.text(
            MARGIN_X + lw + 8.0,
            top + 14.0,
            size,
            true,
            WHITE,
            &value,
            vw,
        );
        self.y += h + 4.0;
    }

    fn heat_maps(&mut self, maps: &[HeatMap]) {
        let cell = 26.0;
        let axis = 18.0;
        let map_w = axis + 4.0 * cell;
        let height = 16.0 + 4.0 * cell + 30.0;
        self.ensure(height);
        let top = self.y;
        for (n, map) in maps.iter().enumerate() {
            let x0 = MARGIN_X + n as f32 * (map_w + 60.0);
            let title = self.clean(&map.title);
            self.text(x0, top + 10.0, 10.0, true, BLACK, &title, map_w + 50.0);
            let gy = top + 16.0;
            for impact in (1..=4usize).rev() {
                let y = gy + (4 - impact) as f32 * cell;
                self.text(
                    x0 + 5.0,
                    y + cell / 2.0 + 3.0,
                    SMALL,
                    false,
                    GREY,
                    &impact.to_string(),
                    axis,
                );
                for like in 1..=4usize {
                    let x = x0 + axis + (like - 1) as f32 * cell;
                    let tone = map.levels[impact - 1][like - 1];
                    self.rect(x, y, cell, cell, Some(tone_tint(tone)), Some(WHITE));
                    let count = map.counts[impact - 1][like - 1];
                    if count > 0 {
                        let t = count.to_string();
                        let tw = text_width(&t, 11.0, self.m);
                        self.text(
                            x + (cell - tw) / 2.0,
                            y + cell / 2.0 + 4.0,
                            11.0,
                            true,
                            BLACK,
                            &t,
                            cell,
                        );
                    }
                }
            }
            let by = gy + 4.0 * cell;
            for like in 1..=4usize {
                let x = x0 + axis + (like - 1) as f32 * cell + cell / 2.0 - 2.5;
                self.text(x, by + 10.0, SMALL, false, GREY, &like.to_string(), cell);
            }
            let xl = self.clean(&map.x_label);
            let yl = self.clean(&map.y_label);
            let xlabel = format!("{xl} →");
            let xlabel = if self.m.has_glyph('→') { xlabel } else { xl };
            self.text(
                x0 + axis,
                by + 22.0,
                SMALL,
                false,
                GREY,
                &xlabel,
                map_w + 50.0,
            );
            self.text(x0 + map_w + 4.0, gy + 8.0, SMALL, false, GREY, &yl, 56.0);
        }
        self.y = top + height + 4.0;
    }

    fn finding(&mut self, f: &FindingBlock) {
        let colour = tone_colour(f.tone);
        let x = MARGIN_X + 8.0;
        let max = CONTENT_WIDTH - 8.0;
        self.ensure(60.0);
        self.y += 4.0;
        // Severity tag, then the title beside it.
        let sev = self.clean(&f.severity);
        let tag_w = text_width(&sev, SMALL, self.m) + 8.0;
        let top = self.y;
        self.rect(
            x,
            top + 1.0,
            tag_w,
            SMALL * LEADING + 2.0,
            Some(colour),
            None,
        );
        self.text(x + 4.0, top + SMALL + 2.5, SMALL, true, WHITE, &sev, tag_w);
        let title_lines = self.lines(&f.title, BODY + 0.5, max - tag_w - 6.0);
        for line in title_lines {
            self.ensure(BODY * LEADING);
            let y = self.y + BODY + 1.0;
            self.text(
                x + tag_w + 6.0,
                y,
                BODY + 0.5,
                true,
                BLACK,
                &line,
                max - tag_w - 6.0,
            );
            self.bar(colour, BODY * LEADING + 1.0);
        }
        self.y += 2.0;
        for line in self.lines(&f.explanation, BODY, max) {
            self.ensure(BODY * LEADING);
            let y = self.y + BODY;
            self.text(x, y, BODY, false, BLACK, &line, max);
            self.bar(colour, BODY * LEADING);
        }
        let label = with_colon(&f.recommendation_label);
        let gap = if label.ends_with('：') { "" } else { " " };
        let rec = format!("{label}{gap}{}", f.recommendation);
        let rec_lines = self.lines(&rec, BODY, max);
        for line in &rec_lines {
            self.ensure(BODY * LEADING);
            let y = self.y + BODY;
            self.text(x, y, BODY, false, BLACK, line, max);
            self.bar(colour, BODY * LEADING);
        }
        if !f.citations.is_empty() {
            let head = with_colon(&f.citations_label);
            self.ensure(SMALL * LEADING);
            let y = self.y + SMALL;
            self.text(x, y, SMALL, true, GREY, &head, max);
            self.bar(colour, SMALL * LEADING);
            for c in &f.citations {
                for line in self.lines(c, SMALL, max - 10.0) {
                    self.ensure(SMALL * LEADING);
                    let y = self.y + SMALL;
                    self.text(x + 10.0, y, SMALL, false, GREY, &line, max - 10.0);
                    self.bar(colour, SMALL * LEADING);
                }
            }
        }
        self.y += 8.0;
    }

    /// The coloured bar left of a finding, one line's height at a time (so it follows page breaks).
    fn bar(&mut self, colour: Rgb, h: f32) {
        let top = self.y;
        self.rect(MARGIN_X, top, 3.0, h, Some(colour), None);
        self.y += h;
    }

    fn sign_off(&mut self, s: &SignOffBlock) {
        for entry in &s.entries {
            self.key_value(entry);
        }
        if let Some(note) = &s.empty_note {
            self.para(note, BODY, false, BLACK, MARGIN_X, CONTENT_WIDTH);
        }
        self.ensure(30.0 * s.signature_labels.len() as f32);
        for label in &s.signature_labels {
            self.y += 22.0;
            let label = self.clean(label);
            let y = self.y;
            self.text(MARGIN_X, y, BODY, false, BLACK, &with_colon(&label), 120.0);
            self.page().items.push(Item::Line {
                x1: MARGIN_X + 90.0,
                y1: y + 1.0,
                x2: MARGIN_X + 300.0,
                y2: y + 1.0,
                colour: BLACK,
                width: 0.5,
            });
            self.y += 6.0;
        }
        self.y += 8.0;
    }

    fn provisions(&mut self, p: &ProvisionsBlock) {
        let rows: Vec<Vec<Cell>> = p
            .entries
            .iter()
            .map(|e| {
                let title = match &e.verify {
                    Some(mark) => format!("{}\n{mark}", e.title),
                    None => e.title.clone(),
                };
                vec![
                    Cell::plain(e.key.clone()),
                    Cell::plain(e.citation.clone()),
                    Cell::plain(title),
                    Cell::plain(e.gist.clone()),
                ]
            })
            .collect();
        self.table(Some(&p.header), &[1.5, 2.8, 2.1, 3.6], &rows, false);
    }

    fn fingerprint(&mut self, label: &str, sha: &str, note: &str) {
        // The whole block on one page.
        let height = 8.0
            + [(label, BODY), (sha, BODY), (note, SMALL)]
                .iter()
                .map(|(t, size)| self.lines(t, *size, CONTENT_WIDTH).len() as f32 * size * LEADING)
                .sum::<f32>();
        self.ensure(height);
        self.y += 8.0;
        self.para(label, BODY, true, BLACK, MARGIN_X, CONTENT_WIDTH);
        self.para(sha, BODY, false, ACCENT, MARGIN_X, CONTENT_WIDTH);
        self.para(note, SMALL, false, GREY, MARGIN_X, CONTENT_WIDTH);
    }

    fn block(&mut self, block: &Block, next: Option<&Block>, number: &mut usize) {
        match block {
            Block::Heading { level, text } => {
                let n = (*level <= 1).then(|| {
                    *number += 1;
                    *number
                });
                // Keep a heading with the start of what follows it.
                let keep = match next {
                    Some(Block::HeatMaps(_)) => 200.0,
                    // A memo's channel: its heading, rating badges and the start of its facts.
                    Some(Block::Badge { .. }) if *level >= 2 => 160.0,
                    Some(Block::Finding(_) | Block::Table(_)) => 80.0,
                    _ => 60.0,
                };
                self.heading(*level, text, n, keep);
            }
            Block::Paragraph { text, small } => {
                let (size, colour) = if *small { (SMALL, GREY) } else { (BODY, BLACK) };
                self.para(text, size, false, colour, MARGIN_X, CONTENT_WIDTH);
                self.y += 4.0;
            }
            Block::KeyValue { rows } => self.key_value(rows),
            Block::Table(Table {
                header,
                widths,
                rows,
            }) => self.table(Some(header), widths, rows, false),
            Block::Badge { label, value, tone } => self.badge(label, value, *tone),
            Block::HeatMaps(maps) => self.heat_maps(maps),
            Block::Finding(f) => self.finding(f),
            Block::SignOff(s) => self.sign_off(s),
            Block::Provisions(p) => self.provisions(p),
            Block::Fingerprint {
                label,
                sha256,
                note,
            } => self.fingerprint(label, sha256, note),
        }
    }
}

/// A label followed by a colon: the full-width `：` after Chinese, `:` after anything else.
fn with_colon(label: &str) -> String {
    match label.chars().last() {
        Some(ch) if is_cjk(ch) => format!("{label}："),
        _ => format!("{label}:"),
    }
}

fn lang_of(doc: &Document) -> ReportLang {
    doc.lang
}

/// "Page X of Y" in the report language(s).
fn page_label(lang: ReportLang, x: usize, y: usize) -> String {
    let (x, y) = (x.to_string(), y.to_string());
    let fill = |s: &str| s.replace("{x}", &x).replace("{y}", &y);
    match lang {
        ReportLang::Zh => fill(wd::PAGE_OF.zh()),
        ReportLang::En => fill(wd::PAGE_OF.en()),
        ReportLang::Bi => format!("{} · {}", fill(wd::PAGE_OF.zh()), fill(wd::PAGE_OF.en())),
    }
}

/// Cuts `text` to fit `max`, with an ellipsis.
fn fit(text: &str, size: f32, max: f32, m: &dyn Metrics) -> String {
    if text_width(text, size, m) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for ch in text.chars() {
        if text_width(&out, size, m) + m.advance(ch, size) + m.advance('…', size) > max {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
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
