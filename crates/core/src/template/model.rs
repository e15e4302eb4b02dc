//! The template file format as serde types. Templates are a file format (TOML under
//! `assets/templates/` or a user folder), so serde belongs on these types; `docs/template-format.md`
//! documents every field. Unknown fields are refused so that a typo in a custom template is an
//! error with a line number, not a silently ignored rule.

use serde::{Deserialize, Serialize};

use super::condition::Condition;
use crate::i18n::Text;

// The kind of instrument lives in the leaf `kind`, since the store's rows carry it too.
pub use crate::kind::Kind;

/// A finding's severity, from best practice to "stop".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// Which regime's rating a finding counts toward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegimeScope {
    Eu,
    Prc,
    Both,
}

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    /// yes / no / partial / not applicable (optionally restricted by `options`).
    Ynp,
    SingleChoice,
    MultiChoice,
    Text,
    Date,
    Number,
    /// 1–4.
    Likelihood,
    /// 1–4.
    Severity,
    /// An attachment slot: its answer is the list of evidence ids.
    Evidence,
    /// A repeatable table of typed columns.
    Group,
}

/// The four answers of a `ynp` question.
pub const YNP_VALUES: [&str; 4] = ["yes", "no", "partial", "na"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub version: String,
    pub kind: Kind,
    pub title: Text,
    pub description: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scales: Option<Scales>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matrix: Option<Matrix>,
    /// Which regimes apply, by the answer to one routing question; without it both do. While the
    /// routing question is unanswered both apply (the conservative reading).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regimes: Option<Regimes>,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    #[serde(default)]
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub text: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// The help shown when only the EU regime applies, for a `help` that names both laws.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help_eu: Option<Text>,
    /// The same, when only the PRC regime applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help_prc: Option<Text>,
    #[serde(default)]
    pub required: bool,
    /// With `required`: required only while this holds on the given answers (evidence of a
    /// consent only where consent is claimed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<Condition>,
    #[serde(default)]
    pub cite: Vec<String>,
    #[serde(default)]
    pub requirements: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// A key question: decisive, so while shown and open it is a point to verify (scoring no
    /// longer reads it as its `worst` answer; `worst` stays for templates and the validator).
    #[serde(default)]
    pub gate: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst: Option<toml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// For `ynp`: the subset of yes/no/partial/na offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Column>,
    /// Vendor contract clauses: yes = present, partial = partial, no = missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Clause>,
    /// Marks the PIA's risk register: a group whose rows have `impact` (or `impact_*` GB/T
    /// dimensions), `likelihood`, `residual_impact` and `residual_likelihood` columns.
    #[serde(default)]
    pub risk_register: bool,
    /// A starting catalogue of rows the UI offers for a group (the PIA risk catalogue).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub catalogue: Vec<toml::Table>,
    /// The CNIL PIA tool's question this text question answers, numbered as the tool shows it
    /// ("1.1.1"): the answer travels to and from that question in a CNIL file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cnil: Option<String>,
    /// What the question means to the reports and importers that read it (`template/role.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<super::role::Role>,
    /// The question this one was split from: while this one is unanswered, that one's answer
    /// stands for it (an assessment begun before the split), in scoring, views and reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_from: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Channel pre-screen: the inherent risk that applies until the gate items are answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gates: Vec<String>,
    /// The law-register key of the platform terms this choice names (`PLAT-WA-BMP` for
    /// WhatsApp): choosing it brings those terms into the assessment's scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The law-register key of a member state's direct-marketing rule this choice names
    /// (`DE-UWG-7` for Germany): cited beside ePrivacy Art. 13 wherever a finding cites it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national: Option<String>,
    /// A choice only one regime knows (the EU lawful basis in a notice's contents): printed only
    /// where that regime applies. `None`: both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regime: Option<RegimeScope>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub label: Text,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<String>>,
    /// A column only one regime asks (the EU or the PRC lawful basis): shown, printed and
    /// exported only where that regime applies. `None`: both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regime: Option<RegimeScope>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regimes {
    /// The routing question (a single choice).
    pub question: String,
    /// Its answers under which the EU regime applies.
    pub eu: Vec<String>,
    /// Its answers under which the PRC regime applies.
    pub prc: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    pub mandatory: bool,
    /// A clause that only one regime requires (e.g. GDPR 28(3)(h) audits); counted for coverage
    /// only when that regime applies. `None`: both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regime: Option<RegimeScope>,
}

/// Bilingual labels of the 1–4 likelihood and severity levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scales {
    pub likelihood: Vec<Text>,
    pub severity: Vec<Text>,
}

/// The impact × likelihood → risk level matrix (GB/T 39335), `levels[impact-1][likelihood-1]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matrix {
    pub levels: Vec<Vec<String>>,
    pub labels: toml::Table,
    #[serde(default)]
    pub verify: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub when: Condition,
    pub severity: Severity,
    pub regime: RegimeScope,
    pub title: Text,
    pub explanation: Text,
    pub recommendation: Text,
    pub cite: Vec<String>,
    /// Citations that apply only where their condition holds on the answers: a provision with
    /// items (PIPL Art. 55(1)…(5)) is cited by the item the facts trigger, never all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cite_when: Vec<CiteWhen>,
    #[serde(default)]
    pub requirements: Vec<String>,
    #[serde(default)]
    pub penalty: Vec<String>,
    /// PIA trigger-screen rules: whether a match makes a PIA required or recommended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pia: Option<PiaNeed>,
    /// The root cause this rule describes: findings of one theme are one finding, the most severe,
    /// with the others grouped under it as consequences (`docs/scoring.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// For a rule of both regimes whose words name both laws: the words used when only the EU
    /// regime applies (the regime filter swaps them in; `docs/scoring.md`, "Regime scope").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eu_only: Option<Wording>,
    /// The same, when only the PRC regime applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prc_only: Option<Wording>,
}

/// Citations a rule adds when `when` holds (read on given answers only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiteWhen {
    pub cite: Vec<String>,
    pub when: Condition,
}

/// A rule's words for one regime alone; what is left out keeps the rule's own words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<Text>,
}

/// Whether a PIA must, should or need not be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PiaNeed {
    NotRequired,
    Recommended,
    Required,
}

impl Template {
    /// Every question, in order, with its section.
    pub fn questions(&self) -> impl Iterator<Item = (&Section, &Question)> {
        self.sections
            .iter()
            .flat_map(|s| s.questions.iter().map(move |q| (s, q)))
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().map(|(_, q)| q).find(|q| q.id == id)
    }
}

impl Question {
    /// The values a choice-like question accepts (ynp values or the choices' values).
    pub fn allowed_values(&self) -> Vec<&str> {
        allowed_values(self.kind, self.options.as_deref(), &self.choices)
    }
}

impl Column {
    pub fn allowed_values(&self) -> Vec<&str> {
        allowed_values(self.kind, self.options.as_deref(), &self.choices)
    }
}

fn allowed_values<'a>(
    kind: QuestionType,
    options: Option<&'a [String]>,
    choices: &'a [Choice],
) -> Vec<&'a str> {
    match kind {
        QuestionType::Ynp => match options {
            Some(options) => options.iter().map(String::as_str).collect(),
            None => YNP_VALUES.to_vec(),
        },
        QuestionType::SingleChoice | QuestionType::MultiChoice => {
            choices.iter().map(|c| c.value.as_str()).collect()
        }
        _ => Vec::new(),
    }
}
