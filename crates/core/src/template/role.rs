//! Roles: the questions that reports and importers read by what they mean rather than by id. A
//! template marks such a question `role = "channel"`; the client memo, the PIA report, the CNIL
//! exchange and the retention dates find it through [`Template::by_role`], so a template that
//! renames the question keeps them right. Which roles a kind of template must carry, and of what
//! type, is the table below; the validator refuses a template without them, with the reason.

use serde::{Deserialize, Serialize};

use super::model::{Kind, QuestionType, Template};
use crate::error::RoleUser;

/// What a question means to the code that reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Data source: the channel the data comes through (the memo's channel column).
    Channel,
    /// Data source: the platforms the channel runs on.
    Platforms,
    /// Data source: how many people's data.
    Volume,
    /// Data source: the purpose of the channel.
    Purpose,
    /// Data source: when the channel started.
    StartDate,
    /// Data source: whether the channel's contacts get marketing ("no": the memo says the
    /// assessment covers the stated purpose only).
    MarketingUse,
    /// PIA: where the decision to do the PIA was taken (the CNIL tool, on import).
    DecidedIn,
    /// PIA: who carried out the assessment (the CNIL file's author).
    Assessors,
    /// PIA: whether there is a DPO.
    DpoExists,
    /// PIA: whether the DPO's advice was sought.
    DpoAdvice,
    /// PIA: the DPO's opinion (the CNIL file's DPO status).
    DpoOpinion,
    /// PIA: the DPO's opinion in words.
    DpoOpinionText,
    /// PIA: whether the views of the people concerned were sought.
    ViewsSought,
    /// PIA: the summary of those views.
    ViewsSummary,
    /// PIA: who signs the PIA (the CNIL file's validator).
    Signatory,
    /// PIA: the action plan.
    ActionPlan,
    /// PIA: how many years the assessment is kept.
    RetentionYears,
}

impl Role {
    /// The id of the bundled question that had this meaning before templates carried roles; read
    /// only for snapshots older than roles (see [`Template::by_role`]).
    fn id_before_roles(self) -> &'static str {
        match self {
            Role::Channel => "ds01_channel",
            Role::Platforms => "ds01_platforms",
            Role::Volume => "ds01_volume",
            Role::Purpose => "ds01_purpose",
            Role::StartDate => "ds01_start_date",
            Role::MarketingUse => "ds01_marketing",
            Role::DecidedIn => "pia01_decided_in",
            Role::Assessors => "pia03_assessors",
            Role::DpoExists => "pia03_dpo_exists",
            Role::DpoAdvice => "pia03_dpo_advice",
            Role::DpoOpinion => "pia03_dpo_opinion",
            Role::DpoOpinionText => "pia03_dpo_opinion_text",
            Role::ViewsSought => "pia14_views_sought",
            Role::ViewsSummary => "pia14_summary",
            Role::Signatory => "pia15_signatory",
            Role::ActionPlan => "pia12_plan",
            Role::RetentionYears => "pia16_retention_years",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Channel => "channel",
            Role::Platforms => "platforms",
            Role::Volume => "volume",
            Role::Purpose => "purpose",
            Role::StartDate => "start_date",
            Role::MarketingUse => "marketing_use",
            Role::DecidedIn => "decided_in",
            Role::Assessors => "assessors",
            Role::DpoExists => "dpo_exists",
            Role::DpoAdvice => "dpo_advice",
            Role::DpoOpinion => "dpo_opinion",
            Role::DpoOpinionText => "dpo_opinion_text",
            Role::ViewsSought => "views_sought",
            Role::ViewsSummary => "views_summary",
            Role::Signatory => "signatory",
            Role::ActionPlan => "action_plan",
            Role::RetentionYears => "retention_years",
        }
    }
}

/// A role a kind of template carries: its question's type, and who reads it. `required` roles are
/// refused when missing; the others are facts a report prints when the template has them and
/// leaves out otherwise (a small custom channel check need not ask for a start date).
#[derive(Debug, Clone, Copy)]
pub struct RoleSpec {
    pub kind: Kind,
    pub role: Role,
    pub types: &'static [QuestionType],
    pub user: RoleUser,
    pub required: bool,
}

