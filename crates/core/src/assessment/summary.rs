//! What a list row says of one assessment version — its ratings, their certainty, progress over
//! the required questions and the review date a PIA names — kept beside the version so that the
//! client overview and the portfolio read it instead of scoring every assessment. It is written
//! wherever the search findings are (`search_docs`), in the same unit of work, from the same
//! scoring; a summary scored by another engine version reads as missing and is scored again.

use serde::{Deserialize, Serialize};

use super::{Answer, Answers, Certainty, ENGINE_VERSION, Outcome, Ratings};

/// The PIA question that names the date of its next review.
const PIA_NEXT_REVIEW: &str = "pia16_next_review";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The scoring engine that made it ([`ENGINE_VERSION`]).
    pub engine: String,
    pub ratings: Ratings,
    pub certainty: Certainty,
    /// Required questions shown, and how many of them are unanswered.
    pub required_shown: usize,
    pub required_unanswered: usize,
    /// YYYY-MM-DD: the date a PIA names for its next review, when answered.
    pub next_review: Option<String>,
}

impl Summary {
    /// The summary of `outcome`, scored on `answers`.
    pub fn of(outcome: &Outcome, answers: &Answers) -> Summary {
        Summary {
            engine: ENGINE_VERSION.to_owned(),
            ratings: outcome.ratings,
            certainty: outcome.standing.certainty,
            required_shown: outcome.required_shown,
            required_unanswered: outcome.unanswered_required.len(),
            next_review: match answers.get(PIA_NEXT_REVIEW) {
                Some(Answer::Text(date)) if !date.is_empty() => Some(date.clone()),
                _ => None,
            },
        }
    }

    /// Required questions answered, of those shown.
    pub fn required_answered(&self) -> usize {
        self.required_shown.saturating_sub(self.required_unanswered)
    }

    /// The JSON text the store keeps.
    pub fn to_json(&self) -> String {
        // Plain fields and enums: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored summary, or `None` when it cannot be read or another engine scored it: the
    /// caller scores the assessment instead.
    pub fn from_json(json: &str) -> Option<Summary> {
        serde_json::from_str::<Summary>(json)
            .ok()
            .filter(|s| s.engine == ENGINE_VERSION)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Rating;

    fn summary(engine: &str) -> Summary {
        Summary {
            engine: engine.to_owned(),
            ratings: Ratings {
                eu: Some(Rating::Conditional),
                prc: None,
                overall: Rating::Conditional,
            },
            certainty: Certainty::Provisional,
            required_shown: 12,
            required_unanswered: 5,
            next_review: Some("2027-01-31".to_owned()),
        }
    }

    #[test]
    fn a_summary_reads_back_as_written_and_counts_what_is_answered() {
        let written = summary(ENGINE_VERSION);
        assert_eq!(
            Summary::from_json(&written.to_json()),
            Some(written.clone())
        );
        assert_eq!(written.required_answered(), 7);
    }

    #[test]
    fn a_summary_of_another_engine_or_unreadable_is_missing() {
        assert_eq!(Summary::from_json(&summary("0-older").to_json()), None);
        assert_eq!(Summary::from_json("{\"engine\":"), None);
    }
}
