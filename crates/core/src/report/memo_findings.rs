//! The memo's findings, shortened the way the app shows them: per channel, grouped by root cause
//! (`assessment::group_findings`), each group headed with its severity counts, the findings to
//! fix first (`assessment::fix_first`) in full and the others in one line each, pointing to the
//! annex that sets out every finding in full. Nothing is dropped (each finding is in the annex)
//! and nothing is added (the lines are the findings' own titles). Pure, like the memo.

use crate::assessment::{Finding, fix_first, group_findings};
use crate::law::LawRegister;
use crate::report::common::{self, heading, paragraph, severity_tone};
use crate::report::memo::{Channel, MemoSource};
use crate::report::model::{Block, Cell, ReportLang, Table};
use crate::report::wording as wd;
use crate::template::Severity;

/// A finding's place in the annex: channel `n`, `i`-th finding of the channel (both from 1).
fn annex_ref(n: usize, i: usize) -> String {
    format!("A{n}.{i}")
}

/// "Critical 2 · High 1": the severities present in `findings`, worst first.
fn severity_counts(findings: &[&Finding], lang: ReportLang) -> String {
    [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ]
    .into_iter()
    .filter_map(|s| {
        let n = findings.iter().filter(|f| f.severity == s).count();
        (n > 0).then(|| format!("{} {n}", lang.inline(&wd::severity(s))))
    })
    .collect::<Vec<_>>()
    .join(" · ")
}

/// The issues of channel `n`: its findings by group (the caller has checked there are some).
pub(super) fn issues(n: usize, c: &Channel, law: &LawRegister, lang: ReportLang) -> Vec<Block> {
    let findings = &c.outcome.findings;
    let position = |id: &str| findings.iter().position(|f| f.id == id).map(|i| i + 1);
    let first_ones: Vec<&str> = fix_first(findings).iter().map(|f| f.id.as_str()).collect();
    let mut b = vec![paragraph(lang.fill(
        &wd::ISSUES_BY_GROUP,
        &[
            ("first", &annex_ref(n, 1)),
            ("last", &annex_ref(n, findings.len())),
        ],
    ))];
    for group in group_findings(&c.template, findings) {
        let members: Vec<&Finding> = group
            .findings
            .iter()
            .filter_map(|id| findings.iter().find(|f| &f.id == id))
            .collect();
        b.push(Block::Heading {
            level: 3,
            text: format!(
                "{} · {}",
                lang.inline(&group.title),
                severity_counts(&members, lang)
            ),
        });
        let (first, rest): (Vec<&Finding>, Vec<&Finding>) = members
            .iter()
            .partition(|f| first_ones.contains(&f.id.as_str()));
        if !first.is_empty() {
            b.push(paragraph(lang.inline(&wd::FIX_FIRST)));
            b.extend(first.iter().map(|f| common::finding_block(f, law, lang)));
        }
        if !rest.is_empty() {
            if !first.is_empty() {
                b.push(paragraph(lang.inline(&wd::OTHER_FINDINGS)));
            }
            b.push(Block::Table(Table {
                header: vec![
                    lang.inline(&wd::ANNEX_REF),
                    lang.inline(&wd::ISSUE),
                    lang.inline(&wd::SEVERITY),
                ],
                widths: vec![0.8, 5.7, 1.4],
                rows: rest
                    .iter()
                    .map(|f| {
                        vec![
                            Cell::plain(
                                position(&f.id).map_or_else(String::new, |i| annex_ref(n, i)),
                            ),
                            Cell::plain(lang.block(&f.title)),
                            Cell::toned(
                                lang.inline(&wd::severity(f.severity)),
                                severity_tone(f.severity),
                            ),
                        ]
                    })
                    .collect(),
            }));
        }
    }
    b
}

/// The annex: every finding of every channel in full, numbered as the issues refer to them.
pub(super) fn annex(src: &MemoSource, lang: ReportLang) -> Vec<Block> {
    if src.channels.iter().all(|c| c.outcome.findings.is_empty()) {
        return Vec::new();
    }
    let mut b = vec![
        heading(lang, &wd::ANNEX_FINDINGS),
        paragraph(lang.block(&wd::ANNEX_FINDINGS_INTRO)),
    ];
    for (n, c) in src.channels.iter().enumerate() {
        if c.outcome.findings.is_empty() {
            continue;
        }
        b.push(Block::Heading {
            level: 2,
            text: format!("{}. {}", n + 1, c.name(lang)),
        });
        for (i, f) in c.outcome.findings.iter().enumerate() {
            let mut block = common::finding_block(f, &src.law, lang);
            if let Block::Finding(inner) = &mut block {
                inner.title = format!("{}  {}", annex_ref(n + 1, i + 1), inner.title);
            }
            b.push(block);
        }
    }
    b
}
