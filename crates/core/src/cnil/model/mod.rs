//! The CNIL PIA file as read: a tolerant parser from bytes to [`CnilPia`]. It accepts the dirty
//! inputs real files carry (a BOM, a revision wrapper, gauges and ids written as strings, the old
//! misspelled field names, double-encoded UTF-8, missing arrays) and notes each repair; anything
//! else unexpected is refused with the JSON path of the field, before anything is imported.
//! Every field it reads is either kept with its path or listed in `ignored` with a reason, so the
//! mapping report can account for all of them. The format: `docs/cnil-pia-format.md`.

mod fields;
mod problems;
mod read;
#[cfg(test)]
mod tests;

pub use problems::{CnilProblem, Fix, Ignored};
pub use read::parse;

use problems::{expected, invalid};

/// A value read from the file, with the JSON path it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Src<T> {
    pub path: String,
    pub value: T,
}

/// A parsed CNIL PIA export.
#[derive(Debug, Clone, Default)]
pub struct CnilPia {
    pub header: Header,
    pub answers: Vec<CnilAnswer>,
    pub measures: Vec<Measure>,
    pub evaluations: Vec<Evaluation>,
    pub comments: Vec<Comment>,
    /// Fields read but deliberately not kept, with why.
    pub ignored: Vec<(String, Ignored)>,
    /// Paths of fields that were present but empty (null, blank, 0 where 0 means unset).
    pub empty: Vec<String>,
    /// Irregularities that were repaired while reading.
    pub fixes: Vec<Fix>,
}

/// The `pia` object. Text fields hold `None` when missing, null or blank.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub name: Src<String>,
    pub category: Option<Src<String>>,
    pub status: Option<Src<u8>>,
    pub author_name: Option<Src<String>>,
    pub evaluator_name: Option<Src<String>>,
    pub validator_name: Option<Src<String>>,
    pub dpos_names: Option<Src<String>>,
    pub dpo_status: Option<Src<u8>>,
    pub dpo_opinion: Option<Src<String>>,
    pub people_searched: Option<Src<bool>>,
    pub people_searched_content: Option<Src<String>>,
    pub people_names: Option<Src<String>>,
    pub people_status: Option<Src<u8>>,
    pub people_opinion: Option<Src<String>>,
    pub rejection_reason: Option<Src<String>>,
    pub applied_adjustments: Option<Src<String>>,
    pub created_at: Option<Src<String>>,
    pub updated_at: Option<Src<String>>,
    pub structure_name: Option<Src<String>>,
    pub structure_sector: Option<Src<String>>,
    /// Question titles of an embedded custom template, by question id.
    pub structure_questions: Vec<(u32, String)>,
    pub users: Vec<Src<String>>,
}

/// One record of `answers`.
#[derive(Debug, Clone)]
pub struct CnilAnswer {
    pub path: String,
    pub question: u32,
    pub text: Option<Src<String>>,
    pub gauge: Option<Src<u8>>,
    pub list: Option<Src<Vec<String>>>,
    pub updated_at: Option<String>,
}

/// One control of item 3.1.
#[derive(Debug, Clone)]
pub struct Measure {
    pub path: String,
    pub id: Option<String>,
    pub title: Option<Src<String>>,
    pub content: Option<Src<String>>,
}

/// One evaluator verdict.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub path: String,
    pub reference: Src<String>,
    pub status: Option<Src<u8>>,
    pub global_status: Option<Src<u8>>,
    pub action_plan: Option<Src<String>>,
    pub comment: Option<Src<String>>,
    /// Residual severity (`gauges.x`) and likelihood (`gauges.y`), 1–4 when set.
    pub residual_severity: Option<Src<u8>>,
    pub residual_likelihood: Option<Src<u8>>,
    pub implementation_date: Option<Src<String>>,
    pub person_in_charge: Option<Src<String>>,
    pub evaluation_date: Option<Src<String>>,
}

/// One discussion note.
#[derive(Debug, Clone)]
pub struct Comment {
    pub path: String,
    pub reference: Option<String>,
    pub for_measure: Option<Src<bool>>,
    pub description: Option<Src<String>>,
    pub author: Option<Src<String>>,
    pub created_at: Option<Src<String>>,
}

/// The reader's account of what it repaired, left out or found empty, filled while reading.
#[derive(Default)]
struct Reader {
    ignored: Vec<(String, Ignored)>,
    fixes: Vec<Fix>,
    empty: Vec<String>,
}
