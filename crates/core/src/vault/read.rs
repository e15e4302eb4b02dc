//! What `api` reads from the store: the plain rows the vault hands out (registers, assessment
//! rows, answer and snapshot JSON, sign-off rows, settings), never a rule. [`Store`] requires
//! [`Read`], so a use case that writes can read through the same handle; one that only reads
//! asks for `&impl Read`, which says so in its signature, and a handle that may only read (a
//! read-only vault, a team member's reader connection) can implement [`Read`] alone.
//!
//! [`Store`]: super::store::Store

use rusqlite::OptionalExtension;

use super::register::RegisterEntry;
use super::store::Register;
use super::{AuditHead, Client, DataSource, Vault, Vendor};
use crate::error::{Error, Result};

/// The reads of the store.
pub trait Read {
    /// Whether an entry is archived; [`Error::NotFound`] when there is no such entry.
    fn archived(&self, register: Register, id: &str) -> Result<bool>;

    /// One client by id, or [`Error::NotFound`].
    fn client(&self, id: &str) -> Result<Client>;

    /// One data source by id, or [`Error::NotFound`].
    fn data_source(&self, id: &str) -> Result<DataSource>;

    /// One vendor by id, or [`Error::NotFound`].
    fn vendor(&self, id: &str) -> Result<Vendor>;

    /// The audit log's head as recorded (not re-verified).
    fn audit_head(&self) -> Result<AuditHead>;

    /// A setting's value, if set.
    fn setting(&self, key: &str) -> Result<Option<String>>;

    /// Whether the store can only be read: what leaves it (a backup, an export) is made anyway
    /// and not recorded, every change is refused.
    fn is_read_only(&self) -> bool;
}

impl Read for Vault {
    fn archived(&self, register: Register, id: &str) -> Result<bool> {
        match register {
            Register::Clients => archived_of::<Client>(&self.conn, id),
            Register::DataSources => archived_of::<DataSource>(&self.conn, id),
            Register::Vendors => archived_of::<Vendor>(&self.conn, id),
        }
    }

    fn client(&self, id: &str) -> Result<Client> {
        self.entry(id)
    }

    fn data_source(&self, id: &str) -> Result<DataSource> {
        self.entry(id)
    }

    fn vendor(&self, id: &str) -> Result<Vendor> {
        self.entry(id)
    }

    fn audit_head(&self) -> Result<AuditHead> {
        Vault::audit_head(self)
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        Vault::setting(self, key)
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }
}

fn archived_of<E: RegisterEntry>(conn: &rusqlite::Connection, id: &str) -> Result<bool> {
    conn.query_row(
        &format!("SELECT archived FROM {} WHERE id = ?1", E::TABLE),
        [id],
        |row| row.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        entity: E::ENTITY,
        id: id.to_owned(),
    })
}
