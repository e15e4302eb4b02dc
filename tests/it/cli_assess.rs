//! The assessment flow through the `dpodesk` binary: new → answer → show → submit → sign off →
//! re-open → answer → diff, and a malformed answers file that changes nothing.

use std::path::Path;

use serde_json::Value;

use crate::support::*;

fn json(vault: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(vault, args)).expect("JSON output")
}

const BOUGHT_LIST: &str = r#"
ds01_channel = "BUY"
ds01_platforms = ["whatsapp"]
ds01_fields = ["mobile"]
ds01_volume = 20000
ds01_purpose = "First marketing contact for a product launch"
ds02_regime = "eu"
ds17_provenance = "no"
ds17_consent_names_you = "no"
ds20_basis = "none"
"#;

#[test]
fn the_full_assessment_flow_from_the_command_line() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    ok(&vault, &["client", "add", "--name", "Acme Trading"]);
    ok(
        &vault,
        &[
            "source",
            "add",
            "--client",
            "Acme Trading",
            "--name",
            "Bought list",
            "--channel",
            "BUY",
        ],
    );
    let id = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template",
            "data-source",
            "--title",
            "20,000 scraped EU numbers",
            "--client",
            "Acme Trading",
            "--subject",
            "Bought list",
        ],
    );
    assert_eq!(id.len(), 36, "prints the new id: {id}");

    let answers = dir.path().join("answers.toml");
    std::fs::write(&answers, BOUGHT_LIST).expect("write answers");
    assert_eq!(
        ok(
            &vault,
            &[
                "assess",
                "answer",
                &id,
                "--file",
                answers.to_str().expect("path")
            ]
        ),
        // The channel was already answered from the register entry ("--channel BUY").
        "saved 8 answers"
    );

    let shown = json(&vault, &["assess", "show", &id, "--json"]);
    assert_eq!(shown["rating"]["overall"], "prohibited");
    assert_eq!(shown["rating"]["eu"], "prohibited");
    assert_eq!(
        shown["rating"]["prc"],
        Value::Null,
        "the PRC regime does not apply"
    );
    let cited: Vec<&str> = shown["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .flat_map(|f| {
            f["cite"]
                .as_array()
                .expect("cite")
                .iter()
                .filter_map(Value::as_str)
        })
        .collect();
    assert!(cited.contains(&"EPD-13-1"), "{cited:?}");
    assert_eq!(shown["fingerprint"].as_str().map(str::len), Some(64));

    // One root cause, its consequences listed under it in the human output too.
    let consequences: Vec<String> = shown["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .flat_map(|f| f["consequences"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["en"].as_str().map(str::to_owned))
        .collect();
    assert!(
        !consequences.is_empty(),
        "a bought list without a basis groups its consequences: {shown}"
    );
    let human = ok(&vault, &["assess", "show", &id]);
    for c in &consequences {
        assert!(
            human.contains(&format!("↳ same root cause: {c}")),
            "{c}: {human}"
        );
    }

    ok(&vault, &["assess", "submit", &id]);
    let refused = dpodesk(&vault, Some(PASSPHRASE), &signoff_args(&id, "approve"));
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("all four attestations"),
        "{}",
        stderr(&refused)
    );

    let mut reject = signoff_args(&id, "reject");
    reject.extend(["--comment", "Stop using the list"]);
    let signed = ok(&vault, &reject);
    assert!(signed.contains("rejected"), "{signed}");

    let v2 = ok(&vault, &["assess", "reopen", &id]);
    std::fs::write(&answers, "ds17_provenance = \"yes\"\n").expect("write");
    ok(
        &vault,
        &[
            "assess",
            "answer",
            &v2,
            "--file",
            answers.to_str().expect("path"),
        ],
    );
    let diff = json(&vault, &["assess", "diff", &id, &v2, "--json"]);
    assert_eq!(diff["format"], 2);
    assert_eq!(diff["answers"][0]["question_id"], "ds17_provenance");
    assert_eq!(diff["answers"][0]["before"]["en"], "no");
    assert_eq!(diff["answers"][0]["after"]["en"], "yes");
    let removed: Vec<&str> = diff["findings_removed"]
        .as_array()
        .expect("removed")
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert!(removed.contains(&"ds17-no-provenance"), "{removed:?}");

    let list = json(&vault, &["assess", "list", "--json"]);
    assert_eq!(list["format"], 2);
    let versions: Vec<i64> = list["items"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|a| a["version"].as_i64())
        .collect();
    assert_eq!(versions.len(), 2);
    assert!(versions.contains(&1) && versions.contains(&2));
}

