//! Schema 11's search paths: `search_docs` (names, titles, findings, notes read as the owner)
//! shows a member only what row-level security would, also when he calls it directly in SQL;
//! two-character terms go through the bigram index and find exactly what a scan finds.

use postgres::Client;

use super::*;
use crate::members::Role;
use crate::schema::access_tests::{SHA, file_matter};
use crate::testing::Team;

/// `(kind, id)` of what `search_docs` gives the session, sorted.
fn docs(session: &mut Client, names: bool, term: &str, max_rows: i32) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = session
        .query(
            "SELECT kind, id FROM dpodesk.search_docs($1, $2, $3)",
            &[&names, &term, &max_rows],
        )
        .expect("search_docs")
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    rows.sort();
    rows
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = items
        .iter()
        .map(|(k, i)| ((*k).to_owned(), (*i).to_owned()))
        .collect();
    v.sort();
    v
}

#[test]
fn search_docs_shows_a_member_only_the_clients_granted_to_him_even_called_directly() {
    let team = Team::initialised("sea_docs");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author]);
    let boss = team.member("boss", &[Role::Admin]);
    let mut as_ann = team.session(&ann);
    let mut as_bob = team.session(&bob);
    let mut as_boss = team.session(&boss);
    file_matter(&mut as_ann, "acme");
    file_matter(&mut as_bob, "bolt");
    for (session, a) in [(&mut as_ann, "acme-a"), (&mut as_bob, "bolt-a")] {
        session
            .execute(
                "INSERT INTO finding_docs (assessment_id, finding_id, title_zh, title_en,
                     explanation_zh, explanation_en, recommendation_zh, recommendation_en)
                 VALUES ($1, 'f1', '同意不充分', 'Consent not shown', '', '', '', '')",
                &[&a],
            )
            .expect("finding");
        session
            .execute(
                "UPDATE actions SET note = 'Ask for the signed consent log',
                     row_version = row_version WHERE assessment_id = $1",
                &[&a],
            )
            .expect("action note");
    }
    // Bob's assessment under no client: his and the admins' only.
    as_bob
        .execute(
            "INSERT INTO assessments (id, kind, template_id, template_version, template_sha256,
                 title, created_by, created_at, updated_at)
             VALUES ('loose', 'pia', 'pia', '1.2.1', $1, 'Loose PIA', session_user, 'x', 'x')",
            &[&SHA],
        )
        .expect("unfiled assessment");

    assert_eq!(
        docs(&mut as_ann, true, "shop", 100),
        pairs(&[("data_source", "acme-ds")])
    );
    assert_eq!(
        docs(&mut as_bob, true, "SHOP", 100),
        pairs(&[("data_source", "bolt-ds")])
    );
    assert_eq!(
        docs(&mut as_boss, true, "shop", 100),
        pairs(&[("data_source", "acme-ds"), ("data_source", "bolt-ds")])
    );
    assert_eq!(
        docs(&mut as_ann, true, "client", 100),
        pairs(&[("client", "acme")])
    );
    assert_eq!(
        docs(&mut as_ann, true, "pia", 100),
        pairs(&[("assessment", "acme-a"), ("assessment", "acme-b")]),
        "not bob's, filed or loose"
    );
    assert_eq!(
        docs(&mut as_bob, true, "pia", 100),
        pairs(&[
            ("assessment", "bolt-a"),
            ("assessment", "bolt-b"),
            ("assessment", "loose")
        ])
    );
    assert_eq!(docs(&mut as_boss, true, "pia", 100).len(), 5);
    assert_eq!(
        docs(&mut as_ann, true, "consent.pdf", 100),
        pairs(&[("evidence", "acme-e")])
    );
    assert_eq!(
        docs(&mut as_ann, true, "fix", 100),
        pairs(&[("action", "acme-act")])
    );
    assert_eq!(
        docs(&mut as_ann, false, "同意", 100),
        pairs(&[("answer", "acme-a"), ("finding", "acme-a")]),
        "answers and findings, two characters"
    );
    assert_eq!(
        docs(&mut as_bob, false, "consent log", 100),
        pairs(&[("action", "bolt-act")]),
        "action notes"
    );
    assert!(docs(&mut as_bob, false, "loose", 100).is_empty());
    assert_eq!(
        docs(&mut as_boss, false, "同意", 100).len(),
        4,
        "an admin sees every client"
    );
    assert_eq!(
        docs(&mut as_boss, true, "shop", 1).len(),
        1,
        "only the newest max_rows"
    );

    // A revoked grant closes it at once, through the function as through the tables.
    crate::members::revoke(&mut as_boss, "acme", &ann).expect("revoke");
    assert!(docs(&mut as_ann, true, "shop", 100).is_empty());
    assert!(docs(&mut as_ann, false, "同意", 100).is_empty());
    assert!(answers(&mut as_ann, "同意", 20).expect("search").is_empty());

    // Members may call it, not read around it: the tables still show nothing ungranted.
    let n: i64 = as_ann
        .query_one("SELECT count(*) FROM data_sources", &[])
        .expect("count")
        .get(0);
    assert_eq!(n, 0);
}

