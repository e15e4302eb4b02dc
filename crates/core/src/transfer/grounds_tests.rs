//! Every exemption ground that holds is named, the purpose-bound one first, in words a lawyer
//! would sign (U6: an order shipped abroad for 20,000 people).

use super::*;

fn delivery(nonsensitive: u64, sensitive: u64) -> PrcFacts {
    PrcFacts {
        personal_info: Some(true),
        important_data: Some(false),
        ciio: Some(false),
        origin: Some(Origin::InPrc),
        nonsensitive: Some(nonsensitive),
        sensitive: Some(sensitive),
        purposes: Some(vec![Purpose::Contract]),
        truly_necessary: Some(true),
        free_trade_zone: Some(false),
        ..PrcFacts::default()
    }
}

fn grounds(route: &PrcRoute) -> Vec<PrcGround> {
    match route {
        PrcRoute::Exempt { grounds, .. } => grounds.clone(),
        other => panic!("not exempt: {other:?}"),
    }
}

#[test]
fn contract_necessity_below_the_threshold_names_both_grounds_contract_first() {
    let route = prc_route(&delivery(20_000, 0));
    assert_eq!(
        grounds(&route),
        [PrcGround::Contract, PrcGround::BelowThreshold]
    );
    let words = prc_text(&route);
    assert!(
        words.zh.contains(
            "依据：为订立、履行个人作为一方当事人的合同所必需（第五条第（一）项）；非关键信息基础设施运营者"
        ),
        "{}",
        words.zh
    );
    assert!(!words.zh.contains("因为"), "{}", words.zh);
    assert!(
        words
            .en
            .contains("party to (Art. 5(1)); a non-CIIO that since 1 January"),
        "{}",
        words.en
    );
    assert_eq!(
        route.cite()[..2],
        ["CAC-O16-5-1", "CAC-O16-5-4"],
        "{:?}",
        route.cite()
    );
}

#[test]
fn art_5_4_is_not_added_where_it_does_not_hold_or_is_open() {
    for facts in [
        delivery(100_000, 0),
        delivery(20_000, 1),
        PrcFacts {
            ciio: Some(true),
            ..delivery(20_000, 0)
        },
    ] {
        assert_eq!(grounds(&prc_route(&facts)), [PrcGround::Contract]);
    }
    // An open count leaves Art. 5(4) unsaid; the contract ground alone settles the route.
    let open = PrcFacts {
        nonsensitive: None,
        ..delivery(0, 0)
    };
    assert_eq!(grounds(&prc_route(&open)), [PrcGround::Contract]);
}

#[test]
fn an_emergency_below_the_threshold_is_still_an_emergency_alone() {
    let facts = PrcFacts {
        purposes: Some(vec![Purpose::Emergency]),
        ..delivery(1, 0)
    };
    let route = prc_route(&facts);
    assert_eq!(
        grounds(&route),
        [PrcGround::Emergency, PrcGround::BelowThreshold]
    );
    assert!(route.emergency_only(), "{route:?}");
}
