//! The client memo's longer sections — the executive summary, the priority recommendations and
//! the appendix — and the memo's own standing over its channels. Pure, like the memo.

use std::collections::BTreeSet;

use crate::assessment::{Certainty, Finding, Rating, RegimeFilter, Standing};
use crate::report::common::{self, heading, paragraph, rating_tone, severity_tone, subheading};
use crate::report::memo::{Channel, MemoSource};
use crate::report::model::{Block, Cell, ReportLang, Table, Tone};
use crate::report::scope;
use crate::report::wording::{self as wd, W};

/// The memo's own standing: undetermined when every channel is, provisional when any is open,
/// with every channel's points to verify.
pub(super) fn memo_standing(src: &MemoSource) -> Standing {
    let overall = src.overall();
    let certainty = if !src.channels.is_empty()
        && src
            .channels
            .iter()
            .all(|c| c.outcome.standing.certainty == Certainty::Undetermined)
    {
        Certainty::Undetermined
    } else if src
        .channels
        .iter()
        .any(|c| c.outcome.standing.has_open_points())
    {
        Certainty::Provisional
    } else {
        Certainty::Settled
    };
    Standing {
        certainty,
        could_reach: src
            .channels
            .iter()
            .filter_map(|c| c.outcome.standing.could_reach)
            .max()
            .filter(|r| *r > overall),
        points: src
            .channels
            .iter()
            .flat_map(|c| c.outcome.standing.points.iter().cloned())
            .collect(),
    }
}

/// A channel not yet determined: undetermined, or provisional with no finding, so that its band
/// "compliant" means only that nothing was found yet.
pub(super) fn channel_open(c: &Channel) -> bool {
    match c.outcome.standing.certainty {
        Certainty::Undetermined => true,
        Certainty::Provisional => c.outcome.ratings.overall == Rating::Compliant,
        Certainty::Settled => false,
    }
}

fn conclusion(rating: Rating) -> W {
    match rating {
        Rating::Compliant => wd::CONCLUSION_COMPLIANT,
        Rating::Conditional => wd::CONCLUSION_CONDITIONAL,
        Rating::HighRisk => wd::CONCLUSION_HIGH_RISK,
        Rating::Prohibited => wd::CONCLUSION_PROHIBITED,
    }
}

/// A recommendation and the channels it answers, deduplicated by finding.
struct Recommendation<'a> {
    finding: &'a Finding,
    channels: Vec<usize>,
}

/// Every finding's recommendation once (same rule → one row naming every channel it fired for),
/// most severe first; ties keep the order of the channels.
fn recommendations(src: &MemoSource) -> Vec<Recommendation<'_>> {
    let mut out: Vec<Recommendation<'_>> = Vec::new();
    for (i, channel) in src.channels.iter().enumerate() {
        for f in &channel.outcome.findings {
            match out
                .iter_mut()
                .find(|r| r.finding.id == f.id || r.finding.recommendation == f.recommendation)
            {
                Some(r) => {
                    if f.severity > r.finding.severity {
                        r.finding = f;
                    }
                    if !r.channels.contains(&i) {
                        r.channels.push(i);
                    }
                }
                None => out.push(Recommendation {
                    finding: f,
                    channels: vec![i],
                }),
            }
        }
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.finding.severity));
    out
}

