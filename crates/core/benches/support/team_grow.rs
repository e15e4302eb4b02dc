//! A large team database in minutes: filling through the store costs about 0.4 s per
//! assessment on a shared machine (an hour for 10,000), so a size that is a whole multiple of
//! [`BASE`] is made by filling the base through the store once (cached like any size) and copying
//! it on the server (`team_grow.sql`): each copy gets the ids, client names and assessment titles
//! the generator would have given it, its times moved on past the previous copy's, and its
//! clients' audit chains hashed anew as `chain_entry()` hashes them. The row versions, search
//! texts (generated columns), findings and summaries are the base's, which the store wrote. Any
//! fixture, copied or not, is refused unless `audit_verify()` accepts every chain
//! ([`check_chains`]).
//!
//! What differs from a fill of the same size: the answers' content repeats the base's (the
//! generator's seeded stream would go on), and each copy of the base's 300-answer assessment stays
//! one ("… #1000" after its title, so the bench still finds exactly one of its own).

use dpodesk_team::testing::Team;

use super::{Size, client};

/// The size filled through the store before it is copied.
pub const BASE: Size = Size {
    assessments: 1_000,
    answers: 100_000,
};

/// Tables the fill leaves empty, which the copy therefore does not know how to copy.
const EMPTY_AFTER_FILL: [&str; 9] = [
    "evidence",
    "actions",
    "signoffs",
    "reports",
    "cnil_records",
    "assessment_links",
    "comments",
    "bundle_imports",
    "bundle_audit",
];

/// How many bases make `size`, when it is a whole multiple (two or more) of [`BASE`].
pub fn factor(size: Size) -> Option<usize> {
    let k = size.assessments / BASE.assessments;
    (k > 1 && size.assessments == k * BASE.assessments && size.answers == k * BASE.answers)
        .then_some(k)
}

/// Copies the base database `factor - 1` times over, in one transaction as the superuser.
pub fn grow(team: &Team, factor: usize) {
    let mut superuser = team.superuser();
    let mut tx = superuser.transaction().expect("begin");
    tx.batch_execute(
        "SET LOCAL session_replication_role = replica;
         SET LOCAL maintenance_work_mem = '256MB'",
    )
    .expect("replica session");
    for table in EMPTY_AFTER_FILL {
        let n: i64 = tx
            .query_one(&format!("SELECT count(*) FROM dpodesk.{table}"), &[])
            .expect("count")
            .get(0);
        assert_eq!(n, 0, "dpodesk.{table} has rows the copy would leave out");
    }
    let base_assessments: i64 = tx
        .query_one("SELECT count(*) FROM dpodesk.assessments", &[])
        .expect("count")
        .get(0);
    assert_eq!(
        base_assessments, BASE.assessments as i64,
        "not the base size"
    );
    // Each copy starts a minute after the previous one ended (ids' times included).
    let span_ms: i64 = tx
        .query_one(
            "SELECT (extract(epoch FROM max(at::timestamptz) - min(at::timestamptz)) * 1000)::bigint
             FROM dpodesk.audit_log",
            &[],
        )
        .expect("span")
        .get(0);
    let step = span_ms + 60_000;
    tx.batch_execute(&format!(
        "CREATE TEMP TABLE grow_copies AS
             SELECT k, k * {step}::bigint AS shift_ms FROM generate_series(1, {}) AS k;
         CREATE FUNCTION pg_temp.grow_base() RETURNS bigint LANGUAGE sql IMMUTABLE
             AS 'SELECT {base_assessments}::bigint';
         CREATE TEMP TABLE grow_clients (old_id text, k integer, name text, matter text,
                                         contact text, PRIMARY KEY (old_id, k));",
        factor - 1
    ))
    .expect("copy parameters");
    // The generator's client c is named "… {c + 1}"; its copy k is client c + k × clients.
    let clients: Vec<(String, String)> = tx
        .query("SELECT id, name FROM dpodesk.clients", &[])
        .expect("clients")
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let insert = tx
        .prepare("INSERT INTO grow_clients VALUES ($1, $2, $3, $4, $5)")
        .expect("prepare");
    for (id, name) in &clients {
        let c: usize = name
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(1))
            .unwrap_or_else(|| panic!("{name}: not a generated client"));
        for k in 1..factor {
            let new = client(c + k * clients.len());
            let k = i32::try_from(k).expect("copies");
            tx.execute(&insert, &[id, &k, &new.name, &new.matter, &new.contact])
                .expect("client copy");
        }
    }
    // The search indexes are built once after the copy rather than grown row by row.
    let indexes: Vec<(String, String)> = tx
        .query(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
             FROM pg_index AS i
             WHERE i.indrelid IN ('dpodesk.answers'::regclass, 'dpodesk.finding_docs'::regclass)
               AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.indexrelid)",
            &[],
        )
        .expect("indexes")
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    for (name, _) in &indexes {
        tx.batch_execute(&format!("DROP INDEX {name}"))
            .expect("drop index");
    }
    tx.batch_execute(include_str!("team_grow.sql"))
        .expect("copy the base");
    for (_, definition) in &indexes {
        tx.batch_execute(definition).expect("rebuild index");
    }
    tx.commit().expect("commit the copies");
}

/// Every audit chain as `audit_verify()` walks it (as the superuser, an admin: all of them):
/// panics unless each client has its chain and none is broken. Returns the entries walked.
pub fn check_chains(team: &Team) -> i64 {
    let mut superuser = team.superuser();
    let clients: i64 = superuser
        .query_one("SELECT count(*) FROM dpodesk.clients", &[])
        .expect("clients")
        .get(0);
    let chains = superuser
        .query(
            "SELECT client_id, entries, reason, broken_position FROM dpodesk.audit_verify()",
            &[],
        )
        .expect("audit_verify()");
    let mut entries = 0;
    let mut client_chains = 0;
    for chain in &chains {
        let client: Option<String> = chain.get(0);
        let reason: Option<String> = chain.get(2);
        let position: Option<i64> = chain.get(3);
        assert!(
            reason.is_none(),
            "the team fixture is broken: chain {client:?} {reason:?} at {position:?}; \
             delete its dump under target/bench-data/ and run again"
        );
        entries += chain.get::<_, i64>(1);
        client_chains += i64::from(client.is_some());
    }
    assert_eq!(
        client_chains, clients,
        "the team fixture is broken: {clients} clients, {client_chains} audit chains"
    );
    entries
}
