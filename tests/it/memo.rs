//! The client memo end to end: four channels (one per rating) from the scenario fixtures, rendered
//! in zh, en and bi and read back with pdftotext and qpdf — headings, each channel's rating word,
//! citations as lawyers write them, the "from" line from the profile, the memo fingerprint
//! recomputed from the vault — plus "current versions only", and the CLI doors
//! (`report --client`, `report ID` on a data-source assessment, `profile set|show`).

use std::path::Path;

use dpodesk_core::Vault;
use dpodesk_core::api;
use dpodesk_core::assessment::parse_answers;
use dpodesk_core::law::LawRegister;
use dpodesk_core::report::{self, ReportLang, wording as wd};
use dpodesk_core::template::{self, Template};
use sha2::{Digest, Sha256};

use crate::cli::{dpodesk, stderr, stdout};
use crate::reports::{check_file, text_of};
use crate::support::*;

const DATE: &str = "2025-07-20";
const CLIENT: &str = "Acme 贸易有限公司";

/// (fixture, data source name, channel code)
const CHANNELS: [(&str, &str, &str); 4] = [
    ("06-offline-store-qr-done-right", "Store QR standee", "QR"),
    ("02-platform-orders-to-wechat", "Tmall orders", "EC"),
    ("13-newsletter-partial-logs", "Newsletter sign-up", "WEB"),
    ("01-bought-eu-list-whatsapp", "Bought EU list", "BUY"),
];

fn data_source_template() -> Template {
    let law = LawRegister::bundled().expect("law");
    template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == "data-source")
        .expect("data-source template")
}

/// The `[answers]` of a data-source scenario fixture, as an answers file.
fn fixture_answers(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/scenarios/data-source")
        .join(format!("{name}.toml"));
    let table: toml::Table =
        toml::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("toml");
    toml::to_string(table.get("answers").expect("[answers]")).expect("answers")
}

struct Setup {
    _dir: tempfile::TempDir,
    vault: Vault,
    client: String,
    channels: Vec<String>,
}

fn add_channel(
    vault: &mut Vault,
    client: &str,
    (fixture, name, code): (&str, &str, &str),
) -> String {
    let t = data_source_template();
    let source = api::add_data_source(
        vault,
        ACTOR,
        api::NewDataSourceRequest {
            client_id: client.to_owned(),
            name: name.into(),
            channel: code.into(),
            platform: String::new(),
            notes: String::new(),
        },
    )
    .expect("data source");
    let record = crate::support::create_assessment(
        vault,
        ACTOR,
        &t,
        api::NewAssessmentRequest {
            client_id: Some(client.to_owned()),
            subject_id: Some(source.id),
            ..assessment_request(format!("{name} assessment"))
        },
    )
    .expect("assessment");
    let answers = parse_answers("a.toml", &fixture_answers(fixture), &t).expect("answers");
    crate::support::save_answers(vault, ACTOR, &record.id, &answers).expect("save");
    record.id
}

fn setup() -> Setup {
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: CLIENT.into(),
            matter: "私域营销".into(),
            contact: "Ms Li".into(),
            notes: String::new(),
        },
    )
    .expect("client")
    .id;
    let channels = CHANNELS
        .iter()
        .map(|c| add_channel(&mut vault, &client, *c))
        .collect();
    Setup {
        _dir: dir,
        vault,
        client,
        channels,
    }
}

fn memo_fingerprint(vault: &Vault, ids: &[String]) -> String {
    let mut lines: Vec<String> = ids
        .iter()
        .map(|id| {
            format!(
                "{id}:{}",
                api::read_assessment(vault, id)
                    .map(|a| a.fingerprint)
                    .expect("fingerprint")
            )
        })
        .collect();
    lines.sort();
    hex::encode(Sha256::digest(lines.join("\n").as_bytes()))
}

