//! The routes in words, Chinese and English side by side so they never drift. A route that is
//! "likely — verify" says so and why; an undetermined one says so (the caller lists the questions).

use super::adequacy::{self, Adequate};
use super::eu_route::{Derogation, EuRoute, NoTransfer};
use super::facts::AdequacyDecision;
use super::filing::filing_window;
use super::prc_route::{
    ASSESSMENT_PEOPLE, ASSESSMENT_SENSITIVE, AssessmentTrigger, FILING_WORKING_DAYS, PrcGround,
    PrcRoute, VerifyReason,
};
use super::{Duty, DutyKind, PrcSide};
use crate::i18n::Text;

fn ground(g: PrcGround) -> (&'static str, &'static str) {
    match g {
        PrcGround::NoPersonalInfo => (
            "数据不含个人信息和重要数据（第三条）",
            "the data holds no personal information and no important data (Art. 3)",
        ),
        PrcGround::ReturnedAbroad => (
            "境外收集的个人信息经境内处理后回传境外，未加入境内个人信息或重要数据（第四条）",
            "personal information collected abroad is processed in China and sent back, with nothing from China added (Art. 4)",
        ),
        PrcGround::Contract => (
            "为订立、履行个人作为一方当事人的合同所必需（第五条第（一）项）",
            "truly needed for a contract the individual is party to (Art. 5(1))",
        ),
        PrcGround::Hr => (
            "按照依法制定的劳动规章制度和依法签订的集体合同实施跨境人力资源管理所必需（第五条第（二）项）",
            "truly needed for cross-border HR management under lawful labour rules (Art. 5(2))",
        ),
        PrcGround::Emergency => (
            "紧急情况下为保护自然人的生命健康和财产安全所必需（第五条第（三）项）",
            "truly needed in an emergency to protect life, health or property (Art. 5(3))",
        ),
        PrcGround::BelowThreshold => (
            "非关键信息基础设施运营者，自1月1日起累计不满10万人且不含敏感个人信息（第五条第（四）项）",
            "a non-CIIO that since 1 January sent abroad data of fewer than 100,000 people, none of it sensitive (Art. 5(4))",
        ),
        PrcGround::FreeTradeZone => (
            "数据不在所在自由贸易试验区的负面清单内（第六条）",
            "the data is outside the free trade zone's negative list (Art. 6)",
        ),
    }
}

