//! How settled a rating is: the decisive questions of a template (those a rule, a gate or the
//! regime routing refers to), the open ones among those shown (the points to verify), the worst
//! rating the rules that read open questions could still give, and the PIA screen's verdict.
//! Read from the rules' conditions only: no search over answer combinations.

use std::collections::BTreeSet;

use super::answer::{Answer, Answers};
use super::eval::{Scope, Truth, truth};
use super::outcome::{Certainty, OpenPoint, PiaScreen, PiaVerdict, Rating, Standing};
use crate::template::{QuestionType, Rule, Severity, Template};

/// What scoring saw, handed over in one piece.
pub(crate) struct Seen<'a> {
    pub visible: &'a Answers,
    pub shown: &'a BTreeSet<&'a str>,
    /// Rules whose condition is unknown because they read open questions (in applicable regimes).
    pub could: &'a [&'a Rule],
    /// The chosen channel's default severity while its gates are open.
    pub prescreen: Option<Severity>,
}

/// The questions that decide a rating: read by a rule, a gate (`gate = true` or a channel's
/// `gates`), the regime routing question, or the PIA risk register.
pub fn decisive_questions(template: &Template) -> BTreeSet<&str> {
    let mut out: BTreeSet<&str> = template
        .rules
        .iter()
        .flat_map(|r| r.when.references())
        .filter(|r| r.group.is_none())
        .map(|r| r.id)
        .collect();
    for (_, q) in template.questions() {
        if q.gate || q.risk_register {
            out.insert(q.id.as_str());
        }
        for choice in &q.choices {
            out.extend(choice.gates.iter().map(String::as_str));
        }
    }
    if let Some(regimes) = &template.regimes {
        out.insert(regimes.question.as_str());
    }
    out
}

pub(crate) fn standing(template: &Template, seen: &Seen<'_>, overall: Rating) -> Standing {
    let decisive = decisive_questions(template);
    let given = |q: &str| seen.visible.get(q).is_some_and(Answer::is_given);
    let open = |q: &str| seen.shown.contains(q) && !given(q);
    // Gates of the channel chosen: the pre-screen default holds until they are answered.
    let chosen_gates: BTreeSet<&str> = template
        .questions()
        .filter(|(_, q)| q.kind == QuestionType::SingleChoice)
        .filter_map(|(_, q)| {
            let value = seen.visible.get(&q.id).and_then(Answer::as_text)?;
            q.choices.iter().find(|c| c.value == value)
        })
        .flat_map(|c| c.gates.iter().map(String::as_str))
        .collect();
    let routing = template.regimes.as_ref().map(|r| r.question.as_str());
    let mut points = Vec::new();
    for (_, q) in template.questions() {
        let id = q.id.as_str();
        if !open(id) {
            continue;
        }
        let rules: Vec<String> = seen
            .could
            .iter()
            .filter(|r| {
                r.when
                    .references()
                    .iter()
                    .any(|x| x.group.is_none() && x.id == id)
            })
            .map(|r| r.id.clone())
            .collect();
        let key = q.gate || chosen_gates.contains(id) || routing == Some(id);
        if key || !rules.is_empty() {
            points.push(OpenPoint {
                question_id: q.id.clone(),
                text: q.text.clone(),
                rules,
            });
        }
    }
    let reachable = seen
        .could
        .iter()
        .map(|r| r.severity)
        .chain(seen.prescreen)
        .max();
    let could_reach = reachable
        .map(|s| Rating::from_worst(Some(s)))
        .filter(|r| *r > overall);
    let any_given = decisive.iter().any(|q| seen.shown.contains(q) && given(q));
    let certainty = if !decisive.is_empty() && !any_given {
        Certainty::Undetermined
    } else if points.is_empty() {
        Certainty::Settled
    } else {
        Certainty::Provisional
    };
    Standing {
        certainty,
        could_reach,
        points,
    }
}

/// The PIA verdict: the highest need among the screening rules that hold, unless a screening
/// rule that reads open questions could still raise it — then it is undetermined.
pub(crate) fn pia_screen(
    template: &Template,
    scope: &Scope<'_>,
    open: &dyn Fn(&str) -> bool,
) -> PiaScreen {
    let mut reasons = Vec::new();
    let mut found: Option<PiaVerdict> = None;
    let mut could: Option<PiaVerdict> = None;
    for rule in &template.rules {
        let Some(need) = rule.pia else { continue };
        let need = PiaVerdict::from(need);
        match truth(&rule.when, scope, open) {
            Truth::True => {
                reasons.push(rule.id.clone());
                found = found.max(Some(need));
            }
            Truth::Unknown => could = could.max(Some(need)),
            Truth::False => {}
        }
    }
    let settled = found.unwrap_or(PiaVerdict::NotRequired);
    let need = match could {
        Some(c) if c > settled => PiaVerdict::Undetermined,
        _ => settled,
    };
    PiaScreen { need, reasons }
}
