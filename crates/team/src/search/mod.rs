//! Search over answer text in the team database, through `dpodesk.search_answers`
//! (`sql/0004_search.sql`, `sql/0011_search_speed.sql`): a term of three characters or more
//! goes through the pg_trgm index on `answers.search_text`; a two-character one (两字词 such as
//! 同意, 名单) has no trigram and goes through the index of the text's character pairs
//! (`dpodesk.bigrams`), or for a common one the newest answers first; a single character is a
//! scan of the newest answers first that stops at `limit` hits (figures in docs/team-mode.md).
//! A member finds only what he may see: the function applies the assessments' policy, since a
//! member's own `LIKE` under row-level security could use no index.

use postgres::GenericClient;

use crate::error::{Result, sql_error};

/// One answer whose text holds the term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerHit {
    pub assessment_id: String,
    pub question_id: String,
}

/// The newest `limit` answers whose text holds `term` (case-insensitive, taken literally) among
/// those the member may see.
pub fn answers(client: &mut impl GenericClient, term: &str, limit: i32) -> Result<Vec<AnswerHit>> {
    let rows = client
        .query(
            "SELECT assessment_id, question_id FROM dpodesk.search_answers($1, $2)",
            &[&term, &limit],
        )
        .map_err(sql_error)?;
    Ok(rows
        .iter()
        .map(|row| AnswerHit {
            assessment_id: row.get(0),
            question_id: row.get(1),
        })
        .collect())
}

#[cfg(test)]
mod docs_tests;
#[cfg(test)]
mod tests;
