//! The audit check both doors call: every chain the reader may check — a vault's one chain, or
//! on a team database each chain the member sees (an admin: all) — and which chains those were.

use super::*;

/// One intact chain as a door shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditChainView {
    /// The client whose chain it is; `null` for a vault's one chain and for a team database's
    /// chain of entries about no client (the firm's).
    pub client_id: Option<String>,
    /// The client's name while the reader sees the client; `null` for the chains above and for
    /// the chain of an erased client (its entries outlive it).
    pub client_name: Option<String>,
    #[ts(type = "number")]
    pub entries: u64,
    pub head_hash: String,
}

/// Walks every audit chain the reader may check; the first broken entry is an error naming
/// it (on a team database, with its client and the hashes expected and found).
pub fn check_audit<R: Read>(store: &R) -> crate::Result<AuditCheckView> {
    let walked = store.verify_chains()?;
    let names: BTreeMap<String, String> = if walked.chains.iter().any(|c| c.client_id.is_some()) {
        store
            .clients(true)?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect()
    } else {
        BTreeMap::new()
    };
    let entries = walked.entries();
    // A single head stands for the whole store only when there is one chain and it is all.
    let head_hash = match walked.chains.as_slice() {
        [only] if only.client_id.is_none() && walked.complete => only.head.head_hash.clone(),
        _ => String::new(),
    };
    let chains = walked
        .chains
        .into_iter()
        .map(|c| AuditChainView {
            client_name: c.client_id.as_ref().and_then(|id| names.get(id).cloned()),
            client_id: c.client_id,
            entries: c.head.count,
            head_hash: c.head.head_hash,
        })
        .collect();
    Ok(AuditCheckView {
        entries,
        head_hash,
        chains,
        all_chains: walked.complete,
    })
}
