//! Wire types: a rating as the app draws it — the band, its certainty (settled, provisional,
//! undetermined) and core's wording of it — and the points to verify behind it.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Compliant,
    Conditional,
    HighRisk,
    Prohibited,
}

impl From<assessment::Rating> for Rating {
    fn from(rating: assessment::Rating) -> Rating {
        match rating {
            assessment::Rating::Compliant => Rating::Compliant,
            assessment::Rating::Conditional => Rating::Conditional,
            assessment::Rating::HighRisk => Rating::HighRisk,
            assessment::Rating::Prohibited => Rating::Prohibited,
        }
    }
}

/// How far the given answers settle a rating (docs/scoring.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    Settled,
    Provisional,
    Undetermined,
}

impl From<assessment::Certainty> for Certainty {
    fn from(c: assessment::Certainty) -> Certainty {
        match c {
            assessment::Certainty::Settled => Certainty::Settled,
            assessment::Certainty::Provisional => Certainty::Provisional,
            assessment::Certainty::Undetermined => Certainty::Undetermined,
        }
    }
}

/// A rating with its word in both languages, as core words it. `rating` is the band the given
/// answers reach; `wording` is what to draw ("conditional — could reach prohibited; 4 points to
/// verify", "undetermined; …"), which is the plain label when the rating is settled.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RatingBadge {
    pub rating: Rating,
    pub label: Bilingual,
    pub certainty: Certainty,
    pub wording: Bilingual,
}

impl From<assessment::Rating> for RatingBadge {
    fn from(rating: assessment::Rating) -> RatingBadge {
        RatingBadge {
            rating: rating.into(),
            label: (&rating.label()).into(),
            certainty: Certainty::Settled,
            wording: (&rating.label()).into(),
        }
    }
}

impl RatingBadge {
    /// One regime's rating of an outcome: the assessment's certainty holds for it too, so it is
    /// never a bare "compliant" while decisive points are open.
    pub fn regime(rating: assessment::Rating, outcome: &Outcome) -> RatingBadge {
        RatingBadge::with_certainty(rating, outcome.standing.certainty)
    }

    /// A rating under the certainty of the assessment it belongs to (what a stored summary
    /// keeps of an outcome is enough for it).
    pub fn with_certainty(
        rating: assessment::Rating,
        certainty: assessment::Certainty,
    ) -> RatingBadge {
        RatingBadge {
            certainty: certainty.into(),
            wording: (&assessment::short_wording(rating, certainty, None)).into(),
            ..rating.into()
        }
    }

    /// The overall rating of an outcome, with its certainty.
    pub fn overall(outcome: &Outcome) -> RatingBadge {
        RatingBadge {
            certainty: outcome.standing.certainty.into(),
            wording: (&outcome.rating_wording()).into(),
            ..outcome.ratings.overall.into()
        }
    }
}

/// A decisive question still open: to verify before the rating holds.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OpenPointView {
    pub question_id: String,
    pub text: Bilingual,
    /// The rules that could fire once it is answered.
    pub rules: Vec<String>,
}

/// The rating's certainty, what open points could still lead to, and those points.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StandingView {
    pub certainty: Certainty,
    pub could_reach: Option<RatingBadge>,
    pub points: Vec<OpenPointView>,
}
