//! What scoring produces: findings, ratings per regime and overall, and the instrument-specific
//! results (vendor clause coverage and tier; PIA need, risk positions). Plain data: the UI, the
//! CLI and the reports all show this same outcome.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::template::{Kind, PiaNeed, RegimeScope, Severity};

/// A rating: the worst finding severity, mapped once (docs/scoring.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Compliant,
    Conditional,
    HighRisk,
    Prohibited,
}

impl Rating {
    pub fn from_worst(severity: Option<Severity>) -> Rating {
        match severity {
            Some(Severity::Critical) => Rating::Prohibited,
            Some(Severity::High) => Rating::HighRisk,
            Some(Severity::Medium) => Rating::Conditional,
            Some(Severity::Low | Severity::Info) | None => Rating::Compliant,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Compliant => "compliant",
            Rating::Conditional => "conditional",
            Rating::HighRisk => "high_risk",
            Rating::Prohibited => "prohibited",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Rating::Compliant => Text::new("合规", "compliant"),
            Rating::Conditional => Text::new("有条件合规", "conditional"),
            Rating::HighRisk => Text::new("高风险", "high risk"),
            Rating::Prohibited => Text::new("禁止", "prohibited"),
        }
    }
}

/// A vendor's risk tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Low,
    Medium,
    High,
    Critical,
}

impl Tier {
    pub fn from_worst(severity: Option<Severity>) -> Tier {
        match severity {
            Some(Severity::Critical) => Tier::Critical,
            Some(Severity::High) => Tier::High,
            Some(Severity::Medium) => Tier::Medium,
            Some(Severity::Low | Severity::Info) | None => Tier::Low,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Low => "low",
            Tier::Medium => "medium",
            Tier::High => "high",
            Tier::Critical => "critical",
        }
    }
}

/// Where a finding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingSource {
    /// A template rule matched.
    Rule,
    /// The channel's pre-screen default, until its gate items are answered.
    Prescreen,
    /// A PIA risk whose residual level remains high.
    Risk,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule id (or `prescreen:<channel>` / `risk:<row>` for built-in findings).
    pub id: String,
    pub source: FindingSource,
    pub severity: Severity,
    pub regime: RegimeScope,
    pub title: Text,
    pub explanation: Text,
    pub recommendation: Text,
    pub cite: Vec<String>,
    pub requirements: Vec<String>,
    pub penalty: Vec<String>,
}

/// Ratings per regime (absent where the regime does not apply) and overall (the worse).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratings {
    pub eu: Option<Rating>,
    pub prc: Option<Rating>,
    pub overall: Rating,
}

/// State of one mandatory contract clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseStatus {
    Present,
    Partial,
    Missing,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseState {
    pub question_id: String,
    pub status: ClauseStatus,
    pub cite: Vec<String>,
}

/// Clause coverage of a processing contract: present 1, partial ½, missing or unanswered 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub mandatory: usize,
    pub present: usize,
    pub partial: usize,
    pub missing: usize,
    /// 0–100, one decimal.
    pub percent: f64,
    pub clauses: Vec<ClauseState>,
}

/// "PIA required / recommended / not required", with the rules that said so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PiaScreen {
    pub need: PiaNeed,
    pub reasons: Vec<String>,
}

/// A GB/T 39335 risk level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Severe,
}

impl RiskLevel {
    pub fn parse(text: &str) -> Option<RiskLevel> {
        match text {
            "low" => Some(RiskLevel::Low),
            "medium" => Some(RiskLevel::Medium),
            "high" => Some(RiskLevel::High),
            "severe" | "very_high" => Some(RiskLevel::Severe),
            _ => None,
        }
    }
}

/// One point on the 4×4 grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskPoint {
    /// 1–4.
    pub impact: u8,
    /// 1–4.
    pub likelihood: u8,
    pub level: RiskLevel,
}

/// A risk of the register, before and after measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskPosition {
    /// Index of the row in the register.
    pub row: usize,
    pub title: String,
    pub category: String,
    pub inherent: Option<RiskPoint>,
    pub residual: Option<RiskPoint>,
}

/// The outcome of a linked data-source or vendor assessment, as a PIA's scoring input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkedOutcome {
    pub assessment_id: String,
    pub kind: Kind,
    pub title: String,
    pub rating: Rating,
    pub worst_severity: Option<Severity>,
}

/// Everything scoring says about an assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub kind: Kind,
    /// Deduplicated, most severe first, then in template order.
    pub findings: Vec<Finding>,
    pub ratings: Ratings,
    pub tier: Option<Tier>,
    pub coverage: Option<Coverage>,
    pub pia: Option<PiaScreen>,
    pub risks: Vec<RiskPosition>,
    /// Required questions that are shown but unanswered, in template order.
    pub unanswered_required: Vec<String>,
}

impl Outcome {
    pub fn worst_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}
