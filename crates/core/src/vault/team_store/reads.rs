//! The register lists on the team database, with the vault's signatures and results (the suite
//! compares them): the first of the reads a door's `--team` needs. `Store` has no read methods
//! for lists yet; when it gains them these are its team implementation.

use dpodesk_team::store as pg;

use super::TeamStore;
use crate::error::{Entity, Error, Result};
use crate::vault::register;
use crate::vault::{Client, DataSource, DataSourceFilter, Vendor, VendorFilter};

impl TeamStore {
    /// The clients the member sees, by name; archived ones too when asked (as `Vault::clients`).
    pub fn clients(&self, include_archived: bool) -> Result<Vec<Client>> {
        let rows = pg::clients(&mut *self.session.borrow_mut(), include_archived)?;
        Ok(rows.into_iter().map(client_of).collect())
    }

    /// As `Vault::data_sources`, among the clients the member sees.
    pub fn data_sources(&self, filter: &DataSourceFilter) -> Result<Vec<DataSource>> {
        let rows = pg::data_sources(
            &mut *self.session.borrow_mut(),
            filter.client_id.as_deref(),
            filter.include_archived,
        )?;
        Ok(rows.into_iter().map(data_source_of).collect())
    }

    /// One data source the member sees, or [`Error::NotFound`].
    pub fn data_source(&self, id: &str) -> Result<DataSource> {
        pg::data_source(&mut *self.session.borrow_mut(), id)?
            .map(data_source_of)
            .ok_or_else(|| not_found(Entity::DataSource, id))
    }

    /// As `Vault::vendors` (a review date checked the same way), among the clients the member
    /// sees.
    pub fn vendors(&self, filter: &VendorFilter) -> Result<Vec<Vendor>> {
        let due_by = filter
            .review_due_by
            .as_deref()
            .map(|date| register::date("due_by", date))
            .transpose()?;
        let rows = pg::vendors(
            &mut *self.session.borrow_mut(),
            filter.client_id.as_deref(),
            due_by.as_deref(),
            filter.include_archived,
        )?;
        Ok(rows.into_iter().map(vendor_of).collect())
    }

    /// One vendor the member sees, or [`Error::NotFound`].
    pub fn vendor(&self, id: &str) -> Result<Vendor> {
        pg::vendor(&mut *self.session.borrow_mut(), id)?
            .map(vendor_of)
            .ok_or_else(|| not_found(Entity::Vendor, id))
    }
}

fn not_found(entity: Entity, id: &str) -> Error {
    Error::NotFound {
        entity,
        id: id.to_owned(),
    }
}

pub(super) fn client_of(row: pg::ClientRecord) -> Client {
    Client {
        id: row.id,
        name: row.name,
        matter: row.matter,
        contact: row.contact,
        notes: row.notes,
        archived: row.archived,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn data_source_of(row: pg::DataSourceRecord) -> DataSource {
    DataSource {
        id: row.id,
        client_id: row.client_id,
        name: row.name,
        channel: row.channel,
        platform: row.platform,
        notes: row.notes,
        archived: row.archived,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn vendor_of(row: pg::VendorRecord) -> Vendor {
    Vendor {
        id: row.id,
        client_id: row.client_id,
        name: row.name,
        country: row.country,
        service: row.service,
        contact: row.contact,
        next_review: row.next_review,
        notes: row.notes,
        archived: row.archived,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}
