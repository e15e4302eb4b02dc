//! The vault's register and action rows as the team database's columns (`dpodesk_team::store`
//! takes borrowed column values; inserts and edits share them).

use dpodesk_team::store as pg;

use super::super::{Action, Client, DataSource, Vendor, actions};

/// A client as the team database's columns (inserts and edits alike).
pub(super) fn client_row(client: &Client) -> pg::NewClient<'_> {
    pg::NewClient {
        id: &client.id,
        name: &client.name,
        matter: &client.matter,
        contact: &client.contact,
        notes: &client.notes,
        created_at: &client.created_at,
        updated_at: &client.updated_at,
    }
}

/// A data source as the team database's columns.
pub(super) fn source_row(source: &DataSource) -> pg::NewDataSource<'_> {
    pg::NewDataSource {
        id: &source.id,
        client_id: &source.client_id,
        name: &source.name,
        channel: &source.channel,
        platform: &source.platform,
        notes: &source.notes,
        created_at: &source.created_at,
        updated_at: &source.updated_at,
    }
}

/// A vendor as the team database's columns.
pub(super) fn vendor_row(vendor: &Vendor) -> pg::NewVendor<'_> {
    pg::NewVendor {
        id: &vendor.id,
        client_id: &vendor.client_id,
        name: &vendor.name,
        country: &vendor.country,
        service: &vendor.service,
        contact: &vendor.contact,
        next_review: vendor.next_review.as_deref(),
        notes: &vendor.notes,
        created_at: &vendor.created_at,
        updated_at: &vendor.updated_at,
    }
}

/// An action as the team database's columns.
pub(super) fn action_row(action: &Action) -> pg::ActionRow<'_> {
    pg::ActionRow {
        id: &action.id,
        assessment_id: action.assessment_id.as_deref(),
        client_id: action.client_id.as_deref(),
        finding_id: &action.finding_id,
        title: &action.title,
        title_zh: actions::words_zh(&action.title_words),
        title_en: actions::words_en(&action.title_words),
        owner: &action.owner,
        due_date: action.due_date.as_deref(),
        status: action.status.as_str(),
        note: &action.note,
        created_at: &action.created_at,
        updated_at: &action.updated_at,
    }
}
