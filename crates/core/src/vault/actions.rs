//! The action register: corrective actions that follow from findings, each filed under an
//! assessment, a client, or both, with an owner, a due date and a status. Whether an action is
//! overdue depends on the date, which the caller passes in: core reads no clock in its rules.
//! Audit summaries name the status change and the fields changed, never the text typed.
//! A title taken from a finding is kept in both languages, so it reads in the language of the
//! screen or report; a title a person typed is kept as typed. A finding has one action unless the
//! caller asks for another on purpose: duplicates made by a second click are refused. Those rules
//! are `api::action_writes`'s; here are the rows, the reads and the statements a unit of
//! `store::Work` runs.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, Row, ToSql, params};

use super::Vault;
use super::register::{self, RegisterEntry};
use super::store::Read;
use crate::error::{Entity, Error, Invalid, Result};
use crate::i18n::{Lang, Text};

/// Where an action stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    /// The stored and typed form: `open`, `in_progress`, `done`, `dropped`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    /// The status in the reader's language.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ActionStatus::Open => lang.pick("待处理", "Open"),
            ActionStatus::InProgress => lang.pick("进行中", "In progress"),
            ActionStatus::Done => lang.pick("已完成", "Done"),
            ActionStatus::Dropped => lang.pick("已放弃", "Dropped"),
        }
    }

    /// Whether work on the action is still expected (open or in progress).
    pub fn is_pending(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

impl fmt::Display for ActionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ActionStatus {
    type Err = Error;

    /// Parses the typed form (`open`, `in_progress`, `done`, `dropped`), ignoring case and blanks.
    fn from_str(text: &str) -> Result<ActionStatus> {
        let wanted = text.trim().to_ascii_lowercase();
        ActionStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| Error::InvalidInput {
                field: "status",
                reason: Invalid::Status {
                    value: text.trim().to_owned(),
                },
            })
    }
}

impl ToSql for ActionStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for ActionStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<ActionStatus> {
        value
            .as_str()?
            .parse()
            .map_err(|e: Error| FromSqlError::Other(Box::new(e)))
    }
}

/// A corrective action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub id: String,
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    /// The finding the action answers (a template finding id), or empty.
    pub finding_id: String,
    pub title: String,
    /// The title in both languages when it was taken from the finding; `None` once a person
    /// typed it.
    pub title_words: Option<Text>,
    pub owner: String,
    /// YYYY-MM-DD.
    pub due_date: Option<String>,
    pub status: ActionStatus,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

impl Action {
    /// The title as `lang` reads it: the finding's words in that language, else as typed.
    pub fn title_in(&self, lang: Lang) -> &str {
        self.title_words
            .as_ref()
            .map_or(self.title.as_str(), |words| words.get(lang))
    }

    /// Whether the action is past its due date on `today` (YYYY-MM-DD) and still pending. Due
    /// today is not yet overdue.
    pub fn is_overdue(&self, today: &str) -> bool {
        self.status.is_pending()
            && self
                .due_date
                .as_deref()
                .is_some_and(|due| due < today.trim())
    }
}

/// An action to add: a title, and a client or an assessment (or both). Given only an assessment,
/// the action is filed under the assessment's client too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NewAction {
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub finding_id: String,
    pub title: String,
    /// The finding's words in both languages; when given, `title` may be blank (or one of
    /// them). A different typed title wins.
    pub title_words: Option<Text>,
    pub owner: String,
    /// YYYY-MM-DD; blank means none.
    pub due_date: Option<String>,
    pub status: ActionStatus,
    pub note: String,
    /// A further action for a finding that already has one, added on purpose.
    pub another: bool,
}

/// Changes to an action; `None` leaves a field as it is. `due_date: Some("")` clears the date.
/// A new `title` replaces the finding's words with what was typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UpdateAction {
    pub status: Option<ActionStatus>,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub note: Option<String>,
}

