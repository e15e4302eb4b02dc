//! Keep-until dates: until when a client's matter, or one assessment version, is kept before the
//! user is asked whether to erase it. A date only prompts; nothing here deletes anything (erasure
//! is `erase.rs`, behind the user's confirmation).
//!
//! A signed-off PIA is kept at least until its legal minimum (PIPL Art. 56(2): three years from
//! approval, longer when its answers ask — `assessment::retention`). That rule is `api`'s
//! (`api::keep_until`): it computes the minimum and the date to keep and hands them down here as
//! plain values. The one exception is migration 7's backfill, which keeps its own frozen copy
//! ([`backfill`]).

use rusqlite::{Connection, OptionalExtension, params};

use super::Vault;
use crate::error::{Entity, Error, Result};

/// What a keep-until date is set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Client,
    Assessment,
}

impl Kept {
    fn table(self) -> &'static str {
        match self {
            Kept::Client => "clients",
            Kept::Assessment => "assessments",
        }
    }

    pub(crate) fn audit_type(self) -> &'static str {
        match self {
            Kept::Client => "client",
            Kept::Assessment => "assessment",
        }
    }

    pub(crate) fn entity(self) -> Entity {
        match self {
            Kept::Client => Entity::Client,
            Kept::Assessment => Entity::Assessment,
        }
    }
}

/// A client or an assessment version whose keep-until date has passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastKeepUntil {
    pub kept: Kept,
    pub id: String,
    /// The client's name or the assessment's title.
    pub name: String,
    /// The client itself, or the client the assessment is filed under (erasure goes by client).
    pub client_id: Option<String>,
    /// The assessment's version; 0 for a client.
    pub version: i64,
    pub keep_until: String,
}

impl Vault {
    /// The keep-until date of a client or an assessment version, if one is set.
    pub(crate) fn keep_until(&self, kept: Kept, id: &str) -> Result<Option<String>> {
        stored(&self.conn, kept, id)
    }

    /// The date of a PIA's latest approval; `None` for another kind, or a PIA never approved.
    pub(crate) fn pia_approved_on(&self, assessment_id: &str) -> Result<Option<String>> {
        pia_approved_on(&self.conn, assessment_id)
    }

    /// Every client and assessment version whose keep-until date is before `today` (YYYY-MM-DD),
    /// archived ones included (they are the likeliest to be due), oldest date first.
    pub(crate) fn past_keep_until(&self, today: &str) -> Result<Vec<PastKeepUntil>> {
        let mut past = Vec::new();
        let mut clients = self.conn.prepare(
            "SELECT id, name, keep_until FROM clients
             WHERE keep_until IS NOT NULL AND keep_until < ?1",
        )?;
        for row in clients.query_map([today], |r| {
            Ok(PastKeepUntil {
                kept: Kept::Client,
                id: r.get(0)?,
                name: r.get(1)?,
                client_id: Some(r.get(0)?),
                version: 0,
                keep_until: r.get(2)?,
            })
        })? {
            past.push(row?);
        }
        let mut assessments = self.conn.prepare(
            "SELECT id, title, client_id, version, keep_until FROM assessments
             WHERE keep_until IS NOT NULL AND keep_until < ?1",
        )?;
        for row in assessments.query_map([today], |r| {
            Ok(PastKeepUntil {
                kept: Kept::Assessment,
                id: r.get(0)?,
                name: r.get(1)?,
                client_id: r.get(2)?,
                version: r.get(3)?,
                keep_until: r.get(4)?,
            })
        })? {
            past.push(row?);
        }
        past.sort_by(|a, b| (&a.keep_until, &a.name).cmp(&(&b.keep_until, &b.name)));
        Ok(past)
    }
}

fn stored(conn: &Connection, kept: Kept, id: &str) -> Result<Option<String>> {
    conn.query_row(
        &format!("SELECT keep_until FROM {} WHERE id = ?1", kept.table()),
        [id],
        |r| r.get::<_, Option<String>>(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: kept.entity(),
        id: id.to_owned(),
    })
}

