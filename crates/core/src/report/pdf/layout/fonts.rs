//! Which face draws each character. The same code points (“ ” ’ … ·) are drawn differently in
//! Chinese and in European text, so the choice follows the language of the text around a
//! character, never its code point alone:
//!
//! - a *segment* is one hard line, or one side of the bilingual separator `" / "` (how a
//!   bilingual label puts its Chinese and English side by side);
//! - in an English report every segment is European text;
//! - in a Chinese or bilingual report a segment is Chinese when it holds a character only the
//!   CJK face has (a Han character, kana, hangul, full-width punctuation), else European: a
//!   CNIL answer in French or a citation such as "GDPR Art. 35" stays in the Latin face;
//! - a European segment is drawn in the Latin face, each character the Latin face lacks (an
//!   ideograph in a client's name, an arrow) falling back to the CJK face;
//! - a Chinese segment is drawn in the CJK face except its European words: a Latin, Greek or
//!   Cyrillic letter is European, a CJK-only character Chinese, and everything else (digits,
//!   spaces, apostrophes, ellipses, ASCII punctuation) goes with the character before it; quotes
//!   go with the text they stand in — an opening quote with what precedes it, a closing quote
//!   with its opening one — and an apostrophe between two letters is European. So in
//!   "评论：Qui relit l’index ?" the French is Latin, in "简称“评估”……" and "如“TD”" the quotes
//!   (and the ellipsis) are full-width, "第35条" keeps its digits in the CJK face. (How Word
//!   draws a run with both `ascii` and `eastAsia` fonts.)
//!
//! Decided from the faces' own character maps through [`Metrics`], so there is no hand-kept list
//! of ranges to fall behind the fonts.

use super::*;

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// The Latin family (Latin, Greek, Cyrillic), regular.
    Latin,
    /// The Latin family, bold.
    LatinBold,
    /// The CJK face (no bold: drawn with fill and stroke).
    Cjk,
}

impl Face {
    /// The Latin face of that weight.
    pub fn latin(bold: bool) -> Face {
        if bold { Face::LatinBold } else { Face::Latin }
    }
}

/// A stretch of one line drawn in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: Face,
    pub text: String,
}

/// A character with the face that draws it.
pub type Glyph = (char, Face);

/// Whether `ch` belongs to Chinese text alone: the Latin face lacks it and the CJK face has it.
fn only_cjk(ch: char, m: &dyn Metrics) -> bool {
    !ch.is_whitespace() && !m.has_glyph(Face::Latin, ch) && m.has_glyph(Face::Cjk, ch)
}

/// The faces of every character of `text` (newlines included) in a report written in `lang`.
pub fn shape(text: &str, lang: ReportLang, bold: bool, m: &dyn Metrics) -> Vec<Glyph> {
    let mut out = Vec::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push(('\n', Face::latin(bold)));
        }
        for (j, segment) in line.split(" / ").enumerate() {
            if j > 0 {
                out.extend(" / ".chars().map(|c| (c, Face::latin(bold))));
            }
            let chinese = lang != ReportLang::En && segment.chars().any(|c| only_cjk(c, m));
            if chinese {
                out.extend(chinese_segment(segment, bold, m));
            } else {
                out.extend(segment.chars().map(|c| (c, face_of(c, false, bold, m))));
            }
        }
    }
    out
}

/// Which side a character of Chinese text is on: `Some(true)` Chinese, `Some(false)` European,
/// `None` either (it goes with its neighbour).
fn strong(ch: char, m: &dyn Metrics) -> Option<bool> {
    if only_cjk(ch, m) {
        Some(true)
    } else if ch.is_alphabetic() && m.has_glyph(Face::Latin, ch) {
        Some(false)
    } else {
        None
    }
}

/// The faces of a Chinese segment: CJK but for its European words.
fn chinese_segment(segment: &str, bold: bool, m: &dyn Metrics) -> Vec<Glyph> {
    let chars: Vec<char> = segment.chars().collect();
    let sides: Vec<Option<bool>> = chars.iter().map(|c| strong(*c, m)).collect();
    let next = |i: usize| sides[i + 1..].iter().find_map(|s| *s);
    let letter = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphabetic() && !only_cjk(*c, m))
    };
    let mut before: Option<bool> = None;
    // The side of each quote still open.
    let mut open: Vec<(char, bool)> = Vec::new();
    let mut out = Vec::with_capacity(chars.len());
    for (i, &ch) in chars.iter().enumerate() {
        let side = match (sides[i], ch) {
            (Some(s), _) => {
                before = Some(s);
                s
            }
            (None, '’') if letter(i.checked_sub(1)) && letter(Some(i + 1)) => false,
            (None, '“' | '‘' | '«') => {
                let side = before.or_else(|| next(i)).unwrap_or(true);
                open.push((ch, side));
                side
            }
            (None, '”' | '’' | '»') => {
                let opening = match ch {
                    '”' => '“',
                    '’' => '‘',
                    _ => '«',
                };
                let side = match open.iter().rposition(|(c, _)| *c == opening) {
                    Some(at) => open.remove(at).1,
                    None => before.unwrap_or(true),
                };
                // After the quotation, the text around it goes on.
                before = Some(side);
                side
            }
            (None, _) => before.or_else(|| next(i)).unwrap_or(true),
        };
        out.push((ch, face_of(ch, side, bold, m)));
    }
    out
}

