//! The report's style sheet: page size and margins, the running header and footer with the page
//! counter in the report's language, the fonts, and a class per tone in the PDF's colours.

use super::*;

/// The report font first (by `@font-face` when a URL is given), then the same face installed.
const FAMILY: &str = "\"DPO Desk Report\", \"WenQuanYi Micro Hei\", sans-serif";

const TONES: [Tone; 5] = [
    Tone::Green,
    Tone::Amber,
    Tone::Orange,
    Tone::Red,
    Tone::Grey,
];

/// "Page X of Y" as CSS `content`, from the same wording the PDF footer uses.
pub(super) fn page_counter(lang: ReportLang) -> String {
    let one = |pattern: &str| {
        let mut parts = Vec::new();
        let mut rest = pattern;
        while let Some(at) = rest.find('{') {
            let (head, tail) = rest.split_at(at);
            if !head.is_empty() {
                parts.push(css_string(head));
            }
            let (counter, len) = if tail.starts_with("{x}") {
                ("counter(page)", 3)
            } else if tail.starts_with("{y}") {
                ("counter(pages)", 3)
            } else {
                ("\"{\"", 1)
            };
            parts.push(counter.to_owned());
            rest = &tail[len..];
        }
        if !rest.is_empty() {
            parts.push(css_string(rest));
        }
        parts.join(" ")
    };
    match lang {
        ReportLang::Zh => one(wd::PAGE_OF.zh),
        ReportLang::En => one(wd::PAGE_OF.en),
        ReportLang::Bi => format!("{} \" · \" {}", one(wd::PAGE_OF.zh), one(wd::PAGE_OF.en)),
    }
}

pub(super) fn css(doc: &Document, options: &HtmlOptions<'_>) -> String {
    let mut css = String::new();
    if let Some(url) = options.font_url {
        let _ = writeln!(
            css,
            "@font-face {{ font-family: \"DPO Desk Report\"; src: url({}); }}",
            css_string(url)
        );
    }
    let _ = write!(
        css,
        "@page {{ size: A4; margin: 25mm 20mm; font-family: {family};\n\
         \x20 @top-left {{ content: {title}; font-size: 8pt; color: {grey}; }}\n\
         \x20 @top-right {{ content: {mark}; font-size: 8pt; font-weight: bold; color: {red}; }}\n\
         \x20 @top-center {{ content: {draft}; font-size: 12pt; font-weight: bold; color: {red}; }}\n\
         \x20 @bottom-center {{ content: {pages}; font-size: 8pt; color: {grey}; }} }}\n\
         @page :first {{ @top-left {{ content: none; }} @top-right {{ content: none; }} }}\n\
         body {{ font-family: {family}; \
         font-size: 9.5pt; line-height: 1.45; color: {black}; margin: 0; }}\n\
         .cover {{ padding-top: 120pt; page-break-after: always; }}\n\
         .cover h1 {{ font-size: 22pt; color: {accent}; margin: 0 0 10pt; }}\n\
         .cover .subtitle {{ font-size: 14pt; margin: 0 0 24pt; }}\n\
         .mark {{ display: inline-block; border: 0.5pt solid {red}; color: {red}; \
         font-weight: bold; font-size: 10pt; padding: 3pt 8pt; margin-top: 20pt; }}\n\
         nav {{ page-break-after: always; }}\n\
         nav a {{ display: block; color: {black}; text-decoration: none; line-height: 1.9; }}\n\
         nav a::after {{ content: leader(\" \") target-counter(attr(href), page); }}\n\
         h1 {{ font-size: 14pt; color: {accent}; border-bottom: 0.8pt solid {accent}; \
         margin: 14pt 0 6pt; page-break-after: avoid; }}\n\
         h2 {{ font-size: 11pt; margin: 8pt 0 2pt; page-break-after: avoid; }}\n\
         h3 {{ font-size: 10pt; color: {grey}; margin: 4pt 0 2pt; page-break-after: avoid; }}\n\
         p {{ margin: 0 0 4pt; }}\n\
         p.small {{ font-size: 8pt; color: {grey}; }}\n\
         table {{ width: 100%; border-collapse: collapse; margin: 0 0 8pt; font-size: 8.5pt; }}\n\
         th, td {{ border: 0.5pt solid {rule}; padding: 3.5pt; text-align: left; vertical-align: top; }}\n\
         th {{ background: {header}; }}\n\
         table.kv td:first-child {{ background: {label}; width: 40%; font-weight: bold; }}\n\
         tr {{ page-break-inside: avoid; }}\n\
         .badge {{ margin: 2pt 0 4pt; font-weight: bold; font-size: 10pt; }}\n\
         .badge .label {{ display: inline-block; min-width: 200pt; }}\n\
         .badge .value {{ color: white; padding: 3pt 8pt; }}\n\
         .maps {{ display: flex; gap: 60pt; margin: 4pt 0 8pt; page-break-inside: avoid; }}\n\
         .map table {{ width: auto; }}\n\
         .map td {{ width: 26pt; height: 26pt; text-align: center; vertical-align: middle; \
         border: 0.5pt solid white; font-size: 11pt; font-weight: bold; padding: 0; }}\n\
         .map td.axis, .map .axis-label {{ border: none; font-size: 8pt; font-weight: normal; color: {grey}; }}\n\
         .map .title {{ font-weight: bold; font-size: 10pt; }}\n\
         .finding {{ border-left: 3pt solid; padding-left: 5pt; margin: 4pt 0 8pt; }}\n\
         .finding .severity {{ color: white; font-size: 8pt; font-weight: bold; padding: 1pt 4pt; margin-right: 6pt; }}\n\
         .finding .title {{ font-weight: bold; font-size: 10pt; }}\n\
         .finding .cites {{ font-size: 8pt; color: {grey}; }}\n\
         .finding .cites ul {{ margin: 0; padding-left: 10pt; list-style: none; }}\n\
         .signature {{ margin: 22pt 0 6pt; }}\n\
         .signature span {{ display: inline-block; width: 90pt; }}\n\
         .signature i {{ display: inline-block; width: 210pt; border-bottom: 0.5pt solid {black}; }}\n\
         .fingerprint {{ page-break-inside: avoid; margin-top: 8pt; }}\n\
         .fingerprint .sha {{ color: {accent}; word-break: break-all; }}\n",
        family = FAMILY,
        title = css_string(&doc.title),
        mark = css_string(&doc.confidentiality),
        // The DRAFT mark on every page, the first included (`:first` does not clear it).
        draft = doc
            .draft
            .as_deref()
            .map_or_else(|| "none".to_owned(), css_string),
        pages = page_counter(doc.lang),
        grey = rgb(GREY),
        black = rgb(BLACK),
        accent = rgb(ACCENT),
        red = rgb(tone_colour(Tone::Red)),
        rule = rgb(RULE),
        header = rgb(HEADER_FILL),
        label = rgb(LABEL_FILL),
    );
    for tone in TONES {
        let class = tone_class(tone);
        let strong = rgb(tone_colour(tone));
        let _ = writeln!(
            css,
            ".tone-{class} {{ background: {strong}; }} .finding.tone-{class} {{ background: none; border-color: {strong}; }} \
             td.tint-{class} {{ background: {}; }} td.cell-{class} {{ color: {strong}; font-weight: bold; }}",
            rgb(tone_tint(tone))
        );
    }
    css
}
