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
    /// The channel's pre-screen default, which engines before version 3 stated as a finding while
    /// the channel's gate items were open. Kept so that outcomes frozen by those sign-offs still
    /// read; scoring now makes it a reach (`Standing::could_reach`), never a finding.
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
    /// The titles of the findings of the same root cause (`theme`) grouped under this one, most
    /// severe first; each is also named in the explanation, so reports print them under it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consequences: Vec<Text>,
}

/// Ratings per regime (absent where the regime does not apply) and overall (the worse).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratings {
    pub eu: Option<Rating>,
    pub prc: Option<Rating>,
    pub overall: Rating,
}

/// State of one mandatory contract clause. `Unchecked`: nobody has looked yet, which is not the
/// same as a clause found missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseStatus {
    Present,
    Partial,
    Missing,
    Unchecked,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseState {
    pub question_id: String,
    pub status: ClauseStatus,
    pub cite: Vec<String>,
}

/// Clause coverage of a processing contract over the clauses checked: present 1, partial ½,
/// missing 0. Unchecked clauses are counted apart and never as missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub mandatory: usize,
    pub present: usize,
    pub partial: usize,
    pub missing: usize,
    #[serde(default)]
    pub unchecked: usize,
    /// 0–100, one decimal, over the checked clauses; `None` while none is checked.
    pub percent: Option<f64>,
    pub clauses: Vec<ClauseState>,
}

impl Coverage {
    pub fn checked(&self) -> usize {
        self.mandatory - self.unchecked
    }
}

/// Whether a PIA must be done: undetermined until the screening answers decide it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PiaVerdict {
    Undetermined,
    NotRequired,
    Recommended,
    Required,
}

impl From<PiaNeed> for PiaVerdict {
    fn from(need: PiaNeed) -> PiaVerdict {
        match need {
            PiaNeed::NotRequired => PiaVerdict::NotRequired,
            PiaNeed::Recommended => PiaVerdict::Recommended,
            PiaNeed::Required => PiaVerdict::Required,
        }
    }
}

impl PiaVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            PiaVerdict::Undetermined => "undetermined",
            PiaVerdict::NotRequired => "not_required",
            PiaVerdict::Recommended => "recommended",
            PiaVerdict::Required => "required",
        }
    }
}

/// "PIA required / recommended / not required / undetermined", with the rules that said so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PiaScreen {
    pub need: PiaVerdict,
    pub reasons: Vec<String>,
}

/// How far the given answers settle the rating (docs/scoring.md, "Provisional and undetermined").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// No decisive point is open.
    #[default]
    Settled,
    /// Decisive points are open: the rating is what the given answers reach so far.
    Provisional,
    /// No decisive question is answered: there is no rating yet.
    Undetermined,
}

impl Certainty {
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Settled => "settled",
            Certainty::Provisional => "provisional",
            Certainty::Undetermined => "undetermined",
        }
    }
}

/// "conditional", "undetermined", "no issue found so far (provisional)", "conditional (provisional)
/// — could reach prohibited": a rating in a few words.
pub fn short_wording(overall: Rating, certainty: Certainty, could_reach: Option<Rating>) -> Text {
    let band = band_label(overall, certainty);
    match (certainty, could_reach) {
        (Certainty::Settled, _) => band,
        (Certainty::Undetermined, _) => Text::new("尚未确定", "undetermined"),
        (Certainty::Provisional, Some(worse)) => {
            let worse = worse.label();
            // "(provisional)" stays beside the band so that the overall line and each regime's
            // line, which has no "could reach", say the same thing about it.
            Text::new(
                format!("{}（暂定）——可能达到{}", band.zh, worse.zh),
                format!("{} (provisional) — could reach {}", band.en, worse.en),
            )
        }
        (Certainty::Provisional, None) => Text::new(
            format!("{}（暂定）", band.zh),
            format!("{} (provisional)", band.en),
        ),
    }
}

/// The band's name as a reader takes it. "Compliant" is a conclusion: while decisive points are
/// open, a band without findings only means that nothing wrong has been found so far, and says so.
fn band_label(band: Rating, certainty: Certainty) -> Text {
    match (band, certainty) {
        (Rating::Compliant, Certainty::Provisional | Certainty::Undetermined) => {
            Text::new("目前未发现问题", "no issue found so far")
        }
        _ => band.label(),
    }
}

