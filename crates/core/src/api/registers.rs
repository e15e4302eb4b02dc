//! Wire types of the registers: clients, data sources, vendors.

use super::*;

/// Text in both languages; the UI picks the one it speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl From<&Text> for Bilingual {
    fn from(text: &Text) -> Bilingual {
        Bilingual {
            zh: text.zh.clone(),
            en: text.en.clone(),
        }
    }
}

/// A client (or matter) of the firm.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ClientInfo {
    pub id: String,
    pub name: String,
    pub matter: String,
    pub contact: String,
    pub notes: String,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl From<vault::Client> for ClientInfo {
    fn from(c: vault::Client) -> ClientInfo {
        ClientInfo {
            id: c.id,
            name: c.name,
            matter: c.matter,
            contact: c.contact,
            notes: c.notes,
            archived: c.archived,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// A client to add: only the name is required (core checks it).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewClientRequest {
    pub name: String,
    pub matter: String,
    pub contact: String,
    pub notes: String,
}

impl From<NewClientRequest> for vault::NewClient {
    fn from(r: NewClientRequest) -> vault::NewClient {
        vault::NewClient {
            name: r.name,
            matter: r.matter,
            contact: r.contact,
            notes: r.notes,
        }
    }
}

/// One collection channel of a client.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DataSourceInfo {
    pub id: String,
    pub client_id: String,
    pub name: String,
    pub channel: String,
    pub platform: String,
    pub notes: String,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl From<vault::DataSource> for DataSourceInfo {
    fn from(s: vault::DataSource) -> DataSourceInfo {
        DataSourceInfo {
            id: s.id,
            client_id: s.client_id,
            name: s.name,
            channel: s.channel,
            platform: s.platform,
            notes: s.notes,
            archived: s.archived,
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewDataSourceRequest {
    pub client_id: String,
    pub name: String,
    pub channel: String,
    pub platform: String,
    pub notes: String,
}

impl From<NewDataSourceRequest> for vault::NewDataSource {
    fn from(r: NewDataSourceRequest) -> vault::NewDataSource {
        vault::NewDataSource {
            client_id: r.client_id,
            name: r.name,
            channel: r.channel,
            platform: r.platform,
            notes: r.notes,
        }
    }
}

/// A vendor or processor of a client.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VendorInfo {
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
}

impl From<vault::Vendor> for VendorInfo {
    fn from(v: vault::Vendor) -> VendorInfo {
        VendorInfo {
            id: v.id,
            client_id: v.client_id,
            name: v.name,
            country: v.country,
            service: v.service,
            contact: v.contact,
            next_review: v.next_review,
            notes: v.notes,
            archived: v.archived,
            created_at: v.created_at,
            updated_at: v.updated_at,
        }
    }
}

/// A vendor to add; `next_review` is YYYY-MM-DD or blank (core checks it).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewVendorRequest {
    pub client_id: String,
    pub name: String,
    pub country: String,
    pub service: String,
    pub contact: String,
    pub next_review: String,
    pub notes: String,
}

impl From<NewVendorRequest> for vault::NewVendor {
    fn from(r: NewVendorRequest) -> vault::NewVendor {
        vault::NewVendor {
            client_id: r.client_id,
            name: r.name,
            country: r.country,
            service: r.service,
            contact: r.contact,
            next_review: Some(r.next_review),
            notes: r.notes,
        }
    }
}

/// A client's fields as edited: every field is sent, unchanged ones included.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct UpdateClientRequest {
    pub id: String,
    pub name: String,
    pub matter: String,
    pub contact: String,
    pub notes: String,
    /// The entry's `updated_at` as the door read it: if anyone changed the entry since, the edit
    /// is refused (kind `stale`, naming who and when) and nothing is written. Absent: saved
    /// whatever was stored (an older door).
    #[serde(default)]
    #[ts(optional)]
    pub version: Option<String>,
}

impl From<&UpdateClientRequest> for vault::UpdateClient {
    fn from(r: &UpdateClientRequest) -> vault::UpdateClient {
        vault::UpdateClient {
            name: Some(r.name.clone()),
            matter: Some(r.matter.clone()),
            contact: Some(r.contact.clone()),
            notes: Some(r.notes.clone()),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UpdateDataSourceRequest {
    pub id: String,
    pub name: String,
    pub channel: String,
    pub platform: String,
    pub notes: String,
    /// The entry's `updated_at` as the door read it: if anyone changed the entry since, the edit
    /// is refused (kind `stale`, naming who and when) and nothing is written. Absent: saved
    /// whatever was stored (an older door).
    #[serde(default)]
    #[ts(optional)]
    pub version: Option<String>,
}

impl From<&UpdateDataSourceRequest> for vault::UpdateDataSource {
    fn from(r: &UpdateDataSourceRequest) -> vault::UpdateDataSource {
        vault::UpdateDataSource {
            name: Some(r.name.clone()),
            channel: Some(r.channel.clone()),
            platform: Some(r.platform.clone()),
            notes: Some(r.notes.clone()),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UpdateVendorRequest {
    pub id: String,
    pub name: String,
    pub country: String,
    pub service: String,
    pub contact: String,
    /// YYYY-MM-DD, or blank for none.
    pub next_review: String,
    pub notes: String,
    /// The entry's `updated_at` as the door read it: if anyone changed the entry since, the edit
    /// is refused (kind `stale`, naming who and when) and nothing is written. Absent: saved
    /// whatever was stored (an older door).
    #[serde(default)]
    #[ts(optional)]
    pub version: Option<String>,
}

impl From<&UpdateVendorRequest> for vault::UpdateVendor {
    fn from(r: &UpdateVendorRequest) -> vault::UpdateVendor {
        vault::UpdateVendor {
            name: Some(r.name.clone()),
            country: Some(r.country.clone()),
            service: Some(r.service.clone()),
            contact: Some(r.contact.clone()),
            next_review: Some(r.next_review.clone()),
            notes: Some(r.notes.clone()),
        }
    }
}

/// The client a door names by id or exact name (case ignored); several of one name is refused
/// with their ids.
pub fn resolve_client<R: Read>(store: &R, name_or_id: &str) -> crate::Result<ClientInfo> {
    vault::resolve_client(store, name_or_id).map(Into::into)
}

/// One data source by id, as an edit starts from it (its `updated_at` is the version to send).
pub fn data_source<R: Read>(store: &R, id: &str) -> crate::Result<DataSourceInfo> {
    store.data_source(id).map(Into::into)
}

/// One vendor by id, as an edit starts from it (its `updated_at` is the version to send).
pub fn vendor<R: Read>(store: &R, id: &str) -> crate::Result<VendorInfo> {
    store.vendor(id).map(Into::into)
}

/// The clients, archived ones too when asked.
pub fn clients<R: Read>(store: &R, include_archived: bool) -> crate::Result<Vec<ClientInfo>> {
    Ok(store
        .clients(include_archived)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Adds a client: checked, then stored with its audit entry in one unit of work.
pub fn add_client<S: Store>(
    store: &mut S,
    actor: &str,
    request: NewClientRequest,
) -> crate::Result<ClientInfo> {
    vault::add_client(store, actor, &request.into()).map(Into::into)
}

/// A client's data sources (or every client's), archived ones too when asked.
pub fn data_sources<R: Read>(
    store: &R,
    client_id: Option<&str>,
    include_archived: bool,
) -> crate::Result<Vec<DataSourceInfo>> {
    let filter = vault::DataSourceFilter {
        client_id: client_id.map(str::to_owned),
        include_archived,
    };
    Ok(store
        .data_sources(&filter)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Adds a data source under a current client: checked, then stored with its audit entry in one
/// unit of work.
pub fn add_data_source<S: Store>(
    store: &mut S,
    actor: &str,
    request: NewDataSourceRequest,
) -> crate::Result<DataSourceInfo> {
    vault::add_data_source(store, actor, &request.into()).map(Into::into)
}

/// A client's vendors (or every client's); with `review_due_by`, only those whose review is due
/// on or before that date, soonest first.
pub fn vendors<R: Read>(
    store: &R,
    client_id: Option<&str>,
    review_due_by: Option<&str>,
    include_archived: bool,
) -> crate::Result<Vec<VendorInfo>> {
    let filter = vault::VendorFilter {
        client_id: client_id.map(str::to_owned),
        review_due_by: review_due_by.map(str::to_owned),
        include_archived,
    };
    Ok(store
        .vendors(&filter)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Adds a vendor under a current client (a blank `next_review` is none): checked, then stored
/// with its audit entry in one unit of work.
pub fn add_vendor<S: Store>(
    store: &mut S,
    actor: &str,
    request: NewVendorRequest,
) -> crate::Result<VendorInfo> {
    vault::add_vendor(store, actor, &request.into()).map(Into::into)
}

/// Changes a client's fields that are given; the audit entry names the fields, never the values.
/// With the version read, an edit after a colleague's is refused as stale.
pub fn update_client<S: Store>(
    store: &mut S,
    actor: &str,
    request: &UpdateClientRequest,
) -> crate::Result<ClientInfo> {
    vault::update_client_read(
        store,
        actor,
        &request.id,
        &request.into(),
        request.version.as_deref(),
    )
    .map(Into::into)
}

/// Changes a data source's fields that are given, audited like a client's.
pub fn update_data_source<S: Store>(
    store: &mut S,
    actor: &str,
    request: &UpdateDataSourceRequest,
) -> crate::Result<DataSourceInfo> {
    vault::update_data_source_read(
        store,
        actor,
        &request.id,
        &request.into(),
        request.version.as_deref(),
    )
    .map(Into::into)
}

/// Changes a vendor's fields that are given, audited like a client's.
pub fn update_vendor<S: Store>(
    store: &mut S,
    actor: &str,
    request: &UpdateVendorRequest,
) -> crate::Result<VendorInfo> {
    vault::update_vendor_read(
        store,
        actor,
        &request.id,
        &request.into(),
        request.version.as_deref(),
    )
    .map(Into::into)
}
