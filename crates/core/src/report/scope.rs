//! What a report may say, given the regimes of the work it reports on: the [`RegimeFilter`] of
//! the assessment (a memo: of all its channels together), the basis provisions it may cite, and
//! the fixed sentences that differ when only one regime applies. Builders ask here and never
//! decide scope on their own; the foreign-regime test (`scope_tests.rs`) holds them to it.

use crate::assessment::RegimeFilter;
use crate::report::common::Source;
use crate::report::memo::MemoSource;
use crate::report::wording::{self as wd, W};

pub fn of(src: &Source) -> RegimeFilter {
    RegimeFilter::for_shown_answers(&src.template, &src.answers)
}

pub fn of_memo(src: &MemoSource) -> RegimeFilter {
    let filters: Vec<RegimeFilter> = src
        .channels
        .iter()
        .map(|c| RegimeFilter::for_shown_answers(&c.template, &c.answers))
        .collect();
    if filters.is_empty() {
        return RegimeFilter::everything();
    }
    RegimeFilter::union(&filters)
}

/// The report's basis provisions that are in scope, in their order.
pub fn basis<'a>(filter: &RegimeFilter, keys: &[&'a str]) -> Vec<&'a str> {
    keys.iter().copied().filter(|k| filter.cites(k)).collect()
}

const fn w(zh: &'static str, en: &'static str) -> W {
    W { zh, en }
}

const HEAT_MAP_NOTE_EU: W = w(
    "纵轴为影响程度（1 低 – 4 严重），横轴为可能性（1 低 – 4 很高）；格内数字为落入该格的风险数，颜色为本评估所用影响 × 可能性矩阵给出的风险等级。",
    "Vertical axis: impact (1 low – 4 severe); horizontal axis: likelihood (1 low – 4 very high). Each cell shows how many risks fall there; its colour is the level the assessment's impact × likelihood matrix gives.",
);

/// The heat maps' note: an EU-only report names no PRC standard for its matrix.
pub fn heat_map_note(filter: &RegimeFilter) -> W {
    if filter.eu() && !filter.prc() {
        HEAT_MAP_NOTE_EU
    } else {
        wd::HEAT_MAP_NOTE
    }
}

const RETENTION_NOTE_EU: W = w(
    "GDPR 未规定影响评估报告的固定保存期限：处理持续期间应保存本报告并保持更新，处理发生变化时应复核（GDPR 第5条第2款、第35条第11款）。",
    "The GDPR sets no fixed period for keeping a DPIA: keep this report for as long as the processing lasts, keep it up to date and review it when the processing changes (GDPR Arts 5(2) and 35(11)).",
);

/// The PIA's retention note: PIPL 56(2)'s three years where the PIPL applies, else the GDPR's
/// "while processing lasts". `None` means the three-year note (with its date) applies.
pub fn retention_note_eu_only(filter: &RegimeFilter) -> Option<W> {
    (filter.eu() && !filter.prc()).then_some(RETENTION_NOTE_EU)
}

const DPIA_TITLE: W = w(
    "数据保护影响评估（DPIA）报告",
    "Data Protection Impact Assessment (DPIA) Report",
);

/// The PIA report's title: a DPIA under the GDPR alone, else the PIPL's name (which also covers
/// an assessment under both).
pub fn pia_title(filter: &RegimeFilter) -> W {
    if filter.eu() && !filter.prc() {
        DPIA_TITLE
    } else {
        wd::PIA_TITLE
    }
}

const CONSULT_PRC: W = w(
    "《个人信息保护法》没有向监管机构事先咨询的程序：措施后仍有高或严重的剩余风险的，应补充措施或由负责人书面接受风险后方可处理。",
    "The PIPL has no procedure for prior consultation of the authority: where high or severe residual risk remains after measures, add measures or have the owner accept the risk in writing before processing.",
);
const CONSULT_PRC_NONE: W = w(
    "措施后无高或严重的剩余风险。",
    "No high or severe residual risk remains after measures.",
);

