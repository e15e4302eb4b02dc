//! What the vault's search index holds, read from the team tables: each searchable text with
//! what a hit on it shows (its kind, the entry to open, title, client, archived state), in the
//! vault's two columns — names and titles first, then other text. The team database keeps no
//! index of its own beyond the answers' trigrams (`sql/0004_search.sql`): answers are narrowed
//! through `search_answers`, the other texts (few: names, titles, notes, findings) by a `LIKE`
//! on the longest term under the member's row-level security. The caller checks every term on
//! the text and cuts the snippet, as the vault does after its index.

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

const ACTION_JOINS: &str = "LEFT JOIN dpodesk.assessments AS a ON a.id = t.assessment_id
     LEFT JOIN dpodesk.clients AS c ON c.id = coalesce(t.client_id, a.client_id)
     LEFT JOIN dpodesk.data_sources AS s ON s.id = a.data_source_id
     LEFT JOIN dpodesk.vendors AS v ON v.id = a.vendor_id";

const ACTION_ARCHIVED: &str = "(coalesce(c.archived, false) OR coalesce(s.archived, false)
     OR coalesce(v.archived, false)
     OR (a.id IS NOT NULL
         AND EXISTS (SELECT 1 FROM dpodesk.assessments AS n WHERE n.previous_id = a.id)))";

/// The texts of `column` that may hold `term` (every text the member sees whose lower-cased
/// form contains it), newest first; of the answers, only the newest `answers` (a common short
/// term is in tens of thousands: `search_answers` finds the newest few in a millisecond, all of
/// them with a scan). The caller checks the other terms.
pub fn candidates(
    session: &mut impl GenericClient,
    column: Column,
    term: &str,
    answers: i32,
) -> Result<Vec<SearchRow>> {
    let docs = match column {
        Column::Name => name_docs(),
        Column::Body => body_docs(),
    };
    let sql = format!(
        "SELECT kind, id, assessment_id, target, title, label_zh, label_en, client_id,
                client_name, archived, text, note, at
           FROM ({docs}) AS d
          WHERE kind = 'answer' OR lower(text) LIKE $1
          ORDER BY at COLLATE \"C\" DESC, id COLLATE \"C\" DESC"
    );
    let pattern = like_pattern(term);
    let rows = match column {
        Column::Name => session.query(&sql, &[&pattern]),
        Column::Body => session.query(&sql, &[&pattern, &term, &answers]),
    }
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

/// `term` lower-cased, taken literally, anywhere in the text.
fn like_pattern(term: &str) -> String {
    let escaped = term
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Each column's texts as the vault's triggers write them (`migrations/0002` and `0012` of the
/// vault): one row per text, with the hit it makes and when it was written.
fn name_docs() -> String {
    format!(
        "SELECT 'client' AS kind, c.id, NULL::text AS assessment_id, NULL::text AS target,
                c.name AS title, '' AS label_zh, '' AS label_en, c.id AS client_id,
                c.name AS client_name, c.archived, c.name || ' ' || c.matter || '  ' AS text,
                '' AS note, c.created_at AS at
           FROM dpodesk.clients AS c
         UNION ALL
         SELECT 'contact', c.id, NULL, NULL, c.name, '', '', c.id, c.name, c.archived,
                c.contact || '  ', '', c.created_at
           FROM dpodesk.clients AS c WHERE trim(c.contact) <> ''
         UNION ALL
         SELECT 'data_source', s.id, NULL, NULL, s.name, '', '', c.id, c.name,
                s.archived OR c.archived, s.name || ' ' || s.platform || '  ', '', s.created_at
           FROM dpodesk.data_sources AS s JOIN dpodesk.clients AS c ON c.id = s.client_id
         UNION ALL
         SELECT 'vendor', v.id, NULL, NULL, v.name, '', '', c.id, c.name,
                v.archived OR c.archived, v.name || ' ' || v.service || '  ', '', v.created_at
           FROM dpodesk.vendors AS v JOIN dpodesk.clients AS c ON c.id = v.client_id
         UNION ALL
         SELECT 'contact', v.id, NULL, NULL, v.name, '', '', c.id, c.name,
                v.archived OR c.archived, v.contact || '  ', '', v.created_at
           FROM dpodesk.vendors AS v JOIN dpodesk.clients AS c ON c.id = v.client_id
          WHERE trim(v.contact) <> ''
         UNION ALL
         SELECT 'assessment', a.id, a.id, NULL, a.title, '', '', c.id, c.name,
                {IN_ASSESSMENT_ARCHIVED}, a.title || '  ', '', a.created_at
           FROM dpodesk.assessments AS a {ASSESSMENT_JOINS}
         UNION ALL
         SELECT 'action', t.id, t.assessment_id, nullif(t.finding_id, ''), t.title, '', '',
                c.id, c.name, {ACTION_ARCHIVED},
                t.title || ' ' || t.title_zh || ' ' || t.title_en || ' ' || t.owner || '  ', '',
                t.created_at
           FROM dpodesk.actions AS t {ACTION_JOINS}
         UNION ALL
         SELECT 'evidence', e.id, a.id, e.question_id, a.title, '', '', c.id, c.name,
                {IN_ASSESSMENT_ARCHIVED}, e.file_name || '  ', '', e.added_at
           FROM dpodesk.evidence AS e JOIN dpodesk.assessments AS a ON a.id = e.assessment_id
                {ASSESSMENT_JOINS}"
    )
}

/// Answers come through `search_answers` ($2: the term, $3: how many), their text made by the caller from the
/// JSON value and the note, as the vault's `search_answer_text` makes it.
fn body_docs() -> String {
    format!(
        "SELECT 'answer' AS kind, a.id, a.id AS assessment_id, x.question_id AS target,
                a.title, '' AS label_zh, '' AS label_en, c.id AS client_id,
                c.name AS client_name, {IN_ASSESSMENT_ARCHIVED} AS archived, x.value AS text,
                x.note, x.updated_at AS at
           FROM dpodesk.search_answers($2, $3) AS h
           JOIN dpodesk.answers AS x
             ON x.assessment_id = h.assessment_id AND x.question_id = h.question_id
           JOIN dpodesk.assessments AS a ON a.id = x.assessment_id {ASSESSMENT_JOINS}
         UNION ALL
         SELECT 'finding', a.id, a.id, f.finding_id, a.title, f.title_zh, f.title_en, c.id,
                c.name, {IN_ASSESSMENT_ARCHIVED},
                concat_ws(E'\\n\\n', trim(f.title_zh), trim(f.title_en), trim(f.explanation_zh),
                          trim(f.explanation_en), trim(f.recommendation_zh),
                          trim(f.recommendation_en)) || '  ',
                '', a.updated_at
           FROM dpodesk.finding_docs AS f JOIN dpodesk.assessments AS a ON a.id = f.assessment_id
                {ASSESSMENT_JOINS}
         UNION ALL
         SELECT 'action', t.id, t.assessment_id, nullif(t.finding_id, ''), t.title, '', '',
                c.id, c.name, {ACTION_ARCHIVED}, t.note || '  ', '', t.created_at
           FROM dpodesk.actions AS t {ACTION_JOINS}"
    )
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn a_term_is_matched_literally_and_lower_cased() {
        assert_eq!(like_pattern("50%_A\\"), "%50\\%\\_a\\\\%");
        assert_eq!(like_pattern("同意"), "%同意%");
    }
}