#[test]
fn two_character_terms_find_what_a_scan_finds_through_the_bigram_index() {
    let team = Team::initialised("sea_pairs");
    let ann = team.member("ann", &[Role::Author]);
    let mut as_ann = team.session(&ann);
    file_matter(&mut as_ann, "acme");
    // 3,000 answers: 同意 in one of three, 名单 in three, ab (Latin) in one of fifty, 意 alone
    // where 同意 is; newer answers have higher numbers.
    as_ann
        .batch_execute(
            "INSERT INTO answers (assessment_id, question_id, value, note, updated_by, updated_at)
             SELECT 'acme-b', 'q' || lpad(i::text, 5, '0'),
                    to_jsonb(CASE WHEN i % 3 = 0 THEN '用户同意后处理'
                                  WHEN i IN (17, 1502, 2999) THEN '黑名单核对'
                                  WHEN i % 50 = 1 THEN 'Tab order' ELSE '数据保存三年' END)::text,
                    '', session_user,
                    '2026-12-07T00:00:00.000Z' || lpad(i::text, 5, '0')
             FROM generate_series(1, 3000) AS i",
        )
        .expect("answers");
    team.dba()
        .batch_execute("ANALYZE dpodesk.answers")
        .expect("analyze");

    let newest = |session: &mut Client, term: &str, n: i64| -> Vec<String> {
        let pattern = format!("%{}%", term.to_lowercase());
        session
            .query(
                "SELECT question_id FROM answers WHERE search_text LIKE $1
                 ORDER BY updated_at DESC LIMIT $2",
                &[&pattern, &n],
            )
            .expect("scan")
            .iter()
            .map(|row| row.get(0))
            .collect()
    };
    for term in ["同意", "名单", "AB", "意", "单核"] {
        let found: Vec<String> = answers(&mut as_ann, term, 20)
            .expect("search")
            .into_iter()
            .map(|hit| hit.question_id)
            .collect();
        assert_eq!(found, newest(&mut as_ann, term, 20), "{term}");
    }
    assert_eq!(answers(&mut as_ann, "名单", 20).expect("search").len(), 3);

    // A rare pair is looked up in the bigram index, not by reading every answer.
    let plan: Vec<String> = team
        .dba()
        .query(
            "EXPLAIN SELECT question_id FROM dpodesk.answers
             WHERE dpodesk.bigrams(search_text) @> ARRAY['名单'] AND search_text LIKE '%名单%'
             ORDER BY updated_at DESC LIMIT 20",
            &[],
        )
        .expect("explain")
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert!(
        plan.iter().any(|line| line.contains("answers_bigrams")),
        "{plan:#?}"
    );
    let pairs: Vec<String> = as_ann
        .query_one("SELECT dpodesk.bigrams('黑名单 ab')", &[])
        .expect("bigrams")
        .get(0);
    let mut sorted = pairs.clone();
    sorted.sort();
    assert_eq!(sorted, [" a", "ab", "单 ", "名单", "黑名"]);
}
