//! Blanks never state facts: every rule of every bundled template must need an explicit answer to
//! fire. A rule that holds on an empty answer set (or whose `any_row` test holds on a row of empty
//! cells) turns a question nobody answered, or one the answers hide, into a finding; such a rule
//! must read an explicit answer ("never", "none", "not yet identified") instead.

use super::answer::Answers;
use super::eval::{Scope, holds};
use super::scoring::score;
use crate::template::{Condition, Template};

fn bundled() -> Vec<Template> {
    let law = crate::law::LawRegister::bundled().expect("the bundled law register loads");
    crate::template::bundled(&law).expect("the bundled templates load")
}

/// Every `any_row` test inside a condition, with its group.
fn row_tests<'a>(condition: &'a Condition, out: &mut Vec<(&'a str, &'a Condition)>) {
    match condition {
        Condition::All(all) | Condition::Any(all) => all.iter().for_each(|c| row_tests(c, out)),
        Condition::Not(inner) => row_tests(inner, out),
        Condition::AnyRow { q, when } => {
            out.push((q, when));
            row_tests(when, out);
        }
        _ => {}
    }
}

/// The questions a condition requires to be given whenever it holds (its positive leaves, through
/// `all`; an `any` requires what every branch requires).
fn required_given(condition: &Condition) -> Vec<&str> {
    match condition {
        Condition::All(all) => all.iter().flat_map(required_given).collect(),
        Condition::Any(any) => {
            let mut branches = any.iter().map(required_given);
            let first = branches.next().unwrap_or_default();
            let rest: Vec<Vec<&str>> = branches.collect();
            first
                .into_iter()
                .filter(|q| rest.iter().all(|b| b.contains(q)))
                .collect()
        }
        Condition::Not(_) | Condition::Linked { .. } | Condition::HasLink(_) => Vec::new(),
        leaf => leaf
            .references()
            .first()
            .map(|r| vec![r.id])
            .unwrap_or_default(),
    }
}

/// Where a negated leaf is read.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Question,
    /// A cell of a group row: an empty cell is absent (docs/scoring.md), so a negated cell is
    /// sound only beside a positive read of another cell of the same row (a fallback from the
    /// residual to the inherent impact, an accepted risk without its signer).
    Row,
}

/// Negated leaves (`not answered`, `not equals` …) whose question nothing else in the condition
/// requires to be given: such a leaf is true on a blank.
fn negated_blanks<'a>(
    condition: &'a Condition,
    negative: bool,
    place: Place,
    guarded: &[&'a str],
    out: &mut Vec<&'a str>,
) {
    match condition {
        Condition::All(all) => {
            let mut inner: Vec<&str> = guarded.to_vec();
            if !negative {
                inner.extend(all.iter().flat_map(required_given));
            }
            all.iter()
                .for_each(|c| negated_blanks(c, negative, place, &inner, out));
        }
        Condition::Any(any) => any
            .iter()
            .for_each(|c| negated_blanks(c, negative, place, guarded, out)),
        Condition::Not(inner) => negated_blanks(inner, !negative, place, guarded, out),
        Condition::Linked { .. } | Condition::HasLink(_) => {}
        // "No row says …" is a statement about a register that was given.
        Condition::AnyRow { q, .. } if negative => {
            if !guarded.contains(&q.as_str()) {
                out.push(q);
            }
        }
        Condition::AnyRow { when, .. } => negated_blanks(when, negative, Place::Row, &[], out),
        leaf => {
            if negative {
                for r in leaf.references() {
                    let fallback = place == Place::Row && guarded.iter().any(|g| *g != r.id);
                    if !guarded.contains(&r.id) && !fallback {
                        out.push(r.id);
                    }
                }
            }
        }
    }
}

/// Exemptions that hold only where the party relying on them establishes them, so a rule may read
/// "not established" from a blank and say so in its finding: (template, question).
/// A free-trade-zone negative list (PRC 2024 Provisions Art. 6) exempts only data the exporter
/// shows to be outside the list of the zone it is registered in.
const ESTABLISHED_BY_WHO_RELIES: &[(&str, &str)] = &[("transfer", "tr03_ftz_outside_list")];

#[test]
fn no_bundled_rule_reads_a_blank_as_a_fact() {
    let mut offenders = Vec::new();
    for template in bundled() {
        for rule in &template.rules {
            let mut blanks = Vec::new();
            negated_blanks(&rule.when, false, Place::Question, &[], &mut blanks);
            blanks.retain(|q| !ESTABLISHED_BY_WHO_RELIES.contains(&(template.id.as_str(), *q)));
            blanks.dedup();
            if !blanks.is_empty() {
                offenders.push(format!("{}: {} negates {blanks:?}", template.id, rule.id));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "rules that read a blank as a fact:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn no_bundled_rule_fires_on_blanks() {
    let empty = Answers::new();
    let scope = Scope {
        answers: &empty,
        linked: &[],
    };
    let mut offenders = Vec::new();
    for template in bundled() {
        for rule in &template.rules {
            if holds(&rule.when, &scope) {
                offenders.push(format!("{}: {} holds with no answer", template.id, rule.id));
            }
            let mut tests = Vec::new();
            row_tests(&rule.when, &mut tests);
            for (group, when) in tests {
                if holds(when, &scope) {
                    offenders.push(format!(
                        "{}: {} holds on an empty row of {group}",
                        template.id, rule.id
                    ));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "rules that fire on blanks:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn an_empty_assessment_states_no_finding() {
    for template in bundled() {
        let outcome = score(&template, &Answers::new(), &[]);
        let ids: Vec<&str> = outcome.findings.iter().map(|f| f.id.as_str()).collect();
        assert!(
            ids.is_empty(),
            "{}: an empty assessment states {ids:?}",
            template.id
        );
    }
}

/// Evidence is asked for only where the answers make it relevant: no consent record to upload
/// where no consent is claimed, and required only where a valid consent is claimed.
#[test]
fn a_consent_log_is_required_only_where_consent_is_claimed() {
    let template = crate::template::bundled_for_test("data-source");
    let with = |capture: &str| {
        let answers: Answers = [
            ("ds01_channel", "AD"),
            ("ds02_regime", "eu"),
            ("ds05_capture", capture),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), super::answer::Answer::Text(v.to_owned())))
        .collect();
        let outcome = score(&template, &answers, &[]);
        let shown = super::scoring::shown_question_ids(&template, &answers, &[]);
        let log = "ds08_consent_log_export".to_owned();
        (
            shown.contains(&log),
            outcome.unanswered_required.contains(&log),
        )
    };
    assert_eq!(with("none"), (false, false), "no consent, no consent log");
    assert_eq!(with("not_relied"), (false, false));
    assert_eq!(with("pre_ticked"), (true, false), "shown, not demanded");
    assert_eq!(with("unticked_box"), (true, true));
}
