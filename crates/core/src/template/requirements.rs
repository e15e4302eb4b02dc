//! The requirement items every bundled template must cover (DS-01…DS-30, VE-01…VE-26,
//! PIA-01…PIA-17), kept as data inside the project (`assets/templates/requirements.toml`) so that a
//! test can prove each is backed by a question and by a rule citing its primary source.

use serde::Deserialize;

use super::Kind;
use crate::error::Result;
use crate::i18n::Text;

const BUNDLED_REQUIREMENTS: &str = include_str!("../../../../assets/templates/requirements.toml");

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub instrument: Kind,
    pub title: Text,
    /// Law register keys; the first is the primary source a rule must cite.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    pub requirement: Vec<Requirement>,
}

impl Requirements {
    pub fn bundled() -> Result<Requirements> {
        toml::from_str(BUNDLED_REQUIREMENTS)
            .map_err(|e| super::toml_error("requirements.toml", BUNDLED_REQUIREMENTS, &e))
    }

    pub fn for_kind(&self, kind: Kind) -> impl Iterator<Item = &Requirement> {
        self.requirement
            .iter()
            .filter(move |r| r.instrument == kind)
    }
}
