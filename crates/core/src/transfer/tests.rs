//! The PRC routes at every threshold's edge, open facts that must stay open, every citation in the
//! register, and channels, vendors and PIAs deferring to a linked transfer.

use super::*;

/// A non-CIIO in China sending ordinary personal information abroad for marketing, nothing else.
fn prc(nonsensitive: u64, sensitive: u64) -> PrcFacts {
    PrcFacts {
        personal_info: Some(true),
        important_data: Some(false),
        ciio: Some(false),
        origin: Some(Origin::InPrc),
        nonsensitive: Some(nonsensitive),
        sensitive: Some(sensitive),
        purposes: Some(vec![Purpose::Marketing]),
        free_trade_zone: Some(false),
        ..PrcFacts::default()
    }
}

fn is_contract(route: &PrcRoute) -> bool {
    matches!(route, PrcRoute::ContractOrCertification { .. })
}

fn is_assessment(route: &PrcRoute) -> bool {
    matches!(route, PrcRoute::SecurityAssessment { .. })
}

fn exempt_on(route: &PrcRoute, ground: PrcGround) -> bool {
    matches!(route, PrcRoute::Exempt { grounds, .. } if grounds.contains(&ground))
}

#[test]
fn one_hundred_thousand_people_is_the_contract_and_one_fewer_is_exempt() {
    assert!(exempt_on(
        &prc_route(&prc(99_999, 0)),
        PrcGround::BelowThreshold
    ));
    assert!(is_contract(&prc_route(&prc(100_000, 0))));
}

#[test]
fn one_million_people_is_an_assessment_and_one_fewer_is_the_contract() {
    assert!(is_contract(&prc_route(&prc(999_999, 0))));
    let route = prc_route(&prc(1_000_000, 0));
    assert_eq!(
        route,
        PrcRoute::SecurityAssessment {
            why: vec![AssessmentTrigger::People(1_000_000)]
        }
    );
}

#[test]
fn ten_thousand_sensitive_is_an_assessment_and_one_fewer_is_the_contract() {
    assert!(is_contract(&prc_route(&prc(10, 9_999))));
    assert_eq!(
        prc_route(&prc(10, 10_000)),
        PrcRoute::SecurityAssessment {
            why: vec![AssessmentTrigger::SensitivePeople(10_000)]
        }
    );
}

#[test]
fn one_sensitive_person_takes_away_the_volume_exemption() {
    assert!(is_contract(&prc_route(&prc(50, 1))));
    assert!(exempt_on(
        &prc_route(&prc(50, 0)),
        PrcGround::BelowThreshold
    ));
}

#[test]
fn a_ciio_sending_ten_people_needs_an_assessment() {
    let facts = PrcFacts {
        ciio: Some(true),
        ..prc(10, 0)
    };
    assert_eq!(
        prc_route(&facts),
        PrcRoute::SecurityAssessment {
            why: vec![AssessmentTrigger::Ciio]
        }
    );
    assert!(prc_route(&facts).cite().contains(&"PIPL-40"));
}

#[test]
fn important_data_needs_an_assessment_even_where_an_exemption_fits() {
    let facts = PrcFacts {
        important_data: Some(true),
        purposes: Some(vec![Purpose::Hr]),
        truly_necessary: Some(true),
        hr_rules: Some(true),
        ..prc(10, 0)
    };
    assert_eq!(
        prc_route(&facts),
        PrcRoute::SecurityAssessment {
            why: vec![AssessmentTrigger::ImportantData]
        }
    );
}

#[test]
fn hr_and_contract_necessity_exempt_even_large_volumes_but_marketing_does_not() {
    let hr = PrcFacts {
        purposes: Some(vec![Purpose::Hr]),
        truly_necessary: Some(true),
        hr_rules: Some(true),
        ..prc(2_000_000, 0)
    };
    assert!(exempt_on(&prc_route(&hr), PrcGround::Hr));
    let delivery = PrcFacts {
        purposes: Some(vec![Purpose::Contract]),
        truly_necessary: Some(true),
        ..prc(300_000, 0)
    };
    assert!(exempt_on(&prc_route(&delivery), PrcGround::Contract));
    let with_marketing = PrcFacts {
        purposes: Some(vec![Purpose::Contract, Purpose::Marketing]),
        ..delivery.clone()
    };
    assert!(is_contract(&prc_route(&with_marketing)));
    let not_needed = PrcFacts {
        truly_necessary: Some(false),
        ..delivery
    };
    assert!(is_contract(&prc_route(&not_needed)));
    let rules_missing = PrcFacts {
        hr_rules: Some(false),
        ..hr
    };
    assert!(is_assessment(&prc_route(&rules_missing)));
}