fn pia_approved_on(conn: &Connection, assessment_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT s.signed_at FROM signoffs s JOIN assessments a ON a.id = s.assessment_id
             WHERE s.assessment_id = ?1 AND s.decision = 'approve' AND a.kind = 'pia'
             ORDER BY s.signed_at DESC LIMIT 1",
            [assessment_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Sets (or clears) a keep-until date, inside the caller's transaction.
pub(crate) fn put(conn: &Connection, kept: Kept, id: &str, date: Option<&str>) -> Result<()> {
    conn.execute(
        &format!("UPDATE {} SET keep_until = ?2 WHERE id = ?1", kept.table()),
        params![id, date],
    )?;
    Ok(())
}

/// Inside the caller's transaction: refuses, as stale, a change of the keep-until date of `id`
/// made from a read that saw `read` ("" for no date) when another date is stored now, naming who
/// set it and when (the latest `*.keep_until_set` audit entry; else, with no one to name, the
/// row's last change). The vault's write lock, held by the unit, keeps the date as checked.
/// A row not there is the change's to find missing.
pub(crate) fn ensure_date_is(conn: &Connection, kept: Kept, id: &str, read: &str) -> Result<()> {
    let stored: Option<(Option<String>, String)> = conn
        .query_row(
            &format!(
                "SELECT keep_until, updated_at FROM {} WHERE id = ?1",
                kept.table()
            ),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((date, updated_at)) = stored else {
        return Ok(());
    };
    if date.as_deref().unwrap_or_default() == read {
        return Ok(());
    }
    // The log has no index by entity: this scan runs only on a refusal.
    let set: Option<(String, String)> = conn
        .query_row(
            "SELECT actor, at FROM audit_log WHERE entity_id = ?1 AND action = ?2
             ORDER BY seq DESC LIMIT 1",
            params![id, format!("{}.keep_until_set", kept.audit_type())],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (changed_by, changed_at) = set.unwrap_or((String::new(), updated_at));
    Err(Error::Stale(crate::error::Stale {
        entity: Entity::KeepUntil,
        id: id.to_owned(),
        changed_by,
        changed_at,
    }))
}

/// Inside an approval's transaction: the keep-until date becomes `minimum` unless the user set a
/// later date.
pub(crate) fn raise_to(conn: &Connection, assessment_id: &str, minimum: &str) -> Result<()> {
    conn.execute(
        "UPDATE assessments SET keep_until = ?2
         WHERE id = ?1 AND (keep_until IS NULL OR keep_until < ?2)",
        params![assessment_id, minimum],
    )?;
    Ok(())
}

/// Migration 7: PIAs approved before keep-until dates existed get their legal minimum.
///
/// A migration is history: it must convert an old vault the same way whatever the rules say
/// later, so it carries the rule as it stood when keep-until dates came (three years from the
/// latest approval, more when the bundled PIA's retention answer asks for 3–200 years), not a
/// call into `api`.
pub(crate) fn backfill(conn: &Connection) -> Result<()> {
    /// The bundled PIA's retention question in schema 7.
    const YEARS_QUESTION: &str = "pia16_retention_years";
    const MIN_YEARS: i32 = 3;
    let ids = conn
        .prepare(
            "SELECT DISTINCT s.assessment_id FROM signoffs s
             JOIN assessments a ON a.id = s.assessment_id
             WHERE s.decision = 'approve' AND a.kind = 'pia'",
        )?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for id in ids {
        let Some(approved_on) = pia_approved_on(conn, &id)? else {
            continue;
        };
        let answer: Option<String> = conn
            .query_row(
                "SELECT value FROM answers WHERE assessment_id = ?1 AND question_id = ?2",
                [id.as_str(), YEARS_QUESTION],
                |r| r.get(0),
            )
            .optional()?;
        // An answer is stored as untagged JSON: a number answer is a JSON number. Anything else,
        // or unreadable, counts as none: the legal minimum then applies, never a shorter one.
        let years = answer
            .and_then(|v| serde_json::from_str::<serde_json::Value>(&v).ok())
            .and_then(|v| v.as_f64())
            .filter(|n| n.is_finite() && *n >= f64::from(MIN_YEARS) && *n <= 200.0)
            .map_or(MIN_YEARS, |n| n.ceil() as i32);
        if let Some(minimum) = crate::time::plus_years(&approved_on, years) {
            raise_to(conn, &id, &minimum)?;
        }
    }
    Ok(())
}
