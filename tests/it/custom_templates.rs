//! Custom templates without recompiling: a folder of template files beside the bundled ones, the
//! id and version rules and every decision they make, assessments that keep their snapshot when
//! the folder changes, export and import, and the CLI's doors as a process.

use std::collections::BTreeMap;
use std::path::Path;

use dpodesk_core::api::{self, NewAssessmentRequest, TemplateExportRequest, TemplateProblemKind};
use dpodesk_core::assessment::{Answer, Answers};
use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Decision, Library, Origin, Refusal, Template};
use dpodesk_core::{Error, Lang};

use crate::support::*;

pub(crate) fn law() -> LawRegister {
    LawRegister::bundled().expect("law register")
}

pub(crate) fn bundled_version(id: &str) -> String {
    template::bundled(&law())
        .expect("bundled")
        .into_iter()
        .find(|t| t.id == id)
        .expect("bundled id")
        .version
}

/// A small valid data-source template: one question, one rule whose title and severity a test
/// can change.
pub(crate) fn custom(id: &str, version: &str, finding: &str, severity: &str) -> String {
    format!(
        r#"# A custom SMS check.
id = "{id}"
version = "{version}"
kind = "data_source"
title = {{ zh = "短信渠道快速检查", en = "SMS channel quick check" }}
description = {{ zh = "自定义模板", en = "A custom template" }}

[[sections]]
id = "s"
title = {{ zh = "同意", en = "Consent" }}

[[sections.questions]]
id = "consent"
type = "ynp"
text = {{ zh = "是否取得同意？", en = "Was consent obtained?" }}
cite = ["PIPL-13-1"]

[[rules]]
id = "no-consent"
when = {{ equals = {{ q = "consent", value = "no" }} }}
severity = "{severity}"
regime = "prc"
title = {{ zh = "未取得同意", en = "{finding}" }}
explanation = {{ zh = "缺少同意。", en = "Consent is missing." }}
recommendation = {{ zh = "取得同意。", en = "Obtain consent." }}
cite = ["PIPL-13-1"]
"#
    )
}

/// The bundled data-source template with another version, as a user would copy and edit it.
pub(crate) fn bundled_with_version(version: &str) -> String {
    let text = template::export(
        template::bundled(&law())
            .expect("bundled")
            .iter()
            .find(|t| t.id == "data-source")
            .expect("data-source"),
    )
    .expect("bundled text");
    let old = format!("version = \"{}\"", bundled_version("data-source"));
    assert!(text.contains(&old));
    text.replacen(&old, &format!("version = \"{version}\""), 1)
}

/// Every file of a folder with its bytes, to show that a refusal left it as it was.
pub(crate) fn snapshot(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(folder)
        .expect("read folder")
        .map(|e| {
            let path = e.expect("entry").path();
            (
                path.file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(&path).expect("read"),
            )
        })
        .collect()
}

pub(crate) fn decision<'a>(library: &'a Library, file: &str) -> &'a Decision {
    library
        .decisions()
        .iter()
        .find(|d| d.file() == file)
        .unwrap_or_else(|| panic!("no decision about {file}: {:?}", library.decisions()))
}

