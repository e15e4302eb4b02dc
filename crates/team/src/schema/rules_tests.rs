//! The rules the database enforces, proved as members through direct SQL: stale saves refused
//! with who and when, the signer and the audit actor written by the database, no sign-off of
//! one's own work, one hash chain per client hashed as the vault hashes its own, and the walk.

use crate::Lang;
use dpodesk_core::vault::{AuditEvent, digest_entry_hash};
use postgres::Client;

use super::access_tests::file_matter;
use crate::audit::{self, AuditBreak, Break};
use crate::error::sql_error;
use crate::members::{self, Role};
use crate::testing::Team;
use crate::{Entity, Error};

fn row_version(session: &mut Client, sql: &str) -> i64 {
    session.query_one(sql, &[]).expect("read").get(0)
}

#[test]
fn a_stale_save_is_refused_with_who_changed_the_row_and_when() {
    let team = Team::initialised("rul_stale");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author]);
    let mut as_ann = team.session(&ann);
    file_matter(&mut as_ann, "acme");
    members::grant(&mut team.dba(), "acme", &bob).expect("grant");
    let mut as_bob = team.session(&bob);

    // Both read version 1; Ann saves first.
    let read = "SELECT row_version FROM clients WHERE id = 'acme'";
    assert_eq!(row_version(&mut as_ann, read), 1);
    assert_eq!(row_version(&mut as_bob, read), 1);
    as_ann
        .execute(
            "UPDATE clients SET notes = 'Ann''s', row_version = 1 WHERE id = 'acme'",
            &[],
        )
        .expect("Ann's save");
    let (by, at): (String, String) = {
        let row = as_bob
            .query_one(
                "SELECT changed_by, changed_at FROM clients WHERE id = 'acme'",
                &[],
            )
            .expect("read");
        (row.get(0), row.get(1))
    };
    assert_eq!(by, ann, "the database names who saved");
    assert!(at.ends_with('Z') && at.len() == 24, "{at}");

    let refused = as_bob
        .execute(
            "UPDATE clients SET notes = 'Bob''s', row_version = 1 WHERE id = 'acme'",
            &[],
        )
        .map_err(sql_error)
        .expect_err("stale");
    match &refused {
        Error::Stale {
            entity,
            id,
            changed_by,
            changed_at,
        } => {
            assert_eq!(*entity, Entity::Client);
            assert_eq!(id, "acme");
            assert_eq!(changed_by, &ann);
            assert_eq!(changed_at, &at);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        refused
            .message(Lang::En)
            .contains(&format!("changed by {ann} at {at}"))
    );
    assert!(
        refused
            .message(Lang::Zh)
            .contains(&format!("已由 {ann} 于 {at} 修改"))
    );
    let notes: String = as_bob
        .query_one("SELECT notes FROM clients WHERE id = 'acme'", &[])
        .expect("read")
        .get(0);
    assert_eq!(notes, "Ann's", "nothing overwritten");

    // An answer saved by upsert carries the version it read; one read before Ann's save fails.
    let save = "INSERT INTO answers (assessment_id, question_id, value, updated_by, updated_at)
                VALUES ('acme-a', 'purpose', $1, session_user, '')
                ON CONFLICT (assessment_id, question_id)
                DO UPDATE SET value = excluded.value, row_version = $2";
    as_ann
        .execute(save, &[&"\"v2\"", &1_i64])
        .expect("Ann's answer");
    let refused = as_bob
        .execute(save, &[&"\"mine\"", &1_i64])
        .map_err(sql_error);
    assert!(
        matches!(&refused, Err(Error::Stale { entity: Entity::Answer, id, changed_by, .. })
            if id == "acme-a/purpose" && changed_by == &ann),
        "{refused:?}"
    );
    as_bob
        .execute(save, &[&"\"mine\"", &2_i64])
        .expect("after a reload");
    // Setting the version by hand does not skip ahead: the database counts.
    let version = row_version(
        &mut as_bob,
        "SELECT row_version FROM answers WHERE question_id = 'purpose'",
    );
    assert_eq!(version, 3);
}

