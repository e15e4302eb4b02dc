//! The transfer report, filing-ready: where the PRC regime applies, the personal-information
//! protection impact assessment report in the CAC filing guideline's chapter order (`pipia.rs`);
//! where the EU regime applies, the transfer impact assessment along the EDPB's six steps
//! (`tia.rs`); an assessment of both regimes carries both parts. Each leads with the route its
//! regime gives (`route.rs`) and holds its regime's findings; sign-off and the appendix of provisions follow.

mod facts;
#[cfg(test)]
mod headings_tests;
mod pipia;
mod route;
mod scaffold;
#[cfg(test)]
mod tests;
mod tia;

use crate::report::common::{self, Source, heading, paragraph};
use crate::report::model::{Block, Document, ReportKind, ReportLang};
use crate::report::scope;
use crate::report::wording::{self as wd, W};
use crate::transfer::Sides;

pub(crate) use route::{linked_blocks, linked_keys, links_blocks, links_keys};

/// The heading of the linked transfers' section in another assessment's report.
pub(crate) const LINKED_SECTION: W = w(
    "跨境传输路径（关联评估）",
    "Transfer route (linked assessment)",
);

pub(crate) const fn w(zh: &'static str, en: &'static str) -> W {
    W { zh, en }
}

const BOTH_TITLE: W = w(
    "跨境传输评估报告（个人信息保护影响评估与传输影响评估）",
    "Cross-Border Transfer Report (PI Protection Impact Assessment and Transfer Impact Assessment)",
);
const PART_PIPIA: W = w(
    "第一部分：个人信息保护影响评估（个人信息出境）",
    "Part A: Personal information protection impact assessment (transfer abroad)",
);
const PART_TIA: W = w(
    "第二部分：传输影响评估",
    "Part B: Transfer impact assessment",
);
const PART_PIPIA_NOTE: W = w(
    "本部分为个人信息保护影响评估报告，按网信部门标准合同备案指南所列章节排列（见附录“报告格式说明”）。",
    "This part is the personal-information protection impact assessment report, in the chapter order of the CAC's standard-contract filing guideline (see \"About this layout\" in the appendix).",
);
const PART_TIA_NOTE: W = w(
    "本部分按欧洲数据保护委员会第01/2020号建议的步骤评估自欧盟/欧洲经济区的传输。",
    "This part assesses the transfer out of the EU/EEA along the steps of EDPB Recommendations 01/2020.",
);
const LAYOUT: W = w("报告格式说明", "About this layout");

const NO_TRANSFER_TITLE: W = w(
    "跨境数据流评估报告（欧盟：不构成传输）",
    "Cross-Border Data Flow Report (EU: no transfer)",
);

pub fn build(src: &Source, lang: ReportLang) -> Document {
    // Only what the routes used is cited: a finding's provisions of a step the route never took
    // (Chapter V with no EU transfer, the Standard Contract Measures' PIA for an exempt transfer)
    // are dropped before anything is drawn.
    let routes = crate::transfer::routes(&src.template, &src.answers, &src.law);
    let mut used = src.clone();
    if let Some(routes) = &routes {
        for f in &mut used.outcome.findings {
            f.cite.retain(|k| routes.uses(k));
        }
    }
    let src = &used;
    let o = &src.outcome;
    let filter = scope::of(src);
    let sides = Sides::of(&src.answers);
    let no_eu_transfer = routes.as_ref().is_some_and(|r| r.no_eu_transfer());
    let title = match (sides.prc, sides.eu) {
        (true, false) => pipia::TITLE,
        (true, true) if no_eu_transfer => pipia::TITLE,
        (false, true) if no_eu_transfer => NO_TRANSFER_TITLE,
        (false, true) => tia::TITLE,
        _ => BOTH_TITLE,
    };
    let mut b: Vec<Block> = Vec::new();

    b.push(heading(lang, &wd::SUMMARY));
    b.extend(common::rating_badges(o, lang));
    b.extend(route::prc_blocks(src, lang));
    b.extend(route::eu_blocks(src, lang));
    b.push(heading(lang, &wd::POINTS_TO_VERIFY));
    b.extend(common::points_blocks(o, lang));

    if sides.prc {
        if sides.eu {
            b.push(heading(lang, &PART_PIPIA));
            b.push(paragraph(lang.block(&PART_PIPIA_NOTE)));
        }
        b.extend(pipia::blocks(src, lang));
    }
    if sides.eu && no_eu_transfer {
        // No Chapter V transfer: no six steps to take, only why there is none and what is owed.
        b.extend(tia::no_transfer_blocks(src, lang));
    } else if sides.eu {
        if sides.prc {
            b.push(heading(lang, &PART_TIA));
            b.push(paragraph(lang.block(&PART_TIA_NOTE)));
        }
        b.extend(tia::blocks(src, lang));
    }

    // The findings sit inside each part (the PIPIA's chapter three, the TIA's conclusion), where
    // a filing reader looks for them.
    b.push(heading(lang, &wd::SIGN_OFF));
    b.push(common::sign_off_block(&src.sign_offs, o, lang));

    b.push(heading(lang, &wd::APPENDIX));
    if sides.prc {
        b.push(common::subheading(lang, &LAYOUT));
        b.push(paragraph(lang.block(&pipia::LAYOUT_NOTE)));
    }
    // The routes' provisions and their duties' join the findings' in the appendix: every citation
    // printed has its entry, and nothing the route did not use is listed.
    let basis: Vec<&str> = routes.map(|r| r.used_keys()).unwrap_or_default();
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
        title: lang.inline(&title),
        subject: src.record.title.clone(),
        author: common::author(src, lang),
        confidentiality: lang.inline(&wd::CONFIDENTIAL),
        draft: common::draft_mark(common::is_draft(&src.record, o), lang),
        date: src.date.clone(),
        cover: common::cover(src, lang, title),
        blocks: b,
    }
}