#[test]
fn a_folder_adds_replaces_refuses_and_reports_every_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path();
    let bundled = bundled_version("data-source");
    std::fs::write(
        folder.join("sms.toml"),
        custom("custom-sms", "0.1.0", "No consent", "high"),
    )
    .expect("write");
    std::fs::write(folder.join("ds-new.toml"), bundled_with_version("9.1.0")).expect("write");
    std::fs::write(folder.join("ds-same.toml"), bundled_with_version(&bundled)).expect("write");
    // Line 4 misspells a field; the others still load.
    std::fs::write(
        folder.join("broken.toml"),
        custom("broken", "1.0.0", "x", "high").replace("kind = ", "knd = "),
    )
    .expect("write");
    // Two files with one id: the higher version wins, the lower is shadowed.
    std::fs::write(
        folder.join("wa-1.toml"),
        custom("wa", "1.0.0", "Old", "low"),
    )
    .expect("write");
    std::fs::write(
        folder.join("wa-2.toml"),
        custom("wa", "1.2.0", "New", "high"),
    )
    .expect("write");
    // Two files with one id and one version: both refused.
    std::fs::write(folder.join("qr-a.toml"), custom("qr", "2.0.0", "A", "low")).expect("write");
    std::fs::write(folder.join("qr-b.toml"), custom("qr", "2.0.0", "B", "low")).expect("write");
    std::fs::write(folder.join("notes.txt"), "not a template").expect("write");

    let library = Library::load(&law(), Some(folder)).expect("library");
    let in_use: Vec<(&str, &str, Origin)> = library
        .entries()
        .map(|(t, e)| (t.id.as_str(), t.version.as_str(), e.origin.clone()))
        .collect();
    let custom_origin = |file: &str| Origin::Custom {
        file: file.to_owned(),
    };
    assert_eq!(
        in_use,
        [
            ("data-source", "9.1.0", custom_origin("ds-new.toml")),
            (
                "vendor-entrustment",
                bundled_version("vendor-entrustment").as_str(),
                Origin::Bundled
            ),
            ("pia", bundled_version("pia").as_str(), Origin::Bundled),
            (
                "transfer",
                bundled_version("transfer").as_str(),
                Origin::Bundled
            ),
            ("custom-sms", "0.1.0", custom_origin("sms.toml")),
            ("wa", "1.2.0", custom_origin("wa-2.toml")),
        ]
    );

    assert_eq!(
        decision(&library, "ds-new.toml").message(Lang::En),
        format!("data-source: custom 9.1.0 replaces bundled {bundled}")
    );
    assert_eq!(
        decision(&library, "ds-new.toml").message(Lang::Zh),
        format!("data-source：自定义 9.1.0 取代内置 {bundled}")
    );
    let same = decision(&library, "ds-same.toml");
    assert!(matches!(
        same,
        Decision::Refused {
            refusal: Refusal::NotNewerThanBundled { .. },
            ..
        }
    ));
    let said = same.message(Lang::En);
    assert!(said.contains("raise the version above"), "{said}");
    assert!(said.contains("new id"), "{said}");
    assert!(same.message(Lang::Zh).contains("另取一个标识"));

    let broken = decision(&library, "broken.toml");
    assert!(matches!(broken, Decision::Invalid { .. }));
    let problem = &broken.problems()[0];
    assert_eq!(problem.line, Some(4));
    assert!(problem.message.contains("knd"), "{}", problem.message);

    assert!(matches!(
        decision(&library, "wa-1.toml"),
        Decision::Shadowed { by_file, by_version, .. } if by_file == "wa-2.toml" && by_version == "1.2.0"
    ));
    for (file, other) in [("qr-a.toml", "qr-b.toml"), ("qr-b.toml", "qr-a.toml")] {
        assert!(
            matches!(
                decision(&library, file),
                Decision::Refused { refusal: Refusal::SameVersion { others, .. }, .. } if others == &[other.to_owned()]
            ),
            "{file}"
        );
    }
    assert!(library.get("qr").is_none());
    assert!(!library.decisions().iter().any(|d| d.file() == "notes.txt"));

    // The wire view: origins, the replacement worded, and every unused file with its kind.
    let view = api::TemplateLibraryView::from(&library);
    let ds = &view.templates[0];
    assert_eq!(ds.origin, api::TemplateOrigin::Custom);
    assert_eq!(ds.replaces.as_deref(), Some(bundled.as_str()));
    assert_eq!(
        ds.note.as_ref().map(|n| n.en.clone()),
        Some(format!(
            "data-source: custom 9.1.0 replaces bundled {bundled}"
        ))
    );
    let kinds: Vec<(&str, TemplateProblemKind)> = view
        .problems
        .iter()
        .map(|p| (p.file.as_str(), p.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("broken.toml", TemplateProblemKind::Invalid),
            ("ds-same.toml", TemplateProblemKind::NotNewer),
            ("qr-a.toml", TemplateProblemKind::Conflict),
            ("qr-b.toml", TemplateProblemKind::Conflict),
            ("wa-1.toml", TemplateProblemKind::Shadowed),
        ]
    );
    assert!(view.problems[0].messages[1].en.starts_with("line 4: "));
    assert!(view.problems[0].messages[1].zh.starts_with("第 4 行："));
}

