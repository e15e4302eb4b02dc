//! Team mode's errors inside core's: a refusal of the team database keeps its own typed error
//! (worded in both languages by `dpodesk_team`), and gets the kind a door acts on — reload on a
//! stale save, ask another approver, ask an administrator for a grant.

use super::{Error, ErrorKind};

pub(super) fn kind(error: &dpodesk_team::Error) -> ErrorKind {
    match error {
        dpodesk_team::Error::Stale { .. } => ErrorKind::Stale,
        dpodesk_team::Error::OwnWork { .. } => ErrorKind::OwnWork,
        dpodesk_team::Error::NotPermitted { .. } => ErrorKind::NotPermitted,
        dpodesk_team::Error::NotInTeamMode { .. } => ErrorKind::NotInTeamMode,
        dpodesk_team::Error::AuditBroken { .. } => ErrorKind::AuditBroken,
        _ => ErrorKind::TeamDatabase,
    }
}

// A stale refusal becomes core's own, the same as the vault's, so doors and tests read one.
impl From<dpodesk_team::Error> for Error {
    fn from(error: dpodesk_team::Error) -> Error {
        match error {
            dpodesk_team::Error::Stale {
                entity,
                id,
                changed_by,
                changed_at,
            } => Error::Stale(super::Stale {
                entity: entity.into(),
                id,
                changed_by,
                changed_at,
            }),
            other => Error::Team(other),
        }
    }
}
