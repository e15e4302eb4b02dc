//! Keep-until dates: until when a client's matter, or one assessment version, is kept before the
//! user is asked whether to erase it. A date only prompts; nothing here deletes anything (erasure
//! is `erase.rs`, behind the user's confirmation).
//!
//! A signed-off PIA is kept at least until its legal minimum (PIPL Art. 56(2): three years from
//! approval, longer when its answers ask — `assessment::retention`): approval sets that date unless
//! a later one was set, an earlier one is refused, and clearing the date puts the minimum back.

use rusqlite::{Connection, OptionalExtension, params};

use super::register;
use super::{AuditEvent, Vault};
use crate::assessment::{Answer, retention};
use crate::error::{Entity, Error, Invalid, Result};

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

    fn audit_type(self) -> &'static str {
        match self {
            Kept::Client => "client",
            Kept::Assessment => "assessment",
        }
    }

    fn entity(self) -> Entity {
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
    pub fn keep_until(&self, kept: Kept, id: &str) -> Result<Option<String>> {
        stored(&self.conn, kept, id)
    }

    /// The earliest keep-until date an assessment may carry: for a signed-off PIA, its legal
    /// minimum; otherwise none.
    pub fn minimum_keep_until(&self, assessment_id: &str) -> Result<Option<String>> {
        minimum(&self.conn, assessment_id)
    }

    /// Sets (`Some`, YYYY-MM-DD) or clears (`None`) the keep-until date and returns the date now
    /// kept. A signed-off PIA refuses a date before its minimum, and clearing puts the minimum
    /// back. A change that leaves the date as it was writes nothing.
    pub fn set_keep_until(
        &mut self,
        actor: &str,
        kept: Kept,
        id: &str,
        date: Option<&str>,
    ) -> Result<Option<String>> {
        let current = stored(&self.conn, kept, id)?;
        let mut wanted = date.map(|d| register::date("keep_until", d)).transpose()?;
        if kept == Kept::Assessment
            && let Some(min) = minimum(&self.conn, id)?
        {
            match &wanted {
                None => wanted = Some(min),
                Some(date) if *date < min => {
                    return Err(Error::InvalidInput {
                        field: "keep_until",
                        reason: Invalid::KeepUntilBeforeMinimum { minimum: min },
                    });
                }
                Some(_) => {}
            }
        }
        if wanted == current {
            return Ok(current);
        }
        let summary = wanted.as_deref().map_or_else(
            || "keep-until cleared".to_owned(),
            |d| format!("keep-until {d}"),
        );
        let action = format!("{}.keep_until_set", kept.audit_type());
        self.write(
            AuditEvent {
                actor,
                action: &action,
                entity_type: kept.audit_type(),
                entity_id: id,
                summary: &summary,
            },
            |tx| {
                tx.execute(
                    &format!("UPDATE {} SET keep_until = ?2 WHERE id = ?1", kept.table()),
                    params![id, wanted],
                )?;
                Ok(())
            },
        )?;
        Ok(wanted)
    }

    /// Every client and assessment version whose keep-until date is before `today` (YYYY-MM-DD),
    /// archived ones included (they are the likeliest to be due), oldest date first.
    pub fn past_keep_until(&self, today: &str) -> Result<Vec<PastKeepUntil>> {
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

/// A PIA's legal minimum: its latest approval's date plus the retention years its answers give
/// (never fewer than three). `None` for another kind, or a PIA never approved.
fn minimum(conn: &Connection, assessment_id: &str) -> Result<Option<String>> {
    let approved_on: Option<String> = conn
        .query_row(
            "SELECT s.signed_at FROM signoffs s JOIN assessments a ON a.id = s.assessment_id
             WHERE s.assessment_id = ?1 AND s.decision = 'approve' AND a.kind = 'pia'
             ORDER BY s.signed_at DESC LIMIT 1",
            [assessment_id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(approved_on) = approved_on else {
        return Ok(None);
    };
    let years_answer: Option<String> = conn
        .query_row(
            "SELECT value FROM answers WHERE assessment_id = ?1 AND question_id = ?2",
            [assessment_id, retention::YEARS_QUESTION],
            |r| r.get(0),
        )
        .optional()?;
    // An unreadable answer counts as none: the legal minimum then applies, never a shorter one.
    let answer = years_answer.and_then(|v| serde_json::from_str::<Answer>(&v).ok());
    Ok(retention::plus_years(
        &approved_on,
        retention::years_from(answer.as_ref()),
    ))
}

/// On approval, inside the sign-off's transaction: a PIA's keep-until becomes its legal minimum
/// unless the user set a later date.
pub(crate) fn on_approval(conn: &Connection, assessment_id: &str) -> Result<()> {
    if let Some(min) = minimum(conn, assessment_id)? {
        conn.execute(
            "UPDATE assessments SET keep_until = ?2
             WHERE id = ?1 AND (keep_until IS NULL OR keep_until < ?2)",
            params![assessment_id, min],
        )?;
    }
    Ok(())
}

/// Migration 7: PIAs approved before keep-until dates existed get their legal minimum.
pub(crate) fn backfill(conn: &Connection) -> Result<()> {
    let ids = conn
        .prepare(
            "SELECT DISTINCT s.assessment_id FROM signoffs s
             JOIN assessments a ON a.id = s.assessment_id
             WHERE s.decision = 'approve' AND a.kind = 'pia'",
        )?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for id in ids {
        on_approval(conn, &id)?;
    }
    Ok(())
}
