//! The PRC route for one transfer, from the facts alone: the 2024 Provisions on Promoting and
//! Regulating Cross-Border Data Flows (CAC Order 16) Arts 3-8, PIPL 38-40 and the Standard Contract
//! Measures (CAC Order 13). Pure: no answers, no register, no clock.
//!
//! Order of the tests: a free-trade-zone negative list (Art. 6); no personal information and no
//! important data (Art. 3); important data (Art. 7, an assessment whatever else holds, since the
//! Art. 4-5 exemptions cover personal information only); data collected abroad and sent back
//! (Art. 4); the contract, HR and emergency grounds (Art. 5(1)-(3), open to CIIOs too); a CIIO
//! (Art. 7); the volumes since 1 January ("以上" includes the number: 1,000,000 and 10,000 are
//! assessment, 100,000 and 1 sensitive are contract); below them, Art. 5(4).

use super::facts::{Mechanism, Origin, PrcFacts, Purpose};
use super::walk::{Tri, Walk, and, not, or};

/// At or above: a security assessment (non-sensitive, people since 1 January).
pub const ASSESSMENT_PEOPLE: u64 = 1_000_000;
/// At or above: a security assessment (sensitive).
pub const ASSESSMENT_SENSITIVE: u64 = 10_000;
/// At or above: the standard contract or certification (non-sensitive).
pub const CONTRACT_PEOPLE: u64 = 100_000;
/// Working days after the standard contract takes effect within which it is filed.
pub const FILING_WORKING_DAYS: u32 = 10;

/// Why a transfer needs no assessment, contract or certification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrcGround {
    /// Art. 3: no personal information and no important data.
    NoPersonalInfo,
    /// Art. 4: collected abroad, processed in the PRC, sent back, nothing from the PRC added.
    ReturnedAbroad,
    /// Art. 5(1): truly needed for a contract the individual is party to.
    Contract,
    /// Art. 5(2): truly needed for cross-border HR under lawful labour rules.
    Hr,
    /// Art. 5(3): an emergency.
    Emergency,
    /// Art. 5(4): a non-CIIO below 100,000 people, no sensitive data.
    BelowThreshold,
    /// Art. 6: outside a free-trade zone's negative list.
    FreeTradeZone,
}

impl PrcGround {
    /// The stable word for JSON and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            PrcGround::NoPersonalInfo => "art3_no_personal_info",
            PrcGround::ReturnedAbroad => "art4_returned_abroad",
            PrcGround::Contract => "art5_1_contract",
            PrcGround::Hr => "art5_2_hr",
            PrcGround::Emergency => "art5_3_emergency",
            PrcGround::BelowThreshold => "art5_4_below_threshold",
            PrcGround::FreeTradeZone => "art6_free_trade_zone",
        }
    }

    pub fn cite(self) -> &'static str {
        match self {
            PrcGround::NoPersonalInfo => "CAC-O16-3",
            PrcGround::ReturnedAbroad => "CAC-O16-4",
            PrcGround::Contract => "CAC-O16-5-1",
            PrcGround::Hr => "CAC-O16-5-2",
            PrcGround::Emergency => "CAC-O16-5-3",
            PrcGround::BelowThreshold => "CAC-O16-5-4",
            PrcGround::FreeTradeZone => "CAC-O16-6",
        }
    }
}

/// Why an exemption is "likely — verify" rather than settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyReason {
    /// Whether serving foreign customers from the PRC is "bringing data in and sending it back"
    /// is debated.
    ReachOfArticle4,
    /// The zone's list changes; the exporter's registration in that zone must be confirmed.
    ZoneListInForce,
}

