//! The client memo: one memorandum over all of a client's current data-source assessments, one
//! channel each — memo header (to, from, date, re, confidential), executive summary
//! with the overall conclusion, the channel table with its rating marks, facts → issues → analysis
//! per channel with citations (findings grouped, the ones to fix first in full: `memo_findings`),
//! recommendations in priority order, assumptions and qualifications, the appendix of provisions
//! with the assessments' fingerprints, and the annex that sets out every finding in full. Pure: it reads only the
//! [`MemoSource`] it is given.

use sha2::{Digest, Sha256};

use crate::assessment::{Answers, Outcome, Rating};
use crate::law::LawRegister;
use crate::report::common::{self, LinkedTransfer, Source, heading, paragraph};
use crate::report::memo_findings;
use crate::report::memo_sections as sections;
use crate::report::memo_table::channel_table;
use crate::report::model::{Block, Cover, Document, ReportKind, ReportLang};
use crate::report::scope;
use crate::report::transfer;
use crate::report::wording as wd;
use crate::template::{Role, Template};
use crate::vault::{AssessmentRecord, Client, DataSource, Profile};

/// The provisions every memo rests on: the bases for collecting and for contacting people.
const BASIS: &[&str] = &[
    "PIPL-13-1",
    "PIPL-14-1",
    "PIPL-17",
    "ADL-43-1",
    "GDPR-6-1",
    "EPD-13-1",
];
/// The basis provisions that concern marketing only: left out when no channel's contacts get
/// marketing, since nothing in the memo then rests on them.
const MARKETING_BASIS: &[&str] = &["ADL-43-1", "EPD-13-1"];

/// One channel: a current data-source assessment and what it was scored to.
#[derive(Debug, Clone)]
pub struct Channel {
    pub record: AssessmentRecord,
    pub template: Template,
    pub answers: Answers,
    pub outcome: Outcome,
    pub fingerprint: String,
    /// The register entry the assessment is about, if it names one.
    pub data_source: Option<DataSource>,
    /// The transfer assessments this channel's assessment links to, each at the version its link
    /// follows: their routes are shown under the channel.
    pub linked_transfers: Vec<LinkedTransfer>,
}

/// Everything a memo is built from, read from the vault beforehand.
#[derive(Debug, Clone)]
pub struct MemoSource {
    /// The addressee; `None` for an assessment filed under no client.
    pub client: Option<Client>,
    /// Who the memo is from: the profile, blank where none is set (never the actor).
    pub from: Profile,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub law: LawRegister,
    /// In the order they appear in the memo.
    pub channels: Vec<Channel>,
}

impl MemoSource {
    /// A memo over one data-source assessment (what `report ID` renders for one).
    pub fn single(src: &Source) -> MemoSource {
        MemoSource {
            client: src.client.clone(),
            from: src.profile.clone(),
            date: src.date.clone(),
            law: src.law.clone(),
            channels: vec![Channel {
                record: src.record.clone(),
                template: src.template.clone(),
                answers: src.answers.clone(),
                outcome: src.outcome.clone(),
                fingerprint: src.fingerprint.clone(),
                data_source: None,
                // The one-channel report shows them in a section of its own (`report::build`).
                linked_transfers: Vec::new(),
            }],
        }
    }

    /// The SHA-256 over the lines `assessment id:fingerprint`, sorted by id, joined by `\n`.
    pub fn fingerprint(&self) -> String {
        let mut lines: Vec<String> = self
            .channels
            .iter()
            .map(|c| format!("{}:{}", c.record.id, c.fingerprint))
            .collect();
        lines.sort();
        hex::encode(Sha256::digest(lines.join("\n").as_bytes()))
    }

    /// The worst channel rating (compliant when there is none).
    pub fn overall(&self) -> Rating {
        self.channels
            .iter()
            .map(|c| c.outcome.ratings.overall)
            .max()
            .unwrap_or(Rating::Compliant)
    }
}

