//! The template library: the bundled templates plus one user folder of custom templates, and a
//! decision, worded in both languages, for every file of that folder. The rules are pure
//! ([`Library::build`]) so that they can be tested without files; [`Library::load`] and
//! [`Library::import`] are the only parts that touch the disk.
//!
//! The rules (also in `docs/template-format.md`):
//! - every `*.toml` file of the folder is parsed and validated on its own; an invalid or unreadable
//!   file is listed with its problems and skipped, the others load;
//! - a custom template with a bundled id is used only with a strictly higher version (semver
//!   precedence); it then replaces the bundled one, and the library says so. With the same or a
//!   lower version it is refused: a user's file never silently hides or downgrades bundled content;
//! - several custom files with one id: the highest version is used and the others are listed as
//!   shadowed; when the highest version is in several files, they conflict and none of them is
//!   used (nor a lower one: which file was meant is for the user to say).
//!
//! Assessments keep the template snapshot they were started with, so nothing here ever changes
//! an existing assessment.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use super::decision::{Decision, Problem};
pub use super::folder::FolderFile;
use super::folder::{Content, WriteError, read_folder, write_new};
use super::{BUNDLED, Template, bundled, parse};
pub use crate::error::Refusal;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::law::LawRegister;

/// Where a template of the library comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Shipped with the app.
    Bundled,
    /// A file of the user's template folder, by its file name.
    Custom { file: String },
}

/// A template in use, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub origin: Origin,
    /// For a custom template with a bundled id: the bundled version it replaces.
    pub replaces: Option<String>,
    /// A custom template's file text, exported as it is (comments kept).
    text: Option<String>,
}

/// The name the file being imported takes while the rules decide about it: a `/` is in no file name.
const CANDIDATE: &str = "/import";

/// The templates a user can start an assessment from, and what was decided about each file.
#[derive(Debug, Clone)]
pub struct Library {
    folder: Option<PathBuf>,
    /// In use, in order: the bundled ones (each replaced in place by a newer custom one), then
    /// the custom ones with new ids, by id. `entries` is parallel to it.
    templates: Vec<Template>,
    entries: Vec<Entry>,
    decisions: Vec<Decision>,
}

/// What [`Library::import`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The new file in the template folder.
    pub path: PathBuf,
    /// [`Decision::Added`] or [`Decision::Replaces`].
    pub decision: Decision,
    /// Older custom files of the same id that the new one now shadows.
    pub shadowed: Vec<Decision>,
}

