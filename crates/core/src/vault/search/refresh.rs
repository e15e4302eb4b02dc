//! The parts of the index SQL cannot compute: the findings scoring makes of each assessment's
//! answers, and the question text inside the template snapshots (deflated JSON). Triggers note
//! which assessments changed (`search_stale`, migration 12); this brings them up to date before a
//! search reads the index, in one transaction. A read-only vault is searched as it was indexed.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use crate::assessment::{Outcome, score};
use crate::error::Result;
use crate::i18n::Text;
use crate::template::Template;
use crate::vault::{Vault, snapshots};

impl Vault {
    /// Scores the assessments whose findings may have changed since the last search and indexes
    /// the questions of new template snapshots. Cheap when nothing changed (two reads); after a
    /// schema upgrade or a bulk import it scores each changed assessment once.
    pub fn refresh_search_index(&self) -> Result<()> {
        if self.is_read_only() {
            return Ok(());
        }
        let conn = &self.conn;
        let snapshots = unindexed_snapshots(conn)?;
        let stale: Vec<String> = conn
            .prepare_cached("SELECT assessment_id FROM search_stale")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if snapshots.is_empty() && stale.is_empty() {
            return Ok(());
        }
        let tx = conn.unchecked_transaction()?;
        for sha256 in &snapshots {
            if let Some(template) = template_by_hash(conn, sha256)? {
                index_questions(conn, sha256, &template)?;
            }
        }
        let mut templates: HashMap<String, Template> = HashMap::new();
        for id in &stale {
            let sha256: Option<String> = conn
                .prepare_cached("SELECT template_sha256 FROM assessments WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .unwrap_or(None);
            let template = match sha256 {
                Some(sha) if templates.contains_key(&sha) => templates.get(&sha),
                Some(sha) => {
                    template_by_hash(conn, &sha)?.map(|t| &*templates.entry(sha).or_insert(t))
                }
                None => None,
            };
            // Without its template the assessment keeps its old findings in the index and is
            // tried again next time.
            let Some(template) = template else { continue };
            let outcome = score(template, &self.answers(id)?, &self.linked_outcomes(id)?);
            index_findings(conn, id, &outcome)?;
            conn.prepare_cached("DELETE FROM search_stale WHERE assessment_id = ?1")?
                .execute([id])?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn unindexed_snapshots(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT sha256 FROM template_snapshots AS t WHERE NOT EXISTS
               (SELECT 1 FROM search_questions WHERE sha256 = t.sha256 AND question_id = '')",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The template of a snapshot; `None` when it is missing or unreadable, which `vault check`
/// reports (search does without its findings and questions meanwhile).
fn template_by_hash(conn: &Connection, sha256: &str) -> Result<Option<Template>> {
    let Some(json) = snapshots::canonical_content(conn, sha256)? else {
        return Ok(None);
    };
    Ok(serde_json::from_slice(&json).ok())
}

/// Each question's text in both languages, and the row that marks the snapshot as read.
fn index_questions(conn: &Connection, sha256: &str, template: &Template) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO search_questions (sha256, question_id, text_zh, text_en)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    insert.execute(params![sha256, "", "", ""])?;
    for (_, question) in template.questions() {
        insert.execute(params![
            sha256,
            question.id,
            question.text.zh,
            question.text.en
        ])?;
    }
    Ok(())
}

/// Replaces the assessment's findings in the index: title, explanation and recommendation, each in
/// both languages, all in `body` (with answer text, after names and titles).
fn index_findings(conn: &Connection, assessment_id: &str, outcome: &Outcome) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM search_fts WHERE rowid IN
           (SELECT id FROM search_docs WHERE kind = 'finding' AND entity_id = ?1)",
    )?
    .execute([assessment_id])?;
    conn.prepare_cached("DELETE FROM search_docs WHERE kind = 'finding' AND entity_id = ?1")?
        .execute([assessment_id])?;
    for finding in &outcome.findings {
        // One paragraph per text, so that a snippet never runs from one language into the other.
        let body = [
            &finding.title.zh,
            &finding.title.en,
            &finding.explanation.zh,
            &finding.explanation.en,
            &finding.recommendation.zh,
            &finding.recommendation.en,
        ]
        .map(|t| t.trim())
        .join(super::snippet::PARAGRAPH)
            + "  ";
        insert_finding(conn, assessment_id, &finding.id, &finding.title, &body)?;
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
    conn.prepare_cached("INSERT INTO search_fts (rowid, name, body) VALUES (?1, '', ?2)")?
        .execute(params![conn.last_insert_rowid(), body])?;
    Ok(())
}