impl Channel {
    /// What the reader calls the channel: the data source's name with its platforms, else the
    /// assessment's title. The register keeps platforms as the template's codes, separated by
    /// commas; each is worded by its choice's label (text typed before that stays as typed).
    pub fn name(&self, lang: ReportLang) -> String {
        let Some(ds) = &self.data_source else {
            return self.record.title.clone();
        };
        let choices = self
            .template
            .by_role(Role::Platforms)
            .and_then(|id| self.template.question(id))
            .map(|q| q.choices.as_slice())
            .unwrap_or_default();
        let platforms: Vec<String> = ds
            .platform
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| match choices.iter().find(|c| c.value == p) {
                Some(c) => lang.inline(&c.label),
                None => p.to_owned(),
            })
            .collect();
        if platforms.is_empty() {
            ds.name.clone()
        } else {
            format!("{} ({})", ds.name, platforms.join(", "))
        }
    }

    /// The answer of the question with `role`, worded for a reader, if given.
    pub(super) fn fact_of(&self, role: Role, lang: ReportLang) -> Option<String> {
        self.fact(self.template.by_role(role)?, lang)
    }

    /// The channel's contacts are answered as getting no marketing, so its marketing questions
    /// were moot and the assessment covers the stated purpose only.
    pub(super) fn no_marketing(&self) -> bool {
        self.template
            .by_role(Role::MarketingUse)
            .and_then(|id| self.answers.get(id))
            .and_then(|a| a.as_text())
            == Some("no")
    }

    /// An answer worded for a reader, if given.
    pub(super) fn fact(&self, id: &str, lang: ReportLang) -> Option<String> {
        let q = self.template.question(id)?;
        let answer = self.answers.get(id).filter(|a| a.is_given())?;
        Some(common::answer_text(&self.template, q, answer, lang))
    }
}

/// The memo's "from" line; "author not recorded" when no profile names anyone, never a guess.
fn from_line(from: &Profile, lang: ReportLang) -> String {
    let line = [&from.name, &from.role, &from.firm]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if from.name.trim().is_empty() {
        let missing = lang.inline(&wd::AUTHOR_NOT_RECORDED);
        if line.is_empty() {
            return missing;
        }
        return format!("{missing} ({line})");
    }
    line
}

fn header(src: &MemoSource, lang: ReportLang) -> (String, Vec<(String, String)>) {
    let none = lang.inline(&wd::NONE_GIVEN);
    let client_name = src.client.as_ref().map(|c| c.name.clone());
    let to = match &src.client {
        Some(c) if !c.contact.trim().is_empty() => format!("{}, {}", c.contact.trim(), c.name),
        Some(c) => c.name.clone(),
        None => none.clone(),
    };
    let re = lang.fill(
        &wd::MEMO_RE_TEXT,
        &[(
            "client",
            client_name
                .as_deref()
                .unwrap_or_else(|| src.channels.first().map_or("", |c| c.record.title.as_str())),
        )],
    );
    let mut rows = vec![
        (lang.inline(&wd::MEMO_TO), to),
        (lang.inline(&wd::MEMO_FROM), from_line(&src.from, lang)),
        (lang.inline(&wd::DATE), src.date.clone()),
        (lang.inline(&wd::MEMO_RE), re.clone()),
    ];
    if let Some(c) = src.client.as_ref().filter(|c| !c.matter.trim().is_empty()) {
        rows.push((lang.inline(&wd::MATTER), c.matter.clone()));
    }
    (re, rows)
}

fn channel_blocks(n: usize, c: &Channel, law: &LawRegister, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![Block::Heading {
        level: 2,
        text: format!("{n}. {}", c.name(lang)),
    }];
    b.extend(common::rating_badges(&c.outcome, lang));

    b.push(Block::Heading {
        level: 3,
        text: lang.inline(&wd::FACTS),
    });
    // What the channel is, then every decisive fact given (what the conclusion rests on).
    let mut facts = Vec::new();
    let described: Vec<(_, &str)> = [
        (wd::PLATFORMS, Role::Platforms),
        (wd::VOLUME, Role::Volume),
        (wd::PURPOSE, Role::Purpose),
        (wd::START_DATE, Role::StartDate),
    ]
    .into_iter()
    .filter_map(|(label, role)| Some((label, c.template.by_role(role)?)))
    .collect();
    for (label, id) in &described {
        if let Some(v) = c.fact(id, lang) {
            facts.push((lang.inline(label), v));
        }
    }
    let described: Vec<&str> = described.iter().map(|(_, id)| *id).collect();
    facts.extend(common::decisive_facts(
        &c.template,
        &c.answers,
        &c.outcome,
        &described,
        lang,
    ));
    facts.push((
        lang.inline(&wd::ASSESSMENT),
        format!(
            "{} · {} {} · {}",
            c.record.title,
            lang.inline(&wd::VERSION),
            c.record.version,
            lang.inline(&wd::status(c.record.status))
        ),
    ));
    b.push(Block::KeyValue { rows: facts });
    if c.no_marketing() {
        b.push(paragraph(lang.block(&wd::NO_MARKETING_SCOPE)));
    }
    b.extend(linked_routes(c, law, lang));
    if !c.outcome.standing.points.is_empty() {
        b.push(Block::Heading {
            level: 3,
            text: lang.inline(&wd::POINTS_TO_VERIFY),
        });
        b.extend(common::points_blocks(&c.outcome, lang));
    }

    b.push(Block::Heading {
        level: 3,
        text: lang.inline(&wd::ISSUES),
    });
    if c.outcome.findings.is_empty() {
        b.push(paragraph(lang.block(common::no_findings(&c.outcome))));
        return b;
    }
    b.extend(memo_findings::issues(n, c, law, lang));
    b
}

