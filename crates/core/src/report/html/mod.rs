//! The report model as one HTML page: the same [`Document`] blocks the PDF renderer draws — cover,
//! contents, numbered sections, key-value and data tables, rating badges, heat maps, findings,
//! sign-off, appendix of provisions, fingerprint — with the same text, in simple print CSS (A4, the
//! same margins and font sizes, running header with title and confidentiality mark, "page X of Y"
//! footer, contents page numbers through CSS paged-media counters).
//!
//! Uses: a report a reader opens in a browser or pastes into an e-mail, and the benchmark peer that
//! WeasyPrint turns into a PDF (`cargo xtask bench`). The font is the one the PDF embeds, WenQuanYi
//! Micro Hei, named by `@font-face` from the URL the caller gives (the app's bundled
//! `assets/fonts/` file), else by family name. Every text is escaped; nothing here reads a clock,
//! so the same model gives the same page.

use std::fmt::Write;

use crate::report::model::{
    Block, Cell, Document, FindingBlock, HeatMap, ProvisionsBlock, ReportLang, SignOffBlock, Table,
    Tone,
};
use crate::report::pdf::layout::{ACCENT, BLACK, GREY, HEADER_FILL, LABEL_FILL, RULE, Rgb};
use crate::report::pdf::layout::{tone_colour, tone_tint};
use crate::report::wording as wd;

mod css;
use css::css;
#[cfg(test)]
use css::page_counter;

/// How to write the page.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlOptions<'a> {
    /// Where the report font can be loaded from (e.g. a `file://` URL of
    /// `assets/fonts/WenQuanYiMicroHei.ttf`); `None` asks for the installed family by name.
    pub font_url: Option<&'a str>,
}

/// The report as a complete, self-contained HTML document.
pub fn render(doc: &Document, options: &HtmlOptions<'_>) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let lang = match doc.lang {
        ReportLang::En => "en",
        ReportLang::Zh | ReportLang::Bi => "zh-CN",
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<meta name=\"author\" content=\"{}\">\n\
         <meta name=\"description\" content=\"{}\">\n<style>\n{}</style>\n</head>\n<body>\n",
        esc(&doc.title),
        esc(&doc.author),
        esc(&doc.subject),
        css(doc, options)
    );
    cover(&mut out, doc);
    contents(&mut out, doc);
    out.push_str("<main>\n");
    let mut number = 0;
    for block in &doc.blocks {
        self::block(&mut out, block, &mut number);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Escapes text for HTML content and attribute values; line breaks become `<br>`.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// A CSS string literal.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn rgb(c: Rgb) -> String {
    let byte = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", byte(c.0), byte(c.1), byte(c.2))
}

fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Green => "green",
        Tone::Amber => "amber",
        Tone::Orange => "orange",
        Tone::Red => "red",
        Tone::Grey => "grey",
    }
}

fn cover(out: &mut String, doc: &Document) {
    let c = &doc.cover;
    let _ = writeln!(
        out,
        "<section class=\"cover\">\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>",
        esc(&c.title),
        esc(&c.subtitle)
    );
    key_value(out, &c.rows);
    let _ = writeln!(
        out,
        "<div class=\"mark\">{}</div>\n</section>",
        esc(&c.mark)
    );
}

fn contents(out: &mut String, doc: &Document) {
    let title = match doc.lang {
        ReportLang::Bi => format!("{} / {}", wd::CONTENTS.zh, wd::CONTENTS.en),
        ReportLang::Zh => wd::CONTENTS.zh.to_owned(),
        ReportLang::En => wd::CONTENTS.en.to_owned(),
    };
    let _ = writeln!(out, "<nav>\n<h1>{}</h1>", esc(&title));
    for (i, section) in doc.sections().iter().enumerate() {
        let _ = writeln!(
            out,
            "<a href=\"#s{n}\">{n}&nbsp;&nbsp;{}</a>",
            esc(section),
            n = i + 1
        );
    }
    out.push_str("</nav>\n");
}

fn block(out: &mut String, block: &Block, number: &mut usize) {
    match block {
        Block::Heading { level, text } => {
            if *level <= 1 {
                *number += 1;
                let _ = writeln!(
                    out,
                    "<h1 id=\"s{n}\">{n}&nbsp;&nbsp;{}</h1>",
                    esc(text),
                    n = *number
                );
            } else {
                let tag = if *level == 2 { "h2" } else { "h3" };
                let _ = writeln!(out, "<{tag}>{}</{tag}>", esc(text));
            }
        }
        Block::Paragraph { text, small } => {
            let class = if *small { " class=\"small\"" } else { "" };
            let _ = writeln!(out, "<p{class}>{}</p>", esc(text));
        }
        Block::KeyValue { rows } => key_value(out, rows),
        Block::Table(t) => table(out, t),
        Block::Badge { label, value, tone } => {
            let _ = writeln!(
                out,
                "<div class=\"badge\"><span class=\"label\">{}</span><span class=\"value tone-{}\">{}</span></div>",
                esc(label),
                tone_class(*tone),
                esc(value)
            );
        }
        Block::HeatMaps(maps) => heat_maps(out, maps),
        Block::Finding(f) => finding(out, f),
        Block::SignOff(s) => sign_off(out, s),
        Block::Provisions(p) => provisions(out, p),
        Block::Fingerprint {
            label,
            sha256,
            note,
        } => {
            let _ = writeln!(
                out,
                "<div class=\"fingerprint\"><p><b>{}</b></p><p class=\"sha\">{}</p><p class=\"small\">{}</p></div>",
                esc(label),
                esc(sha256),
                esc(note)
            );
        }
    }
}

