//! The template folder on disk: each `*.toml` file read and checked on its own, an invalid
//! file's problems placed on their lines, and a new file written whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::decision::Problem;
use super::{Template, parse};
use crate::error::Error;
use crate::law::LawRegister;

/// One `*.toml` file of the folder, read and checked on its own.
#[derive(Debug, Clone)]
pub struct FolderFile {
    pub(super) name: String,
    pub(super) content: Content,
}

#[derive(Debug, Clone)]
pub(super) enum Content {
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
                    .map(|problem| locate(text, &problem.to_string()))
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
    pub(super) fn read(law: &LawRegister, path: &Path) -> FolderFile {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match std::fs::read_to_string(path) {
            Ok(text) => super::cache::folder_file(law, &name, &text),
            Err(e) => FolderFile::unreadable(&name, &e.to_string()),
        }
    }
}

/// Every `*.toml` file of `folder`, by file name, each read and checked on its own.
pub(super) fn read_folder(
    law: &LawRegister,
    folder: &Path,
) -> std::result::Result<Vec<FolderFile>, String> {
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
pub(super) fn locate(text: &str, problem: &str) -> Problem {
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

pub(super) enum WriteError {
    Exists,
    Io(std::io::Error),
}

/// Writes a new file whole or not at all, never replacing one: a temporary file beside it,
/// synced, then linked to its name (linking fails if the name exists). Where the file system has
/// no hard links (FAT on a USB stick), a rename after checking the name is the fallback.
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> std::result::Result<(), WriteError> {
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
