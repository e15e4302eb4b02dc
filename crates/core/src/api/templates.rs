//! Wire types of the template library: which templates a new assessment can start from and where
//! each comes from, what was decided about every file of the custom folder, and the folder
//! setting, import and export. Every decision and problem is worded here in both languages, from
//! `template::Library`; the UI only shows them.

use std::path::Path;

use super::*;
use crate::template::{Decision, Library, Origin, Refusal};

/// Where a template in use comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TemplateOrigin {
    Bundled,
    Custom,
}

/// A template a new assessment can start from.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TemplateEntryView {
    pub info: TemplateInfo,
    pub origin: TemplateOrigin,
    /// A custom template's file name in the folder.
    pub file: Option<String>,
    /// For a custom template with a bundled id: the bundled version it replaces.
    pub replaces: Option<String>,
    /// For a custom template: the library's decision, e.g. "data-source: custom 1.2.0 replaces
    /// bundled 1.1.0".
    pub note: Option<Bilingual>,
}

/// Why a file of the folder is not in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TemplateProblemKind {
    /// Not a valid template (its problems follow the first message).
    Invalid,
    /// The file cannot be read.
    Unreadable,
    /// A bundled id without a higher version.
    NotNewer,
    /// Several files with one id and one version.
    Conflict,
    /// Another file has the same id at a higher version.
    Shadowed,
    /// The folder itself cannot be read.
    Folder,
}

/// A file of the folder that is not in use: the decision first, then (for an invalid file) each
/// problem with its line.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TemplateProblemView {
    pub file: String,
    pub kind: TemplateProblemKind,
    pub messages: Vec<Bilingual>,
}

/// The template library as the settings screen and the "new assessment" dialog show it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TemplateLibraryView {
    /// The custom template folder, if one is set.
    pub folder: Option<String>,
    pub templates: Vec<TemplateEntryView>,
    pub problems: Vec<TemplateProblemView>,
}

/// What an import did: the file it wrote, the decision ("custom … added" or "… replaces bundled
/// …"), the older files it now shadows, and the library after it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TemplateImportView {
    pub file: String,
    pub decision: Bilingual,
    pub notes: Vec<Bilingual>,
    pub library: TemplateLibraryView,
}

/// Which template to export: one of the library by id, or the snapshot an assessment was started
/// with (exactly one of the two).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct TemplateExportRequest {
    pub template_id: Option<String>,
    pub assessment_id: Option<String>,
}

/// An exported template: the TOML text and the file name to suggest (`<id>-<version>.toml`). The
/// shell writes it where the user chooses; it never crosses IPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateExport {
    pub file_name: String,
    pub text: String,
}

fn both(word: impl Fn(Lang) -> String) -> Bilingual {
    Bilingual {
        zh: word(Lang::Zh),
        en: word(Lang::En),
    }
}

impl From<&Decision> for TemplateProblemView {
    fn from(decision: &Decision) -> TemplateProblemView {
        let kind = match decision {
            // A used file is never among `Library::problems`; it maps somewhere only so that the
            // match stays total.
            Decision::Invalid { .. } | Decision::Added { .. } | Decision::Replaces { .. } => {
                TemplateProblemKind::Invalid
            }
            Decision::Unreadable { .. } => TemplateProblemKind::Unreadable,
            Decision::Refused {
                refusal: Refusal::SameVersion { .. },
                ..
            } => TemplateProblemKind::Conflict,
            Decision::Refused { .. } => TemplateProblemKind::NotNewer,
            Decision::Shadowed { .. } => TemplateProblemKind::Shadowed,
            Decision::FolderUnreadable { .. } => TemplateProblemKind::Folder,
        };
        let mut messages = vec![both(|lang| decision.message(lang))];
        messages.extend(
            decision
                .problems()
                .iter()
                .map(|problem| both(|lang| problem.message(lang))),
        );
        TemplateProblemView {
            file: decision.file().to_owned(),
            kind,
            messages,
        }
    }
}

