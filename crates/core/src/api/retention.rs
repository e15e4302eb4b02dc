//! Keep-until dates and the retention prompt: the use cases both doors call to read and set a
//! client's or an assessment's keep-until date, and the list of what is past its date (the
//! dashboard's and `dpodesk client due-for-erasure`). Listing never erases: the erase action
//! leads to the confirmation of `erasure.rs`.

use std::collections::HashMap;

use super::*;
use crate::assessment::retention;
use crate::vault::Kept;

/// What a keep-until date is set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeptKind {
    Client,
    Assessment,
}

impl From<KeptKind> for Kept {
    fn from(kind: KeptKind) -> Kept {
        match kind {
            KeptKind::Client => Kept::Client,
            KeptKind::Assessment => Kept::Assessment,
        }
    }
}

impl From<Kept> for KeptKind {
    fn from(kept: Kept) -> KeptKind {
        match kept {
            Kept::Client => KeptKind::Client,
            Kept::Assessment => KeptKind::Assessment,
        }
    }
}

/// A keep-until date as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KeepUntilView {
    pub kind: KeptKind,
    pub id: String,
    /// YYYY-MM-DD; `None` when none is set.
    pub keep_until: Option<String>,
    /// The earliest date allowed (a signed-off PIA's legal minimum); `None` when any date is.
    pub minimum: Option<String>,
    /// The client's or assessment's `updated_at` as read with the date: what a change carries
    /// back (`set_keep_until_read`) so that one made after a colleague's change is refused.
    pub version: String,
}

/// A client or an assessment version past its keep-until date: the user decides whether to
/// erase it (by its client's matter) or keep it longer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErasureDue {
    pub kind: KeptKind,
    pub id: String,
    /// The client's name or the assessment's title.
    pub name: String,
    /// The assessment's version; 0 for a client.
    #[ts(type = "number")]
    pub version: i64,
    /// The client whose matter an erasure would remove (`None`: an assessment filed under no
    /// client, which no erasure reaches).
    pub client_id: Option<String>,
    pub client_name: Option<String>,
    pub keep_until: String,
    /// Whole days since the date (at least 1).
    pub days_past: i32,
}

fn view<R: Read>(store: &R, kind: KeptKind, id: String) -> crate::Result<KeepUntilView> {
    let keep_until = store.keep_until(kind.into(), &id)?;
    let (minimum, version) = match kind {
        KeptKind::Client => (None, store.client(&id)?.updated_at),
        KeptKind::Assessment => (
            super::signing::minimum_keep_until(store, &id)?,
            store.assessment(&id)?.updated_at,
        ),
    };
    Ok(KeepUntilView {
        kind,
        id,
        keep_until,
        minimum,
        version,
    })
}

/// The id meant: a client by id or exact name, an assessment by id.
fn resolve<R: Read>(store: &R, kind: KeptKind, name_or_id: &str) -> crate::Result<String> {
    Ok(match kind {
        KeptKind::Client => vault::resolve_client(store, name_or_id)?.id,
        KeptKind::Assessment => store.assessment(name_or_id.trim())?.id,
    })
}

/// The keep-until date of the client (id or exact name) or assessment (id) `name_or_id`.
pub fn keep_until<R: Read>(
    store: &R,
    kind: KeptKind,
    name_or_id: &str,
) -> crate::Result<KeepUntilView> {
    let id = resolve(store, kind, name_or_id)?;
    view(store, kind, id)
}

/// Sets (`Some`, YYYY-MM-DD) or clears (`None`) a keep-until date. A signed-off PIA refuses a date
/// before its legal minimum, and clearing its date puts the minimum back.
pub fn set_keep_until<S: Store>(
    store: &mut S,
    actor: &str,
    kind: KeptKind,
    name_or_id: &str,
    date: Option<&str>,
) -> crate::Result<KeepUntilView> {
    set_keep_until_read(store, actor, kind, name_or_id, date, None)
}

/// [`set_keep_until`] from the view the door read: `version` is its `version` (the row's
/// `updated_at`); if anyone changed the client or assessment since (an answer, its status, its
/// entry), the change is refused (kind `stale`, naming who and when) and nothing is
/// written. `None` checks nothing.
pub fn set_keep_until_read<S: Store>(
    store: &mut S,
    actor: &str,
    kind: KeptKind,
    name_or_id: &str,
    date: Option<&str>,
    version: Option<&str>,
) -> crate::Result<KeepUntilView> {
    set_keep_until_from(store, actor, kind, name_or_id, date, version, None)
}

/// [`set_keep_until_read`] that also carries the date the door read with it (`keep_until` of
/// the view; "" for none): refused, kind `stale`, naming who set it and when, when another
/// date was set since — a date leaves the row's `version` as it was, so two dates set from one
/// read would otherwise both land, the later silently. `None` checks nothing.
pub fn set_keep_until_from<S: Store>(
    store: &mut S,
    actor: &str,
    kind: KeptKind,
    name_or_id: &str,
    date: Option<&str>,
    version: Option<&str>,
    date_read: Option<&str>,
) -> crate::Result<KeepUntilView> {
    let id = resolve(store, kind, name_or_id)?;
    super::signing::set_keep_until_read(store, actor, kind.into(), &id, date, version, date_read)?;
    view(store, kind, id)
}

/// Every client and assessment version whose keep-until date is before `today` (YYYY-MM-DD, the
/// door's calendar date), longest past first.
pub fn due_for_erasure<R: Read>(store: &R, today: &str) -> crate::Result<Vec<ErasureDue>> {
    let past = store.past_keep_until(today)?;
    if past.is_empty() {
        return Ok(Vec::new());
    }
    let names: HashMap<String, String> = store
        .clients(true)?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let mut due: Vec<ErasureDue> = past
        .into_iter()
        .map(|p| ErasureDue {
            kind: p.kept.into(),
            client_name: p.client_id.as_ref().and_then(|c| names.get(c).cloned()),
            days_past: retention::days_until(&p.keep_until, today)
                .map_or(0, |d| d.clamp(0, i64::from(i32::MAX)) as i32),
            id: p.id,
            name: p.name,
            version: p.version,
            client_id: p.client_id,
            keep_until: p.keep_until,
        })
        .collect();
    due.sort_by(|a, b| b.days_past.cmp(&a.days_past).then(a.name.cmp(&b.name)));
    Ok(due)
}
