//! The EU side of one transfer, from the facts alone: is there a transfer at all (EDPB Guidelines
//! 05/2021's three criteria), then adequacy (GDPR 45), the SCC module the roles call for (GDPR 46,
//! Decision 2021/914) with its transfer impact assessment (EDPB Recommendations 01/2020), or an
//! Art. 49 derogation where its narrow conditions hold. Pure: no answers, no register, no clock.

use super::facts::{AdequacyDecision, Collection, EuFacts, Measures, SccModule};
use super::walk::{Walk, and, not, or};

/// Why there is no Chapter V transfer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoTransfer {
    /// The recipient is inside the EU/EEA.
    RecipientInside,
    /// A non-EU controller collects from the people in the EU itself: the whole GDPR applies to it
    /// (Art. 3(2)), an EU representative included (Art. 27), but nothing is transferred.
    DirectCollection,
    /// The party passing the data on is not subject to the GDPR for this processing.
    ExporterNotSubject,
}

/// An Art. 49(1) derogation whose conditions the facts meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derogation {
    /// (a): explicit consent after being told the risks.
    ExplicitConsent,
    /// (b): necessary for a contract with the person.
    Contract,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EuRoute {
    NoTransfer {
        why: NoTransfer,
    },
    /// GDPR 45, with the decision when the answers name one.
    Adequacy {
        decision: Option<AdequacyDecision>,
    },
    /// The 2021 SCCs, this module; with the transfer impact assessment's state.
    Scc {
        module: SccModule,
        /// The destination's law impinges and no supplementary measure works.
        should_not_proceed: bool,
    },
    /// The recipient is itself subject to the GDPR under Art. 3(2): the 2021 SCCs do not serve it.
    SccNotAvailable,
    Derogation {
        which: Vec<Derogation>,
    },
    Undetermined {
        missing: Vec<&'static str>,
    },
}

impl NoTransfer {
    pub fn as_str(self) -> &'static str {
        match self {
            NoTransfer::RecipientInside => "recipient_inside",
            NoTransfer::DirectCollection => "direct_collection",
            NoTransfer::ExporterNotSubject => "exporter_not_subject",
        }
    }
}

impl Derogation {
    pub fn as_str(self) -> &'static str {
        match self {
            Derogation::ExplicitConsent => "explicit_consent",
            Derogation::Contract => "contract",
        }
    }
}

impl EuRoute {
    /// The stable word for JSON and tests.
    pub fn as_str(&self) -> &'static str {
        match self {
            EuRoute::NoTransfer { .. } => "no_transfer",
            EuRoute::Adequacy { .. } => "adequacy",
            EuRoute::Scc { .. } => "scc",
            EuRoute::SccNotAvailable => "scc_not_available",
            EuRoute::Derogation { .. } => "derogation",
            EuRoute::Undetermined { .. } => "undetermined",
        }
    }

    /// Whether the destination's law is assessed on this route: only behind an Art. 46 tool (or
    /// while the route is open). No transfer, adequacy and a derogation leave it moot, so a date
    /// the user kept from an earlier answer is not shown as if it mattered.
    pub fn assesses_destination_law(&self) -> bool {
        !matches!(
            self,
            EuRoute::NoTransfer { .. } | EuRoute::Adequacy { .. } | EuRoute::Derogation { .. }
        )
    }

    /// The open facts, for an undetermined route.
    pub fn missing(&self) -> &[&'static str] {
        match self {
            EuRoute::Undetermined { missing } => missing,
            _ => &[],
        }
    }

    /// The provisions this outcome rests on, most specific first.
    pub fn cite(&self) -> Vec<&'static str> {
        match self {
            EuRoute::NoTransfer {
                why: NoTransfer::DirectCollection,
            } => vec!["EDPB-05-2021", "GDPR-3-2", "GDPR-27-1"],
            // No transfer: Chapter V is not used, so it is not cited.
            EuRoute::NoTransfer { .. } => vec!["EDPB-05-2021"],
            EuRoute::Adequacy { decision } => {
                let mut keys = vec!["GDPR-45-1"];
                keys.extend(decision.and_then(super::adequacy::of).map(|d| d.key));
                keys
            }
            EuRoute::Scc { .. } => vec![
                "SCC-2021-914",
                "GDPR-46-1",
                "GDPR-46-2-c",
                "EDPB-R01-2020",
                "CJEU-C-311-18",
            ],
            EuRoute::SccNotAvailable => vec!["SCC-2021-914-R7", "GDPR-46-1", "GDPR-3-2"],
            EuRoute::Derogation { which } => {
                let mut keys = vec!["GDPR-49-1"];
                keys.extend(which.iter().map(|d| match d {
                    Derogation::ExplicitConsent => "GDPR-49-1-a",
                    Derogation::Contract => "GDPR-49-1-b",
                }));
                keys
            }
            EuRoute::Undetermined { .. } => Vec::new(),
        }
    }
}

