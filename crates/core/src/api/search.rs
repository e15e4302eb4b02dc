//! Wire types: search (the dashboard's search box).

use super::*;

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SearchHitKind {
    Client,
    DataSource,
    Vendor,
    Assessment,
    Answer,
}

impl From<vault::SearchKind> for SearchHitKind {
    fn from(kind: vault::SearchKind) -> SearchHitKind {
        match kind {
            vault::SearchKind::Client => SearchHitKind::Client,
            vault::SearchKind::DataSource => SearchHitKind::DataSource,
            vault::SearchKind::Vendor => SearchHitKind::Vendor,
            vault::SearchKind::Assessment => SearchHitKind::Assessment,
            vault::SearchKind::Answer => SearchHitKind::Answer,
        }
    }
}

/// One search hit: what matched, where it is filed, and a short stretch of the matched text.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SearchHitView {
    pub kind: SearchHitKind,
    /// The entry to open; for an answer, its assessment.
    pub id: String,
    /// For an answer: the question it answers.
    pub question_id: Option<String>,
    pub title: String,
    pub client_id: Option<String>,
    pub client_name: Option<String>,
    pub snippet: String,
    pub archived: bool,
}

impl From<vault::SearchHit> for SearchHitView {
    fn from(hit: vault::SearchHit) -> SearchHitView {
        SearchHitView {
            kind: hit.kind.into(),
            id: hit.id,
            question_id: hit.question_id,
            title: hit.title,
            client_id: hit.client_id,
            client_name: hit.client_name,
            snippet: hit.snippet,
            archived: hit.archived,
        }
    }
}

/// Searches the vault for the search box: current entries only, views ready for the UI.
pub fn search(vault: &Vault, query: &str, limit: usize) -> crate::Result<Vec<SearchHitView>> {
    Ok(vault
        .search(query, limit)?
        .into_iter()
        .map(SearchHitView::from)
        .collect())
}
