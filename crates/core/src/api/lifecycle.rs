//! An assessment's lifecycle: draft → in review (submit), a signed version re-opened as the next
//! draft, and the links a PIA or a transfer decision rests on. Each is one unit of work on the
//! store (`store::Work`): the change and its audit entry commit together. Sign-off itself is
//! `signing.rs`.

use crate::assessment::search_docs;
use crate::error::{Error, Invalid, Result};
use crate::id::new_id;
use crate::time::now;
use crate::vault::store::{Store, Versioned, Work};
use crate::vault::{AssessmentRecord, AuditEvent, Status, Vault};

impl Vault {
    /// [`submit_assessment`] on the vault.
    pub(crate) fn submit_assessment(&mut self, actor: &str, id: &str) -> Result<AssessmentRecord> {
        submit_assessment(self, actor, id)
    }

    /// [`link_assessment`] on the vault.
    pub(crate) fn link_assessment(&mut self, actor: &str, id: &str, linked_id: &str) -> Result<()> {
        link_assessment(self, actor, id, linked_id)
    }
}

/// draft → in review.
pub fn submit_assessment<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
) -> Result<AssessmentRecord> {
    submit_assessment_read(store, actor, id, None)
}

/// [`submit_assessment`] made from a read of the assessment whose `updated_at` was `read`:
/// refused, kind `stale`, when anyone changed it since (an answer saved, its status moved);
/// `None` checks nothing.
pub fn submit_assessment_read<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    read: Option<&str>,
) -> Result<AssessmentRecord> {
    let record = store.assessment(id)?;
    // A status moved by a colleague since the read is his change, not a wrong request.
    if let Some(read) = read
        && record.updated_at != read
    {
        let mut work = store.begin()?;
        work.ensure_row_unchanged(Versioned::Assessment, id, read)?;
    }
    if record.status != Status::Draft {
        return Err(Error::InvalidInput {
            field: "status",
            reason: Invalid::NotDraft,
        });
    }
    let (from, to) = (Status::Draft, Status::InReview);
    let at = now();
    let summary = format!("{} → {}", from.as_str(), to.as_str());
    let mut work = store.begin()?;
    if let Some(read) = read {
        work.ensure_row_unchanged(Versioned::Assessment, id, read)?;
    }
    work.set_status(id, to, &at)?;
    work.append_audit(event(actor, "assessment.submitted", id, &summary), &at)?;
    work.commit()?;
    store.assessment(id)
}

/// Re-opens an approved or rejected assessment as a new draft version that starts from the
/// same answers and links; the signed version stays as it was.
pub fn reopen_assessment<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
) -> Result<AssessmentRecord> {
    let old = store.assessment(id)?;
    if !matches!(old.status, Status::Approved | Status::Rejected) {
        return Err(Error::InvalidInput {
            field: "status",
            reason: Invalid::NotSignedOff,
        });
    }
    if store.successor_of(id)?.is_some() {
        return Err(Error::InvalidInput {
            field: "status",
            reason: Invalid::AlreadyReopened,
        });
    }
    let new_id = new_id();
    let at = now();
    let summary = format!("version {} from {id}", old.version + 1);
    // The same answers and links: the same findings, under the new version.
    let scored = search_docs::Scored::of(
        &new_id,
        &crate::assessment::stored::outcome(&*store, id)?,
        &crate::assessment::stored::answers(&*store, id)?,
    );
    let mut work = store.begin()?;
    work.copy_as_next_version(id, &new_id, actor, &at)?;
    search_docs::write_scored(&mut work, &[scored])?;
    work.append_audit(event(actor, "assessment.reopened", &new_id, &summary), &at)?;
    work.commit()?;
    store.assessment(&new_id)
}

/// Links a PIA to a data-source or vendor assessment it relies on, or a data-source, vendor
/// or PIA assessment to the transfer assessment that decides its route.
pub fn link_assessment<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    linked_id: &str,
) -> Result<()> {
    // Refused before any write, each reason worded for the user (`links.rs`).
    super::links::link_refusal(&*store, id, linked_id)?;
    let at = now();
    let summary = format!("linked {linked_id}");
    let indexed = search_docs::after_link(&*store, id, linked_id)?;
    let mut work = store.begin()?;
    work.link_assessments(id, linked_id)?;
    search_docs::write_scored(&mut work, &indexed)?;
    work.append_audit(event(actor, "assessment.linked", id, &summary), &at)?;
    work.commit()
}

/// An audit entry about assessment `id`.
fn event<'a>(actor: &'a str, action: &'a str, id: &'a str, summary: &'a str) -> AuditEvent<'a> {
    AuditEvent {
        actor,
        action,
        entity_type: "assessment",
        entity_id: id,
        summary,
    }
}
