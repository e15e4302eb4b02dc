//! The parts of the index SQL cannot compute, stored: the findings scoring makes of each
//! assessment's answers, and the question text inside the template snapshots (deflated JSON).
//! Every write that changes an assessment's findings writes them in its own unit of work
//! ([`put_findings`], through `store::Work`). Triggers still note which assessments changed
//! (`search_stale`, migration 12), so what a write left out — a vault upgraded from before, a
//! bundle import — is caught up: `api` reads what is pending here, scores and reads the
//! snapshots (rules the store does not know), and hands the documents back to be written. A
//! read-only vault is searched as it was indexed.

use rusqlite::{Connection, params};

use crate::error::Result;
use crate::i18n::Text;
use crate::vault::{Vault, snapshots};

/// What the index still lacks: snapshots whose questions are not indexed, assessments whose
/// findings may have changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SearchPending {
    /// Snapshot hashes.
    pub snapshots: Vec<String>,
    /// Assessment ids.
    pub stale: Vec<String>,
}

impl SearchPending {
    pub fn is_empty(&self) -> bool {
        self.snapshots.is_empty() && self.stale.is_empty()
    }
}

/// One question's text in both languages.
#[derive(Debug, Clone)]
pub struct QuestionDoc {
    pub question_id: String,
    pub text: Text,
}

/// One finding of an assessment: its title (the hit's label) and its texts.
#[derive(Debug, Clone)]
pub struct FindingDoc {
    pub finding_id: String,
    pub title: Text,
    pub explanation: Text,
    pub recommendation: Text,
}

impl Vault {
    /// What the search index still lacks; nothing on a read-only vault.
    pub(crate) fn search_pending(&self) -> Result<SearchPending> {
        if self.is_read_only() {
            return Ok(SearchPending::default());
        }
        let conn = &self.conn;
        let snapshots = conn
            .prepare_cached(
                "SELECT sha256 FROM template_snapshots AS t WHERE NOT EXISTS
                   (SELECT 1 FROM search_questions WHERE sha256 = t.sha256 AND question_id = '')",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let stale = conn
            .prepare_cached("SELECT assessment_id FROM search_stale")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(SearchPending { snapshots, stale })
    }

    /// A snapshot's canonical JSON by its hash; `None` when it is missing or unreadable, which
    /// `vault check` reports (search does without its questions meanwhile).
    pub(crate) fn snapshot_json(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Ok(snapshots::canonical_content(&self.conn, sha256).unwrap_or(None))
    }

    /// Writes what `api` computed, in one transaction: each snapshot's questions (and the row
    /// that marks it read), each assessment's findings in place of its old ones (no longer
    /// stale). An assessment left out keeps its old findings and is tried again next time.
    pub(crate) fn write_search_index(
        &self,
        questions: &[(String, Vec<QuestionDoc>)],
        findings: &[(String, Vec<FindingDoc>)],
    ) -> Result<()> {
        if questions.is_empty() && findings.is_empty() {
            return Ok(());
        }
        let conn = &self.conn;
        let tx = conn.unchecked_transaction()?;
        for (sha256, docs) in questions {
            index_questions(conn, sha256, docs)?;
        }
        for (id, docs) in findings {
            put_findings(conn, id, docs)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The assessments that link to `id` (a PIA to the data sources and vendors it rests on, an
    /// assessment to its transfer decision): their findings take in its rating.
    pub(crate) fn linking_ids(&self, id: &str) -> Result<Vec<String>> {
        let ids = self
            .conn
            .prepare_cached(
                "SELECT assessment_id FROM assessment_links WHERE linked_id = ?1
                 ORDER BY assessment_id",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }
}

/// Replaces an assessment's findings in the index and clears its pending mark, inside the
/// caller's transaction.
pub(crate) fn put_findings(
    conn: &Connection,
    assessment_id: &str,
    docs: &[FindingDoc],
) -> Result<()> {
    index_findings(conn, assessment_id, docs)?;
    conn.prepare_cached("DELETE FROM search_stale WHERE assessment_id = ?1")?
        .execute([assessment_id])?;
    Ok(())
}

/// Each question's text in both languages, and the row that marks the snapshot as read.
fn index_questions(conn: &Connection, sha256: &str, docs: &[QuestionDoc]) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO search_questions (sha256, question_id, text_zh, text_en)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    insert.execute(params![sha256, "", "", ""])?;
    for doc in docs {
        insert.execute(params![sha256, doc.question_id, doc.text.zh, doc.text.en])?;
    }
    Ok(())
}

/// Replaces the assessment's findings in the index: title, explanation and recommendation, each in
/// both languages, all in `body` (with answer text, after names and titles).
fn index_findings(conn: &Connection, assessment_id: &str, docs: &[FindingDoc]) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM search_fts WHERE rowid IN
           (SELECT id FROM search_docs WHERE kind = 'finding' AND entity_id = ?1)",
    )?
    .execute([assessment_id])?;
    conn.prepare_cached("DELETE FROM search_docs WHERE kind = 'finding' AND entity_id = ?1")?
        .execute([assessment_id])?;
    for doc in docs {
        // One paragraph per text, so that a snippet never runs from one language into the other.
        let body = [
            &doc.title.zh,
            &doc.title.en,
            &doc.explanation.zh,
            &doc.explanation.en,
            &doc.recommendation.zh,
            &doc.recommendation.en,
        ]
        .map(|t| t.trim())
        .join(super::snippet::PARAGRAPH)
            + "  ";
        insert_finding(conn, assessment_id, &doc.finding_id, &doc.title, &body)?;
    }
    Ok(())
}

/// A finding's document: its title as the hit's label, its texts in the index.
fn insert_finding(
    conn: &Connection,
    assessment_id: &str,
    finding_id: &str,
    title: &Text,
    body: &str,
) -> Result<()> {
    let inserted = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO search_docs (kind, entity_id, field, label_zh, label_en)
             VALUES ('finding', ?1, ?2, ?3, ?4)",
        )?
        .execute(params![assessment_id, finding_id, title.zh, title.en])?;
    if inserted == 0 {
        return Ok(());
    }
    // Scoring made the text, so it has no other home than search_finding_texts (once per
    // distinct text), which search reads back (the index keeps none, migration 17); triggers
    // drop it with its last finding.
    let id = conn.last_insert_rowid();
    conn.prepare_cached("INSERT OR IGNORE INTO search_finding_texts (body) VALUES (?1)")?
        .execute([body])?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO search_findings (id, text_id)
         SELECT ?1, id FROM search_finding_texts WHERE body = ?2",
    )?
    .execute(params![id, body])?;
    conn.prepare_cached("INSERT INTO search_fts (rowid, name, body) VALUES (?1, '', ?2)")?
        .execute(params![id, body])?;
    Ok(())
}
