//! What an audit check walked: the vault's one chain, or on a team database one chain per
//! client (and the firm's own) — those the reader may check. A break is never a value here: the
//! walk that finds one returns it as an error naming the chain, the entry and the hashes.

use super::AuditHead;

/// The chains an audit check walked, all intact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditChains {
    /// Each chain walked, in the store's order (a team database: the firm's first, then by
    /// client id).
    pub chains: Vec<ChainHead>,
    /// Whether these are every chain of the store: `false` for a team member who is not an
    /// admin, whose walk leaves out the chains of clients not granted to him.
    pub complete: bool,
}

/// One intact chain: whose it is, its entries and the head reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    /// The client whose chain it is; `None` for a vault's one chain, or a team database's
    /// chain of entries about no client.
    pub client_id: Option<String>,
    pub head: AuditHead,
}

impl AuditChains {
    /// A vault's check: its one chain, which is the whole store.
    pub fn one(head: AuditHead) -> AuditChains {
        AuditChains {
            chains: vec![ChainHead {
                client_id: None,
                head,
            }],
            complete: true,
        }
    }

    /// Entries walked over every chain.
    pub fn entries(&self) -> u64 {
        self.chains.iter().map(|c| c.head.count).sum()
    }
}
