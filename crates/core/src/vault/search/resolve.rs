//! What an index row stands for: its kind, the entry to open, its title, client and archived
//! state.

use rusqlite::{Connection, OptionalExtension};

use super::{SearchHit, SearchKind, snippet::Snippet};
use crate::error::Result;
use crate::i18n::Text;

/// The archived test shared by every hit inside an assessment: its client, data source or vendor
/// archived, or the version re-opened as a newer one.
const ASSESSMENT_ARCHIVED: &str = "coalesce(c.archived, 0) OR coalesce(s.archived, 0) \
     OR coalesce(v.archived, 0) OR EXISTS (SELECT 1 FROM assessments AS n WHERE n.previous_id = a.id)";

/// The row behind an index entry, or `None` when it no longer stands for anything.
pub(super) fn resolve(conn: &Connection, rowid: i64) -> Result<Option<SearchHit>> {
    let doc: Option<(String, String, String, String, String)> = conn
        .prepare_cached(
            "SELECT kind, entity_id, field, label_zh, label_en FROM search_docs WHERE id = ?1",
        )?
        .query_row([rowid], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let Some((kind, entity, field, zh, en)) = doc else {
        return Ok(None);
    };
    let Some(kind) = SearchKind::parse(&kind) else {
        return Ok(None);
    };
    let label = (!zh.is_empty() || !en.is_empty()).then(|| Text::new(zh, en));
    Ok(hit(conn, kind, &entity, &field)?.map(|h| SearchHit { label, ..h }))
}

/// The hit for `entity` of `kind` (for a question: its snapshot's hash) and `field` (the question,
/// finding or contact's owner).
pub(super) fn hit(
    conn: &Connection,
    kind: SearchKind,
    entity: &str,
    field: &str,
) -> Result<Option<SearchHit>> {
    // Every query returns: title, client id, client name, archived, assessment id, and the
    // question or finding inside it.
    let in_assessment = |target: &str| {
        format!(
            "SELECT a.title, c.id, c.name, {ASSESSMENT_ARCHIVED}, a.id, {target}
             FROM assessments AS a INDEXED BY assessments_summary
             LEFT JOIN clients AS c ON c.id = a.client_id
             LEFT JOIN data_sources AS s ON s.id = a.data_source_id
             LEFT JOIN vendors AS v ON v.id = a.vendor_id"
        )
    };
    let sql = match (kind, field) {
        (SearchKind::Client, _) | (SearchKind::Contact, "client") => {
            "SELECT name, id, name, archived, NULL, NULL FROM clients WHERE id = ?1".to_owned()
        }
        (SearchKind::DataSource, _) => {
            "SELECT s.name, c.id, c.name, s.archived OR c.archived, NULL, NULL
             FROM data_sources AS s JOIN clients AS c ON c.id = s.client_id WHERE s.id = ?1"
                .to_owned()
        }
        (SearchKind::Vendor, _) | (SearchKind::Contact, _) => {
            "SELECT v.name, c.id, c.name, v.archived OR c.archived, NULL, NULL
             FROM vendors AS v JOIN clients AS c ON c.id = v.client_id WHERE v.id = ?1"
                .to_owned()
        }
        (SearchKind::Assessment, _) => format!("{} WHERE a.id = ?1", in_assessment("NULL")),
        (SearchKind::Answer | SearchKind::Finding, _) => {
            format!("{} WHERE a.id = ?1", in_assessment("?2"))
        }
        // A question stands in every assessment started from its snapshot: the newest current
        // one is opened at it.
        (SearchKind::Question, _) => format!(
            "{} WHERE a.template_sha256 = ?1 ORDER BY 4, a.created_at DESC, a.id DESC LIMIT 1",
            in_assessment("?2")
        ),
        (SearchKind::Evidence, _) => format!(
            "{} JOIN evidence AS e ON e.assessment_id = a.id WHERE e.id = ?1",
            in_assessment("e.question_id")
        ),
        (SearchKind::Action, _) => "SELECT t.title, c.id, c.name,
                    coalesce(c.archived, 0) OR coalesce(s.archived, 0) OR coalesce(v.archived, 0)
                    OR (a.id IS NOT NULL
                        AND EXISTS (SELECT 1 FROM assessments AS n WHERE n.previous_id = a.id)),
                    t.assessment_id, nullif(t.finding_id, '')
             FROM actions AS t
             LEFT JOIN assessments AS a INDEXED BY assessments_summary ON a.id = t.assessment_id
             LEFT JOIN clients AS c ON c.id = coalesce(t.client_id, a.client_id)
             LEFT JOIN data_sources AS s ON s.id = a.data_source_id
             LEFT JOIN vendors AS v ON v.id = a.vendor_id
             WHERE t.id = ?1"
            .to_owned(),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let row = |r: &rusqlite::Row<'_>| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, bool>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    };
    let found = if stmt.parameter_count() == 2 {
        stmt.query_row([entity, field], row).optional()?
    } else {
        stmt.query_row([entity], row).optional()?
    };
    Ok(found.map(
        |(title, client_id, client_name, archived, assessment_id, target)| {
            let (question_id, finding_id) = match kind {
                SearchKind::Finding => (None, target),
                SearchKind::Action => (None, target),
                _ => (target, None),
            };
            SearchHit {
                kind,
                // Where a hit lies inside an assessment, the assessment is what opens.
                id: match kind {
                    SearchKind::Answer | SearchKind::Finding | SearchKind::Question => {
                        assessment_id.clone().unwrap_or_else(|| entity.to_owned())
                    }
                    _ => entity.to_owned(),
                },
                assessment_id,
                question_id,
                finding_id,
                title,
                label: None,
                client_id,
                client_name,
                snippet: Snippet::default(),
                archived,
            }
        },
    ))
}
