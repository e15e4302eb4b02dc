//! What every page carries besides the body: the DRAFT mark, the running header (title and
//! confidentiality mark), the page footer, and the contents' page numbers once the body is laid
//! out. A header too long for its line is shortened at a break opportunity and ends with "…".

use super::fonts::{Glyph, glyphs_width};
use super::*;

impl Flow<'_> {
    /// Writes each section's page number at the right of its contents line.
    pub(super) fn number_contents(&mut self, slots: &[(usize, f32)]) {
        let outline = self.laid.outline.clone();
        for ((page, y), entry) in slots.iter().zip(&outline) {
            let label = self.shape(&(entry.page + 1).to_string(), false);
            let w = glyphs_width(&label, BODY, self.m);
            let item = text_item(
                MARGIN_X + CONTENT_WIDTH - w,
                *y,
                BODY,
                false,
                BLACK,
                &label,
                40.0,
                self.m,
            );
            self.laid.pages[*page].items.push(item);
        }
    }

    /// The DRAFT mark, running header and footer of every page.
    pub(super) fn furnish(&mut self, doc: &Document) {
        let m = self.m;
        let total = self.laid.pages.len();
        let title = self.clean(&doc.title);
        let title = self.shape(&title, false);
        let mark = self.clean(&doc.confidentiality);
        let mark = self.shape(&mark, true);
        let draft = doc.draft.as_ref().map(|d| self.clean(d));
        let draft = draft.map(|d| self.shape(&d, true));
        let footers: Vec<Vec<Glyph>> = (0..total)
            .map(|i| self.shape(&page_label(self.lang, i + 1, total), false))
            .collect();
        for (i, page) in self.laid.pages.iter_mut().enumerate() {
            // The DRAFT mark: on every page, the cover included, above the running header.
            if let Some(draft) = &draft {
                let dw = glyphs_width(draft, DRAFT_SIZE, m);
                page.items.push(text_item(
                    (PAGE_WIDTH - dw) / 2.0,
                    30.0,
                    DRAFT_SIZE,
                    true,
                    tone_colour(Tone::Red),
                    draft,
                    CONTENT_WIDTH,
                    m,
                ));
            }
            let footer = &footers[i];
            let fw = glyphs_width(footer, SMALL, m);
            page.items.push(text_item(
                (PAGE_WIDTH - fw) / 2.0,
                PAGE_HEIGHT - 36.0,
                SMALL,
                false,
                GREY,
                footer,
                CONTENT_WIDTH,
                m,
            ));
            if i == 0 {
                continue;
            }
            let mw = glyphs_width(&mark, SMALL, m);
            let title_max = CONTENT_WIDTH - mw - 20.0;
            let t = fit(&title, SMALL, title_max, m);
            page.items.push(text_item(
                MARGIN_X, 44.0, SMALL, false, GREY, &t, title_max, m,
            ));
            page.items.push(text_item(
                MARGIN_X + CONTENT_WIDTH - mw,
                44.0,
                SMALL,
                true,
                tone_colour(Tone::Red),
                &mark,
                mw,
                m,
            ));
            page.items.push(Item::Line {
                x1: MARGIN_X,
                y1: 50.0,
                x2: MARGIN_X + CONTENT_WIDTH,
                y2: 50.0,
                colour: RULE,
                width: 0.4,
            });
        }
    }
}

/// "Page X of Y" in the report language(s).
pub(super) fn page_label(lang: ReportLang, x: usize, y: usize) -> String {
    let (x, y) = (x.to_string(), y.to_string());
    let fill = |s: &str| s.replace("{x}", &x).replace("{y}", &y);
    match lang {
        ReportLang::Zh => fill(wd::PAGE_OF.zh()),
        ReportLang::En => fill(wd::PAGE_OF.en()),
        ReportLang::Bi => format!("{} · {}", fill(wd::PAGE_OF.zh()), fill(wd::PAGE_OF.en())),
    }
}

/// `glyphs` shortened to fit `max`: cut at the last break opportunity that leaves room for an
/// ellipsis (never inside a word; between characters only when not one opportunity fits),
/// dangling separators dropped.
pub fn fit(glyphs: &[Glyph], size: f32, max: f32, m: &dyn Metrics) -> Vec<Glyph> {
    if glyphs_width(glyphs, size, m) <= max {
        return glyphs.to_vec();
    }
    let face = |g: Option<&Glyph>| {
        let face = g.map_or(Face::Latin, |(_, f)| *f);
        if m.has_glyph(face, '…') {
            face
        } else {
            Face::Cjk
        }
    };
    let chars: Vec<char> = glyphs.iter().map(|(c, _)| *c).collect();
    let with_ellipsis = |end: usize| {
        let mut head = glyphs[..end].to_vec();
        while head
            .last()
            .is_some_and(|(c, _)| c.is_whitespace() || "/·-–—,;:，、；：".contains(*c))
        {
            head.pop();
        }
        let ellipsis = ('…', face(head.last()));
        head.push(ellipsis);
        head
    };
    let fits = |g: &[Glyph]| glyphs_width(g, size, m) <= max;
    let at_breaks = opportunities(&chars)
        .into_iter()
        .rev()
        .map(with_ellipsis)
        .find(|g| g.len() > 1 && fits(g));
    at_breaks.unwrap_or_else(|| {
        (1..glyphs.len())
            .rev()
            .map(with_ellipsis)
            .find(|g| fits(g))
            .unwrap_or_else(|| vec![('…', face(None))])
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::Fixed;
    use super::*;

    #[test]
    fn a_long_bilingual_header_is_shortened_at_a_word_and_ends_with_an_ellipsis() {
        let title = "个人信息保护影响评估报告：跨境会员数据共享 / Personal Information Protection Impact Assessment: cross-border sharing of members' data";
        let glyphs = fonts::shape(title, ReportLang::Bi, false, &Fixed);
        let words: Vec<&str> = title.split([' ', '-']).collect();
        for max in [80.0, 150.0, 200.0, 260.0, 330.0, 400.0] {
            let fitted = fit(&glyphs, SMALL, max, &Fixed);
            let text = fonts::text_of(&fitted);
            assert!(glyphs_width(&fitted, SMALL, &Fixed) <= max, "{text:?}");
            let head = text.strip_suffix('…').expect("ends with an ellipsis");
            assert!(title.starts_with(head), "{text:?}");
            // Cut where a word ends, or between two Chinese characters.
            let last = head.rsplit([' ', '-']).next().unwrap_or_default();
            let cjk = head.chars().last().is_some_and(super::super::tests::is_cjk);
            assert!(words.contains(&last) || cjk, "cut mid-word: {text:?}");
        }
        let whole = fit(&glyphs, SMALL, 1000.0, &Fixed);
        assert_eq!(
            fonts::text_of(&whole),
            title,
            "a title that fits is kept whole"
        );
    }
}
