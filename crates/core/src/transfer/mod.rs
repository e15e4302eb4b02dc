//! Cross-border transfers: the route a transfer takes, named by pure functions over the facts a
//! transfer assessment gives (`facts.rs`): [`prc_route`] under the PIPL and the CAC's 2024
//! Provisions, [`eu_route`] under GDPR Chapter V. Each outcome carries its citation keys; [`routes`]
//! joins both sides for one assessment, adds the duties that apply whatever the route (PIPL 39
//! notice and separate consent, the PIA of PIPL 55(4); the transfer impact assessment, the EU
//! representative), and each cited provision's verification state from the law register. Nothing
//! here reads the vault; open facts give `Undetermined` naming them, never a guessed route.

pub mod adequacy;
#[cfg(test)]
mod adequacy_tests;
mod eu_route;
#[cfg(test)]
mod eu_tests;
mod facts;
mod filing;
mod follow;
#[cfg(test)]
mod grounds_tests;
#[cfg(test)]
mod moot_tests;
mod prc_route;
#[cfg(test)]
mod tests;
mod walk;
mod words;

pub use eu_route::{Derogation, EuRoute, NoTransfer, eu_route};
pub use facts::{
    AdequacyDecision, Collection, EuFacts, Measures, Mechanism, Origin, PrcFacts, Purpose, Role,
    SccModule, Sides, TransferFacts,
};
pub use filing::{FilingWindow, filing_window};
pub use follow::follow;
pub use prc_route::{
    ASSESSMENT_PEOPLE, ASSESSMENT_SENSITIVE, AssessmentTrigger, CONTRACT_PEOPLE,
    FILING_WORKING_DAYS, PrcGround, PrcRoute, VerifyReason, prc_route,
};
pub use words::{derogation_text, duty_text, eu_text, prc_side_text, prc_stop_text, prc_text};

use crate::assessment::Answers;
use crate::law::{LawRegister, Verification};
use crate::template::{Kind, Template};

/// A duty owed whatever the route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DutyKind {
    /// PIPL 39: tell people who the recipient is, what for, how to reach it.
    RecipientNotice,
    /// PIPL 39: separate consent to the transfer.
    SeparateConsent,
    /// PIPL 18(2) with 13(1)(4): after an emergency transfer made without consent, tell the person
    /// once the emergency is over.
    NoticeAfterEmergency,
    /// PIPL 55(4): the impact assessment before the transfer.
    ImpactAssessment,
    /// EDPB Recommendations 01/2020: the transfer impact assessment behind SCCs.
    TransferImpactAssessment,
    /// GDPR 27: the EU representative of a controller outside the EU.
    EuRepresentative,
}

impl DutyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DutyKind::RecipientNotice => "recipient_notice",
            DutyKind::SeparateConsent => "separate_consent",
            DutyKind::NoticeAfterEmergency => "notice_after_emergency",
            DutyKind::ImpactAssessment => "impact_assessment",
            DutyKind::TransferImpactAssessment => "transfer_impact_assessment",
            DutyKind::EuRepresentative => "eu_representative",
        }
    }

    pub fn cite(self) -> &'static [&'static str] {
        match self {
            DutyKind::RecipientNotice => &["PIPL-39", "CAC-O16-10"],
            DutyKind::SeparateConsent => &["PIPL-39", "CAC-O16-10"],
            DutyKind::NoticeAfterEmergency => &["PIPL-18-2", "PIPL-13-1-4", "PIPL-39"],
            DutyKind::ImpactAssessment => &["PIPL-55-1-4", "CAC-O13-5", "CAC-O16-10"],
            DutyKind::TransferImpactAssessment => &["EDPB-R01-2020", "CJEU-C-311-18"],
            DutyKind::EuRepresentative => &["GDPR-27-1", "GDPR-3-2"],
        }
    }
}

/// A duty and whether the answers say it is met (`None`: not answered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duty {
    pub kind: DutyKind,
    pub met: Option<bool>,
}

/// One cited provision with the register's word on how far it is verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub key: &'static str,
    /// `None`: the key is not in this register (a test keeps every route key in the bundled one).
    pub status: Option<Verification>,
}

