//! Erasing a client's matter on request: the one use case both doors call, and its wire type.

use super::*;

/// How many items of each kind an erasure removes (the confirmation names them) or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErasureView {
    pub client_id: String,
    #[ts(type = "number")]
    pub data_sources: u64,
    #[ts(type = "number")]
    pub vendors: u64,
    #[ts(type = "number")]
    pub assessments: u64,
    #[ts(type = "number")]
    pub answers: u64,
    #[ts(type = "number")]
    pub links: u64,
    #[ts(type = "number")]
    pub signoffs: u64,
    #[ts(type = "number")]
    pub evidence: u64,
    #[ts(type = "number")]
    pub reports: u64,
    #[ts(type = "number")]
    pub actions: u64,
    #[ts(type = "number")]
    pub bundle_imports: u64,
    /// Audit entries that stay, with what they said blanked.
    #[ts(type = "number")]
    pub audit_entries: u64,
    /// In a preview, the latest keep-until date in the matter when it has not passed yet (part
    /// of it is still to be kept, e.g. a signed PIA's legal minimum): the confirmation warns.
    pub kept_until: Option<String>,
    /// The matter is (or was) in a team database: the server keeps deleted rows until its
    /// administrator vacuums the tables, and its earlier dumps keep them, so the doors must not
    /// say, as they do of a vault, that only the user's own copies are left.
    pub kept_by_server: bool,
}

impl ErasureView {
    /// `today` (YYYY-MM-DD) for a preview, which warns of a keep-until date not yet passed.
    fn new(
        client_id: String,
        c: vault::ErasureCounts,
        today: Option<&str>,
        store: &impl Read,
    ) -> ErasureView {
        let kept_until = c
            .kept_until
            .filter(|date| today.is_some_and(|today| date.as_str() >= today));
        ErasureView {
            kept_until,
            kept_by_server: store.kind() == vault::store::StoreKind::Team,
            client_id,
            data_sources: c.data_sources,
            vendors: c.vendors,
            assessments: c.assessments,
            answers: c.answers,
            links: c.links,
            signoffs: c.signoffs,
            evidence: c.evidence,
            reports: c.reports,
            actions: c.actions,
            bundle_imports: c.bundle_imports,
            audit_entries: c.audit_entries,
        }
    }
}

/// What erasing the client named (or with id) `name_or_id` would remove, on `today` (the door's
/// calendar date, YYYY-MM-DD).
pub fn erasure_preview<R: Read>(
    store: &R,
    name_or_id: &str,
    today: &str,
) -> crate::Result<ErasureView> {
    let client = vault::resolve_client(store, name_or_id)?;
    let counts = store.erasure_preview(&client.id)?;
    Ok(ErasureView::new(client.id, counts, Some(today), store))
}

/// Erases the client named (or with id) `name_or_id` and its whole matter, once `confirmation`
/// is the client's exact name; the audit chain verifies before and after (checked both times, so
/// an erasure never hides a chain that was already broken).
pub fn erase_client<S: Store>(
    store: &mut S,
    actor: &str,
    name_or_id: &str,
    confirmation: &str,
) -> crate::Result<ErasureView> {
    let client = vault::resolve_client(&*store, name_or_id)?;
    store.verify_audit()?;
    let counts = vault::erase_client(store, actor, &client.id, confirmation)?;
    store.verify_audit()?;
    Ok(ErasureView::new(client.id, counts, None, &*store))
}