fn face_of(ch: char, chinese: bool, bold: bool, m: &dyn Metrics) -> Face {
    let latin = Face::latin(bold);
    let (first, second) = if chinese {
        (Face::Cjk, latin)
    } else {
        (latin, Face::Cjk)
    };
    if m.has_glyph(first, ch) || !m.has_glyph(second, ch) {
        first
    } else {
        second
    }
}

/// Whether any face can draw `ch`.
pub fn drawable(ch: char, m: &dyn Metrics) -> bool {
    m.has_glyph(Face::Latin, ch) || m.has_glyph(Face::Cjk, ch)
}

pub fn glyphs_width(glyphs: &[Glyph], size: f32, m: &dyn Metrics) -> f32 {
    glyphs.iter().map(|(c, f)| m.advance(*f, *c, size)).sum()
}

/// The text of some glyphs.
pub fn text_of(glyphs: &[Glyph]) -> String {
    glyphs.iter().map(|(c, _)| *c).collect()
}

/// Consecutive glyphs of one face joined into runs.
pub fn runs(glyphs: &[Glyph]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (ch, face) in glyphs {
        match out.last_mut() {
            Some(run) if run.face == *face => run.text.push(*ch),
            _ => out.push(Run {
                face: *face,
                text: ch.to_string(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::Fixed;
    use super::*;

    fn faces_of(text: &str, lang: ReportLang) -> Vec<(char, Face)> {
        shape(text, lang, false, &Fixed)
    }

    fn face_at(glyphs: &[Glyph], ch: char, nth: usize) -> Face {
        glyphs
            .iter()
            .filter(|(c, _)| *c == ch)
            .nth(nth)
            .map(|(_, f)| *f)
            .unwrap_or_else(|| panic!("no {ch:?}"))
    }

    #[test]
    fn european_text_keeps_its_quotes_latin_and_ideographs_fall_back() {
        let text = "L’analyse “DPIA” … de 华为 s’impose";
        for lang in [ReportLang::En, ReportLang::Zh, ReportLang::Bi] {
            let g = faces_of(text, lang);
            // A Chinese name inside does not make the French around it Chinese.
            let quotes = Face::Latin;
            for ch in ['’', '“', '”', '…'] {
                assert_eq!(face_at(&g, ch, 0), quotes, "{ch} in {lang:?}");
            }
            assert_eq!(face_at(&g, '华', 0), Face::Cjk);
        }
        let french = "L’analyse d’impact « qu’avec » … — Art. 35";
        for lang in [ReportLang::En, ReportLang::Zh, ReportLang::Bi] {
            let g = faces_of(french, lang);
            assert!(g.iter().all(|(_, f)| *f == Face::Latin), "{lang:?}: {g:?}");
        }
    }

    #[test]
    fn chinese_text_is_wholly_cjk_and_a_bilingual_label_splits_at_its_separator() {
        let g = faces_of("评估（以下简称“评估”）……见第35条。", ReportLang::Zh);
        assert!(g.iter().all(|(_, f)| *f == Face::Cjk), "{g:?}");
        // European words inside Chinese text keep the Latin face, their punctuation with them.
        let g = faces_of("评论：Qui relit l’index … ? 见“GDPR”", ReportLang::Zh);
        let latin: String = g
            .iter()
            .filter(|(_, f)| *f == Face::Latin)
            .map(|(c, _)| *c)
            .collect();
        assert_eq!(latin, "Qui relit l’index … ? GDPR");
        // Quotes in Chinese text are Chinese, whatever they quote.
        let g = faces_of("回复退订关键词（如“TD”“STOP”）。", ReportLang::Zh);
        for (ch, nth) in [('“', 0), ('”', 0), ('“', 1), ('”', 1)] {
            assert_eq!(face_at(&g, ch, nth), Face::Cjk, "{ch} {nth}: {g:?}");
        }
        assert_eq!(face_at(&g, 'S', 0), Face::Latin);
        let g = faces_of("“个人信息”保护 / “Personal” information", ReportLang::Bi);
        assert_eq!(face_at(&g, '“', 0), Face::Cjk);
        assert_eq!(face_at(&g, '”', 0), Face::Cjk);
        assert_eq!(face_at(&g, '“', 1), Face::Latin);
        assert_eq!(face_at(&g, '”', 1), Face::Latin);
        assert_eq!(face_at(&g, 'P', 0), Face::Latin);
        // The Chinese half of a bilingual block is its first line, the English half the second.
        let g = faces_of("数据“最小化”\nData “minimisation”", ReportLang::Bi);
        assert_eq!(face_at(&g, '“', 0), Face::Cjk);
        assert_eq!(face_at(&g, '“', 1), Face::Latin);
    }

    #[test]
    fn bold_european_text_uses_the_bold_face() {
        let g = shape("Risk “high”", ReportLang::En, true, &Fixed);
        assert!(g.iter().all(|(_, f)| *f == Face::LatinBold), "{g:?}");
        let g = shape("风险“高”。", ReportLang::Zh, true, &Fixed);
        assert!(g.iter().all(|(_, f)| *f == Face::Cjk), "{g:?}");
    }

    #[test]
    fn runs_join_neighbours_of_one_face() {
        let g = faces_of("Client 华为 Ltd", ReportLang::En);
        let r = runs(&g);
        assert_eq!(
            r.iter()
                .map(|r| (r.face, r.text.as_str()))
                .collect::<Vec<_>>(),
            [
                (Face::Latin, "Client "),
                (Face::Cjk, "华为"),
                (Face::Latin, " Ltd")
            ]
        );
    }
}
