//! Search end to end: short Chinese terms (同意, 名单) found through the trigram index, longer and
//! Latin terms, case, archived entries left out, the index following every write (an answer
//! changed, a client renamed, a version re-opened), surviving a re-open of the vault, a vault made
//! before the search schema backfilled, and `dpodesk search` as a process.

use dpodesk_core::Vault;
use dpodesk_core::api::{self, RegisterKind, SearchHitKind, SearchHitView};
use dpodesk_core::assessment::{Answer, Answers, Cell, Row};
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Template};

use crate::cli::{dpodesk, stderr, stdout};
use crate::support::*;

fn bundled(id: &str) -> Template {
    let law = LawRegister::bundled().expect("law");
    template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == id)
        .expect("template")
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    vault: Vault,
    client: String,
    assessment: String,
}

/// A client with a data source and a vendor, and a data-source assessment whose free-text purpose
/// says 用户同意 and whose choice answer is a machine value.
fn fixture() -> Fixture {
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "华东商贸 Eastern Trading".into(),
            matter: "名单采购 list purchase".into(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client");
    let source = api::add_data_source(
        &mut vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: client.id.clone(),
            name: "会员小程序".into(),
            channel: "QR".into(),
            platform: "WeChat".into(),
            notes: String::new(),
        },
    )
    .expect("source");
    api::add_vendor(
        &mut vault,
        ACTOR,
        api::NewVendorRequest {
            client_id: client.id.clone(),
            name: "Mailwave SMS".into(),
            service: "短信群发".into(),
            country: String::new(),
            contact: String::new(),
            next_review: String::new(),
            notes: String::new(),
        },
    )
    .expect("vendor");
    let assessment = crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &bundled("data-source"),
        api::NewAssessmentRequest {
            client_id: Some(client.id.clone()),
            subject_id: Some(source.id),
            ..assessment_request("Loyalty Mini-Program intake")
        },
    )
    .expect("assessment");
    let mut answers = Answers::new();
    answers.insert(
        "ds01_purpose".into(),
        Answer::Text("会员注册时用户同意接收营销短信；Members opt in to Marketing SMS.".into()),
    );
    answers.insert("ds01_channel".into(), Answer::Text("QR".into()));
    crate::support::save_answers(&mut vault, ACTOR, &assessment.id, &answers).expect("answers");
    Fixture {
        _dir: dir,
        path,
        vault,
        client: client.id,
        assessment: assessment.id,
    }
}

/// The hits on what was written into this vault, without the template's questions and the findings
/// scoring drew from the answers (tested on their own below).
fn written(hits: Vec<SearchHitView>) -> Vec<SearchHitView> {
    hits.into_iter()
        .filter(|h| !matches!(h.kind, SearchHitKind::Question | SearchHitKind::Finding))
        .collect()
}

fn kinds(hits: &[SearchHitView]) -> Vec<SearchHitKind> {
    hits.iter().map(|h| h.kind).collect()
}