/// What makes a security assessment necessary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessmentTrigger {
    ImportantData,
    Ciio,
    People(u64),
    SensitivePeople(u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrcRoute {
    Exempt {
        grounds: Vec<PrcGround>,
        likely_verify: Option<VerifyReason>,
    },
    /// The exporter's choice: the standard contract, filed within [`FILING_WORKING_DAYS`] of
    /// taking effect (the day, when given), or certification.
    ContractOrCertification {
        contract_effective: Option<String>,
        /// The filing day, when the contract is answered as filed and the day given.
        filed_on: Option<String>,
    },
    SecurityAssessment {
        why: Vec<AssessmentTrigger>,
    },
    /// Question ids of the open facts that decide the route.
    Undetermined {
        missing: Vec<&'static str>,
    },
}

impl VerifyReason {
    pub fn as_str(self) -> &'static str {
        match self {
            VerifyReason::ReachOfArticle4 => "reach_of_art4",
            VerifyReason::ZoneListInForce => "zone_list_in_force",
        }
    }
}

impl AssessmentTrigger {
    pub fn as_str(self) -> &'static str {
        match self {
            AssessmentTrigger::ImportantData => "important_data",
            AssessmentTrigger::Ciio => "ciio",
            AssessmentTrigger::People(_) => "people",
            AssessmentTrigger::SensitivePeople(_) => "sensitive_people",
        }
    }
}

impl PrcRoute {
    /// Exempt for an emergency alone: PIPL 13(1)(4) then needs no consent, and the notice of
    /// PIPL 39 is owed once the emergency is over (PIPL 18(2)).
    pub fn emergency_only(&self) -> bool {
        matches!(self, PrcRoute::Exempt { grounds, .. }
            if grounds.contains(&PrcGround::Emergency)
                && !grounds.iter().any(|g| matches!(g, PrcGround::Contract | PrcGround::Hr)))
    }

    /// The stable word for JSON and tests.
    pub fn as_str(&self) -> &'static str {
        match self {
            PrcRoute::Exempt { .. } => "exempt",
            PrcRoute::ContractOrCertification { .. } => "contract_or_certification",
            PrcRoute::SecurityAssessment { .. } => "security_assessment",
            PrcRoute::Undetermined { .. } => "undetermined",
        }
    }

    /// The open facts, for an undetermined route.
    pub fn missing(&self) -> &[&'static str] {
        match self {
            PrcRoute::Undetermined { missing } => missing,
            _ => &[],
        }
    }

    /// The provisions this outcome rests on, most specific first.
    pub fn cite(&self) -> Vec<&'static str> {
        match self {
            PrcRoute::Exempt { grounds, .. } => {
                let mut keys: Vec<&'static str> = grounds.iter().map(|g| g.cite()).collect();
                keys.push("PIPL-38");
                keys
            }
            PrcRoute::ContractOrCertification { .. } => vec![
                "CAC-O16-8",
                "PIPL-38",
                "CAC-O13-7",
                "CAC-O13-5",
                "CAC-CERT-2025",
            ],
            PrcRoute::SecurityAssessment { why } => {
                let mut keys = vec!["CAC-O16-7", "PIPL-38"];
                if why
                    .iter()
                    .any(|t| !matches!(t, AssessmentTrigger::ImportantData))
                {
                    keys.push("PIPL-40");
                }
                keys.push("CAC-O16-9");
                keys
            }
            PrcRoute::Undetermined { .. } => Vec::new(),
        }
    }
}

fn at_least(count: Option<u64>, threshold: u64) -> Tri {
    count.map(|n| n >= threshold)
}

/// The Art. 5(1)-(3) grounds the facts meet, or whether they are open.
fn necessity(f: &PrcFacts) -> (Tri, Vec<PrcGround>) {
    let Some(purposes) = &f.purposes else {
        return (None, Vec::new());
    };
    if purposes.is_empty() || !purposes.iter().all(|p| p.is_necessity_ground()) {
        return (Some(false), Vec::new());
    }
    let hr = purposes.contains(&Purpose::Hr);
    let holds = and(&[f.truly_necessary, if hr { f.hr_rules } else { Some(true) }]);
    let grounds = [
        (Purpose::Contract, PrcGround::Contract),
        (Purpose::Hr, PrcGround::Hr),
        (Purpose::Emergency, PrcGround::Emergency),
    ]
    .into_iter()
    .filter(|(p, _)| purposes.contains(p))
    .map(|(_, g)| g)
    .collect();
    (holds, grounds)
}

