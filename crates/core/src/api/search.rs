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
    Finding,
    Question,
    Action,
    Contact,
    Evidence,
}

impl From<vault::SearchKind> for SearchHitKind {
    fn from(kind: vault::SearchKind) -> SearchHitKind {
        match kind {
            vault::SearchKind::Client => SearchHitKind::Client,
            vault::SearchKind::DataSource => SearchHitKind::DataSource,
            vault::SearchKind::Vendor => SearchHitKind::Vendor,
            vault::SearchKind::Assessment => SearchHitKind::Assessment,
            vault::SearchKind::Answer => SearchHitKind::Answer,
            vault::SearchKind::Finding => SearchHitKind::Finding,
            vault::SearchKind::Question => SearchHitKind::Question,
            vault::SearchKind::Action => SearchHitKind::Action,
            vault::SearchKind::Contact => SearchHitKind::Contact,
            vault::SearchKind::Evidence => SearchHitKind::Evidence,
        }
    }
}

/// One search hit: what matched, where it is filed, and a short stretch of the matched text.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SearchHitView {
    pub kind: SearchHitKind,
    /// The entry: for an answer, finding or question, its assessment; for a contact, its client
    /// or vendor; an action's or evidence file's own id otherwise.
    pub id: String,
    /// The assessment the hit lies in, where there is one: opened at the question or finding.
    pub assessment_id: Option<String>,
    /// For an answer, question or evidence file: the question.
    pub question_id: Option<String>,
    /// For a finding, or an action taken on one: the finding.
    pub finding_id: Option<String>,
    pub title: String,
    /// For a finding, its title; for a question, its text: the hit's own words, in both
    /// languages (`title` then names the assessment it lies in).
    pub label: Option<Bilingual>,
    pub client_id: Option<String>,
    pub client_name: Option<String>,
    /// The snippet whole (for the CLI), and cut around the matched term (marked on screen).
    pub snippet: String,
    pub snippet_before: String,
    pub snippet_match: String,
    pub snippet_after: String,
    pub archived: bool,
}

impl From<vault::SearchHit> for SearchHitView {
    fn from(hit: vault::SearchHit) -> SearchHitView {
        let (before, matched, after) = hit.snippet.parts();
        let (snippet_before, snippet_match, snippet_after) =
            (before.to_owned(), matched.to_owned(), after.to_owned());
        SearchHitView {
            kind: hit.kind.into(),
            id: hit.id,
            assessment_id: hit.assessment_id,
            question_id: hit.question_id,
            finding_id: hit.finding_id,
            title: hit.title,
            label: hit.label.as_ref().map(Into::into),
            client_id: hit.client_id,
            client_name: hit.client_name,
            snippet: hit.snippet.text,
            snippet_before,
            snippet_match,
            snippet_after,
            archived: hit.archived,
        }
    }
}

/// Searches the store for the search box: current entries only, views ready for the UI.
pub fn search<R: Read>(store: &R, query: &str, limit: usize) -> crate::Result<Vec<SearchHitView>> {
    refresh_search_index(store)?;
    Ok(store
        .search_with(query, limit, vault::SearchOptions::default())?
        .into_iter()
        .map(SearchHitView::from)
        .collect())
}
