//! Draws a laid-out report with printpdf: two embedded families from `assets/fonts/`, each
//! subset per document — Noto Serif (OFL; regular and bold) for European text, WenQuanYi Micro
//! Hei (Apache-2.0) for Chinese, its bold drawn as fill + stroke (the face has no bold) — each
//! line drawn as runs in the face `layout::fonts` chose; rating badges and heat maps as vector
//! shapes; bookmarks per section; document metadata.
//!
//! Deterministic: the date comes in with the model (no clock here), and everything printpdf would
//! otherwise take from its process-wide counter — the font resource ids (hence the subset tags), the
//! bookmark ids, the trailer `/ID` — is set here from the content, so the same input gives the same
//! bytes however many reports a process renders. (No XMP packet is written, so it has no instance
//! id either.)

pub mod layout;

use std::sync::OnceLock;

use printpdf::{
    Color, FontId, Op, PageAnnotId, PageAnnotation, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextRenderingMode,
};
use sha2::{Digest, Sha256};

use self::layout::{Face, Glyph, Item, Laid, Metrics, PAGE_HEIGHT, PAGE_WIDTH, Rgb};
use crate::error::{Error, Result};
use crate::report::model::{Document, ReportLang};

/// The CJK face: face 0 of Debian's `wqy-microhei.ttc`.
const CJK_BYTES: &[u8] = include_bytes!("../../../../../assets/fonts/WenQuanYiMicroHei.ttf");
/// The Latin family (Latin, Greek, Cyrillic): Debian's `fonts-noto-core`.
const LATIN_BYTES: &[u8] = include_bytes!("../../../../../assets/fonts/NotoSerif-Regular.ttf");
const LATIN_BOLD_BYTES: &[u8] = include_bytes!("../../../../../assets/fonts/NotoSerif-Bold.ttf");

/// Every face, in a fixed order (resource ids follow it).
const FACES: [Face; 3] = [Face::Latin, Face::LatinBold, Face::Cjk];

/// A rendered report.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters no face can draw; each was printed as [`layout::MISSING_MARKER`].
    pub missing: Vec<char>,
}

fn parse(bytes: &'static [u8]) -> Option<ParsedFont> {
    ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
}

fn font(face: Face) -> Result<&'static ParsedFont> {
    static FONTS: OnceLock<[Option<ParsedFont>; 3]> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        [
            parse(LATIN_BYTES),
            parse(LATIN_BOLD_BYTES),
            parse(CJK_BYTES),
        ]
    });
    fonts[index(face)]
        .as_ref()
        .ok_or_else(|| Error::OutputFailed {
            what: "report font",
            detail: format!("the embedded font {face:?} cannot be parsed"),
        })
}

fn index(face: Face) -> usize {
    match face {
        Face::Latin => 0,
        Face::LatinBold => 1,
        Face::Cjk => 2,
    }
}

/// Glyph advances of the embedded faces.
struct FontMetrics {
    fonts: [&'static ParsedFont; 3],
}

impl FontMetrics {
    fn get(&self, face: Face) -> &'static ParsedFont {
        self.fonts[index(face)]
    }
}

impl Metrics for FontMetrics {
    fn advance(&self, face: Face, ch: char, size: f32) -> f32 {
        let font = self.get(face);
        let units = f32::from(font.font_metrics.units_per_em.max(1));
        match font.lookup_glyph_index(ch as u32) {
            Some(gid) => f32::from(font.get_horizontal_advance(gid)) / units * size,
            None => 0.0,
        }
    }

    fn has_glyph(&self, face: Face, ch: char) -> bool {
        self.get(face)
            .lookup_glyph_index(ch as u32)
            .is_some_and(|gid| gid != 0)
    }
}

fn metrics() -> Result<FontMetrics> {
    Ok(FontMetrics {
        fonts: [font(Face::Latin)?, font(Face::LatinBold)?, font(Face::Cjk)?],
    })
}

/// The face of each character of `text` in a report written in `lang`, as the PDF draws it (the
/// DOCX names the same families run by run); `None` if an embedded font cannot be read.
pub fn faces(text: &str, lang: ReportLang, bold: bool) -> Option<Vec<Glyph>> {
    let m = metrics().ok()?;
    Some(layout::fonts::shape(text, lang, bold, &m))
}

/// Lays the document out with the embedded font's metrics (for tests and previews).
pub fn lay_out(doc: &Document) -> Result<Laid> {
    Ok(layout::lay_out(doc, &metrics()?))
}

fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(c.0, c.1, c.2, None))
}

fn point(x: f32, y: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_HEIGHT - y),
    }
}

