//! The blocks a Word document draws as tables: data tables and key-value lists, the heat maps as
//! coloured 4×4 grids, each finding and sign-off in a framed table, the provisions cited; and the
//! rating badges, shaded runs in the PDF's colours.

use docx_rs::{
    AlignmentType, HeightRule, Paragraph, Run, Shading, Table, TableBorders, TableCell,
    TableCellBorder, TableCellBorderPosition, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::style::*;
use super::*;

impl Writer {
    pub(super) fn cell(
        &mut self,
        text: &str,
        width: usize,
        look: Look,
        fill: Option<&str>,
    ) -> TableCell {
        let p = self.text(text, look).line_spacing(spacing().after(0));
        let mut cell = TableCell::new()
            .add_paragraph(p)
            .width(width, WidthType::Dxa);
        if let Some(fill) = fill {
            cell = cell.shading(Shading::new().fill(fill));
        }
        cell
    }

    /// A data table: widths relative, header row repeated on every page, rows kept whole.
    pub(super) fn table(
        &mut self,
        header: Option<&[String]>,
        widths: &[f32],
        rows: &[Vec<Cell>],
    ) -> Table {
        let grid = grid(widths);
        let mut out = Vec::new();
        let text = Look::BODY.size(TABLE_TEXT);
        if let Some(header) = header {
            let cells = header
                .iter()
                .zip(&grid)
                .map(|(h, w)| self.cell(h, *w, text.bold(), Some(HEADER_FILL)))
                .collect();
            out.push(package::header_row(TableRow::new(cells)));
        }
        for row in rows {
            let cells = row
                .iter()
                .zip(&grid)
                .map(|(c, w)| match c.tone {
                    Some(tone) => {
                        let fill = hex(tone_colour(tone));
                        self.cell(&c.text, *w, text.bold().colour(WHITE), Some(&fill))
                    }
                    None => self.cell(&c.text, *w, text, None),
                })
                .collect();
            out.push(TableRow::new(cells).cant_split());
        }
        framed(Table::new(out), &grid)
    }

    pub(super) fn key_value(&mut self, rows: &[(String, String)]) -> Table {
        let grid = grid(&[0.4, 0.6]);
        let text = Look::BODY.size(TABLE_TEXT);
        let rows = rows
            .iter()
            .map(|(k, v)| {
                let key = self.cell(k, grid[0], text, Some(LABEL_FILL));
                let value = self.cell(v, grid[1], text, None);
                TableRow::new(vec![key, value]).cant_split()
            })
            .collect();
        framed(Table::new(rows), &grid)
    }

    /// "Label  [ value ]": the value on a shaded run in the tone's colour.
    pub(super) fn badge(&mut self, label: &str, value: &str, tone: Tone) -> Paragraph {
        let mut p = self.para();
        for run in self.runs(label, Look::BODY.bold()) {
            p = p.add_run(run);
        }
        p = p.add_run(Run::new().add_text("\u{a0}\u{a0}"));
        let look = Look {
            fill: Some(tone_colour(tone)),
            ..Look::BODY.bold().colour(WHITE)
        };
        for run in self.runs(&format!("\u{a0}{value}\u{a0}"), look) {
            p = p.add_run(run);
        }
        p
    }

    /// A heat map as a table: impact 4 → 1 down, likelihood 1 → 4 across, each cell tinted in
    /// its matrix level's colour and holding the number of risks there.
    pub(super) fn heat_map(&mut self, map: &HeatMap, out: &mut Vec<Child>) {
        const AXIS: usize = 600;
        const SIDE: usize = 800;
        let title = self.text(&map.title, Look::BODY.bold()).keep_next(true);
        out.push(Child::para(title));
        let axis = Look::BODY.size(SMALL).colour(GREY);
        let mut rows = Vec::new();
        for impact in (1..=4usize).rev() {
            let mut cells = vec![self.centred(&impact.to_string(), AXIS, axis, None)];
            for like in 1..=4usize {
                let fill = hex(tone_tint(map.levels[impact - 1][like - 1]));
                let count = map.counts[impact - 1][like - 1];
                let text = if count > 0 {
                    count.to_string()
                } else {
                    String::new()
                };
                cells.push(self.centred(&text, SIDE, Look::BODY.bold(), Some(&fill)));
            }
            rows.push(
                TableRow::new(cells)
                    .row_height(SIDE as f32)
                    .height_rule(HeightRule::Exact)
                    .cant_split(),
            );
        }
        let mut cells = vec![self.centred("", AXIS, axis, None)];
        for like in 1..=4usize {
            cells.push(self.centred(&like.to_string(), SIDE, axis, None));
        }
        rows.push(TableRow::new(cells).cant_split());
        let grid = vec![AXIS, SIDE, SIDE, SIDE, SIDE];
        let table = Table::new(rows)
            .set_grid(grid.clone())
            .width(grid.iter().sum(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .set_borders(borders(WHITE, 8));
        out.push(Child::table(table));
        let legend = format!("↑ {} · {} →", map.y_label, map.x_label);
        let legend = self.text(&legend, axis);
        out.push(Child::para(legend));
    }

    pub(super) fn centred(
        &mut self,
        text: &str,
        width: usize,
        look: Look,
        fill: Option<&str>,
    ) -> TableCell {
        // Kept with what follows, so a heat map and its legend share a page.
        let p = self
            .text(text, look)
            .keep_next(true)
            .align(AlignmentType::Center)
            .line_spacing(spacing().after(0));
        let mut cell = TableCell::new()
            .add_paragraph(p)
            .width(width, WidthType::Dxa)
            .vertical_align(VAlignType::Center);
        if let Some(fill) = fill {
            cell = cell.shading(Shading::new().fill(fill));
        }
        cell
    }

    /// A finding as a card: a bar in the severity's colour on the left, the severity on a
    /// shaded run beside the title, then explanation, recommendation and citations.
    pub(super) fn finding(&mut self, f: &FindingBlock) -> Table {
        let colour = hex(tone_colour(f.tone));
        let tag = Look {
            fill: Some(tone_colour(f.tone)),
            ..Look::BODY.size(SMALL).bold().colour(WHITE)
        };
        let mut title = self.para().keep_next(true);
        for run in self.runs(&format!("\u{a0}{}\u{a0}", f.severity), tag) {
            title = title.add_run(run);
        }
        title = title.add_run(Run::new().add_text("\u{a0}\u{a0}"));
        for run in self.runs(&f.title, Look::BODY.bold()) {
            title = title.add_run(run);
        }
        let mut paras = vec![title, self.text(&f.explanation, Look::BODY)];
        let mut rec = self.para();
        for run in self.runs(&with_colon(&f.recommendation_label), Look::BODY.bold()) {
            rec = rec.add_run(run);
        }
        for run in self.runs(&f.recommendation, Look::BODY) {
            rec = rec.add_run(run);
        }
        paras.push(rec);
        if !f.citations.is_empty() {
            let small = Look::BODY.size(SMALL).colour(GREY);
            paras.push(
                self.text(&with_colon(&f.citations_label), small.bold())
                    .line_spacing(spacing().after(0)),
            );
            for c in &f.citations {
                let p = self
                    .text(c, small)
                    .indent(Some(280), None, None, None)
                    .line_spacing(spacing().after(0));
                paras.push(p);
            }
        }
        let mut cell = TableCell::new()
            .width(CONTENT_W, WidthType::Dxa)
            .clear_all_border()
            .set_border(
                TableCellBorder::new(TableCellBorderPosition::Left)
                    .size(36)
                    .color(colour),
            );
        for p in paras {
            cell = cell.add_paragraph(p);
        }
        Table::new(vec![TableRow::new(vec![cell])])
            .set_grid(vec![CONTENT_W])
            .width(CONTENT_W, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .set_borders(TableBorders::with_empty())
    }

    pub(super) fn sign_off(&mut self, s: &SignOffBlock, out: &mut Vec<Child>) {
        for entry in &s.entries {
            let t = self.key_value(entry);
            out.push(Child::table(t));
            out.push(Child::para(self.spacer()));
        }
        if let Some(note) = &s.empty_note {
            let p = self.text(note, Look::BODY);
            out.push(Child::para(p));
        }
        for label in &s.signature_labels {
            let p = self
                .text(&with_colon(label), Look::BODY)
                .add_run(Run::new().add_text(" ________________________________"))
                .line_spacing(spacing().before(360));
            out.push(Child::para(p));
        }
    }

    pub(super) fn provisions(&mut self, p: &ProvisionsBlock) -> Table {
        let rows = p.rows();
        self.table(Some(&p.header), &[1.5, 2.8, 2.1, 3.6], &rows)
    }
}
