//! The frame of the Word document: cover, contents page and TOC field, and the header and footer
//! of every page (title, confidentiality mark, fingerprint, "page X of Y", the DRAFT line).

use super::*;

impl Writer {
    pub(super) fn cover(&mut self, doc: &Document) -> Vec<Child> {
        let title_look = Look::BODY.size(44).bold().colour(ACCENT);
        let title = self
            .text(&doc.cover.title, title_look)
            .line_spacing(spacing().before(2400).after(240));
        let subtitle = self
            .text(&doc.cover.subtitle, Look::BODY.size(28))
            .line_spacing(spacing().after(480));
        let rows = self.key_value(&doc.cover.rows);
        let mark = self
            .text(&doc.cover.mark, Look::BODY.bold().colour(RED))
            .line_spacing(spacing().before(480));
        vec![
            Child::para(title),
            Child::para(subtitle),
            Child::table(rows),
            Child::para(mark),
            Child::para(self.page_break()),
        ]
    }

    pub(super) fn contents_title(&mut self) -> Paragraph {
        let title = match self.lang {
            ReportLang::Bi => format!("{} / {}", wd::CONTENTS.zh, wd::CONTENTS.en),
            ReportLang::Zh => wd::CONTENTS.zh.to_owned(),
            ReportLang::En => wd::CONTENTS.en.to_owned(),
        };
        // Not a heading style: the contents do not list themselves.
        self.text(&title, Look::BODY.size(32).bold().colour(ACCENT))
            .line_spacing(spacing().after(240))
    }

    /// A TOC field over heading levels 1–2 whose result is already filled in with the section
    /// titles, each linked to its heading, so every reader shows the contents. The page numbers
    /// are left to Word's "Update field" (F9): only the word processor knows where its pages
    /// break, and LibreOffice keeps a TOC's result as written. Built from plain runs in the
    /// layout Word itself writes (each field character in a run of its own); docx-rs's own TOC
    /// puts them in one run, which LibreOffice misreads.
    pub(super) fn toc(&mut self) -> Vec<Paragraph> {
        let field = |kind| Run::new().add_field_char(kind, false);
        let begin = [
            field(FieldCharType::Begin),
            Run::new().add_instr_text(InstrText::TOC(
                InstrToC::new().heading_styles_range(1, 2).hyperlink(),
            )),
            field(FieldCharType::Separate),
        ];
        let entries = std::mem::take(&mut self.toc);
        let mut out = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let mut p = self.para().style(&format!("TOC{}", entry.level));
            if i == 0 {
                p = begin.iter().cloned().fold(p, Paragraph::add_run);
            }
            let link = self.runs(&entry.text, Look::BODY).into_iter().fold(
                Hyperlink::new(&entry.bookmark, HyperlinkType::Anchor),
                Hyperlink::add_run,
            );
            out.push(p.add_hyperlink(link));
        }
        let mut end = self.para();
        if entries.is_empty() {
            end = begin.into_iter().fold(end, Paragraph::add_run);
        }
        out.push(end.add_run(field(FieldCharType::End)));
        self.toc = entries;
        out
    }

    /// The title on the left, the confidentiality mark on the right, each wrapping in its own
    /// column of a borderless table (a bilingual title is long).
    pub(super) fn header(&mut self, doc: &Document) -> Header {
        let small = Look::BODY.size(SMALL).colour(GREY);
        let grid = grid(&[0.62, 0.38]);
        let title = self.cell(&doc.title.replace('\n', " "), grid[0], small, None);
        let mark = self
            .text(&doc.confidentiality, small.bold().colour(RED))
            .align(AlignmentType::Right)
            .line_spacing(spacing().after(0));
        let mark = TableCell::new()
            .add_paragraph(mark)
            .width(grid[1], WidthType::Dxa);
        let table = Table::new(vec![TableRow::new(vec![title, mark])])
            .set_grid(grid.clone())
            .width(CONTENT_W, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .set_borders(TableBorders::with_empty());
        // A header must end with a paragraph: the DRAFT mark when there is one.
        let after = match &doc.draft {
            Some(_) => self.draft_line(doc),
            None => self.para().size(4).line_spacing(spacing().after(0)),
        };
        Header::new().add_table(table).add_paragraph(after)
    }

    /// The DRAFT mark, centred in red, for every page's header (the cover's too); an empty
    /// paragraph for a final report.
    pub(super) fn draft_line(&mut self, doc: &Document) -> Paragraph {
        match &doc.draft {
            Some(draft) => self
                .text(draft, Look::BODY.size(H_DRAFT).bold().colour(RED))
                .align(AlignmentType::Center)
                .line_spacing(spacing().after(0)),
            None => self.para(),
        }
    }

    /// The fingerprint, then "page X of Y" with live page fields.
    pub(super) fn footer(&mut self, doc: &Document) -> Footer {
        let small = Look::BODY.size(SMALL).colour(GREY);
        let mut footer = Footer::new();
        if let Some((label, sha)) = fingerprint(doc) {
            let mut p = self.para().style("Footer").align(AlignmentType::Center);
            for run in self.runs(&format!("{label}: "), small) {
                p = p.add_run(run);
            }
            for run in self.runs(
                sha,
                Look {
                    mono: true,
                    ..small
                },
            ) {
                p = p.add_run(run);
            }
            footer = footer.add_paragraph(p);
        }
        // The page fields' runs carry no size of their own: the Footer style gives them the
        // footer text's.
        let mut p = self.para().style("Footer").align(AlignmentType::Center);
        let parts: Vec<&str> = match self.lang {
            ReportLang::Zh => vec![wd::PAGE_OF.zh()],
            ReportLang::En => vec![wd::PAGE_OF.en()],
            ReportLang::Bi => vec![wd::PAGE_OF.zh(), " · ", wd::PAGE_OF.en()],
        };
        for part in parts {
            for piece in page_pieces(part) {
                p = match piece {
                    Piece::Text(t) => self.runs(t, small).into_iter().fold(p, Paragraph::add_run),
                    Piece::Page => p.add_page_num(PageNum::new()),
                    Piece::Pages => p.add_num_pages(NumPages::new()),
                };
            }
        }
        footer.add_paragraph(p)
    }
}
