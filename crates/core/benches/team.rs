//! The team database beside the vault: the same generated content in both, the same core calls
//! timed on each, side by side in one run, so `cargo xtask bench` can print the team back-end's
//! cost as a ratio to the vault's.
//!
//! The team side is a private PostgreSQL cluster started as the tests start theirs
//! (`dpodesk_team::testing`: `initdb` in a temporary directory, `runuser postgres` as root, a Unix
//! socket and no TCP port), a database set up by `team init` as its DBA, and one author member.
//! The cluster is stopped and deleted when the bench ends, a failing one included (unwinding
//! drops it). It is filled by the vault's own generator (`support::fill`) through a [`Sink`] that
//! calls `api`'s generic use cases on a `TeamStore` — `add_client`, `add_data_source`,
//! `add_vendor`, `create_assessment`, `answer_from_file` — so each row carries its audit entry,
//! chain hash, row version, search text, findings and summary as a member's would; that takes
//! minutes per thousand assessments, so the filled database is dumped once per generator
//! version and size (`support::team_cache`, `target/bench-data/team-g<v>-<n>x<m>.pgdump`) and
//! restored on the next run, then upgraded to this build's schema. The test cluster runs with
//! `fsync` off to fill quickly; before timing, the
//! server is set back to PostgreSQL's durable defaults (`fsync`, `synchronous_commit`,
//! `full_page_writes` on) and analysed, so a save waits for its commit to reach the disk, as the
//! vault's `synchronous = FULL` does.
//!
//! Timed on both (median of plain repeated runs): save one answer (`api::answer_from_file`, one
//! text answer), list every assessment (`Read::assessments`), search a Latin term, a long Chinese
//! term and two two-character Chinese terms (one common, one rare: under three characters pg_trgm
//! has no trigram, so the team database looks the pair up in its bigram index). On
//! the team database alone: 20 writers, each on its own session and assessment, saving at once;
//! p50 and p95 of one save. Results go to `target/bench-data/team.json`.
//!
//! Size: `DPODESK_BENCH_TEAM_ASSESSMENTS` / `DPODESK_BENCH_TEAM_ANSWERS`, by default 1,000
//! assessments and 100,000 answers; the vault peer is the generated vault of that same size,
//! unless `DPODESK_BENCH_TEAM_PEER_ASSESSMENTS` / `_PEER_ANSWERS` name another (a run whose
//! team rows are wanted before the peer of its size can be generated; its ratios then compare
//! different sizes, and the results say which peer was used).
//! A whole multiple of that (10,000 and 1,000,000) is not filled through the store (an hour on
//! a shared machine) but copied on the server from the base size (`support::team_grow`: minutes),
//! then cached like any size. Whatever its origin, a fixture is timed only if `audit_verify()`
//! accepts every client's chain. `-- --fixture` makes the team database and stops (while the
//! vault of the size is generated beside it).

mod support;

use std::hint::black_box;
use std::sync::{Barrier, Mutex};
use std::time::Instant;

use dpodesk_core::api::{self, Read};
use dpodesk_core::template::QuestionType;
use dpodesk_core::vault::team_store::TeamStore;
use dpodesk_core::{Error, Vault};
use dpodesk_team::members::Role;
use dpodesk_team::testing::Team;
use support::{ACTOR, RARE_TERM, Size, team_cache, team_grow};

const SEARCHES: [(&str, &str); 4] = [
    ("search_latin", "unticked consent"),
    ("search_zh_long", "个人信息保护影响评估"),
    ("search_zh2_common", "同意"),
    ("search_zh2_rare", RARE_TERM),
];
const WRITERS: usize = 20;
const SAVES_PER_WRITER: usize = 25;

/// One text answer as an answers file.
fn one_answer(question: &str, text: &str) -> String {
    format!("{question} = {}", toml::Value::String(text.to_owned()))
}

/// Runs `f` a few times untimed, then `n` times timed; the durations in nanoseconds.
fn timed(n: usize, mut f: impl FnMut()) -> Vec<f64> {
    for _ in 0..2 {
        f();
    }
    (0..n)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed().as_nanos() as f64
        })
        .collect()
}

fn percentile(values: &[f64], p: f64) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let last = sorted.len().checked_sub(1)?;
    Some(sorted[((last as f64) * p).round() as usize])
}

fn median(values: &[f64]) -> Option<f64> {
    percentile(values, 0.5)
}

/// A session's setting, as the server now has it.
fn setting(team: &Team, name: &str) -> String {
    team.superuser()
        .query_one(&format!("SHOW {name}"), &[])
        .expect("SHOW")
        .get(0)
}

/// How many answers the database holds (all of them generated).
fn answer_count(team: &Team) -> usize {
    let n: i64 = team
        .superuser()
        .query_one("SELECT count(*) FROM dpodesk.answers", &[])
        .expect("count answers")
        .get(0);
    usize::try_from(n).expect("a count")
}

