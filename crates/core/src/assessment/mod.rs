//! Assessments: answers, their evaluation against a template, and pure scoring into an outcome.

mod answer;
mod answers_file;
mod diff;
mod eval;
mod outcome;
mod regime_filter;
pub mod retention;
mod scoring;
mod themes;

pub use answer::{Answer, Answers, Cell, Row};
pub use answers_file::{check_answer, parse_answers};
pub use diff::{AnswerChange, Diff, FindingChange, diff};
pub use outcome::{
    ClauseState, ClauseStatus, Coverage, Finding, FindingSource, LinkedOutcome, Outcome, PiaScreen,
    Rating, Ratings, RiskLevel, RiskPoint, RiskPosition, Tier,
};
pub use regime_filter::RegimeFilter;
pub use scoring::{level_matrix, score, shown_question_ids};
