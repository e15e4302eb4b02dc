//! Search on the team database, with the vault's results: the same kinds of hit, the same
//! titles, clients, archived states and snippets, names and titles before other text, then
//! question text. `dpodesk_team::store` reads the candidate texts (answers through the team's
//! trigram search); the terms are checked here with the vault's matching, so a term of one or
//! two characters (同意) finds what it finds in a vault.
//!
//! Question text lives inside the template snapshots: `api`'s catch-up reads the snapshots this
//! session has not read yet ([`Read::search_pending`]) and hands their questions back
//! ([`Read::write_search_index`]), which this store keeps for the session — the team schema
//! has no table for them, and reading a snapshot as a template is a rule the store does not
//! know. Findings need no catch-up: every unit of work that changes them writes them.
//!
//! [`Read::search_pending`]: crate::vault::store::Read::search_pending
//! [`Read::write_search_index`]: crate::vault::store::Read::write_search_index

use std::collections::BTreeMap;

use dpodesk_team::store::{self as pg, SearchColumn as Column, SearchRow};

use super::TeamStore;
use crate::error::Result;
use crate::i18n::Text;
use crate::vault::search::{PARAGRAPH, Terms};
use crate::vault::{QuestionDoc, SearchHit, SearchKind, SearchOptions, SearchPending, Snippet};

/// The questions read so far, by snapshot hash, each snapshot's sorted by question id (the
/// order the vault keeps them in).
pub(super) type Questions = BTreeMap<String, Vec<QuestionDoc>>;

impl TeamStore {
    pub(super) fn search_hits(
        &self,
        query: &str,
        limit: usize,
        options: SearchOptions,
    ) -> Result<Vec<SearchHit>> {
        let Some(terms) = Terms::new(query) else {
            return Ok(Vec::new());
        };
        let mut hits = Vec::new();
        if limit == 0 {
            return Ok(hits);
        }
        self.column_hits(Column::Name, &terms, options, limit, &mut hits)?;
        if hits.len() < limit {
            self.column_hits(Column::Body, &terms, options, limit, &mut hits)?;
        }
        if hits.len() < limit {
            self.question_hits(&terms, options, limit, &mut hits)?;
        }
        Ok(hits)
    }

    /// The hits of one column, newest first. The store gives the newest texts holding the
    /// longest term, as many as the hits wanted — the first of the column's order, so the hits
    /// taken from them are the vault's — then eight times more while the other terms or
    /// archived entries leave too few.
    fn column_hits(
        &self,
        column: Column,
        terms: &Terms,
        options: SearchOptions,
        limit: usize,
        hits: &mut Vec<SearchHit>,
    ) -> Result<()> {
        let start = hits.len();
        let mut wanted = i32::try_from(limit - start).unwrap_or(i32::MAX);
        loop {
            let rows = pg::search_candidates(
                &mut *self.session.borrow_mut(),
                column,
                terms.longest(),
                wanted,
            )?;
            let capped = wanted < i32::MAX && rows.len() >= usize::try_from(wanted).unwrap_or(0);
            hits.truncate(start);
            take(rows, terms, options, limit, hits);
            if hits.len() >= limit || !capped {
                return Ok(());
            }
            wanted = wanted.saturating_mul(8);
        }
    }

