//! The vendor due-diligence report: vendor profile, relationship classification, the
//! clause-by-clause checklist with its coverage, due-diligence answers, findings, tier, conditions
//! for approval, next review date and sign-off.

use crate::assessment::{ClauseStatus, RegimeFilter};
use crate::report::common::{self, Source, heading, paragraph, section_blocks};
use crate::report::model::{Block, Cell, Document, ReportKind, ReportLang, Table, Tone};
use crate::report::scope;
use crate::report::wording as wd;
use crate::template::Severity;

/// The provisions a vendor report rests on, always in its appendix.
const BASIS: &[&str] = &[
    "PIPL-21-1",
    "PIPL-21-2",
    "PIPL-21-3",
    "GDPR-28-1",
    "GDPR-28-3",
];

fn clause_tone(status: ClauseStatus) -> Tone {
    match status {
        ClauseStatus::Present => Tone::Green,
        ClauseStatus::Partial => Tone::Amber,
        ClauseStatus::Missing => Tone::Red,
        ClauseStatus::Unchecked => Tone::Grey,
    }
}

fn tier_tone(tier: crate::assessment::Tier) -> Tone {
    use crate::assessment::Tier;
    match tier {
        Tier::Low => Tone::Green,
        Tier::Medium => Tone::Amber,
        Tier::High => Tone::Orange,
        Tier::Critical => Tone::Red,
    }
}

pub fn build(src: &Source, lang: ReportLang) -> Document {
    let o = &src.outcome;
    let filter = scope::of(src);
    let chapters = [
        summary(src, lang),
        profile(src, lang),
        clauses(src, &filter, lang),
        due_diligence(src, lang),
        tier_and_conditions(src, lang),
        sign_off_and_appendix(src, &filter, lang),
    ];
    Document {
        kind: ReportKind::Vendor,
        lang,
        title: lang.inline(&wd::VENDOR_TITLE),
        subject: src.record.title.clone(),
        author: common::author(src, lang),
        confidentiality: lang.inline(&wd::CONFIDENTIAL),
        draft: common::draft_mark(common::is_draft(&src.record, o), lang),
        date: src.date.clone(),
        cover: common::cover(src, lang, wd::VENDOR_TITLE),
        blocks: chapters.into_iter().flatten().collect(),
    }
}

/// The ratings, the tier, the counts; then the points to verify.
fn summary(src: &Source, lang: ReportLang) -> Vec<Block> {
    let o = &src.outcome;
    let mut b = Vec::new();
    b.push(heading(lang, &wd::SUMMARY));
    b.extend(common::rating_badges(o, lang));
    if let Some(tier) = o.tier {
        b.push(Block::Badge {
            label: lang.inline(&wd::TIER),
            value: lang.inline(&wd::tier_as_known(tier, o.standing.certainty)),
            tone: tier_tone(tier),
        });
    }
    let mut facts = vec![(
        lang.inline(&wd::FINDING_COUNT),
        o.findings.len().to_string(),
    )];
    if let Some(c) = &o.coverage {
        facts.push((lang.inline(&wd::COVERAGE), lang.inline(&wd::coverage(c))));
    }
    if !o.standing.points.is_empty() {
        facts.push((
            lang.inline(&wd::POINTS_TO_VERIFY),
            o.standing.points.len().to_string(),
        ));
    }
    b.push(Block::KeyValue { rows: facts });

    b.push(heading(lang, &wd::POINTS_TO_VERIFY));
    b.extend(common::points_blocks(o, lang));

    b
}

/// The vendor as the register has it.
fn profile(src: &Source, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![heading(lang, &wd::VENDOR_PROFILE)];
    let none = || lang.inline(&wd::NONE_GIVEN);
    let or_none = |s: &str| {
        if s.trim().is_empty() {
            none()
        } else {
            s.to_owned()
        }
    };
    match &src.vendor {
        Some(v) => b.push(Block::KeyValue {
            rows: vec![
                (lang.inline(&wd::NAME), v.name.clone()),
                (lang.inline(&wd::COUNTRY), or_none(&v.country)),
                (lang.inline(&wd::SERVICE), or_none(&v.service)),
                (lang.inline(&wd::CONTACT), or_none(&v.contact)),
                (
                    lang.inline(&wd::NEXT_REVIEW),
                    v.next_review.clone().unwrap_or_else(none),
                ),
            ],
        }),
        None => b.push(Block::KeyValue {
            rows: vec![(lang.inline(&wd::NAME), src.record.title.clone())],
        }),
    }

    b.push(heading(lang, &wd::RELATIONSHIP));
    if let Some(s) = common::section(&src.template, "relationship") {
        b.extend(section_blocks(src, s, lang, &[]));
    }

    b
}

