//! Search over what a DPO types and reads: client / data-source / vendor names, assessment titles,
//! answer text, findings (title and text, both languages), question text, actions (title in both
//! languages, owner, note), contacts and evidence file names — for the dashboard's search box and
//! `dpodesk search`.
//!
//! The index (`search_fts`, FTS5 with the trigram tokenizer) is kept in step by the triggers of
//! migrations 0002, 0012 and 0017, inside the same transaction as every write. Since schema 17 it
//! keeps no copy of the text and no positions (contentless, `detail=column`): a hit's text is
//! read back from where it lives through the view `search_doc_text` — the client's name, the
//! answer's value and note, a finding's in `search_finding_texts` — to confirm every term and cut
//! the snippet. Findings, which SQL
//! cannot compute, are scored above the store and written in the unit of work of the write that
//! changed them; question text, and what such writes left pending (an upgraded vault, a bundle
//! import), is brought up to date by `api::refresh_search_index` before a search (`refresh.rs`).
//! Trigram matching finds any substring of three or more characters, case-insensitively, Chinese
//! included: the index gives the texts holding all of a term's trigrams, the text read back
//! whether they stand together. Shorter terms — two-character Chinese words such as 同意 or 名单 are common — have no
//! trigram of their own, so they are looked up through the trigrams that *start* with them (every
//! indexed text ends with two spaces, so every occurrence starts one): a range read of the index's
//! vocabulary, then an `OR` of those trigrams, still served by the index. Only a term whose
//! trigrams are too many to list (a single common letter) is checked by reading the candidate texts.
//!
//! Names and titles are searched before other text; within each, the most recently written first.
//! Archived entries — an archived client, data source or vendor, anything filed under an archived
//! client, and assessment versions that were re-opened as a newer one — are left out unless asked.

mod refresh;

pub(crate) use refresh::put_findings;
pub use refresh::{FindingDoc, QuestionDoc, SearchPending};
#[cfg(test)]
mod migration_tests;
mod resolve;
mod snippet;

use rusqlite::{Connection, OptionalExtension};

pub(crate) use self::snippet::PARAGRAPH;
pub use self::snippet::Snippet;
use super::Vault;
use crate::error::Result;

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SearchKind {
    Client,
    DataSource,
    Vendor,
    Assessment,
    /// An answer's text; the hit names its assessment and question.
    Answer,
    /// A finding of an assessment (title, explanation, recommendation).
    Finding,
    /// A question's text; the hit names the newest current assessment asking it.
    Question,
    Action,
    /// A client's or a vendor's contact.
    Contact,
    /// An evidence file's name.
    Evidence,
}

const KINDS: [SearchKind; 10] = [
    SearchKind::Client,
    SearchKind::DataSource,
    SearchKind::Vendor,
    SearchKind::Assessment,
    SearchKind::Answer,
    SearchKind::Finding,
    SearchKind::Question,
    SearchKind::Action,
    SearchKind::Contact,
    SearchKind::Evidence,
];

impl SearchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SearchKind::Client => "client",
            SearchKind::DataSource => "data_source",
            SearchKind::Vendor => "vendor",
            SearchKind::Assessment => "assessment",
            SearchKind::Answer => "answer",
            SearchKind::Finding => "finding",
            SearchKind::Question => "question",
            SearchKind::Action => "action",
            SearchKind::Contact => "contact",
            SearchKind::Evidence => "evidence",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<SearchKind> {
        KINDS.into_iter().find(|k| k.as_str() == text)
    }
}

/// One thing the search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub kind: SearchKind,
    /// The entry's id: for an answer, finding or question, its assessment's; for a contact, its
    /// client's or vendor's; an action's or evidence file's own otherwise.
    pub id: String,
    /// The assessment the hit lies in (answers, findings, questions, evidence, and an action
    /// taken on an assessment).
    pub assessment_id: Option<String>,
    /// For an answer, question or evidence file: the question.
    pub question_id: Option<String>,
    /// For a finding, or an action taken on one: the finding.
    pub finding_id: Option<String>,
    /// The client's, data source's or vendor's name, the action's title, or the assessment's.
    pub title: String,
    /// What the hit is called in each language where `title` names only where it lies: a
    /// finding's title, a question's text.
    pub label: Option<crate::i18n::Text>,
    /// The client it is filed under (a client's own id for a client).
    pub client_id: Option<String>,
    pub client_name: Option<String>,
    /// A short stretch of the matched text around the first matching term, the term marked.
    pub snippet: Snippet,
    /// Archived, filed under an archived entry, or a re-opened (superseded) assessment version;
    /// only ever true when archived entries were asked for.
    pub archived: bool,
}

/// How to search.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchOptions {
    /// Also return archived entries (see [`SearchHit::archived`]).
    pub include_archived: bool,
}

/// The most terms a query is split into; the rest are ignored.
const MAX_TERMS: usize = 8;
/// The most trigrams a short term is expanded into before it is checked by reading instead.
const MAX_EXPANSION: usize = 512;

