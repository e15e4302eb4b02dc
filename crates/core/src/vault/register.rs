//! What the registers (clients, data sources, vendors, actions) share: checking what a user typed
//! (trimmed one-line text, required names, calendar dates, channel codes — each refusal an
//! [`Error::InvalidInput`] naming the field), and, through [`RegisterEntry`], writing a change
//! together with its audit entry, reading one row by id, and archiving. The checks are pure: no
//! vault, no clock.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};

use super::store::{Register, Store, Versioned, Work};
use super::{AuditEvent, Vault};
use crate::error::{Entity, Error, Invalid, Result, Stale};
use crate::i18n::Lang;

/// A register entry that is archived rather than deleted.
pub(crate) trait Archivable: RegisterEntry {
    const REGISTER: Register;
}

impl Archivable for super::Client {
    const REGISTER: Register = Register::Clients;
}

impl Archivable for super::DataSource {
    const REGISTER: Register = Register::DataSources;
}

impl Archivable for super::Vendor {
    const REGISTER: Register = Register::Vendors;
}

/// A row type of a register: where it is stored and how it is read back.
pub(crate) trait RegisterEntry: Sized {
    /// The SQL table.
    const TABLE: &'static str;
    /// The columns [`RegisterEntry::from_row`] reads, in its order.
    const COLUMNS: &'static str;
    const ENTITY: Entity;
    /// The audit log's `entity_type`, and the prefix of its actions (`client` → `client.added`).
    const AUDIT_TYPE: &'static str;

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self>;
}

impl Vault {
    /// One entry by id, or [`Error::NotFound`].
    pub(crate) fn entry<E: RegisterEntry>(&self, id: &str) -> Result<E> {
        self.conn
            .query_row(
                &format!("SELECT {} FROM {} WHERE id = ?1", E::COLUMNS, E::TABLE),
                [id],
                E::from_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                entity: E::ENTITY,
                id: id.to_owned(),
            })
    }
}

/// Sets an entry's archived flag through one unit of work with its audit entry
/// (`client.archived`, `vendor.unarchived`, …); the flag it already has writes nothing.
pub(crate) fn archive<E: Archivable, S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    archived: bool,
) -> Result<()> {
    // Read first: setting the flag an entry already has writes nothing, even on a vault that
    // cannot be written.
    if store.archived(E::REGISTER, id)? == archived {
        return Ok(());
    }
    let at = crate::time::now();
    let mut work = store.begin()?;
    if work.set_archived(E::REGISTER, id, archived, &at)? {
        let verb = if archived { "archived" } else { "unarchived" };
        let action = format!("{}.{verb}", E::AUDIT_TYPE);
        let summary = format!("{} {verb}", E::ENTITY.name(Lang::En));
        let event = AuditEvent {
            actor,
            action: &action,
            entity_type: E::AUDIT_TYPE,
            entity_id: id,
            summary: &summary,
        };
        work.append_audit(event, &at)?;
        work.commit()?;
    }
    Ok(())
}

/// The vault's [`Work::ensure_unchanged`]: the entry's `updated_at` against the one read, inside
/// the unit's IMMEDIATE transaction (the vault's write lock). The vault keeps no editor on the
/// row: the refusal names the actor of the entry's newest audit entry (no one, when it has none).
pub(crate) fn ensure_unchanged(
    conn: &rusqlite::Connection,
    register: Register,
    id: &str,
    read: &str,
) -> Result<()> {
    match register {
        Register::Clients => unchanged_since(conn, "clients", Entity::Client, id, read),
        Register::DataSources => {
            unchanged_since(conn, "data_sources", Entity::DataSource, id, read)
        }
        Register::Vendors => unchanged_since(conn, "vendors", Entity::Vendor, id, read),
    }
}

/// The vault's [`Work::ensure_row_unchanged`], as [`ensure_unchanged`].
pub(crate) fn ensure_row_unchanged(
    conn: &rusqlite::Connection,
    row: Versioned,
    id: &str,
    read: &str,
) -> Result<()> {
    match row {
        Versioned::Assessment => unchanged_since(conn, "assessments", Entity::Assessment, id, read),
        Versioned::Action => unchanged_since(conn, "actions", Entity::Action, id, read),
    }
}

// `table` is one of the vault's own table names, never a caller's text.
fn unchanged_since(
    conn: &rusqlite::Connection,
    table: &str,
    entity: Entity,
    id: &str,
    read: &str,
) -> Result<()> {
    let stored: Option<String> = conn
        .query_row(
            &format!("SELECT updated_at FROM {table} WHERE id = ?1"),
            [id],
            |row| row.get(0),
        )
        .optional()?;
    let Some(changed_at) = stored.filter(|at| at != read) else {
        return Ok(());
    };
    let changed_by: Option<String> = conn
        .query_row(
            "SELECT actor FROM audit_log WHERE entity_id = ?1 ORDER BY seq DESC LIMIT 1",
            [id],
            |row| row.get(0),
        )
        .optional()?;
    Err(Error::Stale(Stale {
        entity,
        id: id.to_owned(),
        changed_by: changed_by.unwrap_or_default(),
        changed_at,
    }))
}

/// Appends the audit entry of a change to entry `id` of `E` to `work`: action
/// `{AUDIT_TYPE}.{verb}` (`client.updated`, …), and a summary that names what changed, never the
/// values typed.
pub(crate) fn append_change<E: RegisterEntry>(
    work: &mut impl Work,
    actor: &str,
    verb: &str,
    id: &str,
    summary: &str,
    at: &str,
) -> Result<()> {
    let action = format!("{}.{verb}", E::AUDIT_TYPE);
    let event = AuditEvent {
        actor,
        action: &action,
        entity_type: E::AUDIT_TYPE,
        entity_id: id,
        summary,
    };
    work.append_audit(event, at)
}

