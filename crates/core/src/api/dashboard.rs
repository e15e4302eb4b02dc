//! The home screen: where the work stands and what needs the user today. Every window (what is
//! "due soon") is decided here, once, so the UI only draws the lists.

use std::collections::HashMap;

use super::*;
use crate::assessment::{retention, stored};

/// Pending actions due within this many days (today included) are "due soon".
pub const ACTIONS_DUE_SOON_DAYS: i64 = 14;
/// Vendor reviews due within this many days, or already past, are listed.
pub const VENDOR_REVIEW_DAYS: i64 = 30;
/// Approved PIAs whose retention period ends within this many days are listed (once it has ended
/// they move to `due_for_erasure`).
pub const RETENTION_DAYS: i64 = 90;
/// How many of the newest current assessments the home screen lists.
pub const RECENT_ASSESSMENTS: usize = 8;

/// How many current assessments (the latest version of each) are in each state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct StatusCounts {
    pub draft: u32,
    pub in_review: u32,
    pub approved: u32,
    pub rejected: u32,
}

/// A vendor whose entrustment review is due.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VendorReviewDue {
    pub vendor: VendorInfo,
    pub client_name: String,
    /// Negative when the review date has passed.
    pub days_left: i32,
}

/// An approved PIA whose records reach the end of their retention period. Nothing is deleted:
/// the user decides whether to keep them longer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RetentionDue {
    pub assessment_id: String,
    pub title: String,
    pub client_name: Option<String>,
    #[ts(type = "number")]
    pub version: i64,
    pub approved_on: String,
    pub keep_until: String,
    pub years: i32,
    /// Negative when the date has passed.
    pub days_left: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DashboardView {
    pub today: String,
    /// Counted over the same current versions that `recent` lists, so the figures and the list
    /// never disagree (a re-opened approved v1 is neither counted nor listed: its draft v2 is).
    pub counts: StatusCounts,
    /// The newest current assessments (at most [`RECENT_ASSESSMENTS`]), newest first.
    pub recent: Vec<AssessmentSummary>,
    #[ts(type = "number")]
    pub clients: usize,
    /// The audit log's length now as its anchor counts it (what `audit verify` checks the log
    /// against), not when the vault was unlocked.
    #[ts(type = "number")]
    pub audit_entries: u64,
    pub overdue_actions: Vec<ActionInfo>,
    pub due_soon_actions: Vec<ActionInfo>,
    pub vendor_reviews_due: Vec<VendorReviewDue>,
    pub retention_due: Vec<RetentionDue>,
    /// Clients and assessment versions past their keep-until date (`retention.rs`).
    pub due_for_erasure: Vec<ErasureDue>,
    pub actions_due_soon_days: i32,
    pub vendor_review_days: i32,
    pub retention_days: i32,
}