/// Back to PostgreSQL's durable defaults (the test cluster fills with `fsync` off), and fresh
/// planner statistics, as autovacuum would leave a database that has been in use.
fn durable_and_analysed(team: &Team) {
    let mut admin = team.superuser();
    for statement in [
        "ALTER SYSTEM SET fsync = on",
        "ALTER SYSTEM SET full_page_writes = on",
        "ALTER SYSTEM SET synchronous_commit = on",
        "SELECT pg_reload_conf()",
        "VACUUM ANALYZE",
    ] {
        admin.batch_execute(statement).expect(statement);
    }
}

/// The text question of the data-source template, and one draft data-source assessment per
/// writer, on as many different clients as there are (each client has its own audit chain).
fn targets<R: Read>(
    store: &R,
    vault: &Vault,
    ordinary: &str,
    writers: usize,
) -> (String, Vec<String>) {
    let question = api::assessment_template(vault, ordinary)
        .expect("template")
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .find(|q| q.kind == QuestionType::Text)
        .map(|q| q.id.clone())
        .expect("a text question");
    let all = store.assessments().expect("list");
    let data_source: Vec<_> = all
        .iter()
        .filter(|a| {
            // Not the 300-answer assessment, nor its copies in a grown database.
            a.kind == dpodesk_core::template::Kind::DataSource
                && !a.title.starts_with(support::BIG_TITLE)
        })
        .collect();
    let mut picked: Vec<String> = Vec::new();
    let mut clients: Vec<Option<String>> = Vec::new();
    for a in &data_source {
        if picked.len() < writers && !clients.contains(&a.client_id) {
            clients.push(a.client_id.clone());
            picked.push(a.id.clone());
        }
    }
    for a in &data_source {
        if picked.len() < writers && !picked.contains(&a.id) {
            picked.push(a.id.clone());
        }
    }
    (question, picked)
}

fn main() {
    let size = Size {
        assessments: env_size("DPODESK_BENCH_TEAM_ASSESSMENTS", 1_000),
        answers: env_size("DPODESK_BENCH_TEAM_ANSWERS", 100_000),
    };
    // `-- --fixture`: make (or check) the cached team database only, e.g. while the vault of the
    // same size is generated by `cargo xtask gen-vault` beside it.
    let fixture_only = std::env::args().any(|arg| arg == "--fixture");

    let started = Instant::now();
    let team = Team::initialised(team_cache::DBNAME);
    let member = team.member("ann", &[Role::Author]);
    let restored = team_cache::restore(&team, size);
    let how = if restored {
        format!("restored from {}", team_cache::dump_path(size).display())
    } else if let Some(factor) = team_grow::factor(size) {
        let base = team_grow::BASE;
        let how = if team_cache::restore(&team, base) {
            "restored"
        } else {
            fill(&team, &member, base);
            "filled through the store"
        };
        let copying = Instant::now();
        team_grow::grow(&team, factor);
        team_cache::save(&team, size);
        format!(
            "{how} at {} assessments, then copied {}× on the server in {:.0} s",
            base.assessments,
            factor,
            copying.elapsed().as_secs_f64()
        )
    } else {
        fill(&team, &member, size);
        "filled through the store".to_owned()
    };
    // Refuse to time a fixture whose audit chains the database itself would not accept.
    let verifying = Instant::now();
    let entries = team_grow::check_chains(&team);
    println!(
        "audit_verify(): {entries} entries, every chain intact ({:.1} s)",
        verifying.elapsed().as_secs_f64()
    );
    let fill_seconds = started.elapsed().as_secs_f64();
    let written = answer_count(&team);
    if fixture_only {
        println!("team database {how} in {fill_seconds:.0} s ({written} answers)");
        return;
    }
    let peer = Size {
        assessments: env_size("DPODESK_BENCH_TEAM_PEER_ASSESSMENTS", size.assessments),
        answers: env_size("DPODESK_BENCH_TEAM_PEER_ANSWERS", size.answers),
    };
    let vault_path = support::ensure(peer, false);
    println!(
        "vault peer: {} assessments, {} answers",
        peer.assessments, peer.answers
    );
    let mut vault = support::open(&vault_path, false);
    durable_and_analysed(&team);
    let mut store = TeamStore::open(team.session(&member)).expect("open the team store");
    let durability = format!(
        "fsync {}, synchronous_commit {}",
        setting(&team, "fsync"),
        setting(&team, "synchronous_commit")
    );
    println!("team database {how} in {fill_seconds:.0} s ({written} answers); {durability}");

    let (_, ordinary) = support::fixture_ids(&vault);
    let (_, team_ordinary) = support::fixture_ids(&store);
    let (question, writers) = targets(&store, &vault, &ordinary, WRITERS);
    let mut cases = serde_json::Map::new();
    let mut record = |case: &str, ours: Vec<f64>, team: Vec<f64>| {
        let (v, t) = (median(&ours), median(&team));
        println!(
            "{case}: vault {:.2} ms, team {:.2} ms",
            v.unwrap_or(0.0) / 1e6,
            t.unwrap_or(0.0) / 1e6
        );
        cases.insert(
            case.to_owned(),
            serde_json::json!({ "vault_ns": v, "team_ns": t, "runs": ours.len() }),
        );
    };

    // Save one answer: a text no earlier iteration wrote, so every save is a real change.
    let run = std::process::id();
    let mut n = 0u64;
    let mut save = |store: &mut dyn FnMut(&str) -> usize| {
        n += 1;
        let text =
            format!("用户同意后才发送营销短信（第 {run}-{n} 次）。Marketing only after consent.");
        assert_eq!(store(&one_answer(&question, &text)), 1);
    };
    let vault_saves = timed(30, || {
        save(&mut |file| {
            api::answer_from_file(&mut vault, ACTOR, &ordinary, "bench.toml", file).expect("save")
        })
    });
    let team_saves = timed(30, || {
        save(&mut |file| {
            api::answer_from_file(&mut store, ACTOR, &team_ordinary, "bench.toml", file)
                .expect("save")
        })
    });
    record("save_answer", vault_saves, team_saves);

    let vault_list = timed(10, || {
        let listed = black_box(vault.assessments().expect("list")).len();
        assert_eq!(listed, peer.assessments);
    });
    let team_list = timed(10, || {
        let listed = black_box(Read::assessments(&store).expect("list")).len();
        assert_eq!(listed, size.assessments);
    });
    record("list_assessments", vault_list, team_list);

    // The same use case on both: `api::search` (its index catch-up, every kind of hit, snippets).
    for (case, term) in SEARCHES {
        let ours = timed(20, || {
            let hits = api::search(&vault, black_box(term), 20).expect("search");
            assert!(!hits.is_empty(), "{term}: nothing in the vault");
        });
        let theirs = timed(20, || {
            let hits = api::search(&store, black_box(term), 20).expect("search");
            assert!(!hits.is_empty(), "{term}: nothing in the team database");
        });
        record(case, ours, theirs);
    }

    let concurrent = concurrent_saves(&team, &member, &question, &writers);
    let json = serde_json::json!({
        "size": { "assessments": size.assessments, "answers": size.answers },
        "vault_peer": { "assessments": peer.assessments, "answers": peer.answers },
        "written_answers": written,
        "fill_seconds": fill_seconds,
        "restored": restored,
        "durability": durability,
        "cases": cases,
        "concurrent": concurrent,
    });
    let out = support::data_dir().join("team.json");
    std::fs::write(&out, json.to_string()).expect("write team.json");
    println!("{json}");
    api::lock_vault(vault).expect("lock");
    // The cluster stops here, when `team` is dropped.
}

