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
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{BUNDLED, Template, bundled, parse};
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

/// One problem of an invalid file: its line when known, and what is wrong (validation's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    /// The problem with its line, in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self.line, lang) {
            (Some(line), Lang::En) => format!("line {line}: {}", self.message),
            (Some(line), Lang::Zh) => format!("第 {line} 行：{}", self.message),
            (None, _) => self.message.clone(),
        }
    }
}

/// Why a custom template is not used although it is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Its id is a bundled id and its version is not higher than the bundled one.
    NotNewerThanBundled {
        id: String,
        version: String,
        bundled_version: String,
    },
    /// Other files of the folder have the same id and the same version.
    SameVersion {
        id: String,
        version: String,
        others: Vec<String>,
    },
    /// Import only: the folder already has this id at this or a higher version, which would stay
    /// in use.
    NotNewerThanCustom {
        id: String,
        version: String,
        file: String,
        custom_version: String,
    },
    /// Import only: the folder already has a file of that name.
    FileExists { file: String },
}

impl Refusal {
    /// What was refused and what to do, in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Refusal::NotNewerThanBundled {
                    id,
                    version,
                    bundled_version,
                },
                Lang::En,
            ) => format!(
                "custom {id} {version} is not newer than bundled {id} {bundled_version}, so the bundled one stays in use: to replace it, raise the version above {bundled_version}; to keep both, give the custom template a new id"
            ),
            (
                Refusal::NotNewerThanBundled {
                    id,
                    version,
                    bundled_version,
                },
                Lang::Zh,
            ) => format!(
                "自定义模板 {id} {version} 的版本不高于内置模板 {id} {bundled_version}，因此仍使用内置模板：如要替换，请将版本提高到 {bundled_version} 以上；如要两者并存，请为自定义模板另取一个标识"
            ),
            (
                Refusal::SameVersion {
                    id,
                    version,
                    others,
                },
                Lang::En,
            ) => format!(
                "{id} {version} is also in {}: files with one id and one version conflict, so none of them is used; raise the version of the one you mean, or remove the others",
                others.join(", ")
            ),
            (
                Refusal::SameVersion {
                    id,
                    version,
                    others,
                },
                Lang::Zh,
            ) => format!(
                "{} 中也有 {id} {version}：标识和版本都相同的文件互相冲突，均不使用；请提高要使用的那个文件的版本，或删除其余文件",
                others.join("、")
            ),
            (
                Refusal::NotNewerThanCustom {
                    id,
                    version,
                    file,
                    custom_version,
                },
                Lang::En,
            ) => format!(
                "the template folder already has {id} {custom_version} ({file}), which would stay in use instead of {version}: raise the version above {custom_version}, or give the template a new id"
            ),
            (
                Refusal::NotNewerThanCustom {
                    id,
                    version,
                    file,
                    custom_version,
                },
                Lang::Zh,
            ) => format!(
                "模板文件夹中已有 {id} {custom_version}（{file}），导入的 {version} 不会被使用：请将版本提高到 {custom_version} 以上，或为模板另取一个标识"
            ),
            (Refusal::FileExists { file }, Lang::En) => format!(
                "the template folder already has a file named {file}; it was not overwritten: rename or remove that file first"
            ),
            (Refusal::FileExists { file }, Lang::Zh) => {
                format!("模板文件夹中已有名为 {file} 的文件，未覆盖：请先重命名或删除该文件")
            }
        }
    }
}

/// What the library decided about one file of the folder (or the folder itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// A custom template with a new id, in use.
    Added {
        file: String,
        id: String,
        version: String,
    },
    /// A custom template with a bundled id and a higher version, in use instead of the bundled one.
    Replaces {
        file: String,
        id: String,
        version: String,
        bundled_version: String,
    },
    /// Valid, but another file has the same id at a higher version.
    Shadowed {
        file: String,
        id: String,
        version: String,
        by_file: String,
        by_version: String,
    },
    /// Valid, but refused by the id and version rules.
    Refused { file: String, refusal: Refusal },
    /// Not a valid template: every problem validation found.
    Invalid {
        file: String,
        problems: Vec<Problem>,
    },
    /// The file could not be read (permissions, not UTF-8 text, …).
    Unreadable { file: String, reason: String },
    /// The folder itself could not be read: only the bundled templates are available.
    FolderUnreadable { folder: String, reason: String },
}

