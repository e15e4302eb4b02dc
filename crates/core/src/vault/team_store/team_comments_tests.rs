//! Comments on a team database: the database names their author and resolver (the session's
//! member, whatever a caller writes), and a member not granted the client sees none of them,
//! also through direct SQL as his own role.

// Test code only (declared `#[cfg(test)]`): marked so, layers.rs reads what follows as tests,
// which may reach the use cases.
#[cfg(test)]
use dpodesk_team::members::{self, Role};
use dpodesk_team::testing::Team;

use super::TeamStore;
use crate::api;
use crate::assessment::stored::create_assessment;
use crate::error::{Entity, Error};
use crate::vault::store::Read as _;
use crate::vault::{NewAssessment, NewClient};

fn store_of(team: &Team, member: &str) -> TeamStore {
    TeamStore::open(team.session(member)).expect("open the team store")
}

#[test]
fn comments_are_the_members_and_unseen_by_one_not_granted_the_client() {
    let team = Team::initialised("team_comments");
    let ann = team.member("ann", &[Role::Author]);
    let rita = team.member("rita", &[Role::Reviewer]);
    let eve = team.member("eve", &[Role::Author]);
    let mut ann_store = store_of(&team, &ann);
    let client = crate::vault::clients::add_client(
        &mut ann_store,
        "display name",
        &NewClient {
            name: "Acme".to_owned(),
            ..NewClient::default()
        },
    )
    .expect("client")
    .id;
    let template = crate::template::bundled_for_test("pia");
    let new = NewAssessment {
        title: "PIA".to_owned(),
        client_id: Some(client.clone()),
        ..NewAssessment::default()
    };
    let pia = create_assessment(&mut ann_store, "display name", &template, new)
        .expect("assessment")
        .id;
    members::grant(&mut team.dba(), &client, &rita).expect("grant");

    // The reviewer comments, the author resolves: each named by the database.
    let mut rita_store = store_of(&team, &rita);
    let comment = api::add_comment(
        &mut rita_store,
        "Someone Else",
        &pia,
        "pia01_regime",
        "Why?",
    )
    .expect("a granted reviewer comments");
    assert_eq!(comment.author, rita);
    let resolved = api::resolve_comment(&mut ann_store, "Someone Else", &comment.id)
        .expect("the author resolves");
    assert_eq!(resolved.resolved_by.as_deref(), Some(ann.as_str()));

    // Direct SQL cannot forge an author nor rewrite what was said.
    let mut ann_sql = team.session(&ann);
    ann_sql
        .execute(
            "INSERT INTO dpodesk.comments (id, assessment_id, question_id, author, body, created_at)
             VALUES ('forged', $1, 'pia01_regime', $2, 'as rita', 'now')",
            &[&pia, &rita],
        )
        .expect("insert");
    let author: String = ann_sql
        .query_one(
            "SELECT author FROM dpodesk.comments WHERE id = 'forged'",
            &[],
        )
        .expect("read")
        .get(0);
    assert_eq!(author, ann);
    let mut rita_sql = team.session(&rita);
    assert!(
        rita_sql
            .execute("UPDATE dpodesk.comments SET body = 'changed'", &[])
            .is_err(),
        "a comment's text is not changed once written"
    );

    // Not granted: nothing of the client's comments, through the store or as her role in SQL.
    let mut eve_sql = team.session(&eve);
    let seen: i64 = eve_sql
        .query_one("SELECT count(*) FROM dpodesk.comments", &[])
        .expect("count")
        .get(0);
    assert_eq!(seen, 0, "row-level security hides the comments");
    let moved = eve_sql
        .execute(
            "UPDATE dpodesk.comments SET resolved_at = NULL WHERE id = $1",
            &[&comment.id],
        )
        .expect("update runs");
    assert_eq!(moved, 0, "and leaves them alone");
    assert!(
        eve_sql
            .execute(
                "INSERT INTO dpodesk.comments (id, assessment_id, question_id, body, created_at)
                 VALUES ('eve', $1, 'pia01_regime', 'x', 'now')",
                &[&pia],
            )
            .is_err(),
        "nor comments on an assessment she does not see"
    );
    let eve_store = store_of(&team, &eve);
    assert!(matches!(
        eve_store.comment(&comment.id),
        Err(Error::NotFound {
            entity: Entity::Comment,
            ..
        })
    ));
    assert!(matches!(
        api::list_comments(&eve_store, &pia),
        Err(Error::NotFound {
            entity: Entity::Assessment,
            ..
        })
    ));
    let total: i64 = team
        .dba()
        .query_one("SELECT count(*) FROM dpodesk.comments", &[])
        .expect("count")
        .get(0);
    assert_eq!(total, 2, "the comments are there for those granted");
}