/// Art. 5(4): personal information of fewer than 100,000 people since 1 January, none of it
/// sensitive, sent by a non-CIIO.
fn below_threshold(f: &PrcFacts) -> Tri {
    and(&[
        f.personal_info,
        not(f.ciio),
        not(at_least(f.nonsensitive, CONTRACT_PEOPLE)),
        f.sensitive.map(|n| n == 0),
    ])
}

fn triggers(f: &PrcFacts) -> Vec<AssessmentTrigger> {
    let mut why = Vec::new();
    if f.ciio == Some(true) {
        why.push(AssessmentTrigger::Ciio);
    }
    if let Some(n) = f.nonsensitive.filter(|n| *n >= ASSESSMENT_PEOPLE) {
        why.push(AssessmentTrigger::People(n));
    }
    if let Some(n) = f.sensitive.filter(|n| *n >= ASSESSMENT_SENSITIVE) {
        why.push(AssessmentTrigger::SensitivePeople(n));
    }
    why
}

/// Whether a free-trade-zone negative list (Art. 6) is still open and could exempt a transfer that
/// the route otherwise puts under a contract, certification or security assessment.
pub fn zone_open(f: &PrcFacts, route: &PrcRoute) -> bool {
    let needs_mechanism = matches!(
        route,
        PrcRoute::ContractOrCertification { .. } | PrcRoute::SecurityAssessment { .. }
    );
    let zone = and(&[f.free_trade_zone, f.outside_negative_list]);
    needs_mechanism && zone.is_none()
}

/// Whether the mechanism the route requires is answered as missing: no security assessment passed
/// where one is required, neither a standard contract nor certification where one of them is. A
/// contract signed but not yet filed is in place (it is filed within ten working days of taking
/// effect; the missing filing is its own finding). An open mechanism says nothing.
pub fn should_not_proceed(f: &PrcFacts, route: &PrcRoute) -> bool {
    match (route, f.mechanism) {
        (PrcRoute::SecurityAssessment { .. }, Some(m)) => m != Mechanism::SecurityAssessment,
        (PrcRoute::ContractOrCertification { .. }, Some(m)) => m == Mechanism::Nothing,
        _ => false,
    }
}

/// Names the PRC route for these facts, or the open facts that decide it.
pub fn prc_route(f: &PrcFacts) -> PrcRoute {
    // Important data always needs the security assessment. When that question is open but the
    // other facts already lead to the assessment (a CIIO, the volumes), both answers give the same
    // route, so it is named rather than left open.
    if f.important_data.is_none() {
        let without = PrcFacts {
            important_data: Some(false),
            ..f.clone()
        };
        let route = walk_route(&without);
        if matches!(route, PrcRoute::SecurityAssessment { .. }) {
            return route;
        }
    }
    walk_route(f)
}

