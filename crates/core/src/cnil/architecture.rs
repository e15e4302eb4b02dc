//! The CNIL tool's fixed PIA architecture (sections → items → questions, ids such as 111) and
//! where each part lands in DPO Desk's PIA template. This table is the one place the mapping is
//! decided; `docs/cnil-pia-format.md` shows it to people.

/// How a CNIL question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    List,
    Gauge,
}

/// One question of the CNIL architecture.
#[derive(Debug, Clone, Copy)]
pub struct CnilQuestion {
    pub id: u32,
    pub en: &'static str,
    pub zh: &'static str,
    pub kind: Kind,
    /// The DPO Desk question notes about it land on, when no question of the template is
    /// tagged with it (`tags.rs`) to take its answer.
    pub host: &'static str,
}

impl CnilQuestion {
    /// "1.1.2", as the tool numbers it on screen.
    pub fn number(&self) -> String {
        let id = self.id.to_string();
        let mut parts = id.chars().map(String::from).collect::<Vec<_>>();
        if parts.len() > 3 {
            let rest = parts.split_off(2).concat();
            parts.push(rest);
        }
        parts.join(".")
    }
}

/// The question DPO Desk keeps the risk register in.
pub const RISKS: &str = "pia10_risks";
/// The host of notes about the PIA as a whole.
pub const GENERAL: &str = "pia04_context";

const fn q(
    id: u32,
    en: &'static str,
    zh: &'static str,
    kind: Kind,
    host: &'static str,
) -> CnilQuestion {
    CnilQuestion {
        id,
        en,
        zh,
        kind,
        host,
    }
}

use Kind::{Gauge, List, Text as T};

/// Every question of the standard architecture, in the tool's order.
pub const QUESTIONS: [CnilQuestion; 36] = [
    q(
        111,
        "Processing under consideration",
        "所考虑的处理",
        T,
        "pia04_context",
    ),
    q(
        112,
        "Responsibilities linked to the processing",
        "与处理相关的责任",
        T,
        "pia04_context",
    ),
    q(
        113,
        "Applicable standards",
        "适用的标准",
        T,
        "pia04_context",
    ),
    q(121, "Data processed", "处理的数据", T, "pia04_lifecycle"),
    q(
        122,
        "Life cycle of data and processes",
        "数据和流程的生命周期",
        T,
        "pia04_lifecycle",
    ),
    q(
        123,
        "Data supporting assets",
        "数据的支撑资产",
        T,
        "pia04_lifecycle",
    ),
    q(211, "Purposes", "目的", T, "pia05_proportionate"),
    q(212, "Legal basis", "合法性基础", T, "pia05_proportionate"),
    q(
        213,
        "Adequate data (minimisation)",
        "数据适当（最小化）",
        T,
        "pia05_proportionate",
    ),
    q(214, "Data accuracy", "数据准确", T, "pia05_proportionate"),
    q(
        215,
        "Storage duration",
        "保存期限",
        T,
        "pia05_proportionate",
    ),
    q(
        221,
        "Information for the data subjects",
        "对个人的告知",
        T,
        "pia05_rights_information",
    ),
    q(
        222,
        "Obtaining consent",
        "取得同意",
        T,
        "pia05_rights_information",
    ),
    q(
        223,
        "Right of access and to data portability",
        "查阅权和可携带权",
        T,
        "pia05_rights_requests",
    ),
    q(
        224,
        "Right to rectification and erasure",
        "更正权和删除权",
        T,
        "pia05_rights_requests",
    ),
    q(
        225,
        "Right to restriction and to object",
        "限制处理权和反对权",
        T,
        "pia05_rights_objection",
    ),
    q(
        226,
        "Subcontracting (processors, contract)",
        "委托处理（受托方、合同）",
        T,
        "pia04_processors_assessed",
    ),
    q(
        227,
        "Transfers outside the EU",
        "向欧盟以外传输",
        T,
        "pia04_transfers_covered",
    ),
    q(
        321,
        "Illegitimate access: main impacts",
        "非法访问：主要影响",
        List,
        RISKS,
    ),
    q(
        322,
        "Illegitimate access: main threats",
        "非法访问：主要威胁",
        List,
        RISKS,
    ),
    q(
        323,
        "Illegitimate access: risk sources",
        "非法访问：风险源",
        List,
        RISKS,
    ),
    q(
        324,
        "Illegitimate access: controls",
        "非法访问：措施",
        List,
        RISKS,
    ),
    q(
        325,
        "Illegitimate access: severity",
        "非法访问：严重程度",
        Gauge,
        RISKS,
    ),
    q(
        326,
        "Illegitimate access: likelihood",
        "非法访问：可能性",
        Gauge,
        RISKS,
    ),
    q(
        331,
        "Unwanted modification: main impacts",
        "非预期篡改：主要影响",
        List,
        RISKS,
    ),
    q(
        332,
        "Unwanted modification: main threats",
        "非预期篡改：主要威胁",
        List,
        RISKS,
    ),
    q(
        333,
        "Unwanted modification: risk sources",
        "非预期篡改：风险源",
        List,
        RISKS,
    ),
    q(
        334,
        "Unwanted modification: controls",
        "非预期篡改：措施",
        List,
        RISKS,
    ),
    q(
        335,
        "Unwanted modification: severity",
        "非预期篡改：严重程度",
        Gauge,
        RISKS,
    ),
    q(
        336,
        "Unwanted modification: likelihood",
        "非预期篡改：可能性",
        Gauge,
        RISKS,
    ),
    q(
        341,
        "Data disappearance: main impacts",
        "数据丢失：主要影响",
        List,
        RISKS,
    ),
    q(
        342,
        "Data disappearance: main threats",
        "数据丢失：主要威胁",
        List,
        RISKS,
    ),
    q(
        343,
        "Data disappearance: risk sources",
        "数据丢失：风险源",
        List,
        RISKS,
    ),
    q(
        344,
        "Data disappearance: controls",
        "数据丢失：措施",
        List,
        RISKS,
    ),
    q(
        345,
        "Data disappearance: severity",
        "数据丢失：严重程度",
        Gauge,
        RISKS,
    ),
    q(
        346,
        "Data disappearance: likelihood",
        "数据丢失：可能性",
        Gauge,
        RISKS,
    ),
];