/// The dashboard as it stands on `today` (YYYY-MM-DD, the door's calendar date), of what the
/// store shows its user (on a team database: the member's clients).
pub fn dashboard<R: Read>(store: &R, today: &str) -> crate::Result<DashboardView> {
    let records = store.assessments()?;
    let versions = assessment::Versions::new(
        records
            .iter()
            .map(|r| (r.id.as_str(), r.previous_id.as_deref())),
    );
    let mut counts = StatusCounts::default();
    let mut recent = Vec::new();
    let names = client_names(store)?;
    for record in records.iter().filter(|r| versions.is_current(&r.id)) {
        match record.status {
            vault::Status::Draft => counts.draft += 1,
            vault::Status::InReview => counts.in_review += 1,
            vault::Status::Approved => counts.approved += 1,
            vault::Status::Rejected => counts.rejected += 1,
        }
        if recent.len() < RECENT_ASSESSMENTS {
            let outcome = stored::outcome(store, &record.id)?;
            recent.push(AssessmentSummary::new(record.clone(), &outcome).named(&names));
        }
    }

    let clients = store.clients(true)?;
    let active_clients = clients.iter().filter(|c| !c.archived).count();
    let client_names: HashMap<String, String> =
        clients.into_iter().map(|c| (c.id, c.name)).collect();
    let days = |date: &str| retention::days_until(today, date);

    let mut overdue_actions = Vec::new();
    let mut due_soon_actions = Vec::new();
    for action in store.actions(&vault::ActionFilter::default())? {
        if !action.status.is_pending() {
            continue;
        }
        let left = action.due_date.as_deref().and_then(days);
        let info = ActionInfo::new(action, today);
        if info.overdue {
            overdue_actions.push(info);
        } else if left.is_some_and(|d| d <= ACTIONS_DUE_SOON_DAYS) {
            due_soon_actions.push(info);
        }
    }
    let by_due = |a: &ActionInfo, b: &ActionInfo| a.due_date.cmp(&b.due_date);
    overdue_actions.sort_by(by_due);
    due_soon_actions.sort_by(by_due);

    let mut vendor_reviews_due: Vec<VendorReviewDue> = store
        .vendors(&vault::VendorFilter::default())?
        .into_iter()
        .filter_map(|v| {
            let left = days(v.next_review.as_deref()?)?;
            (left <= VENDOR_REVIEW_DAYS).then(|| VendorReviewDue {
                client_name: client_names.get(&v.client_id).cloned().unwrap_or_default(),
                days_left: clamp_days(left),
                vendor: v.into(),
            })
        })
        .collect();
    vendor_reviews_due.sort_by_key(|v| v.days_left);

    let mut retention_due = Vec::new();
    for record in records
        .iter()
        .filter(|r| r.kind == tpl::Kind::Pia && r.status == vault::Status::Approved)
    {
        let Some(approval) = stored::sign_offs(store, &record.id)?
            .into_iter()
            .rev()
            .find(|s| s.decision == vault::Decision::Approve)
        else {
            continue;
        };
        // The years follow from the template and the answers, read only when no date was
        // stored (approval stores one) or the PIA is listed: most approved PIAs are neither.
        let years_now = || -> crate::Result<i32> {
            Ok(retention::years(
                &stored::assessment_template(store, &record.id)?,
                &stored::answers(store, &record.id)?,
            ))
        };
        // The stored date: the legal minimum set on approval, or the later one the user chose.
        let (keep_until, years) = match store.keep_until(vault::Kept::Assessment, &record.id)? {
            Some(date) => (date, None),
            None => {
                let years = years_now()?;
                let Some(date) = retention::plus_years(&approval.signed_at, years) else {
                    continue;
                };
                (date, Some(years))
            }
        };
        let Some(left) = days(&keep_until) else {
            continue;
        };
        if (0..=RETENTION_DAYS).contains(&left) {
            let years = match years {
                Some(years) => years,
                None => years_now()?,
            };
            retention_due.push(RetentionDue {
                assessment_id: record.id.clone(),
                title: record.title.clone(),
                client_name: record
                    .client_id
                    .as_ref()
                    .and_then(|c| client_names.get(c).cloned()),
                version: record.version,
                approved_on: approval.signed_at.get(..10).unwrap_or_default().to_owned(),
                keep_until,
                years,
                days_left: clamp_days(left),
            });
        }
    }
    retention_due.sort_by_key(|r| r.days_left);

    Ok(DashboardView {
        today: today.to_owned(),
        counts,
        recent,
        clients: active_clients,
        audit_entries: store.audit_entries()?,
        overdue_actions,
        due_soon_actions,
        vendor_reviews_due,
        retention_due,
        due_for_erasure: due_for_erasure(store, today)?,
        actions_due_soon_days: ACTIONS_DUE_SOON_DAYS as i32,
        vendor_review_days: VENDOR_REVIEW_DAYS as i32,
        retention_days: RETENTION_DAYS as i32,
    })
}

fn clamp_days(days: i64) -> i32 {
    days.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}