#[test]
fn an_assessment_keeps_its_snapshot_when_the_file_changes_or_goes() {
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let law = law();
    let folder = dir.path().join("templates");
    std::fs::create_dir(&folder).expect("mkdir");
    let file = folder.join("sms.toml");
    std::fs::write(&file, custom("custom-sms", "0.1.0", "No consent", "high")).expect("write");
    api::set_template_folder(&mut vault, &law, ACTOR, Some(&folder)).expect("folder set");

    let library = api::load_library(&vault, &law).expect("library");
    let started = library.get("custom-sms").expect("custom in use").clone();
    let request = NewAssessmentRequest {
        template_id: "custom-sms".into(),
        title: "SMS opt-in".into(),
        client_id: None,
        subject_id: None,
    };
    let created =
        api::create_assessment(&mut vault, library.templates(), ACTOR, &request).expect("created");
    let answers: Answers = [("consent".to_owned(), Answer::Text("no".into()))]
        .into_iter()
        .collect();
    crate::support::save_answers(&mut vault, ACTOR, &created.id, &answers).expect("answered");
    let before = api::read_assessment(&vault, &created.id)
        .map(|a| a.outcome)
        .expect("outcome");
    assert_eq!(before.findings[0].title.en, "No consent");
    assert_eq!(before.ratings.overall.as_str(), "high_risk");

    // The file is edited (new wording, milder severity, same version): the assessment keeps what
    // it was started with.
    std::fs::write(&file, custom("custom-sms", "0.1.0", "Changed", "low")).expect("edit");
    assert_eq!(
        api::load_library(&vault, &law)
            .expect("library")
            .get("custom-sms")
            .map(|t| t.rules[0].title.en.clone()),
        Some("Changed".to_owned())
    );
    assert_eq!(
        api::assessment_template(&vault, &created.id).expect("snapshot"),
        started
    );
    let after = api::read_assessment(&vault, &created.id)
        .map(|a| a.outcome)
        .expect("outcome");
    assert_eq!(after.findings[0].title.en, "No consent");
    assert_eq!(after.ratings.overall.as_str(), "high_risk");

    // The file is removed: the template is gone from the library, the assessment is not.
    std::fs::remove_file(&file).expect("remove");
    let library = api::load_library(&vault, &law).expect("library");
    assert!(library.get("custom-sms").is_none());
    assert_eq!(
        api::assessment_template(&vault, &created.id).expect("snapshot"),
        started
    );
    assert_eq!(
        api::read_assessment(&vault, &created.id)
            .map(|a| a.outcome)
            .expect("outcome")
            .findings[0]
            .id,
        "no-consent"
    );
    let refused = api::create_assessment(&mut vault, library.templates(), ACTOR, &request);
    assert!(matches!(refused, Err(Error::InvalidTemplate { .. })));
}

