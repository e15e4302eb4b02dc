//! Row-level security proved through direct SQL as each member (not through this crate's code):
//! a client not granted is invisible and unwritable in every table that hangs from it, a grant
//! opens it, a revoke closes it again from the next statement, admins see all.

use postgres::Client;

use crate::error::sql_error;
use crate::members::{self, Role};
use crate::testing::Team;
use crate::{Error, Result};

/// A template snapshot's hash (any 64 hex digits do here).
pub(crate) const SHA: &str = "5f0c0b3f1c6f4ab0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8";

/// Every table a client's matter fills, with its one row per matter.
pub(crate) const MATTER_TABLES: [&str; 10] = [
    "clients",
    "data_sources",
    "vendors",
    "assessments",
    "answers",
    "evidence",
    "actions",
    "reports",
    "audit_log",
    "assessment_links",
];

/// A whole matter under client `c`, written as the session's member: ids are `c` plus a suffix.
pub(crate) fn file_matter(session: &mut Client, c: &str) {
    let at = "2026-12-07T00:00:00.000Z";
    session
        .execute(
            "INSERT INTO template_snapshots (sha256, template_id, template_version, size, content)
             VALUES ($1, 'pia', '1.2.1', 2, '\\x7b7d') ON CONFLICT DO NOTHING",
            &[&SHA],
        )
        .expect("snapshot");
    session
        .execute(
            "INSERT INTO clients (id, name, created_at, updated_at) VALUES ($1, 'Client ' || $1, $2, $2)",
            &[&c, &at],
        )
        .expect("client");
    let ids = |suffix: &str| format!("{c}-{suffix}");
    session
        .execute(
            "INSERT INTO data_sources (id, client_id, name, created_at, updated_at)
             VALUES ($1, $2, 'Shop', $3, $3)",
            &[&ids("ds"), &c, &at],
        )
        .expect("data source");
    session
        .execute(
            "INSERT INTO vendors (id, client_id, name, created_at, updated_at)
             VALUES ($1, $2, 'Cloud', $3, $3)",
            &[&ids("v"), &c, &at],
        )
        .expect("vendor");
    for suffix in ["a", "b"] {
        session
            .execute(
                "INSERT INTO assessments (id, kind, template_id, template_version, template_sha256,
                     title, client_id, created_by, created_at, updated_at)
                 VALUES ($1, 'pia', 'pia', '1.2.1', $2, 'PIA', $3, session_user, $4, $4)",
                &[&ids(suffix), &SHA, &c, &at],
            )
            .expect("assessment");
    }
    session
        .execute(
            "INSERT INTO assessment_links (assessment_id, linked_id) VALUES ($1, $2)",
            &[&ids("a"), &ids("b")],
        )
        .expect("link");
    session
        .execute(
            "INSERT INTO answers (assessment_id, question_id, value, updated_by, updated_at)
             VALUES ($1, 'purpose', '\"会员营销，用户同意\"', session_user, $2)",
            &[&ids("a"), &at],
        )
        .expect("answer");
    session
        .execute(
            "INSERT INTO evidence (id, assessment_id, question_id, file_name, size, sha256,
                 content, added_by, added_at)
             VALUES ($1, $2, 'purpose', 'consent.pdf', 1, 'x', '\\x00', session_user, $3)",
            &[&ids("e"), &ids("a"), &at],
        )
        .expect("evidence");
    session
        .execute(
            "INSERT INTO actions (id, assessment_id, client_id, title, created_at, updated_at)
             VALUES ($1, $2, $3, 'Fix', $4, $4)",
            &[&ids("act"), &ids("a"), &c, &at],
        )
        .expect("action");
    session
        .execute(
            "INSERT INTO reports (id, kind, assessment_id, client_id, lang, sha256, content,
                 generated_by, generated_at)
             VALUES ($1, 'pia', $2, $3, 'zh', 'x', '\\x00', session_user, $4)",
            &[&ids("r"), &ids("a"), &c, &at],
        )
        .expect("report");
    session
        .execute(
            "INSERT INTO audit_log (action, entity_type, entity_id, summary, client_id)
             VALUES ('client.added', 'client', $1, 'added', $1)",
            &[&c],
        )
        .expect("audit entry");
}

/// How many rows of client `c`'s matter the session sees, table by table.
pub(crate) fn seen(session: &mut Client, c: &str) -> Vec<(&'static str, i64)> {
    let pattern = format!("{c}%");
    MATTER_TABLES
        .iter()
        .map(|table| {
            let key = match *table {
                "answers" | "assessment_links" => "assessment_id",
                "audit_log" => "entity_id",
                _ => "id",
            };
            let n: i64 = session
                .query_one(
                    &format!("SELECT count(*) FROM {table} WHERE {key} LIKE $1"),
                    &[&pattern],
                )
                .expect("count")
                .get(0);
            (*table, n)
        })
        .collect()
}

fn all(n: i64) -> Vec<(&'static str, i64)> {
    MATTER_TABLES
        .iter()
        .map(|table| {
            let rows = if *table == "assessments" { 2 } else { 1 };
            (*table, if n == 0 { 0 } else { rows })
        })
        .collect()
}

fn affected(session: &mut Client, sql: &str, c: &str) -> Result<u64> {
    session.execute(sql, &[&c]).map_err(sql_error)
}