#[test]
fn a_malformed_answers_file_is_one_clear_error_and_writes_nothing() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let id = ok(
        &vault,
        &["assess", "new", "--template", "data-source", "--title", "x"],
    );
    let answers = dir.path().join("bad.toml");
    std::fs::write(
        &answers,
        "ds01_channel = \"BUY\"\nds99_nothing = 1\nds01_volume = \"lots\"\n",
    )
    .expect("write");

    let output = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &[
            "assess",
            "answer",
            &id,
            "--file",
            answers.to_str().expect("path"),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    // Every problem on its own line, then one summary line.
    let message = stderr(&output);
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 4, "{message}");
    assert!(lines[0].ends_with("bad.toml: 2 problems:"), "{message}");
    assert!(
        lines[1].contains("line 2: unknown question id ds99_nothing"),
        "{message}"
    );
    assert!(lines[2].contains("line 3: ds01_volume"), "{message}");
    assert!(lines[3].contains("nothing was saved"), "{message}");

    let shown = json(&vault, &["assess", "show", &id, "--json"]);
    let unanswered: Vec<&str> = shown["unanswered_required"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        unanswered.contains(&"ds01_channel"),
        "the valid line was not saved either"
    );
}

#[test]
fn templates_check_names_the_problem_in_a_bad_file() {
    let (dir, vault) = vault_path();
    let file = dir.path().join("custom.toml");
    std::fs::write(&file, "id = \"custom\"\nversion = \"one\"\nkind = \"pia\"\ntitle = { zh = \"自定义\", en = \"Custom\" }\ndescription = { zh = \"说明\", en = \"About\" }\nsections = []\n").expect("write");
    let output = dpodesk(
        &vault,
        None,
        &["templates", "check", file.to_str().expect("path")],
    );
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    assert!(
        report.contains("version \"one\" is not a semantic version"),
        "{report}"
    );
    assert!(report.contains("the template has no sections"), "{report}");
    assert_eq!(stderr(&output).lines().count(), 1);

    let listed = dpodesk(&vault, None, &["templates", "list", "--json"]);
    let list = json_items(&stdout(&listed));
    let ids: Vec<&str> = list
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        ["data-source", "vendor-entrustment", "pia", "transfer"]
    );
}

#[test]
fn an_assessment_can_start_from_a_custom_template_file() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let file = dir.path().join("custom.toml");
    std::fs::write(
        &file,
        r#"id = "custom-sms"
version = "0.1.0"
kind = "data_source"
title = { zh = "短信渠道快速检查", en = "SMS channel quick check" }
description = { zh = "自定义模板", en = "A custom template" }

[[sections]]
id = "s"
title = { zh = "同意", en = "Consent" }

[[sections.questions]]
id = "consent"
type = "ynp"
text = { zh = "是否取得同意？", en = "Was consent obtained?" }
cite = ["PIPL-13-1"]

[[rules]]
id = "no-consent"
when = { equals = { q = "consent", value = "no" } }
severity = "high"
regime = "prc"
title = { zh = "未取得同意", en = "No consent" }
explanation = { zh = "缺少同意。", en = "Consent is missing." }
recommendation = { zh = "取得同意。", en = "Obtain consent." }
cite = ["PIPL-13-1"]
"#,
    )
    .expect("write template");
    let id = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template-file",
            file.to_str().expect("path"),
            "--title",
            "SMS",
        ],
    );
    let answers = dir.path().join("a.toml");
    std::fs::write(&answers, "consent = \"no\"\n").expect("write");
    ok(
        &vault,
        &[
            "assess",
            "answer",
            &id,
            "--file",
            answers.to_str().expect("path"),
        ],
    );
    let shown = json(&vault, &["assess", "show", &id, "--json"]);
    assert_eq!(shown["template"]["id"], "custom-sms");
    assert_eq!(shown["rating"]["overall"], "high_risk");
}

