//! The vault's own settings a person changes: the profile (who reports are from, and the actor of
//! the audit log) and the idle time before the app locks. Each change is checked here and written
//! with its audit entry in one unit of work (`store::Work`).

use crate::error::{Error, Invalid, Result};
use crate::time::now;
use crate::vault::register;
use crate::vault::store::{Store, Work};
use crate::vault::{
    AUTO_LOCK_MAX_MINUTES, AUTO_LOCK_MINUTES, AuditEvent, PROFILE_FIRM, PROFILE_NAME, PROFILE_ROLE,
    Profile, Vault,
};

impl Vault {
    /// [`set_profile`] on the vault.
    pub(crate) fn set_profile(
        &mut self,
        actor: &str,
        name: Option<&str>,
        role: Option<&str>,
        firm: Option<&str>,
    ) -> Result<Profile> {
        set_profile(self, actor, name, role, firm)
    }
}

/// Sets the profile's fields that are given (`None` leaves one as it is, `Some("")` clears
/// it), in one audited write. Each value must be one line.
pub fn set_profile<S: Store>(
    store: &mut S,
    actor: &str,
    name: Option<&str>,
    role: Option<&str>,
    firm: Option<&str>,
) -> Result<Profile> {
    let mut changes = Vec::new();
    for (key, field, value) in [
        (PROFILE_NAME, "name", name),
        (PROFILE_ROLE, "role", role),
        (PROFILE_FIRM, "firm", firm),
    ] {
        if let Some(value) = value {
            let value = register::line(field, value)?;
            changes.push((key, field, value));
        }
    }
    if !changes.is_empty() {
        let fields = changes
            .iter()
            .map(|(_, f, _)| *f)
            .collect::<Vec<_>>()
            .join(", ");
        let summary = format!("changed {fields}");
        let event = AuditEvent {
            actor,
            action: "profile.updated",
            entity_type: "settings",
            entity_id: "profile",
            summary: &summary,
        };
        let at = now();
        let mut work = store.begin()?;
        for (key, _, value) in &changes {
            work.put_setting(key, value)?;
        }
        work.append_audit(event, &at)?;
        work.commit()?;
    }
    crate::vault::profile(&*store)
}

/// Sets the idle time before the app locks the vault (1 to [`AUTO_LOCK_MAX_MINUTES`]).
/// 0 is refused with its own reason: it reads as "never", which is not offered.
pub fn set_auto_lock_minutes<S: Store>(store: &mut S, actor: &str, minutes: u32) -> Result<u32> {
    if minutes == 0 {
        return Err(Error::InvalidInput {
            field: "auto_lock_minutes",
            reason: Invalid::AutoLockOff {
                max: i64::from(AUTO_LOCK_MAX_MINUTES),
            },
        });
    }
    if !(1..=AUTO_LOCK_MAX_MINUTES).contains(&minutes) {
        return Err(Error::InvalidInput {
            field: "auto_lock_minutes",
            reason: Invalid::OutOfRange {
                min: 1,
                max: i64::from(AUTO_LOCK_MAX_MINUTES),
            },
        });
    }
    if crate::vault::auto_lock_minutes(&*store)? != minutes {
        let value = minutes.to_string();
        let summary = format!("auto-lock after {minutes} minutes");
        let event = AuditEvent {
            actor,
            action: "settings.updated",
            entity_type: "settings",
            entity_id: AUTO_LOCK_MINUTES,
            summary: &summary,
        };
        let at = now();
        let mut work = store.begin()?;
        work.put_setting(AUTO_LOCK_MINUTES, &value)?;
        work.append_audit(event, &at)?;
        work.commit()?;
    }
    Ok(minutes)
}