/// Which actions to list. Filters combine: all that are given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionFilter {
    /// Filed under this client, directly or through one of its assessments.
    pub client_id: Option<String>,
    pub assessment_id: Option<String>,
    pub status: Option<ActionStatus>,
    /// Only actions overdue on this date (YYYY-MM-DD): pending and due before it.
    pub overdue_on: Option<String>,
}

impl RegisterEntry for Action {
    const TABLE: &'static str = "actions";
    const COLUMNS: &'static str = "id, assessment_id, client_id, finding_id, title, owner, \
                                   due_date, status, note, created_at, updated_at, title_zh, \
                                   title_en";
    const ENTITY: Entity = Entity::Action;
    const AUDIT_TYPE: &'static str = "action";

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Action> {
        Ok(Action {
            id: row.get(0)?,
            assessment_id: row.get(1)?,
            client_id: row.get(2)?,
            finding_id: row.get(3)?,
            title: row.get(4)?,
            owner: row.get(5)?,
            due_date: row.get(6)?,
            status: row.get(7)?,
            note: row.get(8)?,
            created_at: row.get(9)?,
            updated_at: row.get(10)?,
            title_words: words_of(row.get(11)?, row.get(12)?),
        })
    }
}

impl Vault {
    /// Actions, soonest due first (undated last). Every filter given must hold.
    pub(crate) fn actions(&self, filter: &ActionFilter) -> Result<Vec<Action>> {
        let overdue_on = filter
            .overdue_on
            .as_deref()
            .map(|date| register::date("date", date))
            .transpose()?;
        let sql = format!(
            "SELECT {} FROM actions a
             WHERE (?1 IS NULL OR a.client_id = ?1
                    OR a.assessment_id IN (SELECT id FROM assessments WHERE client_id = ?1))
               AND (?2 IS NULL OR a.assessment_id = ?2)
               AND (?3 IS NULL OR a.status = ?3)
             ORDER BY a.due_date IS NULL, a.due_date, a.created_at, a.id",
            Action::COLUMNS
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let actions: Vec<Action> = stmt
            .query_map(
                params![
                    filter.client_id.as_deref(),
                    filter.assessment_id.as_deref(),
                    filter.status
                ],
                Action::from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(match overdue_on {
            None => actions,
            Some(today) => actions
                .into_iter()
                .filter(|action| action.is_overdue(&today))
                .collect(),
        })
    }

    /// One action by id, or [`Error::NotFound`].
    pub(crate) fn action(&self, id: &str) -> Result<Action> {
        self.entry(id)
    }

    /// What a new action is filed under: the assessment (which must exist) and the client (given,
    /// or the assessment's). A given client must be current and match the assessment's.
    /// The first action filed on finding `finding_id` of assessment `assessment_id`.
    pub(crate) fn first_action_on(
        &self,
        assessment_id: &str,
        finding_id: &str,
    ) -> Result<Option<Action>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {} FROM actions WHERE assessment_id = ?1 AND finding_id = ?2
                     ORDER BY created_at, id LIMIT 1",
                    Action::COLUMNS
                ),
                params![assessment_id, finding_id],
                Action::from_row,
            )
            .optional()?)
    }

    /// The client an assessment is filed under, or [`Error::NotFound`].
    pub(crate) fn assessment_client(&self, assessment_id: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT client_id FROM assessments WHERE id = ?1",
                [assessment_id],
                |row| row.get::<_, Option<String>>(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                entity: Entity::Assessment,
                id: assessment_id.to_owned(),
            })
    }
}