#[test]
fn an_open_important_data_question_does_not_hold_up_an_assessment_already_due() {
    let ciio = PrcFacts {
        ciio: Some(true),
        important_data: None,
        ..prc(3_000, 0)
    };
    assert!(is_assessment(&prc_route(&ciio)));
    // Where the other facts lead elsewhere, important data still decides.
    let small = PrcFacts {
        important_data: None,
        ..prc(3_000, 0)
    };
    assert!(matches!(
        prc_route(&small),
        PrcRoute::Undetermined { missing } if missing.contains(&"tr02_important_data")
    ));
}

#[test]
fn an_unanswered_free_trade_zone_names_the_default_route_with_its_caveat() {
    let open_zone = |f: PrcFacts| PrcFacts {
        free_trade_zone: None,
        ..f
    };
    let contract = open_zone(prc(180_000, 0));
    let route = prc_route(&contract);
    assert!(is_contract(&route), "{route:?}");
    assert!(prc_route::zone_open(&contract, &route));

    let assessment = open_zone(prc(1_000_000, 0));
    let route = prc_route(&assessment);
    assert!(is_assessment(&route), "{route:?}");
    assert!(prc_route::zone_open(&assessment, &route));

    // An exemption that holds anyway needs no caveat.
    let below = open_zone(prc(95_000, 0));
    let route = prc_route(&below);
    assert!(exempt_on(&route, PrcGround::BelowThreshold), "{route:?}");
    assert!(!prc_route::zone_open(&below, &route));

    // A zone answered yes with the list still open stays a caveat; answered, it exempts.
    let listed = PrcFacts {
        free_trade_zone: Some(true),
        outside_negative_list: None,
        ..prc(180_000, 0)
    };
    assert!(prc_route::zone_open(&listed, &prc_route(&listed)));
    let outside = PrcFacts {
        outside_negative_list: Some(true),
        ..listed
    };
    assert!(exempt_on(&prc_route(&outside), PrcGround::FreeTradeZone));
}

#[test]
fn data_from_abroad_sent_back_is_likely_exempt_with_the_reason() {
    let facts = PrcFacts {
        origin: Some(Origin::AbroadOnly),
        ..prc(500_000, 0)
    };
    assert_eq!(
        prc_route(&facts),
        PrcRoute::Exempt {
            grounds: vec![PrcGround::ReturnedAbroad],
            likely_verify: Some(VerifyReason::ReachOfArticle4),
        }
    );
    let text = prc_text(&prc_route(&facts));
    assert!(text.en.starts_with("Likely exempt — verify"), "{}", text.en);
    assert!(text.zh.contains("须核实"), "{}", text.zh);
}

#[test]
fn no_personal_information_and_no_important_data_is_art_3_with_no_duties() {
    let facts = PrcFacts {
        personal_info: Some(false),
        important_data: Some(false),
        free_trade_zone: Some(false),
        ..PrcFacts::default()
    };
    let route = prc_route(&facts);
    assert!(exempt_on(&route, PrcGround::NoPersonalInfo));
    assert!(prc_duties(&facts, &route).is_empty());
}

#[test]
fn an_open_count_is_undetermined_and_named_never_a_guess() {
    let facts = PrcFacts {
        nonsensitive: None,
        ..prc(0, 0)
    };
    assert_eq!(
        prc_route(&facts),
        PrcRoute::Undetermined {
            missing: vec!["tr02_count_nonsensitive"]
        }
    );
    // Even a count that would settle it cannot skip an open exemption before it.
    let facts = PrcFacts {
        origin: None,
        ..prc(2_000_000, 0)
    };
    assert_eq!(
        prc_route(&facts),
        PrcRoute::Undetermined {
            missing: vec!["tr02_origin"]
        }
    );
    assert!(matches!(
        prc_route(&PrcFacts::default()),
        PrcRoute::Undetermined { .. }
    ));
}

