//! Draws a laid-out report with printpdf: one embedded font (WenQuanYi Micro Hei, Apache-2.0, in
//! `assets/fonts/`), subset per document; bold drawn as fill + stroke (the face has no bold);
//! rating badges and heat maps as vector shapes; bookmarks per section; document metadata.
//!
//! Deterministic: the date comes in with the model (no clock here), and everything printpdf would
//! otherwise take from its process-wide counter — the font resource id (hence the subset tag), the
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

use self::layout::{Item, Laid, Metrics, PAGE_HEIGHT, PAGE_WIDTH, Rgb};
use crate::error::{Error, Result};
use crate::report::model::Document;

/// The embedded face: face 0 of Debian's `wqy-microhei.ttc`.
const FONT_BYTES: &[u8] = include_bytes!("../../../../../assets/fonts/WenQuanYiMicroHei.ttf");

/// A rendered report.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters the font cannot draw; each was printed as [`layout::MISSING_MARKER`].
    pub missing: Vec<char>,
}

fn font() -> Result<&'static ParsedFont> {
    static FONT: OnceLock<Option<ParsedFont>> = OnceLock::new();
    FONT.get_or_init(|| ParsedFont::from_bytes(FONT_BYTES, 0, &mut Vec::new()))
        .as_ref()
        .ok_or_else(|| Error::OutputFailed {
            what: "report font",
            detail: "the embedded font cannot be parsed".to_owned(),
        })
}

/// Glyph advances of the embedded font.
struct FontMetrics<'a> {
    font: &'a ParsedFont,
    units_per_em: f32,
}

impl Metrics for FontMetrics<'_> {
    fn advance(&self, ch: char, size: f32) -> f32 {
        match self.font.lookup_glyph_index(ch as u32) {
            Some(gid) => {
                f32::from(self.font.get_horizontal_advance(gid)) / self.units_per_em * size
            }
            None => 0.0,
        }
    }

    fn has_glyph(&self, ch: char) -> bool {
        self.font
            .lookup_glyph_index(ch as u32)
            .is_some_and(|gid| gid != 0)
    }
}

fn metrics() -> Result<FontMetrics<'static>> {
    let font = font()?;
    Ok(FontMetrics {
        font,
        units_per_em: f32::from(font.font_metrics.units_per_em.max(1)),
    })
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

fn ops(items: &[Item], font: &FontId) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 6);
    for item in items {
        match item {
            Item::Text {
                x,
                y,
                size,
                bold,
                colour: c,
                text,
                ..
            } => {
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font.clone()),
                    size: Pt(*size),
                });
                ops.push(Op::SetFillColor { col: colour(*c) });
                if *bold {
                    ops.push(Op::SetOutlineColor { col: colour(*c) });
                    ops.push(Op::SetOutlineThickness {
                        pt: Pt(size * 0.04),
                    });
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::FillStroke,
                    });
                } else {
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::Fill,
                    });
                }
                ops.push(Op::SetTextCursor { pos: point(*x, *y) });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
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
    let font_id = FontId(format!("{}WQY", tag(&content_hash)));

    let mut pdf = PdfDocument::new(&doc.title);
    pdf.resources
        .fonts
        .map
        .insert(font_id.clone(), PdfFont::new(m.font.clone()));
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
                ops(&p.items, &font_id),
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
