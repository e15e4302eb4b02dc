//! The dashboard, through `api`, on both back-ends: the same matter on the same day gives the
//! same counts, lists and windows; the audit count is what the store's log holds for its user.

// Test code only (the suite is `#[cfg(test)]`): layers.rs reads what follows as tests, which
// may reach the domain and `api` to build and read what they compare.
#[cfg(test)]
use super::{ACTOR, Backend, client_request, vendor_request};
use crate::api::{self, KeptKind};
use crate::assessment::stored::create_assessment;
use crate::vault::NewAssessment;
use crate::vault::vendors::add_vendor;

pub(super) fn the_dashboard_reads_alike(mut b: impl Backend) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let vendor = add_vendor(b.store(), ACTOR, &vendor_request(&client.id)).expect("vendor");
    let template = crate::template::bundled_for_test("pia");
    let new = NewAssessment {
        title: "会员积分 PIA".to_owned(),
        client_id: Some(client.id.clone()),
        ..NewAssessment::default()
    };
    let pia = create_assessment(b.store(), ACTOR, &template, new).expect("pia");
    api::set_keep_until(
        b.store(),
        ACTOR,
        KeptKind::Client,
        &client.id,
        Some("2027-01-01"),
    )
    .expect("keep until");

    let view = api::dashboard(&*b.store(), "2027-03-20").expect("dashboard");
    assert_eq!(
        (
            view.counts.draft,
            view.counts.in_review,
            view.counts.approved,
            view.counts.rejected,
            view.clients
        ),
        (1, 0, 0, 0, 1)
    );
    let recent: Vec<_> = view
        .recent
        .iter()
        .map(|r| (r.id.as_str(), r.title.as_str(), r.client_name.as_deref()))
        .collect();
    assert_eq!(recent, [(pia.id.as_str(), "会员积分 PIA", Some("Acme"))]);
    // The review on 2027-03-31 is eleven days away: inside the 30-day window.
    let reviews: Vec<_> = view
        .vendor_reviews_due
        .iter()
        .map(|r| (r.vendor.id.as_str(), r.client_name.as_str(), r.days_left))
        .collect();
    assert_eq!(reviews, [(vendor.id.as_str(), "Acme", 11)]);
    // Kept until New Year's Day: 78 days past.
    let erasure: Vec<_> = view
        .due_for_erasure
        .iter()
        .map(|e| (e.kind, e.id.as_str(), e.name.as_str(), e.days_past))
        .collect();
    assert_eq!(
        erasure,
        [(KeptKind::Client, client.id.as_str(), "Acme", 78)]
    );
    assert!(view.overdue_actions.is_empty() && view.due_soon_actions.is_empty());
    assert!(view.retention_due.is_empty());
    assert_eq!(view.audit_entries, b.audit_count());
    assert!(view.audit_entries >= 4, "{}", view.audit_entries);
}