/// What a new action is filed under: the assessment (which must exist) and the client (given,
/// or the assessment's). A given client must be current and match the assessment's.
pub(crate) fn action_subject(
    store: &impl Read,
    assessment_id: Option<&str>,
    client_id: Option<&str>,
) -> Result<(Option<String>, Option<String>)> {
    if assessment_id.is_none() && client_id.is_none() {
        return Err(Error::InvalidInput {
            field: "client",
            reason: Invalid::NoSubject,
        });
    }
    let assessment_client = match assessment_id {
        None => None,
        Some(id) => store.assessment_client(id)?,
    };
    let client_id = client_id
        .map(|id| {
            store
                .client(id)
                .and_then(super::Client::current)
                .map(|client| client.id)
        })
        .transpose()?;
    let client_id = match (client_id, assessment_client) {
        (Some(given), Some(owner)) if given != owner => {
            return Err(Error::InvalidInput {
                field: "client",
                reason: Invalid::ClientMismatch,
            });
        }
        (given, owner) => given.or(owner),
    };
    Ok((assessment_id.map(str::to_owned), client_id))
}

/// Both stored words, or `None` when either is blank (a typed title stores none).
pub(crate) fn words_of(zh: String, en: String) -> Option<Text> {
    (!zh.trim().is_empty() && !en.trim().is_empty()).then(|| Text::new(zh, en))
}

pub(crate) fn words_zh(words: &Option<Text>) -> &str {
    words.as_ref().map_or("", |w| w.zh.as_str())
}

pub(crate) fn words_en(words: &Option<Text>) -> &str {
    words.as_ref().map_or("", |w| w.en.as_str())
}

/// A trimmed id, or `None` when missing or blank.
pub(crate) fn non_blank(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|value| !value.is_empty())
}

/// Stores a new action, inside the caller's transaction.
pub(crate) fn insert(conn: &Connection, action: &Action) -> Result<()> {
    conn.execute(
        "INSERT INTO actions (id, assessment_id, client_id, finding_id, title, owner,
                              due_date, status, note, created_at, updated_at,
                              title_zh, title_en)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            action.id,
            action.assessment_id,
            action.client_id,
            action.finding_id,
            action.title,
            action.owner,
            action.due_date,
            action.status,
            action.note,
            action.created_at,
            action.updated_at,
            words_zh(&action.title_words),
            words_en(&action.title_words)
        ],
    )?;
    Ok(())
}

/// Stores an action's changed fields (status, title, owner, due date, note), inside the caller's
/// transaction.
pub(crate) fn update(conn: &Connection, action: &Action) -> Result<()> {
    conn.execute(
        "UPDATE actions SET status = ?2, owner = ?3, due_date = ?4, note = ?5,
             updated_at = ?6, title = ?7, title_zh = ?8, title_en = ?9
         WHERE id = ?1",
        params![
            action.id,
            action.status,
            action.owner,
            action.due_date,
            action.note,
            action.updated_at,
            action.title,
            words_zh(&action.title_words),
            words_en(&action.title_words)
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_typed_form() {
        for status in ActionStatus::ALL {
            assert_eq!(status.as_str().parse::<ActionStatus>().ok(), Some(status));
        }
        assert_eq!(
            " In_Progress ".parse::<ActionStatus>().ok(),
            Some(ActionStatus::InProgress)
        );
        let err = "closed".parse::<ActionStatus>().expect_err("unknown");
        assert!(
            matches!(
                &err,
                Error::InvalidInput { field: "status", reason: Invalid::Status { value } }
                    if value == "closed"
            ),
            "{err:?}"
        );
    }

    #[test]
    fn overdue_means_pending_and_due_before_today() {
        let mut action = Action {
            id: String::new(),
            assessment_id: None,
            client_id: None,
            finding_id: String::new(),
            title: "t".to_owned(),
            title_words: None,
            owner: String::new(),
            due_date: Some("2026-03-31".to_owned()),
            status: ActionStatus::Open,
            note: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
        };
        assert!(!action.is_overdue("2026-03-31"), "due today is not overdue");
        assert!(action.is_overdue("2026-04-01"));
        action.status = ActionStatus::Done;
        assert!(!action.is_overdue("2026-04-01"), "done is never overdue");
        action.status = ActionStatus::InProgress;
        action.due_date = None;
        assert!(
            !action.is_overdue("2026-04-01"),
            "no due date, never overdue"
        );
    }
}