#[test]
fn export_then_import_round_trips_and_refusals_leave_the_folder_unchanged() {
    let (dir, path) = vault_path();
    let mut vault = create_vault(&path);
    let law = law();
    let folder = dir.path().join("templates");
    std::fs::create_dir(&folder).expect("mkdir");
    api::set_template_folder(&mut vault, &law, ACTOR, Some(&folder)).expect("folder set");
    let library = api::load_library(&vault, &law).expect("library");

    // An assessment's snapshot, exported, raised to a new version and imported: it replaces the
    // bundled template and parses back to the same content.
    let request = NewAssessmentRequest {
        template_id: "data-source".into(),
        title: "Web form".into(),
        client_id: None,
        subject_id: None,
    };
    let created =
        api::create_assessment(&mut vault, library.templates(), ACTOR, &request).expect("created");
    let exported = api::export_template(
        &vault,
        &law,
        &TemplateExportRequest {
            template_id: None,
            assessment_id: Some(created.id.clone()),
        },
    )
    .expect("export");
    let bundled = bundled_version("data-source");
    assert_eq!(exported.file_name, format!("data-source-{bundled}.toml"));
    let snapshot_template = api::assessment_template(&vault, &created.id).expect("snapshot");
    let back: Template = toml::from_str(&exported.text).expect("exported TOML parses");
    assert_eq!(back, snapshot_template);

    let outside = dir.path().join("mine.toml");
    std::fs::write(
        &outside,
        exported.text.replacen(
            &format!("version = \"{bundled}\""),
            "version = \"7.0.0\"",
            1,
        ),
    )
    .expect("write");
    let imported = api::import_template(&vault, &law, &outside).expect("imported");
    assert_eq!(imported.file, "data-source-7.0.0.toml");
    assert_eq!(
        imported.decision.en,
        format!("data-source: custom 7.0.0 replaces bundled {bundled}")
    );
    let library = api::load_library(&vault, &law).expect("library");
    let mut expected = snapshot_template.clone();
    expected.version = "7.0.0".into();
    assert_eq!(library.get("data-source"), Some(&expected));
    assert_eq!(
        library.export("data-source").expect("export"),
        std::fs::read_to_string(folder.join("data-source-7.0.0.toml")).ok()
    );

    let before = snapshot(&folder);
    // Importing the same file again: same id and version as the folder's copy.
    let again = api::import_template(&vault, &law, &outside).expect_err("refused");
    assert_eq!(
        again.kind(),
        dpodesk_core::error::ErrorKind::TemplateRefused
    );
    let said = again.message(Lang::En);
    assert!(
        said.contains("already has data-source 7.0.0 (data-source-7.0.0.toml)"),
        "{said}"
    );
    assert!(said.contains("raise the version above 7.0.0"), "{said}");
    assert!(
        again.message(Lang::Zh).contains("未导入任何内容"),
        "{}",
        again.message(Lang::Zh)
    );
    // A lower version than the folder's: refused the same way.
    std::fs::write(&outside, bundled_with_version("6.5.0")).expect("write");
    let lower = api::import_template(&vault, &law, &outside).expect_err("refused");
    assert!(matches!(
        lower,
        Error::TemplateRefused { refusal: Refusal::NotNewerThanCustom { ref custom_version, .. }, .. } if custom_version == "7.0.0"
    ));
    // A bundled id at the bundled version, into an otherwise empty folder.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    std::fs::write(&outside, bundled_with_version(&bundled)).expect("write");
    let clash = Library::import(&law, &empty, &outside).expect_err("refused");
    assert!(matches!(
        clash,
        Error::TemplateRefused {
            refusal: Refusal::NotNewerThanBundled { .. },
            ..
        }
    ));
    assert!(clash.message(Lang::En).contains("raise the version above"));
    assert_eq!(snapshot(&empty).len(), 0);
    // An invalid file: refused with validation's problems.
    std::fs::write(
        &outside,
        custom("x", "1.0.0", "x", "high").replace("PIPL-13-1", "NO-SUCH-KEY"),
    )
    .expect("write");
    match api::import_template(&vault, &law, &outside) {
        Err(Error::InvalidTemplate { file, problems }) => {
            assert_eq!(file, "mine.toml");
            assert!(
                problems
                    .iter()
                    .any(|p| p.to_string().contains("unknown citation key NO-SUCH-KEY")),
                "{problems:?}"
            );
        }
        other => panic!("expected an invalid template, got {other:?}"),
    }
    // A new id whose file name is taken by something else in the folder: never overwritten.
    std::fs::write(folder.join("fresh-1.0.0.toml"), "someone else's notes").expect("write");
    let before_taken = snapshot(&folder);
    std::fs::write(&outside, custom("fresh", "1.0.0", "x", "high")).expect("write");
    let taken = api::import_template(&vault, &law, &outside).expect_err("refused");
    assert!(matches!(
        taken,
        Error::TemplateRefused {
            refusal: Refusal::FileExists { .. },
            ..
        }
    ));
    assert_eq!(snapshot(&folder), before_taken);
    std::fs::remove_file(folder.join("fresh-1.0.0.toml")).expect("remove");
    assert_eq!(snapshot(&folder), before);
}

#[test]
fn importing_a_newer_version_shadows_the_older_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("templates");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::write(folder.join("sms.toml"), custom("sms", "1.0.0", "x", "high")).expect("write");
    let file = dir.path().join("next.toml");
    std::fs::write(&file, custom("sms", "1.1.0", "y", "high")).expect("write");
    let imported = Library::import(&law(), &folder, &file).expect("imported");
    assert_eq!(imported.path, folder.join("sms-1.1.0.toml"));
    assert_eq!(
        imported.decision.message(Lang::En),
        "custom sms 1.1.0 added from sms-1.1.0.toml"
    );
    assert_eq!(imported.shadowed.len(), 1);
    assert!(
        imported.shadowed[0]
            .message(Lang::En)
            .starts_with("sms.toml: sms 1.0.0 is not used, sms-1.1.0.toml has the higher version")
    );
    let names: Vec<String> = snapshot(&folder).into_keys().collect();
    assert_eq!(
        names,
        ["sms-1.1.0.toml", "sms.toml"],
        "no temporary file left"
    );
}