#[test]
fn duties_apply_when_exempt() {
    let facts = prc(10, 0);
    let route = prc_route(&facts);
    let kinds: Vec<DutyKind> = prc_duties(&facts, &route).iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [
            DutyKind::RecipientNotice,
            DutyKind::SeparateConsent,
            DutyKind::ImpactAssessment
        ]
    );
}

/// R3 of the third blind run: an unconscious traveller's data sent to a hospital abroad. PIPL
/// 13(1)(4) needs no consent, so separate consent is not owed; PIPL 18(2) owes notice afterwards.
#[test]
fn an_emergency_alone_owes_notice_afterwards_not_consent() {
    let facts = PrcFacts {
        purposes: Some(vec![Purpose::Emergency]),
        truly_necessary: Some(true),
        separate_consent: Some(false),
        notice_after: Some(true),
        impact_assessment: Some(false),
        ..prc(1, 1)
    };
    let route = prc_route(&facts);
    assert!(route.emergency_only(), "{route:?}");
    let duties = prc_duties(&facts, &route);
    let kinds: Vec<DutyKind> = duties.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [DutyKind::NoticeAfterEmergency, DutyKind::ImpactAssessment]
    );
    assert_eq!(duties[0].met, Some(true));
    let words = prc_text(&route);
    assert!(words.en.contains("No consent is needed"), "{}", words.en);
    assert!(!words.en.contains("separate consent"), "{}", words.en);
    // Another use beside the emergency brings consent back.
    let mixed = PrcFacts {
        purposes: Some(vec![Purpose::Emergency, Purpose::Contract]),
        ..facts
    };
    let route = prc_route(&mixed);
    assert!(!route.emergency_only(), "{route:?}");
    assert!(
        prc_duties(&mixed, &route)
            .iter()
            .any(|d| d.kind == DutyKind::SeparateConsent)
    );
}

#[test]
fn every_route_citation_is_in_the_bundled_register_and_every_id_is_a_question() {
    let law = LawRegister::bundled().expect("law");
    let template = crate::template::bundled_for_test("transfer");
    let mut keys: Vec<&str> = Vec::new();
    for route in [
        PrcRoute::Exempt {
            grounds: vec![
                PrcGround::NoPersonalInfo,
                PrcGround::ReturnedAbroad,
                PrcGround::Contract,
                PrcGround::Hr,
                PrcGround::Emergency,
                PrcGround::BelowThreshold,
                PrcGround::FreeTradeZone,
            ],
            likely_verify: None,
        },
        PrcRoute::ContractOrCertification {
            contract_effective: None,
            filed_on: None,
        },
        PrcRoute::SecurityAssessment {
            why: vec![AssessmentTrigger::Ciio],
        },
    ] {
        keys.extend(route.cite());
    }
    for route in [
        EuRoute::NoTransfer {
            why: NoTransfer::DirectCollection,
        },
        EuRoute::NoTransfer {
            why: NoTransfer::RecipientInside,
        },
        EuRoute::Adequacy {
            decision: Some(AdequacyDecision::Japan),
        },
        EuRoute::Adequacy {
            decision: Some(AdequacyDecision::UsDataPrivacyFramework),
        },
        EuRoute::SccNotAvailable,
        EuRoute::Derogation {
            which: vec![Derogation::ExplicitConsent, Derogation::Contract],
        },
        EuRoute::Scc {
            module: SccModule::One,
            should_not_proceed: false,
        },
    ] {
        keys.extend(route.cite());
    }
    for kind in [
        DutyKind::RecipientNotice,
        DutyKind::SeparateConsent,
        DutyKind::NoticeAfterEmergency,
        DutyKind::ImpactAssessment,
        DutyKind::TransferImpactAssessment,
        DutyKind::EuRepresentative,
    ] {
        keys.extend(kind.cite());
    }
    for key in keys {
        assert!(law.contains(key), "{key} is not in the register");
    }
    // The answers the facts read are the template's questions.
    let source = include_str!("facts.rs");
    for id in source
        .split('"')
        .filter(|s| s.starts_with("tr") && s.contains('_'))
    {
        assert!(template.question(id).is_some(), "{id} is not a question");
    }
}

