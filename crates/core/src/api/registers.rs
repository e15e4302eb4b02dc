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
