//! Wire enums shared by the template and assessment views: instrument, status, severity, regime and
//! question kind, each converted once from its domain type.

use super::*;

/// Which instrument a template or assessment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    DataSource,
    Vendor,
    Pia,
    Transfer,
}

impl From<tpl::Kind> for Kind {
    fn from(kind: tpl::Kind) -> Kind {
        match kind {
            tpl::Kind::DataSource => Kind::DataSource,
            tpl::Kind::Vendor => Kind::Vendor,
            tpl::Kind::Pia => Kind::Pia,
            tpl::Kind::Transfer => Kind::Transfer,
        }
    }
}

impl Kind {
    /// The word on the wire (`data_source`, `vendor`, `pia`), for a door's table.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::DataSource => "data_source",
            Kind::Vendor => "vendor",
            Kind::Pia => "pia",
            Kind::Transfer => "transfer",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    InReview,
    Approved,
    Rejected,
}

impl From<vault::Status> for Status {
    fn from(status: vault::Status) -> Status {
        match status {
            vault::Status::Draft => Status::Draft,
            vault::Status::InReview => Status::InReview,
            vault::Status::Approved => Status::Approved,
            vault::Status::Rejected => Status::Rejected,
        }
    }
}

impl Status {
    /// The word on the wire (`draft`, `in_review`, `approved`, `rejected`), for a door's table.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl From<tpl::Severity> for Severity {
    fn from(severity: tpl::Severity) -> Severity {
        match severity {
            tpl::Severity::Info => Severity::Info,
            tpl::Severity::Low => Severity::Low,
            tpl::Severity::Medium => Severity::Medium,
            tpl::Severity::High => Severity::High,
            tpl::Severity::Critical => Severity::Critical,
        }
    }
}

/// Which regime a finding counts toward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    Eu,
    Prc,
    Both,
}

impl From<tpl::RegimeScope> for Regime {
    fn from(scope: tpl::RegimeScope) -> Regime {
        match scope {
            tpl::RegimeScope::Eu => Regime::Eu,
            tpl::RegimeScope::Prc => Regime::Prc,
            tpl::RegimeScope::Both => Regime::Both,
        }
    }
}

/// What a question asks for, and so which input the UI draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Ynp,
    SingleChoice,
    MultiChoice,
    Text,
    Date,
    Number,
    Likelihood,
    Severity,
    Evidence,
    Group,
}

impl From<tpl::QuestionType> for QuestionKind {
    fn from(kind: tpl::QuestionType) -> QuestionKind {
        match kind {
            tpl::QuestionType::Ynp => QuestionKind::Ynp,
            tpl::QuestionType::SingleChoice => QuestionKind::SingleChoice,
            tpl::QuestionType::MultiChoice => QuestionKind::MultiChoice,
            tpl::QuestionType::Text => QuestionKind::Text,
            tpl::QuestionType::Date => QuestionKind::Date,
            tpl::QuestionType::Number => QuestionKind::Number,
            tpl::QuestionType::Likelihood => QuestionKind::Likelihood,
            tpl::QuestionType::Severity => QuestionKind::Severity,
            tpl::QuestionType::Evidence => QuestionKind::Evidence,
            tpl::QuestionType::Group => QuestionKind::Group,
        }
    }
}