/// A query, ready for the index: FTS5 groups (all must match) and terms checked on the text.
#[derive(Debug, Default)]
struct Plan {
    groups: Vec<String>,
    checks: Vec<Vec<char>>,
    /// All terms, folded, for the snippet.
    terms: Vec<Vec<char>>,
}

impl Vault {
    /// Searches the vault for `query` (whitespace-separated terms, all of which
    /// must occur; case is ignored), leaving archived entries out. At most `limit` hits: names and
    /// titles first, then answers, each most recently written first. The doors search through
    /// `api::search`, which catches the index up first; only tests look at the index as it is.
    #[cfg(feature = "test-support")]
    pub(crate) fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_with(query, limit, SearchOptions::default())
    }

    /// [`Vault::search`] with options (e.g. archived entries included).
    pub(crate) fn search_with(
        &self,
        query: &str,
        limit: usize,
        options: SearchOptions,
    ) -> Result<Vec<SearchHit>> {
        let Some(plan) = plan(&self.conn, query)? else {
            return Ok(Vec::new());
        };
        let mut hits = Vec::new();
        for column in [Column::Name, Column::Body] {
            if hits.len() >= limit {
                break;
            }
            collect(&self.conn, &plan, column, options, limit, &mut hits)?;
        }
        if hits.len() < limit {
            questions(&self.conn, &plan, options, limit, &mut hits)?;
        }
        Ok(hits)
    }
}

/// A query's terms, folded, for a back-end that reads candidate texts and checks them itself
/// (the team store): a term matches as in the vault's index, anywhere in a text, case ignored,
/// and the snippet is cut the same way.
#[derive(Debug)]
pub(crate) struct Terms {
    terms: Vec<Vec<char>>,
    longest: String,
}

impl Terms {
    /// The query's terms (at most [`MAX_TERMS`], each once); `None` when there is none.
    pub(crate) fn new(query: &str) -> Option<Terms> {
        let mut terms: Vec<Vec<char>> = Vec::new();
        let mut longest = String::new();
        for term in query.split_whitespace().take(MAX_TERMS) {
            let folded = fold(term);
            if terms.contains(&folded) {
                continue;
            }
            if folded.len() > longest.chars().count() {
                longest = term.to_owned();
            }
            terms.push(folded);
        }
        (!terms.is_empty()).then_some(Terms { terms, longest })
    }

    /// The term that narrows a candidate read the most.
    pub(crate) fn longest(&self) -> &str {
        &self.longest
    }

    /// The snippet of `text` when it holds every term.
    pub(crate) fn snippet(&self, text: &str) -> Option<Snippet> {
        let folded = fold(text);
        self.terms
            .iter()
            .all(|t| find(&folded, t).is_some())
            .then(|| snippet::snippet(text, &folded, &self.terms))
    }
}

#[derive(Debug, Clone, Copy)]
enum Column {
    Name,
    Body,
}

impl Column {
    fn fts(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Body => "body",
        }
    }

    /// The kinds of document with text in the column (see the view `search_doc_text`).
    fn kinds(self) -> &'static str {
        match self {
            Column::Name => {
                "'client', 'data_source', 'vendor', 'assessment', 'contact', 'action', 'evidence'"
            }
            Column::Body => "'answer', 'finding', 'action'",
        }
    }
}

/// Splits and folds the query and turns each term into an index group or a text check. `None` when
/// nothing can match (an empty query, or a short term no indexed text contains).
fn plan(conn: &Connection, query: &str) -> Result<Option<Plan>> {
    let mut plan = Plan::default();
    for term in query.split_whitespace().take(MAX_TERMS) {
        let folded = fold(term);
        if plan.terms.contains(&folded) {
            continue;
        }
        if folded.len() >= 3 {
            // The index keeps no positions (migration 17): a term is looked up as all its
            // trigrams and confirmed on the text.
            plan.groups
                .push(format!("({})", trigrams(term).join(" AND ")));
            plan.checks.push(folded.clone());
        } else {
            match expand(conn, &folded)? {
                Expansion::None => return Ok(None),
                Expansion::Trigrams(trigrams) => plan.groups.push(format!(
                    "({})",
                    trigrams
                        .iter()
                        .map(|t| quote(t))
                        .collect::<Vec<_>>()
                        .join(" OR ")
                )),
                Expansion::TooMany => plan.checks.push(folded.clone()),
            }
        }
        plan.terms.push(folded);
    }
    Ok((!plan.terms.is_empty()).then_some(plan))
}

enum Expansion {
    None,
    Trigrams(Vec<String>),
    TooMany,
}

