//! Units of work that hold an audit entry alone, or a setting alone: what happened to the store
//! as a whole (created, restored, backed up) or what left it (an export, a bundle, a CNIL file),
//! on any store.

use super::AuditEvent;
use super::store::{Store, Work};
use crate::error::Result;

/// Records `event` in the audit log: a unit of work with that entry alone.
pub(crate) fn record<S: Store>(store: &mut S, event: AuditEvent<'_>) -> Result<()> {
    let at = crate::time::now();
    let mut work = store.begin()?;
    work.append_audit(event, &at)?;
    work.commit()
}

/// Records what left the store (a backup, an export, a bundle): on a store that can only be
/// read it was made anyway and nothing is recorded, since nothing can be written there.
pub(crate) fn record_leaving<S: Store>(store: &mut S, event: AuditEvent<'_>) -> Result<()> {
    if store.is_read_only() {
        return Ok(());
    }
    record(store, event)
}

/// Sets a setting, replacing any earlier value, in a unit of work of its own. Not audited: the
/// settings that matter to a reader of the log (profile, auto-lock, template folder) have
/// audited use cases of their own; this one serves the crash soak and tests.
pub(crate) fn put_setting<S: Store>(store: &mut S, key: &str, value: &str) -> Result<()> {
    let mut work = store.begin()?;
    work.put_setting(key, value)?;
    work.commit()
}
