//! The short stretch of matched text a hit shows: cut at word boundaries (UAX #29), blanks
//! collapsed, `…` where it was cut, and where the match lies in it.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// What separates the texts of one indexed document that a snippet must not run across (a
/// finding's title, explanation and recommendation, each in each language).
pub(crate) const PARAGRAPH: &str = "\n\n";

/// Characters of context before the match, and at most in all (a boundary may add a few).
const BEFORE: usize = 24;
const CHARS: usize = 80;

/// A snippet and the byte range of the match in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// The matched term, as it is written in `text`.
    pub mark: Option<Range<usize>>,
}

impl Snippet {
    /// The text before the match, the match, and the text after it.
    pub fn parts(&self) -> (&str, &str, &str) {
        match &self.mark {
            Some(r) if self.text.get(r.clone()).is_some() => (
                &self.text[..r.start],
                &self.text[r.clone()],
                &self.text[r.end..],
            ),
            _ => (self.text.as_str(), "", ""),
        }
    }
}

/// The snippet of `text` around the first match of any term; `folded` is `text` folded one
/// character per character (so positions agree).
pub(super) fn snippet(text: &str, folded: &[char], terms: &[Vec<char>]) -> Snippet {
    let found = terms
        .iter()
        .filter_map(|t| super::find(folded, t).map(|at| (at, t.len())))
        .min();
    let (at, len) = found.unwrap_or((0, 0));
    // Character index → byte offset, one past the end included.
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let byte = |char_index: usize| offsets[char_index.min(offsets.len() - 1)];
    let end_of_text = text.trim_end().len();
    let (hit_start, hit_end) = (byte(at), byte(at + len).min(end_of_text.max(byte(at))));
    let bounds: Vec<usize> = text
        .split_word_bound_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    // The paragraph holding the match bounds the snippet.
    let para_start = text[..hit_start]
        .rfind(PARAGRAPH)
        .map_or(0, |i| i + PARAGRAPH.len());
    let para_end = text[hit_end..]
        .find(PARAGRAPH)
        .map_or(text.len(), |i| hit_end + i);
    let end_of_text = end_of_text.min(para_end).max(hit_end);
    // The first boundary at most BEFORE characters before the match, and the last within CHARS.
    let earliest = byte(at.saturating_sub(BEFORE)).max(para_start);
    let start = bounds
        .iter()
        .copied()
        .find(|&b| b >= earliest && b <= hit_start)
        .unwrap_or(hit_start);
    let latest = byte(text[..start].chars().count() + CHARS).min(end_of_text);
    let end = bounds
        .iter()
        .copied()
        .rev()
        .find(|&b| b <= latest && b >= hit_end)
        .unwrap_or(hit_end.max(start))
        .min(end_of_text.max(start));

    let mut out = String::new();
    let mut mark_start = None;
    let mut mark_end = None;
    if text[para_start..start].trim() != "" {
        out.push('…');
    }
    let mut blank = false;
    for (i, c) in text[start..end].char_indices() {
        let i = start + i;
        if found.is_some() && i == hit_start {
            mark_start = Some(out.len());
        }
        if found.is_some() && i == hit_end {
            mark_end = Some(out.len());
        }
        if c.is_whitespace() {
            if !blank && !out.is_empty() && out != "…" {
                out.push(' ');
            }
            blank = true;
        } else {
            out.push(c);
            blank = false;
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if found.is_some() && mark_end.is_none() {
        mark_end = Some(out.len());
    }
    if text[end..end_of_text].trim() != "" {
        out.push('…');
    }
    let mark = match (mark_start, mark_end) {
        (Some(s), Some(e)) if s < e => Some(s..e),
        _ => None,
    };
    Snippet { text: out, mark }
}

#[cfg(test)]
mod tests {
    use super::super::fold;
    use super::*;

    fn cut(text: &str, term: &str) -> Snippet {
        snippet(text, &fold(text), &[fold(term)])
    }

    #[test]
    fn a_snippet_is_cut_between_words_and_marks_the_match() {
        let text = "The controller bought a marketing list from a broker and relied on the \
                    broker's statement that every person had given consent to be called, \
                    without any record of that consent or of when it was given.  ";
        let s = cut(text, "CONSENT");
        let (before, hit, after) = s.parts();
        assert_eq!(hit, "consent");
        assert!(before.starts_with('…') && after.ends_with('…'), "{s:?}");
        // Every cut falls between words: the first and last words are whole words of the text.
        let first = before
            .trim_start_matches('…')
            .split(' ')
            .next()
            .unwrap_or_default();
        let last = after
            .trim_end_matches('…')
            .rsplit(' ')
            .next()
            .unwrap_or_default();
        for word in [first, last] {
            assert!(
                text.split(|c: char| c.is_whitespace() || c == ',' || c == '.')
                    .any(|w| w == word),
                "{word:?} is not a whole word: {s:?}"
            );
        }
    }

    #[test]
    fn chinese_snippets_centre_on_the_match() {
        let text = format!("{}同意书{}  ", "甲".repeat(40), "乙".repeat(100));
        let s = cut(&text, "同意");
        let (before, hit, after) = s.parts();
        assert_eq!(hit, "同意");
        assert!(before.starts_with('…') && before.ends_with('甲'), "{s:?}");
        assert!(after.starts_with("书乙") && after.ends_with('…'), "{s:?}");
        assert!(s.text.chars().count() <= CHARS + 2, "{s:?}");
    }

    #[test]
    fn a_snippet_stays_inside_the_paragraph_of_its_match() {
        let text = format!(
            "购买名单未经同意{PARAGRAPH}List bought without consent{PARAGRAPH}须取得同意  "
        );
        assert_eq!(cut(&text, "consent").text, "List bought without consent");
        assert_eq!(cut(&text, "须取得").text, "须取得同意");
    }

    #[test]
    fn a_short_text_is_shown_whole_with_blanks_collapsed() {
        let s = cut("Marketing  consent\nform  ", "consent");
        assert_eq!(s.text, "Marketing consent form");
        assert_eq!(s.parts(), ("Marketing ", "consent", " form"));
    }
}