fn ops(items: &[Item], ids: &[FontId; 3]) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 6);
    for item in items {
        match item {
            Item::Text {
                x,
                y,
                size,
                bold,
                colour: c,
                runs,
                ..
            } => {
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFillColor { col: colour(*c) });
                if *bold {
                    ops.push(Op::SetOutlineColor { col: colour(*c) });
                    ops.push(Op::SetOutlineThickness {
                        pt: Pt(size * 0.04),
                    });
                }
                ops.push(Op::SetTextCursor { pos: point(*x, *y) });
                // Runs follow each other: showing text moves the text position by its advances.
                for run in runs {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(ids[index(run.face)].clone()),
                        size: Pt(*size),
                    });
                    // Only the CJK face lacks a bold: it is stroked as well as filled.
                    let mode = if *bold && run.face == Face::Cjk {
                        TextRenderingMode::FillStroke
                    } else {
                        TextRenderingMode::Fill
                    };
                    ops.push(Op::SetTextRenderingMode { mode });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::Text(run.text.clone())],
                    });
                }
                ops.push(Op::EndTextSection);
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => printpdf::PaintMode::FillStroke,
                    (Some(_), None) => printpdf::PaintMode::Fill,
                    (None, Some(_)) => printpdf::PaintMode::Stroke,
                    (None, None) => continue,
                };
                if let Some(f) = fill {
                    ops.push(Op::SetFillColor { col: colour(*f) });
                }
                if let Some(s) = stroke {
                    ops.push(Op::SetOutlineColor { col: colour(*s) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
                }
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(PAGE_HEIGHT - y - h),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                colour: c,
                width,
            } => {
                ops.push(Op::SetOutlineColor { col: colour(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![
                            printpdf::LinePoint {
                                p: point(*x1, *y1),
                                bezier: false,
                            },
                            printpdf::LinePoint {
                                p: point(*x2, *y2),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
        }
    }
    ops
}

/// Six capital letters from a hash: the font's resource name and so its subset tag (`ABCDEF+`).
fn tag(hash: &[u8]) -> String {
    hash.iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

const ID_PLACEHOLDER: &[u8] = b"(00000000000000000000000000000000)";

/// The creation date as printpdf's date type (midnight UTC of the report date).
fn creation_date(date: &str) -> printpdf::OffsetDateTime {
    let seconds = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(0, |d| d.and_utc().timestamp());
    printpdf::OffsetDateTime::from_unix_timestamp(seconds)
        .or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0))
        .unwrap_or_else(|_| printpdf::OffsetDateTime::now_utc())
}

/// Renders a report model to PDF bytes.
pub fn render(doc: &Document) -> Result<Rendered> {
    let m = metrics()?;
    let laid = layout::lay_out(doc, &m);
    let content_hash = Sha256::digest(
        format!(
            "{}\u{0}{}\u{0}{}",
            doc.lang.as_str(),
            doc.date,
            doc.plain_text()
        )
        .as_bytes(),
    );
    // One resource per face, named from the content (so the subset tags are too).
    let ids = [
        FontId(format!("{}SERIF", tag(&content_hash))),
        FontId(format!("{}SERIFB", tag(&content_hash[6..]))),
        FontId(format!("{}WQY", tag(&content_hash[12..]))),
    ];
    let mut pdf = PdfDocument::new(&doc.title);
    for face in FACES {
        // A face no run uses is left out, so the PDF lists only the fonts it draws with.
        let used = laid.pages.iter().flat_map(|p| &p.items).any(|i| match i {
            Item::Text { runs, .. } => runs.iter().any(|r| r.face == face),
            _ => false,
        });
        if used {
            pdf.resources
                .fonts
                .map
                .insert(ids[index(face)].clone(), PdfFont::new(m.get(face).clone()));
        }
    }
    let info = &mut pdf.metadata.info;
    info.author = doc.author.clone();
    info.subject = doc.subject.clone();
    info.creator = "DPO Desk".to_owned();
    info.producer = "DPO Desk (printpdf 0.12)".to_owned();
    info.keywords = vec![doc.kind.as_str().to_owned(), doc.lang.as_str().to_owned()];
    let created = creation_date(&doc.date);
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;
    for (i, entry) in laid.outline.iter().enumerate() {
        pdf.bookmarks.map.insert(
            PageAnnotId(format!("B{i:04}")),
            PageAnnotation {
                name: entry.title.clone(),
                page: entry.page + 1,
            },
        );
    }
    let pages: Vec<PdfPage> = laid
        .pages
        .iter()
        .map(|p| {
            PdfPage::new(
                printpdf::Mm::from(Pt(PAGE_WIDTH)),
                printpdf::Mm::from(Pt(PAGE_HEIGHT)),
                ops(&p.items, &ids),
            )
        })
        .collect();
    let page_count = pages.len();
    pdf.with_pages(pages);

    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    let placeholder = lopdf::Object::String(
        ID_PLACEHOLDER[1..ID_PLACEHOLDER.len() - 1].to_vec(),
        lopdf::StringFormat::Literal,
    );
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![placeholder.clone(), placeholder]),
    );
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| Error::OutputFailed {
        what: "PDF",
        detail: e.to_string(),
    })?;
    // The file identifier is the hash of the file itself (with the placeholder in its place).
    let id = hex::encode(&Sha256::digest(&bytes)[..16]);
    let mut replacement = Vec::with_capacity(ID_PLACEHOLDER.len());
    replacement.push(b'(');
    replacement.extend_from_slice(id.as_bytes());
    replacement.push(b')');
    let mut at = 0;
    while let Some(pos) = bytes[at..]
        .windows(ID_PLACEHOLDER.len())
        .position(|w| w == ID_PLACEHOLDER)
    {
        let start = at + pos;
        bytes[start..start + ID_PLACEHOLDER.len()].copy_from_slice(&replacement);
        at = start + ID_PLACEHOLDER.len();
    }
    Ok(Rendered {
        bytes,
        pages: page_count,
        missing: laid.missing.into_iter().collect(),
    })
}
