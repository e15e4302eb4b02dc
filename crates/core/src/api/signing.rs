//! The rules of a sign-off and of a keep-until date, on top of the store's plain rows: who may
//! sign and with which attestations, what a sign-off freezes (the outcome, the engine and
//! law-register versions, the open decisive points), and the legal minimum a signed-off PIA is
//! kept (PIPL Art. 56(2), `assessment::retention`). The store only writes what is decided here.

use crate::assessment::stored;
use crate::assessment::{
    Answer, ENGINE_VERSION, FrozenOutcome, SignOff, register_version, reservations, retention,
};
use crate::error::{Error, Invalid, Result};
use crate::id::new_id;
use crate::kind::Kind;
use crate::law::LawRegister;
use crate::time::now;
use crate::vault::store::{Read, Register, Store, Versioned, Work};
use crate::vault::{
    ATTESTATIONS, AuditEvent, Decision, Kept, SignOffInput, SignOffRow, Status, Vault,
};

impl Vault {
    /// [`sign_off`] on the vault.
    pub(crate) fn sign_off(
        &mut self,
        actor: &str,
        id: &str,
        input: &SignOffInput<'_>,
    ) -> Result<SignOff> {
        sign_off(self, actor, id, input)
    }
}

/// in review → approved / rejected, recording who decided, the attestations, and the
/// fingerprint of the answers they signed. Approval needs all four attestations.
pub fn sign_off<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    input: &SignOffInput<'_>,
) -> Result<SignOff> {
    sign_off_read(store, actor, id, input, None)
}

/// [`sign_off`] made from a read of the assessment whose `updated_at` was `read`: refused, kind
/// `stale`, when anyone changed it since (an answer saved, its status moved), so no one signs
/// answers he has not seen; `None` checks nothing.
pub fn sign_off_read<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    input: &SignOffInput<'_>,
    read: Option<&str>,
) -> Result<SignOff> {
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
    let record = store.assessment(id)?;
    // A status moved by a colleague since the read is his change, not a wrong request.
    ensure_read_current(store, id, &record.updated_at, read)?;
    if record.status != Status::InReview {
        return Err(Error::InvalidInput {
            field: "status",
            reason: Invalid::NotInReview,
        });
    }
    let sha = stored::fingerprint(&*store, id)?;
    let outcome = stored::outcome(&*store, id)?;
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
    // An approved PIA is kept at least its legal minimum from this approval.
    let minimum = if decision == Decision::Approve && record.kind == Kind::Pia {
        retention::plus_years(&signoff.signed_at, retention_years(store, id)?)
    } else {
        None
    };
    let row = SignOffRow {
        id: signoff.id.clone(),
        assessment_id: signoff.assessment_id.clone(),
        name: signoff.name.clone(),
        role: signoff.role.clone(),
        decision,
        comment: signoff.comment.clone(),
        attestations: signoff.attestations.clone(),
        answers_sha256: signoff.answers_sha256.clone(),
        signed_at: signoff.signed_at.clone(),
        outcome: serde_json::to_string(&signoff.outcome).unwrap_or_default(),
        engine_version: signoff.engine_version.clone(),
        law_version: signoff.law_version.clone(),
        reservations: serde_json::to_string(&signoff.reservations)
            .unwrap_or_else(|_| "[]".to_owned()),
    };
    let status = if decision == Decision::Approve {
        Status::Approved
    } else {
        Status::Rejected
    };
    let mut work = store.begin()?;
    if let Some(read) = read {
        work.ensure_row_unchanged(Versioned::Assessment, id, read)?;
    }
    work.insert_sign_off(&row)?;
    work.set_status(id, status, &row.signed_at)?;
    if let Some(minimum) = &minimum {
        work.raise_keep_until(id, minimum)?;
    }
    let summary = format!("decision {}", status.as_str());
    let event = AuditEvent {
        actor,
        action: "assessment.signed_off",
        entity_type: "assessment",
        entity_id: id,
        summary: &summary,
    };
    work.append_audit(event, &row.signed_at)?;
    work.commit()?;
    Ok(signoff)
}

/// The earliest keep-until date an assessment may carry: for a signed-off PIA, its latest
/// approval's date plus the retention years its answers give (never fewer than three);
/// otherwise none.
pub fn minimum_keep_until<R: Read>(store: &R, assessment_id: &str) -> Result<Option<String>> {
    let Some(approved_on) = store.pia_approved_on(assessment_id)? else {
        return Ok(None);
    };
    Ok(retention::plus_years(
        &approved_on,
        retention_years(store, assessment_id)?,
    ))
}