const CONSULT_PRC_OPEN: W = w(
    "风险清单尚未填写：措施后是否仍有高或严重的剩余风险，尚无法判断。",
    "The risk register is not filled in yet: whether high or severe residual risk remains after measures cannot be told yet.",
);

const CONSULT_NOT_RELEVANT_EU: W = w(
    "筛查结论为无须开展DPIA，因此不涉及GDPR第36条的事先咨询。",
    "The screening finds no DPIA required, so GDPR Art. 36 prior consultation does not arise.",
);
const CONSULT_NOT_RELEVANT_PRC: W = w(
    "筛查结论为无须开展评估，因此无须就剩余风险作出处理前的决定。",
    "The screening finds no assessment required, so no decision on residual risk is due before processing.",
);

/// The prior-consultation conclusion: GDPR Art. 36 only where the GDPR applies, and no
/// conclusion at all while the risk register is empty — unless the screening found no PIA
/// required, when the question does not arise.
pub fn consultation(
    filter: &RegimeFilter,
    residual_high: bool,
    no_risks: bool,
    not_required: bool,
) -> W {
    if not_required && !residual_high && no_risks {
        return if filter.eu() {
            CONSULT_NOT_RELEVANT_EU
        } else {
            CONSULT_NOT_RELEVANT_PRC
        };
    }
    match (filter.eu(), residual_high, no_risks) {
        (true, true, _) => wd::CONSULT_REQUIRED,
        (true, false, true) => wd::CONSULT_OPEN,
        (true, false, false) => wd::CONSULT_NOT_REQUIRED,
        (false, true, _) => CONSULT_PRC,
        (false, false, true) => CONSULT_PRC_OPEN,
        (false, false, false) => CONSULT_PRC_NONE,
    }
}

const LAW_COVERED_PRC: W = w(
    "法律分析以本备忘录日期有效的中华人民共和国法律（《个人信息保护法》及相关国家标准）为限，不涉及其他法域。",
    "The analysis covers the law of the People's Republic of China (PIPL and the related national standards) in force on the date of this memorandum, and no other jurisdiction.",
);
const LAW_COVERED_EU: W = w(
    "法律分析以本备忘录日期有效的欧盟法律（GDPR、《电子隐私指令》）为限，不涉及其他法域；成员国转化立法仅在明确提及之处考虑。",
    "The analysis covers the law of the European Union (GDPR, ePrivacy Directive) in force on the date of this memorandum, and no other jurisdiction; member-state implementations are considered only where named.",
);
const ENFORCEMENT_PRC: W = w(
    "评级是结构化的风险分级，不保证监管机构或法院会得出相同结论；执法实践（国家网信办等监管部门）可能变化。",
    "The ratings are a structured triage of risk, not an assurance that a regulator or court will reach the same view; enforcement practice (the CAC and other regulators) may change.",
);
const ENFORCEMENT_EU: W = w(
    "评级是结构化的风险分级，不保证监管机构或法院会得出相同结论；执法实践（欧盟各数据保护机构）可能变化。",
    "The ratings are a structured triage of risk, not an assurance that a regulator or court will reach the same view; enforcement practice (the EU data protection authorities) may change.",
);

/// The memo's assumptions, with the law covered and the regulators named for its scope.
pub fn assumptions(filter: &RegimeFilter) -> Vec<W> {
    let mut items = wd::ASSUMPTION_ITEMS.to_vec();
    let replace = |items: &mut Vec<W>, original: W, by: W| {
        if let Some(item) = items.iter_mut().find(|i| **i == original) {
            *item = by;
        }
    };
    match (filter.eu(), filter.prc()) {
        (false, true) => {
            replace(&mut items, wd::ASSUMPTION_ITEMS[1], LAW_COVERED_PRC);
            replace(&mut items, wd::ASSUMPTION_ITEMS[2], ENFORCEMENT_PRC);
        }
        (true, false) => {
            replace(&mut items, wd::ASSUMPTION_ITEMS[1], LAW_COVERED_EU);
            replace(&mut items, wd::ASSUMPTION_ITEMS[2], ENFORCEMENT_EU);
        }
        _ => {}
    }
    items
}