/// Issue 14's acceptance: a PIA created with nothing answered is undetermined (never compliant,
/// never "not required"), its PDF is a DRAFT on every page and lists the screening questions as
/// points to verify; signing it off is "with reservations" and freezes what was signed.
#[test]
fn an_empty_pia_is_undetermined_a_draft_and_signs_off_only_with_reservations() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let id = ok(
        &vault,
        &["assess", "new", "--template", "pia", "--title", "Empty PIA"],
    );
    let shown = json(&vault, &["assess", "show", &id, "--json"]);
    assert_eq!(shown["rating"]["overall"], "undetermined", "{shown}");
    assert_eq!(shown["rating"]["certainty"], "undetermined");
    assert_eq!(shown["pia"]["need"], "undetermined");
    let points: Vec<&str> = shown["points_to_verify"]
        .as_array()
        .expect("points")
        .iter()
        .filter_map(|p| p["question_id"].as_str())
        .collect();
    assert!(points.contains(&"pia01_regime"), "{points:?}");
    let human = ok(&vault, &["assess", "show", &id]);
    assert!(human.contains("rating: undetermined; "), "{human}");
    assert!(human.contains("PIA needed: undetermined"), "{human}");
    assert!(human.contains("points to verify ("), "{human}");
    assert!(!human.contains("NotRequired"), "{human}");

    let pdf = dir.path().join("empty-pia.pdf");
    ok(
        &vault,
        &[
            "report",
            &id,
            "--lang",
            "en",
            "--out",
            pdf.to_str().expect("path"),
        ],
    );
    let text = crate::reports::text_of(&pdf, None);
    let pages: Vec<&str> = text
        .split('\x0c')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() > 2, "{} pages", pages.len());
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains("DRAFT"),
            "page {} has no DRAFT mark:\n{page}",
            n + 1
        );
    }
    assert!(text.contains("Points to verify"), "{text}");
    assert!(text.contains("undetermined"), "{text}");
    assert!(!text.contains("not required"), "{text}");
    assert!(!text.contains("Retention period decided"), "{text}");

    ok(&vault, &["assess", "submit", &id]);
    let mut args = approve_args(&id);
    // Open decisive points: approving over them must be chosen explicitly.
    let open = json(&vault, &["assess", "show", &id, "--json"])["points_to_verify"]
        .as_array()
        .map_or(0, Vec::len);
    let refused = dpodesk(&vault, Some(PASSPHRASE), &args);
    assert_eq!(refused.status.code(), Some(1));
    let said = stderr(&refused);
    assert!(said.contains("--with-reservations"), "{said}");
    assert!(open > 0);
    assert!(
        said.contains(&format!("{open} decisive point")),
        "{open}: {said}"
    );
    args.push("--with-reservations");
    let signed = ok(&vault, &args);
    assert!(signed.contains("with reservations"), "{signed}");
    let shown = json(&vault, &["assess", "show", &id, "--json"]);
    let signoff = &shown["sign_offs"][0];
    assert_eq!(signoff["with_reservations"], true, "{signoff}");
    assert_eq!(signoff["signed_rating"], "undetermined");
    assert_eq!(signoff["engine_version"], "5");
    assert!(
        signoff["law_version"]
            .as_str()
            .is_some_and(|v| v.contains('+')),
        "{signoff}"
    );
    assert!(
        signoff["reservations"]
            .as_array()
            .is_some_and(|r| r.iter().any(|p| p == "pia01_regime")),
        "{signoff}"
    );
    assert_eq!(signoff["rescored"], Value::Null, "same rules, same outcome");

    // Signed with open points, the report stays a draft and prints the reservations.
    let signed_pdf = dir.path().join("signed-pia.pdf");
    ok(
        &vault,
        &[
            "report",
            &id,
            "--lang",
            "en",
            "--out",
            signed_pdf.to_str().expect("path"),
        ],
    );
    let text = crate::reports::text_of(&signed_pdf, None);
    assert!(text.contains("DRAFT"));
    assert!(text.contains("Reservations"), "{text}");
    assert!(text.contains("Rating as signed"), "{text}");
}

