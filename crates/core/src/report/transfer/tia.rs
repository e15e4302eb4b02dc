//! The transfer impact assessment report for a transfer out of the EU/EEA, along the six steps of
//! EDPB Recommendations 01/2020: know the transfer; the transfer tool; the law and practice of
//! the destination (dated, as answered); supplementary measures; procedural steps; re-evaluation.

use super::scaffold::{Piece, findings, lay_out};
use super::{route, w};
use crate::i18n::Text;
use crate::report::common::{Source, paragraph};
use crate::report::model::{Block, ReportLang};
use crate::report::wording::W;
use crate::template::RegimeScope;
use crate::transfer::{self, EuRoute, adequacy};

pub const TITLE: W = w("传输影响评估报告", "Transfer Impact Assessment Report");
const STEP1: W = w("第一步：了解传输", "Step 1: Know the transfer");
const STEP2: W = w("第二步：所用的传输工具", "Step 2: The transfer tool");
const STEP3: W = w(
    "第三步：目的地的法律和实践",
    "Step 3: The law and practice of the destination",
);
const STEP4: W = w("第四步：补充措施", "Step 4: Supplementary measures");
const STEP5: W = w("第五步：程序性步骤", "Step 5: Procedural steps");
const STEP6: W = w("第六步：定期复评", "Step 6: Re-evaluation");
const CONCLUSION: W = w("结论", "Conclusion");
const STOP: W = w(
    "目的地的法律或实践可能使公权力机关超出必要限度获取数据，且现有措施不能阻止其读取数据：在找到有效的补充措施之前，不应进行该传输。",
    "The destination's law or practice may give authorities access beyond what is necessary and no measure in place stops them reading the data: the transfer should not proceed until an effective supplementary measure exists.",
);

const NO_TRANSFER: W = w(
    "欧盟：不构成第五章下的传输",
    "EU: no transfer under Chapter V",
);
const NO_TRANSFER_NOTE: W = w(
    "依欧洲数据保护委员会第05/2021号指南，本数据流不构成GDPR第五章下的传输，因此无需传输工具，也不进行传输影响评估；处理本身仍受GDPR约束。",
    "Under EDPB Guidelines 05/2021 this data flow is not a transfer under GDPR Chapter V: no transfer tool is needed and no transfer impact assessment is made; the processing itself remains subject to the GDPR.",
);

/// The EU part when the route finds no transfer: why, the facts that say so, and the EU findings
/// (an Art. 27 representative, for one).
pub fn no_transfer_blocks(src: &Source, lang: ReportLang) -> Vec<Block> {
    lay_out(
        src,
        lang,
        vec![
            Piece::Chapter(&NO_TRANSFER),
            Piece::Blocks(vec![paragraph(lang.block(&NO_TRANSFER_NOTE))]),
            Piece::Rows(&[
                "tr07_recipient_outside",
                "tr07_collection",
                "tr07_exporter_gdpr",
                "tr07_eu_representative",
            ]),
            Piece::Blocks(findings(src, lang, RegimeScope::Prc)),
        ],
    )
}

const NOT_NEEDED: W = w("第三步至第六步：无需进行", "Steps 3 to 6: not needed");
const STEP_OPEN: W = w(
    "本步骤的问题取决于上文尚待回答的事实，回答后才会列出。",
    "This step's questions depend on facts still to answer (listed above); they appear once those are answered.",
);
const NO_EU_FINDING: W = w("欧盟一侧未发现问题。", "No finding on the EU side.");
const NO_EU_FINDING_YET: W = w(
    "欧盟一侧目前未发现问题，但仍有事实待回答。",
    "No finding on the EU side so far; some facts are still to answer.",
);