/// Refuses, kind `stale`, a change made from a read of `id` whose `updated_at` was `read` when
/// the row now stands at `stored`: the refusal (naming who changed it, when) comes from the
/// store's own check in a unit that is dropped unwritten. Run before the request's own checks,
/// whose refusal would otherwise blame the user for a colleague's change.
fn ensure_read_current<S: Store>(
    store: &mut S,
    id: &str,
    stored: &str,
    read: Option<&str>,
) -> Result<()> {
    if let Some(read) = read
        && stored != read
    {
        let mut work = store.begin()?;
        work.ensure_row_unchanged(Versioned::Assessment, id, read)?;
    }
    Ok(())
}

/// Sets (`Some`, YYYY-MM-DD) or clears (`None`) the keep-until date and returns the date now
/// kept. A signed-off PIA refuses a date before its minimum, and clearing puts the minimum
/// back. A change that leaves the date as it was writes nothing.
///
/// `read`: the client's or assessment's `updated_at` as the door read it; the change is refused,
/// kind `stale`, when anyone changed the row since (an assessment's answers or status, a
/// client's entry). `date_read`: the date as the door read it ("" for none); refused, kind
/// `stale` naming who set it, when another date was set since. A date does not move the row's
/// version (so the user's other saves from his page stay his), so two dates set from one read
/// of the row would both pass the first check: the second says which date it replaces. `None`
/// checks nothing.
pub fn set_keep_until_read<S: Store>(
    store: &mut S,
    actor: &str,
    kept: Kept,
    id: &str,
    date: Option<&str>,
    read: Option<&str>,
    date_read: Option<&str>,
) -> Result<Option<String>> {
    if let Some(read) = read {
        let stored = match kept {
            Kept::Assessment => store.assessment(id)?.updated_at,
            Kept::Client => store.client(id)?.updated_at,
        };
        if stored != read {
            let mut work = store.begin()?;
            ensure_unchanged(&mut work, kept, id, read)?;
        }
    }
    let current = store.keep_until(kept, id)?;
    // Told before the request's own checks, which would otherwise judge the new date against
    // a minimum or a date the user has not seen.
    if let Some(date_read) = date_read
        && current.as_deref().unwrap_or_default() != date_read
    {
        let mut work = store.begin()?;
        work.ensure_keep_until_is(kept, id, date_read)?;
    }
    let mut wanted = date
        .map(|d| crate::vault::register::date("keep_until", d))
        .transpose()?;
    if kept == Kept::Assessment
        && let Some(min) = minimum_keep_until(store, id)?
    {
        match &wanted {
            None => wanted = Some(min),
            Some(date) if *date < min => {
                return Err(Error::InvalidInput {
                    field: "keep_until",
                    reason: Invalid::KeepUntilBeforeMinimum { minimum: min },
                });
            }
            Some(_) => {}
        }
    }
    if wanted == current {
        return Ok(current);
    }
    let summary = wanted.as_deref().map_or_else(
        || "keep-until cleared".to_owned(),
        |d| format!("keep-until {d}"),
    );
    let action = format!("{}.keep_until_set", kept.audit_type());
    let event = AuditEvent {
        actor,
        action: &action,
        entity_type: kept.audit_type(),
        entity_id: id,
        summary: &summary,
    };
    let mut work = store.begin()?;
    if let Some(read) = read {
        ensure_unchanged(&mut work, kept, id, read)?;
    }
    if let Some(date_read) = date_read {
        work.ensure_keep_until_is(kept, id, date_read)?;
    }
    // The date leaves the row's `updated_at` as it was: the versions the user's other screens
    // hold (the assessment's submit and sign-off, the client's edit form) stay his own.
    work.set_keep_until(kept, id, wanted.as_deref())?;
    work.append_audit(event, &now())?;
    work.commit()?;
    Ok(wanted)
}

/// The store's stale check of the row a keep-until date is set on.
fn ensure_unchanged(work: &mut impl Work, kept: Kept, id: &str, read: &str) -> Result<()> {
    match kept {
        Kept::Assessment => work.ensure_row_unchanged(Versioned::Assessment, id, read),
        Kept::Client => work.ensure_unchanged(Register::Clients, id, read),
    }
}

/// The retention years the PIA's answer asks for, never below the legal minimum. The answer
/// is read by the bundled question's id, as approval always has; an unreadable answer counts
/// as none, so the legal minimum applies, never a shorter one.
fn retention_years<R: Read>(store: &R, assessment_id: &str) -> Result<i32> {
    let answer = store
        .answer_rows(assessment_id)?
        .into_iter()
        .find(|(question, _)| question == retention::YEARS_QUESTION)
        .and_then(|(_, value)| serde_json::from_str::<Answer>(&value).ok());
    Ok(retention::years_from(answer.as_ref()))
}
