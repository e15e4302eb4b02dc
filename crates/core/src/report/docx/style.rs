//! The small pieces every part of the document is made of: fonts, spacing, the heading and TOC
//! styles, runs (line breaks kept, control characters dropped), page-number fields in a template
//! text, table grids and borders, colours and dates as Word writes them.

use super::*;

/// The document's default faces: the Latin family for Latin, Greek and Cyrillic, the CJK face
/// for East-Asian characters. Each run then names its own (see [`Writer::runs`]).
pub(super) fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
        .east_asia(CJK_FONT)
}

/// The faces of a run of Chinese text: the CJK face for every character, the quotes and
/// ellipses both scripts share included (as the PDF draws them).
fn chinese_fonts() -> RunFonts {
    RunFonts::new()
        .ascii(CJK_FONT)
        .hi_ansi(CJK_FONT)
        .cs(CJK_FONT)
        .east_asia(CJK_FONT)
        .hint("eastAsia")
}

/// Line spacing of 1.2 lines (with the given space before and after).
pub(super) fn spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(288)
}

/// A heading style, kept with the paragraph or table after it and never split across pages (in
/// the style as well as on each heading, as Word's built-in headings are).
pub(super) fn heading_style(level: usize, size: usize, colour: &str) -> Style {
    let mut style = Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .based_on("Normal")
        .next("Normal")
        .size(size)
        .bold()
        .color(colour)
        .outline_lvl(level - 1)
        .line_spacing(
            spacing()
                .before(if level == 1 { 360 } else { 200 })
                .after(120),
        );
    style.paragraph_property = style.paragraph_property.keep_next(true).keep_lines(true);
    style
}

/// Whether a paragraph followed by `next` is its caption.
pub(super) fn introduces_table(next: Option<&Block>) -> bool {
    matches!(
        next,
        Some(Block::Table(_) | Block::KeyValue { .. } | Block::Provisions(_) | Block::HeatMaps(_))
    )
}

/// Word's built-in `footer` style: every footer paragraph, its page-number fields included,
/// in one size and colour.
pub(super) fn footer_style() -> Style {
    Style::new("Footer", StyleType::Paragraph)
        .name("footer")
        .based_on("Normal")
        .size(SMALL)
        .color(GREY)
        .line_spacing(spacing().after(0))
}

/// Word's built-in `toc 1` / `toc 2`, which "Update field" formats its entries with.
pub(super) fn toc_style(level: usize) -> Style {
    Style::new(format!("TOC{level}"), StyleType::Paragraph)
        .name(format!("toc {level}"))
        .based_on("Normal")
        .next("Normal")
        .indent(Some(((level - 1) * 360) as i32), None, None, None)
        .line_spacing(spacing().after(60))
}

impl Writer {
    /// Runs for `text`: one per line and face, lines joined by line breaks; characters XML cannot
    /// carry are dropped. Each run names the faces the PDF draws it with (`pdf::faces`: Chinese
    /// text in the CJK face, European text in the Latin family), so “ ” ’ … are Latin in English
    /// and French and full-width in Chinese in Word too.
    pub(super) fn runs(&self, text: &str, look: Look) -> Vec<Run> {
        let text = clean(text);
        let mut out = Vec::new();
        for (i, line) in text.split('\n').enumerate() {
            // A list item with its level's indent and bullet, as in the PDF.
            let item = lists::as_text(line);
            let line = item.as_deref().unwrap_or(line);
            let pieces = if look.mono {
                vec![(false, line.to_owned())]
            } else {
                chinese_pieces(line, self.lang, look.bold)
            };
            for (k, (chinese, piece)) in pieces.into_iter().enumerate() {
                let mut run = Run::new();
                if i > 0 && k == 0 {
                    run = run.add_break(BreakType::TextWrapping);
                }
                run = run.add_text(piece).size(look.size).color(look.colour);
                if look.bold {
                    run = run.bold();
                }
                if let Some(fill) = look.fill {
                    run = run.shading(Shading::new().fill(hex(fill)));
                }
                if look.mono {
                    run = run.fonts(RunFonts::new().ascii(MONO_FONT).hi_ansi(MONO_FONT));
                } else if chinese {
                    run = run.fonts(chinese_fonts());
                }
                out.push(run);
            }
        }
        out
    }
}

/// A line cut where its face changes, each piece marked Chinese (CJK face) or not.
fn chinese_pieces(line: &str, lang: ReportLang, bold: bool) -> Vec<(bool, String)> {
    let Some(glyphs) = crate::report::pdf::faces(line, lang, bold) else {
        return vec![(false, line.to_owned())];
    };
    let mut out: Vec<(bool, String)> = Vec::new();
    for (ch, face) in glyphs {
        let chinese = face == Face::Cjk;
        match out.last_mut() {
            Some((c, text)) if *c == chinese => text.push(ch),
            _ => out.push((chinese, ch.to_string())),
        }
    }
    if out.is_empty() {
        out.push((false, String::new()));
    }
    out
}

/// The text without what XML 1.0 forbids (control characters other than tab and line feed, and
/// U+FFFE/U+FFFF): one such character typed into an answer would otherwise make Word refuse the
/// whole file. A tab becomes a space (a run's text cannot hold one).
pub(super) fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| {
            matches!(c, '\t' | '\n') || (!c.is_control() && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

pub(super) enum Piece<'a> {
    Text(&'a str),
    Page,
    Pages,
}

/// "Page {x} of {y}" as text and the two page fields.
pub(super) fn page_pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        let (before, after) = rest.split_at(at);
        let (piece, len) = if after.starts_with("{x}") {
            (Piece::Page, 3)
        } else if after.starts_with("{y}") {
            (Piece::Pages, 3)
        } else {
            (Piece::Text("{"), 1)
        };
        if !before.is_empty() {
            out.push(Piece::Text(before));
        }
        out.push(piece);
        rest = &after[len..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The last fingerprint block's label and hash: the footer's fingerprint.
pub(super) fn fingerprint(doc: &Document) -> Option<(&str, &str)> {
    doc.blocks.iter().rev().find_map(|b| match b {
        Block::Fingerprint { label, sha256, .. } => Some((label.as_str(), sha256.as_str())),
        _ => None,
    })
}

/// Relative widths → column widths in twips filling the text width.
pub(super) fn grid(widths: &[f32]) -> Vec<usize> {
    let total: f32 = widths.iter().sum::<f32>().max(0.001);
    widths
        .iter()
        .map(|w| ((w / total) * CONTENT_W as f32).round().max(200.0) as usize)
        .collect()
}

pub(super) fn borders(colour: &str, size: usize) -> TableBorders {
    let mut b = TableBorders::new();
    for position in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        b = b.set(TableBorder::new(position).size(size).color(colour));
    }
    b
}

/// A full-width table with fixed columns and thin grey rules.
pub(super) fn framed(table: Table, grid: &[usize]) -> Table {
    table
        .set_grid(grid.to_vec())
        .width(grid.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(borders(RULE, 4))
}

pub(super) fn hex(c: Rgb) -> String {
    let byte = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("{:02X}{:02X}{:02X}", byte(c.0), byte(c.1), byte(c.2))
}

/// A label followed by a colon and a space: `：` after Chinese, `: ` after anything else.
pub(super) fn with_colon(label: &str) -> String {
    match label.chars().last() {
        Some(ch) if ('\u{4E00}'..='\u{9FFF}').contains(&ch) || ch == '）' => format!("{label}："),
        _ => format!("{label}: "),
    }
}

/// Midnight UTC of the report date, as the core properties want it.
pub(super) fn timestamp(date: &str) -> String {
    format!("{date}T00:00:00Z")
}
