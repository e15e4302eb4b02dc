//! Search on the team database finds only what the member may see: a client not granted to him
//! gives no hit of any kind, not even a count; granted, its name and answers are found.

// Test code only (the module is `#[cfg(test)]`): marked so, layers.rs reads what follows as
// tests, which may search through `api` as the doors do.
#[cfg(test)]
use dpodesk_team::members::{self, Role};
use dpodesk_team::testing::Team;

use super::TeamStore;
use crate::api::{self, SearchHitKind};
use crate::kind::Kind;
use crate::vault::store::{Store, Work};
use crate::vault::{NewAssessment, NewAssessmentRow, NewClient, Snapshot};

const AT: &str = "2026-12-07T10:00:00.000Z";

#[test]
fn a_member_finds_only_what_his_grants_show() {
    let team = Team::initialised("store_search_grants");
    let ann = team.member("ann", &[Role::Author]);
    let eve = team.member("eve", &[Role::Author]);
    let mut ann_store = TeamStore::open(team.session(&ann)).expect("ann's store");
    let new = NewClient {
        name: "Acme".to_owned(),
        ..NewClient::default()
    };
    let client = crate::vault::clients::add_client(&mut ann_store, "Ann", &new)
        .expect("client")
        .id;
    let id = crate::id::new_id();
    let assessment = NewAssessment {
        title: "Loyalty PIA".to_owned(),
        client_id: Some(client.clone()),
        ..NewAssessment::default()
    };
    let mut work = ann_store.begin().expect("begin");
    work.insert_assessment(&NewAssessmentRow {
        id: &id,
        kind: Kind::Pia,
        snapshot: &Snapshot::from_canonical("t", "1", b"{}"),
        new: &assessment,
        created_by: "Ann",
        at: AT,
    })
    .expect("assessment");
    work.put_answer(&id, "purpose", r#""会员同意后推送""#, "Ann", AT)
        .expect("answer");
    work.commit().expect("commit");

    let kinds = |store: &TeamStore, query: &str| -> Vec<(SearchHitKind, String)> {
        api::search_all(store, query, 20, true)
            .expect("search")
            .into_iter()
            .map(|hit| (hit.kind, hit.id))
            .collect()
    };
    let eve_store = TeamStore::open(team.session(&eve)).expect("eve's store");
    for query in ["acme", "同意", "loyalty"] {
        assert_eq!(kinds(&eve_store, query), [], "not granted: {query}");
    }
    assert_eq!(
        kinds(&ann_store, "同意"),
        [(SearchHitKind::Answer, id.clone())]
    );

    members::grant(&mut team.dba(), &client, &eve).expect("grant");
    assert_eq!(
        kinds(&eve_store, "acme"),
        [(SearchHitKind::Client, client.clone())]
    );
    assert_eq!(kinds(&eve_store, "同意"), [(SearchHitKind::Answer, id)]);
}
