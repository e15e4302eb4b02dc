//! Line breaking: break opportunities by the Unicode line-breaking rules (UAX #14, through
//! `unicode-linebreak`), filled greedily. So a hyphenated word breaks after its hyphen only,
//! Chinese breaks between ideographs but never before closing punctuation (，。、）」) nor after
//! an opening bracket, quotes stay with what they quote, and a no-break space holds. Two
//! tailorings: the space in a citation such as "Art. 35" or "§ 4" is held like a no-break space
//! (the templates write a plain one), and a piece wider than the line (a URL) is cut after
//! `/ ? & =` where it can, else between characters — never overflowed.

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::fonts::{Glyph, glyphs_width, text_of};
use super::*;

/// Punctuation that must not start a piece cut out of a too-wide word.
pub fn is_closing(ch: char) -> bool {
    "，。、）」』】》〉〕］｝：；！？．,.;:!?)]}%”’…·％".contains(ch)
}

/// Brackets that must not end a line.
pub fn is_opening(ch: char) -> bool {
    "（「『【《〈〔［｛([{“‘".contains(ch)
}

/// Words after which a space followed by a number is not a break: "Art. 35", "§ 4", "No. 2".
const HOLDS_NUMBER: &[&str] = &[
    "Art.", "Arts.", "art.", "Article", "article", "Articles", "§", "§§", "No.", "no.", "Nr.",
    "n°", "N°", "para.", "Para.", "Recital", "recital", "Rec.", "Sec.", "p.", "pp.",
];

/// Whether a break before `chars[i]` would split a citation such as "Art. 35".
fn in_citation(chars: &[char], i: usize) -> bool {
    if i < 2 || chars[i - 1] != ' ' || !chars[i].is_ascii_digit() {
        return false;
    }
    let end = i - 1;
    let start = chars[..end]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let word: String = chars[start..end].iter().collect();
    HOLDS_NUMBER.contains(&word.as_str())
}

/// Where a line may break in one hard line: character indices `i` such that a break may come
/// before `chars[i]` (the end is not listed).
pub fn opportunities(chars: &[char]) -> Vec<usize> {
    let text: String = chars.iter().collect();
    let mut at_char = Vec::new();
    let mut byte = 0;
    let mut ci = 0;
    let mut iter = linebreaks(&text).peekable();
    while let Some((pos, op)) = iter.next() {
        while byte < pos && ci < chars.len() {
            byte += chars[ci].len_utf8();
            ci += 1;
        }
        if ci >= chars.len() || iter.peek().is_none() {
            break;
        }
        if matches!(op, BreakOpportunity::Allowed | BreakOpportunity::Mandatory)
            && !in_citation(chars, ci)
        {
            at_char.push(ci);
        }
    }
    at_char
}

fn trim_end(mut glyphs: Vec<Glyph>) -> Vec<Glyph> {
    while glyphs.last().is_some_and(|(c, _)| *c == ' ') {
        glyphs.pop();
    }
    glyphs
}

/// Cuts a piece wider than `max` into pieces that fit: after `/ ? & =` where one falls on the
/// line, else between characters, keeping closing punctuation off a piece's start where it can.
pub(super) fn cut(piece: &[Glyph], size: f32, max: f32, m: &dyn Metrics) -> Vec<Vec<Glyph>> {
    let mut pieces = Vec::new();
    let mut cur: Vec<Glyph> = Vec::new();
    let mut w = 0.0;
    for &(ch, face) in piece {
        let cw = m.advance(face, ch, size);
        if !cur.is_empty() && w + cw > max {
            let at = cur
                .iter()
                .rposition(|(c, _)| "/?&=".contains(*c))
                .map(|p| p + 1)
                .filter(|p| *p < cur.len());
            let carry = match at {
                Some(p) => cur.split_off(p),
                None if is_closing(ch) && cur.len() > 1 => cur.split_off(cur.len() - 1),
                None => Vec::new(),
            };
            pieces.push(std::mem::replace(&mut cur, carry));
            w = glyphs_width(&cur, size, m);
        }
        cur.push((ch, face));
        w += cw;
    }
    if !cur.is_empty() {
        pieces.push(cur);
    }
    pieces
}

