//! Regime scope is a filter for questions too: a question that asks about one regime's law (the
//! WP248 or GDPR Art. 35 screening, PIPL Art. 55, GB/T 35273 — its words name that law or say
//! "(EU)" / "(PRC)") must be hidden, by its own or its section's `show_if`, whenever the routing
//! answer leaves that regime out.

use crate::i18n::Text;
use crate::law::Side;
use crate::template::{Condition, Regimes, Template};

fn bundled() -> Vec<Template> {
    let law = crate::law::LawRegister::bundled().expect("the bundled law register loads");
    crate::template::bundled(&law).expect("the bundled templates load")
}

/// The routing answers a condition requires (a leaf on the routing question, directly or inside
/// a top-level `all`), or `None` when it does not restrict the routing.
fn routing_values(condition: &Condition, routing: &str) -> Option<Vec<String>> {
    match condition {
        Condition::Equals { q, value } if q == routing => {
            Some(vec![value.as_str().unwrap_or_default().to_owned()])
        }
        Condition::In { q, values } if q == routing => Some(
            values
                .iter()
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .collect(),
        ),
        Condition::All(all) => all.iter().find_map(|c| routing_values(c, routing)),
        _ => None,
    }
}

/// The one regime a question's words name, if they name only one.
fn side_of(text: &Text) -> Option<Side> {
    const EU: [&str; 5] = ["(EU)", "WP248", "GDPR", "EDPB", "ePrivacy"];
    const PRC: [&str; 4] = ["(PRC)", "PIPL", "GB/T", "PRC law"];
    let eu = EU.iter().any(|w| text.en.contains(w));
    let prc = PRC.iter().any(|w| text.en.contains(w));
    match (eu, prc) {
        (true, false) => Some(Side::Eu),
        (false, true) => Some(Side::Prc),
        _ => None,
    }
}

fn allowed(regimes: &Regimes, side: Side) -> &[String] {
    match side {
        Side::Eu => &regimes.eu,
        _ => &regimes.prc,
    }
}

#[test]
fn a_single_regime_question_is_hidden_where_its_regime_does_not_apply() {
    let mut offenders = Vec::new();
    for template in bundled() {
        let Some(regimes) = &template.regimes else {
            continue;
        };
        for section in &template.sections {
            for q in &section.questions {
                if q.id == regimes.question {
                    continue;
                }
                let Some(side) = side_of(&q.text) else {
                    continue;
                };
                let values = [&section.show_if, &q.show_if]
                    .into_iter()
                    .flatten()
                    .find_map(|c| routing_values(c, &regimes.question));
                let ok = values.is_some_and(|values| {
                    values.iter().all(|v| allowed(regimes, side).contains(v))
                });
                if !ok {
                    offenders.push(format!("{}: {} ({side:?} only)", template.id, q.id));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "single-regime questions shown outside their regime:\n{}",
        offenders.join("\n")
    );
}