impl Library {
    /// Applies the rules to the bundled templates and the folder's files. Pure.
    pub fn build(bundled: Vec<Template>, files: Vec<FolderFile>) -> Library {
        let mut decisions = Vec::new();
        let mut candidates: BTreeMap<String, Vec<(String, Template, String)>> = BTreeMap::new();
        for file in files {
            match file.content {
                Content::Invalid(problems) => decisions.push(Decision::Invalid {
                    file: file.name,
                    problems,
                }),
                Content::Unreadable(reason) => decisions.push(Decision::Unreadable {
                    file: file.name,
                    reason,
                }),
                Content::Valid { template, text } => {
                    let older = bundled.iter().find(|b| {
                        b.id == template.id
                            && precedence(&template.version, &b.version) != Ordering::Greater
                    });
                    match older {
                        Some(b) => decisions.push(Decision::Refused {
                            file: file.name,
                            refusal: Refusal::NotNewerThanBundled {
                                id: template.id.clone(),
                                version: template.version.clone(),
                                bundled_version: b.version.clone(),
                            },
                        }),
                        None => candidates
                            .entry(template.id.clone())
                            .or_default()
                            .push((file.name, *template, text)),
                    }
                }
            }
        }

        let mut winners: BTreeMap<String, (String, Template, String)> = BTreeMap::new();
        for (id, mut list) in candidates {
            // Highest version first; among equals, by file name, so the listing is stable.
            list.sort_by(|a, b| precedence(&b.1.version, &a.1.version).then(a.0.cmp(&b.0)));
            let top = list[0].1.version.clone();
            let tied = list
                .iter()
                .take_while(|c| precedence(&c.1.version, &top) == Ordering::Equal)
                .count();
            let by_file = list[0].0.clone();
            if tied > 1 {
                let names: Vec<String> = list[..tied].iter().map(|c| c.0.clone()).collect();
                for (name, template, _) in &list[..tied] {
                    decisions.push(Decision::Refused {
                        file: name.clone(),
                        refusal: Refusal::SameVersion {
                            id: id.clone(),
                            version: template.version.clone(),
                            others: names.iter().filter(|n| *n != name).cloned().collect(),
                        },
                    });
                }
            }
            for (name, template, _) in &list[tied..] {
                decisions.push(Decision::Shadowed {
                    file: name.clone(),
                    id: id.clone(),
                    version: template.version.clone(),
                    by_file: by_file.clone(),
                    by_version: top.clone(),
                });
            }
            if tied == 1 {
                let winner = list.swap_remove(0);
                winners.insert(id, winner);
            }
        }

        let mut templates = Vec::new();
        let mut entries = Vec::new();
        for b in bundled {
            match winners.remove(&b.id) {
                Some((file, template, text)) => {
                    decisions.push(Decision::Replaces {
                        file: file.clone(),
                        id: template.id.clone(),
                        version: template.version.clone(),
                        bundled_version: b.version.clone(),
                    });
                    entries.push(Entry {
                        origin: Origin::Custom { file },
                        replaces: Some(b.version),
                        text: Some(text),
                    });
                    templates.push(template);
                }
                None => {
                    entries.push(Entry {
                        origin: Origin::Bundled,
                        replaces: None,
                        text: None,
                    });
                    templates.push(b);
                }
            }
        }
        for (_, (file, template, text)) in winners {
            decisions.push(Decision::Added {
                file: file.clone(),
                id: template.id.clone(),
                version: template.version.clone(),
            });
            entries.push(Entry {
                origin: Origin::Custom { file },
                replaces: None,
                text: Some(text),
            });
            templates.push(template);
        }
        decisions.sort_by(|a, b| a.file().cmp(b.file()));
        Library {
            folder: None,
            templates,
            entries,
            decisions,
        }
    }

    /// The bundled templates and, when given, the custom templates of `folder`. A folder that
    /// cannot be read is reported as a decision, not an error: the bundled templates stay usable.
    pub fn load(law: &LawRegister, folder: Option<&Path>) -> Result<Library> {
        let bundled = bundled(law)?;
        let Some(folder) = folder else {
            return Ok(Library::build(bundled, Vec::new()));
        };
        let mut library = match read_folder(law, folder) {
            Ok(files) => Library::build(bundled, files),
            Err(reason) => {
                let mut library = Library::build(bundled, Vec::new());
                library.decisions.push(Decision::FolderUnreadable {
                    folder: folder.display().to_string(),
                    reason,
                });
                library
            }
        };
        library.folder = Some(folder.to_path_buf());
        Ok(library)
    }

    /// The folder of custom templates, if one is used.
    pub fn folder(&self) -> Option<&Path> {
        self.folder.as_deref()
    }

    /// The templates in use (for `api::create_assessment`).
    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    /// The templates in use with where each comes from.
    pub fn entries(&self) -> impl Iterator<Item = (&Template, &Entry)> {
        self.templates.iter().zip(&self.entries)
    }