/// Breaks shaped text into lines no wider than `max` (hard breaks at `\n`); a list item gets its
/// level's indent and bullet, its further lines hanging under its text.
pub fn break_glyphs(glyphs: &[Glyph], size: f32, max: f32, m: &dyn Metrics) -> Vec<Vec<Glyph>> {
    let mut lines = Vec::new();
    for hard in glyphs.split(|(c, _)| *c == '\n') {
        let chars: Vec<char> = hard.iter().map(|(c, _)| *c).collect();
        let Some(item) = lists::item(&chars) else {
            lines.extend(fill(hard, size, max, m));
            continue;
        };
        let (marker, hang) = lists::marker(item.level, size, m);
        // Too deep to leave room for text: the item as it is written.
        if hang > max / 2.0 {
            lines.extend(fill(hard, size, max, m));
            continue;
        }
        let pad = lists::pad(hang, size, m);
        for (i, line) in fill(&hard[item.body..], size, max - hang, m)
            .into_iter()
            .enumerate()
        {
            let mut out = if i == 0 { marker.clone() } else { pad.clone() };
            out.extend(line);
            lines.push(out);
        }
    }
    lines
}

/// Fills the lines of one hard line.
fn fill(hard: &[Glyph], size: f32, max: f32, m: &dyn Metrics) -> Vec<Vec<Glyph>> {
    let mut lines = Vec::new();
    let chars: Vec<char> = hard.iter().map(|(c, _)| *c).collect();
    let mut bounds = opportunities(&chars);
    bounds.push(hard.len());
    let mut line: Vec<Glyph> = Vec::new();
    let mut w = 0.0;
    let mut from = 0;
    for to in bounds {
        let piece = &hard[from..to];
        from = to;
        let body = piece
            .iter()
            .rposition(|(c, _)| *c != ' ')
            .map_or(0, |p| p + 1);
        let bw = glyphs_width(&piece[..body], size, m);
        if !line.is_empty() && w + bw > max {
            lines.push(trim_end(std::mem::take(&mut line)));
            w = 0.0;
        }
        if line.is_empty() && bw > max {
            let mut pieces = cut(piece, size, max, m);
            let last = pieces.pop().unwrap_or_default();
            lines.extend(pieces.into_iter().map(trim_end));
            w = glyphs_width(&last, size, m);
            line = last;
            continue;
        }
        line.extend_from_slice(piece);
        w += glyphs_width(piece, size, m);
    }
    lines.push(trim_end(line));
    lines
}

/// Breaks `text`, shaped as in a bilingual report, into lines (for tests and measuring).
pub fn break_lines(text: &str, size: f32, max: f32, m: &dyn Metrics) -> Vec<String> {
    let glyphs = fonts::shape(text, ReportLang::Bi, false, m);
    break_glyphs(&glyphs, size, max, m)
        .iter()
        .map(|l| text_of(l))
        .collect()
}

/// The width of `text` shaped as in a bilingual report, regular weight.
pub fn text_width(text: &str, size: f32, m: &dyn Metrics) -> f32 {
    glyphs_width(&fonts::shape(text, ReportLang::Bi, false, m), size, m)
}

#[cfg(test)]
mod tests {
    use super::super::tests::Fixed;
    use super::*;

    /// The places (character offsets into `text`, spaces dropped) where `lines` broke it.
    fn breaks(text: &str, lines: &[String]) -> Vec<usize> {
        let flat: Vec<char> = text.chars().filter(|c| *c != ' ').collect();
        let mut at = 0;
        let mut out = Vec::new();
        for line in &lines[..lines.len() - 1] {
            at += line.chars().filter(|c| *c != ' ').count();
            out.push(at);
        }
        assert_eq!(
            lines.concat().replace(' ', ""),
            flat.iter().collect::<String>(),
            "no character lost"
        );
        out
    }

    fn widths() -> impl Iterator<Item = f32> {
        (8..60).map(|n| n as f32 * 5.0)
    }

