//! What the integration tests need of the store itself and no use case offers (feature
//! `test-support`, enabled by `tests/` alone). `Vault`'s methods are `api`'s to call; a test of
//! the file (markers to find in its bytes, a write after a backup, a write refused on a read-only
//! vault, what a crash leaves in the write-ahead log) needs a plain write that no user makes, and
//! goes through here, so the doors cannot reach it.

use crate::error::Result;
use crate::vault::Vault;

/// Sets a vault setting, replacing any earlier value, in a unit of work of its own; not audited.
pub fn set_setting(vault: &mut Vault, key: &str, value: &str) -> Result<()> {
    crate::vault::put_setting(vault, key, value)
}

/// A vault setting as stored (`None` when unset): a test of the file reads back the plain marker
/// it wrote with [`set_setting`], which no screen shows.
pub fn setting(vault: &Vault, key: &str) -> Result<Option<String>> {
    vault.setting(key)
}

/// The CNIL file kept with an assessment as stored, to see a new version carry it unchanged.
pub fn cnil_document(vault: &Vault, assessment_id: &str) -> Result<Option<String>> {
    vault.cnil_document(assessment_id)
}

/// The notes kept with an assessment's answers (question id → note), as stored.
pub fn answer_notes(
    vault: &Vault,
    assessment_id: &str,
) -> Result<std::collections::BTreeMap<String, String>> {
    vault.answer_notes(assessment_id)
}

/// The assessments the vault marks as waiting for the search index (ids), as stored.
pub fn search_pending(vault: &Vault) -> Result<Vec<String>> {
    Ok(vault.search_pending()?.stale)
}

/// A search of the index as it stands, without the catch-up `api::search` runs first: to see
/// what a vault upgraded from before the index holds until it is caught up.
pub fn search_without_catch_up(
    vault: &Vault,
    query: &str,
    limit: usize,
) -> Result<Vec<crate::api::SearchHitView>> {
    Ok(vault
        .search(query, limit)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Saves answers as the store takes them, unchecked against the assessment's template: a test
/// of what the store and the search index do with an answer no door could give (a question
/// the template lacks) needs it put there.
pub fn save_answers_unchecked(
    vault: &mut Vault,
    actor: &str,
    assessment_id: &str,
    answers: &crate::assessment::Answers,
) -> Result<usize> {
    crate::assessment::stored::save_answers(vault, actor, assessment_id, answers)
}

/// Adds an action as the store takes it: the door's request with a status and the finding's
/// words given. No door creates an action already in progress (it starts open, and a change of
/// status is its own audited write) or hands over the words itself (`api::add_action` takes them
/// from the scoring). The store's own rules for actions (what they may be filed under, one per
/// finding, the audit entry of each write) are tested on that unit of work.
pub fn add_action(
    vault: &mut Vault,
    actor: &str,
    request: &crate::api::NewActionRequest,
    status: crate::vault::ActionStatus,
    title_words: Option<crate::i18n::Text>,
) -> Result<crate::vault::Action> {
    let new = crate::vault::NewAction {
        status,
        title_words,
        ..request.into()
    };
    vault.add_action(actor, &new)
}

/// Changes an action as the store takes it, returning the stored row (the door's
/// `api::update_action` returns its view).
pub fn update_action(
    vault: &mut Vault,
    actor: &str,
    request: &crate::api::UpdateActionRequest,
) -> Result<crate::vault::Action> {
    crate::api::action_writes::update_action(vault, actor, &request.id, &request.into())
}