/// The indexed trigrams that start with a one- or two-character term.
fn expand(conn: &Connection, term: &[char]) -> Result<Expansion> {
    let low: String = term.iter().collect();
    let Some(high) = successor(term) else {
        return Ok(Expansion::TooMany);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT term FROM search_vocab WHERE term >= ?1 AND term < ?2 ORDER BY term LIMIT ?3",
    )?;
    let trigrams: Vec<String> = stmt
        .query_map(
            rusqlite::params![low, high, (MAX_EXPANSION + 1) as i64],
            |row| row.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(match trigrams.len() {
        0 => Expansion::None,
        n if n > MAX_EXPANSION => Expansion::TooMany,
        _ => Expansion::Trigrams(trigrams),
    })
}

/// A term's trigrams, each once and quoted, as the trigram tokenizer cuts it.
fn trigrams(term: &str) -> Vec<String> {
    let chars: Vec<char> = term.chars().collect();
    let mut out: Vec<String> = Vec::new();
    for window in chars.windows(3) {
        let trigram = quote(&window.iter().collect::<String>());
        if !out.contains(&trigram) {
            out.push(trigram);
        }
    }
    out
}

/// The smallest string above every string that starts with `term` (its last character plus one).
fn successor(term: &[char]) -> Option<String> {
    let (last, head) = term.split_last()?;
    let mut code = u32::from(*last) + 1;
    if (0xD800..0xE000).contains(&code) {
        code = 0xE000;
    }
    let next = char::from_u32(code)?;
    Some(head.iter().chain(std::iter::once(&next)).collect())
}

/// An FTS5 string: double quotes, inner quotes doubled, so no query syntax leaks through.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Lower-cased characters, one per character, so positions in the folded text are positions in
/// the original (the trigram tokenizer folds case the same way for the scripts that have it).
fn fold(text: &str) -> Vec<char> {
    text.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

fn find(haystack: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads the matches in one column, newest first, until `limit` hits are in.
fn collect(
    conn: &Connection,
    plan: &Plan,
    column: Column,
    options: SearchOptions,
    limit: usize,
    hits: &mut Vec<SearchHit>,
) -> Result<()> {
    let col = column.fts();
    let sql = if plan.groups.is_empty() {
        // Only terms too short for the index: every document that has text in the column.
        format!(
            "SELECT id FROM search_docs WHERE kind IN ({}) ORDER BY id DESC",
            column.kinds()
        )
    } else {
        "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid DESC".to_owned()
    };
    let expression = format!("{{{col}}} : ({})", plan.groups.join(" AND "));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = if plan.groups.is_empty() {
        stmt.query([])?
    } else {
        stmt.query([&expression])?
    };
    // The index holds no text (migration 17): it is read back from where it lives.
    let mut text_of =
        conn.prepare_cached(&format!("SELECT {col} FROM search_doc_text WHERE id = ?1"))?;
    while let Some(row) = rows.next()? {
        let rowid: i64 = row.get(0)?;
        let Some(text) = text_of
            .query_row([rowid], |r| r.get::<_, String>(0))
            .optional()?
        else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let folded = fold(&text);
        if !plan.checks.iter().all(|t| find(&folded, t).is_some()) {
            continue;
        }
        let Some(mut hit) = resolve::resolve(conn, rowid)? else {
            continue;
        };
        if hit.archived && !options.include_archived {
            continue;
        }
        hit.snippet = snippet::snippet(&text, &folded, &plan.terms);
        hits.push(hit);
        if hits.len() >= limit {
            break;
        }
    }
    Ok(())
}

/// The questions whose text holds every term, each once (the same question in several snapshots
/// of a template is one hit), opened in the newest current assessment that asks it.
fn questions(
    conn: &Connection,
    plan: &Plan,
    options: SearchOptions,
    limit: usize,
    hits: &mut Vec<SearchHit>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT sha256, question_id, text_zh, text_en FROM search_questions
         WHERE question_id <> ''",
    )?;
    let mut rows = stmt.query([])?;
    let mut seen = std::collections::HashSet::new();
    while let Some(row) = rows.next()? {
        let (sha256, question, zh, en): (String, String, String, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        let text = format!("{zh}{}{en}", snippet::PARAGRAPH);
        let folded = fold(&text);
        if !plan.terms.iter().all(|t| find(&folded, t).is_some())
            || seen.contains(&(question.clone(), text.clone()))
        {
            continue;
        }
        let Some(mut hit) = resolve::hit(conn, SearchKind::Question, &sha256, &question)? else {
            continue;
        };
        if hit.archived && !options.include_archived {
            continue;
        }
        seen.insert((question, text.clone()));
        hit.snippet = snippet::snippet(&text, &folded, &plan.terms);
        hit.label = Some(crate::i18n::Text::new(zh, en));
        hits.push(hit);
        if hits.len() >= limit {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_successor_bounds_every_string_that_starts_with_the_term() {
        assert_eq!(successor(&fold("同意")).as_deref(), Some("同愐"));
        assert_eq!(successor(&fold("ab")).as_deref(), Some("ac"));
        assert_eq!(successor(&[]), None);
    }

    #[test]
    fn quoting_keeps_query_syntax_out() {
        assert_eq!(quote(r#"a"b OR c"#), r#""a""b OR c""#);
    }
}
