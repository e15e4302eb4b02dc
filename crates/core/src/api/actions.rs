//! Wire types: actions.

use std::collections::HashMap;

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
    /// The title as typed, or the finding's words in English when `title_words` is set.
    pub title: String,
    /// The finding's words in both languages, shown in the UI's language; `null` once typed.
    pub title_words: Option<Bilingual>,
    /// The assessment's title and the client's name, to link back to them (`null` where the
    /// list was not asked for them, or the action has none).
    pub assessment_title: Option<String>,
    pub client_name: Option<String>,
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
            title_words: a.title_words.as_ref().map(Into::into),
            assessment_title: None,
            client_name: None,
            owner: a.owner,
            due_date: a.due_date,
            status: a.status.into(),
            note: a.note,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

/// The assessments' titles and clients' names already looked up, to link actions back to them.
#[derive(Default)]
struct Names {
    clients: HashMap<String, String>,
    assessments: HashMap<String, String>,
}

impl Names {
    fn describe<R: Read>(
        &mut self,
        store: &R,
        action: vault::Action,
        today: &str,
    ) -> crate::Result<ActionInfo> {
        let mut info = ActionInfo::new(action, today);
        if let Some(id) = &info.client_id {
            if !self.clients.contains_key(id) {
                self.clients.insert(id.clone(), store.client(id)?.name);
            }
            info.client_name = self.clients.get(id).cloned();
        }
        if let Some(id) = &info.assessment_id {
            if !self.assessments.contains_key(id) {
                self.assessments
                    .insert(id.clone(), store.assessment(id)?.title);
            }
            info.assessment_title = self.assessments.get(id).cloned();
        }
        Ok(info)
    }
}

/// Each action with the title of its assessment and the name of its client.
fn described<R: Read>(
    store: &R,
    actions: Vec<vault::Action>,
    today: &str,
) -> crate::Result<Vec<ActionInfo>> {
    let mut names = Names::default();
    actions
        .into_iter()
        .map(|action| names.describe(store, action, today))
        .collect()
}

/// An action to add, usually from a finding of an assessment; `due_date` is YYYY-MM-DD or blank.
/// A blank `title` with a finding takes the finding's recommendation in both languages, so the
/// action reads in the language of whoever looks at it; a typed title is kept as typed.
/// `another` adds a further action to a finding that already has one, on purpose.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewActionRequest {
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub finding_id: String,
    pub title: String,
    pub owner: String,
    pub due_date: String,
    pub note: String,
    pub another: bool,
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
            note: r.note.clone(),
            another: r.another,
            ..vault::NewAction::default()
        }
    }
}

/// Changes to an action; a missing field stays as it is, an empty `due_date` clears it, and a
/// new `title` replaces the finding's words with what was typed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct UpdateActionRequest {
    pub id: String,
    pub status: Option<ActionStatus>,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub note: Option<String>,
    /// The action's `updated_at` as the door read it: if anyone changed the action since, the
    /// change is refused (kind `stale`, naming who and when) and nothing is written. Absent:
    /// saved whatever was stored.
    #[serde(default)]
    #[ts(optional)]
    pub version: Option<String>,
}

impl From<&UpdateActionRequest> for vault::UpdateAction {
    fn from(r: &UpdateActionRequest) -> vault::UpdateAction {
        vault::UpdateAction {
            status: r.status.map(Into::into),
            title: r.title.clone(),
            owner: r.owner.clone(),
            due_date: r.due_date.clone(),
            note: r.note.clone(),
        }
    }
}

/// A client's or an assessment's actions (or all, across clients), soonest due first, judged
/// overdue on `today`, each with its assessment's title and client's name.
pub fn actions<R: Read>(
    store: &R,
    client_id: Option<&str>,
    assessment_id: Option<&str>,
    today: &str,
) -> crate::Result<Vec<ActionInfo>> {
    let filter = vault::ActionFilter {
        client_id: client_id.map(str::to_owned),
        assessment_id: assessment_id.map(str::to_owned),
        ..vault::ActionFilter::default()
    };
    described(store, store.actions(&filter)?, today)
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
pub fn find_actions<R: Read>(
    store: &R,
    query: &ActionQuery<'_>,
    today: &str,
) -> crate::Result<Vec<ActionInfo>> {
    let filter = vault::ActionFilter {
        client_id: query.client_id.map(str::to_owned),
        assessment_id: query.assessment_id.map(str::to_owned),
        status: query.status.map(str::parse).transpose()?,
        overdue_on: query.overdue_only.then(|| today.to_owned()),
    };
    described(store, store.actions(&filter)?, today)
}

/// Adds an action, judged overdue on `today`. A blank title on a finding of an assessment takes
/// the finding's recommendation in both languages, as the assessment scores now.
pub fn add_action<S: Store>(
    store: &mut S,
    actor: &str,
    request: &NewActionRequest,
    today: &str,
) -> crate::Result<ActionInfo> {
    let mut new: vault::NewAction = request.into();
    if new.title.trim().is_empty()
        && let (Some(assessment_id), false) = (&new.assessment_id, new.finding_id.is_empty())
    {
        new.title_words = crate::assessment::stored::outcome(&*store, assessment_id)?
            .findings
            .into_iter()
            .find(|finding| finding.id == new.finding_id)
            .map(|finding| finding.recommendation);
    }
    let action = super::action_writes::add_action(store, actor, &new)?;
    Names::default().describe(store, action, today)
}

/// Changes an action as the app's form sends it, judged overdue on `today` afterwards.
pub fn update_action<S: Store>(
    store: &mut S,
    actor: &str,
    request: &UpdateActionRequest,
    today: &str,
) -> crate::Result<ActionInfo> {
    let action = super::action_writes::update_action_read(
        store,
        actor,
        &request.id,
        &request.into(),
        request.version.as_deref(),
    )?;
    Names::default().describe(store, action, today)
}

/// Changes to an action as a door types them: `status` is the typed word, a missing field stays
/// as it is, an empty `due_date` clears it.
#[derive(Debug, Clone, Default)]
pub struct ActionChange<'a> {
    pub status: Option<&'a str>,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub note: Option<String>,
}

/// Changes an action, judged overdue on `today` afterwards.
pub fn change_action<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    change: ActionChange<'_>,
    today: &str,
) -> crate::Result<ActionInfo> {
    change_action_read(store, actor, id, change, today, None)
}

/// [`change_action`] from a read of the action whose `updated_at` was `version`: refused, kind
/// `stale`, when anyone changed it since; `None` checks nothing.
pub fn change_action_read<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    change: ActionChange<'_>,
    today: &str,
    version: Option<&str>,
) -> crate::Result<ActionInfo> {
    let change = vault::UpdateAction {
        status: change.status.map(str::parse).transpose()?,
        title: change.title,
        owner: change.owner,
        due_date: change.due_date,
        note: change.note,
    };
    let action = super::action_writes::update_action_read(store, actor, id, &change, version)?;
    Names::default().describe(store, action, today)
}