/// A channel with data abroad says "transfer not assessed" until a transfer assessment is linked;
/// once one is, the channel states nothing about the route (the link shows it).
#[test]
fn a_channel_with_data_abroad_is_not_assessed_until_a_transfer_is_linked() {
    use crate::assessment::{Answer, LinkedOutcome, Rating, score};
    let law = LawRegister::bundled().expect("law");
    let ds = crate::template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.kind == Kind::DataSource)
        .expect("data-source template");
    let mut answers = Answers::new();
    answers.insert("ds02_regime".into(), Answer::Text("prc".into()));
    answers.insert("ds27_abroad".into(), Answer::Text("yes".into()));
    let fired = |linked: &[LinkedOutcome]| {
        score(&ds, &answers, linked)
            .findings
            .iter()
            .any(|f| f.id == "ds27-transfer-not-assessed")
    };
    assert!(fired(&[]), "unlinked: transfer not assessed");
    let transfer = LinkedOutcome {
        assessment_id: "t".into(),
        kind: Kind::Transfer,
        title: "Transfer".into(),
        rating: Rating::Compliant,
        worst_severity: None,
    };
    assert!(
        !fired(std::slice::from_ref(&transfer)),
        "linked: the transfer decides"
    );
    let pia = LinkedOutcome {
        kind: Kind::Pia,
        ..transfer
    };
    assert!(fired(&[pia]), "only a transfer assessment settles it");
    let finding = score(&ds, &answers, &[])
        .findings
        .into_iter()
        .find(|f| f.id == "ds27-transfer-not-assessed")
        .expect("finding");
    assert!(
        !finding.cite.iter().any(|k| k.starts_with("GDPR")),
        "a PRC-only channel cites no GDPR: {:?}",
        finding.cite
    );
}

/// A vendor or PIA that involves a transfer defers to the linked transfer assessment as a channel
/// does: unlinked, one "transfer not assessed" finding citing only the regimes in scope; linked,
/// no mechanism finding of its own, whatever its own mechanism answer says.
#[test]
fn vendors_and_pias_defer_the_mechanism_to_the_linked_transfer() {
    use crate::assessment::{Answer, LinkedOutcome, Rating, score};
    let law = LawRegister::bundled().expect("law");
    let templates = crate::template::bundled(&law).expect("templates");
    let of = |kind: Kind| {
        templates
            .iter()
            .find(|t| t.kind == kind)
            .expect("template")
            .clone()
    };
    let transfer = LinkedOutcome {
        assessment_id: "t".into(),
        kind: Kind::Transfer,
        title: "Transfer".into(),
        rating: Rating::Compliant,
        worst_severity: None,
    };
    let cases = [
        (
            of(Kind::Vendor),
            vec![
                ("ve01_regime", Answer::Text("eu".into())),
                ("ve05_locations", Answer::List(vec!["prc".into()])),
                ("ve05_mechanism", Answer::Text("missing".into())),
            ],
            "ve05-transfer-not-assessed",
            "PIPL",
        ),
        (
            of(Kind::Pia),
            vec![
                ("pia01_regime", Answer::Text("prc".into())),
                ("pia01_pipl55", Answer::List(vec!["abroad".into()])),
                ("pia17_mechanism", Answer::Text("none".into())),
            ],
            "pia17-transfer-not-assessed",
            "GDPR",
        ),
    ];
    for (template, given, not_assessed, other_regime) in cases {
        let answers: Answers = given.into_iter().map(|(q, a)| (q.to_owned(), a)).collect();
        let unlinked = score(&template, &answers, &[]);
        let finding = unlinked
            .findings
            .iter()
            .find(|f| f.id == not_assessed)
            .unwrap_or_else(|| panic!("{}: {not_assessed} unlinked", template.id));
        assert!(
            !finding.cite.iter().any(|k| k.starts_with(other_regime)),
            "{}: out-of-scope citation in {:?}",
            template.id,
            finding.cite
        );
        let linked = score(&template, &answers, std::slice::from_ref(&transfer));
        let transfer_findings: Vec<&str> = linked
            .findings
            .iter()
            .map(|f| f.id.as_str())
            .filter(|id| id.starts_with("ve05-") || id.starts_with("pia17-"))
            .collect();
        assert!(
            transfer_findings.is_empty(),
            "{}: linked, the route speaks, yet {transfer_findings:?}",
            template.id
        );
    }
}