#[test]
fn a_member_sees_and_changes_only_the_clients_granted_to_him() {
    let team = Team::initialised("acc_rls");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author]);
    let boss = team.member("boss", &[Role::Admin]);
    let mut as_ann = team.session(&ann);
    file_matter(&mut as_ann, "acme");

    // The creator was granted the client by the database.
    assert_eq!(seen(&mut as_ann, "acme"), all(1));
    let mut as_bob = team.session(&bob);
    assert_eq!(seen(&mut as_bob, "acme"), all(0), "not granted: nothing");
    for sql in [
        "UPDATE clients SET name = 'mine' WHERE id = $1",
        "UPDATE answers SET value = '\"x\"' WHERE assessment_id = $1 || '-a'",
    ] {
        assert_eq!(affected(&mut as_bob, sql, "acme").expect(sql), 0, "{sql}");
    }
    for sql in [
        "INSERT INTO data_sources (id, client_id, name, created_at, updated_at) VALUES ('x', $1, 'x', '', '')",
        "INSERT INTO answers (assessment_id, question_id, value, updated_by, updated_at) VALUES ($1 || '-a', 'q2', '1', 'bob', '')",
        "INSERT INTO audit_log (action, entity_type, entity_id, summary, client_id) VALUES ('x', 'client', $1, 'x', $1)",
        // Only an admin erases, and only through erase_matter (schema 10).
        "DELETE FROM evidence WHERE assessment_id = $1 || '-a'",
        "DELETE FROM actions WHERE client_id = $1",
    ] {
        let refused = affected(&mut as_bob, sql, "acme");
        assert!(
            matches!(refused, Err(Error::NotPermitted { .. })),
            "{sql}: {refused:?}"
        );
    }

    // Admins see every client without a grant.
    assert_eq!(seen(&mut team.session(&boss), "acme"), all(1));

    members::grant(&mut team.session(&boss), "acme", &bob).expect("grant");
    assert_eq!(seen(&mut as_bob, "acme"), all(1), "granted: everything");
    assert_eq!(
        affected(
            &mut as_bob,
            "UPDATE clients SET notes = 'seen' WHERE id = $1",
            "acme"
        )
        .expect("update"),
        1
    );

    members::revoke(&mut team.session(&boss), "acme", &bob).expect("revoke");
    assert_eq!(
        seen(&mut as_bob, "acme"),
        all(0),
        "revoked: gone in the open session"
    );
    assert_eq!(seen(&mut as_ann, "acme"), all(1), "the creator keeps it");
}

#[test]
fn an_assessment_under_no_client_is_its_creators_and_the_admins() {
    let team = Team::initialised("acc_unfiled");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author]);
    let boss = team.member("boss", &[Role::Admin]);
    let mut as_ann = team.session(&ann);
    file_matter(&mut as_ann, "acme");
    as_ann
        .execute(
            "INSERT INTO assessments (id, kind, template_id, template_version, template_sha256,
                 title, created_by, created_at, updated_at)
             VALUES ('loose', 'pia', 'pia', '1', $1, 'Draft', session_user, '', '')",
            &[&SHA],
        )
        .expect("an unfiled assessment");
    let count = |session: &mut Client| -> i64 {
        session
            .query_one("SELECT count(*) FROM assessments WHERE id = 'loose'", &[])
            .expect("count")
            .get(0)
    };
    assert_eq!(count(&mut as_ann), 1);
    assert_eq!(count(&mut team.session(&boss)), 1);
    assert_eq!(count(&mut team.session(&bob)), 0);
    // Nobody files one in another's name.
    let refused = team
        .session(&bob)
        .execute(
            "INSERT INTO assessments (id, kind, template_id, template_version, template_sha256,
                 title, created_by, created_at, updated_at)
             VALUES ('forged', 'pia', 'pia', '1', $1, 'Draft', $2, '', '')",
            &[&SHA, &ann],
        )
        .map_err(sql_error);
    assert!(
        matches!(refused, Err(Error::NotPermitted { .. })),
        "{refused:?}"
    );
}

#[test]
fn roles_bound_what_a_member_may_write_whatever_he_sees() {
    let team = Team::initialised("acc_roles");
    let ann = team.member("ann", &[Role::Author]);
    let rita = team.member("rita", &[Role::Reviewer]);
    let boss = team.member("boss", &[Role::Admin]);
    file_matter(&mut team.session(&ann), "acme");
    members::grant(&mut team.session(&boss), "acme", &rita).expect("grant");
    let mut as_rita = team.session(&rita);
    assert_eq!(seen(&mut as_rita, "acme"), all(1), "a reviewer reads");
    for sql in [
        "UPDATE answers SET value = '1' WHERE assessment_id = $1 || '-a'",
        "INSERT INTO clients (id, name, created_at, updated_at) VALUES ($1 || '2', 'x', '', '')",
        "INSERT INTO signoffs (id, assessment_id, name, role, decision, answers_sha256, signed_at)
         VALUES ('s', $1 || '-a', 'Rita', 'DPO', 'approve', 'x', '')",
        "UPDATE assessments SET title = 'renamed' WHERE id = $1 || '-a'",
    ] {
        let refused = affected(&mut as_rita, sql, "acme");
        assert!(
            matches!(refused, Err(Error::NotPermitted { .. })),
            "{sql}: {refused:?}"
        );
    }
    assert_eq!(
        affected(
            &mut as_rita,
            "UPDATE assessments SET status = 'draft' WHERE id = $1 || '-a'",
            "acme"
        )
        .expect("a reviewer sends work back"),
        1
    );
}
