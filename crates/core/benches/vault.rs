//! The vault at scale, each operation measured twice in the same run — on the SQLCipher vault and
//! on an unencrypted SQLite database with the same schema, filled by the same generator and driven
//! by the same core code — so `cargo xtask bench` can print the encryption's cost as a ratio, which
//! stays meaningful on a shared, noisy machine where absolute times drift.
//!
//! Fixture: 10,000 assessments / 1,000,000 answers (`support/mod.rs`, cached under
//! `target/bench-data/`). Operations: unlock (the key derivation is deliberate; reported, excluded
//! from the ratio goal), save one answer, load an assessment with 300 answers, list every
//! assessment, search (a common and a rare two-character Chinese term, a long Chinese term, two
//! Latin words), and — for comparison with the trigram-prefix lookup search uses — a plain `LIKE`
//! scan for the rare term. Facts about the fixture go to `target/bench-data/vault-facts.json`.

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion};
use dpodesk_core::Vault;
use dpodesk_core::api;
// The store interface: the load and list benches time the store itself, below the use cases.
use dpodesk_core::assessment::{Answer, Answers};
use dpodesk_core::vault::store::Read;
use support::{RARE_TERM, Size};

const SEARCHES: [(&str, &str); 4] = [
    ("search_zh2_common", "同意"),
    ("search_zh2_rare", RARE_TERM),
    ("search_zh_long", "个人信息保护影响评估"),
    ("search_latin", "unticked consent"),
];

fn raw(path: &std::path::Path, plain: bool) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).expect("open raw");
    if !plain {
        conn.key(None::<&str>, support::PASSPHRASE.as_bytes(), false)
            .expect("key");
    }
    conn
}

fn facts(size: Size, vault: &std::path::Path, plain: &std::path::Path) {
    let conn = raw(vault, false);
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    let json = serde_json::json!({
        "assessments": count("SELECT count(*) FROM assessments"),
        "answers": count("SELECT count(*) FROM answers"),
        "clients": count("SELECT count(*) FROM clients"),
        "indexed_texts": count("SELECT count(*) FROM search_docs"),
        "audit_entries": count("SELECT count(*) FROM audit_log"),
        "vault_bytes": std::fs::metadata(vault).map(|m| m.len()).unwrap_or(0),
        "plain_bytes": std::fs::metadata(plain).map(|m| m.len()).unwrap_or(0),
        "requested": { "assessments": size.assessments, "answers": size.answers },
    });
    let out = support::data_dir().join("vault-facts.json");
    std::fs::write(&out, json.to_string()).expect("write facts");
    println!("fixture: {json}");
}

/// One database, open, with the ids the operations use.
struct Peer {
    name: &'static str,
    vault: Vault,
    raw: rusqlite::Connection,
    big: String,
    ordinary: String,
    question: String,
}

impl Peer {
    fn new(name: &'static str, path: &std::path::Path, plain: bool) -> Peer {
        let vault = support::open(path, plain);
        let (big, ordinary) = support::fixture_ids(&vault);
        let question = api::assessment_template(&vault, &ordinary)
            .expect("template")
            .sections
            .iter()
            .flat_map(|s| &s.questions)
            .find(|q| q.kind == dpodesk_core::template::QuestionType::Text)
            .map(|q| q.id.clone())
            .expect("a text question");
        Peer {
            name,
            raw: raw(path, plain),
            vault,
            big,
            ordinary,
            question,
        }
    }
}

fn bench(c: &mut Criterion) {
    let size = Size::from_env();
    let vault_path = support::ensure(size, false);
    let plain_path = support::ensure(size, true);
    facts(size, &vault_path, &plain_path);

    let mut group = c.benchmark_group("vault");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));

    let peers = [
        ("sqlcipher", &vault_path, false),
        ("plain", &plain_path, true),
    ];
    // Each operation on both databases back to back, so a burst of load on the shared machine
    // hits both sides of a ratio alike.
    for (peer, path, plain) in peers {
        group.bench_function(BenchmarkId::new("unlock", peer), |b| {
            b.iter(|| api::lock_vault(support::open(path, plain)).expect("lock"))
        });
    }
    let mut open: Vec<Peer> = peers
        .iter()
        .map(|(name, path, plain)| Peer::new(name, path, *plain))
        .collect();

    for p in &mut open {
        // A text no earlier run left there (the cached vault keeps what was saved), so every
        // iteration is a real change.
        let run = std::process::id();
        let mut n = 0u64;
        group.bench_function(BenchmarkId::new("save_answer", p.name), |b| {
            b.iter(|| {
                n += 1;
                let text = format!(
                    "用户同意后才发送营销短信（第 {run}-{n} 次）。Marketing only after consent."
                );
                // One answer as the CLI's answers file gives it: the write path a door takes.
                let file = format!("{} = {}\n", p.question, toml::Value::String(text));
                let saved =
                    api::answer_from_file(&mut p.vault, "bench", &p.ordinary, "a.toml", &file)
                        .expect("save");
                assert_eq!(saved, 1);
            })
        });
    }
    for p in &open {
        group.bench_function(BenchmarkId::new("load_300_answers", p.name), |b| {
            b.iter(|| {
                let record = p.vault.assessment(&p.big).expect("record");
                let template = api::assessment_template(&p.vault, &p.big).expect("template");
                // The rows as stored, read as answers: the store's read, below any scoring.
                let answers: Answers = p
                    .vault
                    .answer_rows(&p.big)
                    .expect("answers")
                    .into_iter()
                    .map(|(question, json)| {
                        let answer: Answer = serde_json::from_str(&json).expect("answer");
                        (question, answer)
                    })
                    .collect();
                assert_eq!(answers.len(), support::BIG_ANSWERS);
                black_box((record, template, answers))
            })
        });
    }
    for p in &open {
        group.bench_function(BenchmarkId::new("list_assessments", p.name), |b| {
            b.iter(|| {
                let all = p.vault.assessments().expect("list");
                assert_eq!(all.len(), size.assessments);
                black_box(all)
            })
        });
    }
    for (name, query) in SEARCHES {
        for p in &open {
            group.bench_function(BenchmarkId::new(name, p.name), |b| {
                b.iter(|| {
                    let hits = api::search(&p.vault, black_box(query), 20).expect("search");
                    assert!(!hits.is_empty(), "{query} found nothing");
                    black_box(hits)
                })
            });
        }
    }
    // The alternative for short terms that search.rs does not take: a LIKE over every indexed
    // text (FTS5's LIKE did so for a pattern under three characters; since schema 17 the index
    // keeps no text, which is read from where it lives).
    for p in &open {
        group.bench_function(BenchmarkId::new("like_scan_zh2_rare", p.name), |b| {
            b.iter(|| {
                let ids: Vec<i64> = p
                    .raw
                    .prepare_cached(
                        "SELECT id FROM search_doc_text WHERE body LIKE ?1 ORDER BY id DESC LIMIT 20",
                    )
                    .and_then(|mut s| {
                        s.query_map([format!("%{RARE_TERM}%")], |r| r.get(0))?
                            .collect::<rusqlite::Result<_>>()
                    })
                    .expect("like");
                black_box(ids)
            })
        });
    }
    for p in open {
        api::lock_vault(p.vault).expect("lock");
    }
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
