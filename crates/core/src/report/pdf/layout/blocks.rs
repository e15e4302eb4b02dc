//! Each block of the report model laid out: key-value tables, rating badges, heat maps, findings,
//! sign-offs, the provisions appendix and the fingerprint.

use super::*;

impl Flow<'_> {
    pub(super) fn key_value(&mut self, rows: &[(String, String)]) {
        let rows: Vec<Vec<Cell>> = rows
            .iter()
            .map(|(k, v)| vec![Cell::plain(k.clone()), Cell::plain(v.clone())])
            .collect();
        self.table(None, &[0.4, 0.6], &rows, true);
    }

    /// A label, then its value in a coloured box; a value too long for the line wraps inside
    /// its box.
    pub(super) fn badge(&mut self, label: &str, value: &str, tone: Tone) {
        let size = 10.0;
        let lh = size * LEADING;
        let label = self.clean(label);
        let lw = (self.width(&label, size, true) + 10.0).clamp(200.0, CONTENT_WIDTH / 2.0);
        let room = CONTENT_WIDTH - lw - 16.0;
        let lines = self.lines(value, size, room, true);
        let label_lines = self.lines(&label, size, lw - 10.0, true);
        let vw = lines
            .iter()
            .map(|l| fonts::glyphs_width(l, size, self.m))
            .fold(0.0, f32::max)
            + 16.0;
        let h = lines.len().max(label_lines.len()).max(1) as f32 * lh + 6.0;
        self.ensure(h + 4.0);
        let top = self.y;
        for (k, line) in label_lines.iter().enumerate() {
            let y = top + 14.0 + k as f32 * lh;
            self.put(MARGIN_X, y, size, true, BLACK, line, lw);
        }
        let box_h = lines.len().max(1) as f32 * lh + 4.5;
        self.rect(
            MARGIN_X + lw,
            top + 1.0,
            vw,
            box_h,
            Some(tone_colour(tone)),
            None,
        );
        for (k, line) in lines.iter().enumerate() {
            let y = top + 14.0 + k as f32 * lh;
            self.put(MARGIN_X + lw + 8.0, y, size, true, WHITE, line, vw - 16.0);
        }
        self.y += h + 4.0;
    }

    pub(super) fn heat_maps(&mut self, maps: &[HeatMap]) {
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
                        let tw = self.width(&t, 11.0, true);
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
            let xlabel = if fonts::drawable('→', self.m) {
                xlabel
            } else {
                xl
            };
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

    pub(super) fn finding(&mut self, f: &FindingBlock) {
        let colour = tone_colour(f.tone);
        let x = MARGIN_X + 8.0;
        let max = CONTENT_WIDTH - 8.0;
        self.ensure(60.0);
        self.y += 4.0;
        // Severity tag, then the title beside it.
        let sev = self.clean(&f.severity);
        let tag_w = self.width(&sev, SMALL, true) + 8.0;
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
        let title_lines = self.lines(&f.title, BODY + 0.5, max - tag_w - 6.0, true);
        for line in title_lines {
            self.ensure(BODY * LEADING);
            let y = self.y + BODY + 1.0;
            self.put(
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
        for line in self.lines(&f.explanation, BODY, max, false) {
            self.ensure(BODY * LEADING);
            let y = self.y + BODY;
            self.put(x, y, BODY, false, BLACK, &line, max);
            self.bar(colour, BODY * LEADING);
        }
        let label = self.with_colon(&f.recommendation_label);
        let gap = if label.ends_with('：') { "" } else { " " };
        let rec = format!("{label}{gap}{}", f.recommendation);
        let rec_lines = self.lines(&rec, BODY, max, false);
        for line in &rec_lines {
            self.ensure(BODY * LEADING);
            let y = self.y + BODY;
            self.put(x, y, BODY, false, BLACK, line, max);
            self.bar(colour, BODY * LEADING);
        }
        if !f.citations.is_empty() {
            let head = self.with_colon(&f.citations_label);
            let head = self.clean(&head);
            self.ensure(SMALL * LEADING);
            let y = self.y + SMALL;
            self.text(x, y, SMALL, true, GREY, &head, max);
            self.bar(colour, SMALL * LEADING);
            for c in &f.citations {
                for line in self.lines(c, SMALL, max - 10.0, false) {
                    self.ensure(SMALL * LEADING);
                    let y = self.y + SMALL;
                    self.put(x + 10.0, y, SMALL, false, GREY, &line, max - 10.0);
                    self.bar(colour, SMALL * LEADING);
                }
            }
        }
        self.y += 8.0;
    }

    /// The coloured bar left of a finding, one line's height at a time (so it follows page breaks).
    pub(super) fn bar(&mut self, colour: Rgb, h: f32) {
        let top = self.y;
        self.rect(MARGIN_X, top, 3.0, h, Some(colour), None);
        self.y += h;
    }

    pub(super) fn sign_off(&mut self, s: &SignOffBlock) {
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
            let label = self.with_colon(&label);
            self.text(MARGIN_X, y, BODY, false, BLACK, &label, 120.0);
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

    pub(super) fn provisions(&mut self, p: &ProvisionsBlock) {
        let rows = p.rows();
        self.table(Some(&p.header), &[1.5, 2.8, 2.1, 3.6], &rows, false);
    }

    pub(super) fn fingerprint(&mut self, label: &str, sha: &str, note: &str) {
        // The whole block on one page.
        let height = 8.0
            + [(label, BODY), (sha, BODY), (note, SMALL)]
                .iter()
                .map(|(t, size)| {
                    self.lines(t, *size, CONTENT_WIDTH, false).len() as f32 * size * LEADING
                })
                .sum::<f32>();
        self.ensure(height);
        self.y += 8.0;
        self.para(label, BODY, true, BLACK, MARGIN_X, CONTENT_WIDTH);
        self.para(sha, BODY, false, ACCENT, MARGIN_X, CONTENT_WIDTH);
        self.para(note, SMALL, false, GREY, MARGIN_X, CONTENT_WIDTH);
    }

    pub(super) fn block(&mut self, block: &Block, next: Option<&Block>, number: &mut usize) {
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
                // A short paragraph introducing a table (its caption) stays with the table's
                // first rows.
                if matches!(next, Some(Block::Table(_) | Block::Provisions(_))) {
                    let lines = self.lines(text, size, CONTENT_WIDTH, false).len();
                    if lines <= 3 {
                        self.ensure(lines as f32 * size * LEADING + 50.0);
                    }
                }
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

impl Flow<'_> {
    /// A label followed by a colon: the full-width `：` after Chinese, `:` after anything else.
    pub(super) fn with_colon(&self, label: &str) -> String {
        match self.shape(label, false).last() {
            Some((_, Face::Cjk)) => format!("{label}："),
            _ => format!("{label}:"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Fixed, doc};
    use super::*;

    /// The page a text line landed on.
    fn page_of(laid: &Laid, needle: &str) -> usize {
        laid.pages
            .iter()
            .position(|p| {
                p.items
                    .iter()
                    .any(|i| matches!(i, Item::Text { text, .. } if text.contains(needle)))
            })
            .unwrap_or_else(|| panic!("{needle} not laid out"))
    }

    #[test]
    fn a_caption_stays_with_its_table() {
        // Filler that ends near the bottom of a page, whatever its exact length.
        for filler in 30..90 {
            let mut blocks: Vec<Block> = (0..filler)
                .map(|i| Block::Paragraph {
                    text: format!("Filler line {i}"),
                    small: false,
                })
                .collect();
            blocks.push(Block::Paragraph {
                text: "Risk treatment plan".into(),
                small: false,
            });
            blocks.push(Block::Table(Table {
                header: vec!["Risk".into(), "Owner".into()],
                widths: vec![1.0, 1.0],
                rows: vec![vec![Cell::plain("Profiling"), Cell::plain("CRM")]],
            }));
            let laid = lay_out(&doc(blocks), &Fixed);
            assert_eq!(
                page_of(&laid, "Risk treatment plan"),
                page_of(&laid, "Profiling"),
                "with {filler} filler lines"
            );
        }
    }
}