/// `assess questions` lists what is shown now, `--skeleton` writes an answers file that `assess
/// answer` takes as it is, and a bad file is refused with every problem named at once.
#[test]
fn questions_skeleton_and_every_problem_of_an_answers_file() {
    let (dir, vault) = vault_path();
    ok(&vault, &["vault", "init"]);
    let id = ok(
        &vault,
        &[
            "assess",
            "new",
            "--template",
            "data-source",
            "--title",
            "Lead form",
        ],
    );
    let list = json_items(&ok(&vault, &["assess", "questions", &id, "--json"]));
    let channel = list
        .as_array()
        .expect("array")
        .iter()
        .find(|q| q["id"] == "ds01_channel")
        .expect("ds01_channel shown");
    assert_eq!(channel["type"], "single_choice");
    assert_eq!(channel["decisive"], true);
    assert_eq!(channel["required"], true);
    assert_eq!(channel["state"], "open");
    assert!(
        channel["choices"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c["value"] == "BUY")),
        "{channel}"
    );
    let human = ok(&vault, &["assess", "questions", &id]);
    assert!(
        human.contains("ds01_channel  (single_choice, required, decisive)  [open]"),
        "{human}"
    );

    let skeleton = ok(&vault, &["assess", "questions", &id, "--skeleton"]);
    assert!(skeleton.contains("# ds01_channel = "), "{skeleton}");
    let file = dir.path().join("skeleton.toml");
    std::fs::write(&file, &skeleton).expect("write");
    let saved = ok(
        &vault,
        &[
            "assess",
            "answer",
            &id,
            "--file",
            file.to_str().expect("path"),
        ],
    );
    assert!(saved.contains("saved 0 answers"), "{saved}");

    let answers = dir.path().join("answers.toml");
    std::fs::write(&answers, "ds01_channel = \"AD\"\nds02_regime = \"eu\"\n").expect("write");
    ok(
        &vault,
        &[
            "assess",
            "answer",
            &id,
            "--file",
            answers.to_str().expect("path"),
        ],
    );
    let skeleton = ok(&vault, &["assess", "questions", &id, "--skeleton"]);
    assert!(skeleton.contains("\nds01_channel = \"AD\"\n"), "{skeleton}");
    std::fs::write(&file, &skeleton).expect("write");
    ok(
        &vault,
        &[
            "assess",
            "answer",
            &id,
            "--file",
            file.to_str().expect("path"),
        ],
    );

    std::fs::write(
        &answers,
        "ds01_channel = \"XYZ\"\nds01_platforms = [\"pigeon\"]\nnope = 1\nds01_volume = \"many\"\n",
    )
    .expect("write");
    let refused = dpodesk(
        &vault,
        Some(PASSPHRASE),
        &[
            "assess",
            "answer",
            &id,
            "--file",
            answers.to_str().expect("path"),
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    for line in [
        "line 1: ds01_channel",
        "line 2: ds01_platforms",
        "line 3: unknown question id nope",
        "line 4: ds01_volume",
    ] {
        assert!(err.contains(line), "{line} missing from:\n{err}");
    }
}
