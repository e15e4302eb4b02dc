//! The EU side, step by step: no transfer, adequacy, the SCC module from the roles, derogations
//! and the destination's law — each outcome with what it cites and what stays open.

use super::*;

/// An EU subsidiary (controller) giving customer data to a processor in China, no adequacy.
fn eu() -> EuFacts {
    EuFacts {
        recipient_outside: Some(true),
        collection: Some(Collection::ViaEu),
        recipient_subject: Some(false),
        adequacy: Some(false),
        exporter_role: Some(Role::Controller),
        importer_role: Some(Role::Processor),
        scc_signed: Some(None),
        systematic: Some(true),
        explicit_consent: Some(false),
        contract_needed: Some(false),
        ..EuFacts::default()
    }
}

#[test]
fn direct_collection_is_no_transfer_but_owes_a_representative() {
    let facts = EuFacts {
        recipient_outside: Some(true),
        collection: Some(Collection::Direct),
        representative: Some(false),
        ..EuFacts::default()
    };
    let route = eu_route(&facts);
    assert_eq!(
        route,
        EuRoute::NoTransfer {
            why: NoTransfer::DirectCollection
        }
    );
    assert!(route.cite().contains(&"GDPR-27-1"));
    assert_eq!(
        eu_duties(&facts, &route),
        [Duty {
            kind: DutyKind::EuRepresentative,
            met: Some(false)
        }]
    );
}

#[test]
fn the_module_follows_the_roles() {
    for (exporter, importer, n) in [
        (Role::Controller, Role::Controller, 1),
        (Role::Controller, Role::Processor, 2),
        (Role::Processor, Role::Processor, 3),
        (Role::Processor, Role::Controller, 4),
    ] {
        let facts = EuFacts {
            exporter_role: Some(exporter),
            importer_role: Some(importer),
            ..eu()
        };
        match eu_route(&facts) {
            EuRoute::Scc { module, .. } => assert_eq!(module.number(), n),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn adequacy_needs_nothing_more_and_an_importer_under_art_3_2_gets_no_scc() {
    let adequate = EuFacts {
        adequacy: Some(true),
        ..eu()
    };
    assert_eq!(eu_route(&adequate), EuRoute::Adequacy { decision: None });
    let japan = EuFacts {
        adequacy_decision: Some(AdequacyDecision::Japan),
        ..adequate.clone()
    };
    let route = eu_route(&japan);
    assert!(route.cite().contains(&"GDPR-45-JP"), "{route:?}");
    assert!(eu_text(&route).en.contains("2019/419"));
    let us = EuFacts {
        adequacy_decision: Some(AdequacyDecision::UsDataPrivacyFramework),
        ..adequate
    };
    let route = eu_route(&us);
    assert!(route.cite().contains(&"GDPR-45-US-DPF"), "{route:?}");
    assert!(eu_text(&route).en.contains("Data Privacy Framework"));
    let subject = EuFacts {
        recipient_subject: Some(true),
        ..eu()
    };
    assert_eq!(eu_route(&subject), EuRoute::SccNotAvailable);
}

#[test]
fn a_derogation_holds_only_for_occasional_transfers_meeting_its_condition() {
    let occasional = EuFacts {
        systematic: Some(false),
        contract_needed: Some(true),
        ..eu()
    };
    assert_eq!(
        eu_route(&occasional),
        EuRoute::Derogation {
            which: vec![Derogation::Contract]
        }
    );
    let systematic = EuFacts {
        explicit_consent: Some(true),
        ..eu()
    };
    assert!(matches!(eu_route(&systematic), EuRoute::Scc { .. }));
}

/// R9 of the third blind run: occasional bookings a customer asked for, no safeguards. Whether the
/// importer is itself under Art. 3(2) decides only whether the 2021 SCCs fit, never a derogation.
#[test]
fn a_derogation_does_not_wait_on_nor_yield_to_the_importers_art_3_2_status() {
    let booking = EuFacts {
        recipient_subject: None,
        explicit_consent: None,
        systematic: Some(false),
        contract_needed: Some(true),
        ..eu()
    };
    let contract = EuRoute::Derogation {
        which: vec![Derogation::Contract],
    };
    assert_eq!(eu_route(&booking), contract);
    for subject in [Some(true), Some(false)] {
        let answered = EuFacts {
            recipient_subject: subject,
            ..booking.clone()
        };
        assert_eq!(eu_route(&answered), contract, "{subject:?}");
    }
    // Without a derogation the status decides again, and stays open until answered.
    let systematic = EuFacts {
        systematic: Some(true),
        ..booking
    };
    assert_eq!(
        eu_route(&systematic).missing(),
        &["tr07_recipient_gdpr"],
        "{:?}",
        eu_route(&systematic)
    );
}

#[test]
fn law_that_impinges_without_working_measures_stops_the_transfer() {
    let facts = EuFacts {
        laws_impinge: Some(true),
        measures: Some(Measures::Partial),
        ..eu()
    };
    assert_eq!(
        eu_route(&facts),
        EuRoute::Scc {
            module: SccModule::Two,
            should_not_proceed: true
        }
    );
    assert!(eu_text(&eu_route(&facts)).en.contains("should not proceed"));
}

#[test]
fn open_eu_facts_are_named() {
    let facts = EuFacts {
        collection: None,
        ..eu()
    };
    assert_eq!(
        eu_route(&facts),
        EuRoute::Undetermined {
            missing: vec!["tr07_collection"]
        }
    );
}

#[test]
fn a_kept_destination_law_date_shows_only_where_the_route_assesses_that_law() {
    let law = LawRegister::bundled().expect("law");
    let mut answers = Answers::new();
    for (q, v) in [
        ("tr01_regime", "eu"),
        ("tr07_recipient_outside", "yes"),
        ("tr07_collection", "via_eu"),
        ("tr07_recipient_gdpr", "no"),
        ("tr11_laws_checked_on", "2026-11-02"),
    ] {
        answers.insert(q.into(), crate::assessment::Answer::Text(v.into()));
    }
    let with = |adequacy: &str| {
        let mut a = answers.clone();
        a.insert(
            "tr08_adequacy".into(),
            crate::assessment::Answer::Text(adequacy.into()),
        );
        routes_of(&a, &law).eu.expect("EU side")
    };
    let adequate = with("yes");
    assert!(
        matches!(adequate.route, EuRoute::Adequacy { .. }),
        "{:?}",
        adequate.route
    );
    assert_eq!(adequate.laws_checked_on, None);
    let not_adequate = with("no");
    assert!(
        not_adequate.route.assesses_destination_law(),
        "{:?}",
        not_adequate.route
    );
    assert_eq!(not_adequate.laws_checked_on.as_deref(), Some("2026-11-02"));
}
