//! The vendor register: a client's vendors and processors (a CRM host, an SMS gateway, a
//! messaging-API provider, …), with the date their entrustment is next due for review. Dates are
//! checked calendar dates stored as YYYY-MM-DD, so "reviews due on or before a date" is a text
//! comparison. Audit summaries name fields, never their values.

use rusqlite::{Connection, Row, params};

use super::register::{self, Changes, RegisterEntry};
use super::store::{Register, Store, Work};
use super::{AuditEvent, Client, Vault};
use crate::error::{Entity, Result};
use crate::time::now;

/// A vendor or processor of a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vendor {
    pub id: String,
    pub client_id: String,
    pub name: String,
    pub country: String,
    pub service: String,
    pub contact: String,
    /// When the entrustment is next due for review, YYYY-MM-DD.
    pub next_review: Option<String>,
    pub notes: String,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// A vendor to add: the client and a name are required; `next_review` must be YYYY-MM-DD when
/// given (blank means none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NewVendor {
    pub client_id: String,
    pub name: String,
    pub country: String,
    pub service: String,
    pub contact: String,
    pub next_review: Option<String>,
    pub notes: String,
}

/// Changes to a vendor; `None` leaves a field as it is. `next_review: Some("")` clears the date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UpdateVendor {
    pub name: Option<String>,
    pub country: Option<String>,
    pub service: Option<String>,
    pub contact: Option<String>,
    pub next_review: Option<String>,
    pub notes: Option<String>,
}

/// Which vendors to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VendorFilter {
    /// Only this client's.
    pub client_id: Option<String>,
    /// Only vendors whose review is due on or before this date (YYYY-MM-DD), soonest first.
    pub review_due_by: Option<String>,
    /// Also archived vendors, and vendors of archived clients.
    pub include_archived: bool,
}

impl RegisterEntry for Vendor {
    const TABLE: &'static str = "vendors";
    const COLUMNS: &'static str = "id, client_id, name, country, service, contact, next_review, \
                                   notes, archived, created_at, updated_at";
    const ENTITY: Entity = Entity::Vendor;
    const AUDIT_TYPE: &'static str = "vendor";

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Vendor> {
        Ok(Vendor {
            id: row.get(0)?,
            client_id: row.get(1)?,
            name: row.get(2)?,
            country: row.get(3)?,
            service: row.get(4)?,
            contact: row.get(5)?,
            next_review: row.get(6)?,
            notes: row.get(7)?,
            archived: row.get(8)?,
            created_at: row.get(9)?,
            updated_at: row.get(10)?,
        })
    }
}

impl Vendor {
    /// A new vendor from what was typed, under the client `client` finds (which must be
    /// current): every field checked, in the order a form lists them.
    pub(crate) fn checked(
        new: &NewVendor,
        client: impl FnOnce(&str) -> Result<Client>,
        id: String,
        at: &str,
    ) -> Result<Vendor> {
        let name = register::required("name", &new.name)?;
        let country = register::line("country", &new.country)?;
        let service = register::line("service", &new.service)?;
        let contact = register::line("contact", &new.contact)?;
        let next_review = register::optional_date(
            "next_review",
            new.next_review.as_deref().unwrap_or_default(),
        )?;
        let client = client(new.client_id.trim())?.current()?;
        Ok(Vendor {
            id,
            client_id: client.id,
            name,
            country,
            service,
            contact,
            next_review,
            notes: register::text("notes", &new.notes)?,
            archived: false,
            created_at: at.to_owned(),
            updated_at: at.to_owned(),
        })
    }

    /// The audit entry of a vendor added.
    pub fn added<'a>(actor: &'a str, id: &'a str) -> AuditEvent<'a> {
        AuditEvent {
            actor,
            action: "vendor.added",
            entity_type: Vendor::AUDIT_TYPE,
            entity_id: id,
            summary: "vendor added",
        }
    }
}

impl Vault {
    /// Adds a vendor under a current (not archived) client: the same unit of work as
    /// `api::add_vendor`, which the doors call; this form serves core's tests and benches.
    pub(crate) fn add_vendor(&mut self, actor: &str, new: &NewVendor) -> Result<Vendor> {
        add_vendor(self, actor, new)
    }

