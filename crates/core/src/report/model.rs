//! The report as plain blocks: what a report says, in the reader's language(s), before anything is
//! drawn. Builders (`memo`, `vendor`, `pia`) produce a [`Document`]; `pdf` lays it out and draws it.
//! Strings here are already resolved for the report language: in a bilingual report a block holds
//! the Chinese line first, then the English one, separated by a line break.

use crate::i18n::Text;
use crate::report::wording::W;

/// The language(s) a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportLang {
    Zh,
    En,
    /// Each block in both languages, Chinese first.
    Bi,
}

impl ReportLang {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportLang::Zh => "zh",
            ReportLang::En => "en",
            ReportLang::Bi => "bi",
        }
    }

    pub fn parse(text: &str) -> Option<ReportLang> {
        [ReportLang::Zh, ReportLang::En, ReportLang::Bi]
            .into_iter()
            .find(|l| l.as_str() == text)
    }

    /// A block of text: one language, or Chinese then English on separate lines.
    pub fn block(self, text: &impl Bilingual) -> String {
        match self {
            ReportLang::Zh => text.zh().to_owned(),
            ReportLang::En => text.en().to_owned(),
            ReportLang::Bi if text.zh() == text.en() => text.zh().to_owned(),
            ReportLang::Bi => format!("{}\n{}", text.zh(), text.en()),
        }
    }

    /// A short label: one language, or "中文 / English" on one line.
    pub fn inline(self, text: &impl Bilingual) -> String {
        match self {
            ReportLang::Zh => text.zh().to_owned(),
            ReportLang::En => text.en().to_owned(),
            ReportLang::Bi if text.zh() == text.en() => text.zh().to_owned(),
            ReportLang::Bi => format!("{} / {}", text.zh(), text.en()),
        }
    }

    /// A phrase with `{name}` placeholders filled in, as a block.
    pub fn fill(self, text: &impl Bilingual, values: &[(&str, &str)]) -> String {
        let fill = |s: &str| {
            values.iter().fold(s.to_owned(), |acc, (k, v)| {
                acc.replace(&format!("{{{k}}}"), v)
            })
        };
        self.block(&Text::new(fill(text.zh()), fill(text.en())))
    }
}

/// Anything with a Chinese and an English form.
pub trait Bilingual {
    fn zh(&self) -> &str;
    fn en(&self) -> &str;
}

impl Bilingual for Text {
    fn zh(&self) -> &str {
        &self.zh
    }
    fn en(&self) -> &str {
        &self.en
    }
}

impl Bilingual for W {
    fn zh(&self) -> &str {
        self.zh
    }
    fn en(&self) -> &str {
        self.en
    }
}

/// Which report this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    Memo,
    Vendor,
    Pia,
    Transfer,
}

impl ReportKind {
    /// As stored in the vault's `reports.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Memo => "memo",
            ReportKind::Vendor => "vendor",
            ReportKind::Pia => "pia",
            ReportKind::Transfer => "transfer",
        }
    }
}

/// The colour family of a badge, a table cell or a heat-map cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    Green,
    Amber,
    Orange,
    Red,
    Grey,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub kind: ReportKind,
    pub lang: ReportLang,
    /// One line: header, PDF title metadata.
    pub title: String,
    pub subject: String,
    pub author: String,
    /// The confidentiality mark, one line.
    pub confidentiality: String,
    /// The DRAFT mark printed on every page, cover included, while the work is unsigned or a
    /// decisive point is open; `None` for a final report.
    pub draft: Option<String>,
    /// `YYYY-MM-DD`: the report date (also the PDF creation date).
    pub date: String,
    pub cover: Cover,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub title: String,
    pub subtitle: String,
    pub rows: Vec<(String, String)>,
    pub mark: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 headings are sections: numbered, in the table of contents and the bookmarks.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
        small: bool,
    },
    KeyValue {
        rows: Vec<(String, String)>,
    },
    Table(Table),
    Badge {
        label: String,
        value: String,
        tone: Tone,
    },
    HeatMaps(Vec<HeatMap>),
    Finding(FindingBlock),
    SignOff(SignOffBlock),
    Provisions(ProvisionsBlock),
    Fingerprint {
        label: String,
        sha256: String,
        note: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    /// Relative column widths (any positive numbers).
    pub widths: Vec<f32>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub tone: Option<Tone>,
}