    #[test]
    fn a_hyphenated_word_breaks_after_its_hyphen_only() {
        let text = "The controller's self-assessment of data-protection impact";
        let words: Vec<&str> = text.split([' ', '-']).collect();
        let widest = words
            .iter()
            .map(|w| text_width(&format!("{w}-"), 10.0, &Fixed))
            .fold(0.0, f32::max);
        for width in widths().filter(|w| *w >= widest) {
            let lines = break_lines(text, 10.0, width, &Fixed);
            for line in &lines {
                assert!(text_width(line, 10.0, &Fixed) <= width + 0.01, "{line:?}");
                // Every line ends at a space or just after a hyphen, never inside a word.
                let last = line.rsplit([' ', '-']).next().unwrap_or_default();
                assert!(
                    line.ends_with('-') || words.contains(&last),
                    "{line:?} at width {width}"
                );
            }
        }
        let lines = break_lines("a self-assessment", 10.0, 45.0, &Fixed);
        assert_eq!(lines, ["a self-", "assessment"]);
    }

    #[test]
    fn a_url_breaks_after_its_separators_and_never_overflows() {
        let url = "https://www.cnil.fr/fr/outil-pia-telechargez-et-installez-le-logiciel-de-la-cnil?lang=fr&v=3";
        let text = format!("Voir {url} pour le détail");
        for width in [60.0, 90.0, 120.0, 200.0] {
            let lines = break_lines(&text, 10.0, width, &Fixed);
            let chars: Vec<char> = text.chars().filter(|c| *c != ' ').collect();
            let spaces: Vec<usize> = text
                .split(' ')
                .scan(0, |at, word| {
                    *at += word.chars().count();
                    Some(*at)
                })
                .collect();
            for line in &lines {
                assert!(text_width(line, 10.0, &Fixed) <= width + 0.01, "{line:?}");
            }
            for at in breaks(&text, &lines) {
                let before = chars[at - 1];
                let after = chars[at];
                let ok = "/?&=-".contains(before) || spaces.contains(&at);
                // Between characters only when a run between separators is wider than the line.
                let longest = url
                    .split(['/', '?', '&', '=', '-'])
                    .map(|p| text_width(p, 10.0, &Fixed))
                    .fold(0.0, f32::max);
                assert!(
                    ok || longest + 10.0 > width,
                    "broke between {before:?} and {after:?} at width {width}: {lines:?}"
                );
            }
        }
    }

    #[test]
    fn a_citation_never_breaks_inside() {
        for text in [
            "as GDPR Art. 35 and Art. 36 require, see § 4 and No. 2",
            "as GDPR Art.\u{a0}35 and Art.\u{202f}36 require",
        ] {
            for width in widths() {
                let lines = break_lines(text, 10.0, width, &Fixed);
                for pair in lines.windows(2) {
                    let first = pair[1].chars().next().unwrap_or(' ');
                    let held = ["Art.", "§", "No."].iter().any(|w| pair[0].ends_with(w));
                    assert!(
                        !(held && first.is_ascii_digit()),
                        "{pair:?} at width {width}"
                    );
                }
            }
        }
    }

    #[test]
    fn chinese_breaks_between_ideographs_but_not_before_closing_punctuation() {
        let text = "处理者应当（事先）评估，记录、保存；是否需要？需要！见「附件」『二』：完。";
        let mut seen = std::collections::BTreeSet::new();
        for width in (4..30).map(|n| n as f32 * 10.0) {
            let lines = break_lines(text, 10.0, width, &Fixed);
            for line in &lines {
                let first = line.chars().next().expect("line");
                assert!(!"，。、；：？！）」』".contains(first), "{line:?}");
                let last = line.chars().last().expect("line");
                assert!(!"（「『".contains(last), "{line:?}");
                assert!(text_width(line, 10.0, &Fixed) <= width + 0.01);
            }
            seen.extend(breaks(text, &lines));
        }
        // It does break between two ideographs.
        let chars: Vec<char> = text.chars().collect();
        assert!(
            seen.iter()
                .any(|&i| super::super::tests::is_cjk(chars[i - 1])
                    && super::super::tests::is_cjk(chars[i]))
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_not_overflowed() {
        let token = "x".repeat(100);
        let cut = break_lines(&token, 10.0, 100.0, &Fixed);
        assert!(cut.len() > 1);
        for line in &cut {
            assert!(text_width(line, 10.0, &Fixed) <= 100.0 + 0.01);
        }
        assert_eq!(cut.concat(), token);
    }
}
