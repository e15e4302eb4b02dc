//! The audit chains as the database keeps them (`sql/0003_rules.sql`): one per client, each
//! entry's actor, time and hashes written by a trigger. [`verify`] asks the database's
//! SECURITY DEFINER walk for every chain the session's member may see — an admin's covers all
//! of them, the firm's own chain included.

use postgres::GenericClient;

use crate::error::{Error, Result, sql_error};

/// Why a chain breaks: the same reasons, by the same names, as the vault's own walk
/// (core's `vault::AuditBreak`), which core maps onto its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditBreak {
    /// An entry's fields no longer give its hash.
    Altered,
    /// An entry does not link to the one before it.
    Unlinked,
    /// The chain ends before its recorded head: entries were cut off.
    TailCut,
    /// The last entry's hash is not the recorded head.
    AnchorMismatch,
}

/// One chain walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainCheck {
    /// The client whose chain it is; `None` for the firm's chain (entries about no client).
    pub client_id: Option<String>,
    /// Entries walked (up to the break, if any).
    pub entries: i64,
    /// The hash reached.
    pub head_hash: String,
    pub broken: Option<Break>,
}

/// Where and why a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    /// 1-based position in the chain.
    pub position: i64,
    /// The entry's id; `None` when the break is past the last entry (a cut tail, a head edited).
    pub id: Option<String>,
    pub reason: AuditBreak,
}

/// Walks the chains the member may see.
pub fn verify(client: &mut impl GenericClient) -> Result<Vec<ChainCheck>> {
    let rows = client
        .query(
            "SELECT client_id, entries, head_hash, broken_position, broken_id, reason \
             FROM dpodesk.audit_verify()",
            &[],
        )
        .map_err(sql_error)?;
    rows.iter()
        .map(|row| {
            let reason: Option<String> = row.get(5);
            let broken = match reason {
                None => None,
                Some(reason) => Some(Break {
                    position: row.get::<_, Option<i64>>(3).unwrap_or_default(),
                    id: row.get(4),
                    reason: match reason.as_str() {
                        "altered" => AuditBreak::Altered,
                        "unlinked" => AuditBreak::Unlinked,
                        "tail_cut" => AuditBreak::TailCut,
                        "anchor_mismatch" => AuditBreak::AnchorMismatch,
                        other => {
                            return Err(Error::Database {
                                detail: format!("unknown audit break {other}"),
                            });
                        }
                    },
                }),
            };
            Ok(ChainCheck {
                client_id: row.get(0),
                entries: row.get(1),
                head_hash: row.get(2),
                broken,
            })
        })
        .collect()
}
