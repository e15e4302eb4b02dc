//! The data-source register: a client's collection channels (an e-commerce store, a lead form, a
//! QR code at an event, …), each one channel that a data-source assessment will cover. The channel
//! is stored as its code (EC, AD, QR, WEB, …). Audit summaries name fields, never their values.

use rusqlite::{Connection, Row, params};

use super::register::{self, Changes, RegisterEntry};
use super::store::{Register, Store, Work};
use super::{AuditEvent, Client, Vault};
use crate::error::{Entity, Result};
use crate::time::now;

/// One collection channel of a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataSource {
    pub id: String,
    pub client_id: String,
    pub name: String,
    /// The channel code, upper-case (EC, AD, QR, WEB, IMP, BUY, SCR, GRP, REF, NSC, …).
    pub channel: String,
    /// The messaging platform people are reached on (WhatsApp, WeChat, …), if any.
    pub platform: String,
    pub notes: String,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// A data source to add: the client, a name and a channel code are required.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NewDataSource {
    pub client_id: String,
    pub name: String,
    pub channel: String,
    pub platform: String,
    pub notes: String,
}

/// Changes to a data source; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UpdateDataSource {
    pub name: Option<String>,
    pub channel: Option<String>,
    pub platform: Option<String>,
    pub notes: Option<String>,
}

/// Which data sources to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataSourceFilter {
    /// Only this client's.
    pub client_id: Option<String>,
    /// Also archived sources, and sources of archived clients.
    pub include_archived: bool,
}

impl RegisterEntry for DataSource {
    const TABLE: &'static str = "data_sources";
    const COLUMNS: &'static str =
        "id, client_id, name, channel, platform, notes, archived, created_at, updated_at";
    const ENTITY: Entity = Entity::DataSource;
    const AUDIT_TYPE: &'static str = "data_source";

    fn from_row(row: &Row<'_>) -> rusqlite::Result<DataSource> {
        Ok(DataSource {
            id: row.get(0)?,
            client_id: row.get(1)?,
            name: row.get(2)?,
            channel: row.get(3)?,
            platform: row.get(4)?,
            notes: row.get(5)?,
            archived: row.get(6)?,
            created_at: row.get(7)?,
            updated_at: row.get(8)?,
        })
    }
}

impl DataSource {
    /// A new data source from what was typed, under the client `client` finds (which must be
    /// current): every field checked, in the order a form lists them.
    pub(crate) fn checked(
        new: &NewDataSource,
        client: impl FnOnce(&str) -> Result<Client>,
        id: String,
        at: &str,
    ) -> Result<DataSource> {
        let name = register::required("name", &new.name)?;
        let channel = register::channel_code("channel", &new.channel)?;
        let platform = register::line("platform", &new.platform)?;
        let client = client(new.client_id.trim())?.current()?;
        Ok(DataSource {
            id,
            client_id: client.id,
            name,
            channel,
            platform,
            notes: register::text("notes", &new.notes)?,
            archived: false,
            created_at: at.to_owned(),
            updated_at: at.to_owned(),
        })
    }

    /// The audit entry of a data source added.
    pub fn added<'a>(actor: &'a str, id: &'a str) -> AuditEvent<'a> {
        AuditEvent {
            actor,
            action: "data_source.added",
            entity_type: DataSource::AUDIT_TYPE,
            entity_id: id,
            summary: "data source added",
        }
    }
}

impl Vault {
    /// Adds a data source under a current (not archived) client: the same unit of work as
    /// `api::add_data_source`, which the doors call; this form serves core's tests and benches.
    pub(crate) fn add_data_source(
        &mut self,
        actor: &str,
        new: &NewDataSource,
    ) -> Result<DataSource> {
        add_data_source(self, actor, new)
    }

