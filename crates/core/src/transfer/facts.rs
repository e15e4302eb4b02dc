//! The facts a transfer assessment gives, read from its answers by question id. A fact that is not
//! answered (or hidden) is `None`: the routes treat it as open, never as a "no".

use crate::assessment::Answers;

/// Where the personal information sent out of the PRC was collected or generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    InPrc,
    /// Collected abroad, processed in the PRC and sent back, nothing from the PRC added (Art. 4).
    AbroadOnly,
    Mixed,
}

/// What the personal information sent abroad is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Contract,
    Hr,
    Emergency,
    Marketing,
    Analytics,
    Other,
}

impl Purpose {
    /// One of the Art. 5(1)-(3) grounds, which can exempt a transfer when truly necessary.
    pub fn is_necessity_ground(self) -> bool {
        matches!(self, Purpose::Contract | Purpose::Hr | Purpose::Emergency)
    }
}

/// The PRC side's facts (questions `tr02_*` … `tr06_*`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PrcFacts {
    pub personal_info: Option<bool>,
    pub important_data: Option<bool>,
    pub ciio: Option<bool>,
    pub origin: Option<Origin>,
    /// People whose non-sensitive personal information the exporter sent abroad since 1 January.
    pub nonsensitive: Option<u64>,
    /// People whose sensitive personal information the exporter sent abroad since 1 January.
    pub sensitive: Option<u64>,
    pub purposes: Option<Vec<Purpose>>,
    pub truly_necessary: Option<bool>,
    pub hr_rules: Option<bool>,
    pub free_trade_zone: Option<bool>,
    pub outside_negative_list: Option<bool>,
    /// The day the standard contract took effect, if one was signed.
    pub contract_effective: Option<String>,
    /// The day the standard contract was filed with the provincial CAC, if asked and given.
    pub contract_filed_on: Option<String>,
    /// The mechanism in place, as answered.
    pub mechanism: Option<Mechanism>,
    pub notice: Option<bool>,
    pub separate_consent: Option<bool>,
    /// After an emergency transfer: whether the person was told once the emergency was over.
    pub notice_after: Option<bool>,
    pub impact_assessment: Option<bool>,
}

/// The PRC mechanism the exporter has in place (`tr04_mechanism`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mechanism {
    SecurityAssessment,
    ContractFiled,
    ContractUnfiled,
    Certification,
    /// None of them.
    Nothing,
}

/// How the recipient outside the EU/EEA gets the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    /// From the people in the EU themselves: no transfer (EDPB Guidelines 05/2021).
    Direct,
    ViaEu,
    ViaNonEu,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Controller,
    Processor,
}

/// A module of the 2021 SCCs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SccModule {
    /// Controller to controller.
    One,
    /// Controller to processor.
    Two,
    /// Processor to processor.
    Three,
    /// Processor to controller.
    Four,
}

impl SccModule {
    /// The module the parties' roles call for.
    pub fn for_roles(exporter: Role, importer: Role) -> SccModule {
        match (exporter, importer) {
            (Role::Controller, Role::Controller) => SccModule::One,
            (Role::Controller, Role::Processor) => SccModule::Two,
            (Role::Processor, Role::Processor) => SccModule::Three,
            (Role::Processor, Role::Controller) => SccModule::Four,
        }
    }

    pub fn number(self) -> u8 {
        match self {
            SccModule::One => 1,
            SccModule::Two => 2,
            SccModule::Three => 3,
            SccModule::Four => 4,
        }
    }
}

/// The adequacy decision a transfer rests on (GDPR 45); each named one has its row in
/// `adequacy::DECISIONS` (instrument, register entry, whom it covers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdequacyDecision {
    Andorra,
    Argentina,
    /// Only commercial organisations subject to PIPEDA.
    CanadaCommercial,
    FaroeIslands,
    Guernsey,
    Israel,
    IsleOfMan,
    Japan,
    Jersey,
    NewZealand,
    Korea,
    Switzerland,
    UnitedKingdom,
    Uruguay,
    /// An international organisation: the first decision for one.
    EuropeanPatentOrganisation,
    /// Only for an importer certified under the EU-U.S. Data Privacy Framework whose certification
    /// covers the data.
    UsDataPrivacyFramework,
    /// Another adequate destination, not named here.
    Other,
}

/// Supplementary measures against access by the destination's authorities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measures {
    Effective,
    Partial,
    None,
}

/// The EU side's facts (questions `tr07_*` … `tr10_*`, and `tr11_laws_impinge`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EuFacts {
    pub recipient_outside: Option<bool>,
    pub collection: Option<Collection>,
    pub exporter_subject: Option<bool>,
    pub recipient_subject: Option<bool>,
    pub representative: Option<bool>,
    pub adequacy: Option<bool>,
    pub adequacy_decision: Option<AdequacyDecision>,
    pub exporter_role: Option<Role>,
    pub importer_role: Option<Role>,
    /// `Some(None)`: the answer is "none signed".
    pub scc_signed: Option<Option<SccModule>>,
    pub tia_done: Option<bool>,
    pub measures: Option<Measures>,
    pub laws_impinge: Option<bool>,
    pub laws_checked_on: Option<String>,
    pub systematic: Option<bool>,
    pub explicit_consent: Option<bool>,
    pub contract_needed: Option<bool>,
}

/// Which regimes the routing answer brings in; unanswered, both (the conservative reading).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sides {
    pub prc: bool,
    pub eu: bool,
}

/// Everything one transfer assessment says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TransferFacts {
    pub prc: PrcFacts,
    pub eu: EuFacts,
}

