//! Line breaking: Latin breaks at spaces (a token longer than the line is cut, never overflowed);
//! Chinese breaks between characters, but a line never starts with closing punctuation and never
//! ends with an opening bracket.

use super::*;

pub(super) fn is_cjk(ch: char) -> bool {
    matches!(ch as u32,
        0x1100..=0x11FF | 0x2E80..=0x2FFF | 0x3000..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF)
}

/// Punctuation that must not start a line.
pub fn is_closing(ch: char) -> bool {
    "，。、）」』】》〉〕］｝：；！？．,.;:!?)]}%”’…·％".contains(ch)
}

/// Brackets that must not end a line.
pub fn is_opening(ch: char) -> bool {
    "（「『【《〈〔［｛([{“‘".contains(ch)
}

pub fn text_width(text: &str, size: f32, m: &dyn Metrics) -> f32 {
    text.chars().map(|c| m.advance(c, size)).sum()
}

pub(super) struct Atom {
    text: String,
    space_before: bool,
}

/// Unbreakable pieces of one hard line, with whether a space preceded each.
pub(super) fn atoms(text: &str) -> Vec<Atom> {
    let mut out: Vec<Atom> = Vec::new();
    let mut cur = String::new();
    let mut cur_space = false;
    let mut space_pending = false;
    for ch in text.chars() {
        if ch.is_whitespace() {
            if !cur.is_empty() {
                out.push(Atom {
                    text: std::mem::take(&mut cur),
                    space_before: cur_space,
                });
            }
            space_pending = true;
            continue;
        }
        let last = cur.chars().last();
        let glued = last.is_some_and(is_opening) || is_closing(ch);
        let breakable = !cur.is_empty() && !glued && (is_cjk(ch) || last.is_some_and(is_cjk));
        if breakable {
            out.push(Atom {
                text: std::mem::take(&mut cur),
                space_before: cur_space,
            });
        }
        if cur.is_empty() {
            cur_space = space_pending;
            space_pending = false;
        }
        cur.push(ch);
    }
    if !cur.is_empty() {
        out.push(Atom {
            text: cur,
            space_before: cur_space,
        });
    }
    out
}

/// Cuts a token wider than `max` into pieces that fit, keeping closing punctuation off a piece's
/// start where it can.
pub(super) fn cut(token: &str, size: f32, max: f32, m: &dyn Metrics) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut w = 0.0;
    for ch in token.chars() {
        let cw = m.advance(ch, size);
        if !cur.is_empty() && w + cw > max {
            let mut carry = String::new();
            if is_closing(ch)
                && cur.chars().count() > 1
                && let Some(last) = cur.pop()
            {
                carry.push(last);
            }
            pieces.push(std::mem::take(&mut cur));
            cur = carry;
            w = text_width(&cur, size, m);
        }
        cur.push(ch);
        w += cw;
    }
    if !cur.is_empty() {
        pieces.push(cur);
    }
    pieces
}

/// Breaks `text` into lines no wider than `max` (hard breaks at `\n`).
pub fn break_lines(text: &str, size: f32, max: f32, m: &dyn Metrics) -> Vec<String> {
    let space = m.advance(' ', size);
    let mut lines = Vec::new();
    for hard in text.split('\n') {
        let mut line = String::new();
        let mut w = 0.0;
        for atom in atoms(hard) {
            let aw = text_width(&atom.text, size, m);
            let sw = if atom.space_before && !line.is_empty() {
                space
            } else {
                0.0
            };
            if !line.is_empty() && w + sw + aw > max {
                lines.push(std::mem::take(&mut line));
                w = 0.0;
            }
            if line.is_empty() && aw > max {
                let mut pieces = cut(&atom.text, size, max, m);
                let last = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
                w = text_width(&last, size, m);
                line = last;
                continue;
            }
            if !line.is_empty() && atom.space_before {
                line.push(' ');
                w += space;
            }
            line.push_str(&atom.text);
            w += aw;
        }
        lines.push(line);
    }
    lines
}
