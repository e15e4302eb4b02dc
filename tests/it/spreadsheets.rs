//! Spreadsheet exports end to end: the three registers and an assessment's answers and findings,
//! exported through core as CSV and XLSX with Chinese and English headers, then read back — CSV
//! with the `csv` crate (after its byte-order mark), XLSX with calamine — and compared row for
//! row with the table the export was built from; dates come back as date cells. Every export leaves an
//! audit entry that names no value; the CLI doors write the files and refuse to overwrite them.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use dpodesk_core::Vault;
use dpodesk_core::api;
use dpodesk_core::assessment::parse_answers;
use dpodesk_core::export::{self, ExportFormat, ExportSubject, Table, Value};
use dpodesk_core::i18n::Lang;
use dpodesk_core::law::LawRegister;
use dpodesk_core::template;

use crate::cli::{dpodesk, stderr, stdout};
use crate::support::*;

const DATE: &str = "2025-07-20";
const CLIENT: &str = "Acme 贸易有限公司";
/// A note with what CSV must quote: a comma, a quote, a line break and Chinese.
const TRICKY_NOTE: &str = "收件人, \"VIP\" 名单\n第二行";
/// A note Excel would run as a formula if a CSV handed it over as is.
const FORMULA_NOTE: &str = "=HYPERLINK(\"http://x\",\"x\")";

const ANSWERS: &str = r#"
ds01_channel = "BUY"
ds02_regime = "prc"
ds17_provenance = "no"
ds01_start_date = "2025-03-01"
"#;

struct Setup {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    vault: Vault,
    assessment: String,
}

fn setup() -> Setup {
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let client = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: CLIENT.into(),
            contact: "Ms Li".into(),
            matter: String::new(),
            notes: String::new(),
        },
    )
    .expect("client")
    .id;
    let other = api::add_client(
        &mut vault,
        ACTOR,
        api::NewClientRequest {
            name: "Other Ltd".into(),
            matter: String::new(),
            contact: String::new(),
            notes: String::new(),
        },
    )
    .expect("other client")
    .id;
    for (owner, name, code, notes) in [
        (&client, "天猫店铺订单", "EC", TRICKY_NOTE),
        (&client, "Bought list", "BUY", FORMULA_NOTE),
        (&other, "Newsletter", "WEB", ""),
    ] {
        api::add_data_source(
            &mut vault,
            ACTOR,
            api::NewDataSourceRequest {
                client_id: owner.clone(),
                name: name.into(),
                channel: code.into(),
                platform: "WeChat".into(),
                notes: notes.into(),
            },
        )
        .expect("data source");
    }
    for (name, review) in [("CloudCRM GmbH", Some("2026-06-30")), ("短信服务商", None)] {
        api::add_vendor(
            &mut vault,
            ACTOR,
            api::NewVendorRequest {
                client_id: client.clone(),
                name: name.into(),
                country: "DE".into(),
                next_review: review.unwrap_or_default().to_owned(),
                service: String::new(),
                contact: String::new(),
                notes: String::new(),
            },
        )
        .expect("vendor");
    }
    let law = LawRegister::bundled().expect("law");
    let t = template::bundled(&law)
        .expect("templates")
        .into_iter()
        .find(|t| t.id == "data-source")
        .expect("template");
    let assessment = crate::support::create_assessment(
        &mut vault,
        ACTOR,
        &t,
        api::NewAssessmentRequest {
            client_id: Some(client.clone()),
            ..assessment_request("Bought list assessment")
        },
    )
    .expect("assessment")
    .id;
    let answers = parse_answers("a.toml", ANSWERS, &t).expect("answers");
    crate::support::save_answers(&mut vault, ACTOR, &assessment, &answers).expect("save");
    for (title, due, status) in [
        ("删除购买的名单", "2025-08-01", "in_progress"),
        ("Record provenance", "", "open"),
    ] {
        let added = crate::support::add_action(
            &mut vault,
            ACTOR,
            &api::NewActionRequest {
                assessment_id: Some(assessment.clone()),
                owner: "DPO".into(),
                due_date: due.into(),
                ..action_request(title)
            },
        )
        .expect("action");
        // An action starts open; another status is a change of its own, as a door makes it.
        if status != "open" {
            let change = api::ActionChange {
                status: Some(status),
                ..api::ActionChange::default()
            };
            api::change_action(&mut vault, ACTOR, &added.id, change, "2026-01-01").expect("status");
        }
    }
    Setup {
        _dir: dir,
        path,
        vault,
        assessment,
    }
}