    /// The questions whose text holds every term, each once, opened in the newest current
    /// assessment that asks it (as the vault's `questions`).
    fn question_hits(
        &self,
        terms: &Terms,
        options: SearchOptions,
        limit: usize,
        hits: &mut Vec<SearchHit>,
    ) -> Result<()> {
        let questions = self.questions.borrow();
        let mut seen = std::collections::HashSet::new();
        for (sha256, docs) in questions.iter() {
            for doc in docs {
                let text = format!("{}{PARAGRAPH}{}", doc.text.zh, doc.text.en);
                if seen.contains(&(doc.question_id.clone(), text.clone())) {
                    continue;
                }
                let Some(snippet) = terms.snippet(&text) else {
                    continue;
                };
                let holder =
                    pg::question_holder(&mut *self.session.borrow_mut(), sha256, &doc.question_id)?;
                let Some(row) = holder.filter(|r| options.include_archived || !r.archived) else {
                    continue;
                };
                let Some(mut hit) = hit_of(row, snippet) else {
                    continue;
                };
                seen.insert((doc.question_id.clone(), text));
                hit.label = Some(doc.text.clone());
                hits.push(hit);
                if hits.len() >= limit {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// The snapshots of the member's assessments whose questions this session has not read.
    pub(super) fn pending_questions(&self) -> Result<SearchPending> {
        let known = self.questions.borrow();
        let snapshots = pg::snapshot_hashes(&mut *self.session.borrow_mut())?
            .into_iter()
            .filter(|sha256| !known.contains_key(sha256))
            .collect();
        Ok(SearchPending {
            snapshots,
            stale: Vec::new(),
        })
    }

    /// Keeps the questions `api` read from each snapshot for the rest of the session.
    pub(super) fn keep_questions(&self, questions: &[(String, Vec<QuestionDoc>)]) {
        let mut known = self.questions.borrow_mut();
        for (sha256, docs) in questions {
            let mut docs = docs.clone();
            docs.sort_by(|a, b| a.question_id.cmp(&b.question_id));
            known.insert(sha256.clone(), docs);
        }
    }
}

/// Adds the hits of `rows` (newest first) until `limit`.
fn take(
    rows: Vec<SearchRow>,
    terms: &Terms,
    options: SearchOptions,
    limit: usize,
    hits: &mut Vec<SearchHit>,
) {
    for row in rows {
        if hits.len() >= limit {
            return;
        }
        let text = match row.kind.as_str() {
            "answer" => answer_text(&row.text, &row.note),
            _ => Some(row.text.clone()),
        };
        let Some(snippet) = text.and_then(|text| terms.snippet(&text)) else {
            continue;
        };
        if row.archived && !options.include_archived {
            continue;
        }
        if let Some(hit) = hit_of(row, snippet) {
            hits.push(hit);
        }
    }
}

fn hit_of(row: SearchRow, snippet: Snippet) -> Option<SearchHit> {
    let kind = SearchKind::parse(&row.kind)?;
    let (question_id, finding_id) = match kind {
        SearchKind::Finding | SearchKind::Action => (None, row.target),
        _ => (row.target, None),
    };
    let label = (!row.label_zh.is_empty() || !row.label_en.is_empty())
        .then(|| Text::new(row.label_zh, row.label_en));
    Some(SearchHit {
        kind,
        id: row.id,
        assessment_id: row.assessment_id,
        question_id,
        finding_id,
        title: row.title,
        label,
        client_id: row.client_id,
        client_name: row.client_name,
        snippet,
        archived: row.archived,
    })
}

/// An answer's searchable text as the vault's `search_answer_text` makes it: the JSON value's
/// string leaves in document order, except machine values (only ASCII letters, digits, `-` and
/// `_`: choice codes, dates, ids), then the note; `None` when that is blank (no document).
fn answer_text(value: &str, note: &str) -> Option<String> {
    fn leaves<'v>(value: &'v serde_json::Value, out: &mut Vec<&'v str>) {
        match value {
            serde_json::Value::String(text)
                if text
                    .chars()
                    .any(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) =>
            {
                out.push(text);
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
            serde_json::Value::Object(fields) => fields.values().for_each(|v| leaves(v, out)),
            _ => {}
        }
    }
    let parsed = serde_json::from_str(value).unwrap_or(serde_json::Value::Null);
    let mut found = Vec::new();
    leaves(&parsed, &mut found);
    let text = format!("{} {note}", found.join(" "));
    let text = text.trim();
    (!text.is_empty()).then(|| format!("{text}  "))
}

#[cfg(test)]
mod tests {
    use super::answer_text;

    #[test]
    fn answer_text_keeps_what_a_person_wrote_and_drops_machine_values() {
        assert_eq!(
            answer_text(r#"["sms", "会员 小程序", "2026-01-01"]"#, "见合同").as_deref(),
            Some("会员 小程序 见合同  ")
        );
        assert_eq!(answer_text(r#""yes""#, "").as_deref(), None);
        assert_eq!(
            answer_text("not json", "a note").as_deref(),
            Some("a note  ")
        );
    }
}
