//! The personal-information protection impact assessment report for a transfer out of the PRC
//! (PIPL 55(4), Standard Contract Measures Art. 5), in the chapter order of the template annexed
//! to the CAC's standard-contract filing guideline (second edition, 2024) as secondary sources
//! give it: overview; the transfer as a whole; the impact assessment of the planned transfer
//! along the six points of Art. 5; the conclusion. The appendix says the layout is [verify].

use super::scaffold::{Piece, findings, lay_out};
use super::{route, w};
use crate::report::common::{self, Source, paragraph};
use crate::report::model::{Block, ReportLang};
use crate::report::wording::{self as wd, W};
use crate::template::RegimeScope;

pub const TITLE: W = w(
    "个人信息保护影响评估报告（个人信息出境）",
    "Personal Information Protection Impact Assessment Report (transfer abroad)",
);
const AUTHOR: W = w("评估人", "Assessed by");
const OVERVIEW: W = w("评估工作概述", "Overview of the assessment");
const WHOLE: W = w("出境活动整体情况", "The transfer as a whole");
const EXPORTER: W = w(
    "（一）个人信息处理者基本情况",
    "(1) The personal-information processor",
);
const RECIPIENT: W = w("（二）境外接收方基本情况", "(2) The overseas recipient");
const ACTIVITY: W = w("（三）出境活动情况", "(3) The transfer");
const IMPACT: W = w(
    "拟出境活动的影响评估情况",
    "Impact assessment of the planned transfer",
);
const LAWFUL: W = w(
    "（一）出境目的、范围、方式的合法性、正当性、必要性",
    "(1) Lawfulness, legitimacy and necessity of the purpose, scope and method",
);
const SCALE: W = w(
    "（二）出境个人信息的规模、范围、种类、敏感程度",
    "(2) Volume, scope, kinds and sensitivity of the personal information",
);
const CAPABILITY: W = w(
    "（三）境外接收方承诺承担的义务以及履行义务的管理和技术措施、能力",
    "(3) The recipient's obligations and its organisational and technical means to meet them",
);
const AFTER: W = w(
    "（四）出境后遭到篡改、破坏、泄露、丢失、非法利用等的风险，个人维护权益的渠道",
    "(4) Risks of alteration, destruction, leak, loss or misuse after the transfer; channels for individuals to uphold their rights",
);
const FOREIGN_LAW: W = w(
    "（五）境外接收方所在国家或地区的个人信息保护政策和法规的影响",
    "(5) Effect of the personal-information policies and laws of the recipient's country or region",
);
const OTHER: W = w(
    "（六）其他可能影响出境安全的事项",
    "(6) Other matters that may affect the transfer",
);
const CONCLUSION: W = w("影响评估结论", "Conclusion of the impact assessment");
const METHOD: W = w(
    "本评估依据输出方对本问卷所列事实的回答，按《个人信息保护法》第五十五条、第五十六条和《个人信息出境标准合同办法》第五条的要求开展；出境路径由所回答的事实按《促进和规范数据跨境流动规定》得出。",
    "This assessment rests on the exporter's answers to the facts this questionnaire asks, as PIPL Arts 55 and 56 and Art. 5 of the Standard Contract Measures require; the route follows from those facts under the 2024 Provisions on cross-border data flows.",
);
/// For an exempt transfer or one under a security assessment: the Standard Contract Measures'
/// Art. 5 does not apply to it, so it is not named.
const METHOD_NO_CONTRACT: W = w(
    "本评估依据输出方对本问卷所列事实的回答，按《个人信息保护法》第五十五条、第五十六条的要求开展；出境路径由所回答的事实按《促进和规范数据跨境流动规定》得出。",
    "This assessment rests on the exporter's answers to the facts this questionnaire asks, as PIPL Arts 55 and 56 require; the route follows from those facts under the 2024 Provisions on cross-border data flows.",
);
const NO_GAPS: W = w(
    "根据已回答的事实，未发现须整改的问题。",
    "On the facts answered, no gap needs remedying.",
);
/// While points remain to verify, "no gap" holds only so far: the conclusion lists them.
const NO_GAPS_SO_FAR: W = w(
    "根据目前已回答的事实，尚未发现须整改的问题；但仍有待核实事项（见影响评估结论），结论可能因此改变。",
    "On the facts answered so far, no gap needs remedying; points remain to verify (listed in the conclusion) and may change this.",
);
/// For a route still undetermined: the Standard Contract Measures' Art. 5 applies only if the
/// route turns out to be the standard contract, so it is named as a condition.
const METHOD_OPEN: W = w(
    "本评估依据输出方对本问卷所列事实的回答，按《个人信息保护法》第五十五条、第五十六条的要求开展（出境路径如确定为标准合同，还须符合《个人信息出境标准合同办法》第五条）；出境路径由所回答的事实按《促进和规范数据跨境流动规定》得出。",
    "This assessment rests on the exporter's answers to the facts this questionnaire asks, as PIPL Arts 55 and 56 require (and, should the route turn out to be the standard contract, Art. 5 of the Standard Contract Measures); the route follows from those facts under the 2024 Provisions on cross-border data flows.",
);
pub const LAYOUT_NOTE: W = w(
    "本报告的章节顺序依据《个人信息出境标准合同备案指南（第二版）》（2024年）所附影响评估报告模板，仅经二手资料确认［待核实］；提交备案前请对照官方模板核对。",
    "The chapters follow the impact assessment report template annexed to the CAC's standard-contract filing guideline (second edition, 2024) as known from secondary sources only [verify]; check them against the official template before filing.",
);