    /// Data sources by name. Unless `include_archived`, archived sources and the sources of
    /// archived clients are left out.
    pub(crate) fn data_sources(&self, filter: &DataSourceFilter) -> Result<Vec<DataSource>> {
        let sql = format!(
            "SELECT {} FROM data_sources s
             WHERE (?1 IS NULL OR s.client_id = ?1)
               AND (?2 OR (s.archived = 0
                           AND NOT EXISTS (SELECT 1 FROM clients c
                                           WHERE c.id = s.client_id AND c.archived = 1)))
             ORDER BY s.name COLLATE NOCASE, s.id",
            DataSource::COLUMNS
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let sources = stmt
            .query_map(
                params![filter.client_id.as_deref(), filter.include_archived],
                DataSource::from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(sources)
    }

    /// One data source by id, or [`crate::Error::NotFound`].
    #[cfg(test)]
    pub(crate) fn data_source(&self, id: &str) -> Result<DataSource> {
        self.entry(id)
    }
}

impl DataSource {
    /// This source with `update` applied (each field checked), and the summary naming the fields
    /// that changed; `None` when every field stays as it was.
    fn updated(&self, update: &UpdateDataSource) -> Result<Option<(DataSource, String)>> {
        let mut source = self.clone();
        let mut changes = Changes::default();
        changes.set(
            "name",
            &mut source.name,
            update.name.as_deref(),
            register::required,
        )?;
        changes.set(
            "channel",
            &mut source.channel,
            update.channel.as_deref(),
            register::channel_code,
        )?;
        changes.set(
            "platform",
            &mut source.platform,
            update.platform.as_deref(),
            register::line,
        )?;
        changes.set(
            "notes",
            &mut source.notes,
            update.notes.as_deref(),
            register::text,
        )?;
        Ok(changes.summary().map(|summary| (source, summary)))
    }
}

/// Changes a data source's fields in one unit of work with its audit entry, as a client's.
// The doors edit from a read (`*_read`); the suite also edits without one.
#[cfg(test)]
pub(crate) fn update_data_source<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    update: &UpdateDataSource,
) -> Result<DataSource> {
    update_data_source_read(store, actor, id, update, None)
}

/// [`update_data_source`] made from a read of the entry whose `updated_at` was `read`: refused, kind
/// `stale`, when anyone changed it since (`Work::ensure_unchanged`); `None` checks nothing.
pub(crate) fn update_data_source_read<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    update: &UpdateDataSource,
    read: Option<&str>,
) -> Result<DataSource> {
    let source = store.data_source(id)?;
    let Some((mut source, summary)) = source.updated(update)? else {
        return Ok(source);
    };
    source.updated_at = now();
    let mut work = store.begin()?;
    if let Some(read) = read {
        work.ensure_unchanged(Register::DataSources, id, read)?;
    }
    work.update_data_source(&source)?;
    register::append_change::<DataSource>(
        &mut work,
        actor,
        "updated",
        &source.id,
        &summary,
        &source.updated_at,
    )?;
    work.commit()?;
    Ok(source)
}

/// Adds a data source under a current (not archived) client, in one unit of work.
pub(crate) fn add_data_source<S: Store>(
    store: &mut S,
    actor: &str,
    new: &NewDataSource,
) -> Result<DataSource> {
    let at = crate::time::now();
    let source = DataSource::checked(new, |id| store.client(id), crate::id::new_id(), &at)?;
    let mut work = store.begin()?;
    work.insert_data_source(&source)?;
    work.append_audit(DataSource::added(actor, &source.id), &source.created_at)?;
    work.commit()?;
    Ok(source)
}

/// Stores a data source's changed fields inside the caller's transaction.
pub(crate) fn update(conn: &Connection, source: &DataSource) -> Result<()> {
    conn.execute(
        "UPDATE data_sources SET name = ?2, channel = ?3, platform = ?4, notes = ?5,
             updated_at = ?6
         WHERE id = ?1",
        params![
            source.id,
            source.name,
            source.channel,
            source.platform,
            source.notes,
            source.updated_at
        ],
    )?;
    Ok(())
}