#[test]
fn the_memo_reads_back_in_every_language() {
    let mut s = setup();
    api::set_profile(
        &mut s.vault,
        ACTOR,
        Some("Wang Fang"),
        Some("Data Protection Officer"),
        Some("Example Law LLP"),
    )
    .expect("profile");
    let ratings: Vec<_> = s
        .channels
        .iter()
        .map(|id| {
            api::read_assessment(&s.vault, id)
                .map(|a| a.outcome)
                .expect("outcome")
                .ratings
                .overall
        })
        .collect();
    let mut distinct = ratings.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 4, "one channel per rating: {ratings:?}");
    let fingerprint = memo_fingerprint(&s.vault, &s.channels);
    let dir = tempfile::tempdir().expect("dir");
    for lang in [ReportLang::Zh, ReportLang::En, ReportLang::Bi] {
        let report = dpodesk_core::report::generate_memo(
            &mut s.vault,
            ACTOR,
            CLIENT,
            lang,
            dpodesk_core::report::ReportFormat::Pdf,
            DATE,
        )
        .expect("memo");
        assert!(report.missing.is_empty(), "{:?}", report.missing);
        assert_eq!(report.record.kind, "memo");
        assert_eq!(report.record.client_id.as_deref(), Some(s.client.as_str()));
        assert_eq!(report.record.assessment_id, None);
        let pdf = dir.path().join(format!("memo-{}.pdf", lang.as_str()));
        std::fs::write(&pdf, &report.bytes).expect("write");
        check_file(&pdf);
        let text = text_of(&pdf, None);
        let mut needles: Vec<String> = Vec::new();
        for (wanted, zh) in [
            (lang != ReportLang::En, true),
            (lang != ReportLang::Zh, false),
        ] {
            if !wanted {
                continue;
            }
            let pick = |w: wd::W| if zh { w.zh } else { w.en }.to_owned();
            for heading in [
                wd::EXECUTIVE_SUMMARY,
                wd::CHANNEL_TABLE,
                wd::CHANNEL_ANALYSIS,
                wd::PRIORITY_RECOMMENDATIONS,
                wd::ASSUMPTIONS,
                wd::APPENDIX,
                wd::MEMO_TO,
                wd::MEMO_FROM,
                wd::MEMO_RE,
                wd::CONFIDENTIAL,
                wd::FACTS,
                wd::ISSUES,
                wd::ANALYSIS,
            ] {
                needles.push(pick(heading));
            }
            for rating in &ratings {
                needles.push(pick(wd::rating(*rating)));
            }
            needles.push(if zh {
                "《个人信息保护法》第十四条".to_owned()
            } else {
                "PIPL Art. 14".to_owned()
            });
            needles.push(if zh {
                "《个人信息保护法》第二十三条".to_owned()
            } else {
                "PIPL Art. 23".to_owned()
            });
        }
        needles.extend(CHANNELS.iter().map(|(_, name, _)| (*name).to_owned()));
        needles.push("Wang Fang, Data Protection Officer, Example Law LLP".to_owned());
        needles.push(CLIENT.to_owned());
        needles.push(fingerprint.clone());
        for needle in &needles {
            // pdftotext writes a table cell's wrapped lines apart; compare without line breaks.
            let flat = text.replace('\n', " ");
            assert!(
                text.contains(needle.as_str()) || flat.contains(needle.as_str()),
                "{}: {needle:?} missing",
                lang.as_str()
            );
        }
        if lang == ReportLang::En {
            assert!(
                !text.contains("个人信息保护法"),
                "no Chinese wording in English"
            );
        }
    }
    assert_eq!(
        api::reports(&s.vault, None, None).expect("reports").len(),
        3
    );
}

#[test]
fn the_memo_lists_only_current_versions() {
    let mut s = setup();
    // The first channel is signed off and re-opened: its version 2 replaces version 1.
    let v1 = s.channels[0].clone();
    api::submit(&mut s.vault, ACTOR, &v1).expect("submit");
    crate::support::sign_off(
        &mut s.vault,
        ACTOR,
        &api::SignOffRequest {
            version: None,
            assessment_id: v1.to_owned(),
            name: "Li".into(),
            role: "Counsel".into(),
            decision: api::Decision::Approve,
            comment: String::new(),
            attestations: attestations(),
            with_reservations: true,
        },
    )
    .expect("sign off");
    let v2 = api::reopen_assessment(&mut s.vault, ACTOR, &v1)
        .expect("reopen")
        .id;
    // Another client's channel and this client's PIA stay out.
    let other = api::add_client(
        &mut s.vault,
        ACTOR,
        api::NewClientRequest {
            name: "Other client".into(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client")
    .id;
    let foreign = add_channel(&mut s.vault, &other, CHANNELS[1]);

    let src = report::memo_source(&s.vault, CLIENT, DATE, ACTOR).expect("memo source");
    let ids: Vec<&str> = src.channels.iter().map(|c| c.record.id.as_str()).collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert!(ids.contains(&v2.as_str()), "the new version is in");
    assert!(!ids.contains(&v1.as_str()), "the superseded version is out");
    assert!(
        !ids.contains(&foreign.as_str()),
        "another client's channel is out"
    );

    let report = dpodesk_core::report::generate_memo(
        &mut s.vault,
        ACTOR,
        &s.client,
        ReportLang::En,
        dpodesk_core::report::ReportFormat::Pdf,
        DATE,
    )
    .expect("memo by client id");
    let dir = tempfile::tempdir().expect("dir");
    let pdf = dir.path().join("memo.pdf");
    std::fs::write(&pdf, &report.bytes).expect("write");
    let text = text_of(&pdf, None).replace('\n', " ");
    assert!(text.contains(&v2), "v2 listed");
    assert!(!text.contains(&v1), "v1 not listed");
    assert!(text.contains("Version 2"), "the version is shown");
    let mut current = s.channels[1..].to_vec();
    current.push(v2);
    assert!(text.contains(&memo_fingerprint(&s.vault, &current)));
}

#[test]
fn a_client_without_data_source_assessments_has_no_memo() {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "Empty".into(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client");
    let error = dpodesk_core::report::generate_memo(
        &mut vault,
        ACTOR,
        "Empty",
        ReportLang::En,
        dpodesk_core::report::ReportFormat::Pdf,
        DATE,
    )
    .expect_err("no channels");
    assert!(
        error.to_string().contains("no data-source assessment"),
        "{error}"
    );
    assert!(
        api::reports(&vault, None, None)
            .expect("reports")
            .is_empty()
    );
}

#[test]
fn the_cli_renders_the_memo_and_sets_the_profile() {
    let (dir, vault) = vault_path();
    let ok = |args: &[&str]| {
        let out = dpodesk(&vault, Some(PASSPHRASE), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out).trim().to_owned()
    };
    ok(&["vault", "init"]);
    ok(&["client", "add", "--name", "Acme"]);
    let answers = dir.path().join("a.toml");
    std::fs::write(&answers, fixture_answers(CHANNELS[1].0)).expect("write");
    let id = ok(&[
        "assess",
        "new",
        "--template",
        "data-source",
        "--title",
        "Tmall orders",
        "--client",
        "Acme",
    ]);
    ok(&[
        "assess",
        "answer",
        &id,
        "--file",
        answers.to_str().expect("path"),
    ]);
    ok(&[
        "profile", "set", "--name", "Zhao Min", "--role", "DPO", "--firm", "Firm LLP",
    ]);
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&["profile", "show", "--json"])).expect("json");
    assert_eq!(shown["firm"], "Firm LLP");

    let out = dir.path().join("memo.pdf");
    let out_s = out.to_str().expect("path");
    ok(&[
        "report", "--client", "Acme", "--lang", "en", "--out", out_s, "--date", DATE,
    ]);
    check_file(&out);
    let text = text_of(&out, None);
    assert!(text.contains("Zhao Min, DPO, Firm LLP"), "{text}");
    assert!(text.contains(wd::EXECUTIVE_SUMMARY.en));
    let refused = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["report", "--client", "Acme", "--lang", "zh", "--out", out_s],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--force"));

    // `report ID` on a data-source assessment: a memo over that one channel.
    let one = dir.path().join("one.pdf");
    ok(&[
        "report",
        &id,
        "--lang",
        "zh",
        "--out",
        one.to_str().expect("path"),
        "--date",
        DATE,
    ]);
    assert!(text_of(&one, None).contains(wd::MEMO_TITLE.zh));

    // Neither an id nor --client: a usage error.
    let usage = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["report", "--lang", "en", "--out", out_s],
    );
    assert_eq!(usage.status.code(), Some(2));
    // A client with no data-source assessment: a one-line message.
    ok(&["client", "add", "--name", "Empty"]);
    let none = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &[
            "report", "--client", "Empty", "--lang", "en", "--out", out_s, "--force",
        ],
    );
    assert_eq!(none.status.code(), Some(1));
    assert!(
        stderr(&none).contains("no data-source assessment"),
        "{}",
        stderr(&none)
    );
}