fn text<'a>(answers: &'a Answers, id: &str) -> Option<&'a str> {
    answers
        .get(id)
        .and_then(|a| a.as_text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

fn yes(answers: &Answers, id: &str) -> Option<bool> {
    match text(answers, id)? {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

fn count(answers: &Answers, id: &str) -> Option<u64> {
    let n = answers.get(id)?.as_number()?;
    // A count of people is a whole, non-negative number; anything else stays open.
    (n >= 0.0 && n.fract() == 0.0 && n <= u64::MAX as f64).then_some(n as u64)
}

fn role(answers: &Answers, id: &str) -> Option<Role> {
    match text(answers, id)? {
        "controller" => Some(Role::Controller),
        "processor" => Some(Role::Processor),
        _ => None,
    }
}

impl Sides {
    pub fn of(answers: &Answers) -> Sides {
        match text(answers, "tr01_regime") {
            Some("prc") => Sides {
                prc: true,
                eu: false,
            },
            Some("eu") => Sides {
                prc: false,
                eu: true,
            },
            _ => Sides {
                prc: true,
                eu: true,
            },
        }
    }
}

impl TransferFacts {
    pub fn from_answers(answers: &Answers) -> TransferFacts {
        let purposes = answers
            .get("tr03_purposes")
            .and_then(|a| a.as_list())
            .filter(|l| !l.is_empty())
            .map(|list| {
                list.iter()
                    .filter_map(|p| match p.as_str() {
                        "contract" => Some(Purpose::Contract),
                        "hr" => Some(Purpose::Hr),
                        "emergency" => Some(Purpose::Emergency),
                        "marketing" => Some(Purpose::Marketing),
                        "analytics" => Some(Purpose::Analytics),
                        "other" => Some(Purpose::Other),
                        _ => None,
                    })
                    .collect()
            });
        let prc = PrcFacts {
            personal_info: yes(answers, "tr02_personal_info"),
            important_data: yes(answers, "tr02_important_data"),
            ciio: yes(answers, "tr02_ciio"),
            origin: match text(answers, "tr02_origin") {
                Some("in_prc") => Some(Origin::InPrc),
                Some("abroad_only") => Some(Origin::AbroadOnly),
                Some("mixed") => Some(Origin::Mixed),
                _ => None,
            },
            nonsensitive: count(answers, "tr02_count_nonsensitive"),
            sensitive: count(answers, "tr02_count_sensitive"),
            purposes,
            truly_necessary: yes(answers, "tr03_truly_necessary"),
            hr_rules: yes(answers, "tr03_hr_rules"),
            free_trade_zone: yes(answers, "tr03_ftz"),
            outside_negative_list: yes(answers, "tr03_ftz_outside_list"),
            contract_effective: text(answers, "tr04_contract_effective").map(str::to_owned),
            contract_filed_on: text(answers, "tr04_filing_date").map(str::to_owned),
            mechanism: match text(answers, "tr04_mechanism") {
                Some("security_assessment") => Some(Mechanism::SecurityAssessment),
                Some("contract_filed") => Some(Mechanism::ContractFiled),
                Some("contract_unfiled") => Some(Mechanism::ContractUnfiled),
                Some("certification") => Some(Mechanism::Certification),
                Some("none") => Some(Mechanism::Nothing),
                _ => None,
            },
            notice: yes(answers, "tr05_notice"),
            separate_consent: yes(answers, "tr05_separate_consent"),
            notice_after: yes(answers, "tr05_notice_after"),
            impact_assessment: yes(answers, "tr06_pipia"),
        };
        let eu = EuFacts {
            recipient_outside: yes(answers, "tr07_recipient_outside"),
            collection: match text(answers, "tr07_collection") {
                Some("direct") => Some(Collection::Direct),
                Some("via_eu") => Some(Collection::ViaEu),
                Some("via_non_eu") => Some(Collection::ViaNonEu),
                _ => None,
            },
            exporter_subject: yes(answers, "tr07_exporter_gdpr"),
            recipient_subject: yes(answers, "tr07_recipient_gdpr"),
            representative: yes(answers, "tr07_eu_representative"),
            adequacy: yes(answers, "tr08_adequacy"),
            adequacy_decision: text(answers, "tr08_adequacy_decision")
                .and_then(super::adequacy::by_value),
            exporter_role: role(answers, "tr08_exporter_role"),
            importer_role: role(answers, "tr08_importer_role"),
            scc_signed: match text(answers, "tr08_scc_signed") {
                Some("m1") => Some(Some(SccModule::One)),
                Some("m2") => Some(Some(SccModule::Two)),
                Some("m3") => Some(Some(SccModule::Three)),
                Some("m4") => Some(Some(SccModule::Four)),
                Some("none") => Some(None),
                _ => None,
            },
            tia_done: yes(answers, "tr09_tia"),
            measures: match text(answers, "tr09_supplementary") {
                Some("effective") => Some(Measures::Effective),
                Some("partial") => Some(Measures::Partial),
                Some("none") => Some(Measures::None),
                _ => None,
            },
            laws_impinge: yes(answers, "tr11_laws_impinge"),
            laws_checked_on: text(answers, "tr11_laws_checked_on").map(str::to_owned),
            systematic: yes(answers, "tr10_systematic"),
            explicit_consent: yes(answers, "tr10_explicit_consent"),
            contract_needed: yes(answers, "tr10_contract_needed"),
        };
        TransferFacts { prc, eu }
    }
}
