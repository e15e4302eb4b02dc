//! The audit chains as the database keeps them (`sql/0003_rules.sql`): one per client, each
//! entry's actor, time and hashes written by a trigger. [`verify`] asks the database's
//! SECURITY DEFINER walk (`sql/0010_audit_erasure.sql`) for every chain the session's member may
//! see — an admin's covers all of them, the firm's own chain included; [`covers_all`] says
//! whether that is every chain of the database.

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

impl AuditBreak {
    pub(crate) fn en(self) -> &'static str {
        match self {
            AuditBreak::Altered => "the entry was changed after it was written",
            AuditBreak::Unlinked => {
                "it does not follow the entry before it (an entry was removed, inserted or moved)"
            }
            AuditBreak::TailCut => "entries from here on are missing (the chain's end was cut off)",
            AuditBreak::AnchorMismatch => "the chain's recorded head disagrees with its entries",
        }
    }

    pub(crate) fn zh(self) -> &'static str {
        match self {
            AuditBreak::Altered => "该条记录写入后被修改过",
            AuditBreak::Unlinked => "它与前一条记录不衔接：有记录被删除、插入或调换了顺序",
            AuditBreak::TailCut => "此后的记录缺失：链的末尾被截掉",
            AuditBreak::AnchorMismatch => "记录的链头与链中记录不一致",
        }
    }
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

impl ChainCheck {
    /// The chain's break as the error a door shows, if it breaks.
    pub fn error(&self) -> Option<Error> {
        let broken = self.broken.as_ref()?;
        Some(Error::AuditBroken {
            client_id: self.client_id.clone(),
            position: broken.position,
            id: broken.id.clone(),
            reason: broken.reason,
            expected: broken.expected.clone(),
            found: broken.found.clone(),
        })
    }
}

/// Where and why a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    /// 1-based position in the chain.
    pub position: i64,
    /// The entry's id; `None` when the break is past the last entry (a cut tail, a head edited).
    pub id: Option<String>,
    pub reason: AuditBreak,
    /// The hash the walk expected there: the previous entry's (unlinked), the entry's fields'
    /// digest as recorded (altered), the recorded head (a cut tail, a head edited).
    pub expected: String,
    /// The hash it found instead ("" when there was none, as for a head never recorded).
    pub found: String,
}

/// Walks the chains the member may see.
pub fn verify(client: &mut impl GenericClient) -> Result<Vec<ChainCheck>> {
    let rows = client
        .query(
            "SELECT client_id, entries, head_hash, broken_position, broken_id, reason, \
                    expected_hash, found_hash \
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
                    expected: row.get::<_, Option<String>>(6).unwrap_or_default(),
                    found: row.get::<_, Option<String>>(7).unwrap_or_default(),
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

/// Whether [`verify`] walks every chain of the database for this session: for an admin (or the
/// schema's owner), yes; for any other member, only the chains of the clients granted to him.
pub fn covers_all(client: &mut impl GenericClient) -> Result<bool> {
    let row = client
        .query_one("SELECT dpodesk.is_admin()", &[])
        .map_err(sql_error)?;
    Ok(row.get(0))
}

/// "client X" or "the firm", for the break's message.
pub(crate) fn chain_en(client_id: &Option<String>) -> String {
    match client_id {
        Some(client) => format!("client {client}"),
        None => "the firm (entries about no client)".to_owned(),
    }
}

pub(crate) fn id_suffix(id: &Option<String>) -> String {
    id.as_ref()
        .map_or_else(String::new, |id| format!(" ({id})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn a_broken_chain_is_worded_in_both_languages_with_its_place_and_hashes() {
        let check = ChainCheck {
            client_id: Some("acme".into()),
            entries: 2,
            head_hash: "h".into(),
            broken: Some(Break {
                position: 3,
                id: Some("e3".into()),
                reason: AuditBreak::Altered,
                expected: "aa11".into(),
                found: "bb22".into(),
            }),
        };
        let error = check.error().expect("broken");
        let (en, zh) = (error.message(Lang::En), error.message(Lang::Zh));
        assert_eq!(
            en,
            "the audit chain of client acme is broken at entry 3 (e3): the entry was changed \
             after it was written; expected hash aa11, found bb22: ask the team database's \
             administrator to restore the chain from a backup you trust"
        );
        assert!(
            zh.contains("客户 acme") && zh.contains("第 3 条（e3）") && zh.contains("aa11"),
            "{zh}"
        );
        let firm = ChainCheck {
            client_id: None,
            broken: Some(Break {
                id: None,
                reason: AuditBreak::TailCut,
                ..check.broken.clone().expect("broken")
            }),
            ..check
        };
        let en = firm.error().expect("broken").message(Lang::En);
        assert!(
            en.starts_with("the audit chain of the firm (entries about no client) is broken at entry 3: entries"),
            "{en}"
        );
        assert!(
            firm.error()
                .expect("broken")
                .message(Lang::Zh)
                .contains("事务所")
        );
        let intact = ChainCheck {
            broken: None,
            ..firm
        };
        assert!(intact.error().is_none());
    }
}