pub fn question(id: u32) -> Option<CnilQuestion> {
    QUESTIONS.iter().copied().find(|q| q.id == id)
}

/// One of the three fixed CNIL risks (items 3.2, 3.3, 3.4).
#[derive(Debug, Clone, Copy)]
pub struct CnilRisk {
    /// 2, 3 or 4: the item number and the tens digit of its questions.
    pub item: u32,
    pub en: &'static str,
    pub zh: &'static str,
    /// The `category` value of DPO Desk's risk register.
    pub category: &'static str,
}

impl CnilRisk {
    pub fn reference(&self) -> String {
        format!("3.{}", self.item)
    }

    /// Question id of the pattern's `n`th question (1 impacts … 6 likelihood).
    pub fn question(&self, n: u32) -> u32 {
        300 + self.item * 10 + n
    }
}

pub const RISK_ITEMS: [CnilRisk; 3] = [
    CnilRisk {
        item: 2,
        en: "Illegitimate access to data",
        zh: "数据被非法访问",
        category: "illegitimate_access",
    },
    CnilRisk {
        item: 3,
        en: "Unwanted modification of data",
        zh: "数据被非预期篡改",
        category: "unwanted_modification",
    },
    CnilRisk {
        item: 4,
        en: "Data disappearance",
        zh: "数据丢失",
        category: "disappearance",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_architecture_has_every_question_once() {
        let mut sorted: Vec<u32> = QUESTIONS.iter().map(|q| q.id).collect();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 36);
        for risk in RISK_ITEMS {
            for n in 1..=6 {
                assert!(question(risk.question(n)).is_some());
            }
        }
        assert_eq!(question(112).map(|q| q.number()), Some("1.1.2".to_owned()));
    }
}