/// The routes of one transfer assessment, for the regimes its answers bring in.
#[derive(Debug, Clone, PartialEq)]
pub struct Routes {
    pub prc: Option<PrcSide>,
    pub eu: Option<EuSide>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrcSide {
    pub route: PrcRoute,
    /// The route needs a mechanism unless a free-trade-zone negative list, still unanswered,
    /// exempts the data (2024 Provisions Art. 6).
    pub zone_open: bool,
    /// The mechanism the route requires is answered as missing: the transfer should not start, or
    /// continue, until it is in place.
    pub should_not_proceed: bool,
    pub cite: Vec<Cited>,
    pub duties: Vec<Duty>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EuSide {
    pub route: EuRoute,
    pub cite: Vec<Cited>,
    pub duties: Vec<Duty>,
    /// The day the destination's law and practice were last checked, as answered.
    pub laws_checked_on: Option<String>,
}

/// The EU provisions that belong to a Chapter V transfer: cited only when there is one.
fn chapter_v(key: &str) -> bool {
    key == "GDPR-44"
        || key == "EDPB-R01-2020"
        || key == "CJEU-C-311-18"
        || key == "GDPR-83-5"
        || ["GDPR-45", "GDPR-46", "GDPR-49", "SCC-"]
            .iter()
            .any(|p| key.starts_with(p))
}

impl Routes {
    /// Whether a provision belongs to a step these routes took. With no EU transfer (Art. 3(2)
    /// direct collection, data flowing into the EU, an exporter outside the GDPR) nothing of
    /// Chapter V is used: the Guidelines 05/2021 and, where owed, Art. 27 are. The Standard Contract
    /// Measures' Art. 5 (the PIA's content for the standard contract) is not used by an exempt
    /// transfer nor one under a security assessment: their PIA duty is PIPL 55(4) alone. An
    /// undetermined route may still become either, so it keeps what it might use.
    pub fn uses(&self, key: &str) -> bool {
        let no_eu_transfer = self
            .eu
            .as_ref()
            .is_some_and(|e| matches!(e.route, EuRoute::NoTransfer { .. }));
        if no_eu_transfer && chapter_v(key) {
            return false;
        }
        let no_contract = self.prc.as_ref().is_some_and(|p| {
            matches!(
                p.route,
                PrcRoute::Exempt { .. } | PrcRoute::SecurityAssessment { .. }
            )
        });
        // Art. 10 of the 2024 Provisions keeps the duties of an exempt transfer: a route that needs
        // a mechanism owes them under PIPL 39 and 55 directly.
        let not_exempt = self.prc.as_ref().is_some_and(|p| {
            matches!(
                p.route,
                PrcRoute::ContractOrCertification { .. } | PrcRoute::SecurityAssessment { .. }
            )
        });
        !(no_contract && key == "CAC-O13-5" || not_exempt && key == "CAC-O16-10")
    }

    /// Every provision the routes and their duties rest on, in order, each once.
    pub fn used_keys(&self) -> Vec<&'static str> {
        let prc = self.prc.iter().flat_map(|s| {
            let duties = s.duties.iter().flat_map(|d| d.kind.cite().iter().copied());
            s.cite.iter().map(|c| c.key).chain(duties)
        });
        let eu = self.eu.iter().flat_map(|s| {
            let duties = s.duties.iter().flat_map(|d| d.kind.cite().iter().copied());
            s.cite.iter().map(|c| c.key).chain(duties)
        });
        let mut keys: Vec<&'static str> = Vec::new();
        for key in prc.chain(eu) {
            if self.uses(key) && !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys
    }

    /// Whether the EU side finds no transfer under Chapter V.
    pub fn no_eu_transfer(&self) -> bool {
        self.eu
            .as_ref()
            .is_some_and(|e| matches!(e.route, EuRoute::NoTransfer { .. }))
    }
}

fn cited(law: &LawRegister, keys: Vec<&'static str>) -> Vec<Cited> {
    keys.into_iter()
        .map(|key| Cited {
            key,
            status: law.get(key).map(|p| p.status),
        })
        .collect()
}

/// The PRC duties that apply whatever the route: owed wherever personal information leaves.
pub fn prc_duties(facts: &PrcFacts, route: &PrcRoute) -> Vec<Duty> {
    let no_pi = facts.personal_info == Some(false)
        || matches!(route, PrcRoute::Exempt { grounds, .. } if grounds == &[PrcGround::NoPersonalInfo]);
    if no_pi {
        return Vec::new();
    }
    let assessment = Duty {
        kind: DutyKind::ImpactAssessment,
        met: facts.impact_assessment,
    };
    if route.emergency_only() {
        return vec![
            Duty {
                kind: DutyKind::NoticeAfterEmergency,
                met: facts.notice_after,
            },
            assessment,
        ];
    }
    vec![
        Duty {
            kind: DutyKind::RecipientNotice,
            met: facts.notice,
        },
        Duty {
            kind: DutyKind::SeparateConsent,
            met: facts.separate_consent,
        },
        assessment,
    ]
}

/// The EU duties that follow from the route.
pub fn eu_duties(facts: &EuFacts, route: &EuRoute) -> Vec<Duty> {
    let mut duties = Vec::new();
    if matches!(route, EuRoute::Scc { .. }) {
        duties.push(Duty {
            kind: DutyKind::TransferImpactAssessment,
            met: facts.tia_done,
        });
    }
    let representative = matches!(
        route,
        EuRoute::NoTransfer {
            why: NoTransfer::DirectCollection
        } | EuRoute::SccNotAvailable
    );
    if representative {
        duties.push(Duty {
            kind: DutyKind::EuRepresentative,
            met: facts.representative,
        });
    }
    duties
}

/// Both sides for one assessment's answers: a side exists only where its regime applies.
pub fn routes_of(answers: &Answers, law: &LawRegister) -> Routes {
    let facts = TransferFacts::from_answers(answers);
    let sides = Sides::of(answers);
    Routes {
        prc: sides.prc.then(|| {
            let route = prc_route(&facts.prc);
            PrcSide {
                zone_open: prc_route::zone_open(&facts.prc, &route),
                should_not_proceed: prc_route::should_not_proceed(&facts.prc, &route),
                cite: cited(law, route.cite()),
                duties: prc_duties(&facts.prc, &route),
                route,
            }
        }),
        eu: sides.eu.then(|| {
            let route = eu_route(&facts.eu);
            EuSide {
                cite: cited(law, route.cite()),
                duties: eu_duties(&facts.eu, &route),
                laws_checked_on: facts
                    .eu
                    .laws_checked_on
                    .clone()
                    .filter(|_| route.assesses_destination_law()),
                route,
            }
        }),
    }
}

/// The routes of an assessment of the transfer template; `None` for any other instrument.
pub fn routes(template: &Template, answers: &Answers, law: &LawRegister) -> Option<Routes> {
    (template.kind == Kind::Transfer).then(|| routes_of(answers, law))
}
