//! What the vault's search index holds, read from the team tables: each searchable text with
//! what a hit on it shows (its kind, the entry to open, title, client, archived state), in the
//! vault's two columns — names and titles first, then other text. `dpodesk.search_docs`
//! (`sql/0011_search_speed.sql`) reads them as the owner with the policies' visibility stated
//! in its own statement (a member's `LIKE` under row-level security could use no index) and
//! returns the newest few matching the longest term; answers are narrowed through
//! `search_answers` (trigrams; bigrams for a two-character term). The caller checks every term
//! on the text and cuts the snippet, as the vault does after its index.

use postgres::GenericClient;

use crate::error::{Result, sql_error};

/// Which of the vault's two columns a text stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Names, titles, contacts, action titles and owners, evidence file names.
    Name,
    /// Answer text, findings, action notes.
    Body,
}

/// One searchable text and the hit it makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRow {
    /// The vault's kind name (`client`, `data_source`, …, `evidence`).
    pub kind: String,
    /// The entry a hit opens (for an answer or finding: its assessment).
    pub id: String,
    pub assessment_id: Option<String>,
    /// The question (answer, evidence) or finding (finding, action on one) inside it.
    pub target: Option<String>,
    pub title: String,
    /// A finding's title in each language; empty for the rest.
    pub label_zh: String,
    pub label_en: String,
    pub client_id: Option<String>,
    pub client_name: Option<String>,
    pub archived: bool,
    /// The text as the vault indexes it; for an answer, its JSON value (`note` beside it).
    pub text: String,
    pub note: String,
    /// When it was written (created; an answer: updated): the order within a column.
    pub at: String,
}

/// Archived as the vault's search says of anything inside assessment `a`: its client, data
/// source or vendor archived, or the version re-opened as a newer one.
const IN_ASSESSMENT_ARCHIVED: &str = "(coalesce(c.archived, false) OR coalesce(s.archived, false)
     OR coalesce(v.archived, false)
     OR EXISTS (SELECT 1 FROM dpodesk.assessments AS n WHERE n.previous_id = a.id))";

const ASSESSMENT_JOINS: &str = "LEFT JOIN dpodesk.clients AS c ON c.id = a.client_id
     LEFT JOIN dpodesk.data_sources AS s ON s.id = a.data_source_id
     LEFT JOIN dpodesk.vendors AS v ON v.id = a.vendor_id";

/// The newest `max_rows` texts of `column` the member sees whose lower-cased form contains
/// `term`, newest first (`dpodesk.search_docs`: as the owner, with the policies' visibility
/// stated in its own statement, so the indexes serve; answers through `search_answers`). The
/// caller checks the other terms, and asks again for more when fewer than it wants pass.
pub fn candidates(
    session: &mut impl GenericClient,
    column: Column,
    term: &str,
    max_rows: i32,
) -> Result<Vec<SearchRow>> {
    let rows = session
        .query(
            "SELECT kind, id, assessment_id, target, title, label_zh, label_en, client_id,
                    client_name, archived, text, note, at
               FROM dpodesk.search_docs($1, $2, $3)
              ORDER BY at COLLATE \"C\" DESC, id COLLATE \"C\" DESC",
            &[&(column == Column::Name), &term, &max_rows],
        )
        .map_err(sql_error)?;
    Ok(rows
        .iter()
        .map(|row| SearchRow {
            kind: row.get(0),
            id: row.get(1),
            assessment_id: row.get(2),
            target: row.get(3),
            title: row.get(4),
            label_zh: row.get(5),
            label_en: row.get(6),
            client_id: row.get(7),
            client_name: row.get(8),
            archived: row.get(9),
            text: row.get(10),
            note: row.get(11),
            at: row.get(12),
        })
        .collect())
}

/// The assessment a question of snapshot `sha256` opens in: the newest current one started
/// from it (an archived one only when no current one is), as a hit without text.
pub fn question_holder(
    session: &mut impl GenericClient,
    sha256: &str,
    question_id: &str,
) -> Result<Option<SearchRow>> {
    let sql = format!(
        "SELECT a.title, c.id, c.name, {IN_ASSESSMENT_ARCHIVED} AS archived, a.id
           FROM dpodesk.assessments AS a {ASSESSMENT_JOINS}
          WHERE a.template_sha256 = $1
          ORDER BY archived, a.created_at COLLATE \"C\" DESC, a.id COLLATE \"C\" DESC LIMIT 1"
    );
    let row = session.query_opt(&sql, &[&sha256]).map_err(sql_error)?;
    Ok(row.map(|row| SearchRow {
        kind: "question".to_owned(),
        id: row.get(4),
        assessment_id: row.get(4),
        target: Some(question_id.to_owned()),
        title: row.get(0),
        label_zh: String::new(),
        label_en: String::new(),
        client_id: row.get(1),
        client_name: row.get(2),
        archived: row.get(3),
        text: String::new(),
        note: String::new(),
        at: String::new(),
    }))
}

/// The hashes of every template snapshot the member's assessments were started from.
pub fn snapshot_hashes(session: &mut impl GenericClient) -> Result<Vec<String>> {
    let rows = session
        .query(
            "SELECT DISTINCT template_sha256 FROM dpodesk.assessments
              ORDER BY template_sha256",
            &[],
        )
        .map_err(sql_error)?;
    Ok(rows.iter().map(|row| row.get(0)).collect())
}

/// A template snapshot by its hash, if one is stored.
pub fn snapshot(
    session: &mut impl GenericClient,
    sha256: &str,
) -> Result<Option<super::StoredSnapshot>> {
    let row = session
        .query_opt(
            "SELECT sha256, size, content FROM dpodesk.template_snapshots WHERE sha256 = $1",
            &[&sha256],
        )
        .map_err(sql_error)?;
    Ok(row.map(|row| super::StoredSnapshot {
        sha256: row.get(0),
        size: row.get(1),
        content: row.get(2),
    }))
}