/// Names the EU route for these facts, or the open facts that decide it.
pub fn eu_route(f: &EuFacts) -> EuRoute {
    let undetermined = |missing| EuRoute::Undetermined { missing };
    let mut walk = Walk::default();

    let outside = [("tr07_recipient_outside", f.recipient_outside.is_none())];
    if walk.holds(not(f.recipient_outside), &outside) {
        return walk.settle(
            EuRoute::NoTransfer {
                why: NoTransfer::RecipientInside,
            },
            undetermined,
        );
    }
    let collection = |c: Collection| f.collection.map(|x| x == c);
    let how = [("tr07_collection", f.collection.is_none())];
    if walk.holds(collection(Collection::Direct), &how) {
        return walk.settle(
            EuRoute::NoTransfer {
                why: NoTransfer::DirectCollection,
            },
            undetermined,
        );
    }
    if walk.holds(
        and(&[collection(Collection::ViaNonEu), not(f.exporter_subject)]),
        &[
            how[0],
            (
                "tr07_exporter_gdpr",
                f.collection == Some(Collection::ViaNonEu) && f.exporter_subject.is_none(),
            ),
        ],
    ) {
        return walk.settle(
            EuRoute::NoTransfer {
                why: NoTransfer::ExporterNotSubject,
            },
            undetermined,
        );
    }
    if walk.holds(f.adequacy, &[("tr08_adequacy", f.adequacy.is_none())]) {
        return walk.settle(
            EuRoute::Adequacy {
                decision: f.adequacy_decision,
            },
            undetermined,
        );
    }
    let should_not_proceed = f.laws_impinge == Some(true)
        && matches!(f.measures, Some(Measures::Partial | Measures::None));
    let by_roles = match (f.exporter_role, f.importer_role) {
        (Some(e), Some(i)) => Some(SccModule::for_roles(e, i)),
        _ => None,
    };
    if let Some(Some(signed)) = f.scc_signed {
        if walk.holds(
            f.recipient_subject,
            &[("tr07_recipient_gdpr", f.recipient_subject.is_none())],
        ) {
            return walk.settle(EuRoute::SccNotAvailable, undetermined);
        }
        return walk.settle(
            EuRoute::Scc {
                module: by_roles.unwrap_or(signed),
                should_not_proceed,
            },
            undetermined,
        );
    }
    let no_scc = f.scc_signed.map(|s| s.is_none());
    let derogation = and(&[
        no_scc,
        not(f.systematic),
        or(&[f.explicit_consent, f.contract_needed]),
    ]);
    if walk.holds(
        derogation,
        &[
            ("tr08_scc_signed", f.scc_signed.is_none()),
            // Asked only once no SCCs are signed.
            (
                "tr10_systematic",
                no_scc == Some(true) && f.systematic.is_none(),
            ),
            (
                "tr10_explicit_consent",
                no_scc == Some(true) && f.explicit_consent.is_none(),
            ),
            (
                "tr10_contract_needed",
                no_scc == Some(true) && f.contract_needed.is_none(),
            ),
        ],
    ) {
        let mut which = Vec::new();
        if f.explicit_consent == Some(true) {
            which.push(Derogation::ExplicitConsent);
        }
        if f.contract_needed == Some(true) {
            which.push(Derogation::Contract);
        }
        return walk.settle(EuRoute::Derogation { which }, undetermined);
    }
    // The importer's own Art. 3(2) status matters only to the 2021 SCCs (recital 7): a derogation
    // or adequacy does not depend on it, so it is asked only once the SCCs are the route left.
    if walk.holds(
        f.recipient_subject,
        &[("tr07_recipient_gdpr", f.recipient_subject.is_none())],
    ) {
        return walk.settle(EuRoute::SccNotAvailable, undetermined);
    }
    match by_roles {
        Some(module) => walk.settle(
            EuRoute::Scc {
                module,
                should_not_proceed,
            },
            undetermined,
        ),
        None => {
            let mut missing = walk.missing;
            for (id, open) in [
                ("tr08_exporter_role", f.exporter_role.is_none()),
                ("tr08_importer_role", f.importer_role.is_none()),
            ] {
                if open && !missing.contains(&id) {
                    missing.push(id);
                }
            }
            EuRoute::Undetermined { missing }
        }
    }
}
