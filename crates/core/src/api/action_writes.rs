//! Adding and changing actions: the register's rules (a title from a finding's words kept in both
//! languages unless a different one is typed, one action per finding unless another is asked
//! for on purpose, audit summaries that name the fields changed, never the text typed), each
//! change one unit of work on the store (`store::Work`) with its audit entry.

use crate::error::{Error, Invalid, Result};
use crate::id::new_id;
use crate::time::now;
use crate::vault::actions::{non_blank, words_of};
use crate::vault::register::{self, Changes};
use crate::vault::store::{Read, Store, Versioned, Work};
use crate::vault::{Action, AuditEvent, NewAction, UpdateAction, Vault};

impl Vault {
    /// [`add_action`] on the vault.
    pub(crate) fn add_action(&mut self, actor: &str, new: &NewAction) -> Result<Action> {
        add_action(self, actor, new)
    }
}

/// Adds an action. The client must be current; the assessment must exist and, when both are
/// given, belong to that client.
pub fn add_action<S: Store>(store: &mut S, actor: &str, new: &NewAction) -> Result<Action> {
    let title_words = match &new.title_words {
        None => None,
        Some(words) => words_of(
            register::required("title", &words.zh)?,
            register::required("title", &words.en)?,
        ),
    };
    // A typed title other than the finding's words is what the user wrote: kept as typed.
    let typed = new.title.trim();
    let title_words = title_words
        .filter(|words| typed.is_empty() || typed == words.zh.trim() || typed == words.en.trim());
    let title = match (&title_words, typed) {
        (Some(words), "") => words.en.clone(),
        _ => register::required("title", &new.title)?,
    };
    let finding_id = register::line("finding_id", &new.finding_id)?;
    let owner = register::line("owner", &new.owner)?;
    let due_date = register::optional_date("due_date", new.due_date.as_deref().unwrap_or(""))?;
    let note = register::text("note", &new.note)?;
    let (assessment_id, client_id) = crate::vault::action_subject(
        &*store,
        non_blank(new.assessment_id.as_deref()),
        non_blank(new.client_id.as_deref()),
    )?;
    if !new.another {
        refuse_second_action(store, assessment_id.as_deref(), &finding_id)?;
    }
    let at = now();
    let action = Action {
        id: new_id(),
        assessment_id,
        client_id,
        finding_id,
        title,
        title_words,
        owner,
        due_date,
        status: new.status,
        note,
        created_at: at.clone(),
        updated_at: at,
    };
    let mut work = store.begin()?;
    work.insert_action(&action)?;
    work.append_audit(
        event(actor, "action.added", &action.id, "action added"),
        &action.created_at,
    )?;
    work.commit()?;
    Ok(action)
}

/// Refuses a second action on a finding of an assessment, naming the first one's title.
fn refuse_second_action<R: Read>(
    store: &R,
    assessment_id: Option<&str>,
    finding_id: &str,
) -> Result<()> {
    let (Some(assessment_id), false) = (assessment_id, finding_id.is_empty()) else {
        return Ok(());
    };
    let first = store.first_action_on(assessment_id, finding_id)?;
    match first {
        None => Ok(()),
        Some(first) => Err(Error::InvalidInput {
            field: "finding_id",
            reason: Invalid::FindingHasAction {
                title: first.title_words.map_or(first.title, |w| {
                    if w.zh == w.en {
                        w.en
                    } else {
                        format!("{} / {}", w.zh, w.en)
                    }
                }),
            },
        }),
    }
}

/// Changes an action's status, title, owner, due date or note. The audit summary reads like
/// `status: open → done; changed: owner`. A change that leaves everything as it was writes
/// nothing.
// The doors change from a read (`update_action_read`); tests also change without one.
#[cfg(any(test, feature = "test-support"))]
pub fn update_action<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    update: &UpdateAction,
) -> Result<Action> {
    update_action_read(store, actor, id, update, None)
}

/// [`update_action`] made from a read of the action whose `updated_at` was `read`: refused,
/// kind `stale`, when anyone changed it since; `None` checks nothing.
pub fn update_action_read<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    update: &UpdateAction,
    read: Option<&str>,
) -> Result<Action> {
    let mut action = store.action(id)?;
    // Compared before the change is judged: an edit the colleague's makes redundant is still
    // one the user made from what he no longer sees.
    if let Some(read) = read
        && action.updated_at != read
    {
        let mut work = store.begin()?;
        work.ensure_row_unchanged(Versioned::Action, id, read)?;
    }
    let mut changes = Changes::default();
    // The finding's words in either language are not a change: the screen showed one of them.
    let typed = update.title.as_deref().filter(|title| {
        action
            .title_words
            .as_ref()
            .is_none_or(|words| title.trim() != words.zh.trim() && title.trim() != words.en.trim())
    });
    let before = action.title.clone();
    changes.set("title", &mut action.title, typed, register::required)?;
    if action.title != before {
        action.title_words = None;
    }
    changes.set(
        "owner",
        &mut action.owner,
        update.owner.as_deref(),
        register::line,
    )?;
    changes.set(
        "due_date",
        &mut action.due_date,
        update.due_date.as_deref(),
        register::optional_date,
    )?;
    changes.set(
        "note",
        &mut action.note,
        update.note.as_deref(),
        register::text,
    )?;
    let status_change = update
        .status
        .filter(|status| *status != action.status)
        .map(|status| {
            let summary = format!("status: {} → {status}", action.status);
            action.status = status;
            summary
        });
    let summary = match (status_change, changes.summary()) {
        (None, None) => return Ok(action),
        (Some(status), None) => status,
        (None, Some(fields)) => fields,
        (Some(status), Some(fields)) => format!("{status}; {fields}"),
    };
    action.updated_at = now();
    let mut work = store.begin()?;
    if let Some(read) = read {
        work.ensure_row_unchanged(Versioned::Action, id, read)?;
    }
    work.update_action(&action)?;
    work.append_audit(
        event(actor, "action.updated", &action.id, &summary),
        &action.updated_at,
    )?;
    work.commit()?;
    Ok(action)
}

/// The audit entry of a change to action `id`.
fn event<'a>(actor: &'a str, action: &'a str, id: &'a str, summary: &'a str) -> AuditEvent<'a> {
    AuditEvent {
        actor,
        action,
        entity_type: "action",
        entity_id: id,
        summary,
    }
}