/// The table as the strings a reader sees: the header row, then each row.
fn as_strings(table: &Table) -> Vec<Vec<String>> {
    let mut out = vec![table.headers().iter().map(|h| (*h).to_owned()).collect()];
    out.extend(
        table
            .rows
            .iter()
            .map(|row| row.iter().map(|v| v.as_text().to_owned()).collect()),
    );
    out
}

fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a CSV starts with the UTF-8 byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.expect("record").iter().map(str::to_owned).collect())
        .collect()
}

/// The sheet read back, each cell as text; a date cell must be a date where the table has one.
fn read_xlsx(bytes: &[u8], table: &Table) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("xlsx");
    assert_eq!(book.sheet_names(), std::slice::from_ref(&table.name));
    let range = book.worksheet_range(&table.name).expect("sheet");
    range
        .rows()
        .enumerate()
        .map(|(r, row)| {
            (0..table.columns.len())
                .map(|c| {
                    let cell = row.get(c).cloned().unwrap_or(Data::Empty);
                    let wanted = r.checked_sub(1).map(|r| &table.rows[r][c]);
                    match (cell, wanted) {
                        (Data::String(s), _) => s,
                        (Data::Empty, _) => String::new(),
                        (Data::DateTime(d), Some(Value::Date(_))) => d
                            .as_datetime()
                            .expect("a date")
                            .format("%Y-%m-%d")
                            .to_string(),
                        // Compared to the second: Excel keeps milliseconds as a fraction of a day.
                        (Data::DateTime(d), Some(Value::DateTime(_))) => d
                            .as_datetime()
                            .expect("a date and time")
                            .format("%Y-%m-%dT%H:%M:%S")
                            .to_string(),
                        (other, wanted) => panic!("row {r} col {c}: {other:?} for {wanted:?}"),
                    }
                })
                .collect()
        })
        .collect()
}

/// Date-times cut to the second, as `read_xlsx` gives them.
fn to_the_second(table: &Table) -> Vec<Vec<String>> {
    let mut rows = as_strings(table);
    for (r, row) in table.rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if let Value::DateTime(t) = value {
                rows[r + 1][c] = t.chars().take(19).collect();
            }
        }
    }
    rows
}

/// The CSV guard: text Excel would run gets a leading apostrophe.
fn defused(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    rows.into_iter()
        .map(|row| {
            row.into_iter()
                .map(|cell| {
                    if cell.starts_with('=') {
                        format!("'{cell}")
                    } else {
                        cell
                    }
                })
                .collect()
        })
        .collect()
}

fn subjects(assessment: &str) -> Vec<ExportSubject> {
    vec![
        ExportSubject::DataSources {
            client: Some(CLIENT.into()),
            include_archived: false,
        },
        ExportSubject::Vendors {
            client: None,
            include_archived: false,
        },
        ExportSubject::Actions {
            client: Some(CLIENT.into()),
        },
        ExportSubject::Answers {
            assessment: assessment.to_owned(),
        },
    ]
}