/// Fills the team database through the store (every row by `api`, as the member) and caches it.
fn fill(team: &Team, member: &str, size: Size) {
    let mut store = TeamStore::open(team.session(member)).expect("open the team store");
    support::fill(&mut store, size);
    drop(store);
    team_cache::save(team, size);
}

/// `WRITERS` sessions of the member, each saving answers in its own assessment, all at once;
/// every save's duration, and how many were refused (none expected: no two share an assessment).
fn concurrent_saves(
    team: &Team,
    member: &str,
    question: &str,
    targets: &[String],
) -> serde_json::Value {
    let barrier = Barrier::new(targets.len());
    let durations = Mutex::new(Vec::new());
    let refused = Mutex::new(Vec::<String>::new());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for (w, id) in targets.iter().enumerate() {
            let (barrier, durations, refused) = (&barrier, &durations, &refused);
            scope.spawn(move || {
                let mut store = TeamStore::open(team.session(member)).expect("open");
                let mut mine = Vec::new();
                barrier.wait();
                for i in 0..SAVES_PER_WRITER {
                    let file = one_answer(question, &format!("writer {w} save {i} 同意"));
                    let t = Instant::now();
                    match api::answer_from_file(&mut store, ACTOR, id, "bench.toml", &file) {
                        Ok(_) => mine.push(t.elapsed().as_nanos() as f64),
                        Err(e @ Error::Team(_)) => {
                            refused.lock().expect("lock").push(e.to_string())
                        }
                        Err(other) => panic!("writer {w}: {other}"),
                    }
                }
                durations.lock().expect("lock").extend(mine);
            });
        }
    });
    let wall = started.elapsed().as_secs_f64();
    let all = durations.into_inner().expect("durations");
    let refused = refused.into_inner().expect("refused");
    let (p50, p95) = (percentile(&all, 0.5), percentile(&all, 0.95));
    println!(
        "{} writers x {SAVES_PER_WRITER} saves: p50 {:.2} ms, p95 {:.2} ms, {} refused, {wall:.1} s",
        targets.len(),
        p50.unwrap_or(0.0) / 1e6,
        p95.unwrap_or(0.0) / 1e6,
        refused.len()
    );
    serde_json::json!({
        "writers": targets.len(), "saves": all.len(), "p50_ns": p50, "p95_ns": p95,
        "max_ns": percentile(&all, 1.0), "refused": refused.len(),
        "first_refusal": refused.first(), "wall_seconds": wall,
    })
}

fn env_size(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
        .unwrap_or(default)
}
