//! Sign-offs: a signer's decision on an assessment in review, with the attestations, the
//! fingerprint of the answers signed, and the outcome frozen with the engine and law-register
//! versions it was scored under (so later rules never silently re-rate signed work). Split from
//! `assessments.rs`, which owns the lifecycle around it.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::assessments::Status;
use super::{AuditEvent, Vault};
use crate::assessment::{ENGINE_VERSION, FrozenOutcome, OpenPoint, register_version, reservations};
use crate::error::{Error, Invalid, Result};
use crate::id::new_id;
use crate::law::LawRegister;
use crate::time::now;

/// What a signer gives when approving or rejecting.
#[derive(Debug, Clone, Copy)]
pub struct SignOffInput<'a> {
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
pub const ATTESTATIONS: [&str; 4] = [
    "processing_accurate",
    "risks_understood",
    "actions_endorsed",
    "implementation_committed",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    pub id: String,
    pub assessment_id: String,
    pub name: String,
    pub role: String,
    pub decision: Decision,
    pub comment: String,
    pub attestations: Vec<String>,
    pub answers_sha256: String,
    pub signed_at: String,
    /// What was signed; `None` for a sign-off recorded before outcomes were frozen.
    pub outcome: Option<FrozenOutcome>,
    /// The scoring engine and law register versions the outcome was scored under.
    pub engine_version: String,
    pub law_version: String,
    /// Decisive points open when it was given: an approval with any is "with reservations".
    pub reservations: Vec<OpenPoint>,
}

impl Vault {
    /// in review → approved / rejected, recording who decided, the attestations, and the
    /// fingerprint of the answers they signed. Approval needs all four attestations.
    pub fn sign_off(&mut self, actor: &str, id: &str, input: &SignOffInput<'_>) -> Result<SignOff> {
        let SignOffInput {
            decision,
            comment,
            attestations,
            ..
        } = *input;
        let (name, role) = (input.name.trim(), input.role.trim());
        if name.is_empty() {
            return Err(Error::InvalidInput {
                field: "name",
                reason: Invalid::Empty,
            });
        }
        if role.is_empty() {
            return Err(Error::InvalidInput {
                field: "role",
                reason: Invalid::Empty,
            });
        }
        if decision == Decision::Approve
            && ATTESTATIONS
                .iter()
                .any(|a| !attestations.iter().any(|given| given == a))
        {
            return Err(Error::InvalidInput {
                field: "attestations",
                reason: Invalid::Attestations,
            });
        }
        let record = self.assessment(id)?;
        if record.status != Status::InReview {
            return Err(Error::InvalidInput {
                field: "status",
                reason: Invalid::NotInReview,
            });
        }
        let sha = self.fingerprint(id)?;
        let outcome = self.outcome(id)?;
        let open = reservations(&outcome);
        // Signing over open decisive points is a choice the signer makes knowingly, never a
        // side effect of pressing "approve".
        if decision == Decision::Approve && !open.is_empty() && !input.with_reservations {
            return Err(Error::InvalidInput {
                field: "reservations",
                reason: Invalid::ReservationsNotChosen { open: open.len() },
            });
        }
        let signoff = SignOff {
            id: new_id(),
            assessment_id: id.to_owned(),
            name: name.to_owned(),
            role: role.to_owned(),
            decision,
            comment: comment.trim().to_owned(),
            attestations: if decision == Decision::Approve {
                ATTESTATIONS.iter().map(|s| (*s).to_owned()).collect()
            } else {
                Vec::new()
            },
            answers_sha256: sha,
            signed_at: now(),
            outcome: Some(FrozenOutcome::of(&outcome)),
            engine_version: ENGINE_VERSION.to_owned(),
            // The register every door scores and cites with is the bundled one.
            law_version: register_version(&LawRegister::bundled()?),
            reservations: open,
        };
        let frozen_json = serde_json::to_string(&signoff.outcome).unwrap_or_default();
        let reservations_json =
            serde_json::to_string(&signoff.reservations).unwrap_or_else(|_| "[]".to_owned());
        let status = if decision == Decision::Approve {
            Status::Approved
        } else {
            Status::Rejected
        };
        let attestations_json =
            serde_json::to_string(&signoff.attestations).unwrap_or_else(|_| "[]".to_owned());
        self.write(
            AuditEvent { actor, action: "assessment.signed_off", entity_type: "assessment", entity_id: id, summary: &format!("decision {}", status.as_str()) },
            |tx| {
                tx.execute(
                    "INSERT INTO signoffs (id, assessment_id, name, role, decision, comment, attestations, answers_sha256, signed_at,
                         outcome, engine_version, law_version, reservations)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    params![signoff.id, id, signoff.name, signoff.role,
                        if decision == Decision::Approve { "approve" } else { "reject" },
                        signoff.comment, attestations_json, signoff.answers_sha256, signoff.signed_at,
                        frozen_json, signoff.engine_version, signoff.law_version, reservations_json],
                )?;
                tx.execute("UPDATE assessments SET status = ?2, updated_at = ?3 WHERE id = ?1", params![id, status.as_str(), signoff.signed_at])?;
                if decision == Decision::Approve {
                    super::retention::on_approval(tx, id)?;
                }
                Ok(())
            },
        )?;
        Ok(signoff)
    }

    pub fn sign_offs(&self, id: &str) -> Result<Vec<SignOff>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, assessment_id, name, role, decision, comment, attestations, answers_sha256, signed_at,
                    outcome, engine_version, law_version, reservations
             FROM signoffs WHERE assessment_id = ?1 ORDER BY signed_at, id",
        )?;
        let rows = stmt.query_map([id], |row| {
            let decision: String = row.get(4)?;
            let attestations: String = row.get(6)?;
            let frozen: String = row.get(9)?;
            let reservations: String = row.get(12)?;
            Ok(SignOff {
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
                // Unreadable or absent (signed before outcomes were frozen): nothing frozen.
                outcome: serde_json::from_str(&frozen).ok().flatten(),
                engine_version: row.get(10)?,
                law_version: row.get(11)?,
                reservations: serde_json::from_str(&reservations).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
