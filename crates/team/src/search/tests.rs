//! Search over answer text: what is found and what is not (short and long terms, Chinese and
//! Latin, machine values, row-level security), and — ignored by default, run by hand — the
//! measurement behind the choice of pg_trgm plus a bounded scan (docs/team-mode.md).

use std::time::{Duration, Instant};

use postgres::Client;

use super::*;
use crate::members::Role;
use crate::schema::access_tests::{SHA, file_matter};
use crate::testing::Team;

fn save(session: &mut Client, assessment: &str, question: &str, value: &str, note: &str) {
    session
        .execute(
            "INSERT INTO answers (assessment_id, question_id, value, note, updated_by, updated_at)
             VALUES ($1, $2, $3, $4, session_user, dpodesk.now_text())",
            &[&assessment, &question, &value, &note],
        )
        .expect("answer");
}

fn found(session: &mut Client, term: &str) -> Vec<String> {
    let mut hits: Vec<String> = answers(session, term, 20)
        .expect("search")
        .into_iter()
        .map(|hit| format!("{}/{}", hit.assessment_id, hit.question_id))
        .collect();
    hits.sort();
    hits
}

#[test]
fn short_and_long_terms_are_found_in_what_the_member_may_see() {
    let team = Team::initialised("sea_find");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author]);
    let mut as_ann = team.session(&ann);
    let mut as_bob = team.session(&bob);
    file_matter(&mut as_ann, "acme");
    file_matter(&mut as_bob, "bolt");
    save(
        &mut as_ann,
        "acme-a",
        "group",
        r#"[{"name":"黑名单","basis":"consent"}]"#,
        "",
    );
    save(
        &mut as_ann,
        "acme-a",
        "box",
        r#""Unticked Consent box""#,
        "",
    );
    save(
        &mut as_ann,
        "acme-a",
        "choice",
        r#""yes""#,
        "checked 100% of forms",
    );
    save(&mut as_bob, "bolt-a", "q", r#""用户同意后处理""#, "");

    // Chinese is made of word characters for pg_trgm under the cluster's C.UTF-8 ctype, so the
    // index serves Chinese terms of three characters or more.
    let trigrams: Vec<String> = as_ann
        .query_one("SELECT dpodesk.show_trgm('个人信息')", &[])
        .expect("show_trgm")
        .get(0);
    assert!(!trigrams.is_empty(), "{trigrams:?}");

    assert_eq!(
        found(&mut as_ann, "同意"),
        ["acme-a/purpose"],
        "two characters"
    );
    assert_eq!(
        found(&mut as_bob, "同意"),
        ["bolt-a/purpose", "bolt-a/q"],
        "each sees his own"
    );
    assert_eq!(
        found(&mut as_ann, "用户同意"),
        ["acme-a/purpose"],
        "four characters"
    );
    assert_eq!(
        found(&mut as_ann, "名单"),
        ["acme-a/group"],
        "inside a group's rows"
    );
    assert_eq!(
        found(&mut as_ann, "unticked CONSENT"),
        ["acme-a/box"],
        "any case"
    );
    assert!(
        found(&mut as_ann, "yes").is_empty(),
        "a choice code is no text"
    );
    assert_eq!(
        found(&mut as_ann, "100%"),
        ["acme-a/choice"],
        "the note, % taken literally"
    );
    assert!(found(&mut as_ann, "0%o").is_empty());
}

/// Median of `runs` timings of `f` after one warm-up run.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

const PHRASES: &str = "ARRAY['收集用户手机号码用于会员营销', '用户同意后方可处理', '数据保存三年后删除',
    '向境外提供个人信息', 'the controller relies on consent', 'unticked consent box on the signup form',
    '个人信息保护影响评估已完成', '委托第三方处理订单数据', '敏感个人信息单独同意', 'retention period of five years',
    'cookies set before any choice', '员工考勤记录', '监控视频保存30天', 'customer support tickets',
    '与合作伙伴共享', '匿名化处理后用于统计', 'data processing agreement signed', '采购供应商评估',
    '跨境传输标准合同', 'access controls reviewed yearly']";