/// Why the six steps are not taken, for a route that needs none: an adequacy decision (the
/// Commission has assessed the destination) or an Art. 49 derogation (no safeguard to assess).
fn not_needed(route: &EuRoute) -> Option<Text> {
    let tail = (
        "因此无需按EDPB第01/2020号建议的六个步骤进行传输影响评估（第三步至第六步不适用）",
        "so no transfer impact assessment along the six steps of EDPB Recommendations 01/2020 is needed (steps 3 to 6 do not apply)",
    );
    match route {
        EuRoute::Adequacy { decision } => {
            let named = decision.and_then(adequacy::of);
            let (zh, en) = match named {
                Some(d) => (
                    format!("{}（{}）{}", d.instrument.0, d.destination.0, d.only.0),
                    format!("{} on {}{}", d.instrument.1, d.destination.1, d.only.1),
                ),
                None => (
                    "目的地的充分性决定（答案未指明哪一项）".to_owned(),
                    "the destination's adequacy decision (the answers do not name it)".to_owned(),
                ),
            };
            Some(Text::new(
                format!(
                    "本传输依据GDPR第45条的充分性决定：{zh}。欧盟委员会已在该决定中评估了目的地的法律和实践，{}；须持续关注该决定仍然有效且涵盖该接收方。",
                    tail.0
                ),
                format!(
                    "The transfer rests on an adequacy decision under GDPR Art. 45: {en}. The Commission assessed the destination's law and practice in that decision, {}; keep checking that the decision stays in force and covers this recipient.",
                    tail.1
                ),
            ))
        }
        EuRoute::Derogation { which } => {
            let (zh, en): (Vec<String>, Vec<String>) = which
                .iter()
                .map(|d| {
                    let t = transfer::derogation_text(*d);
                    (t.zh, t.en)
                })
                .unzip();
            Some(Text::new(
                format!(
                    "本传输依据第49条第1款的例外：{}。例外只适用于偶发且确有必要的传输，不以适当保障措施为基础，{}；须书面记录所依据的例外及其条件成立的理由，条件不再成立（如传输变为系统性）时即须改用第46条的工具。",
                    zh.join("；"),
                    tail.0
                ),
                format!(
                    "The transfer rests on a derogation of Art. 49(1): {}. A derogation covers only occasional transfers that are necessary and rests on no safeguard, {}; document which derogation is relied on and why its conditions hold, and move to an Art. 46 tool as soon as they stop holding (once the transfer becomes systematic, for one).",
                    en.join("; "),
                    tail.1
                ),
            ))
        }
        _ => None,
    }
}

/// The rows of a step, or a line saying they wait on open facts: a step never stands empty.
fn step<'a>(src: &Source, lang: ReportLang, ids: &'a [&'a str]) -> Piece<'a> {
    let rows = super::facts::rows(src, ids, lang);
    if rows.is_empty() {
        Piece::Blocks(vec![paragraph(lang.block(&STEP_OPEN))])
    } else {
        Piece::Blocks(rows)
    }
}

pub fn blocks(src: &Source, lang: ReportLang) -> Vec<Block> {
    let route = transfer::routes(&src.template, &src.answers, &src.law)
        .and_then(|r| r.eu)
        .map(|e| e.route);
    let stop = matches!(
        route,
        Some(EuRoute::Scc {
            should_not_proceed: true,
            ..
        })
    );
    let mut conclusion: Vec<Block> = stop
        .then(|| paragraph(lang.block(&STOP)))
        .into_iter()
        .collect();
    conclusion.extend(findings(src, lang, RegimeScope::Prc));
    if conclusion.is_empty() {
        let none = if src.outcome.standing.has_open_points() {
            &NO_EU_FINDING_YET
        } else {
            &NO_EU_FINDING
        };
        conclusion.push(paragraph(lang.block(none)));
    }
    let step1 = [
        "tr01_exporter",
        "tr01_exporter_country",
        super::facts::eu_side(src, "tr01_eu_recipient", "tr01_recipient"),
        super::facts::eu_side(src, "tr01_eu_recipient_country", "tr01_recipient_country"),
        "tr01_purpose",
        "tr02_categories",
        "tr11_onward",
        "tr11_onward_bound",
        "tr07_recipient_outside",
        "tr07_collection",
        "tr07_exporter_gdpr",
        "tr07_recipient_gdpr",
    ];
    let mut pieces = vec![
        Piece::Chapter(&STEP1),
        step(src, lang, &step1),
        Piece::Chapter(&STEP2),
        Piece::Blocks(route::eu_blocks(src, lang)),
        Piece::Rows(&[
            "tr08_adequacy",
            "tr08_adequacy_decision",
            "tr08_exporter_role",
            "tr08_importer_role",
            "tr08_scc_signed",
            "tr10_systematic",
            "tr10_explicit_consent",
            "tr10_contract_needed",
            "tr10_relied_on",
        ]),
    ];
    match route.as_ref().and_then(not_needed) {
        Some(why) => pieces.extend([
            Piece::Chapter(&NOT_NEEDED),
            Piece::Blocks(vec![paragraph(lang.block(&why))]),
        ]),
        None => pieces.extend([
            Piece::Chapter(&STEP3),
            step(
                src,
                lang,
                &[
                    "tr11_authority_laws",
                    "tr11_laws_checked_on",
                    "tr11_laws_impinge",
                ],
            ),
            Piece::Chapter(&STEP4),
            step(src, lang, &["tr09_supplementary", "tr11_security_measures"]),
            Piece::Chapter(&STEP5),
            step(src, lang, &["tr08_scc_signed", "tr09_tia"]),
            Piece::Chapter(&STEP6),
            step(src, lang, &["tr09_reevaluate_on"]),
        ]),
    }
    pieces.extend([Piece::Chapter(&CONCLUSION), Piece::Blocks(conclusion)]);
    lay_out(src, lang, pieces)
}