/// 1. The executive summary: the overall conclusion and the channels by rating.
pub(super) fn executive_summary(src: &MemoSource, lang: ReportLang) -> Vec<Block> {
    let overall = src.overall();
    let mut b = Vec::new();
    b.push(heading(lang, &wd::EXECUTIVE_SUMMARY));
    if src.channels.is_empty() {
        b.push(paragraph(lang.block(&wd::NO_CHANNELS)));
    } else {
        let standing = memo_standing(src);
        b.push(Block::Badge {
            label: lang.inline(&wd::OVERALL_CONCLUSION),
            value: lang.inline(&standing.wording(overall)),
            tone: match standing.certainty {
                Certainty::Undetermined => Tone::Grey,
                _ => rating_tone(overall),
            },
        });
        // A conclusion is drawn only from what was answered; while every channel is
        // undetermined there is none to draw.
        b.push(paragraph(lang.block(&match standing.certainty {
            Certainty::Undetermined => wd::POINTS_INTRO,
            Certainty::Provisional if overall == Rating::Compliant => wd::CONCLUSION_OPEN,
            _ => conclusion(overall),
        })));
        if standing.certainty == Certainty::Provisional && overall != Rating::Compliant {
            b.push(paragraph(lang.block(&wd::CONCLUSION_PROVISIONAL)));
        }
        let count = |r: Rating| {
            src.channels
                .iter()
                .filter(|c| !channel_open(c) && c.outcome.ratings.overall == r)
                .count()
                .to_string()
        };
        let (c, d, h, p) = (
            count(Rating::Compliant),
            count(Rating::Conditional),
            count(Rating::HighRisk),
            count(Rating::Prohibited),
        );
        let open = src
            .channels
            .iter()
            .filter(|c| channel_open(c))
            .count()
            .to_string();
        b.push(Block::KeyValue {
            rows: vec![
                (
                    lang.inline(&wd::CHANNEL_COUNT),
                    src.channels.len().to_string(),
                ),
                (
                    lang.inline(&wd::RATING),
                    lang.fill(
                        &wd::CHANNELS_BY_RATING,
                        &[
                            ("compliant", &c),
                            ("conditional", &d),
                            ("high_risk", &h),
                            ("prohibited", &p),
                            ("open", &open),
                        ],
                    ),
                ),
                (
                    lang.inline(&wd::FINDING_COUNT),
                    src.channels
                        .iter()
                        .map(|c| c.outcome.findings.len())
                        .sum::<usize>()
                        .to_string(),
                ),
            ],
        });
    }

    b
}

/// 4. Every recommendation once, most severe first, with the channels it answers.
pub(super) fn priority_recommendations(src: &MemoSource, lang: ReportLang) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(heading(lang, &wd::PRIORITY_RECOMMENDATIONS));
    let recs = recommendations(src);
    if recs.is_empty() {
        b.push(paragraph(
            lang.block(
                if src
                    .channels
                    .iter()
                    .any(|c| c.outcome.standing.has_open_points())
                {
                    &wd::NO_RECOMMENDATIONS_SO_FAR
                } else {
                    &wd::NO_RECOMMENDATIONS
                },
            ),
        ));
    } else {
        b.push(Block::Table(Table {
            header: vec![
                "#".to_owned(),
                lang.inline(&wd::PRIORITY),
                lang.inline(&wd::RECOMMENDATION),
                lang.inline(&wd::CHANNELS),
            ],
            widths: vec![0.4, 1.2, 5.2, 1.4],
            rows: recs
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    vec![
                        Cell::plain((i + 1).to_string()),
                        Cell::toned(
                            lang.inline(&wd::severity(r.finding.severity)),
                            severity_tone(r.finding.severity),
                        ),
                        Cell::plain(lang.block(&r.finding.recommendation)),
                        Cell::plain(
                            r.channels
                                .iter()
                                .map(|n| format!("#{}", n + 1))
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    ]
                })
                .collect(),
        }));
    }

    b
}

/// 6. The appendix: the provisions cited, then each assessment's fingerprint and the memo's.
pub(super) fn appendix(
    src: &MemoSource,
    filter: &RegimeFilter,
    basis: &[&'static str],
    lang: ReportLang,
) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(heading(lang, &wd::APPENDIX));
    let keys: BTreeSet<&str> = src
        .channels
        .iter()
        .flat_map(|c| c.outcome.findings.iter())
        .flat_map(|f| f.cite.iter().map(String::as_str))
        .chain(scope::basis(filter, basis))
        // The linked transfers' routes print their provisions too: each has its entry.
        .chain(
            src.channels
                .iter()
                .flat_map(|c| crate::report::transfer::links_keys(&c.linked_transfers, &src.law)),
        )
        .collect();
    b.extend(common::provisions_for(keys, &src.law, lang));
    b.push(subheading(lang, &wd::FINGERPRINTS));
    b.push(Block::Table(Table {
        header: vec![
            "#".to_owned(),
            format!(
                "{} · {}",
                lang.inline(&wd::ASSESSMENT_ID),
                lang.inline(&wd::FINGERPRINT)
            ),
        ],
        widths: vec![0.4, 9.6],
        rows: src
            .channels
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![
                    Cell::plain(format!("#{}", i + 1)),
                    Cell::plain(format!("{}\n{}", c.record.id, c.fingerprint)),
                ]
            })
            .collect(),
    }));
    b.push(Block::Fingerprint {
        label: lang.inline(&wd::MEMO_FINGERPRINT),
        sha256: src.fingerprint(),
        note: lang.block(&wd::MEMO_FINGERPRINT_NOTE),
    });

    b
}
