//! Sign-offs as stored: a signer's decision on an assessment, with the attestations, the
//! fingerprint of the answers signed, and the outcome frozen with the engine and law-register
//! versions it was scored under, each kept as the JSON text it was given. Who may sign, what is
//! frozen and the keep-until minimum an approval sets are decided above (`api::signing`, which
//! writes them through one unit of `store::Work`);
//! `assessment::stored` reads the rows back as `SignOff`.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::Vault;
use crate::error::Result;

/// What a signer gives when approving or rejecting.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SignOffInput<'a> {
    pub name: &'a str,
    pub role: &'a str,
    pub decision: Decision,
    pub comment: &'a str,
    /// Approval needs every key of [`ATTESTATIONS`].
    pub attestations: &'a [String],
    /// The signer chose to approve with the open decisive points as reservations; approval with
    /// open points is refused without it.
    pub with_reservations: bool,
}

/// A sign-off decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
}

/// What an approver attests to; approval records all four.
pub(crate) const ATTESTATIONS: [&str; 4] = [
    "processing_accurate",
    "risks_understood",
    "actions_endorsed",
    "implementation_committed",
];

/// A sign-off row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOffRow {
    pub id: String,
    pub assessment_id: String,
    pub name: String,
    pub role: String,
    pub decision: Decision,
    pub comment: String,
    pub attestations: Vec<String>,
    pub answers_sha256: String,
    pub signed_at: String,
    /// The frozen outcome's JSON ("null" or unreadable for one recorded before outcomes were
    /// frozen).
    pub outcome: String,
    pub engine_version: String,
    pub law_version: String,
    /// The open decisive points' JSON.
    pub reservations: String,
}

impl Vault {
    /// The assessment's sign-offs as stored, oldest first.
    pub(crate) fn sign_off_rows(&self, id: &str) -> Result<Vec<SignOffRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, assessment_id, name, role, decision, comment, attestations, answers_sha256, signed_at,
                    outcome, engine_version, law_version, reservations
             FROM signoffs WHERE assessment_id = ?1 ORDER BY signed_at, id",
        )?;
        let rows = stmt.query_map([id], |row| {
            let decision: String = row.get(4)?;
            let attestations: String = row.get(6)?;
            Ok(SignOffRow {
                id: row.get(0)?,
                assessment_id: row.get(1)?,
                name: row.get(2)?,
                role: row.get(3)?,
                decision: if decision == "approve" {
                    Decision::Approve
                } else {
                    Decision::Reject
                },
                comment: row.get(5)?,
                attestations: serde_json::from_str(&attestations).unwrap_or_default(),
                answers_sha256: row.get(7)?,
                signed_at: row.get(8)?,
                outcome: row.get(9)?,
                engine_version: row.get(10)?,
                law_version: row.get(11)?,
                reservations: row.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Stores a sign-off row, inside the caller's transaction.
pub(crate) fn insert(conn: &Connection, row: &SignOffRow) -> Result<()> {
    let approve = row.decision == Decision::Approve;
    let attestations_json =
        serde_json::to_string(&row.attestations).unwrap_or_else(|_| "[]".to_owned());
    conn.execute(
        "INSERT INTO signoffs (id, assessment_id, name, role, decision, comment, attestations, answers_sha256, signed_at,
             outcome, engine_version, law_version, reservations)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![row.id, row.assessment_id, row.name, row.role,
            if approve { "approve" } else { "reject" },
            row.comment, attestations_json, row.answers_sha256, row.signed_at,
            row.outcome, row.engine_version, row.law_version, row.reservations],
    )?;
    Ok(())
}
