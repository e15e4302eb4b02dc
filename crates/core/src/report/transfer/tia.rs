//! The transfer impact assessment report for a transfer out of the EU/EEA, along the six steps of
//! EDPB Recommendations 01/2020: know the transfer; the transfer tool; the law and practice of
//! the destination (dated, as answered); supplementary measures; procedural steps; re-evaluation.

use super::scaffold::{Piece, findings, lay_out};
use super::{route, w};
use crate::report::common::{Source, paragraph};
use crate::report::model::{Block, ReportLang};
use crate::report::wording::W;
use crate::template::RegimeScope;

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

pub fn blocks(src: &Source, lang: ReportLang) -> Vec<Block> {
    let stop = crate::transfer::routes(&src.template, &src.answers, &src.law)
        .and_then(|r| r.eu)
        .is_some_and(|e| {
            matches!(
                e.route,
                crate::transfer::EuRoute::Scc {
                    should_not_proceed: true,
                    ..
                }
            )
        });
    let mut conclusion: Vec<Block> = stop
        .then(|| paragraph(lang.block(&STOP)))
        .into_iter()
        .collect();
    conclusion.extend(findings(src, lang, RegimeScope::Prc));
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
    lay_out(
        src,
        lang,
        vec![
            Piece::Chapter(&STEP1),
            Piece::Rows(&step1),
            Piece::Chapter(&STEP2),
            Piece::Blocks(route::eu_blocks(src, lang)),
            Piece::Rows(&[
                "tr08_adequacy",
                "tr08_exporter_role",
                "tr08_importer_role",
                "tr08_scc_signed",
                "tr10_systematic",
                "tr10_explicit_consent",
                "tr10_contract_needed",
                "tr10_relied_on",
            ]),
            Piece::Chapter(&STEP3),
            Piece::Rows(&[
                "tr11_authority_laws",
                "tr11_laws_checked_on",
                "tr11_laws_impinge",
            ]),
            Piece::Chapter(&STEP4),
            Piece::Rows(&["tr09_supplementary", "tr11_security_measures"]),
            Piece::Chapter(&STEP5),
            Piece::Rows(&["tr08_scc_signed", "tr09_tia"]),
            Piece::Chapter(&STEP6),
            Piece::Rows(&["tr09_reevaluate_on"]),
            Piece::Chapter(&CONCLUSION),
            Piece::Blocks(conclusion),
        ],
    )
}
