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

impl From<dpodesk_team::Error> for Error {
    fn from(error: dpodesk_team::Error) -> Error {
        Error::Team(error)
    }
}