/// 10,000 assessments under 200 clients, 30 answers each (300,000 answers: three phrases of
/// twenty, 同意 in about four answers of ten, 名单 in five answers only, every fifth a choice code).
/// Run: cargo test -p dpodesk-team --features test-cluster --release search_measurement -- --ignored --nocapture
#[test]
#[ignore = "a measurement (minutes), run by hand for docs/team-mode.md"]
fn search_measurement() {
    // A smaller run first shows the plans quickly: DPODESK_SEARCH_ASSESSMENTS=1000.
    let assessments: i32 = std::env::var("DPODESK_SEARCH_ASSESSMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let team = Team::initialised("sea_bench");
    let reader = team.member("reader", &[Role::Author]);
    let mut dba = team.dba();
    let load = Instant::now();
    dba.batch_execute(&format!(
        "SET search_path = dpodesk, public;
         INSERT INTO template_snapshots (sha256, template_id, template_version, size, content)
         VALUES ('{SHA}', 'pia', '1', 2, '\\x7b7d');
         INSERT INTO clients (id, name, created_at, updated_at)
         SELECT 'c' || i, 'Client ' || i, '', '' FROM generate_series(1, 200) AS i;
         INSERT INTO client_grants (client_id, member) SELECT id, '{reader}' FROM clients;
         INSERT INTO assessments (id, kind, template_id, template_version, template_sha256, title,
             client_id, created_by, created_at, updated_at)
         SELECT 'a' || i, 'pia', 'pia', '1', '{SHA}', 'PIA ' || i, 'c' || (i % 200 + 1), 'dba', '', ''
         FROM generate_series(1, {assessments}) AS i;
         DROP INDEX answers_search;
         ALTER TABLE answers DISABLE TRIGGER USER;
         INSERT INTO answers (assessment_id, question_id, value, updated_by, updated_at)
         SELECT 'a' || a, 'q' || q,
                CASE WHEN q % 5 = 0 THEN '\"yes\"' ELSE to_jsonb(
                    p[1 + abs(hashint4(a * 100 + q)) % 20] || '，' ||
                    p[1 + abs(hashint4(a * 100 + q + 7777777)) % 20] || '，' ||
                    p[1 + abs(hashint4(a * 100 + q + 5555555)) % 20] ||
                    CASE WHEN (a * 30 + q) % 60000 = 7 THEN '，黑名单' ELSE '' END)::text END,
                'dba',
                to_char(timestamp '2026-01-01' + (a * 30 + q) * interval '1 second',
                        'YYYY-MM-DD\"T\"HH24:MI:SS.000\"Z\"')
         FROM generate_series(1, {assessments}) AS a, generate_series(1, 30) AS q, (SELECT {PHRASES} AS p) AS ph;
         ALTER TABLE answers ENABLE TRIGGER USER;"
    ))
    .expect("load");
    // Alone: VACUUM refuses the implicit transaction of a batch.
    dba.batch_execute("VACUUM ANALYZE dpodesk.answers")
        .expect("vacuum");
    println!("load: {:?}", load.elapsed());
    let build = Instant::now();
    dba.batch_execute(
        "CREATE INDEX answers_search ON dpodesk.answers USING gin (search_text dpodesk.gin_trgm_ops);
         ANALYZE dpodesk.answers;",
    )
    .expect("index");
    println!("GIN trigram index build: {:?}", build.elapsed());
    let sizes = dba
        .query_one(
            "SELECT pg_size_pretty(pg_table_size('dpodesk.answers')),
                    pg_size_pretty(pg_relation_size('dpodesk.answers_search')),
                    (SELECT count(*) FROM dpodesk.answers WHERE search_text LIKE '%同意%'),
                    (SELECT count(*) FROM dpodesk.answers WHERE search_text LIKE '%名单%')",
            &[],
        )
        .expect("sizes");
    println!(
        "answers table {}, trigram index {}; 同意 in {} answers, 名单 in {}",
        sizes.get::<_, String>(0),
        sizes.get::<_, String>(1),
        sizes.get::<_, i64>(2),
        sizes.get::<_, i64>(3)
    );

    let mut session = team.session(&reader);
    let ordered = "SELECT assessment_id, question_id FROM dpodesk.answers \
                   WHERE search_text LIKE $1 ORDER BY updated_at DESC LIMIT 20";
    let rows = |s: &mut Client, pattern: &str| -> Vec<(String, String)> {
        s.query(ordered, &[&pattern])
            .expect("query")
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect()
    };
    // The owner's session, which row-level security does not filter, with one access path.
    let mut owner_with = |settings: &str, pattern: &str| -> Duration {
        dba.batch_execute(settings).expect("settings");
        let t = median(7, || {
            rows(&mut dba, pattern);
        });
        dba.batch_execute("RESET ALL").expect("reset");
        t
    };
    println!(
        "term                     hits  chosen     member LIKE under RLS  owner: trigram index  owner: full scan"
    );
    for term in [
        "同意",
        "名单",
        "个人信息保护影响评估",
        "unticked consent",
        "黑名单",
    ] {
        let pattern = format!("%{term}%");
        let chosen: Vec<(String, String)> = answers(&mut session, term, 20)
            .expect("search")
            .into_iter()
            .map(|h| (h.assessment_id, h.question_id))
            .collect();
        assert_eq!(
            chosen,
            rows(&mut session, &pattern),
            "{term}: the same answers"
        );
        let t_chosen = median(7, || {
            answers(&mut session, term, 20).expect("search");
        });
        let t_rls = median(7, || {
            rows(&mut session, &pattern);
        });
        let t_index = owner_with(
            "SET enable_seqscan = off; SET enable_indexscan = off",
            &pattern,
        );
        let t_scan = owner_with(
            "SET enable_bitmapscan = off; SET enable_indexscan = off",
            &pattern,
        );
        println!(
            "{term:<24} {:>4}  {t_chosen:>9.2?}  {t_rls:>21.2?}  {t_index:>20.2?}  {t_scan:>16.2?}",
            chosen.len()
        );
    }
}