#[test]
fn every_export_reads_back_with_the_same_rows_as_csv_and_xlsx() {
    let mut s = setup();
    for lang in [Lang::Zh, Lang::En] {
        for subject in subjects(&s.assessment) {
            let table = export::table(&s.vault, &subject, lang).expect("table");
            assert!(!table.rows.is_empty(), "{subject:?}: rows");
            let csv = export::export(&mut s.vault, ACTOR, &subject, ExportFormat::Csv, lang, DATE)
                .expect("csv");
            assert_eq!(csv.rows, table.rows.len());
            assert_eq!(
                read_csv(&csv.bytes),
                defused(as_strings(&table)),
                "{subject:?} csv"
            );
            let xlsx = export::export(
                &mut s.vault,
                ACTOR,
                &subject,
                ExportFormat::Xlsx,
                lang,
                DATE,
            )
            .expect("xlsx");
            assert!(xlsx.bytes.starts_with(b"PK"), "a zip package");
            assert_eq!(
                read_xlsx(&xlsx.bytes, &table),
                to_the_second(&table),
                "{subject:?} xlsx"
            );
        }
    }

    // What the tables hold, spot-checked.
    let sources =
        |lang| export::table(&s.vault, &subjects(&s.assessment)[0], lang).expect("sources");
    let zh = sources(Lang::Zh);
    assert_eq!(zh.name, "数据来源");
    assert!(zh.headers().contains(&"渠道代码"));
    assert_eq!(zh.rows.len(), 2, "only the client's own");
    let en = sources(Lang::En);
    assert_eq!(en.headers()[..3], ["ID", "Client", "Name"]);
    assert!(en.rows.iter().any(|r| r[5].as_text() == TRICKY_NOTE));

    let vendors = export::table(&s.vault, &subjects(&s.assessment)[1], Lang::En).expect("vendors");
    let review = vendors
        .headers()
        .iter()
        .position(|h| *h == "Next review")
        .expect("column");
    let dates: Vec<&Value> = vendors.rows.iter().map(|r| &r[review]).collect();
    assert!(dates.contains(&&Value::Date("2026-06-30".into())));
    assert!(
        dates.contains(&&Value::Text(String::new())),
        "no date, no cell"
    );

    let actions = export::table(&s.vault, &subjects(&s.assessment)[2], Lang::Zh).expect("actions");
    assert_eq!(actions.rows.len(), 2, "filed under the client's assessment");
    assert!(actions.rows.iter().all(|r| r[1].as_text() == CLIENT));
    assert!(actions.rows.iter().any(|r| r[7].as_text() == "进行中"));
    assert!(
        actions
            .rows
            .iter()
            .any(|r| r[6] == Value::Date("2025-08-01".into()))
    );

    let answers = export::table(&s.vault, &subjects(&s.assessment)[3], Lang::En).expect("answers");
    let start = answers
        .rows
        .iter()
        .find(|r| r[2].as_text() == "ds01_start_date")
        .expect("the start date question");
    assert_eq!(start[4], Value::Date("2025-03-01".into()));
    let channel = answers
        .rows
        .iter()
        .find(|r| r[2].as_text() == "ds01_channel")
        .expect("the channel question");
    assert_eq!(
        channel[4].as_text(),
        "Purchased or rented list",
        "worded like the report"
    );
    let outcome = api::read_assessment(&s.vault, &s.assessment)
        .map(|a| a.outcome)
        .expect("outcome");
    let findings: Vec<&Vec<Value>> = answers
        .rows
        .iter()
        .filter(|r| r[0].as_text() == "finding")
        .collect();
    assert_eq!(findings.len(), outcome.findings.len());
    assert!(
        findings
            .iter()
            .any(|r| r[8].as_text().contains("PIPL Art.")),
        "citations as lawyers write them"
    );
}

#[test]
fn an_export_is_audited_without_its_values() {
    let mut s = setup();
    let subject = ExportSubject::DataSources {
        client: Some(CLIENT.into()),
        include_archived: false,
    };
    export::export(
        &mut s.vault,
        ACTOR,
        &subject,
        ExportFormat::Xlsx,
        Lang::En,
        DATE,
    )
    .expect("export");
    drop(s.vault);
    let conn = raw_connection(&s.path, PASSPHRASE);
    let summaries: Vec<String> = conn
        .prepare("SELECT summary FROM audit_log WHERE action = 'export.created'")
        .expect("query")
        .query_map([], |row| row.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("summaries");
    assert_eq!(summaries.len(), 1);
    assert!(summaries[0].contains("data_sources"), "{}", summaries[0]);
    assert!(summaries[0].contains("xlsx") && summaries[0].contains("2 rows"));
    for value in [CLIENT, "天猫店铺订单", "VIP", "HYPERLINK"] {
        assert!(!summaries[0].contains(value), "{value} in {}", summaries[0]);
    }
}

#[test]
fn a_formula_stays_text_in_xlsx_and_is_defused_in_csv() {
    let mut s = setup();
    let subject = ExportSubject::DataSources {
        client: Some(CLIENT.into()),
        include_archived: false,
    };
    let csv = export::export(
        &mut s.vault,
        ACTOR,
        &subject,
        ExportFormat::Csv,
        Lang::En,
        DATE,
    )
    .expect("csv");
    let rows = read_csv(&csv.bytes);
    assert!(rows.iter().any(|r| r[5] == format!("'{FORMULA_NOTE}")));
    let xlsx = export::export(
        &mut s.vault,
        ACTOR,
        &subject,
        ExportFormat::Xlsx,
        Lang::En,
        DATE,
    )
    .expect("xlsx");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx.bytes)).expect("xlsx");
    let formulas = book.worksheet_formula("Data sources").expect("formulas");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
    let range = book.worksheet_range("Data sources").expect("sheet");
    assert!(
        range
            .used_cells()
            .any(|(_, _, v)| *v == Data::String(FORMULA_NOTE.into()))
    );
}

