//! Wire types: the only types that cross IPC to the UI. Domain types stay free of IPC concerns; the
//! doors convert with the `From` impls here. TypeScript declarations are generated from these types
//! (ts-rs) into `ui/src/ipc/bindings.ts`; a test fails when the committed file drifts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessment::{self, Answers, Cell, Outcome, check_answer, shown_question_ids};
use crate::error::{Error, ErrorKind, Invalid};
use crate::i18n::{Lang, Text};
use crate::law::LawRegister;
use crate::template::{self as tpl, Template};
use crate::vault::{self, Vault, VaultCheck, WeakReason};

/// An error as the UI sees it: a tag to switch on and a message already in the user's language.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
}

impl ApiError {
    pub fn new(error: &Error, lang: Lang) -> ApiError {
        ApiError {
            kind: error.kind(),
            message: error.message(lang),
        }
    }
}

/// What the unlock screen needs before any vault is open.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Startup {
    /// The UI language: the user's last choice, else the system locale's.
    pub lang: Lang,
    /// The vault the app will open (the last one used, else the default location).
    pub vault_path: String,
    /// Whether a file exists there: the screen offers "unlock" if so, "create" if not.
    pub vault_exists: bool,
}

/// The strength verdict on a passphrase being typed for a new vault.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PassphraseVerdict {
    pub acceptable: bool,
    pub weakness: Option<WeakReason>,
    /// The weakness in the requested language, empty when acceptable.
    pub message: String,
}

impl PassphraseVerdict {
    pub fn new(result: Result<(), WeakReason>, lang: Lang) -> PassphraseVerdict {
        match result {
            Ok(()) => PassphraseVerdict {
                acceptable: true,
                weakness: None,
                message: String::new(),
            },
            Err(reason) => PassphraseVerdict {
                acceptable: false,
                weakness: Some(reason),
                message: reason.message(lang),
            },
        }
    }
}

/// An unlocked vault, as the home screen shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VaultInfo {
    pub path: String,
    pub schema_version: u32,
    #[ts(type = "number")]
    pub audit_entries: u64,
}

impl From<VaultCheck> for VaultInfo {
    fn from(check: VaultCheck) -> VaultInfo {
        VaultInfo {
            path: check.path.display().to_string(),
            schema_version: check.schema_version,
            audit_entries: check.audit_entries,
        }
    }
}

/// A request to create or unlock a vault. The passphrase is moved into a zeroizing
/// [`crate::Passphrase`] as soon as the door receives it.
#[derive(Deserialize, TS)]
pub struct UnlockRequest {
    pub passphrase: String,
    pub lang: Lang,
}

impl std::fmt::Debug for UnlockRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnlockRequest")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

// ---------------------------------------------------------------------------------------------
// Registers: clients, data sources, vendors.

/// Text in both languages; the UI picks the one it speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl From<&Text> for Bilingual {
    fn from(text: &Text) -> Bilingual {
        Bilingual {
            zh: text.zh.clone(),
            en: text.en.clone(),
        }
    }
}

/// A client (or matter) of the firm.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ClientInfo {
    pub id: String,
    pub name: String,
    pub matter: String,
    pub contact: String,
    pub notes: String,
    pub archived: bool,
    pub created_at: String,
}

impl From<vault::Client> for ClientInfo {
    fn from(c: vault::Client) -> ClientInfo {
        ClientInfo {
            id: c.id,
            name: c.name,
            matter: c.matter,
            contact: c.contact,
            notes: c.notes,
            archived: c.archived,
            created_at: c.created_at,
        }
    }
}

/// A client to add: only the name is required (core checks it).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewClientRequest {
    pub name: String,
    pub matter: String,
    pub contact: String,
    pub notes: String,
}

impl From<NewClientRequest> for vault::NewClient {
    fn from(r: NewClientRequest) -> vault::NewClient {
        vault::NewClient {
            name: r.name,
            matter: r.matter,
            contact: r.contact,
            notes: r.notes,
        }
    }
}

