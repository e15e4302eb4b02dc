//! The register lists as the vault gives them — the first reads of the store's read side: the
//! same filters, and the same order. The vault orders by name `COLLATE NOCASE` (SQLite folds
//! A–Z only, then compares bytes), so here the name is folded by `translate` over A–Z alone and
//! compared under the `C` collation (UTF-8 byte order): whatever the database's locale, both
//! back-ends list in one order. Row-level security leaves out what the member may not see.

use postgres::GenericClient;

use super::{ClientRecord, client_record};
use crate::error::{Result, sql_error};

/// A data source as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataSourceRecord {
    pub id: String,
    pub client_id: String,
    pub name: String,
    pub channel: String,
    pub platform: String,
    pub notes: String,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
    pub row_version: i64,
}

/// A vendor as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorRecord {
    pub id: String,
    pub client_id: String,
    pub name: String,
    pub country: String,
    pub service: String,
    pub contact: String,
    pub next_review: Option<String>,
    pub notes: String,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
    pub row_version: i64,
}

/// SQLite's `NOCASE` of a column: A–Z folded, nothing else, compared bytewise.
fn nocase(column: &str) -> String {
    format!(
        "translate({column}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE \"C\""
    )
}

const DATA_SOURCE_COLUMNS: &str = "s.id, s.client_id, s.name, s.channel, s.platform, s.notes, \
                                   s.archived, s.created_at, s.updated_at, s.row_version";
const VENDOR_COLUMNS: &str = "v.id, v.client_id, v.name, v.country, v.service, v.contact, \
                              v.next_review, v.notes, v.archived, v.created_at, v.updated_at, \
                              v.row_version";

/// The clients the member sees, by name; archived ones only when asked.
pub fn clients(
    session: &mut impl GenericClient,
    include_archived: bool,
) -> Result<Vec<ClientRecord>> {
    let rows = session
        .query(
            &format!(
                "SELECT {} FROM dpodesk.clients WHERE $1 OR NOT archived ORDER BY {}, id COLLATE \"C\"",
                super::CLIENT_COLUMNS,
                nocase("name")
            ),
            &[&include_archived],
        )
        .map_err(sql_error)?;
    Ok(rows.iter().map(client_record).collect())
}

/// Data sources by name, of one client or all the member sees. Unless `include_archived`,
/// archived sources and the sources of archived clients are left out.
pub fn data_sources(
    session: &mut impl GenericClient,
    client_id: Option<&str>,
    include_archived: bool,
) -> Result<Vec<DataSourceRecord>> {
    let rows = session
        .query(
            &format!(
                "SELECT {DATA_SOURCE_COLUMNS} FROM dpodesk.data_sources AS s
                 WHERE ($1::text IS NULL OR s.client_id = $1)
                   AND ($2 OR (NOT s.archived
                               AND NOT EXISTS (SELECT 1 FROM dpodesk.clients AS c
                                               WHERE c.id = s.client_id AND c.archived)))
                 ORDER BY {}, s.id COLLATE \"C\"",
                nocase("s.name")
            ),
            &[&client_id, &include_archived],
        )
        .map_err(sql_error)?;
    Ok(rows.iter().map(data_source_record).collect())
}

/// One data source the member sees, or `None`.
pub fn data_source(session: &mut impl GenericClient, id: &str) -> Result<Option<DataSourceRecord>> {
    let row = session
        .query_opt(
            &format!("SELECT {DATA_SOURCE_COLUMNS} FROM dpodesk.data_sources AS s WHERE s.id = $1"),
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.as_ref().map(data_source_record))
}

/// Vendors by name, or by review date (soonest first) when `review_due_by` (YYYY-MM-DD, checked
/// by the caller) asks for the reviews due by then. Unless `include_archived`, archived vendors
/// and the vendors of archived clients are left out.
pub fn vendors(
    session: &mut impl GenericClient,
    client_id: Option<&str>,
    review_due_by: Option<&str>,
    include_archived: bool,
) -> Result<Vec<VendorRecord>> {
    let rows = session
        .query(
            &format!(
                "SELECT {VENDOR_COLUMNS} FROM dpodesk.vendors AS v
                 WHERE ($1::text IS NULL OR v.client_id = $1)
                   AND ($2::text IS NULL OR (v.next_review IS NOT NULL AND v.next_review <= $2))
                   AND ($3 OR (NOT v.archived
                               AND NOT EXISTS (SELECT 1 FROM dpodesk.clients AS c
                                               WHERE c.id = v.client_id AND c.archived)))
                 ORDER BY CASE WHEN $2::text IS NULL THEN NULL ELSE v.next_review END
                              COLLATE \"C\" NULLS FIRST,
                          {}, v.id COLLATE \"C\"",
                nocase("v.name")
            ),
            &[&client_id, &review_due_by, &include_archived],
        )
        .map_err(sql_error)?;
    Ok(rows.iter().map(vendor_record).collect())
}

/// One vendor the member sees, or `None`.
pub fn vendor(session: &mut impl GenericClient, id: &str) -> Result<Option<VendorRecord>> {
    let row = session
        .query_opt(
            &format!("SELECT {VENDOR_COLUMNS} FROM dpodesk.vendors AS v WHERE v.id = $1"),
            &[&id],
        )
        .map_err(sql_error)?;
    Ok(row.as_ref().map(vendor_record))
}

fn data_source_record(row: &postgres::Row) -> DataSourceRecord {
    DataSourceRecord {
        id: row.get(0),
        client_id: row.get(1),
        name: row.get(2),
        channel: row.get(3),
        platform: row.get(4),
        notes: row.get(5),
        archived: row.get(6),
        created_at: row.get(7),
        updated_at: row.get(8),
        row_version: row.get(9),
    }
}

fn vendor_record(row: &postgres::Row) -> VendorRecord {
    VendorRecord {
        id: row.get(0),
        client_id: row.get(1),
        name: row.get(2),
        country: row.get(3),
        service: row.get(4),
        contact: row.get(5),
        next_review: row.get(6),
        notes: row.get(7),
        archived: row.get(8),
        created_at: row.get(9),
        updated_at: row.get(10),
        row_version: row.get(11),
    }
}
