//! Text as the CNIL tool writes it and as DPO Desk keeps it: the tool's rich-text fields are
//! editor HTML, DPO Desk's answers are plain text. `html_to_text` and `text_to_html` are written
//! as a pair, so a DPO Desk text survives text → HTML → text unchanged (single spaces and line
//! breaks; whitespace at line ends is not kept). `repair_mojibake` undoes the double UTF-8
//! encoding some releases of the tool wrote.

/// Editor HTML → plain text: paragraphs become blank lines, `<br>` a line break, list items
/// lines starting with "- " (indented two spaces per level of nesting), table cells apart and a
/// row per line; tags, scripts and styles are dropped, entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut depth = 0usize;
    while let Some(start) = rest.find('<') {
        push_text(&mut out, &rest[..start]);
        let tag_text = &rest[start..];
        if let Some(body) = tag_text.strip_prefix("<!--") {
            rest = body.find("-->").map_or("", |end| &body[end + 3..]);
            continue;
        }
        let Some(end) = tag_end(tag_text) else {
            // A lone '<' is text, as a browser reads it.
            push_text(&mut out, tag_text);
            rest = "";
            break;
        };
        let tag = &tag_text[1..end];
        rest = &tag_text[end + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "script" | "style" if !closing => {
                let close = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                rest = lower
                    .find(&close)
                    .and_then(|at| rest[at..].find('>').map(|gt| &rest[at + gt + 1..]))
                    .unwrap_or("");
            }
            "br" => out.push('\n'),
            "li" if !closing => {
                out.push('\n');
                out.push_str(&"  ".repeat(depth.saturating_sub(1)));
                out.push_str("- ");
            }
            "ul" | "ol" => {
                depth = if closing {
                    depth.saturating_sub(1)
                } else {
                    depth + 1
                };
                // The outermost list is a block; a nested one goes on with its item's lines.
                if depth == usize::from(!closing) {
                    out.push_str("\n\n");
                }
            }
            "td" | "th" if closing => out.push(' '),
            "tr" if !closing => out.push('\n'),
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre"
            | "table" => out.push_str("\n\n"),
            _ => {}
        }
    }
    push_text(&mut out, rest);
    tidy(&out)
}

/// Where a tag that starts `text` ends: the first `>` outside a quoted attribute value.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, _) => {}
        }
    }
    None
}

/// Appends HTML character data: runs of HTML whitespace read as one space, then entities are
/// decoded (so `&nbsp;` and `&#9;` survive as a space and a tab).
fn push_text(out: &mut String, raw: &str) {
    if raw.is_empty() {
        return;
    }
    let mut collapsed = String::with_capacity(raw.len());
    let mut in_space = false;
    for c in raw.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
            if !in_space {
                collapsed.push(' ');
            }
            in_space = true;
        } else {
            collapsed.push(c);
            in_space = false;
        }
    }
    let decoded = html_escape::decode_html_entities(&collapsed);
    out.extend(decoded.chars().map(|c| if c == '\u{a0}' { ' ' } else { c }));
}

/// Trims each line's ends and the whole text, and keeps at most one blank line in a row.
fn tidy(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        let line = line.trim_end_matches(' ');
        let start = line.trim_start_matches(' ');
        // A nested list item keeps its indent; any other line starts at the margin.
        let line = if start.starts_with("- ") { line } else { start };
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// Plain text → editor HTML: one `<p>` per paragraph (blank-line separated), `<br>` for single
/// line breaks, special characters escaped, repeated spaces and tabs kept as entities.
pub fn text_to_html(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut html = String::new();
    for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        html.push_str("<p>");
        for (i, line) in paragraph.split('\n').enumerate() {
            if i > 0 {
                html.push_str("<br>");
            }
            let mut previous_space = true;
            for c in line.chars() {
                match c {
                    ' ' if previous_space => html.push_str("&nbsp;"),
                    '\t' => html.push_str("&#9;"),
                    c => html.push_str(&html_escape::encode_text(&c.to_string())),
                }
                previous_space = c == ' ';
            }
        }
        html.push_str("</p>");
    }
    html
}

/// Windows-1252's characters in 0x80–0x9F, by byte: what a double-encoded text shows for them.
const CP1252_HIGH: [(u8, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];

/// Undoes a double UTF-8 encoding ("é" written as "Ã©"): each character is taken back to the
/// byte it stood for (Latin-1, or Windows-1252 for the characters it adds) and the bytes decoded
/// as UTF-8. Returns `None` when the text is not such a text — it has a character no single byte
/// stands for, the bytes are not UTF-8, or nothing would change — so correct text is never
/// touched.
pub fn repair_mojibake(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        let code = u32::from(c);
        if code <= 0xFF {
            bytes.push(code as u8);
        } else {
            let (byte, _) = CP1252_HIGH.iter().find(|(_, ch)| *ch == c)?;
            bytes.push(*byte);
        }
    }
    let repaired = String::from_utf8(bytes).ok()?;
    (repaired != text).then_some(repaired)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_html_reads_as_paragraphs_lines_and_list_items() {
        let html = "<p>Monthly&nbsp;e-mail <strong>newsletter</strong> &amp; offers.</p>\
                    <div>Second<br />line</div><ul><li>one</li><li>two</li></ul>\
                    <script>alert(1)</script><!-- note --><p>d&eacute;j&agrave; &#x4E2D;&#25991;</p>";
        assert_eq!(
            html_to_text(html),
            "Monthly e-mail newsletter & offers.\n\nSecond\nline\n\n- one\n- two\n\ndéjà 中文"
        );
    }

    #[test]
    fn tables_nested_lists_and_quoted_brackets_read_right() {
        assert_eq!(
            html_to_text(
                "<table><tr><th>Nom</th><th>Durée</th></tr><tr><td>Images</td><td>15 j</td></tr></table>"
            ),
            "Nom Durée\nImages 15 j"
        );
        assert_eq!(
            html_to_text(
                "<ul><li>one<ul><li>one.a</li><li>one.b<ol><li>deep</li></ol></li></ul></li><li>two</li></ul><p>after</p>"
            ),
            "- one\n  - one.a\n  - one.b\n    - deep\n- two\n\nafter"
        );
        assert_eq!(
            html_to_text(r#"<p title="a > b" data-x='c>d'>text</p><a href="x>y">link</a>"#),
            "text\n\nlink"
        );
    }

    #[test]
    fn plain_text_survives_html_and_back() {
        for text in [
            "One line",
            "Two\nlines",
            "Para one.\n\nPara two with <tags> & \"quotes\"",
            "Spaces  kept\tand tabs",
            "中文段落，含标点。\n\n第二段",
            "- a list\n- of items",
        ] {
            assert_eq!(html_to_text(&text_to_html(text)), text, "{text:?}");
        }
        assert_eq!(text_to_html(""), "");
    }

    #[test]
    fn double_encoded_utf8_is_repaired_and_correct_text_left_alone() {
        assert_eq!(repair_mojibake("DonnÃ©es"), Some("Données".to_owned()));
        assert_eq!(
            repair_mojibake("lâ€™accÃ¨s"),
            Some("l’accès".to_owned()),
            "Windows-1252 punctuation"
        );
        assert_eq!(repair_mojibake("Données"), None, "é alone is not UTF-8");
        assert_eq!(repair_mojibake("plain"), None);
        assert_eq!(repair_mojibake("数据"), None);
        assert_eq!(repair_mojibake("Ã"), None, "a lone lead byte is not UTF-8");
    }
}