impl From<&Library> for TemplateLibraryView {
    fn from(library: &Library) -> TemplateLibraryView {
        let templates = library
            .entries()
            .map(|(template, entry)| {
                let file = match &entry.origin {
                    Origin::Bundled => None,
                    Origin::Custom { file } => Some(file.clone()),
                };
                let note = file.as_ref().and_then(|file| {
                    library
                        .decisions()
                        .iter()
                        .find(|d| d.is_used() && d.file() == file)
                        .map(|d| both(|lang| d.message(lang)))
                });
                TemplateEntryView {
                    info: template.into(),
                    origin: match entry.origin {
                        Origin::Bundled => TemplateOrigin::Bundled,
                        Origin::Custom { .. } => TemplateOrigin::Custom,
                    },
                    file,
                    replaces: entry.replaces.clone(),
                    note,
                }
            })
            .collect();
        TemplateLibraryView {
            folder: library.folder().map(|f| f.display().to_string()),
            templates,
            problems: library.problems().map(Into::into).collect(),
        }
    }
}

/// The library this vault uses: the bundled templates and its custom folder's.
pub fn load_library(store: &impl Read, law: &LawRegister) -> crate::Result<Library> {
    Library::load(law, vault::template_folder(store)?.as_deref())
}

/// The library as the UI shows it.
pub fn template_library(
    store: &impl Read,
    law: &LawRegister,
) -> crate::Result<TemplateLibraryView> {
    Ok((&load_library(store, law)?).into())
}

/// Sets (or with `None` clears) the custom template folder, audited, and returns the library it
/// makes, with the problems of its files.
pub fn set_template_folder<S: Store>(
    store: &mut S,
    law: &LawRegister,
    actor: &str,
    folder: Option<&Path>,
) -> crate::Result<TemplateLibraryView> {
    vault::set_template_folder(store, actor, folder)?;
    template_library(store, law)
}

/// Imports a template file into the vault's custom folder (see `template::Library::import` for
/// the rules). Without a folder set, refused: the user chooses one in the settings first.
pub fn import_template(
    store: &impl Read,
    law: &LawRegister,
    file: &Path,
) -> crate::Result<TemplateImportView> {
    let folder = vault::template_folder(store)?.ok_or(Error::InvalidInput {
        field: "template_folder",
        reason: Invalid::Empty,
    })?;
    let imported = Library::import(law, &folder, file)?;
    Ok(TemplateImportView {
        file: imported
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        decision: both(|lang| imported.decision.message(lang)),
        notes: imported
            .shadowed
            .iter()
            .map(|d| both(|lang| d.message(lang)))
            .collect(),
        library: template_library(store, law)?,
    })
}

/// A template as a TOML file to save: one of the library (a custom template's file as it is, a
/// bundled one's source), or the snapshot an assessment was started with.
pub fn export_template<R: Read>(
    store: &R,
    law: &LawRegister,
    request: &TemplateExportRequest,
) -> crate::Result<TemplateExport> {
    let given = |id: &Option<String>| {
        id.as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
    };
    let (template, text) = match (given(&request.template_id), given(&request.assessment_id)) {
        (_, Some(assessment)) => {
            let template = crate::assessment::stored::assessment_template(store, &assessment)?;
            let text = tpl::export(&template)?;
            (template, text)
        }
        (Some(id), None) => {
            let library = load_library(store, law)?;
            let unknown = || Error::InvalidTemplate {
                file: id.clone(),
                problems: vec!["no template in the library has this id".to_owned().into()],
            };
            let template = library.get(&id).cloned().ok_or_else(unknown)?;
            let text = library.export(&id)?.ok_or_else(unknown)?;
            (template, text)
        }
        (None, None) => {
            return Err(Error::InvalidInput {
                field: "template",
                reason: Invalid::Empty,
            });
        }
    };
    Ok(TemplateExport {
        file_name: format!("{}-{}.toml", template.id, template.version),
        text,
    })
}