fn walk_route(f: &PrcFacts) -> PrcRoute {
    let undetermined = |missing| PrcRoute::Undetermined { missing };
    let mut walk = Walk::default();
    let pi = f.personal_info;

    // Art. 6 is an exception the exporter establishes: only a zone answered yes with all of the
    // data outside its list exempts. Left open it does not hold up the route: the default route
    // is named with the caveat that the zone's list could still exempt (`zone_open`).
    if and(&[f.free_trade_zone, f.outside_negative_list]) == Some(true) {
        return PrcRoute::Exempt {
            grounds: vec![PrcGround::FreeTradeZone],
            likely_verify: Some(VerifyReason::ZoneListInForce),
        };
    }

    let no_data = and(&[not(pi), not(f.important_data)]);
    let pi_inputs = [
        ("tr02_personal_info", pi.is_none()),
        ("tr02_important_data", f.important_data.is_none()),
    ];
    if walk.holds(no_data, &pi_inputs) {
        return walk.settle(
            PrcRoute::Exempt {
                grounds: vec![PrcGround::NoPersonalInfo],
                likely_verify: None,
            },
            undetermined,
        );
    }

    if walk.holds(f.important_data, &pi_inputs[1..]) {
        return walk.settle(
            PrcRoute::SecurityAssessment {
                why: vec![AssessmentTrigger::ImportantData],
            },
            undetermined,
        );
    }

    // From here on the data is personal information; with none, nothing below holds. The
    // questions below are shown only once it is answered yes, so only then are they open.
    let asked = pi == Some(true);
    let returned = and(&[pi, f.origin.map(|o| o == Origin::AbroadOnly)]);
    if walk.holds(
        returned,
        &[
            ("tr02_personal_info", pi.is_none()),
            ("tr02_origin", asked && f.origin.is_none()),
        ],
    ) {
        return walk.settle(
            PrcRoute::Exempt {
                grounds: vec![PrcGround::ReturnedAbroad],
                likely_verify: Some(VerifyReason::ReachOfArticle4),
            },
            undetermined,
        );
    }

    let (needed, grounds) = necessity(f);
    let hr = f
        .purposes
        .as_ref()
        .is_some_and(|p| p.contains(&Purpose::Hr));
    if walk.holds(
        and(&[pi, needed]),
        &[
            ("tr03_purposes", asked && f.purposes.is_none()),
            (
                "tr03_truly_necessary",
                f.purposes.is_some() && f.truly_necessary.is_none(),
            ),
            ("tr03_hr_rules", hr && f.hr_rules.is_none()),
        ],
    ) {
        // Art. 5(4) may hold as well (U6: an order shipped abroad for fewer than 100,000 people):
        // the reader is told every ground that holds, the purpose-bound one first.
        let mut grounds = grounds;
        if below_threshold(f) == Some(true) {
            grounds.push(PrcGround::BelowThreshold);
        }
        return walk.settle(
            PrcRoute::Exempt {
                grounds,
                likely_verify: None,
            },
            undetermined,
        );
    }

    let people = [
        ("tr02_count_nonsensitive", asked && f.nonsensitive.is_none()),
        ("tr02_count_sensitive", asked && f.sensitive.is_none()),
    ];
    let assessment = and(&[
        pi,
        or(&[
            f.ciio,
            at_least(f.nonsensitive, ASSESSMENT_PEOPLE),
            at_least(f.sensitive, ASSESSMENT_SENSITIVE),
        ]),
    ]);
    if walk.holds(
        assessment,
        &[("tr02_ciio", f.ciio.is_none()), people[0], people[1]],
    ) {
        return walk.settle(
            PrcRoute::SecurityAssessment { why: triggers(f) },
            undetermined,
        );
    }

    let contract = and(&[
        pi,
        or(&[
            at_least(f.nonsensitive, CONTRACT_PEOPLE),
            at_least(f.sensitive, 1),
        ]),
    ]);
    if walk.holds(contract, &people) {
        return walk.settle(
            PrcRoute::ContractOrCertification {
                contract_effective: f.contract_effective.clone(),
                // A filing day kept from an earlier answer says nothing once the contract is
                // answered as not filed (the question is then hidden).
                filed_on: f
                    .contract_filed_on
                    .clone()
                    .filter(|_| f.mechanism == Some(Mechanism::ContractFiled)),
            },
            undetermined,
        );
    }

    if walk.holds(below_threshold(f), &people) {
        return walk.settle(
            PrcRoute::Exempt {
                grounds: vec![PrcGround::BelowThreshold],
                likely_verify: None,
            },
            undetermined,
        );
    }
    let mut missing = walk.missing;
    if missing.is_empty() {
        // Unreachable with a complete set of facts; say which fact would settle it.
        missing.push("tr02_personal_info");
    }
    PrcRoute::Undetermined { missing }
}
