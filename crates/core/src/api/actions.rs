//! Wire types: actions.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Dropped,
}

impl From<vault::ActionStatus> for ActionStatus {
    fn from(s: vault::ActionStatus) -> ActionStatus {
        match s {
            vault::ActionStatus::Open => ActionStatus::Open,
            vault::ActionStatus::InProgress => ActionStatus::InProgress,
            vault::ActionStatus::Done => ActionStatus::Done,
            vault::ActionStatus::Dropped => ActionStatus::Dropped,
        }
    }
}

impl From<ActionStatus> for vault::ActionStatus {
    fn from(s: ActionStatus) -> vault::ActionStatus {
        match s {
            ActionStatus::Open => vault::ActionStatus::Open,
            ActionStatus::InProgress => vault::ActionStatus::InProgress,
            ActionStatus::Done => vault::ActionStatus::Done,
            ActionStatus::Dropped => vault::ActionStatus::Dropped,
        }
    }
}

/// A status with its word in both languages, as core words it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ActionStatusOption {
    pub status: ActionStatus,
    pub label: Bilingual,
    /// Still to be done (open or in progress), as core judges it.
    pub pending: bool,
}

impl From<vault::ActionStatus> for ActionStatusOption {
    fn from(s: vault::ActionStatus) -> ActionStatusOption {
        ActionStatusOption {
            status: s.into(),
            label: Bilingual {
                zh: s.label(Lang::Zh).to_owned(),
                en: s.label(Lang::En).to_owned(),
            },
            pending: s.is_pending(),
        }
    }
}

/// Every action status, in core's order (for the status picker).
pub fn action_statuses() -> Vec<ActionStatusOption> {
    vault::ActionStatus::ALL
        .into_iter()
        .map(Into::into)
        .collect()
}

/// A corrective action.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ActionInfo {
    pub id: String,
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub finding_id: String,
    pub title: String,
    pub owner: String,
    pub due_date: Option<String>,
    pub status: ActionStatusOption,
    pub note: String,
    /// Pending and due before today (the door's date), as core judges it.
    pub overdue: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl ActionInfo {
    pub fn new(a: vault::Action, today: &str) -> ActionInfo {
        ActionInfo {
            overdue: a.is_overdue(today),
            id: a.id,
            assessment_id: a.assessment_id,
            client_id: a.client_id,
            finding_id: a.finding_id,
            title: a.title,
            owner: a.owner,
            due_date: a.due_date,
            status: a.status.into(),
            note: a.note,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

/// An action to add, usually from a finding of an assessment; `due_date` is YYYY-MM-DD or blank.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewActionRequest {
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub finding_id: String,
    pub title: String,
    pub owner: String,
    pub due_date: String,
}

impl From<&NewActionRequest> for vault::NewAction {
    fn from(r: &NewActionRequest) -> vault::NewAction {
        vault::NewAction {
            assessment_id: r.assessment_id.clone(),
            client_id: r.client_id.clone(),
            finding_id: r.finding_id.clone(),
            title: r.title.clone(),
            owner: r.owner.clone(),
            due_date: Some(r.due_date.clone()),
            ..vault::NewAction::default()
        }
    }
}

/// Changes to an action; a missing field stays as it is.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct UpdateActionRequest {
    pub id: String,
    pub status: Option<ActionStatus>,
    pub owner: Option<String>,
    pub due_date: Option<String>,
}

impl From<&UpdateActionRequest> for vault::UpdateAction {
    fn from(r: &UpdateActionRequest) -> vault::UpdateAction {
        vault::UpdateAction {
            status: r.status.map(Into::into),
            owner: r.owner.clone(),
            due_date: r.due_date.clone(),
            note: None,
        }
    }
}

/// A client's or an assessment's actions (or all), soonest due first, judged overdue on `today`.
pub fn actions(
    vault: &Vault,
    client_id: Option<&str>,
    assessment_id: Option<&str>,
    today: &str,
) -> crate::Result<Vec<ActionInfo>> {
    let filter = vault::ActionFilter {
        client_id: client_id.map(str::to_owned),
        assessment_id: assessment_id.map(str::to_owned),
        ..vault::ActionFilter::default()
    };
    Ok(vault
        .actions(&filter)?
        .into_iter()
        .map(|a| ActionInfo::new(a, today))
        .collect())
}

/// Which actions a door asks for; `status` is the typed word (`open`, `in_progress`, `done`,
/// `dropped`), checked here.
#[derive(Debug, Clone, Default)]
pub struct ActionQuery<'a> {
    pub client_id: Option<&'a str>,
    pub assessment_id: Option<&'a str>,
    pub status: Option<&'a str>,
    /// Only those overdue on `today`.
    pub overdue_only: bool,
}

/// The actions a query selects, judged overdue on `today` (the door's date).
pub fn find_actions(
    vault: &Vault,
    query: &ActionQuery<'_>,
    today: &str,
) -> crate::Result<Vec<ActionInfo>> {
    let filter = vault::ActionFilter {
        client_id: query.client_id.map(str::to_owned),
        assessment_id: query.assessment_id.map(str::to_owned),
        status: query.status.map(str::parse).transpose()?,
        overdue_on: query.overdue_only.then(|| today.to_owned()),
    };
    Ok(vault
        .actions(&filter)?
        .into_iter()
        .map(|a| ActionInfo::new(a, today))
        .collect())
}

/// Adds an action with a note (the app's form has none), judged overdue on `today`.
pub fn add_action(
    vault: &mut Vault,
    actor: &str,
    request: &NewActionRequest,
    note: &str,
    today: &str,
) -> crate::Result<ActionInfo> {
    let new = vault::NewAction {
        note: note.to_owned(),
        ..request.into()
    };
    vault
        .add_action(actor, &new)
        .map(|a| ActionInfo::new(a, today))
}

/// Changes to an action as a door types them: `status` is the typed word, a missing field stays
/// as it is, an empty `due_date` clears it.
#[derive(Debug, Clone, Default)]
pub struct ActionChange<'a> {
    pub status: Option<&'a str>,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub note: Option<String>,
}

/// Changes an action, judged overdue on `today` afterwards.
pub fn change_action(
    vault: &mut Vault,
    actor: &str,
    id: &str,
    change: ActionChange<'_>,
    today: &str,
) -> crate::Result<ActionInfo> {
    let change = vault::UpdateAction {
        status: change.status.map(str::parse).transpose()?,
        owner: change.owner,
        due_date: change.due_date,
        note: change.note,
    };
    vault
        .update_action(actor, id, &change)
        .map(|a| ActionInfo::new(a, today))
}
