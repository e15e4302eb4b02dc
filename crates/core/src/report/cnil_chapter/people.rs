//! The people of a CNIL PIA (author, evaluator, DPO, data subjects) with their opinions, the
//! screening the CNIL tool stands for, and the PIA's status in the tool. A validation in the
//! CNIL tool is that tool's decision, shown as imported: it is never a DPO Desk sign-off, and the
//! CNIL format holds no date for it.

use super::{day, rows, source_note, t, value};
use crate::cnil::model::CnilPia;
use crate::i18n::Text;
use crate::report::model::{Block, ReportLang};

/// The screening of a CNIL PIA: decided in the CNIL tool, whose method presumes the PIA.
pub fn screening(lang: ReportLang) -> Vec<Block> {
    vec![rows(
        lang,
        vec![(
            t("是否须开展评估", "Is a PIA needed"),
            lang.inline(&t(
                "已在 CNIL 工具中决定（导入）：该工具按 GDPR 第35条开展评估，以评估必要为前提；DPO Desk 的筛查问题未作答",
                "decided in the CNIL tool (imported): the tool follows GDPR Art. 35 and presumes the PIA is needed; DPO Desk's screening questions were not asked",
            )),
        )],
    )]
}

fn verdict(status: Option<u8>, yes: Text, no: Text) -> Option<Text> {
    status.map(|s| if s == 1 { yes } else { no })
}

/// The author, evaluator and validator, the DPO's opinion and the data subjects' opinion.
pub fn opinions(pia: &CnilPia, lang: ReportLang) -> Vec<Block> {
    let h = &pia.header;
    let mut r: Vec<(Text, String)> = Vec::new();
    let mut put = |label: Text, v: Option<String>| {
        if let Some(v) = v {
            r.push((label, v));
        }
    };
    put(t("作者", "Author"), value(&h.author_name));
    put(t("评估人", "Evaluator"), value(&h.evaluator_name));
    put(t("验证人", "Validator"), value(&h.validator_name));
    put(t("DPO", "DPO"), value(&h.dpos_names));
    put(
        t("DPO 的结论", "DPO's verdict"),
        verdict(
            value(&h.dpo_status),
            t("可以开展处理", "the processing may go ahead"),
            t("不应开展处理", "the processing should not go ahead"),
        )
        .map(|v| lang.inline(&v)),
    );
    put(t("DPO 的意见", "DPO's opinion"), value(&h.dpo_opinion));
    let sought = value(&h.people_searched).map(|s| {
        lang.inline(&if s {
            t("已征求", "sought")
        } else {
            t("未征求", "not sought")
        })
    });
    put(
        t("是否征求了个人的意见", "Data subjects' opinion sought"),
        sought,
    );
    put(
        t("未征求的理由", "Why it was not sought"),
        value(&h.people_searched_content),
    );
    put(
        t("被征求意见的个人或代表", "People consulted"),
        value(&h.people_names),
    );
    put(
        t("个人的结论", "Their verdict"),
        verdict(
            value(&h.people_status),
            t("同意开展处理", "favourable to the processing"),
            t("不同意开展处理", "unfavourable to the processing"),
        )
        .map(|v| lang.inline(&v)),
    );
    put(t("个人的意见", "Their opinion"), value(&h.people_opinion));
    for user in &h.users {
        r.push((
            t("CNIL 服务器上的用户", "User on the CNIL server"),
            user.value.clone(),
        ));
    }
    if r.is_empty() {
        return Vec::new();
    }
    vec![
        Block::Heading {
            level: 2,
            text: lang.inline(&t(
                "CNIL PIA：参与人员及意见",
                "CNIL PIA: people and opinions",
            )),
        },
        source_note(lang),
        rows(lang, r),
    ]
}

/// The PIA's status in the CNIL tool, and its dates.
pub fn validation(pia: &CnilPia, lang: ReportLang) -> Vec<Block> {
    let h = &pia.header;
    let who = value(&h.validator_name).unwrap_or_else(|| "—".to_owned());
    let status = match value(&h.status).unwrap_or(0) {
        0 => t(
            "导出时在 CNIL 工具中仍在进行，尚未验证（导入）",
            "in progress in the CNIL tool when exported, not validated (imported)",
        ),
        1 => Text::new(
            format!("已由 {who} 在 CNIL 工具中驳回（导入）"),
            format!("refused in the CNIL tool by {who} (imported)"),
        ),
        2 => Text::new(
            format!("已由 {who} 在 CNIL 工具中验证（导入）"),
            format!("validated in the CNIL tool by {who} (imported)"),
        ),
        3 => Text::new(
            format!("已由 {who} 在 CNIL 工具中签字验证（导入）"),
            format!("validated with signature in the CNIL tool by {who} (imported)"),
        ),
        _ => t(
            "CNIL 工具中记录为已放弃处理（导入）",
            "processing abandoned, as recorded in the CNIL tool (imported)",
        ),
    };
    let mut r = vec![(
        t("CNIL 工具中的状态", "Status in the CNIL tool"),
        lang.inline(&status),
    )];
    if value(&h.status).is_some_and(|s| (1..=3).contains(&s)) {
        r.push((
            t("决定日期", "Date of the decision"),
            lang.inline(&t(
                "CNIL 格式不记录验证或驳回的日期",
                "the CNIL format holds no date for a validation or refusal",
            )),
        ));
    }
    if let Some(reason) = value(&h.rejection_reason) {
        r.push((t("驳回理由", "Reason for refusal"), reason));
    }
    if let Some(changes) = value(&h.applied_adjustments) {
        r.push((t("驳回后所作的修改", "Adjustments made since"), changes));
    }
    if let Some(category) = value(&h.category) {
        r.push((t("类别", "Category"), category));
    }
    if let Some(d) = value(&h.created_at) {
        r.push((t("在 CNIL 工具中创建", "Created in the CNIL tool"), day(&d)));
    }
    if let Some(d) = value(&h.updated_at) {
        r.push((
            t("在 CNIL 工具中最后修改", "Last changed in the CNIL tool"),
            day(&d),
        ));
    }
    let template = [value(&h.structure_name), value(&h.structure_sector)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    if !template.is_empty() {
        r.push((
            t("CNIL 自定义模板", "CNIL custom template"),
            template.join(" — "),
        ));
    }
    r.push((
        t("说明", "Note"),
        lang.inline(&t(
            "这是 CNIL 工具中的决定，不是 DPO Desk 的签批",
            "this is the CNIL tool's decision, not a DPO Desk sign-off",
        )),
    ));
    vec![rows(lang, r)]
}