#[test]
fn an_approver_cannot_sign_off_what_he_edited_and_the_signer_is_the_session() {
    let team = Team::initialised("rul_sod");
    // Ann writes and approves; Pete only approves.
    let ann = team.member("ann", &[Role::Author, Role::Approver]);
    let pete = team.member("pete", &[Role::Approver]);
    let mut as_ann = team.session(&ann);
    file_matter(&mut as_ann, "acme");
    members::grant(&mut team.dba(), "acme", &pete).expect("grant");
    let sign = "INSERT INTO signoffs (id, assessment_id, name, role, decision, answers_sha256,
                    signed_at, signer)
                VALUES ($1, $2, 'Someone', 'DPO', 'approve', 'x', '', 'mallory')";

    let refused = as_ann.execute(sign, &[&"s1", &"acme-a"]).map_err(sql_error);
    assert!(
        matches!(&refused, Err(Error::OwnWork { assessment_id }) if assessment_id == "acme-a"),
        "{refused:?}"
    );
    assert!(
        refused
            .expect_err("refused")
            .message(Lang::Zh)
            .contains("须由另一位审批人签署")
    );

    let mut as_pete = team.session(&pete);
    as_pete
        .execute(
            "UPDATE assessments SET status = 'approved', row_version = 1 WHERE id = 'acme-a'",
            &[],
        )
        .expect("an approver records the status");
    as_pete
        .execute(sign, &[&"s2", &"acme-a"])
        .expect("another approver signs");
    let signer: String = as_pete
        .query_one("SELECT signer FROM signoffs WHERE id = 's2'", &[])
        .expect("read")
        .get(0);
    assert_eq!(signer, pete, "the caller's 'mallory' was replaced");

    // Pete edits an answer of the other assessment: he may not sign that one any more, nor the
    // version re-opened from it, which Ann may not sign either.
    as_ann
        .execute(
            "INSERT INTO answers (assessment_id, question_id, value, updated_by, updated_at)
             VALUES ('acme-b', 'q', '1', session_user, '')",
            &[],
        )
        .expect("Ann's answer");
    let mut as_pete_author = team.superuser();
    as_pete_author
        .batch_execute(&format!("GRANT rul_sod_author TO {pete}"))
        .expect("Pete writes too");
    as_pete
        .execute(
            "UPDATE answers SET value = '2', row_version = 1 WHERE assessment_id = 'acme-b'",
            &[],
        )
        .expect("Pete's edit");
    as_ann
        .execute(
            "INSERT INTO assessments (id, kind, template_id, template_version, template_sha256,
                 title, client_id, version, previous_id, created_by, created_at, updated_at)
             SELECT 'acme-b2', kind, template_id, template_version, template_sha256, title,
                 client_id, version + 1, id, session_user, '', '' FROM assessments WHERE id = 'acme-b'",
            &[],
        )
        .expect("re-opened");
    for (who, id) in [(&pete, "acme-b"), (&pete, "acme-b2"), (&ann, "acme-b2")] {
        let refused = team
            .session(who)
            .execute(sign, &[&format!("s-{who}-{id}"), &id])
            .map_err(sql_error);
        assert!(
            matches!(refused, Err(Error::OwnWork { .. })),
            "{who} {id}: {refused:?}"
        );
    }
}

#[test]
fn the_database_writes_the_actor_and_hashes_the_entry_as_the_vault_does() {
    let team = Team::initialised("rul_audit");
    let ann = team.member("ann", &[Role::Author]);
    let mut as_ann = team.session(&ann);
    file_matter(&mut as_ann, "acme");
    as_ann
        .execute(
            "INSERT INTO audit_log (id, at, actor, action, entity_type, entity_id, summary, client_id,
                 hash, prev_hash)
             VALUES ('e2', '1999-01-01', 'mallory', 'answer.saved', 'assessment', 'acme-a',
                 '问题 purpose：同意', 'acme', 'forged', 'forged')",
            &[],
        )
        .expect("append");
    let row = as_ann
        .query_one(
            "SELECT actor, at, action, entity_type, entity_id, summary, prev_hash, hash,
                 detail_sha256, position
             FROM audit_log WHERE id = 'e2'",
            &[],
        )
        .expect("entry");
    let (actor, at, prev, hash, position): (String, String, String, String, i64) =
        (row.get(0), row.get(1), row.get(6), row.get(7), row.get(9));
    assert_eq!(actor, ann);
    assert_ne!(at, "1999-01-01", "the server's clock, not the caller's");
    assert_eq!(position, 2, "after the matter's first entry");
    let event = AuditEvent {
        actor: &actor,
        action: row.get(2),
        entity_type: row.get(3),
        entity_id: row.get(4),
        summary: row.get(5),
    };
    assert_eq!(
        row.get::<_, String>(8),
        dpodesk_core::vault::detail_sha256(event.summary)
    );
    assert_eq!(
        hash,
        digest_entry_hash(&prev, "e2", &at, &event, row.get(8))
    );
    let first: String = as_ann
        .query_one(
            "SELECT hash FROM audit_log WHERE client_id = 'acme' AND position = 1",
            &[],
        )
        .expect("first")
        .get(0);
    assert_eq!(prev, first, "chained to the entry before it");
}

fn chains(session: &mut Client) -> Vec<(Option<String>, i64, Option<Break>)> {
    audit::verify(session)
        .expect("verify")
        .into_iter()
        .map(|c| (c.client_id, c.entries, c.broken))
        .collect()
}

