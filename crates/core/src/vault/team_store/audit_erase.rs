//! The audit check and the erasure on the team database, for `reads.rs` and the unit of work:
//! both are the database's own (`dpodesk_team::audit`, `dpodesk_team::erase`), run as SECURITY
//! DEFINER functions so that row-level security hides nothing of what they walk or remove.
//!
//! - The check walks every chain the member may see (an admin: all, the firm's included); the
//!   first break is an error naming the chain's client, the entry and the hashes expected and
//!   found. A member who is not an admin is told his walk was not complete.
//! - Erasure is an admin's alone; the database refuses anyone else whatever the door. The
//!   database also writes the erasure's audit entry (counts only), so the unit does not append
//!   the one `api` hands it ([`TeamWork::append_audit`](super::TeamWork)).
//! - The vault's wipe of freed storage has no counterpart a member can run: PostgreSQL keeps
//!   deleted rows until VACUUM, and old `pg_dump` files keep them for good — the server's
//!   administrator's to handle (docs/team-mode.md).

use dpodesk_team::{audit, erase};

use super::TeamStore;
use crate::error::{Entity, Error, Invalid, Result};
use crate::vault::{AuditChains, AuditHead, ChainHead, ErasureCounts};

impl TeamStore {
    /// Every chain the member may check, intact, or the first break as an error.
    pub(super) fn walk_chains(&self) -> Result<AuditChains> {
        let mut session = self.session.borrow_mut();
        let checked = audit::verify(&mut *session)?;
        let complete = audit::covers_all(&mut *session)?;
        let mut chains = Vec::with_capacity(checked.len());
        for chain in checked {
            if let Some(broken) = chain.error() {
                return Err(Error::Team(broken));
            }
            chains.push(ChainHead {
                client_id: chain.client_id,
                head: AuditHead {
                    count: chain.entries.unsigned_abs(),
                    head_hash: chain.head_hash,
                },
            });
        }
        Ok(AuditChains { chains, complete })
    }

    /// The walk as the vault's `verify_audit` answers it: the entries of every chain checked,
    /// and no single head (there is one per chain).
    pub(super) fn walk_summed(&self) -> Result<AuditHead> {
        let chains = self.walk_chains()?;
        Ok(AuditHead {
            count: chains.entries(),
            head_hash: String::new(),
        })
    }

    /// What erasing `client_id` would remove; refused to all but admins.
    pub(super) fn erasure_counts(&self, client_id: &str) -> Result<ErasureCounts> {
        let counts = erase::counts(&mut *self.session.borrow_mut(), client_id);
        counts
            .map(counts_of)
            .map_err(|e| erasure_error(e, client_id))
    }
}

/// Erases `client_id`'s matter in the unit's transaction, with the database's own audit entry.
pub(super) fn erase_matter(
    tx: &mut dpodesk_team::Transaction<'_>,
    client_id: &str,
) -> Result<ErasureCounts> {
    erase::erase_matter(tx, client_id)
        .map(counts_of)
        .map_err(|e| erasure_error(e, client_id))
}

/// The team database's refusals of an erasure, as the vault words the same cases.
fn erasure_error(error: dpodesk_team::Error, client_id: &str) -> Error {
    match error {
        dpodesk_team::Error::ReliedOnElsewhere { assessment_id } => Error::InvalidInput {
            field: "client",
            reason: Invalid::ReliedOnElsewhere { id: assessment_id },
        },
        dpodesk_team::Error::UnknownClient { .. } => Error::NotFound {
            entity: Entity::Client,
            id: client_id.to_owned(),
        },
        other => Error::Team(other),
    }
}

fn counts_of(c: erase::Counts) -> ErasureCounts {
    let n = |v: i64| v.unsigned_abs();
    ErasureCounts {
        data_sources: n(c.data_sources),
        vendors: n(c.vendors),
        assessments: n(c.assessments),
        answers: n(c.answers),
        links: n(c.links),
        signoffs: n(c.signoffs),
        evidence: n(c.evidence),
        reports: n(c.reports),
        actions: n(c.actions),
        bundle_imports: n(c.bundle_imports),
        audit_entries: n(c.audit_entries),
        kept_until: c.kept_until,
    }
}