/// The `templates list --json` items: each template in use with its origin (`bundled`,
/// `custom`), its file and the bundled version it replaces.
pub fn library_document(library: &Library) -> Vec<serde_json::Value> {
    library
        .entries()
        .map(|(t, entry)| {
            let (origin, file) = match &entry.origin {
                tpl::Origin::Bundled => ("bundled", None),
                tpl::Origin::Custom { file } => ("custom", Some(file.as_str())),
            };
            serde_json::json!({
                "id": t.id,
                "version": t.version,
                "kind": t.kind.as_str(),
                "title": { "zh": t.title.zh, "en": t.title.en },
                "questions": t.questions().count(),
                "rules": t.rules.len(),
                "origin": origin,
                "file": file,
                "replaces": entry.replaces,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Passphrase;

    const CUSTOM: &str = r#"id = "custom-sms"
version = "0.1.0"
kind = "data_source"
title = { zh = "短信", en = "SMS" }
description = { zh = "说明", en = "About" }

[[sections]]
id = "s"
title = { zh = "同意", en = "Consent" }

[[sections.questions]]
id = "consent"
type = "ynp"
text = { zh = "是否取得同意？", en = "Was consent obtained?" }
cite = ["PIPL-13-1"]
"#;

    #[test]
    fn the_view_shows_origins_and_worded_problems_and_a_custom_template_starts_an_assessment() {
        let dir = tempfile::tempdir().expect("temp dir");
        let passphrase = Passphrase::new("correct horse battery staple".to_owned());
        let mut vault =
            Vault::create(&dir.path().join("v.dpvault"), &passphrase, "t").expect("vault");
        let law = LawRegister::bundled().expect("law");
        let folder = dir.path().join("templates");
        std::fs::create_dir(&folder).expect("mkdir");
        std::fs::write(folder.join("sms.toml"), CUSTOM).expect("write");
        std::fs::write(folder.join("broken.toml"), "id = \n").expect("write");

        let view = set_template_folder(&mut vault, &law, "t", Some(&folder)).expect("set");
        assert!(view.folder.is_some());
        let custom = view
            .templates
            .iter()
            .find(|t| t.info.id == "custom-sms")
            .expect("custom listed");
        assert_eq!(custom.origin, TemplateOrigin::Custom);
        assert_eq!(custom.file.as_deref(), Some("sms.toml"));
        assert_eq!(view.problems.len(), 1);
        assert_eq!(view.problems[0].kind, TemplateProblemKind::Invalid);
        assert!(view.problems[0].messages[1].zh.starts_with("第 1 行："));
        assert!(view.problems[0].messages[0].en.contains("broken.toml"));

        let library = load_library(&vault, &law).expect("library");
        let request = NewAssessmentRequest {
            template_id: "custom-sms".into(),
            title: "SMS".into(),
            client_id: None,
            subject_id: None,
        };
        let created =
            create_assessment(&mut vault, library.templates(), "t", &request).expect("created");
        let exported = export_template(
            &vault,
            &law,
            &TemplateExportRequest {
                template_id: None,
                assessment_id: Some(created.id),
            },
        )
        .expect("export");
        assert_eq!(exported.file_name, "custom-sms-0.1.0.toml");
        let back: Template = toml::from_str(&exported.text).expect("toml");
        assert_eq!(Some(&back), library.get("custom-sms"));
    }
}

/// A template a new assessment can start from (bundled or custom).
#[derive(Debug, Clone, Serialize, TS)]
pub struct TemplateInfo {
    pub id: String,
    pub version: String,
    pub kind: Kind,
    pub title: Bilingual,
    pub description: Bilingual,
}

impl From<&Template> for TemplateInfo {
    fn from(t: &Template) -> TemplateInfo {
        TemplateInfo {
            id: t.id.clone(),
            version: t.version.clone(),
            kind: t.kind.into(),
            title: (&t.title).into(),
            description: (&t.description).into(),
        }
    }
}