/// The contract clauses found, partial, missing or not yet checked.
fn clauses(src: &Source, filter: &RegimeFilter, lang: ReportLang) -> Vec<Block> {
    let o = &src.outcome;
    let mut b = Vec::new();
    b.push(heading(lang, &wd::CLAUSES));
    if let Some(c) = &o.coverage {
        b.push(Block::Badge {
            label: lang.inline(&wd::COVERAGE),
            value: lang.inline(&wd::coverage(c)),
            tone: match c.percent {
                None => Tone::Grey,
                Some(p) if p >= 100.0 && c.unchecked == 0 => Tone::Green,
                Some(p) if p >= 75.0 => Tone::Amber,
                Some(_) => Tone::Red,
            },
        });
        b.push(Block::Table(Table {
            header: [wd::CLAUSE, wd::STATUS, wd::PROVISION]
                .iter()
                .map(|w| lang.inline(w))
                .collect(),
            widths: vec![4.0, 1.4, 2.6],
            rows: c
                .clauses
                .iter()
                .map(|clause| {
                    let text = src
                        .template
                        .question(&clause.question_id)
                        .map_or_else(|| clause.question_id.clone(), |q| lang.block(&q.text));
                    vec![
                        Cell::plain(text),
                        Cell::toned(
                            lang.inline(&wd::clause_status(clause.status)),
                            clause_tone(clause.status),
                        ),
                        Cell::plain(
                            clause
                                .cite
                                .iter()
                                .filter(|k| filter.cites(k))
                                .map(|k| common::citation(&src.law, k, lang))
                                .collect::<Vec<_>>()
                                .join("\n"),
                        ),
                    ]
                })
                .collect(),
        }));
    }

    b
}

fn due_diligence(src: &Source, lang: ReportLang) -> Vec<Block> {
    let o = &src.outcome;
    let mut b = Vec::new();
    b.push(heading(lang, &wd::DUE_DILIGENCE));
    for id in ["due_diligence", "oversight"] {
        if let Some(s) = common::section(&src.template, id) {
            b.push(common::subheading(lang, &s.title));
            b.extend(section_blocks(src, s, lang, &[]));
        }
    }

    b.push(heading(lang, &wd::FINDINGS));
    b.extend(common::findings_blocks(o, &src.law, lang));

    b
}

/// The tier and the conditions of going ahead.
fn tier_and_conditions(src: &Source, lang: ReportLang) -> Vec<Block> {
    let o = &src.outcome;
    let mut b = Vec::new();
    b.push(heading(lang, &wd::TIER_AND_CONDITIONS));
    if let Some(tier) = o.tier {
        b.push(Block::Badge {
            label: lang.inline(&wd::TIER),
            value: lang.inline(&wd::tier_as_known(tier, o.standing.certainty)),
            tone: tier_tone(tier),
        });
    }
    b.push(common::subheading(lang, &wd::CONDITIONS));
    let conditions: Vec<_> = o
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Medium)
        .collect();
    if conditions.is_empty() {
        // "No conditions" is a conclusion: while decisive points are open it waits for them.
        b.push(paragraph(if o.standing.points.is_empty() {
            lang.block(&wd::NO_CONDITIONS)
        } else {
            let n = o.standing.points.len().to_string();
            lang.fill(&wd::NO_CONDITIONS_YET, &[("n", &n)])
        }));
    }
    for (i, f) in conditions.iter().enumerate() {
        b.push(paragraph(format!(
            "{}. {}",
            i + 1,
            lang.block(&f.recommendation)
        )));
    }
    if let Some(next) = src.vendor.as_ref().and_then(|v| v.next_review.clone()) {
        b.push(Block::KeyValue {
            rows: vec![(lang.inline(&wd::NEXT_REVIEW), next)],
        });
    }

    b
}

fn sign_off_and_appendix(src: &Source, filter: &RegimeFilter, lang: ReportLang) -> Vec<Block> {
    let o = &src.outcome;
    let mut b = Vec::new();
    b.push(heading(lang, &wd::SIGN_OFF));
    b.push(common::sign_off_block(&src.sign_offs, o, lang));

    b.push(heading(lang, &wd::APPENDIX));
    b.extend(common::provisions_block(
        o,
        &src.law,
        &scope::basis(filter, BASIS),
        lang,
    ));
    b.push(common::fingerprint_block(&src.fingerprint, lang));

    b
}