/// The longest channel code accepted (the catalog's codes are 2–3 letters).
const MAX_CHANNEL_CODE: usize = 16;

fn invalid(field: &'static str, reason: Invalid) -> Error {
    Error::InvalidInput { field, reason }
}

/// A one-line text field, trimmed; may be empty.
pub(crate) fn line(field: &'static str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.chars().any(char::is_control) {
        return Err(invalid(field, Invalid::NotOneLine));
    }
    Ok(value.to_owned())
}

/// A one-line text field that must not be blank (names, titles), trimmed.
pub(crate) fn required(field: &'static str, value: &str) -> Result<String> {
    let value = line(field, value)?;
    if value.is_empty() {
        return Err(invalid(field, Invalid::Empty));
    }
    Ok(value)
}

/// Free text (notes): line breaks allowed, surrounding blanks trimmed; never refused.
pub(crate) fn text(_field: &'static str, value: &str) -> Result<String> {
    Ok(value.trim().to_owned())
}

/// A calendar date written YYYY-MM-DD, returned in that exact form (zero-padded) so that dates
/// compare correctly as text in SQL.
pub(crate) fn date(field: &'static str, value: &str) -> Result<String> {
    let trimmed = value.trim();
    NaiveDate::parse_from_str(trimmed, "%Y-%m-%d")
        .ok()
        .filter(|_| trimmed.len() == 10)
        .map(|date| date.format("%Y-%m-%d").to_string())
        .ok_or_else(|| {
            invalid(
                field,
                Invalid::Date {
                    value: trimmed.to_owned(),
                },
            )
        })
}

/// An optional date: blank means "no date".
pub(crate) fn optional_date(field: &'static str, value: &str) -> Result<Option<String>> {
    match value.trim() {
        "" => Ok(None),
        value => date(field, value).map(Some),
    }
}

/// A channel code (EC, QR, WEB, …): ASCII letters, digits, `-` or `_`, stored upper-case.
pub(crate) fn channel_code(field: &'static str, value: &str) -> Result<String> {
    let code = required(field, value)?;
    let well_formed = code.len() <= MAX_CHANNEL_CODE
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !well_formed {
        return Err(invalid(field, Invalid::ChannelCode { value: code }));
    }
    Ok(code.to_ascii_uppercase())
}

/// The fields an update changed, for its audit summary, which names fields and never their values.
#[derive(Debug, Default)]
pub(crate) struct Changes(Vec<&'static str>);

impl Changes {
    /// Checks `new` (if given) with `check` and, when it differs, stores it in `target`.
    pub(crate) fn set<T: PartialEq>(
        &mut self,
        field: &'static str,
        target: &mut T,
        new: Option<&str>,
        check: impl FnOnce(&'static str, &str) -> Result<T>,
    ) -> Result<()> {
        if let Some(new) = new {
            let new = check(field, new)?;
            if *target != new {
                *target = new;
                self.0.push(field);
            }
        }
        Ok(())
    }

    /// `changed: name, contact`, or `None` when nothing changed (and nothing is to be written).
    pub(crate) fn summary(&self) -> Option<String> {
        (!self.0.is_empty()).then(|| format!("changed: {}", self.0.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(result: Result<impl std::fmt::Debug>) -> Invalid {
        match result {
            Err(Error::InvalidInput { reason, .. }) => reason,
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn dates_must_be_real_calendar_days_in_iso_form() {
        assert_eq!(
            date("date", " 2026-02-28 ").ok().as_deref(),
            Some("2026-02-28")
        );
        assert_eq!(
            date("date", "2024-02-29").ok().as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-1-5",
            "31/12/2026",
            "2026-12-31T00:00",
            "",
            "tomorrow",
        ] {
            assert!(
                matches!(reason(date("date", bad)), Invalid::Date { .. }),
                "{bad} was accepted"
            );
        }
        assert_eq!(optional_date("date", "  ").ok(), Some(None));
    }

    #[test]
    fn names_are_trimmed_required_and_one_line() {
        assert_eq!(
            required("name", "  华东商贸  ").ok().as_deref(),
            Some("华东商贸")
        );
        assert_eq!(reason(required("name", " \t ")), Invalid::Empty);
        assert_eq!(reason(required("name", "a\nb")), Invalid::NotOneLine);
        assert_eq!(line("matter", "").ok().as_deref(), Some(""));
        assert_eq!(
            text("notes", "  line one\nline two \n").ok().as_deref(),
            Some("line one\nline two")
        );
    }

    #[test]
    fn changes_name_only_the_fields_that_differ() {
        let (mut name, mut matter) = ("华东商贸".to_owned(), "2026 audit".to_owned());
        let mut changes = Changes::default();
        changes
            .set("name", &mut name, Some(" 华东商贸 "), required)
            .and_then(|()| changes.set("matter", &mut matter, Some("2027"), line))
            .expect("valid");
        assert_eq!(matter, "2027");
        assert_eq!(changes.summary().as_deref(), Some("changed: matter"));
        assert_eq!(Changes::default().summary(), None);
    }

    #[test]
    fn channel_codes_are_short_ascii_codes() {
        assert_eq!(
            channel_code("channel", " web ").ok().as_deref(),
            Some("WEB")
        );
        assert_eq!(
            channel_code("channel", "ad_form-2").ok().as_deref(),
            Some("AD_FORM-2")
        );
        assert!(matches!(
            reason(channel_code("channel", "线下扫码")),
            Invalid::ChannelCode { .. }
        ));
        assert!(matches!(
            reason(channel_code("channel", "A B")),
            Invalid::ChannelCode { .. }
        ));
        assert_eq!(reason(channel_code("channel", "")), Invalid::Empty);
    }
}