fn key_value(out: &mut String, rows: &[(String, String)]) {
    out.push_str("<table class=\"kv\">\n");
    for (k, v) in rows {
        let _ = writeln!(out, "<tr><td>{}</td><td>{}</td></tr>", esc(k), esc(v));
    }
    out.push_str("</table>\n");
}

fn cell(out: &mut String, c: &Cell) {
    match c.tone {
        Some(tone) => {
            let _ = write!(
                out,
                "<td class=\"cell-{}\">{}</td>",
                tone_class(tone),
                esc(&c.text)
            );
        }
        None => {
            let _ = write!(out, "<td>{}</td>", esc(&c.text));
        }
    }
}

/// A data table: relative widths as percentages, the header in `<thead>` so it repeats on each page.
fn table(out: &mut String, t: &Table) {
    let total: f32 = t.widths.iter().filter(|w| **w > 0.0).sum();
    out.push_str("<table>\n<colgroup>");
    for w in &t.widths {
        let pct = if total > 0.0 {
            w.max(0.0) / total * 100.0
        } else {
            0.0
        };
        let _ = write!(out, "<col style=\"width: {pct:.1}%\">");
    }
    out.push_str("</colgroup>\n<thead><tr>");
    for h in &t.header {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for c in row {
            cell(out, c);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn heat_maps(out: &mut String, maps: &[HeatMap]) {
    out.push_str("<div class=\"maps\">\n");
    for map in maps {
        let _ = write!(
            out,
            "<div class=\"map\"><div class=\"title\">{}</div><table>",
            esc(&map.title)
        );
        for impact in (1..=4usize).rev() {
            let _ = write!(out, "<tr><td class=\"axis\">{impact}</td>");
            for like in 1..=4usize {
                let tone = map.levels[impact - 1][like - 1];
                let count = map.counts[impact - 1][like - 1];
                let text = if count > 0 {
                    count.to_string()
                } else {
                    String::new()
                };
                let _ = write!(out, "<td class=\"tint-{}\">{text}</td>", tone_class(tone));
            }
            if impact == 4 {
                let _ = write!(out, "<td class=\"axis\">{}</td>", esc(&map.y_label));
            }
            out.push_str("</tr>");
        }
        out.push_str("<tr><td class=\"axis\"></td>");
        for like in 1..=4usize {
            let _ = write!(out, "<td class=\"axis\">{like}</td>");
        }
        let _ = writeln!(
            out,
            "</tr></table><div class=\"axis-label\">{} →</div></div>",
            esc(&map.x_label)
        );
    }
    out.push_str("</div>\n");
}

/// A label followed by a colon: the full-width `：` after Chinese, `:` after anything else.
fn with_colon(label: &str) -> String {
    let cjk = label.chars().last().is_some_and(
        |c| matches!(u32::from(c), 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF),
    );
    if cjk {
        format!("{label}：")
    } else {
        format!("{label}:")
    }
}

fn finding(out: &mut String, f: &FindingBlock) {
    let class = tone_class(f.tone);
    let _ = writeln!(
        out,
        "<div class=\"finding tone-{class}\">\n<p><span class=\"severity tone-{class}\">{}</span>\
         <span class=\"title\">{}</span></p>\n<p>{}</p>\n<p>{} {}</p>",
        esc(&f.severity),
        esc(&f.title),
        esc(&f.explanation),
        esc(&with_colon(&f.recommendation_label)),
        esc(&f.recommendation)
    );
    if !f.citations.is_empty() {
        let _ = write!(
            out,
            "<div class=\"cites\"><b>{}</b><ul>",
            esc(&with_colon(&f.citations_label))
        );
        for c in &f.citations {
            let _ = write!(out, "<li>{}</li>", esc(c));
        }
        out.push_str("</ul></div>\n");
    }
    out.push_str("</div>\n");
}

fn sign_off(out: &mut String, s: &SignOffBlock) {
    for entry in &s.entries {
        key_value(out, entry);
    }
    if let Some(note) = &s.empty_note {
        let _ = writeln!(out, "<p>{}</p>", esc(note));
    }
    for label in &s.signature_labels {
        let _ = writeln!(
            out,
            "<div class=\"signature\"><span>{}</span><i></i></div>",
            esc(&with_colon(label))
        );
    }
}

fn provisions(out: &mut String, p: &ProvisionsBlock) {
    let rows = p.rows();
    table(
        out,
        &Table {
            header: p.header.clone(),
            widths: vec![1.5, 2.8, 2.1, 3.6],
            rows,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{Cover, ProvisionEntry, ReportKind};

    fn doc(lang: ReportLang, blocks: Vec<Block>) -> Document {
        Document {
            kind: ReportKind::Pia,
            lang,
            title: "会员计划 PIA \"Loyalty\"".into(),
            subject: "PIA".into(),
            author: "Lin Xiao".into(),
            confidentiality: "保密 Confidential".into(),
            draft: None,
            date: "2025-07-20".into(),
            cover: Cover {
                title: "个人信息保护影响评估报告".into(),
                subtitle: "Loyalty <programme>".into(),
                rows: vec![("客户".into(), "华东商贸 & Co".into())],
                mark: "保密".into(),
            },
            blocks,
        }
    }

    #[test]
    fn text_and_tables_of_every_block_are_present_and_escaped() {
        let d = doc(
            ReportLang::Bi,
            vec![
                Block::Heading {
                    level: 1,
                    text: "概述\nSummary".into(),
                },
                Block::Paragraph {
                    text: "用户同意 <b>not bold</b>".into(),
                    small: false,
                },
                Block::Table(Table {
                    header: vec!["渠道".into(), "评级".into()],
                    widths: vec![1.0, 3.0],
                    rows: vec![vec![
                        Cell::plain("EC"),
                        Cell::toned("高风险 high risk", Tone::Red),
                    ]],
                }),
                Block::Badge {
                    label: "总体评级".into(),
                    value: "有条件 conditional".into(),
                    tone: Tone::Amber,
                },
                Block::Finding(FindingBlock {
                    severity: "高 High".into(),
                    tone: Tone::Orange,
                    title: "无合法性基础".into(),
                    explanation: "没有依据。".into(),
                    recommendation_label: "建议".into(),
                    recommendation: "停止营销。".into(),
                    citations_label: "依据".into(),
                    citations: vec!["《个人信息保护法》第十三条".into()],
                }),
                Block::Provisions(ProvisionsBlock {
                    header: vec!["键".into(), "条款".into(), "标题".into(), "要点".into()],
                    entries: vec![ProvisionEntry {
                        key: "PIPL-13-1".into(),
                        citation: "PIPL Art. 13(1)".into(),
                        title: "Consent".into(),
                        gist: "Consent is a basis".into(),
                        verify: Some("[verify] check".into()),
                    }],
                }),
                Block::Fingerprint {
                    label: "指纹".into(),
                    sha256: "ab".repeat(32),
                    note: "SHA-256".into(),
                },
            ],
        );
        let html = render(
            &d,
            &HtmlOptions {
                font_url: Some("file:///fonts/WenQuanYiMicroHei.ttf"),
            },
        );
        for needle in [
            "<h1 id=\"s1\">1&nbsp;&nbsp;概述<br>Summary</h1>",
            "用户同意 &lt;b&gt;not bold&lt;/b&gt;",
            "<th>渠道</th><th>评级</th>",
            "<td>EC</td><td class=\"cell-red\">高风险 high risk</td>",
            "<col style=\"width: 25.0%\">",
            "<span class=\"value tone-amber\">有条件 conditional</span>",
            "无合法性基础",
            "建议： 停止营销。",
            "<li>《个人信息保护法》第十三条</li>",
            "<td>PIPL-13-1</td>",
            "Consent<br>[verify] check",
            &"ab".repeat(32),
            "华东商贸 &amp; Co",
            "Loyalty &lt;programme&gt;",
            "<a href=\"#s1\">1&nbsp;&nbsp;概述<br>Summary</a>",
            "src: url(\"file:///fonts/WenQuanYiMicroHei.ttf\")",
            "content: \"会员计划 PIA \\\"Loyalty\\\"\"",
            "目录 / Contents",
        ] {
            assert!(html.contains(needle), "missing {needle}");
        }
        assert!(!html.contains("<b>not bold</b>"));
    }

    #[test]
    fn the_footer_counts_pages_in_the_report_language() {
        assert_eq!(
            page_counter(ReportLang::En),
            "\"Page \" counter(page) \" of \" counter(pages)"
        );
        let bi = page_counter(ReportLang::Bi);
        assert!(bi.starts_with("\"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\""));
        assert!(bi.ends_with("\"Page \" counter(page) \" of \" counter(pages)"));
    }

    #[test]
    fn a_built_report_renders_every_section_heading() {
        let d = doc(
            ReportLang::En,
            vec![
                Block::Heading {
                    level: 1,
                    text: "Summary".into(),
                },
                Block::Heading {
                    level: 1,
                    text: "Risks".into(),
                },
                Block::Heading {
                    level: 2,
                    text: "Detail".into(),
                },
            ],
        );
        let html = render(&d, &HtmlOptions::default());
        assert!(html.contains("<h1 id=\"s2\">2&nbsp;&nbsp;Risks</h1>"));
        assert!(html.contains("<h2>Detail</h2>"));
        assert!(html.contains("<html lang=\"en\">"));
        assert!(!html.contains("@font-face"));
    }
}