    /// Vendors by name, or by review date (soonest first) when asking for reviews due by a
    /// date. Unless `include_archived`, archived vendors and vendors of archived clients are left
    /// out.
    pub(crate) fn vendors(&self, filter: &VendorFilter) -> Result<Vec<Vendor>> {
        let due_by = filter
            .review_due_by
            .as_deref()
            .map(|date| register::date("due_by", date))
            .transpose()?;
        let sql = format!(
            "SELECT {} FROM vendors v
             WHERE (?1 IS NULL OR v.client_id = ?1)
               AND (?2 IS NULL OR (v.next_review IS NOT NULL AND v.next_review <= ?2))
               AND (?3 OR (v.archived = 0
                           AND NOT EXISTS (SELECT 1 FROM clients c
                                           WHERE c.id = v.client_id AND c.archived = 1)))
             ORDER BY CASE WHEN ?2 IS NULL THEN NULL ELSE v.next_review END,
                      v.name COLLATE NOCASE, v.id",
            Vendor::COLUMNS
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let vendors = stmt
            .query_map(
                params![filter.client_id.as_deref(), due_by, filter.include_archived],
                Vendor::from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(vendors)
    }

    /// One vendor by id, or [`crate::Error::NotFound`].
    #[cfg(test)]
    pub(crate) fn vendor(&self, id: &str) -> Result<Vendor> {
        self.entry(id)
    }
}

impl Vendor {
    /// This vendor with `update` applied (each field checked), and the summary naming the fields
    /// that changed; `None` when every field stays as it was.
    fn updated(&self, update: &UpdateVendor) -> Result<Option<(Vendor, String)>> {
        let mut vendor = self.clone();
        let mut changes = Changes::default();
        changes.set(
            "name",
            &mut vendor.name,
            update.name.as_deref(),
            register::required,
        )?;
        changes.set(
            "country",
            &mut vendor.country,
            update.country.as_deref(),
            register::line,
        )?;
        changes.set(
            "service",
            &mut vendor.service,
            update.service.as_deref(),
            register::line,
        )?;
        changes.set(
            "contact",
            &mut vendor.contact,
            update.contact.as_deref(),
            register::line,
        )?;
        changes.set(
            "next_review",
            &mut vendor.next_review,
            update.next_review.as_deref(),
            register::optional_date,
        )?;
        changes.set(
            "notes",
            &mut vendor.notes,
            update.notes.as_deref(),
            register::text,
        )?;
        Ok(changes.summary().map(|summary| (vendor, summary)))
    }
}

/// Changes a vendor's fields in one unit of work with its audit entry, as a client's.
// The doors edit from a read (`*_read`); the suite also edits without one.
#[cfg(test)]
pub(crate) fn update_vendor<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    update: &UpdateVendor,
) -> Result<Vendor> {
    update_vendor_read(store, actor, id, update, None)
}

/// [`update_vendor`] made from a read of the entry whose `updated_at` was `read`: refused, kind
/// `stale`, when anyone changed it since (`Work::ensure_unchanged`); `None` checks nothing.
pub(crate) fn update_vendor_read<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    update: &UpdateVendor,
    read: Option<&str>,
) -> Result<Vendor> {
    let vendor = store.vendor(id)?;
    let Some((mut vendor, summary)) = vendor.updated(update)? else {
        return Ok(vendor);
    };
    vendor.updated_at = now();
    let mut work = store.begin()?;
    if let Some(read) = read {
        work.ensure_unchanged(Register::Vendors, id, read)?;
    }
    work.update_vendor(&vendor)?;
    register::append_change::<Vendor>(
        &mut work,
        actor,
        "updated",
        &vendor.id,
        &summary,
        &vendor.updated_at,
    )?;
    work.commit()?;
    Ok(vendor)
}

/// Adds a vendor under a current (not archived) client, in one unit of work.
pub(crate) fn add_vendor<S: Store>(store: &mut S, actor: &str, new: &NewVendor) -> Result<Vendor> {
    let at = crate::time::now();
    let vendor = Vendor::checked(new, |id| store.client(id), crate::id::new_id(), &at)?;
    let mut work = store.begin()?;
    work.insert_vendor(&vendor)?;
    work.append_audit(Vendor::added(actor, &vendor.id), &vendor.created_at)?;
    work.commit()?;
    Ok(vendor)
}

/// Stores a vendor's changed fields inside the caller's transaction.
pub(crate) fn update(conn: &Connection, vendor: &Vendor) -> Result<()> {
    conn.execute(
        "UPDATE vendors SET name = ?2, country = ?3, service = ?4, contact = ?5,
             next_review = ?6, notes = ?7, updated_at = ?8
         WHERE id = ?1",
        params![
            vendor.id,
            vendor.name,
            vendor.country,
            vendor.service,
            vendor.contact,
            vendor.next_review,
            vendor.notes,
            vendor.updated_at
        ],
    )?;
    Ok(())
}