const fn spec(
    kind: Kind,
    role: Role,
    types: &'static [QuestionType],
    user: RoleUser,
    required: bool,
) -> RoleSpec {
    RoleSpec {
        kind,
        role,
        types,
        user,
        required,
    }
}

use QuestionType as T;

const CHOICE: &[QuestionType] = &[T::SingleChoice];
const YNP: &[QuestionType] = &[T::Ynp];
const TEXT: &[QuestionType] = &[T::Text];

/// Every role the code reads, by kind of template.
pub const ROLES: &[RoleSpec] = &[
    spec(
        Kind::DataSource,
        Role::Channel,
        CHOICE,
        RoleUser::ClientMemo,
        false,
    ),
    spec(
        Kind::DataSource,
        Role::Platforms,
        &[T::MultiChoice],
        RoleUser::ClientMemo,
        false,
    ),
    spec(
        Kind::DataSource,
        Role::Volume,
        &[T::Number],
        RoleUser::ClientMemo,
        false,
    ),
    spec(
        Kind::DataSource,
        Role::Purpose,
        TEXT,
        RoleUser::ClientMemo,
        false,
    ),
    spec(
        Kind::DataSource,
        Role::StartDate,
        &[T::Date],
        RoleUser::ClientMemo,
        false,
    ),
    spec(
        Kind::DataSource,
        Role::MarketingUse,
        CHOICE,
        RoleUser::ClientMemo,
        false,
    ),
    spec(Kind::Pia, Role::DecidedIn, CHOICE, RoleUser::CnilFile, true),
    spec(Kind::Pia, Role::Assessors, TEXT, RoleUser::CnilFile, true),
    spec(Kind::Pia, Role::DpoExists, YNP, RoleUser::CnilFile, true),
    spec(Kind::Pia, Role::DpoAdvice, YNP, RoleUser::CnilFile, true),
    spec(
        Kind::Pia,
        Role::DpoOpinion,
        CHOICE,
        RoleUser::CnilFile,
        true,
    ),
    spec(
        Kind::Pia,
        Role::DpoOpinionText,
        TEXT,
        RoleUser::PiaReport,
        true,
    ),
    spec(
        Kind::Pia,
        Role::ViewsSought,
        CHOICE,
        RoleUser::CnilFile,
        true,
    ),
    spec(
        Kind::Pia,
        Role::ViewsSummary,
        TEXT,
        RoleUser::CnilFile,
        true,
    ),
    spec(Kind::Pia, Role::Signatory, TEXT, RoleUser::CnilFile, true),
    spec(
        Kind::Pia,
        Role::ActionPlan,
        &[T::Group],
        RoleUser::PiaReport,
        true,
    ),
    spec(
        Kind::Pia,
        Role::RetentionYears,
        &[T::Number],
        RoleUser::Retention,
        true,
    ),
];

impl Template {
    /// The id of the question that carries `role`, if the template has one.
    ///
    /// A template snapshot an assessment took before templates carried roles names none; its
    /// questions then had the ids the bundled templates gave them, which stand in.
    pub fn by_role(&self, role: Role) -> Option<&str> {
        let questions = || self.sections.iter().flat_map(|s| &s.questions);
        if let Some(q) = questions().find(|q| q.role == Some(role)) {
            return Some(q.id.as_str());
        }
        if questions().any(|q| q.role.is_some()) {
            return None;
        }
        questions()
            .find(|q| q.id == role.id_before_roles())
            .map(|q| q.id.as_str())
    }

    /// The section that holds question `id`.
    pub fn section_of(&self, id: &str) -> Option<&super::model::Section> {
        self.sections
            .iter()
            .find(|s| s.questions.iter().any(|q| q.id == id))
    }

    /// The PIA's risk register (the group marked `risk_register = true`).
    pub fn risk_register(&self) -> Option<&str> {
        self.sections
            .iter()
            .flat_map(|s| &s.questions)
            .find(|q| q.risk_register)
            .map(|q| q.id.as_str())
    }
}
