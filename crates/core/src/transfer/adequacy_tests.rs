//! The adequacy table, the template's answer options and the law register stay in step: every
//! option names a row, every row cites a register entry whose article carries the same decision
//! number, and the route words name that decision.

use super::adequacy::{DECISIONS, by_value, of};
use super::facts::{AdequacyDecision, EuFacts};
use super::{EuRoute, eu_route, eu_text};
use crate::law::LawRegister;
use crate::template::Kind;

/// The decision's number as the Official Journal writes it, e.g. `2010/625` or `2022/254`.
fn number(instrument: &str) -> &str {
    instrument
        .split([' ', '(', ')'])
        .find(|w| {
            w.len() >= 6 && w.as_bytes()[4] == b'/' && w[..4].bytes().all(|b| b.is_ascii_digit())
        })
        .map(|w| w.trim_end_matches("/EU").trim_end_matches("/EC"))
        .unwrap_or_else(|| panic!("no number in {instrument}"))
}

#[test]
fn every_option_picks_a_decision_and_every_decision_its_register_entry() {
    let law = LawRegister::bundled().expect("law");
    let template = crate::template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.kind == Kind::Transfer)
        .expect("transfer template");
    let q = template
        .question("tr08_adequacy_decision")
        .expect("question");
    let values: Vec<&str> = q.choices.iter().map(|c| c.value.as_str()).collect();
    let mut rows: Vec<&str> = DECISIONS.iter().map(|d| d.value).collect();
    rows.push("other");
    assert_eq!(values, rows);
    for d in DECISIONS {
        assert_eq!(by_value(d.value), Some(d.decision));
        let entry = law
            .get(d.key)
            .unwrap_or_else(|| panic!("{} not in the register", d.key));
        let n = number(d.instrument.1);
        assert!(
            entry.article.en.contains(n),
            "{}: {} vs {}",
            d.key,
            n,
            entry.article.en
        );
        assert!(
            d.instrument.0.contains(n),
            "{}: zh names {}",
            d.key,
            d.instrument.0
        );
        assert!(
            q.cite.iter().any(|k| k == d.key),
            "{} not cited by the question",
            d.key
        );
        let route = eu_route(&EuFacts {
            recipient_outside: Some(true),
            collection: Some(super::Collection::ViaEu),
            adequacy: Some(true),
            adequacy_decision: Some(d.decision),
            ..EuFacts::default()
        });
        assert_eq!(
            route,
            EuRoute::Adequacy {
                decision: Some(d.decision)
            }
        );
        assert_eq!(route.cite(), ["GDPR-45-1", d.key]);
        let text = eu_text(&route);
        assert!(
            text.en.contains(n) && text.zh.contains(n),
            "{}: {text:?}",
            d.key
        );
    }
    assert_eq!(by_value("other"), Some(AdequacyDecision::Other));
    assert!(of(AdequacyDecision::Other).is_none());
}

#[test]
fn canada_covers_only_pipeda_and_the_uk_renewal_number_stays_to_verify() {
    let canada = of(AdequacyDecision::CanadaCommercial).expect("canada");
    assert!(canada.only.1.contains("PIPEDA"), "{:?}", canada.only);
    let text = eu_text(&EuRoute::Adequacy {
        decision: Some(AdequacyDecision::CanadaCommercial),
    });
    assert!(
        text.en
            .contains("only because the recipient is a commercial organisation"),
        "{}",
        text.en
    );
    let uk = eu_text(&EuRoute::Adequacy {
        decision: Some(AdequacyDecision::UnitedKingdom),
    });
    assert!(
        uk.en.contains("2021/1772") && uk.en.contains("[verify]"),
        "{}",
        uk.en
    );
    assert!(uk.zh.contains("［待核实］"), "{}", uk.zh);
}
