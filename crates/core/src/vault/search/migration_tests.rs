//! Migration 17 on a vault of schema 16: the demo vault's rows copied into a fresh vault of
//! schema 16 (generated here, never committed), whose triggers index them as they arrive, with
//! the demo's findings written into that index's own content as schema 16 kept them. The
//! migrated vault must find what the demo finds, with the same snippets.

// Test code only (the module is `#[cfg(test)]`): marked so, layers.rs reads what follows as
// tests, which may reach the api and the demo to build and carry what they check.
#[cfg(test)]
use std::path::Path;

use rusqlite::Connection;

use super::SearchOptions;
use crate::vault::migrate::test_support::{keyed, older_vault};
use crate::vault::{Passphrase, Vault};

const PASS: &str = "correct horse battery staple 17";
const DATE: &str = "2026-05-04";

/// Terms the demo holds in names, answers, findings, questions and actions; one- and
/// two-character terms, a term of one common letter (read, not looked up), Latin and Chinese.
const QUERIES: &[&str] = &[
    "同意",
    "名单",
    "个人信息",
    "consent",
    "Marketing",
    "a",
    "e 同",
    "营销 consent",
    "risk",
    "的",
    "transfer",
    "PIA",
];

fn passphrase() -> Passphrase {
    Passphrase::new(PASS.to_owned())
}

fn raw(path: &Path) -> Connection {
    keyed(path, PASS)
}

/// Every hit of `query`, archived ones too, as comparable lines (the documents' ids, hence the
/// order among equals, differ between two vaults indexed in another order).
fn found(vault: &Vault, query: &str) -> Vec<String> {
    let options = SearchOptions {
        include_archived: true,
    };
    let mut lines: Vec<String> = vault
        .search_with(query, 10_000, options)
        .expect("search")
        .into_iter()
        .map(|h| {
            format!(
                "{:?} {} {:?} {:?} {:?} {:?} {:?}",
                h.kind, h.id, h.question_id, h.finding_id, h.label, h.snippet.text, h.snippet.mark
            )
        })
        .collect();
    lines.sort();
    lines
}

/// A vault of schema 16 holding `from`'s rows, its findings and questions indexed as that
/// schema indexed them (findings' text in the FTS table's own content).
fn schema_16_from(from: &Vault, path: &Path) {
    let (conn, _) = older_vault(from, path, PASS, 16, |_, _| None);
    conn.execute(
        "ATTACH DATABASE ?1 AS source KEY ?2",
        [from.path().to_string_lossy().as_ref(), PASS],
    )
    .expect("attach");
    conn.execute_batch(
        "INSERT INTO main.search_docs (kind, entity_id, field, label_zh, label_en)
         SELECT kind, entity_id, field, label_zh, label_en FROM source.search_docs
         WHERE kind = 'finding' ORDER BY id;
         INSERT INTO main.search_fts (rowid, name, body)
         SELECT m.id, '', t.body
         FROM main.search_docs AS m
         JOIN source.search_docs AS s
           ON s.kind = m.kind AND s.entity_id = m.entity_id AND s.field = m.field
         JOIN source.search_findings AS f ON f.id = s.id
         JOIN source.search_finding_texts AS t ON t.id = f.text_id
         WHERE m.kind = 'finding';
         DELETE FROM main.search_stale;
         INSERT INTO main.search_questions SELECT * FROM source.search_questions;",
    )
    .expect("findings and questions as schema 16 indexed them");
    conn.execute("DETACH DATABASE source", []).expect("detach");
}

/// Terms (with their document counts) that the live index and an index built anew from
/// `search_doc_text` do not share: none when the view reads back what the triggers indexed.
fn index_differs_from_view(conn: &Connection) -> Vec<String> {
    conn.execute_batch(
        "INSERT INTO search_fts (search_fts) VALUES ('optimize');
         CREATE VIRTUAL TABLE temp.fresh USING fts5 (
             name, body, tokenize = 'trigram', content = '', detail = column);
         INSERT INTO temp.fresh (rowid, name, body) SELECT id, name, body FROM search_doc_text;
         CREATE VIRTUAL TABLE temp.fresh_vocab USING fts5vocab (temp, fresh, col);
         CREATE VIRTUAL TABLE temp.live_vocab USING fts5vocab (main, search_fts, col);",
    )
    .expect("a fresh index");
    let mut stmt = conn
        .prepare(
            "SELECT 'live ' || term || ' ' || col || ' ' || doc FROM (
                 SELECT term, col, doc FROM temp.live_vocab
                 EXCEPT SELECT term, col, doc FROM temp.fresh_vocab)
             UNION ALL
             SELECT 'view ' || term || ' ' || col || ' ' || doc FROM (
                 SELECT term, col, doc FROM temp.fresh_vocab
                 EXCEPT SELECT term, col, doc FROM temp.live_vocab)
             LIMIT 20",
        )
        .expect("compare");
    stmt.query_map([], |row| row.get(0))
        .expect("compare")
        .collect::<rusqlite::Result<_>>()
        .expect("compare")
}

