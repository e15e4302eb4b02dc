//! Reviewers' comments on single questions: add, resolve, list. Anyone who may see an assessment
//! may comment on a question of it and resolve a comment, while the version is a draft or in
//! review; a signed-off (or superseded) version's comments are closed, and re-opening it carries
//! its open comments into the new draft. A resolved comment stays listed, as resolved.
//!
//! Comments are between the people of a review: scoring, findings and every report (memo, PIA)
//! ignore them.

use super::*;
use crate::error::Entity;
use crate::vault::store::Work;

/// One comment, as the wizard and `assess comment list` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommentInfo {
    pub id: String,
    pub assessment_id: String,
    pub question_id: String,
    /// Who wrote it (team mode: the member, as the database knows him).
    pub author: String,
    pub text: String,
    pub created_at: String,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<String>,
}

impl From<vault::CommentRow> for CommentInfo {
    fn from(r: vault::CommentRow) -> CommentInfo {
        CommentInfo {
            id: r.id,
            assessment_id: r.assessment_id,
            question_id: r.question_id,
            author: r.author,
            text: r.text,
            created_at: r.created_at,
            resolved_by: r.resolved_by,
            resolved_at: r.resolved_at,
        }
    }
}

/// A question's comments: the open ones first, each group oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommentThread {
    pub question_id: String,
    #[ts(type = "number")]
    pub open: u32,
    pub comments: Vec<CommentInfo>,
}

/// Adds a comment on question `question_id` of a draft or a version in review.
pub fn add_comment<S: Store>(
    store: &mut S,
    actor: &str,
    assessment_id: &str,
    question_id: &str,
    text: &str,
) -> crate::Result<CommentInfo> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::InvalidInput {
            field: "comment",
            reason: Invalid::Empty,
        });
    }
    ensure_open(store.assessment(assessment_id)?.status)?;
    let template = crate::assessment::stored::shared_template(&*store, assessment_id)?;
    if template.question(question_id).is_none() {
        return Err(Error::NotFound {
            entity: Entity::Question,
            id: question_id.to_owned(),
        });
    }
    let at = crate::time::now();
    let row = vault::CommentRow {
        id: crate::id::new_id(),
        assessment_id: assessment_id.to_owned(),
        question_id: question_id.to_owned(),
        author: actor.to_owned(),
        text: text.to_owned(),
        created_at: at.clone(),
        resolved_by: None,
        resolved_at: None,
    };
    let mut work = store.begin()?;
    work.insert_comment(&row)?;
    // The summary names the question, not the text: the log outlives a resolved remark.
    let summary = format!("comment on question {question_id} of assessment {assessment_id}");
    work.append_audit(event(actor, "comment.added", &row.id, &summary), &at)?;
    work.commit()?;
    Ok(store.comment(&row.id)?.into())
}

/// Resolves an open comment of a draft or a version in review; the comment stays, resolved.
pub fn resolve_comment<S: Store>(
    store: &mut S,
    actor: &str,
    comment_id: &str,
) -> crate::Result<CommentInfo> {
    let comment = store.comment(comment_id)?;
    if comment.resolved_at.is_some() {
        return Err(resolved());
    }
    ensure_open(store.assessment(&comment.assessment_id)?.status)?;
    let at = crate::time::now();
    let mut work = store.begin()?;
    if !work.resolve_comment(comment_id, actor, &at)? {
        // Someone resolved it between the read and this unit.
        return Err(resolved());
    }
    let summary = format!(
        "comment on question {} of assessment {} resolved",
        comment.question_id, comment.assessment_id
    );
    work.append_audit(event(actor, "comment.resolved", comment_id, &summary), &at)?;
    work.commit()?;
    Ok(store.comment(comment_id)?.into())
}

/// An assessment version's comments by question (in the template's order; a question the
/// template no longer has comes last), open ones first.
pub fn list_comments<R: Read>(store: &R, assessment_id: &str) -> crate::Result<Vec<CommentThread>> {
    store.assessment(assessment_id)?;
    let template = crate::assessment::stored::shared_template(store, assessment_id)?;
    let order: BTreeMap<&str, usize> = template
        .questions()
        .enumerate()
        .map(|(i, (_, q))| (q.id.as_str(), i))
        .collect();
    let mut by_question: BTreeMap<(usize, String), Vec<CommentInfo>> = BTreeMap::new();
    for row in store.comments(assessment_id)? {
        let place = order
            .get(row.question_id.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        by_question
            .entry((place, row.question_id.clone()))
            .or_default()
            .push(row.into());
    }
    Ok(by_question
        .into_iter()
        .map(|((_, question_id), mut comments)| {
            // Stable: each group keeps the store's oldest-first order.
            comments.sort_by_key(|c| c.resolved_at.is_some());
            let open = comments.iter().filter(|c| c.resolved_at.is_none()).count();
            CommentThread {
                question_id,
                open: u32::try_from(open).unwrap_or(u32::MAX),
                comments,
            }
        })
        .collect())
}

/// Whether a version in `status` takes comments: a draft or a version in review.
pub(crate) fn takes_comments(status: vault::Status) -> bool {
    matches!(status, vault::Status::Draft | vault::Status::InReview)
}

fn ensure_open(status: vault::Status) -> crate::Result<()> {
    if takes_comments(status) {
        Ok(())
    } else {
        Err(Error::InvalidInput {
            field: "comment",
            reason: Invalid::CommentsClosed,
        })
    }
}

fn resolved() -> Error {
    Error::InvalidInput {
        field: "comment",
        reason: Invalid::CommentResolved,
    }
}

fn event<'a>(
    actor: &'a str,
    action: &'a str,
    id: &'a str,
    summary: &'a str,
) -> vault::AuditEvent<'a> {
    vault::AuditEvent {
        actor,
        action,
        entity_type: "comment",
        entity_id: id,
        summary,
    }
}
