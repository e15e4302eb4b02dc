//! The flow of a document down its pages: page breaks, text and boxes, paragraphs, headings,
//! and tables that repeat their header row and never split a row.

use super::*;

impl Flow<'_> {
    pub(super) fn page(&mut self) -> &mut Page {
        if self.laid.pages.is_empty() {
            self.laid.pages.push(Page::default());
        }
        let last = self.laid.pages.len() - 1;
        &mut self.laid.pages[last]
    }

    pub(super) fn page_index(&self) -> usize {
        self.laid.pages.len().saturating_sub(1)
    }

    pub(super) fn new_page(&mut self) {
        self.laid.pages.push(Page::default());
        self.y = MARGIN_TOP;
    }

    pub(super) fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN_TOP + 0.1 {
            self.new_page();
        }
    }

    /// Replaces characters no face has with the marker, remembering them. Keeps the no-break
    /// spaces (they hold "Art.\u{a0}35" together and indent nested list items).
    pub(super) fn clean(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for ch in text.chars() {
            if matches!(ch, '\n' | ' ' | '\u{a0}' | '\u{202f}') {
                out.push(ch);
            } else if ch.is_whitespace() || ch.is_control() {
                out.push(' ');
            } else if fonts::drawable(ch, self.m) {
                out.push(ch);
            } else {
                self.laid.missing.insert(ch);
                out.push_str(MISSING_MARKER);
            }
        }
        out
    }

    /// `text` (already cleaned) with the face of each character.
    pub(super) fn shape(&self, text: &str, bold: bool) -> Vec<Glyph> {
        fonts::shape(text, self.lang, bold, self.m)
    }

    /// The width of `text` (already cleaned) as it will be drawn.
    pub(super) fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        fonts::glyphs_width(&self.shape(text, bold), size, self.m)
    }

    pub(super) fn lines(&mut self, text: &str, size: f32, max: f32, bold: bool) -> Vec<Vec<Glyph>> {
        let text = self.clean(text);
        break_glyphs(&self.shape(&text, bold), size, max, self.m)
    }

    /// Draws one line of text (already cleaned).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Rgb,
        text: &str,
        max: f32,
    ) {
        let glyphs = self.shape(text, bold);
        self.put(x, y, size, bold, colour, &glyphs, max);
    }

    /// Draws one shaped line.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn put(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Rgb,
        glyphs: &[Glyph],
        max: f32,
    ) {
        let item = text_item(x, y, size, bold, colour, glyphs, max, self.m);
        self.page().items.push(item);
    }

    pub(super) fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    ) {
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
    pub(super) fn para(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        colour: Rgb,
        x: f32,
        max: f32,
    ) {
        let lh = size * LEADING;
        for line in self.lines(text, size, max, bold) {
            self.ensure(lh);
            let y = self.y + size;
            self.put(x, y, size, bold, colour, &line, max);
            self.y += lh;
        }
    }

    pub(super) fn heading(&mut self, level: u8, text: &str, number: Option<usize>, keep: f32) {
        let (size, space) = match level {
            0 | 1 => (H1, 14.0),
            2 => (H2, 8.0),
            _ => (BODY + 0.5, 4.0),
        };
        let text = match number {
            Some(n) => format!("{n}  {text}"),
            None => text.to_owned(),
        };
        let lines = self.lines(&text, size, CONTENT_WIDTH, true);
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
            self.put(MARGIN_X, y, size, true, colour, &line, CONTENT_WIDTH);
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

    pub(super) fn prepare(
        &mut self,
        cell: &str,
        width: f32,
        fill: Option<Rgb>,
        colour: Rgb,
        bold: bool,
    ) -> Prepared {
        Prepared {
            lines: self.lines(cell, TABLE, width - 2.0 * PAD, bold),
            fill,
            colour,
            bold,
        }
    }

    pub(super) fn row_height(row: &[Prepared]) -> f32 {
        let lines = row.iter().map(|c| c.lines.len().max(1)).max().unwrap_or(1);
        lines as f32 * TABLE * LEADING + 2.0 * PAD
    }

    /// Draws one row (or the `from..to` lines of it) at the cursor.
    pub(super) fn draw_row(
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
                self.put(
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

    pub(super) fn table(
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
}

/// A text item for one shaped line.
#[allow(clippy::too_many_arguments)]
pub(super) fn text_item(
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    colour: Rgb,
    glyphs: &[Glyph],
    max: f32,
    m: &dyn Metrics,
) -> Item {
    Item::Text {
        x,
        y,
        size,
        bold,
        colour,
        text: fonts::text_of(glyphs),
        runs: fonts::runs(glyphs),
        width: fonts::glyphs_width(glyphs, size, m),
        max_width: max,
    }
}
