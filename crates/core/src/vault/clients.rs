//! The client register: the firm's clients, or matters for a client, kept apart so that every data
//! source, vendor, assessment and action is filed under one. Archiving hides a client (and what is
//! filed under it) from everyday lists; nothing is deleted. Audit summaries name the fields that
//! changed, never what was typed into them.

use rusqlite::{Connection, Row, params};

use super::register::{self, Changes, RegisterEntry};
use super::store::{Read, Register, Store, Work};
use super::{AuditEvent, Vault};
use crate::error::{Entity, Error, Invalid, Result};
use crate::time::now;

/// A client of the firm, or one matter for a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub id: String,
    pub name: String,
    pub matter: String,
    pub contact: String,
    pub notes: String,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// A client to add. Only the name is required.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NewClient {
    pub name: String,
    pub matter: String,
    pub contact: String,
    pub notes: String,
}

/// Changes to a client; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UpdateClient {
    pub name: Option<String>,
    pub matter: Option<String>,
    pub contact: Option<String>,
    pub notes: Option<String>,
}

impl RegisterEntry for Client {
    const TABLE: &'static str = "clients";
    const COLUMNS: &'static str =
        "id, name, matter, contact, notes, archived, created_at, updated_at";
    const ENTITY: Entity = Entity::Client;
    const AUDIT_TYPE: &'static str = "client";

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Client> {
        Ok(Client {
            id: row.get(0)?,
            name: row.get(1)?,
            matter: row.get(2)?,
            contact: row.get(3)?,
            notes: row.get(4)?,
            archived: row.get(5)?,
            created_at: row.get(6)?,
            updated_at: row.get(7)?,
        })
    }
}

impl Client {
    /// A new client from what was typed: the name required, every field checked.
    pub(crate) fn checked(new: &NewClient, id: String, at: &str) -> Result<Client> {
        Ok(Client {
            id,
            name: register::required("name", &new.name)?,
            matter: register::line("matter", &new.matter)?,
            contact: register::line("contact", &new.contact)?,
            notes: register::text("notes", &new.notes)?,
            archived: false,
            created_at: at.to_owned(),
            updated_at: at.to_owned(),
        })
    }

    /// The client, if it is current: nothing new is filed under an archived client.
    pub fn current(self) -> Result<Client> {
        if self.archived {
            return Err(Error::InvalidInput {
                field: "client",
                reason: Invalid::ClientArchived,
            });
        }
        Ok(self)
    }

    /// The audit entry of a client added.
    pub fn added<'a>(actor: &'a str, id: &'a str) -> AuditEvent<'a> {
        AuditEvent {
            actor,
            action: "client.added",
            entity_type: Client::AUDIT_TYPE,
            entity_id: id,
            summary: "client added",
        }
    }
}

impl Vault {
    /// Adds a client. Two clients may share a name (the matter tells them apart); finding one by
    /// name then asks for the id. The same unit of work as `api::add_client`, which the doors
    /// call; this form serves core's tests and benches.
    pub(crate) fn add_client(&mut self, actor: &str, new: &NewClient) -> Result<Client> {
        add_client(self, actor, new)
    }

