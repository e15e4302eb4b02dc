//! The kinds of assessment: a plain name that templates, the store's rows and the doors share.
//! A leaf, so the store can carry an assessment's kind without knowing what a template is.

use serde::{Deserialize, Serialize};

/// Which instrument a template drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    DataSource,
    Vendor,
    Pia,
    /// One cross-border transfer, whose route `crate::transfer` names.
    Transfer,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::DataSource => "data_source",
            Kind::Vendor => "vendor",
            Kind::Pia => "pia",
            Kind::Transfer => "transfer",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        [Kind::DataSource, Kind::Vendor, Kind::Pia, Kind::Transfer]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}
