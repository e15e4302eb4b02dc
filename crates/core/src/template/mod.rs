//! Templates: the questionnaires as data. TOML files under `assets/templates/` are embedded at
//! compile time; custom templates load from a user folder with the same parser and the same
//! validation. A template that fails validation is refused with the file, the question or rule
//! id, and what is wrong. The format is documented in `docs/template-format.md`.

mod cache;
mod cnil_tags;
mod condition;
mod decision;
mod folder;
mod library;
mod model;
mod requirements;
mod role;
mod validate;

use std::path::Path;

pub use cache::bundled;
pub use cnil_tags::CNIL_TEXT_QUESTIONS;
pub use condition::{Condition, Reference};
pub use library::{
    Decision, Entry, FolderFile, Imported, Library, Origin, Problem, Refusal, export,
};
pub use model::{
    Choice, CiteWhen, Clause, Column, Kind, Matrix, PiaNeed, Question, QuestionType, RegimeScope,
    Regimes, Rule, Scales, Section, Severity, Template, Wording, YNP_VALUES,
};
pub use requirements::{Requirement, Requirements};
pub use role::{ROLES, Role, RoleSpec};

pub(crate) use crate::error::toml_error;
use crate::error::{Error, Result};
use crate::law::LawRegister;

/// The bundled templates, by file name.
const BUNDLED: &[(&str, &str)] = &[
    (
        "data-source.toml",
        include_str!("../../../../assets/templates/data-source.toml"),
    ),
    (
        "vendor-entrustment.toml",
        include_str!("../../../../assets/templates/vendor-entrustment.toml"),
    ),
    (
        "pia.toml",
        include_str!("../../../../assets/templates/pia.toml"),
    ),
    (
        "transfer.toml",
        include_str!("../../../../assets/templates/transfer.toml"),
    ),
];

/// Parses and validates one template file's text.
pub fn parse(file: &str, text: &str, law: &LawRegister) -> Result<Template> {
    let template: Template = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
    validate::validate(file, &template, law)?;
    Ok(template)
}

/// Loads one template file from disk.
pub fn load_file(path: &Path, law: &LawRegister) -> Result<Template> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&path.display().to_string(), &text, law)
}

/// Loads every `*.toml` template in a folder, sorted by file name. The first invalid file refuses
/// the whole folder, naming that file and its problems. The app and the CLI use [`Library::load`]
/// instead, which skips a bad file, keeps the others and applies the id and version rules.
pub fn load_dir(dir: &Path, law: &LawRegister) -> Result<Vec<Template>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files.iter().map(|path| load_file(path, law)).collect()
}

/// One bundled template by id, for tests: the three instruments are always there.
#[cfg(test)]
pub(crate) fn bundled_for_test(id: &str) -> Template {
    let law = crate::law::LawRegister::bundled().expect("the bundled law register loads");
    bundled(&law)
        .expect("the bundled templates load")
        .into_iter()
        .find(|t| t.id == id)
        .expect("a bundled template with this id")
}