/// The routes of the transfers the channel's assessment links to, as the one-channel report shows
/// them (each under its "linked transfer assessment" heading), with their headings one level down
/// to sit inside the channel. Nothing for a channel with no link: an unlinked transfer already has
/// its own finding.
fn linked_routes(c: &Channel, law: &LawRegister, lang: ReportLang) -> Vec<Block> {
    transfer::links_blocks(&c.linked_transfers, law, lang)
        .into_iter()
        .map(|b| match b {
            Block::Heading { text, .. } => Block::Heading { level: 3, text },
            other => other,
        })
        .collect()
}

pub fn build(src: &MemoSource, lang: ReportLang) -> Document {
    let filter = scope::of_memo(src);
    let (re, rows) = header(src, lang);

    // The memo header, then 1. Executive summary.
    let mut b = vec![Block::KeyValue { rows: rows.clone() }];
    b.extend(sections::executive_summary(src, lang));

    // 2. The channel table.
    b.push(heading(lang, &wd::CHANNEL_TABLE));
    b.push(Block::Table(channel_table(src, &filter, lang)));

    // 3. Facts → issues → analysis, channel by channel.
    b.push(heading(lang, &wd::CHANNEL_ANALYSIS));
    for (i, c) in src.channels.iter().enumerate() {
        b.extend(channel_blocks(i + 1, c, &src.law, lang));
    }

    // 4. Recommendations, most severe first.
    b.extend(sections::priority_recommendations(src, lang));

    // 5. Assumptions and qualifications.
    b.push(heading(lang, &wd::ASSUMPTIONS));
    for (i, item) in scope::assumptions(&filter).iter().enumerate() {
        b.push(paragraph(format!("{}. {}", i + 1, lang.block(item))));
    }

    // 6. Appendix: provisions, then the fingerprints.
    let no_marketing = !src.channels.is_empty() && src.channels.iter().all(Channel::no_marketing);
    let basis: Vec<&'static str> = if no_marketing {
        BASIS
            .iter()
            .copied()
            .filter(|k| !MARKETING_BASIS.contains(k))
            .collect()
    } else {
        BASIS.to_vec()
    };
    b.extend(sections::appendix(src, &filter, &basis, lang));

    // Annex: every finding in full, numbered as the issues refer to them.
    b.extend(memo_findings::annex(src, lang));

    let author = from_line(&src.from, lang);
    Document {
        kind: ReportKind::Memo,
        lang,
        title: lang.inline(&wd::MEMO_TITLE),
        subject: re.replace('\n', " / "),
        author,
        confidentiality: lang.inline(&wd::CONFIDENTIAL),
        draft: common::draft_mark(
            src.channels
                .iter()
                .any(|c| common::is_draft(&c.record, &c.outcome)),
            lang,
        ),
        date: src.date.clone(),
        cover: Cover {
            title: lang.block(&wd::MEMO_TITLE),
            subtitle: re,
            rows: rows
                .into_iter()
                .filter(|(k, _)| *k != lang.inline(&wd::MEMO_RE))
                .collect(),
            mark: lang.inline(&wd::CONFIDENTIAL),
        },
        blocks: b,
    }
}