/// A head count as a lawyer writes it: 1,000,000, not 1000000.
fn people(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn trigger(t: AssessmentTrigger) -> (String, String) {
    match t {
        AssessmentTrigger::ImportantData => ("含有重要数据".into(), "important data".into()),
        AssessmentTrigger::Ciio => (
            "输出方为关键信息基础设施运营者".into(),
            "the exporter is a CIIO".into(),
        ),
        AssessmentTrigger::People(n) => {
            let (n, floor) = (people(n), people(ASSESSMENT_PEOPLE));
            (
                format!("自1月1日起{n}人的非敏感个人信息（{floor}人以上）"),
                format!("non-sensitive data of {n} people since 1 January ({floor} or more)"),
            )
        }
        AssessmentTrigger::SensitivePeople(n) => {
            let (n, floor) = (people(n), people(ASSESSMENT_SENSITIVE));
            (
                format!("自1月1日起{n}人的敏感个人信息（{floor}人以上）"),
                format!("sensitive data of {n} people since 1 January ({floor} or more)"),
            )
        }
    }
}

/// The PRC route in one sentence.
pub fn prc_text(route: &PrcRoute) -> Text {
    match route {
        PrcRoute::Exempt {
            grounds,
            likely_verify,
        } => {
            let zh: Vec<&str> = grounds.iter().map(|g| ground(*g).0).collect();
            let en: Vec<&str> = grounds.iter().map(|g| ground(*g).1).collect();
            let (head_zh, head_en) = if likely_verify.is_some() {
                ("可能免予申报——须核实", "Likely exempt — verify")
            } else {
                ("免予申报", "Exempt")
            };
            let (why_zh, why_en) = match likely_verify {
                Some(VerifyReason::ReachOfArticle4) => (
                    "。境内团队服务境外客户是否属于“境外收集、境内处理后出境”，实务中有争议，须向所在地网信部门或律师确认，并确认处理中未加入境内个人信息",
                    ". Whether a team in China serving foreign customers counts as processing data brought in from abroad is debated: confirm with the provincial CAC or counsel, and that no personal information from China is added",
                ),
                Some(VerifyReason::ZoneListInForce) => (
                    "。须核对该自贸区现行负面清单并确认输出方在区内注册",
                    ". Check the zone's list in force and that the exporter is registered in that zone",
                ),
                None => ("", ""),
            };
            // Without personal information there is no one to tell or ask.
            let (owed_zh, owed_en) = if grounds.contains(&PrcGround::NoPersonalInfo) {
                ("", "")
            } else if route.emergency_only() {
                (
                    "紧急情况下无需取得同意；紧急情况消除后须及时告知本人，影响评估义务仍然适用。",
                    " No consent is needed in the emergency; the person must be told once it is over, and the impact assessment is still owed.",
                )
            } else {
                (
                    "告知、单独同意和影响评估义务仍然适用。",
                    " Notice, separate consent and the impact assessment are still owed.",
                )
            };
            Text::new(
                format!(
                    "{head_zh}：无需安全评估、标准合同或认证。依据：{}{why_zh}。{owed_zh}",
                    zh.join("；")
                ),
                format!(
                    "{head_en}: no security assessment, standard contract or certification is needed, because {}{why_en}.{owed_en}",
                    en.join("; ")
                ),
            )
        }
        PrcRoute::ContractOrCertification {
            contract_effective,
            filed_on,
        } => {
            let (when_zh, when_en) = match contract_effective {
                Some(day) => (
                    format!("自{day}生效之日起{FILING_WORKING_DAYS}个工作日内"),
                    format!(
                        "within {FILING_WORKING_DAYS} working days of it taking effect on {day}"
                    ),
                ),
                None => (
                    format!("自生效之日起{FILING_WORKING_DAYS}个工作日内"),
                    format!("within {FILING_WORKING_DAYS} working days of it taking effect"),
                ),
            };
            let filed = filed_text(contract_effective.as_deref(), filed_on.as_deref());
            Text::new(
                format!(
                    "标准合同或认证（由输出方选择）：订立标准合同的，{when_zh}连同个人信息保护影响评估报告向省级网信部门备案；或取得个人信息出境认证。{}",
                    filed.zh
                ),
                format!(
                    "Standard contract or certification, at the exporter's choice: a standard contract is filed with the provincial CAC, with the impact assessment report, {when_en}; or the transfer is certified.{}",
                    filed.en
                ),
            )
        }
        PrcRoute::SecurityAssessment { why } => {
            let (zh, en): (Vec<String>, Vec<String>) = why.iter().map(|t| trigger(*t)).unzip();
            Text::new(
                format!(
                    "须申报网信部门安全评估（{}）；评估结果有效期3年。",
                    zh.join("；")
                ),
                format!(
                    "CAC security assessment ({}); its result is valid for 3 years.",
                    en.join("; ")
                ),
            )
        }
        PrcRoute::Undetermined { .. } => Text::new(
            "尚未确定：以下决定路径的事实尚未回答。",
            "Undetermined: the facts that decide the route below are not answered yet.",
        ),
    }
}

/// The filing day against the ten-working-day window, said only when both days are given.
fn filed_text(effective: Option<&str>, filed: Option<&str>) -> Text {
    let (Some(effective), Some(filed)) = (effective, filed) else {
        return Text::new("", "");
    };
    let Some(window) = filing_window(effective, filed) else {
        return Text::new(
            format!("备案日期为{filed}，早于生效日期或无法识别，须核实。"),
            format!(
                " The filing date given, {filed}, is before the contract took effect or cannot be read: verify."
            ),
        );
    };
    let n = window.working_days;
    let (verdict_zh, verdict_en) = match (window.within, window.verify) {
        (true, false) => ("在10个工作日内", "within the 10 working days"),
        (false, false) => (
            "超过10个工作日，备案逾期",
            "more than 10 working days: filed late",
        ),
        (_, true) => (
            "该期间涉及法定节假日或调休，是否在10个工作日内须按当年国务院放假安排核实",
            "the period runs through a season of PRC public holidays or make-up working days, so whether it is within the 10 working days must be checked against that year's State Council holiday notice: verify",
        ),
    };
    Text::new(
        format!(
            "已于{filed}备案，距生效之日{n}个工作日（按周一至周五计算，未扣除法定节假日），{verdict_zh}。"
        ),
        format!(
            " Filed on {filed}: {n} working days after it took effect (counted Monday to Friday; public holidays not deducted), {verdict_en}."
        ),
    )
}

/// What must be in place before a PRC transfer whose required mechanism is missing may start or
/// go on; `None` when nothing is missing.
pub fn prc_stop_text(side: &PrcSide) -> Option<Text> {
    if !side.should_not_proceed {
        return None;
    }
    Some(match side.route {
        PrcRoute::SecurityAssessment { .. } => Text::new(
            "在通过网信部门的数据出境安全评估之前，不应开始该出境；已在进行的，应暂停。",
            "The transfer should not start, or continue, until the CAC security assessment is passed.",
        ),
        _ => Text::new(
            "在订立个人信息出境标准合同（生效后10个工作日内备案）或取得个人信息保护认证之前，不应开始该出境；已在进行的，应暂停。",
            "The transfer should not start, or continue, until the standard contract is in place (filed within 10 working days of taking effect) or certification is obtained.",
        ),
    })
}

/// The PRC side's route in words, with the free-trade-zone caveat while that question is open and
/// the stop when the required mechanism is missing.
pub fn prc_side_text(side: &PrcSide) -> Text {
    let text = prc_zone_text(side);
    match prc_stop_text(side) {
        Some(stop) => Text::new(
            format!("{}{}", text.zh, stop.zh),
            format!("{} {}", text.en, stop.en),
        ),
        None => text,
    }
}

fn prc_zone_text(side: &PrcSide) -> Text {
    let text = prc_text(&side.route);
    if !side.zone_open {
        return text;
    }
    Text::new(
        format!(
            "{}除非输出方注册在已发布负面清单的自由贸易试验区内且全部数据均不在清单内（《促进和规范数据跨境流动规定》第六条）——该问题尚未回答。",
            text.zh
        ),
        format!(
            "{} Unless the exporter is registered in a pilot free trade zone whose negative list leaves all of this data out (2024 Provisions Art. 6): not answered yet.",
            text.en
        ),
    )
}

/// An adequacy route in words, naming its decision and whom it covers.
fn adequacy_text(d: &Adequate) -> Text {
    Text::new(
        format!(
            "充分性决定：{}（{}，GDPR第45条第1款）{}；无需其他传输工具。",
            d.instrument.0, d.destination.0, d.only.0
        ),
        format!(
            "Adequacy: {} on {} (GDPR Art. 45(1)){}; no further transfer tool is needed.",
            d.instrument.1, d.destination.1, d.only.1
        ),
    )
}

/// One Art. 49(1) derogation in words, with its letter.
pub fn derogation_text(d: Derogation) -> Text {
    match d {
        Derogation::ExplicitConsent => Text::new(
            "告知风险后的明示同意（第49条第1款(a)项）",
            "explicit consent after being told the risks (Art. 49(1)(a))",
        ),
        Derogation::Contract => Text::new(
            "履行与其的合同所必需（第49条第1款(b)项）",
            "necessary for a contract with the person (Art. 49(1)(b))",
        ),
    }
}

/// The EU route in one sentence.
pub fn eu_text(route: &EuRoute) -> Text {
    // The Data Privacy Framework has words of its own (what happens when a certification lapses).
    if let EuRoute::Adequacy {
        decision: Some(decision),
    } = route
        && *decision != AdequacyDecision::UsDataPrivacyFramework
        && let Some(row) = adequacy::of(*decision)
    {
        return adequacy_text(row);
    }
    match route {
        EuRoute::NoTransfer {
            why: NoTransfer::DirectCollection,
        } => Text::new(
            "不构成向第三国传输：接收方直接向欧盟境内个人收集数据。但接收方须就此遵守整部GDPR（第3条第2款），通常须书面指定欧盟代表（第27条）。",
            "No transfer: the recipient collects the data directly from the people in the EU. It owes the whole GDPR for this processing (Art. 3(2)), normally including a representative in the EU (Art. 27).",
        ),
        EuRoute::NoTransfer {
            why: NoTransfer::RecipientInside,
        } => Text::new(
            "不构成向第三国传输：接收方位于欧盟/欧洲经济区内。",
            "No transfer: the recipient is inside the EU/EEA.",
        ),
        EuRoute::NoTransfer {
            why: NoTransfer::ExporterNotSubject,
        } => Text::new(
            "不构成第五章意义上的传输：提供数据的一方就该处理不适用GDPR。",
            "No Chapter V transfer: the party passing the data on is not subject to the GDPR for this processing.",
        ),
        EuRoute::Adequacy {
            decision: Some(AdequacyDecision::UsDataPrivacyFramework),
        } => Text::new(
            "充分性决定：欧美数据隐私框架（欧盟委员会实施决定（EU）2023/1795，GDPR第45条第1款），仅因接收方已加入该框架且认证涵盖所传数据；无需其他传输工具。认证失效或不再涵盖该数据的，须改用标准合同条款。",
            "Adequacy through the EU-U.S. Data Privacy Framework (Commission Implementing Decision (EU) 2023/1795, GDPR Art. 45(1)), only because the recipient is certified and its certification covers this data; no further transfer tool is needed. If the certification lapses or stops covering the data, SCCs are needed.",
        ),
        EuRoute::Adequacy { .. } => Text::new(
            "充分性决定：目的地有欧盟充分性决定（GDPR第45条第1款），无需其他传输工具。",
            "Adequacy: the destination has an EU adequacy decision (GDPR Art. 45(1)); no further transfer tool is needed.",
        ),
        EuRoute::Scc {
            module,
            should_not_proceed,
        } => {
            let n = module.number();
            let (stop_zh, stop_en) = if *should_not_proceed {
                (
                    "目的地法律可能使公权力机关超出必要限度获取数据，且没有有效的补充措施：不应进行该传输。",
                    " The destination's law may give authorities access beyond what is necessary and no supplementary measure works: the transfer should not proceed.",
                )
            } else {
                ("", "")
            };
            Text::new(
                format!(
                    "标准合同条款（2021年）模块{n}，并按EDPB第01/2020号建议的六个步骤完成传输影响评估。{stop_zh}"
                ),
                format!(
                    "The 2021 SCCs, Module {n}, with a transfer impact assessment along the six steps of EDPB Recommendations 01/2020.{stop_en}"
                ),
            )
        }
        EuRoute::SccNotAvailable => Text::new(
            "2021年标准合同条款不适用：接收方本身因第3条第2款受GDPR约束（欧盟委员会问答、决定鉴于条款第7条）；须另行讨论其他保障措施［待核实］，接收方须遵守整部GDPR。",
            "The 2021 SCCs are not available: the recipient is itself subject to the GDPR under Art. 3(2) (the Commission's Q&A, recital 7 of the decision); other safeguards have to be discussed [verify], and the recipient owes the whole GDPR.",
        ),
        EuRoute::Derogation { which } => {
            let (zh, en): (Vec<String>, Vec<String>) = which
                .iter()
                .map(|d| {
                    let t = derogation_text(*d);
                    (t.zh, t.en)
                })
                .unzip();
            Text::new(
                format!(
                    "第49条例外：{}；仅限偶发传输，条件不再成立时即须改用标准合同条款。",
                    zh.join("；")
                ),
                format!(
                    "Art. 49 derogation: {}; for occasional transfers only, and SCCs are needed as soon as its conditions stop holding.",
                    en.join("; ")
                ),
            )
        }
        EuRoute::Undetermined { .. } => Text::new(
            "尚未确定：决定欧盟侧路径的事实尚未全部回答。",
            "Undetermined: not every fact that decides the EU route is answered yet.",
        ),
    }
}

/// A duty and its state in words.
pub fn duty_text(duty: &Duty) -> Text {
    let (zh, en) = match duty.kind {
        DutyKind::RecipientNotice => (
            "告知境外接收方名称、联系方式、目的、方式、信息种类和行权方式（个人信息保护法第三十九条）",
            "Notice naming the foreign recipient, its contact, purpose, method, kinds of data and how to exercise rights (PIPL Art. 39)",
        ),
        DutyKind::SeparateConsent => (
            "就出境取得单独同意（个人信息保护法第三十九条）",
            "Separate consent to the transfer abroad (PIPL Art. 39)",
        ),
        DutyKind::NoticeAfterEmergency => (
            "紧急情况消除后及时告知本人境外接收方、目的和信息种类等事项（紧急情况下无需同意，个人信息保护法第十三条第一款第（四）项、第十八条第二款）",
            "Once the emergency is over, tell the person who received the data abroad, what for and which data (no consent is needed in an emergency: PIPL Arts 13(1)(4) and 18(2))",
        ),
        DutyKind::ImpactAssessment => (
            "出境前开展个人信息保护影响评估（个人信息保护法第五十五条第（四）项）",
            "Personal-information protection impact assessment before the transfer (PIPL Art. 55(4))",
        ),
        DutyKind::TransferImpactAssessment => (
            "传输影响评估（EDPB第01/2020号建议）",
            "Transfer impact assessment (EDPB Recommendations 01/2020)",
        ),
        DutyKind::EuRepresentative => (
            "书面指定欧盟代表（GDPR第27条）",
            "An EU representative designated in writing (GDPR Art. 27)",
        ),
    };
    let (state_zh, state_en) = match duty.met {
        Some(true) => ("已落实", "done"),
        Some(false) => ("未落实", "not done"),
        None => ("未回答", "not answered"),
    };
    Text::new(format!("{zh}：{state_zh}"), format!("{en}: {state_en}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_counts_are_grouped_by_thousands() {
        let (zh, en) = trigger(AssessmentTrigger::People(1_000_000));
        assert!(
            en.contains("1,000,000 people") && en.contains("(1,000,000 or more)"),
            "{en}"
        );
        assert!(zh.contains("1,000,000人"), "{zh}");
        assert_eq!(people(999), "999");
        assert_eq!(people(10_000), "10,000");
    }
}