    /// The template in use under `id`.
    pub fn get(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// The decision about every file of the folder, by file name.
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// The decisions about files that are not in use (invalid, unreadable, refused, shadowed).
    pub fn problems(&self) -> impl Iterator<Item = &Decision> {
        self.decisions.iter().filter(|d| !d.is_used())
    }

    /// The TOML text of the template in use under `id`: a custom template's file as it is, a
    /// bundled template's source; `None` when no template has that id.
    pub fn export(&self, id: &str) -> Result<Option<String>> {
        let Some((template, entry)) = self.entries().find(|(t, _)| t.id == id) else {
            return Ok(None);
        };
        match &entry.text {
            Some(text) => Ok(Some(text.clone())),
            None => export(template).map(Some),
        }
    }

    /// Copies the template file `file` into `folder` as `<id>-<version>.toml`, once it is valid and
    /// the id and version rules accept it against the library the folder makes now. Refused
    /// (with the folder unchanged) when invalid, when it would not be used, or when the target
    /// name exists. The copy appears whole or not at all.
    pub fn import(law: &LawRegister, folder: &Path, file: &Path) -> Result<Imported> {
        let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
        let shown = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let template = parse(&shown, &text, law)?;
        let name = format!("{}-{}.toml", template.id, template.version);
        let mut files = read_folder(law, folder)
            .map_err(|reason| Error::io(folder, std::io::Error::other(reason)))?;
        let exists = files.iter().any(|f| f.name == name);
        // The candidate takes a name no file can have, so that its decision cannot be confused
        // with one about a file of the folder that happens to share its name.
        files.push(FolderFile {
            name: CANDIDATE.to_owned(),
            content: Content::Valid {
                template: Box::new(template.clone()),
                text: text.clone(),
            },
        });
        let library = Library::build(bundled(law)?, files);
        let refused = |refusal| Error::TemplateRefused {
            file: shown.clone(),
            refusal,
        };
        let not_newer = |file: &str, custom_version: &str| {
            refused(Refusal::NotNewerThanCustom {
                id: template.id.clone(),
                version: template.version.clone(),
                file: file.to_owned(),
                custom_version: custom_version.to_owned(),
            })
        };
        let decision = match library.decisions.iter().find(|d| d.file() == CANDIDATE) {
            Some(Decision::Added { id, version, .. }) => Decision::Added {
                file: name.clone(),
                id: id.clone(),
                version: version.clone(),
            },
            Some(Decision::Replaces {
                id,
                version,
                bundled_version,
                ..
            }) => Decision::Replaces {
                file: name.clone(),
                id: id.clone(),
                version: version.clone(),
                bundled_version: bundled_version.clone(),
            },
            Some(Decision::Refused {
                refusal: Refusal::SameVersion { others, .. },
                ..
            }) => {
                let other = others.first().map_or("", String::as_str);
                return Err(not_newer(other, &template.version));
            }
            Some(Decision::Shadowed {
                by_file,
                by_version,
                ..
            }) => return Err(not_newer(by_file, by_version)),
            Some(Decision::Refused { refusal, .. }) => return Err(refused(refusal.clone())),
            Some(other) => {
                return Err(Error::InvalidTemplate {
                    file: shown.clone(),
                    problems: vec![other.message(Lang::En).into()],
                });
            }
            None => {
                return Err(Error::InvalidTemplate {
                    file: shown.clone(),
                    problems: vec!["the library made no decision about it".to_owned().into()],
                });
            }
        };
        let path = folder.join(&name);
        if exists {
            return Err(refused(Refusal::FileExists { file: name }));
        }
        write_new(&path, text.as_bytes()).map_err(|e| match e {
            WriteError::Exists => refused(Refusal::FileExists { file: name.clone() }),
            WriteError::Io(e) => Error::io(&path, e),
        })?;
        let shadowed = library
            .decisions
            .iter()
            .filter_map(|d| match d {
                Decision::Shadowed {
                    file,
                    id,
                    version,
                    by_file,
                    by_version,
                } if by_file == CANDIDATE => Some(Decision::Shadowed {
                    file: file.clone(),
                    id: id.clone(),
                    version: version.clone(),
                    by_file: name.clone(),
                    by_version: by_version.clone(),
                }),
                _ => None,
            })
            .collect();
        Ok(Imported {
            path,
            decision,
            shadowed,
        })
    }
}

/// A template as TOML text: a bundled template's own source when it is exactly a bundled one
/// (comments kept), else the template serialized (e.g. one taken from an assessment's snapshot).
/// It parses back to an equal template.
pub fn export(template: &Template) -> Result<String> {
    for (_, text) in BUNDLED {
        if toml::from_str::<Template>(text).is_ok_and(|b| b == *template) {
            return Ok((*text).to_owned());
        }
    }
    toml::to_string(template).map_err(|e| Error::Corrupted {
        detail: format!("template {} cannot be written as TOML: {e}", template.id),
    })
}

/// Compares two versions by semver precedence (build metadata ignored). Validation guarantees
/// both parse; text order is only a fallback that keeps the comparison total.
fn precedence(a: &str, b: &str) -> Ordering {
    match (semver::Version::parse(a), semver::Version::parse(b)) {
        (Ok(a), Ok(b)) => a.cmp_precedence(&b),
        _ => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn law() -> LawRegister {
        LawRegister::bundled().expect("law")
    }

    /// A minimal valid template text.
    fn text(id: &str, version: &str) -> String {
        format!(
            r#"id = "{id}"
version = "{version}"
kind = "data_source"
title = {{ zh = "短信", en = "SMS" }}
description = {{ zh = "说明", en = "About" }}

[[sections]]
id = "s"
title = {{ zh = "同意", en = "Consent" }}

[[sections.questions]]
id = "consent"
type = "ynp"
text = {{ zh = "是否取得同意？", en = "Was consent obtained?" }}
cite = ["PIPL-13-1"]
"#
        )
    }

    fn bundled_templates() -> Vec<Template> {
        bundled(&law()).expect("bundled")
    }

    fn file(name: &str, id: &str, version: &str) -> FolderFile {
        FolderFile::parse(&law(), name, &text(id, version))
    }

    #[test]
    fn without_a_folder_the_library_is_the_bundled_templates() {
        let library = Library::build(bundled_templates(), Vec::new());
        let ids: Vec<_> = library.templates().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            ["data-source", "vendor-entrustment", "pia", "transfer"]
        );
        assert!(library.entries().all(|(_, e)| e.origin == Origin::Bundled));
        assert!(library.decisions().is_empty());
    }

    #[test]
    fn a_higher_version_replaces_a_bundled_template_in_place() {
        let bundled_version = bundled_templates()[0].version.clone();
        let library = Library::build(
            bundled_templates(),
            vec![file("ds.toml", "data-source", "9.0.0")],
        );
        let (template, entry) = library.entries().next().expect("first");
        assert_eq!(
            (template.id.as_str(), template.version.as_str()),
            ("data-source", "9.0.0")
        );
        assert_eq!(entry.replaces.as_deref(), Some(bundled_version.as_str()));
        assert_eq!(
            library.decisions()[0].message(Lang::En),
            format!("data-source: custom 9.0.0 replaces bundled {bundled_version}")
        );
        assert_eq!(library.templates().len(), 4);
    }

    #[test]
    fn pre_releases_and_build_metadata_follow_semver_precedence() {
        assert_eq!(precedence("1.1.0-rc.1", "1.1.0"), Ordering::Less);
        assert_eq!(precedence("1.10.0", "1.9.0"), Ordering::Greater);
        assert_eq!(precedence("1.2.0+a", "1.2.0+b"), Ordering::Equal);
    }

    #[test]
    fn problems_are_placed_on_their_line() {
        let broken = text("x", "one").replace("cite = [\"PIPL-13-1\"]", "cite = [\"NOPE\"]");
        let file = FolderFile::parse(&law(), "x.toml", &broken);
        let Content::Invalid(problems) = file.content else {
            panic!("not invalid");
        };
        assert!(problems.contains(&Problem {
            line: Some(2),
            message: "version \"one\" is not a semantic version (e.g. 1.0.0)".to_owned()
        }));
        let citation = problems
            .iter()
            .find(|p| p.message.contains("NOPE"))
            .expect("citation problem");
        assert_eq!(citation.line, Some(12));
        assert_eq!(
            citation.message(Lang::Zh).split_once('：').map(|s| s.0),
            Some("第 12 行")
        );
    }

    #[test]
    fn every_bundled_template_serializes_back_to_an_equal_template() {
        for template in bundled_templates() {
            let mut changed = template.clone();
            changed.version = "99.0.0".to_owned();
            let text = export(&changed).expect("export");
            let back: Template = toml::from_str(&text).expect("parses back");
            assert_eq!(back, changed, "{} does not round-trip", template.id);
            assert!(
                export(&template)
                    .expect("bundled")
                    .starts_with("# DPO Desk template")
            );
        }
    }
}