    /// The clients by name; archived ones only when `include_archived`.
    pub(crate) fn clients(&self, include_archived: bool) -> Result<Vec<Client>> {
        let sql = format!(
            "SELECT {} FROM clients WHERE ?1 OR archived = 0 ORDER BY name COLLATE NOCASE, id",
            Client::COLUMNS
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let clients = stmt
            .query_map([include_archived], Client::from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(clients)
    }

    /// One client by id, or [`Error::NotFound`].
    pub(crate) fn client(&self, id: &str) -> Result<Client> {
        self.entry(id)
    }
}

impl Client {
    /// This client with `update` applied (each field checked), and the summary naming the fields
    /// that changed; `None` when every field stays as it was.
    fn updated(&self, update: &UpdateClient) -> Result<Option<(Client, String)>> {
        let mut client = self.clone();
        let mut changes = Changes::default();
        changes.set(
            "name",
            &mut client.name,
            update.name.as_deref(),
            register::required,
        )?;
        changes.set(
            "matter",
            &mut client.matter,
            update.matter.as_deref(),
            register::line,
        )?;
        changes.set(
            "contact",
            &mut client.contact,
            update.contact.as_deref(),
            register::line,
        )?;
        changes.set(
            "notes",
            &mut client.notes,
            update.notes.as_deref(),
            register::text,
        )?;
        Ok(changes.summary().map(|summary| (client, summary)))
    }
}

/// Changes a client's fields in one unit of work with its audit entry (`client.updated`, naming
/// the fields); a change that leaves every field as it was writes nothing.
// The doors edit from a read (`*_read`); the suite also edits without one.
#[cfg(test)]
pub(crate) fn update_client<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    update: &UpdateClient,
) -> Result<Client> {
    update_client_read(store, actor, id, update, None)
}

/// [`update_client`] made from a read of the entry whose `updated_at` was `read`: refused, kind
/// `stale`, when anyone changed it since (`Work::ensure_unchanged`); `None` checks nothing.
pub(crate) fn update_client_read<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    update: &UpdateClient,
    read: Option<&str>,
) -> Result<Client> {
    let client = store.client(id)?;
    let Some((mut client, summary)) = client.updated(update)? else {
        return Ok(client);
    };
    client.updated_at = now();
    let mut work = store.begin()?;
    if let Some(read) = read {
        work.ensure_unchanged(Register::Clients, id, read)?;
    }
    work.update_client(&client)?;
    register::append_change::<Client>(
        &mut work,
        actor,
        "updated",
        &client.id,
        &summary,
        &client.updated_at,
    )?;
    work.commit()?;
    Ok(client)
}

/// Adds a client: checked, then stored with its audit entry in one unit of work — on any store.
pub(crate) fn add_client<S: Store>(store: &mut S, actor: &str, new: &NewClient) -> Result<Client> {
    let client = Client::checked(new, crate::id::new_id(), &crate::time::now())?;
    let mut work = store.begin()?;
    work.insert_client(&client)?;
    work.append_audit(Client::added(actor, &client.id), &client.created_at)?;
    work.commit()?;
    Ok(client)
}

/// Stores a client's changed fields inside the caller's transaction.
pub(crate) fn update(conn: &Connection, client: &Client) -> Result<()> {
    conn.execute(
        "UPDATE clients SET name = ?2, matter = ?3, contact = ?4, notes = ?5, updated_at = ?6
         WHERE id = ?1",
        params![
            client.id,
            client.name,
            client.matter,
            client.contact,
            client.notes,
            client.updated_at
        ],
    )?;
    Ok(())
}

/// The client with exactly this name, ignoring case and surrounding blanks. Current clients
/// are searched first, archived ones only when no current client has the name. Several
/// matches are [`Error::Ambiguous`], naming their ids.
fn find_client(store: &impl Read, name: &str) -> Result<Client> {
    let wanted = name.trim().to_lowercase();
    let (current, archived): (Vec<Client>, Vec<Client>) = store
        .clients(true)?
        .into_iter()
        .filter(|client| client.name.to_lowercase() == wanted)
        .partition(|client| !client.archived);
    let mut matches = if current.is_empty() {
        archived
    } else {
        current
    };
    match matches.len() {
        0 => Err(Error::NotFound {
            entity: Entity::Client,
            id: name.trim().to_owned(),
        }),
        1 => Ok(matches.remove(0)),
        _ => Err(Error::Ambiguous {
            entity: Entity::Client,
            name: name.trim().to_owned(),
            candidates: matches.into_iter().map(|client| client.id).collect(),
        }),
    }
}

/// The client a person means by `name_or_id`: the one with that id, else the one with that
/// name ([`find_client`]).
pub(crate) fn resolve_client(store: &impl Read, name_or_id: &str) -> Result<Client> {
    match store.client(name_or_id.trim()) {
        Err(Error::NotFound { .. }) => find_client(store, name_or_id),
        found => found,
    }
}
