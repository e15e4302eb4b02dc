//! The route of each side that applies, with its citations (their verification marks), the open
//! questions of an undetermined route and the duties owed whatever the route. The routes come
//! from `crate::transfer`; this file only lays them out.

use crate::assessment::Answers;
use crate::law::LawRegister;
use crate::report::common::{self, LinkedTransfer, Source, paragraph};
use crate::report::model::{Block, ReportLang};
use crate::report::wording::W;
use crate::template::Template;
use crate::transfer::{self, Cited, Duty};

use super::w;

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

/// The basis row, left out for an undetermined route, which rests on nothing yet.
fn basis_row(cite: &[Cited], law: &LawRegister, lang: ReportLang) -> Option<(String, String)> {
    (!cite.is_empty()).then(|| (lang.inline(&BASIS_LABEL), cited_line(cite, law, lang)))
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

/// The PRC side's route, if the PRC regime applies to this transfer.
pub fn prc_blocks(src: &Source, lang: ReportLang) -> Vec<Block> {
    prc_of(&src.template, &src.answers, &src.law, lang)
}

fn prc_of(
    template: &Template,
    answers: &Answers,
    law: &LawRegister,
    lang: ReportLang,
) -> Vec<Block> {
    let src = Parts { template, law };
    let Some(prc) = transfer::routes(template, answers, law).and_then(|r| r.prc) else {
        return Vec::new();
    };
    let mut b = vec![common::subheading(lang, &PRC_ROUTE)];
    let mut rows = vec![(
        lang.inline(&ROUTE_LABEL),
        lang.block(&transfer::prc_side_text(&prc)),
    )];
    rows.extend(basis_row(&prc.cite, src.law, lang));
    b.push(Block::KeyValue { rows });
    b.extend(open_facts(prc.route.missing(), src.template, lang));
    b.extend(duty_rows(&prc.duties, lang));
    b
}

/// The EU side's route, if the EU regime applies to this transfer.
pub fn eu_blocks(src: &Source, lang: ReportLang) -> Vec<Block> {
    eu_of(&src.template, &src.answers, &src.law, lang)
}

fn eu_of(
    template: &Template,
    answers: &Answers,
    law: &LawRegister,
    lang: ReportLang,
) -> Vec<Block> {
    let src = Parts { template, law };
    let Some(eu) = transfer::routes(template, answers, law).and_then(|r| r.eu) else {
        return Vec::new();
    };
    let mut b = vec![common::subheading(lang, &EU_ROUTE)];
    let mut rows = vec![(
        lang.inline(&ROUTE_LABEL),
        lang.block(&transfer::eu_text(&eu.route)),
    )];
    rows.extend(basis_row(&eu.cite, src.law, lang));
    // The side keeps the date only where the route assesses the destination's law.
    if let Some(day) = &eu.laws_checked_on {
        rows.push((lang.inline(&LAWS_CHECKED), day.clone()));
    }
    b.push(Block::KeyValue { rows });
    b.extend(open_facts(eu.route.missing(), src.template, lang));
    b.extend(duty_rows(&eu.duties, lang));
    b
}

/// What the side blocks read besides the answers.
struct Parts<'a> {
    template: &'a Template,
    law: &'a LawRegister,
}

const LINKED: W = w("关联的跨境传输评估", "Linked transfer assessment");
const FOLLOWS_SIGNED: W = w("最新签批版本", "latest signed version");
const FOLLOWS_CURRENT: W = w("当前版本，尚未签批", "current version, not signed off");

/// The routes of the transfer assessments this one links to, each saying which version it shows.
pub fn linked_blocks(src: &Source, lang: ReportLang) -> Vec<Block> {
    links_blocks(&src.linked_transfers, &src.law, lang)
}

/// The routes of these linked transfer assessments, each saying which version it shows: the
/// section a report adds, and what the client memo shows under each channel.
pub fn links_blocks(links: &[LinkedTransfer], law: &LawRegister, lang: ReportLang) -> Vec<Block> {
    let mut b = Vec::new();
    for link in links {
        let which = if link.signed {
            FOLLOWS_SIGNED
        } else {
            FOLLOWS_CURRENT
        };
        b.push(common::subheading(lang, &LINKED));
        b.push(paragraph(format!(
            "{} · v{} · {}",
            link.title,
            link.version,
            lang.inline(&which)
        )));
        b.extend(prc_of(&link.template, &link.answers, law, lang));
        b.extend(eu_of(&link.template, &link.answers, law, lang));
    }
    b
}

/// Every provision the linked transfers' routes print, for the appendix of the report that shows
/// them.
pub fn linked_keys(src: &Source) -> Vec<&'static str> {
    links_keys(&src.linked_transfers, &src.law)
}

/// Every provision these linked transfers' routes print.
pub fn links_keys(links: &[LinkedTransfer], law: &LawRegister) -> Vec<&'static str> {
    let mut keys = Vec::new();
    for link in links {
        if let Some(routes) = transfer::routes(&link.template, &link.answers, law) {
            for key in routes.used_keys() {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
    }
    keys
}