impl Decision {
    /// The file (or folder) the decision is about.
    pub fn file(&self) -> &str {
        match self {
            Decision::Added { file, .. }
            | Decision::Replaces { file, .. }
            | Decision::Shadowed { file, .. }
            | Decision::Refused { file, .. }
            | Decision::Invalid { file, .. }
            | Decision::Unreadable { file, .. } => file,
            Decision::FolderUnreadable { folder, .. } => folder,
        }
    }

    /// Whether the file's template is in use.
    pub fn is_used(&self) -> bool {
        matches!(self, Decision::Added { .. } | Decision::Replaces { .. })
    }

    /// The decision in one sentence, in the reader's language. An invalid file's problems are
    /// listed apart, in [`Decision::problems`].
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Decision::Added { file, id, version }, Lang::En) => {
                format!("custom {id} {version} added from {file}")
            }
            (Decision::Added { file, id, version }, Lang::Zh) => {
                format!("已从 {file} 添加自定义模板 {id} {version}")
            }
            (
                Decision::Replaces {
                    id,
                    version,
                    bundled_version,
                    ..
                },
                Lang::En,
            ) => format!("{id}: custom {version} replaces bundled {bundled_version}"),
            (
                Decision::Replaces {
                    id,
                    version,
                    bundled_version,
                    ..
                },
                Lang::Zh,
            ) => format!("{id}：自定义 {version} 取代内置 {bundled_version}"),
            (
                Decision::Shadowed {
                    file,
                    id,
                    version,
                    by_file,
                    by_version,
                },
                Lang::En,
            ) => format!(
                "{file}: {id} {version} is not used, {by_file} has the higher version {by_version} (remove the older file to silence this)"
            ),
            (
                Decision::Shadowed {
                    file,
                    id,
                    version,
                    by_file,
                    by_version,
                },
                Lang::Zh,
            ) => format!(
                "{file}：未使用 {id} {version}，因为 {by_file} 的版本 {by_version} 更高（删除较旧的文件即可消除此提示）"
            ),
            (Decision::Refused { file, refusal }, Lang::En) => {
                format!("{file}: {}", refusal.message(lang))
            }
            (Decision::Refused { file, refusal }, Lang::Zh) => {
                format!("{file}：{}", refusal.message(lang))
            }
            (Decision::Invalid { file, problems }, Lang::En) => format!(
                "{file} is not a valid template and was skipped ({} {}): check it with `dpodesk templates check`",
                problems.len(),
                if problems.len() == 1 {
                    "problem"
                } else {
                    "problems"
                }
            ),
            (Decision::Invalid { file, problems }, Lang::Zh) => format!(
                "{file} 不是有效的模板，已跳过（{} 处问题）：可用 `dpodesk templates check` 检查",
                problems.len()
            ),
            (Decision::Unreadable { file, reason }, Lang::En) => {
                format!("{file} cannot be read ({reason}) and was skipped")
            }
            (Decision::Unreadable { file, reason }, Lang::Zh) => {
                format!("无法读取 {file}（{reason}），已跳过")
            }
            (Decision::FolderUnreadable { folder, reason }, Lang::En) => format!(
                "the template folder {folder} cannot be read ({reason}): only the bundled templates are available; check the folder or choose another"
            ),
            (Decision::FolderUnreadable { folder, reason }, Lang::Zh) => format!(
                "无法读取模板文件夹 {folder}（{reason}）：目前只能使用内置模板；请检查该文件夹或另选一个"
            ),
        }
    }

    /// An invalid file's problems (empty for every other decision).
    pub fn problems(&self) -> &[Problem] {
        match self {
            Decision::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

/// One `*.toml` file of the folder, read and checked on its own.
#[derive(Debug, Clone)]
pub struct FolderFile {
    name: String,
    content: Content,
}

#[derive(Debug, Clone)]
enum Content {
    Valid {
        template: Box<Template>,
        text: String,
    },
    Invalid(Vec<Problem>),
    Unreadable(String),
}

impl FolderFile {
    /// Parses and validates a file's text; `name` is its file name.
    pub fn parse(law: &LawRegister, name: &str, text: &str) -> FolderFile {
        let content = match parse(name, text, law) {
            Ok(template) => Content::Valid {
                template: Box::new(template),
                text: text.to_owned(),
            },
            Err(Error::InvalidTemplate { problems, .. }) => Content::Invalid(
                problems
                    .iter()
                    .map(|problem| locate(text, problem))
                    .collect(),
            ),
            Err(other) => Content::Invalid(vec![Problem {
                line: None,
                message: other.to_string(),
            }]),
        };
        FolderFile {
            name: name.to_owned(),
            content,
        }
    }

    /// A file that could not be read, and why.
    pub fn unreadable(name: &str, reason: &str) -> FolderFile {
        FolderFile {
            name: name.to_owned(),
            content: Content::Unreadable(reason.to_owned()),
        }
    }

    /// Reads one file of the folder.
    fn read(law: &LawRegister, path: &Path) -> FolderFile {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match std::fs::read_to_string(path) {
            Ok(text) => FolderFile::parse(law, &name, &text),
            Err(e) => FolderFile::unreadable(&name, &e.to_string()),
        }
    }
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
                    problems: vec![other.message(Lang::En)],
                });
            }
            None => {
                return Err(Error::InvalidTemplate {
                    file: shown.clone(),
                    problems: vec!["the library made no decision about it".to_owned()],
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

/// Every `*.toml` file of `folder`, by file name, each read and checked on its own.
fn read_folder(law: &LawRegister, folder: &Path) -> std::result::Result<Vec<FolderFile>, String> {
    let entries = std::fs::read_dir(folder).map_err(|e| e.to_string())?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml") && path.is_file())
        .collect();
    paths.sort();
    Ok(paths
        .iter()
        .map(|path| FolderFile::read(law, path))
        .collect())
}

/// Splits validation's message into its line and text: a TOML error carries `line N: `; a
/// problem that names a section, question or rule is placed on the line of that `id`, and one
/// about the header's `id` or `version` on that key's line.
fn locate(text: &str, problem: &str) -> Problem {
    if let Some(rest) = problem.strip_prefix("line ")
        && let Some((number, message)) = rest.split_once(": ")
        && let Ok(line) = number.parse()
    {
        return Problem {
            line: Some(line),
            message: message.to_owned(),
        };
    }
    let key_line = |key: &str, value: Option<&str>| {
        text.lines().position(|line| {
            let Some((k, v)) = line.split_once('=') else {
                return false;
            };
            k.trim() == key && value.is_none_or(|value| v.trim().trim_matches('"') == value)
        })
    };
    let mut words = problem.split([' ', ':']);
    let line = match (words.next(), words.next()) {
        (Some("section" | "question" | "rule"), Some(id)) => key_line("id", Some(id)),
        (Some("id"), _) => key_line("id", None),
        (Some("version"), _) => key_line("version", None),
        _ => None,
    };
    Problem {
        line: line.map(|index| index + 1),
        message: problem.to_owned(),
    }
}

enum WriteError {
    Exists,
    Io(std::io::Error),
}

/// Writes a new file whole or not at all, never replacing one: a temporary file beside it,
/// synced, then linked to its name (linking fails if the name exists). Where the file system has
/// no hard links (FAT on a USB stick), a rename after checking the name is the fallback.
fn write_new(path: &Path, bytes: &[u8]) -> std::result::Result<(), WriteError> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{name}.{}.tmp", crate::id::new_id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        });
    let result = match written {
        Err(e) => Err(WriteError::Io(e)),
        Ok(()) => match std::fs::hard_link(&temp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(WriteError::Exists),
            Err(_) if path.symlink_metadata().is_ok() => Err(WriteError::Exists),
            Err(_) => std::fs::rename(&temp, path).map_err(WriteError::Io),
        },
    };
    let _ = std::fs::remove_file(&temp);
    if result.is_ok()
        && let Some(parent) = path.parent()
    {
        let _ = std::fs::File::open(parent).and_then(|dir| dir.sync_all());
    }
    result
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
        assert_eq!(ids, ["data-source", "vendor-entrustment", "pia"]);
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
        assert_eq!(library.templates().len(), 3);
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
