//! List items inside a text. The report model carries a list as lines starting with "- ",
//! indented by spaces or no-break spaces per level of nesting (two spaces, or the four no-break
//! spaces an imported CNIL answer keeps, per level). Drawn as an opinion letter sets a list:
//! each level indented a step further, with its own bullet (• – ·), and a wrapped item's
//! further lines hanging under its text, not under its bullet.

use super::fonts::{Glyph, glyphs_width};
use super::*;

/// How far each level of a list is indented, in ems of the text size.
const STEP_EM: f32 = 1.2;
/// The bullet of each level, the last one repeating below it.
const BULLETS: [char; 3] = ['•', '–', '·'];

/// A list item: its level (1 for the outermost) and where its text starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub level: usize,
    /// Index of the first character of the item's text.
    pub body: usize,
}

/// The list item a hard line is, if it is one.
pub fn item(chars: &[char]) -> Option<Item> {
    let lead = chars
        .iter()
        .take_while(|c| matches!(c, ' ' | '\u{a0}'))
        .count();
    let rest = &chars[lead..];
    if !(rest.starts_with(&['-', ' ']) || rest.starts_with(&['•', ' '])) {
        return None;
    }
    // Two spaces a level in the model; an imported CNIL answer's indent is doubled into
    // no-break spaces so that other renderers keep it.
    let width: usize = chars[..lead]
        .iter()
        .map(|c| if *c == ' ' { 2 } else { 1 })
        .sum();
    Some(Item {
        level: width / 4 + 1,
        body: lead + 2,
    })
}

/// A list item's line as plain text for a renderer without hanging indents (DOCX runs): its
/// level's indent in no-break spaces, its bullet, then its text.
pub fn as_text(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let item = item(&chars)?;
    let bullet = BULLETS[(item.level - 1).min(BULLETS.len() - 1)];
    let body: String = chars[item.body..].iter().collect();
    Some(format!(
        "{}{bullet}\u{a0}{body}",
        "\u{a0}".repeat(3 * (item.level - 1))
    ))
}

/// Blank glyphs as close to `width` as the Latin face's spaces allow (em, then hair spaces).
pub fn pad(width: f32, size: f32, m: &dyn Metrics) -> Vec<Glyph> {
    let mut out = Vec::new();
    let mut w = 0.0;
    for space in ['\u{2003}', '\u{2002}', '\u{2009}', '\u{200a}', ' '] {
        let sw = m.advance(Face::Latin, space, size);
        if sw <= 0.0 || !m.has_glyph(Face::Latin, space) {
            continue;
        }
        while w + sw <= width + 0.01 {
            out.push((space, Face::Latin));
            w += sw;
        }
    }
    out
}

/// The bullet of an item at `level`, indented, and the width its text hangs at.
pub fn marker(level: usize, size: f32, m: &dyn Metrics) -> (Vec<Glyph>, f32) {
    let bullet = BULLETS[(level - 1).min(BULLETS.len() - 1)];
    let face = if m.has_glyph(Face::Latin, bullet) {
        Face::Latin
    } else {
        Face::Cjk
    };
    let mut glyphs = pad((level - 1) as f32 * STEP_EM * size, size, m);
    glyphs.push((bullet, face));
    let to_text = glyphs_width(&glyphs, size, m);
    // The text starts a fixed step after the bullet's slot, whatever the bullet's width.
    let hang = (level as f32 * STEP_EM * size).max(to_text + m.advance(Face::Latin, ' ', size));
    glyphs.extend(pad(hang - to_text, size, m));
    let hang = glyphs_width(&glyphs, size, m);
    (glyphs, hang)
}

#[cfg(test)]
mod tests {
    use super::super::tests::Fixed;
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn levels_come_from_the_indent() {
        let level = |s: &str| item(&chars(s)).map(|i| i.level);
        assert_eq!(level("- one"), Some(1));
        assert_eq!(level("  - one.a"), Some(2));
        assert_eq!(level("    - deep"), Some(3));
        assert_eq!(level("\u{a0}\u{a0}\u{a0}\u{a0}- de jour"), Some(2));
        assert_eq!(level("-1 is a number"), None);
        assert_eq!(level("plain text - with a dash"), None);
    }

    #[test]
    fn nested_items_wrap_under_their_text() {
        let text = "Purposes:\n- prevent theft of vehicles and of the tools kept in the workshop\n  - by day, when the workshop is open to customers and suppliers\n    - at the gate\n- two";
        let lines = break_lines(text, 10.0, 150.0, &Fixed);
        let indent = |l: &str| {
            let blank: Vec<char> = l.chars().take_while(|c| c.is_whitespace()).collect();
            text_width(&blank.iter().collect::<String>(), 10.0, &Fixed)
        };
        let starts = |b: char| {
            lines
                .iter()
                .filter(|l| l.trim_start().starts_with(b))
                .map(|l| indent(l))
                .collect::<Vec<_>>()
        };
        let level1 = starts('•');
        let level2 = starts('–');
        let level3 = starts('·');
        assert_eq!(level1.len(), 2, "{lines:#?}");
        assert_eq!((level2.len(), level3.len()), (1, 1), "{lines:#?}");
        assert!(level1[0] < level2[0] && level2[0] < level3[0], "{lines:#?}");
        // A wrapped item's next line starts under its text, right of its bullet.
        let first = lines
            .iter()
            .position(|l| l.trim_start().starts_with('•'))
            .expect("item");
        let next = &lines[first + 1];
        assert!(
            !next.trim_start().starts_with(['•', '–', '·']),
            "{lines:#?}"
        );
        let bullet_end = indent(&lines[first]) + text_width("•", 10.0, &Fixed);
        assert!(indent(next) > bullet_end, "{lines:#?}");
        for line in &lines {
            assert!(text_width(line, 10.0, &Fixed) <= 150.01, "{line:?}");
            assert!(
                !line.contains("- "),
                "the dash marker is replaced: {line:?}"
            );
        }
    }
}