/// A shown, decisive question without an answer: something to verify before the rating holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenPoint {
    pub question_id: String,
    pub text: Text,
    /// The rules that could fire once it is answered.
    pub rules: Vec<String>,
}

/// The rating's certainty, the worst rating open points could still lead to, and those points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Standing {
    pub certainty: Certainty,
    /// Set only when it is worse than the rating the given answers reach.
    pub could_reach: Option<Rating>,
    /// Open decisive questions, in template order.
    pub points: Vec<OpenPoint>,
}

impl Standing {
    /// Whether a report must still be a draft on this account (and a sign-off needs reservations).
    pub fn has_open_points(&self) -> bool {
        !self.points.is_empty() || self.certainty != Certainty::Settled
    }

    /// The rating as people read it: "conditional (provisional) — could reach prohibited; 4 points
    /// to verify",
    /// "undetermined; 12 points to verify", or the plain band when settled.
    pub fn wording(&self, overall: Rating) -> Text {
        let n = self.points.len();
        let points = Text::new(
            format!("待核实 {n} 项"),
            format!("{n} {} to verify", if n == 1 { "point" } else { "points" }),
        );
        let band = band_label(overall, self.certainty);
        match self.certainty {
            Certainty::Settled => band,
            Certainty::Undetermined => Text::new(
                format!("尚未确定；{}", points.zh),
                format!("undetermined; {}", points.en),
            ),
            Certainty::Provisional => match self.could_reach {
                Some(worse) => {
                    let worse = worse.label();
                    Text::new(
                        format!("{}（暂定）——可能达到{}；{}", band.zh, worse.zh, points.zh),
                        format!(
                            "{} (provisional) — could reach {}; {}",
                            band.en, worse.en, points.en
                        ),
                    )
                }
                None => Text::new(
                    format!("{}（暂定）；{}", band.zh, points.zh),
                    format!("{} (provisional); {}", band.en, points.en),
                ),
            },
        }
    }

    /// The band's name as a reader takes it: "no issue found so far" for a compliant band while
    /// decisive points are open, so that a script reading the band cannot take it as a conclusion.
    pub fn band_label(&self, overall: Rating) -> Text {
        band_label(overall, self.certainty)
    }

    /// The rating in a few words, without the count of points: for a table cell.
    pub fn short_wording(&self, overall: Rating) -> Text {
        short_wording(overall, self.certainty, self.could_reach)
    }

    /// A regime's rating for a machine: its band, or `undetermined` while nothing decisive is
    /// answered (the assessment's certainty holds for each regime too).
    pub fn regime_word(&self, rating: Option<Rating>) -> Option<&'static str> {
        rating.map(|r| self.rating_word(r))
    }

    /// The one word a machine reads: the band, `undetermined`, or — while the given answers reach
    /// compliant but decisive points are open — `no_issue_found_so_far`, so that a script never
    /// reads "compliant" from a provisional rating.
    pub fn rating_word(&self, overall: Rating) -> &'static str {
        word(self.certainty, overall)
    }
}

/// The machine word of a band under a certainty (see [`Standing::rating_word`]).
pub(crate) fn word(certainty: Certainty, band: Rating) -> &'static str {
    match (certainty, band) {
        (Certainty::Undetermined, _) => "undetermined",
        (Certainty::Provisional, Rating::Compliant) => "no_issue_found_so_far",
        _ => band.as_str(),
    }
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
    /// How many required questions are shown: progress is counted over these alone, so optional
    /// questions never keep it below 100 %. (0 in an outcome frozen before it was recorded.)
    #[serde(default)]
    pub required_shown: usize,
    #[serde(default)]
    pub standing: Standing,
}

impl Outcome {
    pub fn worst_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// The rating as people read it (see [`Standing::wording`]).
    pub fn rating_wording(&self) -> Text {
        self.standing.wording(self.ratings.overall)
    }

    /// `compliant` … `prohibited`, `no_issue_found_so_far` or `undetermined`.
    pub fn rating_word(&self) -> &'static str {
        self.standing.rating_word(self.ratings.overall)
    }
}