impl Cell {
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            tone: None,
        }
    }

    pub fn toned(text: impl Into<String>, tone: Tone) -> Cell {
        Cell {
            text: text.into(),
            tone: Some(tone),
        }
    }
}

/// A 4×4 grid: `levels[impact-1][likelihood-1]` colours, `counts` the risks in each cell.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatMap {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub levels: [[Tone; 4]; 4],
    pub counts: [[u32; 4]; 4],
}

#[derive(Debug, Clone, PartialEq)]
pub struct FindingBlock {
    pub severity: String,
    pub tone: Tone,
    pub title: String,
    pub explanation: String,
    pub recommendation_label: String,
    pub recommendation: String,
    pub citations_label: String,
    /// As lawyers write them: 《个人信息保护法》第二十一条 / PIPL Art. 21.
    pub citations: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SignOffBlock {
    /// One key-value list per recorded sign-off.
    pub entries: Vec<Vec<(String, String)>>,
    /// Shown when there is no sign-off yet.
    pub empty_note: Option<String>,
    /// Blank lines to sign on paper: "Signature", "Date".
    pub signature_labels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProvisionsBlock {
    pub header: Vec<String>,
    pub entries: Vec<ProvisionEntry>,
}

impl ProvisionsBlock {
    /// The table's rows, the same in every format: key, citation, title (with its `[verify]`
    /// mark below it), gist.
    pub fn rows(&self) -> Vec<Vec<Cell>> {
        self.entries
            .iter()
            .map(|e| {
                let title = match &e.verify {
                    Some(mark) => format!("{}\n{mark}", e.title),
                    None => e.title.clone(),
                };
                vec![
                    Cell::plain(e.key.clone()),
                    Cell::plain(e.citation.clone()),
                    Cell::plain(title),
                    Cell::plain(e.gist.clone()),
                ]
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProvisionEntry {
    pub key: String,
    pub citation: String,
    pub title: String,
    pub gist: String,
    /// The `[verify]` mark and what to check, for a provision not yet confirmed.
    pub verify: Option<String>,
}

impl Document {
    /// The level-1 headings, in order.
    pub fn sections(&self) -> Vec<&str> {
        self.headings(1)
    }

    pub fn headings(&self, level: u8) -> Vec<&str> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level: l, text } if *l == level => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Every string the document prints, one per line, for tests and search.
    pub fn plain_text(&self) -> String {
        let mut out: Vec<String> = self.draft.iter().cloned().collect();
        out.extend([
            self.cover.title.clone(),
            self.cover.subtitle.clone(),
            self.cover.mark.clone(),
        ]);
        for (k, v) in &self.cover.rows {
            out.push(format!("{k}: {v}"));
        }
        for block in &self.blocks {
            match block {
                Block::Heading { text, .. } | Block::Paragraph { text, .. } => {
                    out.push(text.clone())
                }
                Block::KeyValue { rows } => {
                    out.extend(rows.iter().map(|(k, v)| format!("{k}: {v}")))
                }
                Block::Table(t) => {
                    out.push(t.header.join(" | "));
                    for row in &t.rows {
                        out.push(
                            row.iter()
                                .map(|c| c.text.as_str())
                                .collect::<Vec<_>>()
                                .join(" | "),
                        );
                    }
                }
                Block::Badge { label, value, .. } => out.push(format!("{label}: {value}")),
                Block::HeatMaps(maps) => out.extend(maps.iter().map(|m| m.title.clone())),
                Block::Finding(f) => {
                    out.extend([f.severity.clone(), f.title.clone(), f.explanation.clone()]);
                    out.push(format!("{}: {}", f.recommendation_label, f.recommendation));
                    out.extend(f.citations.iter().cloned());
                }
                Block::SignOff(s) => {
                    for entry in &s.entries {
                        out.extend(entry.iter().map(|(k, v)| format!("{k}: {v}")));
                    }
                    out.extend(s.empty_note.iter().cloned());
                }
                Block::Provisions(p) => {
                    for e in &p.entries {
                        out.push(format!("{} {} {} {}", e.key, e.citation, e.title, e.gist));
                        out.extend(e.verify.iter().cloned());
                    }
                }
                Block::Fingerprint {
                    label,
                    sha256,
                    note,
                } => out.extend([label.clone(), sha256.clone(), note.clone()]),
            }
        }
        out.join("\n")
    }
}