/// The facts and the channel table of a one-channel memo built with `template` (answers given
/// under `rename`d question ids).
fn memo_facts(template: &Template, rename: &dyn Fn(&str) -> String) -> Vec<String> {
    let (_dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: CLIENT.into(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("client")
    .id;
    let record = crate::support::create_assessment(
        &mut vault,
        ACTOR,
        template,
        api::NewAssessmentRequest {
            client_id: Some(client),
            ..assessment_request("Tmall orders assessment")
        },
    )
    .expect("assessment");
    let text = rename(&fixture_answers(CHANNELS[1].0));
    let answers = parse_answers("a.toml", &text, template).expect("answers");
    crate::support::save_answers(&mut vault, ACTOR, &record.id, &answers).expect("save");
    let src = report::memo_source(&vault, CLIENT, DATE, ACTOR).expect("memo source");
    report::build_memo(&src, ReportLang::En)
        .blocks
        .iter()
        .filter(|b| matches!(b, report::Block::KeyValue { .. } | report::Block::Table(_)))
        .map(|b| format!("{b:?}"))
        // Ids and fingerprints differ from vault to vault.
        .filter(|b| !b.contains("Assessment fingerprint"))
        .collect()
}

/// The memo finds the channel and the facts it describes by their roles, not their ids: a custom
/// template that renames those questions gives the same memo.
#[test]
fn a_template_that_renames_the_described_questions_keeps_the_memo_right() {
    let bundled = data_source_template();
    let ids = [
        "ds01_channel",
        "ds01_platforms",
        "ds01_volume",
        "ds01_purpose",
        "ds01_start_date",
    ];
    let rename = |text: &str| {
        ids.iter().fold(text.to_owned(), |t, id| {
            t.replace(&format!("{id} ="), &format!("our_{id} ="))
                .replace(&format!("\"{id}\""), &format!("\"our_{id}\""))
        })
    };
    let law = LawRegister::bundled().expect("law");
    let toml = rename(&template::export(&bundled).expect("bundled text"));
    let renamed = template::parse("renamed.toml", &toml, &law).expect("renamed template");
    for id in ids {
        assert!(renamed.question(id).is_none(), "{id} is renamed");
    }
    let expected = memo_facts(&bundled, &|t: &str| t.to_owned());
    assert!(
        expected
            .iter()
            .any(|b| b.contains("People concerned") && b.contains("In use since")),
        "the facts are there to compare: {expected:?}"
    );
    assert_eq!(memo_facts(&renamed, &rename), expected);
}