#[test]
fn bundled_sqlcipher_has_fts5_compiled_in() {
    let (_dir, path) = vault_path();
    drop(create_vault(&path));
    let conn = raw_connection(&path, PASSPHRASE);
    let options: Vec<String> = conn
        .prepare("PRAGMA compile_options")
        .and_then(|mut s| {
            s.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .expect("compile options");
    assert!(options.iter().any(|o| o == "ENABLE_FTS5"), "{options:?}");
}

#[test]
fn two_character_chinese_terms_are_found() {
    let f = fixture();
    let hits = written(api::search(&f.vault, "同意", 10).expect("search"));
    assert_eq!(kinds(&hits), [SearchHitKind::Answer]);
    let hit = &hits[0];
    assert_eq!(hit.id, f.assessment);
    assert_eq!(hit.question_id.as_deref(), Some("ds01_purpose"));
    assert_eq!(hit.title, "Loyalty Mini-Program intake");
    assert_eq!(hit.client_id.as_deref(), Some(f.client.as_str()));
    assert_eq!(hit.client_name.as_deref(), Some("华东商贸 Eastern Trading"));
    assert!(hit.snippet.contains("用户同意接收"), "{:?}", hit.snippet);
    assert_eq!(hit.snippet_match, "同意");
    assert!(!hit.archived);

    let hits = written(api::search(&f.vault, "名单", 10).expect("search"));
    assert_eq!(kinds(&hits), [SearchHitKind::Client]);
    assert_eq!(hits[0].id, f.client);
    // A two-character term at the very end of a text, and one nothing contains.
    assert_eq!(
        kinds(&written(api::search(&f.vault, "程序", 10).expect("search"))),
        [SearchHitKind::DataSource]
    );
    assert!(written(api::search(&f.vault, "拒绝", 10).expect("search")).is_empty());
}

#[test]
fn longer_latin_and_mixed_terms_are_found_whatever_their_case() {
    let f = fixture();
    let hits = written(api::search(&f.vault, "会员小程序", 10).expect("search"));
    assert_eq!(kinds(&hits), [SearchHitKind::DataSource]);
    assert_eq!(hits[0].title, "会员小程序");
    for query in ["marketing sms", "MARKETING SMS", "Marketing Sms"] {
        let hits = written(api::search(&f.vault, query, 10).expect("search"));
        assert_eq!(kinds(&hits), [SearchHitKind::Answer], "{query}");
    }
    // Names and titles come before answers.
    let hits = written(api::search(&f.vault, "mini-program", 10).expect("search"));
    assert_eq!(kinds(&hits), [SearchHitKind::Assessment]);
    let hits = written(api::search(&f.vault, "sms", 10).expect("search"));
    assert_eq!(kinds(&hits), [SearchHitKind::Vendor, SearchHitKind::Answer]);
    // Every term must occur: a short Chinese term and a Latin word together.
    assert_eq!(
        kinds(&written(
            api::search(&f.vault, "同意 marketing", 10).expect("search")
        )),
        [SearchHitKind::Answer]
    );
    assert!(written(api::search(&f.vault, "同意 wechat", 10).expect("search")).is_empty());
    // A one-character term; machine values (choice codes) are not indexed.
    assert_eq!(
        kinds(&written(
            api::search(&f.vault, "短 群", 10).expect("search")
        )),
        [SearchHitKind::Vendor]
    );
    assert!(written(api::search(&f.vault, "qr", 10).expect("search")).is_empty());
    // Query syntax is taken literally.
    assert!(written(api::search(&f.vault, "\"sms OR", 10).expect("search")).is_empty());
    assert!(written(api::search(&f.vault, "   ", 10).expect("search")).is_empty());
    assert_eq!(
        written(api::search(&f.vault, "sms", 1).expect("search")).len(),
        1
    );
}

#[test]
fn archived_entries_are_left_out_unless_asked_for() {
    let mut f = fixture();
    api::set_archived(&mut f.vault, ACTOR, RegisterKind::Client, &f.client, true)
        .expect("archive client");
    for query in ["名单", "同意", "小程序", "Mailwave"] {
        assert!(
            written(api::search(&f.vault, query, 10).expect("search")).is_empty(),
            "{query} found under an archived client"
        );
        let hits = written(api::search_all(&f.vault, query, 10, true).expect("search"));
        assert_eq!(hits.len(), 1, "{query}");
        assert!(hits[0].archived);
    }
    api::set_archived(&mut f.vault, ACTOR, RegisterKind::Client, &f.client, false)
        .expect("unarchive");
    assert_eq!(
        written(api::search(&f.vault, "同意", 10).expect("search")).len(),
        1
    );
}

#[test]
fn the_index_follows_changed_answers_renamed_clients_and_reopened_versions() {
    let mut f = fixture();
    let mut answers = Answers::new();
    answers.insert(
        "ds01_purpose".into(),
        Answer::Text("用户拒绝后停止发送 stop on refusal".into()),
    );
    crate::support::save_answers(&mut f.vault, ACTOR, &f.assessment, &answers).expect("answers");
    assert!(written(api::search(&f.vault, "同意", 10).expect("search")).is_empty());
    assert!(written(api::search(&f.vault, "marketing", 10).expect("search")).is_empty());
    assert_eq!(
        written(api::search(&f.vault, "拒绝", 10).expect("search")).len(),
        1
    );

    // A group answer: its cells' text is indexed, its codes are not.
    let mut row = Row::new();
    row.insert(
        "title".into(),
        Cell::Text("名单泄露风险 leaked list".into()),
    );
    row.insert(
        "category".into(),
        Cell::Text("unlawful_list_trading".into()),
    );
    answers.insert("ds_rows".into(), Answer::Rows(vec![row]));
    // No bundled data-source question takes rows, and no door saves an answer its template
    // lacks: the store's own write puts one there.
    dpodesk_core::testing::save_answers_unchecked(&mut f.vault, ACTOR, &f.assessment, &answers)
        .expect("rows");
    let hits = written(api::search(&f.vault, "leaked", 10).expect("search"));
    assert_eq!(hits[0].question_id.as_deref(), Some("ds_rows"));
    assert!(written(api::search(&f.vault, "unlawful", 10).expect("search")).is_empty());

    {
        let request = api::UpdateClientRequest {
            matter: "年度审计".into(),
            ..client_edit(&f.vault, &f.client)
        };
        api::update_client(&mut f.vault, ACTOR, &request)
    }
    .expect("rename");
    assert_eq!(
        kinds(&written(api::search(&f.vault, "名单", 10).expect("search"))),
        [SearchHitKind::Answer]
    );
    assert_eq!(
        kinds(&written(api::search(&f.vault, "审计", 10).expect("search"))),
        [SearchHitKind::Client]
    );
}

#[test]
fn a_reopened_version_replaces_the_old_one_in_hits() {
    let mut f = fixture();
    api::submit(&mut f.vault, ACTOR, &f.assessment).expect("submit");
    crate::support::sign_off(
        &mut f.vault,
        ACTOR,
        &api::SignOffRequest {
            version: None,
            assessment_id: f.assessment.to_owned(),
            name: "Lin".into(),
            role: "DPO".into(),
            decision: api::Decision::Approve,
            comment: String::new(),
            attestations: attestations(),
            with_reservations: true,
        },
    )
    .expect("sign off");
    let newer = api::reopen_assessment(&mut f.vault, ACTOR, &f.assessment).expect("reopen");
    let hits = written(api::search(&f.vault, "同意", 10).expect("search"));
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, newer.id);
    let all = written(api::search_all(&f.vault, "同意", 10, true).expect("search"));
    assert_eq!(all.len(), 2);
    assert!(all.iter().any(|h| h.id == f.assessment && h.archived));
}

#[test]
fn the_index_survives_reopening_the_vault() {
    let f = fixture();
    let path = f.path.clone();
    api::lock_vault(f.vault).expect("lock");
    let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open");
    assert_eq!(
        written(api::search(&vault, "同意", 10).expect("search")).len(),
        1
    );
    assert_eq!(
        written(api::search(&vault, "Eastern", 10).expect("search")).len(),
        1
    );
    let check = api::check_vault(&vault).expect("check");
    assert!(check.schema_version >= 2);
}

#[test]
fn a_vault_made_before_the_search_schema_is_backfilled() {
    let (_dir, path) = vault_path();
    {
        // Schema 1 only, written by hand the way an older build left it.
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.key(None::<&str>, PASSPHRASE.as_bytes(), false)
            .expect("key");
        conn.execute_batch(include_str!(
            "../../crates/core/migrations/0001_initial.sql"
        ))
        .expect("schema 1");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
        conn.execute_batch(
            "INSERT INTO clients (id, name, matter, created_at, updated_at)
                 VALUES ('c1', '旧客户', '名单清洗', 't', 't');
             INSERT INTO assessments (id, kind, template_id, template_version, template_snapshot,
                 title, client_id, created_by, created_at, updated_at)
                 VALUES ('a1', 'pia', 'pia', '1.0.0', '{}', 'Legacy PIA', 'c1', 'x', 't', 't');
             INSERT INTO answers (assessment_id, question_id, value, updated_by, updated_at)
                 VALUES ('a1', 'q1', '\"取得个人同意 consent obtained\"', 'x', 't'),
                        ('a1', 'q2', '\"yes\"', 'x', 't');",
        )
        .expect("old rows");
    }
    let vault = api::open_vault(&path, &pass(PASSPHRASE)).expect("open migrates");
    assert_eq!(
        kinds(&written(api::search(&vault, "同意", 10).expect("search"))),
        [SearchHitKind::Answer]
    );
    assert_eq!(
        kinds(&written(api::search(&vault, "名单", 10).expect("search"))),
        [SearchHitKind::Client]
    );
    assert_eq!(
        kinds(&written(api::search(&vault, "legacy", 10).expect("search"))),
        [SearchHitKind::Assessment]
    );
    assert!(written(api::search(&vault, "yes", 10).expect("search")).is_empty());
}

#[test]
fn cli_search_prints_hits_as_json_and_as_a_table() {
    let f = fixture();
    let path = f.path.clone();
    api::lock_vault(f.vault).expect("lock");
    let out = dpodesk(&path, Some(PASSPHRASE), &["search", "同意", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(hits["format"], 2);
    let items: Vec<&serde_json::Value> = hits["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|h| h["kind"] != "question" && h["kind"] != "finding")
        .collect();
    assert_eq!(items.len(), 1, "{items:?}");
    let hit = items[0];
    assert_eq!(hit["kind"], "answer");
    assert_eq!(hit["question_id"], "ds01_purpose");
    assert_eq!(hit["client_name"], "华东商贸 Eastern Trading");
    assert_eq!(hit["archived"], false);
    assert!(hit["snippet"].as_str().is_some_and(|s| s.contains("同意")));

    let out = dpodesk(&path, Some(PASSPHRASE), &["search", "mailwave"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("vendor") && text.contains("Mailwave SMS"),
        "{text}"
    );
    let out = dpodesk(&path, Some(PASSPHRASE), &["search", "nowhere-to-be-found"]);
    assert_eq!(stdout(&out).trim(), "Nothing matches.");
}
