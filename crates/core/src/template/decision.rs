//! What the library decided about each file of the template folder, and an invalid file's
//! problems, worded in both languages.

use crate::error::Refusal;
use crate::i18n::Lang;

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
                "{file} is not a valid template and was skipped ({} {})",
                problems.len(),
                if problems.len() == 1 {
                    "problem"
                } else {
                    "problems"
                }
            ),
            (Decision::Invalid { file, problems }, Lang::Zh) => {
                format!("{file} 不是有效的模板，已跳过（{} 处问题）", problems.len())
            }
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
