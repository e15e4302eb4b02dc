//! Register edits and settings: a client's, data source's or vendor's editable fields (checked
//! above, in core; given as the row's columns, of which the id, owner and creation time never
//! change), and the settings table's reads and removals.

use postgres::{GenericClient, Transaction};

use super::{
    Kept, NewClient, NewDataSource, NewVendor, Read, Register, Versioned, carried, version_of,
};
use crate::error::{Entity, Error, Result, sql_error};

// A row the member does not see is left alone, as the vault's UPDATE leaves a missing one: core
// read the entry through the same session before, so a row gone since is a colleague's change.

/// Refuses an edit of register entry `id` made from a read of it whose `updated_at` was `read`
/// when anyone changed the entry since (the stale refusal, naming who and when). Locks the row
/// (`FOR UPDATE`) until the unit ends, so nothing lands between this check and the edit, which
/// then carries the version read in the unit. An entry not there is the edit's to find missing.
pub fn ensure_unchanged(
    tx: &mut Transaction<'_>,
    register: Register,
    id: &str,
    read: &str,
) -> Result<()> {
    unchanged_since(tx, register.table(), id, read)
}

/// [`ensure_unchanged`] for an assessment row or an action.
pub fn ensure_row_unchanged(
    tx: &mut Transaction<'_>,
    row: Versioned,
    id: &str,
    read: &str,
) -> Result<()> {
    unchanged_since(tx, row.table(), id, read)
}

// `table` is one of the schema's own table names, never a caller's text.
fn unchanged_since(tx: &mut Transaction<'_>, table: &str, id: &str, read: &str) -> Result<()> {
    let row = tx
        .query_opt(
            &format!(
                "SELECT updated_at, changed_by, changed_at FROM dpodesk.{table}
                 WHERE id = $1 FOR UPDATE"
            ),
            &[&id],
        )
        .map_err(sql_error)?;
    match row {
        Some(row) if row.get::<_, String>(0) != read => Err(Error::Stale {
            entity: Entity::of_table(table),
            id: id.to_owned(),
            changed_by: row.get(1),
            changed_at: row.get(2),
        }),
        _ => Ok(()),
    }
}

/// Who set the keep-until date of `id` and when, if another date than `read` ("" for none) is
/// stored now: the change made from that read would overwrite his. Locks the row
/// (`FOR UPDATE`) until the unit ends, so the date stays as checked. Named from the latest
/// `*.keep_until_set` audit entry the member may read, else (no one to name) the row's last
/// change time. `None` when the date is as read, or the row is not there (the change's to find).
pub fn keep_until_changed(
    tx: &mut Transaction<'_>,
    kept: Kept,
    id: &str,
    read: &str,
) -> Result<Option<(String, String)>> {
    let (table, action) = match kept {
        Kept::Client => ("clients", "client.keep_until_set"),
        Kept::Assessment => ("assessments", "assessment.keep_until_set"),
    };
    let row = tx
        .query_opt(
            &format!(
                "SELECT coalesce(keep_until, ''), updated_at FROM dpodesk.{table}
                 WHERE id = $1 FOR UPDATE"
            ),
            &[&id],
        )
        .map_err(sql_error)?;
    let Some(row) = row else {
        return Ok(None);
    };
    if row.get::<_, String>(0) == read {
        return Ok(None);
    }
    let set = tx
        .query_opt(
            "SELECT actor, at FROM dpodesk.audit_log WHERE entity_id = $1 AND action = $2
             ORDER BY seq DESC LIMIT 1",
            &[&id, &action],
        )
        .map_err(sql_error)?;
    Ok(Some(match set {
        Some(set) => (set.get(0), set.get(1)),
        None => (String::new(), row.get(1)),
    }))
}

/// Stores a client's edited fields.
pub fn update_client(tx: &mut Transaction<'_>, edit: &NewClient<'_>, read: Read) -> Result<()> {
    let Some(version) = version_of(tx, "clients", edit.id)? else {
        return Ok(());
    };
    tx.execute(
        "UPDATE dpodesk.clients SET name = $2, matter = $3, contact = $4, notes = $5,
                updated_at = $6, row_version = $7
         WHERE id = $1",
        &[
            &edit.id,
            &edit.name,
            &edit.matter,
            &edit.contact,
            &edit.notes,
            &edit.updated_at,
            &carried(read, version),
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Stores a data source's edited fields.
pub fn update_data_source(
    tx: &mut Transaction<'_>,
    edit: &NewDataSource<'_>,
    read: Read,
) -> Result<()> {
    let Some(version) = version_of(tx, "data_sources", edit.id)? else {
        return Ok(());
    };
    tx.execute(
        "UPDATE dpodesk.data_sources SET name = $2, channel = $3, platform = $4, notes = $5,
                updated_at = $6, row_version = $7
         WHERE id = $1",
        &[
            &edit.id,
            &edit.name,
            &edit.channel,
            &edit.platform,
            &edit.notes,
            &edit.updated_at,
            &carried(read, version),
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// Stores a vendor's edited fields.
pub fn update_vendor(tx: &mut Transaction<'_>, edit: &NewVendor<'_>, read: Read) -> Result<()> {
    let Some(version) = version_of(tx, "vendors", edit.id)? else {
        return Ok(());
    };
    tx.execute(
        "UPDATE dpodesk.vendors SET name = $2, country = $3, service = $4, contact = $5,
                next_review = $6, notes = $7, updated_at = $8, row_version = $9
         WHERE id = $1",
        &[
            &edit.id,
            &edit.name,
            &edit.country,
            &edit.service,
            &edit.contact,
            &edit.next_review,
            &edit.notes,
            &edit.updated_at,
            &carried(read, version),
        ],
    )
    .map_err(sql_error)?;
    Ok(())
}

/// A setting's value, if set.
pub fn setting(session: &mut impl GenericClient, key: &str) -> Result<Option<String>> {
    let row = session
        .query_opt("SELECT value FROM dpodesk.settings WHERE key = $1", &[&key])
        .map_err(sql_error)?;
    Ok(row.map(|row| row.get(0)))
}

/// Removes a setting (admins only, by the table's privileges); one not set is no change.
pub fn delete_setting(tx: &mut Transaction<'_>, key: &str) -> Result<()> {
    tx.execute("DELETE FROM dpodesk.settings WHERE key = $1", &[&key])
        .map_err(sql_error)?;
    Ok(())
}