#[test]
fn the_export_commands_write_files_and_refuse_to_overwrite() {
    let (dir, vault) = vault_path();
    let ok = |args: &[&str]| {
        let out = dpodesk(&vault, Some(PASSPHRASE), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out).trim().to_owned()
    };
    ok(&["vault", "init"]);
    ok(&["client", "add", "--name", CLIENT]);
    ok(&[
        "vendor",
        "add",
        "--client",
        CLIENT,
        "--name",
        "CloudCRM",
        "--next-review",
        "2026-06-30",
    ]);
    ok(&["vendor", "add", "--client", CLIENT, "--name", "短信服务商"]);
    let id = ok(&[
        "assess",
        "new",
        "--template",
        "data-source",
        "--title",
        "List",
        "--client",
        CLIENT,
    ]);
    let answers = dir.path().join("a.toml");
    std::fs::write(&answers, ANSWERS).expect("write");
    ok(&[
        "assess",
        "answer",
        &id,
        "--file",
        answers.to_str().expect("path"),
    ]);

    let xlsx = dir.path().join("vendors.xlsx");
    let xlsx_s = xlsx.to_str().expect("path");
    let printed = ok(&[
        "export", "vendors", "--client", CLIENT, "--format", "xlsx", "--lang", "zh", "--out",
        xlsx_s,
    ]);
    assert!(printed.contains("2 rows"), "{printed}");
    // The audit chain head after the export, as `audit verify` would report it.
    let verified = ok(&["audit", "verify"]);
    let head_line = printed.lines().last().expect("audit line");
    assert!(head_line.starts_with("audit chain "), "{printed}");
    let hash = head_line.rsplit(' ').next().expect("hash");
    assert!(verified.contains(hash), "{verified} vs {printed}");
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(std::fs::read(&xlsx).expect("xlsx"))).expect("xlsx");
    let range = book.worksheet_range("受托方").expect("sheet");
    assert_eq!(range.height(), 3, "header and two vendors");
    assert!(
        range
            .used_cells()
            .any(|(_, _, v)| *v == Data::String("下次复审日期".into()))
    );
    assert!(
        range
            .used_cells()
            .any(|(_, _, v)| matches!(v, Data::DateTime(_)))
    );

    let refused = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &["export", "vendors", "--format", "xlsx", "--out", xlsx_s],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));

    let csv = dir.path().join("answers.csv");
    ok(&[
        "export",
        "answers",
        &id,
        "--format",
        "csv",
        "--lang",
        "en",
        "--out",
        csv.to_str().expect("path"),
    ]);
    let rows = read_csv(&std::fs::read(&csv).expect("csv"));
    assert_eq!(
        rows[0][..4],
        ["Part", "Section", "ID", "Question or finding"]
    );
    assert!(
        rows.iter().any(|r| r[0] == "finding"),
        "findings follow the answers"
    );
    assert!(
        rows.iter()
            .any(|r| r[2] == "ds01_start_date" && r[4] == "2025-03-01")
    );

    let missing = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &[
            "export",
            "answers",
            "no-such-id",
            "--format",
            "csv",
            "--out",
            dir.path().join("x.csv").to_str().expect("path"),
        ],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        !dir.path().join("x.csv").exists(),
        "nothing written on failure"
    );
    let leftovers = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(leftovers, 0, "no temp file left behind");
}

/// Regime scope reaches exports: a PRC-only assessment's answers export cites and concludes
/// nothing of EU law, in either language.
#[test]
fn a_prc_only_answers_export_holds_no_eu_law() {
    let s = setup();
    for lang in [Lang::En, Lang::Zh] {
        let table = export::table(&s.vault, &subjects(&s.assessment)[3], lang).expect("answers");
        let text = as_strings(&table)
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            text.contains("PIPL") || text.contains("个人信息保护法"),
            "{text}"
        );
        for word in ["GDPR", "EDPB", "ePrivacy", "隐私与电子通信指令", "欧盟法"] {
            assert!(!text.contains(word), "{word} in a PRC-only export:\n{text}");
        }
    }
}
