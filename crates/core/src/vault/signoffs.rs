//! Sign-offs as stored: a signer's decision on an assessment, with the attestations, the
//! fingerprint of the answers signed, and the outcome frozen with the engine and law-register
//! versions it was scored under, each kept as the JSON text it was given. Who may sign, what is
//! frozen and the keep-until minimum an approval sets are decided above (`api::signing`, which
//! writes them through one unit of `store::Work`);
//! `assessment::stored` reads the rows back as `SignOff`.

use std::collections::HashMap;

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

/// What a list shows of a version's newest sign-off: who decided what, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestSignOff {
    pub decision: Decision,
    pub name: String,
    pub signed_at: String,
}

/// Keeps `row` as its version's newest sign-off unless one at least as late is kept: of equal
/// times the first in [`Vault::sign_off_rows`]'s order stays.
pub(crate) fn keep_latest(
    latest: &mut HashMap<String, LatestSignOff>,
    assessment_id: &str,
    row: LatestSignOff,
) {
    match latest.get(assessment_id) {
        Some(kept) if kept.signed_at >= row.signed_at => {}
        _ => {
            latest.insert(assessment_id.to_owned(), row);
        }
    }
}

impl Vault {
    /// The newest sign-off of every version that has one, in one query: the portfolio shows it
    /// on thousands of rows, and a query per version cost more than the rest of the list.
    pub(crate) fn latest_sign_offs(&self) -> Result<HashMap<String, LatestSignOff>> {
        let mut stmt = self.conn.prepare(
            "SELECT assessment_id, decision, name, signed_at FROM signoffs ORDER BY signed_at, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut latest = HashMap::new();
        while let Some(row) = rows.next()? {
            let assessment_id: String = row.get(0)?;
            let decision: String = row.get(1)?;
            let signed = LatestSignOff {
                decision: if decision == "approve" {
                    Decision::Approve
                } else {
                    Decision::Reject
                },
                name: row.get(2)?,
                signed_at: row.get(3)?,
            };
            keep_latest(&mut latest, &assessment_id, signed);
        }
        Ok(latest)
    }

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

#[cfg(test)]
mod tests {
    use crate::vault::{Passphrase, Vault};

    use super::*;

    const DATE: &str = "2026-05-04";

    /// What the per-version reads say is each version's newest sign-off.
    fn one_by_one(vault: &Vault) -> HashMap<String, (Decision, String, String)> {
        let mut latest: HashMap<String, (Decision, String, String)> = HashMap::new();
        for record in vault.assessments().expect("assessments") {
            for row in vault.sign_off_rows(&record.id).expect("rows") {
                if latest
                    .get(&record.id)
                    .is_none_or(|kept| kept.2 < row.signed_at)
                {
                    latest.insert(record.id.clone(), (row.decision, row.name, row.signed_at));
                }
            }
        }
        latest
    }

    #[test]
    fn the_newest_sign_off_of_every_version_in_one_read_is_what_each_versions_rows_say() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pass = Passphrase::new("correct horse battery staple 17".to_owned());
        let demo = crate::demo::create(dir.path(), &pass, DATE, false).expect("demo");
        let vault = Vault::open(&demo.vault, &pass).expect("open demo");
        let before = one_by_one(&vault);
        let (signed_id, first) = before.iter().next().expect("the demo signs something");
        let row = vault.sign_off_rows(signed_id).expect("rows").remove(0);
        // A later rejection, then one at the same time with a later id: the first of the two stays.
        let later = |id: &str, name: &str| SignOffRow {
            id: id.to_owned(),
            name: name.to_owned(),
            decision: Decision::Reject,
            signed_at: format!("{}Z", first.2),
            ..row.clone()
        };
        insert(&vault.conn, &later("aaaa-later", "Later Signer")).expect("insert");
        insert(&vault.conn, &later("zzzz-same-time", "Same Time")).expect("insert");

        let read: HashMap<String, (Decision, String, String)> = vault
            .latest_sign_offs()
            .expect("latest")
            .into_iter()
            .map(|(id, s)| (id, (s.decision, s.name, s.signed_at)))
            .collect();
        assert_eq!(read, one_by_one(&vault));
        assert_eq!(read.len(), before.len(), "versions never signed are absent");
        let newest = &read[signed_id];
        assert_eq!(
            (newest.0, newest.1.as_str()),
            (Decision::Reject, "Later Signer")
        );
    }
}
