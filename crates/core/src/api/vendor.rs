//! Wire types of a vendor assessment's own results: the vendor's tier and the clause coverage of
//! its processing contract, as scoring computed them and worded as the vendor report words them.

use super::*;
use crate::report::wording as wd;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Low,
    Medium,
    High,
    Critical,
}

/// A vendor's tier with its word in both languages.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TierBadge {
    pub tier: Tier,
    pub label: Bilingual,
}

impl From<assessment::Tier> for TierBadge {
    fn from(tier: assessment::Tier) -> TierBadge {
        TierBadge {
            tier: match tier {
                assessment::Tier::Low => Tier::Low,
                assessment::Tier::Medium => Tier::Medium,
                assessment::Tier::High => Tier::High,
                assessment::Tier::Critical => Tier::Critical,
            },
            label: (&wd::tier(tier).text()).into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClauseStatus {
    Present,
    Partial,
    Missing,
    /// Nobody has checked the contract for it yet: not the same as missing.
    Unchecked,
}

/// One mandatory contract clause: the question that asks for it and where it stands.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ClauseView {
    pub question_id: String,
    pub status: ClauseStatus,
    pub label: Bilingual,
}

/// Clause coverage of the processing contract over the checked clauses (present 1, partial ½,
/// missing 0); unchecked clauses are counted apart.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CoverageView {
    #[ts(type = "number")]
    pub mandatory: usize,
    #[ts(type = "number")]
    pub present: usize,
    #[ts(type = "number")]
    pub partial: usize,
    #[ts(type = "number")]
    pub missing: usize,
    #[ts(type = "number")]
    pub unchecked: usize,
    /// 0–100, one decimal, over the checked clauses; null while none is checked.
    pub percent: Option<f64>,
    /// The coverage as core words it ("75.0 % of the 2 clauses checked; 10 not yet checked", "not
    /// yet checked (12 clauses)").
    pub label: Bilingual,
    pub clauses: Vec<ClauseView>,
}

impl From<&assessment::Coverage> for CoverageView {
    fn from(c: &assessment::Coverage) -> CoverageView {
        CoverageView {
            mandatory: c.mandatory,
            present: c.present,
            partial: c.partial,
            missing: c.missing,
            unchecked: c.unchecked,
            percent: c.percent,
            label: (&wd::coverage(c)).into(),
            clauses: c
                .clauses
                .iter()
                .map(|clause| ClauseView {
                    question_id: clause.question_id.clone(),
                    status: match clause.status {
                        assessment::ClauseStatus::Present => ClauseStatus::Present,
                        assessment::ClauseStatus::Partial => ClauseStatus::Partial,
                        assessment::ClauseStatus::Missing => ClauseStatus::Missing,
                        assessment::ClauseStatus::Unchecked => ClauseStatus::Unchecked,
                    },
                    label: (&wd::clause_status(clause.status).text()).into(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A processor abroad whose transfer no linked transfer assessment covers is a high-tier
    /// vendor (its route is that assessment's to name); one clause present and one partial of
    /// two checked give 75 % — as the vendor report states them.
    #[test]
    fn a_vendor_view_carries_core_tier_and_clause_coverage() {
        let (_dir, mut vault, law, id) =
            crate::api::test_support::one_assessment("vendor-entrustment", "SMS gateway");
        let text = |t: &str| Some(AnswerValue::Text(t.to_owned()));
        let answers = [
            ("ve01_classification", text("entrusted_processor")),
            ("ve01_regime", text("prc")),
            (
                "ve05_locations",
                Some(AnswerValue::List(vec!["prc".into(), "eu_eea".into()])),
            ),
            ("ve05_mechanism", text("missing")),
            ("ve06_signed", text("yes")),
            ("ve07_purpose_clause", text("yes")),
            ("ve08_term_clause", text("partial")),
        ];
        let mut view = AssessmentView::build(&vault, &law, &id).expect("view");
        for (question, value) in answers {
            let request = SaveAnswerRequest {
                assessment_id: id.clone(),
                question_id: question.into(),
                value,
                version: None,
            };
            view = save_answer(&mut vault, &law, "t", &request).expect("saved");
        }
        let tier = view.outcome.tier.expect("a vendor has a tier");
        assert_eq!(tier.tier, Tier::High);
        let not_assessed = view
            .outcome
            .findings
            .iter()
            .find(|f| f.id == "ve05-transfer-not-assessed")
            .expect("the transfer is not assessed");
        assert_eq!(
            not_assessed.cleared_by_link,
            Some(Kind::Transfer),
            "the wizard offers the link beside it"
        );
        assert!(
            view.outcome
                .findings
                .iter()
                .filter(|f| f.id != "ve05-transfer-not-assessed")
                .all(|f| f.cleared_by_link.is_none()),
            "no link clears the other findings"
        );
        assert_eq!(
            (tier.label.en.as_str(), tier.label.zh.as_str()),
            ("high (provisional)", "高（暂定）"),
            "decisive points are still open"
        );
        let coverage = view.outcome.coverage.expect("coverage");
        assert_eq!(
            (coverage.mandatory, coverage.present, coverage.partial),
            (12, 1, 1)
        );
        // Two clauses checked (one present, one partial), ten not yet checked.
        assert_eq!((coverage.missing, coverage.unchecked), (0, 10));
        assert_eq!(coverage.percent, Some(75.0));
        assert_eq!(
            coverage.label.en,
            "75.0 % of the 2 clauses checked; 10 not yet checked"
        );
        let term = coverage
            .clauses
            .iter()
            .find(|c| c.question_id == "ve08_term_clause")
            .expect("term clause");
        assert_eq!(term.status, ClauseStatus::Partial);
        assert_eq!(term.label.zh, "部分具备");
        assert!(view.risk_map.is_none());
    }
}
