//! The EU adequacy decisions in force (GDPR 45, and decisions under Directive 95/46/EC that Art.
//! 45(9) keeps in force), one row each: the answer of `tr08_adequacy_decision` that picks it, the
//! law register entry it cites and the words a route uses to name it. The instrument numbers are
//! the register's too (a test keeps each row's number in its entry's article); where a number
//! could not be confirmed the words say so instead of guessing one.

use super::facts::AdequacyDecision;
use AdequacyDecision as D;

/// One adequacy decision and how the route names it.
#[derive(Debug)]
pub struct Adequate {
    pub decision: AdequacyDecision,
    /// The value of `tr08_adequacy_decision` that picks it.
    pub value: &'static str,
    /// Its law register key.
    pub key: &'static str,
    /// The destination, zh and en.
    pub destination: (&'static str, &'static str),
    /// The instrument as cited, zh and en.
    pub instrument: (&'static str, &'static str),
    /// Whom at the destination it covers, when not everyone there (a clause that follows the
    /// citation), zh and en.
    pub only: (&'static str, &'static str),
}

const fn row(
    decision: AdequacyDecision,
    value: &'static str,
    key: &'static str,
    destination: (&'static str, &'static str),
    instrument: (&'static str, &'static str),
    only: (&'static str, &'static str),
) -> Adequate {
    Adequate {
        decision,
        value,
        key,
        destination,
        instrument,
        only,
    }
}

const EVERYONE: (&str, &str) = ("", "");

/// Every decision a route can name, in the order the template lists them.
pub const DECISIONS: &[Adequate] = &[
    row(
        D::Andorra,
        "andorra",
        "GDPR-45-AD",
        ("安道尔", "Andorra"),
        (
            "欧盟委员会决定2010/625/EU",
            "Commission Decision 2010/625/EU",
        ),
        EVERYONE,
    ),
    row(
        D::Argentina,
        "argentina",
        "GDPR-45-AR",
        ("阿根廷", "Argentina"),
        (
            "欧盟委员会决定2003/490/EC",
            "Commission Decision 2003/490/EC",
        ),
        EVERYONE,
    ),
    row(
        D::CanadaCommercial,
        "canada_pipeda",
        "GDPR-45-CA",
        ("加拿大", "Canada"),
        ("欧盟委员会决定2002/2/EC", "Commission Decision 2002/2/EC"),
        (
            "，仅因接收方是受加拿大《个人信息保护和电子文件法》（PIPEDA）约束的商业机构（不受该法约束的接收方须另用传输工具）",
            ", only because the recipient is a commercial organisation subject to Canada's Personal Information Protection and Electronic Documents Act, PIPEDA (a recipient outside it would need another transfer tool)",
        ),
    ),
    row(
        D::FaroeIslands,
        "faroe_islands",
        "GDPR-45-FO",
        ("法罗群岛", "the Faroe Islands"),
        (
            "欧盟委员会决定2010/146/EU",
            "Commission Decision 2010/146/EU",
        ),
        EVERYONE,
    ),
    row(
        D::Guernsey,
        "guernsey",
        "GDPR-45-GG",
        ("根西岛", "Guernsey"),
        (
            "欧盟委员会决定2003/821/EC",
            "Commission Decision 2003/821/EC",
        ),
        EVERYONE,
    ),
    row(
        D::Israel,
        "israel",
        "GDPR-45-IL",
        ("以色列", "Israel"),
        ("欧盟委员会决定2011/61/EU", "Commission Decision 2011/61/EU"),
        EVERYONE,
    ),
    row(
        D::IsleOfMan,
        "isle_of_man",
        "GDPR-45-IM",
        ("马恩岛", "the Isle of Man"),
        (
            "欧盟委员会决定2004/411/EC",
            "Commission Decision 2004/411/EC",
        ),
        EVERYONE,
    ),
    row(
        D::Japan,
        "japan",
        "GDPR-45-JP",
        ("日本", "Japan"),
        (
            "欧盟委员会实施决定（EU）2019/419",
            "Commission Implementing Decision (EU) 2019/419",
        ),
        (
            "，接收方须受日本《个人信息保护法》约束",
            ", for a recipient bound by Japan's Act on the Protection of Personal Information",
        ),
    ),
    row(
        D::Jersey,
        "jersey",
        "GDPR-45-JE",
        ("泽西岛", "Jersey"),
        (
            "欧盟委员会决定2008/393/EC",
            "Commission Decision 2008/393/EC",
        ),
        EVERYONE,
    ),
    row(
        D::NewZealand,
        "new_zealand",
        "GDPR-45-NZ",
        ("新西兰", "New Zealand"),
        (
            "欧盟委员会实施决定2013/65/EU",
            "Commission Implementing Decision 2013/65/EU",
        ),
        EVERYONE,
    ),
    row(
        D::Korea,
        "korea",
        "GDPR-45-KR",
        ("大韩民国", "the Republic of Korea"),
        (
            "欧盟委员会实施决定（EU）2022/254",
            "Commission Implementing Decision (EU) 2022/254",
        ),
        (
            "，接收方须受韩国《个人信息保护法》约束",
            ", for a recipient subject to Korea's Personal Information Protection Act",
        ),
    ),
    row(
        D::Switzerland,
        "switzerland",
        "GDPR-45-CH",
        ("瑞士", "Switzerland"),
        (
            "欧盟委员会决定2000/518/EC",
            "Commission Decision 2000/518/EC",
        ),
        EVERYONE,
    ),
    row(
        D::UnitedKingdom,
        "united_kingdom",
        "GDPR-45-UK",
        ("英国", "the United Kingdom"),
        (
            "欧盟委员会实施决定（EU）2021/1772（2025年12月续期，续期决定编号［待核实］）",
            "Commission Implementing Decision (EU) 2021/1772 (renewed in December 2025; the renewing decision's number [verify])",
        ),
        EVERYONE,
    ),
    row(
        D::Uruguay,
        "uruguay",
        "GDPR-45-UY",
        ("乌拉圭", "Uruguay"),
        (
            "欧盟委员会实施决定2012/484/EU",
            "Commission Implementing Decision 2012/484/EU",
        ),
        EVERYONE,
    ),
    row(
        D::EuropeanPatentOrganisation,
        "epo",
        "GDPR-45-EPO",
        ("欧洲专利组织", "the European Patent Organisation"),
        (
            "欧盟委员会实施决定（EU）2025/1382",
            "Commission Implementing Decision (EU) 2025/1382",
        ),
        EVERYONE,
    ),
    row(
        D::UsDataPrivacyFramework,
        "us_dpf",
        "GDPR-45-US-DPF",
        ("美国", "the United States"),
        (
            "欧盟委员会实施决定（EU）2023/1795",
            "Commission Implementing Decision (EU) 2023/1795",
        ),
        (
            "，仅因接收方已加入欧美数据隐私框架且认证涵盖所传数据",
            ", only because the recipient is certified under the EU-U.S. Data Privacy Framework and its certification covers this data",
        ),
    ),
];

/// The row of a named decision; `None` for "another country", which names none.
pub fn of(decision: AdequacyDecision) -> Option<&'static Adequate> {
    DECISIONS.iter().find(|d| d.decision == decision)
}

/// The decision an answer of `tr08_adequacy_decision` picks.
pub fn by_value(value: &str) -> Option<AdequacyDecision> {
    if value == "other" {
        return Some(AdequacyDecision::Other);
    }
    DECISIONS
        .iter()
        .find(|d| d.value == value)
        .map(|d| d.decision)
}