/// One collection channel of a client.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DataSourceInfo {
    pub id: String,
    pub client_id: String,
    pub name: String,
    pub channel: String,
    pub platform: String,
    pub notes: String,
    pub archived: bool,
}

impl From<vault::DataSource> for DataSourceInfo {
    fn from(s: vault::DataSource) -> DataSourceInfo {
        DataSourceInfo {
            id: s.id,
            client_id: s.client_id,
            name: s.name,
            channel: s.channel,
            platform: s.platform,
            notes: s.notes,
            archived: s.archived,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewDataSourceRequest {
    pub client_id: String,
    pub name: String,
    pub channel: String,
    pub platform: String,
    pub notes: String,
}

impl From<NewDataSourceRequest> for vault::NewDataSource {
    fn from(r: NewDataSourceRequest) -> vault::NewDataSource {
        vault::NewDataSource {
            client_id: r.client_id,
            name: r.name,
            channel: r.channel,
            platform: r.platform,
            notes: r.notes,
        }
    }
}

/// A vendor or processor of a client.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VendorInfo {
    pub id: String,
    pub client_id: String,
    pub name: String,
    pub country: String,
    pub service: String,
    pub contact: String,
    pub next_review: Option<String>,
    pub notes: String,
    pub archived: bool,
}

impl From<vault::Vendor> for VendorInfo {
    fn from(v: vault::Vendor) -> VendorInfo {
        VendorInfo {
            id: v.id,
            client_id: v.client_id,
            name: v.name,
            country: v.country,
            service: v.service,
            contact: v.contact,
            next_review: v.next_review,
            notes: v.notes,
            archived: v.archived,
        }
    }
}

/// A vendor to add; `next_review` is YYYY-MM-DD or blank (core checks it).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewVendorRequest {
    pub client_id: String,
    pub name: String,
    pub country: String,
    pub service: String,
    pub contact: String,
    pub next_review: String,
    pub notes: String,
}

impl From<NewVendorRequest> for vault::NewVendor {
    fn from(r: NewVendorRequest) -> vault::NewVendor {
        vault::NewVendor {
            client_id: r.client_id,
            name: r.name,
            country: r.country,
            service: r.service,
            contact: r.contact,
            next_review: Some(r.next_review),
            notes: r.notes,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Templates and assessments.

/// Which instrument a template or assessment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    DataSource,
    Vendor,
    Pia,
}

impl From<tpl::Kind> for Kind {
    fn from(kind: tpl::Kind) -> Kind {
        match kind {
            tpl::Kind::DataSource => Kind::DataSource,
            tpl::Kind::Vendor => Kind::Vendor,
            tpl::Kind::Pia => Kind::Pia,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Compliant,
    Conditional,
    HighRisk,
    Prohibited,
}

impl From<assessment::Rating> for Rating {
    fn from(rating: assessment::Rating) -> Rating {
        match rating {
            assessment::Rating::Compliant => Rating::Compliant,
            assessment::Rating::Conditional => Rating::Conditional,
            assessment::Rating::HighRisk => Rating::HighRisk,
            assessment::Rating::Prohibited => Rating::Prohibited,
        }
    }
}

/// A rating with its word in both languages, as core words it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RatingBadge {
    pub rating: Rating,
    pub label: Bilingual,
}

impl From<assessment::Rating> for RatingBadge {
    fn from(rating: assessment::Rating) -> RatingBadge {
        RatingBadge {
            rating: rating.into(),
            label: (&rating.label()).into(),
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

/// A bundled template a new assessment can start from.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TemplateInfo {
    pub id: String,
    pub version: String,
    pub kind: Kind,
    pub title: Bilingual,
    pub description: Bilingual,
}

impl From<&Template> for TemplateInfo {
    fn from(t: &Template) -> TemplateInfo {
        TemplateInfo {
            id: t.id.clone(),
            version: t.version.clone(),
            kind: t.kind.into(),
            title: (&t.title).into(),
            description: (&t.description).into(),
        }
    }
}

/// One line of the assessments list: what it is, where it stands, and its current rating.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AssessmentSummary {
    pub id: String,
    pub kind: Kind,
    pub template_id: String,
    pub title: String,
    pub client_id: Option<String>,
    pub data_source_id: Option<String>,
    pub vendor_id: Option<String>,
    pub status: Status,
    #[ts(type = "number")]
    pub version: i64,
    pub rating: RatingBadge,
    #[ts(type = "number")]
    pub findings: usize,
    #[ts(type = "number")]
    pub unanswered_required: usize,
    pub updated_at: String,
}

impl AssessmentSummary {
    pub fn new(record: vault::AssessmentRecord, outcome: &Outcome) -> AssessmentSummary {
        AssessmentSummary {
            id: record.id,
            kind: record.kind.into(),
            template_id: record.template_id,
            title: record.title,
            client_id: record.client_id,
            data_source_id: record.data_source_id,
            vendor_id: record.vendor_id,
            status: record.status.into(),
            version: record.version,
            rating: outcome.ratings.overall.into(),
            findings: outcome.findings.len(),
            unanswered_required: outcome.unanswered_required.len(),
            updated_at: record.updated_at,
        }
    }
}

/// A new assessment: the template, a title, the client, and the data source or vendor it is
/// about (by id; none for a PIA).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewAssessmentRequest {
    pub template_id: String,
    pub title: String,
    pub client_id: Option<String>,
    pub subject_id: Option<String>,
}

/// One answer as it crosses IPC; the same shapes as the vault's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum AnswerValue {
    Number(f64),
    Text(String),
    List(Vec<String>),
    Rows(Vec<BTreeMap<String, CellValue>>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum CellValue {
    Number(f64),
    Text(String),
    List(Vec<String>),
}

impl From<&assessment::Answer> for AnswerValue {
    fn from(answer: &assessment::Answer) -> AnswerValue {
        match answer {
            assessment::Answer::Number(n) => AnswerValue::Number(*n),
            assessment::Answer::Text(t) => AnswerValue::Text(t.clone()),
            assessment::Answer::List(l) => AnswerValue::List(l.clone()),
            assessment::Answer::Rows(rows) => AnswerValue::Rows(
                rows.iter()
                    .map(|row| {
                        row.iter()
                            .map(|(k, cell)| {
                                let cell = match cell {
                                    Cell::Number(n) => CellValue::Number(*n),
                                    Cell::Text(t) => CellValue::Text(t.clone()),
                                    Cell::List(l) => CellValue::List(l.clone()),
                                };
                                (k.clone(), cell)
                            })
                            .collect()
                    })
                    .collect(),
            ),
        }
    }
}

fn number_to_toml(n: f64) -> toml::Value {
    // Whole numbers travel as integers, so 1–4 levels are accepted as levels.
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        toml::Value::Integer(n as i64)
    } else {
        toml::Value::Float(n)
    }
}

impl AnswerValue {
    fn to_toml(&self) -> toml::Value {
        let list =
            |l: &[String]| toml::Value::Array(l.iter().cloned().map(toml::Value::String).collect());
        match self {
            AnswerValue::Number(n) => number_to_toml(*n),
            AnswerValue::Text(t) => toml::Value::String(t.clone()),
            AnswerValue::List(l) => list(l),
            AnswerValue::Rows(rows) => toml::Value::Array(
                rows.iter()
                    .map(|row| {
                        toml::Value::Table(
                            row.iter()
                                .map(|(k, cell)| {
                                    let v = match cell {
                                        CellValue::Number(n) => number_to_toml(*n),
                                        CellValue::Text(t) => toml::Value::String(t.clone()),
                                        CellValue::List(l) => list(l),
                                    };
                                    (k.clone(), v)
                                })
                                .collect(),
                        )
                    })
                    .collect(),
            ),
        }
    }
}

/// One answer to save. `value: null` clears the answer.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SaveAnswerRequest {
    pub assessment_id: String,
    pub question_id: String,
    pub value: Option<AnswerValue>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ChoiceView {
    pub value: String,
    pub label: Bilingual,
    pub help: Option<Bilingual>,
}

impl From<&tpl::Choice> for ChoiceView {
    fn from(c: &tpl::Choice) -> ChoiceView {
        ChoiceView {
            value: c.value.clone(),
            label: (&c.label).into(),
            help: c.help.as_ref().map(Into::into),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct QuestionView {
    pub id: String,
    pub kind: QuestionKind,
    pub text: Bilingual,
    pub help: Option<Bilingual>,
    pub required: bool,
    /// Law-register keys, in the template's order.
    pub cite: Vec<String>,
    /// For `ynp`: the values offered (a subset of yes / no / partial / na).
    pub options: Vec<String>,
    pub choices: Vec<ChoiceView>,
    pub unit: Option<Bilingual>,
}

impl From<&tpl::Question> for QuestionView {
    fn from(q: &tpl::Question) -> QuestionView {
        QuestionView {
            id: q.id.clone(),
            kind: q.kind.into(),
            text: (&q.text).into(),
            help: q.help.as_ref().map(Into::into),
            required: q.required,
            cite: q.cite.clone(),
            options: if q.kind == tpl::QuestionType::Ynp {
                q.allowed_values().into_iter().map(str::to_owned).collect()
            } else {
                Vec::new()
            },
            choices: q.choices.iter().map(Into::into).collect(),
            unit: q.unit.as_ref().map(Into::into),
        }
    }
}

/// A section of the questionnaire, with its progress over the questions currently shown.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SectionView {
    pub id: String,
    pub title: Bilingual,
    pub description: Option<Bilingual>,
    pub questions: Vec<QuestionView>,
    /// Shown questions that take an answer in the wizard (evidence slots are not counted).
    #[ts(type = "number")]
    pub shown: usize,
    #[ts(type = "number")]
    pub answered: usize,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FindingView {
    pub id: String,
    pub severity: Severity,
    pub regime: Regime,
    pub title: Bilingual,
    pub explanation: Bilingual,
    pub recommendation: Bilingual,
    pub cite: Vec<String>,
}

impl From<&assessment::Finding> for FindingView {
    fn from(f: &assessment::Finding) -> FindingView {
        FindingView {
            id: f.id.clone(),
            severity: f.severity.into(),
            regime: f.regime.into(),
            title: (&f.title).into(),
            explanation: (&f.explanation).into(),
            recommendation: (&f.recommendation).into(),
            cite: f.cite.clone(),
        }
    }
}

/// Ratings per regime (absent where the regime does not apply) and overall.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RatingsView {
    pub eu: Option<RatingBadge>,
    pub prc: Option<RatingBadge>,
    pub overall: RatingBadge,
}

/// What scoring says about the assessment as it stands.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OutcomeView {
    pub ratings: RatingsView,
    pub findings: Vec<FindingView>,
    /// Required questions that are shown but unanswered, in template order.
    pub unanswered_required: Vec<String>,
}

impl From<&Outcome> for OutcomeView {
    fn from(o: &Outcome) -> OutcomeView {
        OutcomeView {
            ratings: RatingsView {
                eu: o.ratings.eu.map(Into::into),
                prc: o.ratings.prc.map(Into::into),
                overall: o.ratings.overall.into(),
            },
            findings: o.findings.iter().map(Into::into).collect(),
            unanswered_required: o.unanswered_required.clone(),
        }
    }
}

/// Everything the wizard draws: the questionnaire (from the assessment's template snapshot),
/// which questions are shown, the answers and the live outcome. Visibility and scoring are
/// core's; the UI only draws this.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AssessmentView {
    pub assessment: AssessmentSummary,
    pub template_title: Bilingual,
    pub template_version: String,
    pub sections: Vec<SectionView>,
    /// Ids of the questions shown for the current answers, in template order.
    pub shown: Vec<String>,
    pub answers: BTreeMap<String, AnswerValue>,
    pub outcome: OutcomeView,
    /// The citation (as lawyers write it) of every provision the questions and findings cite.
    pub citations: BTreeMap<String, Bilingual>,
    /// Labels of the 1–4 likelihood and severity levels, when the template has them.
    pub likelihood_labels: Vec<Bilingual>,
    pub severity_labels: Vec<Bilingual>,
    /// Only a draft can be answered.
    pub editable: bool,
}

impl AssessmentView {
    pub fn build(vault: &Vault, law: &LawRegister, id: &str) -> crate::Result<AssessmentView> {
        let record = vault.assessment(id)?;
        let template = vault.assessment_template(id)?;
        let answers = vault.answers(id)?;
        let linked = vault.linked_outcomes(id)?;
        let outcome = assessment::score(&template, &answers, &linked);
        let shown = shown_question_ids(&template, &answers, &linked);
        Ok(AssessmentView::new(
            record, &template, &answers, &outcome, shown, law,
        ))
    }

    fn new(
        record: vault::AssessmentRecord,
        template: &Template,
        answers: &Answers,
        outcome: &Outcome,
        shown: Vec<String>,
        law: &LawRegister,
    ) -> AssessmentView {
        let is_shown = |id: &str| shown.iter().any(|s| s == id);
        let sections: Vec<SectionView> = template
            .sections
            .iter()
            .map(|s| {
                let counted: Vec<&tpl::Question> = s
                    .questions
                    .iter()
                    .filter(|q| is_shown(&q.id) && q.kind != tpl::QuestionType::Evidence)
                    .collect();
                SectionView {
                    id: s.id.clone(),
                    title: (&s.title).into(),
                    description: s.description.as_ref().map(Into::into),
                    questions: s.questions.iter().map(Into::into).collect(),
                    shown: counted.len(),
                    answered: counted
                        .iter()
                        .filter(|q| answers.get(&q.id).is_some_and(assessment::Answer::is_given))
                        .count(),
                }
            })
            .collect();
        let cited = template
            .questions()
            .flat_map(|(_, q)| q.cite.iter())
            .chain(outcome.findings.iter().flat_map(|f| f.cite.iter()));
        let mut citations = BTreeMap::new();
        for key in cited {
            if let Some(p) = law.get(key) {
                citations.insert(key.clone(), (&p.article).into());
            }
        }
        let labels = |pick: fn(&tpl::Scales) -> &Vec<Text>| {
            template
                .scales
                .as_ref()
                .map(|s| pick(s).iter().map(Into::into).collect())
                .unwrap_or_default()
        };
        AssessmentView {
            editable: record.status == vault::Status::Draft,
            assessment: AssessmentSummary::new(record, outcome),
            template_title: (&template.title).into(),
            template_version: template.version.clone(),
            sections,
            answers: answers
                .iter()
                .filter(|(_, a)| a.is_given())
                .map(|(k, a)| (k.clone(), a.into()))
                .collect(),
            shown,
            outcome: outcome.into(),
            citations,
            likelihood_labels: labels(|s| &s.likelihood),
            severity_labels: labels(|s| &s.severity),
        }
    }
}

/// The answer a request asks to store, checked against the assessment's own template snapshot
/// the same way as an answers file. `None` (cleared) is stored as a blank answer.
pub fn checked_answer(
    template: &Template,
    request: &SaveAnswerRequest,
) -> crate::Result<assessment::Answer> {
    let problem = |reason: String| Error::InvalidAnswers {
        file: request.question_id.clone(),
        problems: vec![reason],
    };
    let question = template
        .question(&request.question_id)
        .ok_or_else(|| problem(format!("unknown question id in template {}", template.id)))?;
    match &request.value {
        None => Ok(assessment::Answer::Text(String::new())),
        Some(value) => check_answer(question, &value.to_toml()).map_err(problem),
    }
}

/// Saves one answer and returns the fresh view, so the findings follow each answer.
pub fn save_answer(
    vault: &mut Vault,
    law: &LawRegister,
    actor: &str,
    request: &SaveAnswerRequest,
) -> crate::Result<AssessmentView> {
    let template = vault.assessment_template(&request.assessment_id)?;
    let answer = checked_answer(&template, request)?;
    let answers: Answers = [(request.question_id.clone(), answer)]
        .into_iter()
        .collect();
    vault.save_answers(actor, &request.assessment_id, &answers)?;
    AssessmentView::build(vault, law, &request.assessment_id)
}

/// Every assessment (newest first), or one client's, with its current rating.
pub fn assessment_summaries(
    vault: &Vault,
    client_id: Option<&str>,
) -> crate::Result<Vec<AssessmentSummary>> {
    vault
        .assessments()?
        .into_iter()
        .filter(|r| client_id.is_none_or(|c| r.client_id.as_deref() == Some(c)))
        .map(|r| {
            let outcome = vault.outcome(&r.id)?;
            Ok(AssessmentSummary::new(r, &outcome))
        })
        .collect()
}

/// Starts an assessment from a bundled template. The subject (data source or vendor) must
/// belong to the chosen client.
pub fn create_assessment(
    vault: &mut Vault,
    templates: &[Template],
    actor: &str,
    request: &NewAssessmentRequest,
) -> crate::Result<AssessmentSummary> {
    let template = templates
        .iter()
        .find(|t| t.id == request.template_id)
        .ok_or_else(|| Error::InvalidTemplate {
            file: request.template_id.clone(),
            problems: vec!["no bundled template has this id".to_owned()],
        })?;
    fn blank(id: &Option<String>) -> Option<&str> {
        id.as_deref().map(str::trim).filter(|id| !id.is_empty())
    }
    let client = blank(&request.client_id)
        .map(|id| vault.client(id))
        .transpose()?;
    let mut new = vault::NewAssessment {
        title: request.title.clone(),
        client_id: client.as_ref().map(|c| c.id.clone()),
        ..vault::NewAssessment::default()
    };
    if let Some(subject) = blank(&request.subject_id) {
        let owner = match template.kind {
            tpl::Kind::DataSource => {
                let source = vault.data_source(subject)?;
                new.data_source_id = Some(source.id);
                source.client_id
            }
            tpl::Kind::Vendor => {
                let vendor = vault.vendor(subject)?;
                new.vendor_id = Some(vendor.id);
                vendor.client_id
            }
            tpl::Kind::Pia => {
                return Err(Error::InvalidInput {
                    field: "link",
                    reason: Invalid::NotLinkable,
                });
            }
        };
        if client.as_ref().is_none_or(|c| c.id != owner) {
            return Err(Error::InvalidInput {
                field: "client",
                reason: Invalid::ClientMismatch,
            });
        }
    }
    let record = vault.create_assessment(actor, template, new)?;
    let outcome = vault.outcome(&record.id)?;
    Ok(AssessmentSummary::new(record, &outcome))
}

// ---------------------------------------------------------------------------------------------
// The law register.

/// Where GDPR and PIPL differ on a point a provision concerns.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DifferenceView {
    pub id: String,
    pub title: Bilingual,
    pub explanation: Bilingual,
    pub gdpr: Vec<String>,
    pub pipl: Vec<String>,
}

/// A provision of the law register, as the citation panel shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ProvisionView {
    pub key: String,
    pub article: Bilingual,
    pub title: Bilingual,
    pub gist: Bilingual,
    /// Not yet checked against an official text: the UI marks it [verify].
    pub verify: bool,
    pub note: Option<Bilingual>,
    pub differences: Vec<DifferenceView>,
}

impl ProvisionView {
    /// The provision with this key and the GDPR ↔ PIPL differences that concern it.
    pub fn lookup(law: &LawRegister, key: &str) -> Option<ProvisionView> {
        let p = law.get(key)?;
        let keys = [p.key.clone()];
        Some(ProvisionView {
            key: p.key.clone(),
            article: (&p.article).into(),
            title: (&p.title).into(),
            gist: (&p.gist).into(),
            verify: p.verify,
            note: p.note.as_ref().map(Into::into),
            differences: law
                .differences_for(&keys)
                .map(|d| DifferenceView {
                    id: d.id.clone(),
                    title: (&d.title).into(),
                    explanation: (&d.explanation).into(),
                    gdpr: d.gdpr.clone(),
                    pipl: d.pipl.clone(),
                })
                .collect(),
        })
    }
}

/// The TypeScript declarations of every wire type, in one file's text.
pub fn typescript_bindings() -> String {
    let cfg = ts_rs::Config::default();
    let mut out = String::from(
        "// Generated from crates/core/src/api.rs by `cargo xtask bindings`; do not edit.\n\n",
    );
    for decl in [
        ErrorKind::decl(&cfg),
        ApiError::decl(&cfg),
        Lang::decl(&cfg),
        WeakReason::decl(&cfg),
        Startup::decl(&cfg),
        PassphraseVerdict::decl(&cfg),
        VaultInfo::decl(&cfg),
        UnlockRequest::decl(&cfg),
        Bilingual::decl(&cfg),
        ClientInfo::decl(&cfg),
        NewClientRequest::decl(&cfg),
        DataSourceInfo::decl(&cfg),
        NewDataSourceRequest::decl(&cfg),
        VendorInfo::decl(&cfg),
        NewVendorRequest::decl(&cfg),
        Kind::decl(&cfg),
        Status::decl(&cfg),
        Rating::decl(&cfg),
        RatingBadge::decl(&cfg),
        Severity::decl(&cfg),
        Regime::decl(&cfg),
        QuestionKind::decl(&cfg),
        TemplateInfo::decl(&cfg),
        AssessmentSummary::decl(&cfg),
        NewAssessmentRequest::decl(&cfg),
        AnswerValue::decl(&cfg),
        CellValue::decl(&cfg),
        SaveAnswerRequest::decl(&cfg),
        ChoiceView::decl(&cfg),
        QuestionView::decl(&cfg),
        SectionView::decl(&cfg),
        FindingView::decl(&cfg),
        RatingsView::decl(&cfg),
        OutcomeView::decl(&cfg),
        AssessmentView::decl(&cfg),
        DifferenceView::decl(&cfg),
        ProvisionView::decl(&cfg),
    ] {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::Passphrase;

    fn vault() -> (tempfile::TempDir, Vault) {
        let dir = tempfile::tempdir().expect("temp dir");
        let passphrase = Passphrase::new("correct horse battery staple".to_owned());
        let vault =
            Vault::create(&dir.path().join("v.dpvault"), &passphrase, "test").expect("vault");
        (dir, vault)
    }

    fn answer(id: &str, question: &str, value: Option<AnswerValue>) -> SaveAnswerRequest {
        SaveAnswerRequest {
            assessment_id: id.to_owned(),
            question_id: question.to_owned(),
            value,
        }
    }

    /// The wizard's path through the doors: create, answer, and see the view follow each answer.
    #[test]
    fn answers_saved_through_the_api_update_shown_questions_and_findings() {
        let (_dir, mut vault) = vault();
        let law = LawRegister::bundled().expect("law");
        let templates = tpl::bundled(&law).expect("templates");
        let client = vault
            .add_client(
                "t",
                &vault::NewClient {
                    name: "华东商贸".into(),
                    ..Default::default()
                },
            )
            .expect("client");
        let source = vault
            .add_data_source(
                "t",
                &vault::NewDataSource {
                    client_id: client.id.clone(),
                    name: "名单".into(),
                    channel: "BUY".into(),
                    ..Default::default()
                },
            )
            .expect("source");
        let request = NewAssessmentRequest {
            template_id: "data-source".into(),
            title: "Bought list".into(),
            client_id: Some(client.id.clone()),
            subject_id: Some(source.id.clone()),
        };
        let created = create_assessment(&mut vault, &templates, "t", &request).expect("created");
        assert_eq!(created.kind, Kind::DataSource);
        let view = AssessmentView::build(&vault, &law, &created.id).expect("view");
        assert!(!view.shown.iter().any(|q| q == "ds17_provenance"));
        assert!(view.citations.contains_key("PIPL-55"));

        let text = |v: &str| Some(AnswerValue::Text(v.to_owned()));
        let view = save_answer(
            &mut vault,
            &law,
            "t",
            &answer(&created.id, "ds01_channel", text("BUY")),
        )
        .expect("saved");
        assert!(view.shown.iter().any(|q| q == "ds17_provenance"));
        assert_eq!(view.outcome.ratings.overall.rating, Rating::Prohibited);
        assert_eq!(view.outcome.ratings.overall.label.en, "prohibited");
        assert_eq!(
            view.answers.get("ds01_channel"),
            Some(&AnswerValue::Text("BUY".into()))
        );

        let view = save_answer(
            &mut vault,
            &law,
            "t",
            &answer(&created.id, "ds02_regime", text("prc")),
        )
        .expect("saved");
        assert_eq!(view.outcome.ratings.eu.map(|b| b.rating), None);
        let section = view
            .sections
            .iter()
            .find(|s| s.id == "scope")
            .expect("scope");
        assert_eq!(section.answered, 1);

        // A level travels as a JSON number and is accepted as an integer level; a bad choice
        // is refused with the question named, and nothing is saved.
        let refused = save_answer(
            &mut vault,
            &law,
            "t",
            &answer(&created.id, "ds01_channel", text("XX")),
        );
        assert!(
            matches!(refused, Err(Error::InvalidAnswers { ref file, .. }) if file == "ds01_channel")
        );
        let view = save_answer(
            &mut vault,
            &law,
            "t",
            &answer(
                &created.id,
                "ds01_volume",
                Some(AnswerValue::Number(1200.0)),
            ),
        )
        .expect("number");
        assert_eq!(
            view.answers.get("ds01_volume"),
            Some(&AnswerValue::Number(1200.0))
        );
        let view = save_answer(
            &mut vault,
            &law,
            "t",
            &answer(&created.id, "ds01_volume", None),
        )
        .expect("cleared");
        assert!(!view.answers.contains_key("ds01_volume"));

        let list = assessment_summaries(&vault, Some(&client.id)).expect("list");
        assert_eq!(list.len(), 1);
        assert!(
            assessment_summaries(&vault, Some("other"))
                .expect("list")
                .is_empty()
        );
    }

    #[test]
    fn a_subject_must_belong_to_the_chosen_client() {
        let (_dir, mut vault) = vault();
        let law = LawRegister::bundled().expect("law");
        let templates = tpl::bundled(&law).expect("templates");
        let a = vault
            .add_client(
                "t",
                &vault::NewClient {
                    name: "A".into(),
                    ..Default::default()
                },
            )
            .expect("a");
        let b = vault
            .add_client(
                "t",
                &vault::NewClient {
                    name: "B".into(),
                    ..Default::default()
                },
            )
            .expect("b");
        let source = vault
            .add_data_source(
                "t",
                &vault::NewDataSource {
                    client_id: a.id,
                    name: "QR".into(),
                    channel: "QR".into(),
                    ..Default::default()
                },
            )
            .expect("source");
        let request = NewAssessmentRequest {
            template_id: "data-source".into(),
            title: "x".into(),
            client_id: Some(b.id),
            subject_id: Some(source.id),
        };
        let refused = create_assessment(&mut vault, &templates, "t", &request);
        assert!(matches!(
            refused,
            Err(Error::InvalidInput {
                field: "client",
                ..
            })
        ));
    }

    #[test]
    fn a_provision_comes_with_its_gdpr_pipl_differences() {
        let law = LawRegister::bundled().expect("law");
        let with_difference = law
            .differences()
            .first()
            .and_then(|d| d.pipl.first())
            .expect("a difference")
            .clone();
        let view = ProvisionView::lookup(&law, &with_difference).expect("known");
        assert!(!view.differences.is_empty());
        assert!(!view.article.zh.is_empty() && !view.gist.en.is_empty());
        assert!(ProvisionView::lookup(&law, "NO-SUCH-KEY").is_none());
    }

    /// The committed `ui/src/ipc/bindings.ts` must match the Rust wire types.
    /// `cargo xtask bindings` (UPDATE_BINDINGS=1) rewrites it.
    #[test]
    fn typescript_bindings_are_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/bindings.ts");
        let expected = typescript_bindings();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &expected).expect("write bindings.ts");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == expected,
            "ui/src/ipc/bindings.ts is out of date with crates/core/src/api.rs: run `cargo xtask bindings`"
        );
    }
}
