//! Wire types: the findings as a DPO acts on them — how many of each severity, the groups by
//! root cause or questionnaire part (`assessment::group_findings`), and the few to fix first.

use super::*;

pub use crate::assessment::FIX_FIRST;

/// One finding as the screens and reports show it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FindingView {
    pub id: String,
    pub severity: Severity,
    pub regime: Regime,
    pub title: Bilingual,
    pub explanation: Bilingual,
    pub recommendation: Bilingual,
    pub cite: Vec<String>,
    /// The root cause its rule names (`lawful-basis`, `notice` …), for grouping; set where the
    /// template is at hand (the wizard view).
    pub theme: Option<String>,
    /// Linking an assessment of this kind clears the finding (the transfer assessment that
    /// decides the route): the wizard offers the link beside it. Set where the template is at hand.
    pub cleared_by_link: Option<Kind>,
}

impl From<&assessment::Finding> for FindingView {
    fn from(f: &assessment::Finding) -> FindingView {
        FindingView {
            id: f.id.clone(),
            severity: f.severity.into(),
            regime: f.regime.into(),
            title: (&f.title).into(),
            explanation: (&f.explanation).into(),
            recommendation: (&f.recommendation).into(),
            cite: f.cite.clone(),
            theme: None,
            cleared_by_link: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct SeverityCounts {
    pub critical: u32,
    pub high: u32,
    pub medium: u32,
    pub low: u32,
    pub info: u32,
}

/// One group of findings, headed in both languages; `findings` are ids of `OutcomeView.findings`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FindingGroupView {
    pub key: String,
    pub title: Bilingual,
    pub worst: Severity,
    pub findings: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct FindingsSummary {
    pub counts: SeverityCounts,
    pub groups: Vec<FindingGroupView>,
    /// The critical and high findings, most severe first (at most [`FIX_FIRST`]):
    /// `assessment::fix_first`, as the memo shows them.
    pub fix_first: Vec<String>,
}

impl FindingsSummary {
    pub fn new(template: &Template, outcome: &Outcome) -> FindingsSummary {
        let mut counts = SeverityCounts::default();
        for f in &outcome.findings {
            *match f.severity {
                tpl::Severity::Critical => &mut counts.critical,
                tpl::Severity::High => &mut counts.high,
                tpl::Severity::Medium => &mut counts.medium,
                tpl::Severity::Low => &mut counts.low,
                tpl::Severity::Info => &mut counts.info,
            } += 1;
        }
        FindingsSummary {
            counts,
            groups: assessment::group_findings(template, &outcome.findings)
                .into_iter()
                .map(|g| FindingGroupView {
                    key: g.key,
                    title: (&g.title).into(),
                    worst: g.worst.into(),
                    findings: g.findings,
                })
                .collect(),
            fix_first: assessment::fix_first(&outcome.findings)
                .into_iter()
                .map(|f| f.id.clone())
                .collect(),
        }
    }
}