#[test]
fn a_schema_16_vault_finds_the_same_after_its_index_is_made_contentless() {
    let dir = tempfile::tempdir().expect("dir");
    let demo = crate::demo::create(dir.path(), &passphrase(), DATE, false).expect("demo");
    let source = Vault::open(&demo.vault, &passphrase()).expect("open demo");
    crate::api::refresh_search_index(&source).expect("the demo indexed");
    let expected: Vec<Vec<String>> = QUERIES.iter().map(|q| found(&source, q)).collect();
    let kinds: std::collections::BTreeSet<String> = expected
        .iter()
        .flatten()
        .map(|line| line.split(' ').next().unwrap_or_default().to_owned())
        .collect();
    for kind in ["Client", "Assessment", "Answer", "Finding", "Question"] {
        assert!(
            kinds.contains(kind),
            "the queries find no {kind}: {kinds:?}"
        );
    }
    let findings: i64 = source
        .conn
        .query_row(
            "SELECT count(*) FROM search_docs WHERE kind = 'finding'",
            [],
            |r| r.get(0),
        )
        .expect("findings");
    assert!(findings > 0);

    let old = dir.path().join("old.dpvault");
    schema_16_from(&source, &old);
    source.lock().expect("lock");
    let shadow = |path: &Path| -> Vec<String> {
        raw(path)
            .prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'search_fts_%' ORDER BY 1")
            .expect("tables")
            .query_map([], |r| r.get(0))
            .expect("tables")
            .collect::<rusqlite::Result<_>>()
            .expect("tables")
    };
    assert!(shadow(&old).contains(&"search_fts_content".to_owned()));

    let texts: i64 = raw(&old)
        .query_row(
            "SELECT count(DISTINCT body) FROM search_fts JOIN search_docs AS d ON d.id = search_fts.rowid
             WHERE d.kind = 'finding'",
            [],
            |r| r.get(0),
        )
        .expect("texts");
    assert!(
        texts < findings,
        "findings share their texts: {texts} of {findings}"
    );
    for round in ["migrated", "migrated again"] {
        let vault = Vault::open(&old, &passphrase()).expect("open migrates");
        for (query, expected) in QUERIES.iter().zip(&expected) {
            assert_eq!(&found(&vault, query), expected, "{round}: {query}");
        }
        let kept: i64 = vault
            .conn
            .query_row("SELECT count(*) FROM search_findings", [], |r| r.get(0))
            .expect("findings");
        assert_eq!(kept, findings, "{round}");
        let kept_texts: i64 = vault
            .conn
            .query_row("SELECT count(*) FROM search_finding_texts", [], |r| {
                r.get(0)
            })
            .expect("texts");
        assert_eq!(kept_texts, texts, "{round}: each text once");
        assert_eq!(
            index_differs_from_view(&vault.conn),
            Vec::<String>::new(),
            "{round}"
        );
        vault.lock().expect("lock");
        assert!(
            !shadow(&old).contains(&"search_fts_content".to_owned()),
            "{round}: {:?}",
            shadow(&old)
        );
        // A vault of this schema brought back to 16 is migrated again, to the same.
        raw(&old)
            .pragma_update(None, "user_version", 16)
            .expect("back to 16");
    }
}

#[test]
fn the_view_reads_back_what_the_triggers_and_the_findings_indexed() {
    let dir = tempfile::tempdir().expect("dir");
    let demo = crate::demo::create(dir.path(), &passphrase(), DATE, false).expect("demo");
    let vault = Vault::open(&demo.vault, &passphrase()).expect("open demo");
    crate::api::refresh_search_index(&vault).expect("the demo indexed");
    // Changes through every update trigger, and a deletion.
    vault
        .conn
        .execute_batch(
            "UPDATE clients SET name = name || ' 改名', matter = '名单清洗';
             UPDATE data_sources SET platform = 'WeChat 小程序';
             UPDATE vendors SET service = 'SMS 短信', contact = 'ops@vendor.example';
             UPDATE assessments SET title = title || ' v2';
             UPDATE actions SET note = '已同意 agreed', owner = 'Wang';
             UPDATE answers SET note = '补充说明 noted'
             WHERE (assessment_id, question_id) IN
                   (SELECT assessment_id, question_id FROM answers LIMIT 5);
             DELETE FROM evidence WHERE id IN (SELECT id FROM evidence LIMIT 1);",
        )
        .expect("changes");
    assert_eq!(index_differs_from_view(&vault.conn), Vec::<String>::new());
}