#[test]
fn each_client_has_its_chain_and_a_member_verifies_those_he_sees() {
    let team = Team::initialised("rul_chain");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author]);
    let boss = team.member("boss", &[Role::Admin]);
    file_matter(&mut team.session(&ann), "acme");
    file_matter(&mut team.session(&bob), "bolt");
    let mut as_bob = team.session(&bob);
    for n in 0..3 {
        as_bob
            .execute(
                "INSERT INTO audit_log (action, entity_type, entity_id, summary, client_id)
                 VALUES ('answer.saved', 'assessment', 'bolt-a', $1, 'bolt')",
                &[&format!("q{n}")],
            )
            .expect("append");
    }
    as_bob
        .execute(
            "INSERT INTO audit_log (action, entity_type, entity_id, summary)
             VALUES ('template.imported', 'template', 'pia', 'pia 1.2.1')",
            &[],
        )
        .expect("the firm's chain");

    assert_eq!(
        chains(&mut team.session(&ann)),
        [(Some("acme".into()), 1, None)]
    );
    assert_eq!(chains(&mut as_bob), [(Some("bolt".into()), 4, None)]);
    let mut as_boss = team.session(&boss);
    assert_eq!(
        chains(&mut as_boss),
        [
            (None, 1, None),
            (Some("acme".into()), 1, None),
            (Some("bolt".into()), 4, None)
        ]
    );

    // Behind the members' backs (the server's superuser): an edit, then a cut tail.
    let mut superuser = team.superuser();
    superuser
        .execute(
            "UPDATE dpodesk.audit_log SET summary = 'q9' WHERE client_id = 'bolt' AND position = 3",
            &[],
        )
        .expect("tamper");
    let row = superuser
        .query_one(
            "SELECT id, detail_sha256, encode(sha256(convert_to('q9', 'UTF8')), 'hex')
             FROM dpodesk.audit_log WHERE client_id = 'bolt' AND position = 3",
            &[],
        )
        .expect("id");
    // The walk names what the entry recorded and what its text now gives.
    assert_eq!(
        chains(&mut as_bob),
        [(
            Some("bolt".into()),
            3,
            Some(Break {
                position: 3,
                id: Some(row.get(0)),
                reason: AuditBreak::Altered,
                expected: row.get(1),
                found: row.get(2),
            })
        )]
    );
    superuser
        .execute(
            "UPDATE dpodesk.audit_log SET summary = 'q1' WHERE client_id = 'bolt' AND position = 3;",
            &[],
        )
        .expect("put back");
    assert_eq!(chains(&mut as_bob), [(Some("bolt".into()), 4, None)]);
    let hash_at = |superuser: &mut Client, position: i64| -> String {
        superuser
            .query_one(
                "SELECT hash FROM dpodesk.audit_log WHERE client_id = 'bolt' AND position = $1",
                &[&position],
            )
            .expect("hash")
            .get(0)
    };
    let (third, head) = (hash_at(&mut superuser, 3), hash_at(&mut superuser, 4));
    superuser
        .execute(
            "DELETE FROM dpodesk.audit_log WHERE client_id = 'bolt' AND position = 4",
            &[],
        )
        .expect("cut");
    // The recorded head was the cut entry's hash; the walk reached the third's.
    assert_eq!(
        chains(&mut as_bob),
        [(
            Some("bolt".into()),
            3,
            Some(Break {
                position: 3,
                id: None,
                reason: AuditBreak::TailCut,
                expected: head,
                found: third,
            })
        )]
    );
    // Ann's chain is untouched by Bob's client.
    assert_eq!(
        chains(&mut team.session(&ann)),
        [(Some("acme".into()), 1, None)]
    );
}

#[test]
fn concurrent_writers_of_one_client_extend_its_chain_without_a_fork() {
    let team = Team::initialised("rul_race");
    let ann = team.member("ann", &[Role::Author]);
    let boss = team.member("boss", &[Role::Admin]);
    file_matter(&mut team.session(&ann), "acme");
    std::thread::scope(|scope| {
        for writer in 0..8 {
            let team = &team;
            let ann = &ann;
            scope.spawn(move || {
                let mut session = team.session(ann);
                for n in 0..25 {
                    // Each entry in its own transaction, with a change to the matter, as a
                    // unit of work does.
                    let mut tx = session.transaction().expect("begin");
                    tx.execute(
                        "UPDATE clients SET notes = $1 WHERE id = 'acme'",
                        &[&format!("{writer}-{n}")],
                    )
                    .expect("change");
                    tx.execute(
                        "INSERT INTO audit_log (action, entity_type, entity_id, summary, client_id)
                         VALUES ('client.updated', 'client', 'acme', $1, 'acme')",
                        &[&format!("writer {writer} save {n}")],
                    )
                    .expect("append");
                    tx.commit().expect("commit");
                }
            });
        }
    });
    assert_eq!(
        chains(&mut team.session(&boss)),
        [(Some("acme".into()), 1 + 8 * 25, None)]
    );
}