/// The findings of the PRC side (and of both), or that none needs remedying.
fn prc_findings(src: &Source, lang: ReportLang) -> Vec<Block> {
    let findings = findings(src, lang, RegimeScope::Eu);
    if findings.is_empty() {
        let so_far = !src.outcome.standing.points.is_empty();
        vec![paragraph(lang.block(if so_far {
            &NO_GAPS_SO_FAR
        } else {
            &NO_GAPS
        }))]
    } else {
        findings
    }
}

pub fn blocks(src: &Source, lang: ReportLang) -> Vec<Block> {
    let routes = crate::transfer::routes(&src.template, &src.answers, &src.law);
    let contract = routes.as_ref().is_none_or(|r| r.uses("CAC-O13-5"));
    let undetermined = routes.as_ref().is_some_and(|r| {
        r.prc
            .as_ref()
            .is_some_and(|p| matches!(p.route, crate::transfer::PrcRoute::Undetermined { .. }))
    });
    let overview = vec![
        Block::KeyValue {
            rows: vec![
                (lang.inline(&wd::DATE), src.date.clone()),
                (lang.inline(&AUTHOR), common::author(src, lang)),
            ],
        },
        paragraph(lang.block(if undetermined {
            &METHOD_OPEN
        } else if contract {
            &METHOD
        } else {
            &METHOD_NO_CONTRACT
        })),
    ];
    let mut conclusion: Vec<Block> = routes
        .and_then(|r| r.prc)
        .and_then(|p| crate::transfer::prc_stop_text(&p))
        .map(|stop| paragraph(lang.block(&stop)))
        .into_iter()
        .collect();
    conclusion.extend(common::rating_badges(&src.outcome, lang));
    conclusion.extend(common::points_blocks(&src.outcome, lang));
    lay_out(
        src,
        lang,
        vec![
            Piece::Chapter(&OVERVIEW),
            Piece::Blocks(overview),
            Piece::Chapter(&WHOLE),
            Piece::Section(&EXPORTER),
            Piece::Rows(&["tr01_exporter", "tr01_exporter_country", "tr02_ciio"]),
            Piece::Section(&RECIPIENT),
            Piece::Rows(&["tr01_recipient", "tr01_recipient_country"]),
            Piece::Section(&ACTIVITY),
            Piece::Rows(&[
                "tr01_purpose",
                "tr03_purposes",
                "tr02_origin",
                "tr04_mechanism",
            ]),
            Piece::Chapter(&IMPACT),
            Piece::Section(&LAWFUL),
            Piece::Rows(&[
                "tr03_purposes",
                "tr03_truly_necessary",
                "tr03_hr_rules",
                "tr05_notice",
                "tr05_separate_consent",
            ]),
            Piece::Blocks(route::prc_blocks(src, lang)),
            Piece::Section(&SCALE),
            Piece::Rows(&[
                "tr02_categories",
                "tr02_count_nonsensitive",
                "tr02_count_sensitive",
                "tr02_important_data",
            ]),
            Piece::Section(&CAPABILITY),
            Piece::Rows(&["tr11_security_measures", "tr11_onward", "tr11_onward_bound"]),
            Piece::Section(&AFTER),
            Piece::Rows(&["tr05_notice", "tr06_pipia"]),
            Piece::Section(&FOREIGN_LAW),
            Piece::Rows(&[
                "tr11_authority_laws",
                "tr11_laws_checked_on",
                "tr11_laws_impinge",
            ]),
            Piece::Section(&OTHER),
            Piece::Blocks(prc_findings(src, lang)),
            Piece::Chapter(&CONCLUSION),
            Piece::Blocks(conclusion),
        ],
    )
}
