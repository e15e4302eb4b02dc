//! The transfer report: the route on each side that applies (with its citations, their
//! verification marks and the duties owed whatever the route), the facts it rests on, the findings,
//! the sign-off and the appendix of provisions. The routes come from `crate::transfer`; this file
//! only lays them out.

use crate::law::LawRegister;
use crate::report::common::{self, Source, heading, paragraph, section_blocks};
use crate::report::model::{Block, Document, ReportKind, ReportLang};
use crate::report::scope;
use crate::report::wording as wd;
use crate::report::wording::W;
use crate::template::Template;
use crate::transfer::{self, Cited, Duty};

const fn w(zh: &'static str, en: &'static str) -> W {
    W { zh, en }
}

pub const TRANSFER_TITLE: W = w(
    "跨境传输评估报告",
    "Cross-Border Transfer Assessment Report",
);
const ROUTE: W = w("传输路径", "Route");
const PRC_ROUTE: W = w("中国：出境路径", "PRC: route out of China");
const EU_ROUTE: W = w("欧盟：第五章", "EU: Chapter V");
const ROUTE_LABEL: W = w("路径", "Route");
const BASIS_LABEL: W = w("依据", "Basis");
const DUTIES: W = w("无论路径如何均须履行的义务", "Owed whatever the route");
const OPEN_FACTS: W = w("待回答的事实", "Facts still to answer");
const LAWS_CHECKED: W = w(
    "目的地法律和实践的核查日期",
    "Destination law and practice checked on",
);
const VERIFY_MARK: W = w("［待核实］", "[verify]");
const FACTS: W = w("事实", "Facts");

/// The provisions a transfer report rests on, always in its appendix (filtered by regime).
const BASIS: &[&str] = &["PIPL-38", "PIPL-39", "GDPR-44", "GDPR-46-1"];

fn cited_line(cite: &[Cited], law: &LawRegister, lang: ReportLang) -> String {
    cite.iter()
        .map(|c| {
            let mark = if law.get(c.key).is_none_or(|p| p.verify()) {
                lang.inline(&VERIFY_MARK)
            } else {
                String::new()
            };
            format!("{}{mark}", common::citation(law, c.key, lang))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn duty_rows(duties: &[Duty], lang: ReportLang) -> Vec<Block> {
    if duties.is_empty() {
        return Vec::new();
    }
    let mut b = vec![common::subheading(lang, &DUTIES)];
    b.extend(
        duties
            .iter()
            .map(|d| paragraph(lang.block(&transfer::duty_text(d)))),
    );
    b
}

fn open_facts(missing: &[&str], template: &Template, lang: ReportLang) -> Vec<Block> {
    if missing.is_empty() {
        return Vec::new();
    }
    let mut b = vec![common::subheading(lang, &OPEN_FACTS)];
    b.extend(missing.iter().map(|id| {
        paragraph(
            template
                .question(id)
                .map_or_else(|| (*id).to_owned(), |q| lang.block(&q.text)),
        )
    }));
    b
}

/// The route section: one block per side that applies.
pub fn route_blocks(src: &Source, lang: ReportLang) -> Vec<Block> {
    let Some(routes) = transfer::routes(&src.template, &src.answers, &src.law) else {
        return Vec::new();
    };
    let mut b = Vec::new();
    if let Some(prc) = &routes.prc {
        b.push(common::subheading(lang, &PRC_ROUTE));
        b.push(Block::KeyValue {
            rows: vec![
                (
                    lang.inline(&ROUTE_LABEL),
                    lang.block(&transfer::prc_text(&prc.route)),
                ),
                (
                    lang.inline(&BASIS_LABEL),
                    cited_line(&prc.cite, &src.law, lang),
                ),
            ],
        });
        if let transfer::PrcRoute::Undetermined { missing } = &prc.route {
            b.extend(open_facts(missing, &src.template, lang));
        }
        b.extend(duty_rows(&prc.duties, lang));
    }
    if let Some(eu) = &routes.eu {
        b.push(common::subheading(lang, &EU_ROUTE));
        let mut rows = vec![
            (
                lang.inline(&ROUTE_LABEL),
                lang.block(&transfer::eu_text(&eu.route)),
            ),
            (
                lang.inline(&BASIS_LABEL),
                cited_line(&eu.cite, &src.law, lang),
            ),
        ];
        if let Some(day) = &eu.laws_checked_on {
            rows.push((lang.inline(&LAWS_CHECKED), day.clone()));
        }
        b.push(Block::KeyValue { rows });
        if let transfer::EuRoute::Undetermined { missing } = &eu.route {
            b.extend(open_facts(missing, &src.template, lang));
        }
        b.extend(duty_rows(&eu.duties, lang));
    }
    b
}

pub fn build(src: &Source, lang: ReportLang) -> Document {
    let o = &src.outcome;
    let filter = scope::of(src);
    let mut b: Vec<Block> = Vec::new();

    b.push(heading(lang, &wd::SUMMARY));
    b.extend(common::rating_badges(o, lang));
    b.push(Block::KeyValue {
        rows: vec![(
            lang.inline(&wd::FINDING_COUNT),
            o.findings.len().to_string(),
        )],
    });

    b.push(heading(lang, &ROUTE));
    b.extend(route_blocks(src, lang));

    b.push(heading(lang, &wd::POINTS_TO_VERIFY));
    b.extend(common::points_blocks(o, lang));

    b.push(heading(lang, &FACTS));
    for id in ["parties", "recipient", "prc", "eu"] {
        if let Some(s) = common::section(&src.template, id) {
            let blocks = section_blocks(src, s, lang, &[]);
            if !blocks.is_empty() {
                b.push(common::subheading(lang, &s.title));
                b.extend(blocks);
            }
        }
    }

    b.push(heading(lang, &wd::FINDINGS));
    b.extend(common::findings_blocks(o, &src.law, lang));

    b.push(heading(lang, &wd::SIGN_OFF));
    b.push(common::sign_off_block(&src.sign_offs, o, lang));

    b.push(heading(lang, &wd::APPENDIX));
    // The route's provisions join the appendix, so that every citation printed has its entry.
    let mut basis: Vec<&str> = BASIS.to_vec();
    if let Some(routes) = transfer::routes(&src.template, &src.answers, &src.law) {
        let sides = routes.prc.iter().flat_map(|s| &s.cite);
        basis.extend(
            sides
                .chain(routes.eu.iter().flat_map(|s| &s.cite))
                .map(|c| c.key),
        );
    }
    b.extend(common::provisions_block(
        o,
        &src.law,
        &scope::basis(&filter, &basis),
        lang,
    ));
    b.push(common::fingerprint_block(&src.fingerprint, lang));

    Document {
        kind: ReportKind::Transfer,
        lang,
        title: lang.inline(&TRANSFER_TITLE),
        subject: src.record.title.clone(),
        author: common::author(src, lang),
        confidentiality: lang.inline(&wd::CONFIDENTIAL),
        draft: common::draft_mark(common::is_draft(&src.record, o), lang),
        date: src.date.clone(),
        cover: common::cover(src, lang, TRANSFER_TITLE),
        blocks: b,
    }
}
