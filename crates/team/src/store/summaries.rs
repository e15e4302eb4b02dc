//! Each assessment version's list summary (JSON text that core scores and reads): written in the
//! unit of work that changed what it depends on, read whole for the overview and the portfolio.

use std::collections::HashMap;

use postgres::{GenericClient, Transaction};

use crate::error::{Result, sql_error};

/// Stores `summary` as assessment `assessment_id`'s, replacing any there.
pub fn put_summary(tx: &mut Transaction<'_>, assessment_id: &str, summary: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO dpodesk.assessment_summaries (assessment_id, summary) VALUES ($1, $2)
         ON CONFLICT (assessment_id) DO UPDATE SET summary = excluded.summary",
        &[&assessment_id, &summary],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Every summary of an assessment the member sees, by assessment id.
pub fn summaries(session: &mut impl GenericClient) -> Result<HashMap<String, String>> {
    let rows = session
        .query(
            "SELECT assessment_id, summary FROM dpodesk.assessment_summaries",
            &[],
        )
        .map_err(sql_error)?;
    Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
}
