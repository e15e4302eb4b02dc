//! Assessments: answers, their evaluation against a template, and pure scoring into an outcome.
//! Everything here is pure except `stored.rs`, which reads the store's rows as these types, and
//! `search_docs.rs`, which scores what a write will leave for the search index and the stored
//! summaries (`summary.rs`) to keep.

mod answer;
mod answers_file;
#[cfg(test)]
mod blank_tests;
mod coverage;
mod diff;
mod eval;
mod finding_groups;
mod fingerprint;
mod frozen;
mod outcome;
mod regime_filter;
#[cfg(test)]
mod regime_questions_tests;
pub mod retention;
mod risks;
mod scoring;
pub(crate) mod search_docs;
mod split_answers;
mod standing;
pub(crate) mod stored;
mod summary;
mod themes;
mod versions;

pub use answer::{Answer, Answers, Cell, Row};
pub use answers_file::{check_answer, parse_answers};
pub use diff::{AnswerChange, Diff, FindingChange, diff};
pub use finding_groups::{FIX_FIRST, FindingGroup, fix_first, group_findings};
pub use fingerprint::canonical_sha256;
pub use frozen::{FrozenOutcome, frozen_wording, register_version, rescored_note, reservations};
pub use outcome::{
    Certainty, ClauseState, ClauseStatus, Coverage, Finding, FindingSource, LinkedOutcome,
    OpenPoint, Outcome, PiaScreen, PiaVerdict, Rating, Ratings, RiskLevel, RiskPoint, RiskPosition,
    Standing, Tier, short_wording,
};
pub use regime_filter::RegimeFilter;
pub use risks::level_matrix;
pub use scoring::{ENGINE_VERSION, is_required, score, shown_question_ids};
pub use split_answers::with_split_answers;
pub use standing::decisive_questions;
pub use stored::SignOff;
pub use summary::Summary;
pub use versions::Versions;
