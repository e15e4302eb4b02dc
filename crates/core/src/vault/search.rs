//! Search over titles, client / data-source / vendor names and answer text, for the dashboard's
//! search box and `dpodesk search`.
//!
//! The index (`search_fts`, FTS5 with the trigram tokenizer) is kept in step by the triggers of
//! migration 0002, inside the same transaction as every write; this module only reads it. Trigram
//! matching finds any substring of three or more characters, case-insensitively, Chinese included.
//! Shorter terms — two-character Chinese words such as 同意 or 名单 are common — have no trigram of
//! their own, so they are looked up through the trigrams that *start* with them (every indexed text
//! ends with two spaces, so every occurrence starts one): a range read of the index's vocabulary,
//! then an `OR` of those trigrams, still served by the index. Only a term whose trigrams are too
//! many to list (a single common letter) is checked by reading the candidate texts.
//!
//! Names and titles are searched before answer text; within each, the most recently written first.
//! Archived entries — an archived client, data source or vendor, anything filed under an archived
//! client, and assessment versions that were re-opened as a newer one — are left out unless asked.

use rusqlite::{Connection, OptionalExtension};

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
}

impl SearchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SearchKind::Client => "client",
            SearchKind::DataSource => "data_source",
            SearchKind::Vendor => "vendor",
            SearchKind::Assessment => "assessment",
            SearchKind::Answer => "answer",
        }
    }

    fn parse(text: &str) -> Option<SearchKind> {
        [
            SearchKind::Client,
            SearchKind::DataSource,
            SearchKind::Vendor,
            SearchKind::Assessment,
            SearchKind::Answer,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// One thing the search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub kind: SearchKind,
    /// The entry's id; for an answer, its assessment's id.
    pub id: String,
    /// For an answer: the question it answers.
    pub question_id: Option<String>,
    /// The client's, data source's or vendor's name, or the assessment's title.
    pub title: String,
    /// The client it is filed under (a client's own id for a client).
    pub client_id: Option<String>,
    pub client_name: Option<String>,
    /// A short stretch of the matched text around the first matching term.
    pub snippet: String,
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
/// Characters of context a snippet shows before the match, and at most in all.
const SNIPPET_BEFORE: usize = 16;
const SNIPPET_CHARS: usize = 64;

/// A query, ready for the index: FTS5 groups (all must match) and terms checked on the text.
#[derive(Debug, Default)]
struct Plan {
    groups: Vec<String>,
    checks: Vec<Vec<char>>,
    /// All terms, folded, for the snippet.
    terms: Vec<Vec<char>>,
}

impl Vault {
    /// Searches titles, names and answer text for `query` (whitespace-separated terms, all of which
    /// must occur; case is ignored), leaving archived entries out. At most `limit` hits: names and
    /// titles first, then answers, each most recently written first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_with(query, limit, SearchOptions::default())
    }

    /// [`Vault::search`] with options (e.g. archived entries included).
    pub fn search_with(
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
        Ok(hits)
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
            plan.groups.push(quote(term));
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
        format!("SELECT rowid, {col} FROM search_fts WHERE {col} <> '' ORDER BY rowid DESC")
    } else {
        format!("SELECT rowid, {col} FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid DESC")
    };
    let expression = format!("{{{col}}} : ({})", plan.groups.join(" AND "));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = if plan.groups.is_empty() {
        stmt.query([])?
    } else {
        stmt.query([&expression])?
    };
    while let Some(row) = rows.next()? {
        let rowid: i64 = row.get(0)?;
        let text: String = row.get(1)?;
        let folded = fold(&text);
        if !plan.checks.iter().all(|t| find(&folded, t).is_some()) {
            continue;
        }
        let Some(mut hit) = resolve(conn, rowid)? else {
            continue;
        };
        if hit.archived && !options.include_archived {
            continue;
        }
        hit.snippet = snippet(&text, &folded, &plan.terms);
        hits.push(hit);
        if hits.len() >= limit {
            break;
        }
    }
    Ok(())
}

/// What an index row stands for, with its title, client and archived state.
fn resolve(conn: &Connection, rowid: i64) -> Result<Option<SearchHit>> {
    let doc: Option<(String, String, String)> = conn
        .prepare_cached("SELECT kind, entity_id, field FROM search_docs WHERE id = ?1")?
        .query_row([rowid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((kind, id, field)) = doc else {
        return Ok(None);
    };
    let Some(kind) = SearchKind::parse(&kind) else {
        return Ok(None);
    };
    let sql = match kind {
        SearchKind::Client => "SELECT name, id, name, archived FROM clients WHERE id = ?1",
        SearchKind::DataSource => {
            "SELECT s.name, c.id, c.name, s.archived OR c.archived
             FROM data_sources AS s JOIN clients AS c ON c.id = s.client_id WHERE s.id = ?1"
        }
        SearchKind::Vendor => {
            "SELECT v.name, c.id, c.name, v.archived OR c.archived
             FROM vendors AS v JOIN clients AS c ON c.id = v.client_id WHERE v.id = ?1"
        }
        SearchKind::Assessment | SearchKind::Answer => {
            "SELECT a.title, c.id, c.name,
                    coalesce(c.archived, 0) OR coalesce(s.archived, 0) OR coalesce(v.archived, 0)
                    OR EXISTS (SELECT 1 FROM assessments AS n WHERE n.previous_id = a.id)
             FROM assessments AS a INDEXED BY assessments_summary
             LEFT JOIN clients AS c ON c.id = a.client_id
             LEFT JOIN data_sources AS s ON s.id = a.data_source_id
             LEFT JOIN vendors AS v ON v.id = a.vendor_id
             WHERE a.id = ?1"
        }
    };
    let found = conn
        .prepare_cached(sql)?
        .query_row([&id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })
        .optional()?;
    Ok(
        found.map(|(title, client_id, client_name, archived)| SearchHit {
            kind,
            id,
            question_id: (kind == SearchKind::Answer).then_some(field),
            title,
            client_id,
            client_name,
            snippet: String::new(),
            archived,
        }),
    )
}

/// A short stretch of `text` around the first occurrence of any term, blanks collapsed, with `…`
/// where it was cut.
fn snippet(text: &str, folded: &[char], terms: &[Vec<char>]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = terms
        .iter()
        .filter_map(|t| find(folded, t))
        .min()
        .unwrap_or(0);
    let end_of_text = chars
        .iter()
        .rposition(|c| !c.is_whitespace())
        .map_or(0, |i| i + 1);
    let start = at.saturating_sub(SNIPPET_BEFORE);
    let end = (start + SNIPPET_CHARS).min(end_of_text);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut blank = false;
    for &c in chars.get(start..end).unwrap_or_default() {
        if c.is_whitespace() {
            if !blank && !out.is_empty() {
                out.push(' ');
            }
            blank = true;
        } else {
            out.push(c);
            blank = false;
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if end < end_of_text {
        out.push('…');
    }
    out
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

    #[test]
    fn snippets_centre_on_the_first_match_and_mark_cuts() {
        let text = format!("{}同意书{}  ", "甲".repeat(30), "乙".repeat(80));
        let s = snippet(&text, &fold(&text), &[fold("同意")]);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("甲同意书乙"), "{s}");
        assert_eq!(s.chars().count(), SNIPPET_CHARS + 2);
        let short = "Marketing  consent\nform  ";
        assert_eq!(
            snippet(short, &fold(short), &[fold("CONSENT")]),
            "Marketing consent form"
        );
    }
}
