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
use crate::report::ReportLang;
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
    pub review: ReviewView,
}

impl AssessmentView {
    pub fn build(vault: &Vault, law: &LawRegister, id: &str) -> crate::Result<AssessmentView> {
        let record = vault.assessment(id)?;
        let template = vault.assessment_template(id)?;
        let answers = vault.answers(id)?;
        let linked = vault.linked_outcomes(id)?;
        let outcome = assessment::score(&template, &answers, &linked);
        let shown = shown_question_ids(&template, &answers, &linked);
        let review = ReviewView::build(vault, &record)?;
        Ok(AssessmentView::new(
            record, &template, &answers, &outcome, shown, law, review,
        ))
    }

    fn new(
        record: vault::AssessmentRecord,
        template: &Template,
        answers: &Answers,
        outcome: &Outcome,
        shown: Vec<String>,
        law: &LawRegister,
        review: ReviewView,
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
            review,
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
// Review and sign-off.

/// A sign-off decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
}

impl From<Decision> for vault::Decision {
    fn from(d: Decision) -> vault::Decision {
        match d {
            Decision::Approve => vault::Decision::Approve,
            Decision::Reject => vault::Decision::Reject,
        }
    }
}

impl From<vault::Decision> for Decision {
    fn from(d: vault::Decision) -> Decision {
        match d {
            vault::Decision::Approve => Decision::Approve,
            vault::Decision::Reject => Decision::Reject,
        }
    }
}

/// One of the statements an approver attests to (core's `ATTESTATIONS`), with its wording.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AttestationView {
    pub key: String,
    pub label: Bilingual,
}

/// The wording of an attestation key; the key itself when core adds one this table lacks (a
/// test keeps the two in step).
fn attestation_label(key: &str) -> Bilingual {
    let (zh, en) = match key {
        "processing_accurate" => (
            "评估所描述的处理活动准确、完整",
            "The processing is described accurately and completely",
        ),
        "risks_understood" => (
            "我已理解所识别的风险及其评级",
            "I understand the risks identified and their rating",
        ),
        "actions_endorsed" => (
            "我认可所提出的整改措施",
            "I endorse the corrective actions proposed",
        ),
        "implementation_committed" => (
            "整改措施将按计划落实",
            "The actions will be implemented as planned",
        ),
        other => (other, other),
    };
    Bilingual {
        zh: zh.to_owned(),
        en: en.to_owned(),
    }
}

/// Every attestation an approval needs, in core's order.
pub fn attestations() -> Vec<AttestationView> {
    vault::ATTESTATIONS
        .iter()
        .map(|key| AttestationView {
            key: (*key).to_owned(),
            label: attestation_label(key),
        })
        .collect()
}

/// A recorded sign-off.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SignOffView {
    pub name: String,
    pub role: String,
    pub decision: Decision,
    pub comment: String,
    pub attestations: Vec<String>,
    /// The fingerprint of the answers that were signed.
    pub answers_sha256: String,
    pub signed_at: String,
}

impl From<vault::SignOff> for SignOffView {
    fn from(s: vault::SignOff) -> SignOffView {
        SignOffView {
            name: s.name,
            role: s.role,
            decision: s.decision.into(),
            comment: s.comment,
            attestations: s.attestations,
            answers_sha256: s.answers_sha256,
            signed_at: s.signed_at,
        }
    }
}

/// Where an assessment stands in review: its sign-offs, what an approval attests to, the
/// versions before and after it, and who signs by default (the vault's profile).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReviewView {
    pub sign_offs: Vec<SignOffView>,
    pub attestations: Vec<AttestationView>,
    pub previous_version_id: Option<String>,
    /// Set once this version has been re-opened: work continues there.
    pub newer_version_id: Option<String>,
    pub default_name: String,
    pub default_role: String,
}

impl ReviewView {
    pub fn build(vault: &Vault, record: &vault::AssessmentRecord) -> crate::Result<ReviewView> {
        let newer_version_id = vault
            .assessments()?
            .into_iter()
            .find(|a| a.previous_id.as_deref() == Some(record.id.as_str()))
            .map(|a| a.id);
        let profile = vault.profile()?;
        Ok(ReviewView {
            sign_offs: vault
                .sign_offs(&record.id)?
                .into_iter()
                .map(Into::into)
                .collect(),
            attestations: attestations(),
            previous_version_id: record.previous_id.clone(),
            newer_version_id,
            default_name: profile.name,
            default_role: profile.role,
        })
    }
}

/// A sign-off to record. Core refuses an approval without all four attestations.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SignOffRequest {
    pub assessment_id: String,
    pub name: String,
    pub role: String,
    pub decision: Decision,
    pub comment: String,
    pub attestations: Vec<String>,
}

/// draft → in review; returns the fresh view.
pub fn submit_assessment(
    vault: &mut Vault,
    law: &LawRegister,
    actor: &str,
    id: &str,
) -> crate::Result<AssessmentView> {
    vault.submit_assessment(actor, id)?;
    AssessmentView::build(vault, law, id)
}

/// in review → approved / rejected; returns the fresh (now read-only) view.
pub fn sign_off(
    vault: &mut Vault,
    law: &LawRegister,
    actor: &str,
    request: &SignOffRequest,
) -> crate::Result<AssessmentView> {
    vault.sign_off(
        actor,
        &request.assessment_id,
        &request.name,
        &request.role,
        request.decision.into(),
        &request.comment,
        &request.attestations,
    )?;
    AssessmentView::build(vault, law, &request.assessment_id)
}

/// Re-opens a signed-off assessment as a new draft version; returns the new version.
pub fn reopen_assessment(
    vault: &mut Vault,
    actor: &str,
    id: &str,
) -> crate::Result<AssessmentSummary> {
    let record = vault.reopen_assessment(actor, id)?;
    let outcome = vault.outcome(&record.id)?;
    Ok(AssessmentSummary::new(record, &outcome))
}

// ---------------------------------------------------------------------------------------------
// Actions.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Dropped,
}

impl From<vault::ActionStatus> for ActionStatus {
    fn from(s: vault::ActionStatus) -> ActionStatus {
        match s {
            vault::ActionStatus::Open => ActionStatus::Open,
            vault::ActionStatus::InProgress => ActionStatus::InProgress,
            vault::ActionStatus::Done => ActionStatus::Done,
            vault::ActionStatus::Dropped => ActionStatus::Dropped,
        }
    }
}

impl From<ActionStatus> for vault::ActionStatus {
    fn from(s: ActionStatus) -> vault::ActionStatus {
        match s {
            ActionStatus::Open => vault::ActionStatus::Open,
            ActionStatus::InProgress => vault::ActionStatus::InProgress,
            ActionStatus::Done => vault::ActionStatus::Done,
            ActionStatus::Dropped => vault::ActionStatus::Dropped,
        }
    }
}

/// A status with its word in both languages, as core words it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ActionStatusOption {
    pub status: ActionStatus,
    pub label: Bilingual,
}

impl From<vault::ActionStatus> for ActionStatusOption {
    fn from(s: vault::ActionStatus) -> ActionStatusOption {
        ActionStatusOption {
            status: s.into(),
            label: Bilingual {
                zh: s.label(Lang::Zh).to_owned(),
                en: s.label(Lang::En).to_owned(),
            },
        }
    }
}

/// Every action status, in core's order (for the status picker).
pub fn action_statuses() -> Vec<ActionStatusOption> {
    vault::ActionStatus::ALL
        .into_iter()
        .map(Into::into)
        .collect()
}

/// A corrective action.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ActionInfo {
    pub id: String,
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub finding_id: String,
    pub title: String,
    pub owner: String,
    pub due_date: Option<String>,
    pub status: ActionStatusOption,
    /// Pending and due before today (the door's date), as core judges it.
    pub overdue: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl ActionInfo {
    pub fn new(a: vault::Action, today: &str) -> ActionInfo {
        ActionInfo {
            overdue: a.is_overdue(today),
            id: a.id,
            assessment_id: a.assessment_id,
            client_id: a.client_id,
            finding_id: a.finding_id,
            title: a.title,
            owner: a.owner,
            due_date: a.due_date,
            status: a.status.into(),
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

/// An action to add, usually from a finding of an assessment; `due_date` is YYYY-MM-DD or blank.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewActionRequest {
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub finding_id: String,
    pub title: String,
    pub owner: String,
    pub due_date: String,
}

impl From<&NewActionRequest> for vault::NewAction {
    fn from(r: &NewActionRequest) -> vault::NewAction {
        vault::NewAction {
            assessment_id: r.assessment_id.clone(),
            client_id: r.client_id.clone(),
            finding_id: r.finding_id.clone(),
            title: r.title.clone(),
            owner: r.owner.clone(),
            due_date: Some(r.due_date.clone()),
            ..vault::NewAction::default()
        }
    }
}

/// Changes to an action; a missing field stays as it is.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct UpdateActionRequest {
    pub id: String,
    pub status: Option<ActionStatus>,
    pub owner: Option<String>,
    pub due_date: Option<String>,
}

impl From<&UpdateActionRequest> for vault::UpdateAction {
    fn from(r: &UpdateActionRequest) -> vault::UpdateAction {
        vault::UpdateAction {
            status: r.status.map(Into::into),
            owner: r.owner.clone(),
            due_date: r.due_date.clone(),
            note: None,
        }
    }
}

/// A client's or an assessment's actions (or all), soonest due first, judged overdue on `today`.
pub fn actions(
    vault: &Vault,
    client_id: Option<&str>,
    assessment_id: Option<&str>,
    today: &str,
) -> crate::Result<Vec<ActionInfo>> {
    let filter = vault::ActionFilter {
        client_id: client_id.map(str::to_owned),
        assessment_id: assessment_id.map(str::to_owned),
        ..vault::ActionFilter::default()
    };
    Ok(vault
        .actions(&filter)?
        .into_iter()
        .map(|a| ActionInfo::new(a, today))
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Reports.

/// The language(s) of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportLanguage {
    Zh,
    En,
    Bi,
}

impl From<ReportLanguage> for ReportLang {
    fn from(l: ReportLanguage) -> ReportLang {
        match l {
            ReportLanguage::Zh => ReportLang::Zh,
            ReportLanguage::En => ReportLang::En,
            ReportLanguage::Bi => ReportLang::Bi,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Memo,
    Vendor,
    Pia,
}

/// A report kept in the vault (its bytes stay there; the UI sees what it is).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportInfo {
    pub id: String,
    pub kind: ReportKind,
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub lang: ReportLanguage,
    pub sha256: String,
    #[ts(type = "number")]
    pub size: u64,
    pub generated_by: String,
    pub generated_at: String,
}

impl From<vault::ReportRecord> for ReportInfo {
    fn from(r: vault::ReportRecord) -> ReportInfo {
        ReportInfo {
            kind: match r.kind.as_str() {
                "pia" => ReportKind::Pia,
                "vendor" => ReportKind::Vendor,
                _ => ReportKind::Memo,
            },
            lang: match r.lang.as_str() {
                "zh" => ReportLanguage::Zh,
                "en" => ReportLanguage::En,
                _ => ReportLanguage::Bi,
            },
            id: r.id,
            assessment_id: r.assessment_id,
            client_id: r.client_id,
            sha256: r.sha256,
            size: r.size,
            generated_by: r.generated_by,
            generated_at: r.generated_at,
        }
    }
}

/// Which report to generate: one assessment's, or (with only `client_id`) the client memo over
/// the client's current data-source assessments.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReportRequest {
    pub assessment_id: Option<String>,
    pub client_id: Option<String>,
    pub lang: ReportLanguage,
}

/// A report generated, recorded in the vault and saved where the user chose. The webview is told
/// the file's name, never asked for a path.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportSaved {
    pub report: ReportInfo,
    pub file_name: String,
    #[ts(type = "number")]
    pub pages: usize,
    /// Characters the font could not draw (each printed as a visible [?]).
    pub missing: Vec<String>,
}

/// Builds, draws and records the report a request names, dated `date` (the door's clock).
pub fn generate_report(
    vault: &mut Vault,
    actor: &str,
    request: &ReportRequest,
    date: &str,
) -> crate::Result<vault::GeneratedReport> {
    fn given(id: &Option<String>) -> Option<&str> {
        id.as_deref().map(str::trim).filter(|id| !id.is_empty())
    }
    let lang = request.lang.into();
    match (given(&request.assessment_id), given(&request.client_id)) {
        (Some(id), _) => vault.generate_report(actor, id, lang, date),
        (None, Some(client)) => vault.generate_memo(actor, client, lang, date),
        (None, None) => Err(Error::InvalidInput {
            field: "client",
            reason: Invalid::NoSubject,
        }),
    }
}

/// The file name the save dialog suggests: the assessment's title (or the client's name for the
/// memo), the kind and the language, with characters no file system accepts replaced.
pub fn suggested_file_name(vault: &Vault, request: &ReportRequest) -> crate::Result<String> {
    let lang = ReportLang::from(request.lang).as_str();
    let stem = match (&request.assessment_id, &request.client_id) {
        (Some(id), _) if !id.trim().is_empty() => {
            let record = vault.assessment(id)?;
            let kind = crate::report::kind_for(record.kind).as_str();
            format!("{}-{kind}-{lang}", record.title)
        }
        (_, Some(client)) => format!("{}-memo-{lang}", vault.client(client)?.name),
        _ => format!("report-{lang}"),
    };
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_matches('.');
    Ok(format!(
        "{}.pdf",
        if clean.is_empty() { "report" } else { clean }
    ))
}

/// The reports kept for one assessment, or a client's memos (those filed under the client and no
/// single assessment), newest first.
pub fn reports(
    vault: &Vault,
    assessment_id: Option<&str>,
    client_id: Option<&str>,
) -> crate::Result<Vec<ReportInfo>> {
    Ok(vault
        .reports()?
        .into_iter()
        .filter(|r| match (assessment_id, client_id) {
            (Some(a), _) => r.assessment_id.as_deref() == Some(a),
            (None, Some(c)) => r.assessment_id.is_none() && r.client_id.as_deref() == Some(c),
            (None, None) => true,
        })
        .map(Into::into)
        .collect())
}

/// A kept report's exact bytes, with what it is and the file name to suggest for saving it again;
/// `None` when the vault holds no report with this id.
pub fn report_copy(
    vault: &Vault,
    id: &str,
) -> crate::Result<Option<(ReportInfo, String, Vec<u8>)>> {
    let Some(info) = reports(vault, None, None)?.into_iter().find(|r| r.id == id) else {
        return Ok(None);
    };
    let request = ReportRequest {
        assessment_id: info.assessment_id.clone(),
        client_id: info.client_id.clone(),
        lang: info.lang,
    };
    let suggested = suggested_file_name(vault, &request)?;
    Ok(vault
        .report_content(id)?
        .map(|bytes| (info, suggested, bytes)))
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
        Decision::decl(&cfg),
        AttestationView::decl(&cfg),
        SignOffView::decl(&cfg),
        ReviewView::decl(&cfg),
        AssessmentView::decl(&cfg),
        SignOffRequest::decl(&cfg),
        ActionStatus::decl(&cfg),
        ActionStatusOption::decl(&cfg),
        ActionInfo::decl(&cfg),
        NewActionRequest::decl(&cfg),
        UpdateActionRequest::decl(&cfg),
        ReportLanguage::decl(&cfg),
        ReportKind::decl(&cfg),
        ReportInfo::decl(&cfg),
        ReportRequest::decl(&cfg),
        ReportSaved::decl(&cfg),
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

    /// A data-source assessment of a bought list, answered so that it is prohibited.
    fn prohibited_assessment(
        vault: &mut Vault,
        law: &LawRegister,
    ) -> (vault::Client, AssessmentSummary) {
        let templates = tpl::bundled(law).expect("templates");
        let client = vault
            .add_client(
                "t",
                &vault::NewClient {
                    name: "华东/商贸".into(),
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
            title: "Bought: list".into(),
            client_id: Some(client.id.clone()),
            subject_id: Some(source.id),
        };
        let created = create_assessment(vault, &templates, "t", &request).expect("created");
        save_answer(
            vault,
            law,
            "t",
            &answer(
                &created.id,
                "ds01_channel",
                Some(AnswerValue::Text("BUY".into())),
            ),
        )
        .expect("saved");
        (client, created)
    }

    #[test]
    fn every_attestation_core_requires_is_worded_in_both_languages() {
        let list = attestations();
        assert_eq!(list.len(), vault::ATTESTATIONS.len());
        for a in &list {
            assert_ne!(a.label.en, a.key, "{} has no English wording", a.key);
            assert_ne!(a.label.zh, a.key, "{} has no Chinese wording", a.key);
        }
    }

    /// Submit, a refused approval (core's message), approval, read-only, re-open as a new draft.
    #[test]
    fn review_sign_off_and_reopen_through_the_api() {
        let (_dir, mut vault) = vault();
        let law = LawRegister::bundled().expect("law");
        let (_client, created) = prohibited_assessment(&mut vault, &law);

        let view = submit_assessment(&mut vault, &law, "t", &created.id).expect("submitted");
        assert_eq!(view.assessment.status, Status::InReview);
        assert!(!view.editable);
        assert_eq!(view.review.attestations.len(), 4);

        let mut request = SignOffRequest {
            assessment_id: created.id.clone(),
            name: "王律师".into(),
            role: "DPO".into(),
            decision: Decision::Approve,
            comment: "ok".into(),
            attestations: vec!["processing_accurate".into()],
        };
        let refused = sign_off(&mut vault, &law, "t", &request).expect_err("refused");
        assert!(
            ApiError::new(&refused, Lang::En)
                .message
                .contains("all four attestations")
        );
        request.attestations = vault::ATTESTATIONS.iter().map(|a| (*a).into()).collect();
        let view = sign_off(&mut vault, &law, "t", &request).expect("approved");
        assert_eq!(view.assessment.status, Status::Approved);
        assert!(!view.editable);
        assert_eq!(view.review.sign_offs.len(), 1);
        assert_eq!(view.review.sign_offs[0].decision, Decision::Approve);
        assert_eq!(view.review.newer_version_id, None);

        let next = reopen_assessment(&mut vault, "t", &created.id).expect("reopened");
        assert_eq!(next.status, Status::Draft);
        assert_eq!(next.version, 2);
        let old = AssessmentView::build(&vault, &law, &created.id).expect("old");
        assert_eq!(
            old.review.newer_version_id.as_deref(),
            Some(next.id.as_str())
        );
        let new = AssessmentView::build(&vault, &law, &next.id).expect("new");
        assert!(new.editable);
        assert_eq!(
            new.review.previous_version_id.as_deref(),
            Some(created.id.as_str())
        );
        assert_eq!(
            new.answers.get("ds01_channel"),
            Some(&AnswerValue::Text("BUY".into()))
        );
    }

    #[test]
    fn actions_from_a_finding_are_listed_and_change_status() {
        let (_dir, mut vault) = vault();
        let law = LawRegister::bundled().expect("law");
        let (client, created) = prohibited_assessment(&mut vault, &law);
        let view = AssessmentView::build(&vault, &law, &created.id).expect("view");
        let finding = view.outcome.findings.first().expect("a finding");
        let request = NewActionRequest {
            assessment_id: Some(created.id.clone()),
            client_id: None,
            finding_id: finding.id.clone(),
            title: finding.recommendation.en.clone(),
            owner: "Li".into(),
            due_date: "2026-01-10".into(),
        };
        let action = vault.add_action("t", &(&request).into()).expect("added");
        let listed = actions(&vault, Some(&client.id), None, "2026-02-01").expect("list");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].finding_id, finding.id);
        assert_eq!(listed[0].status.status, ActionStatus::Open);
        assert_eq!(listed[0].status.label.zh, "待处理");
        assert!(listed[0].overdue);
        let update = UpdateActionRequest {
            id: action.id,
            status: Some(ActionStatus::Done),
            owner: None,
            due_date: None,
        };
        vault
            .update_action("t", &update.id, &(&update).into())
            .expect("updated");
        let listed = actions(&vault, None, Some(&created.id), "2026-02-01").expect("list");
        assert_eq!(listed[0].status.status, ActionStatus::Done);
        assert!(!listed[0].overdue);
        assert_eq!(action_statuses().len(), 4);
    }

    #[test]
    fn a_client_memo_is_recorded_and_listed_under_the_client() {
        let (_dir, mut vault) = vault();
        let law = LawRegister::bundled().expect("law");
        let (client, created) = prohibited_assessment(&mut vault, &law);
        let request = ReportRequest {
            assessment_id: None,
            client_id: Some(client.id.clone()),
            lang: ReportLanguage::Zh,
        };
        assert_eq!(
            suggested_file_name(&vault, &request).expect("name"),
            "华东_商贸-memo-zh.pdf"
        );
        let by_assessment = ReportRequest {
            assessment_id: Some(created.id.clone()),
            client_id: None,
            lang: ReportLanguage::Bi,
        };
        assert_eq!(
            suggested_file_name(&vault, &by_assessment).expect("name"),
            "Bought_ list-memo-bi.pdf"
        );
        let generated = generate_report(&mut vault, "t", &request, "2026-01-01").expect("memo");
        assert!(generated.bytes.starts_with(b"%PDF"));
        let memos = reports(&vault, None, Some(&client.id)).expect("memos");
        assert_eq!(memos.len(), 1);
        assert_eq!(memos[0].kind, ReportKind::Memo);
        assert_eq!(memos[0].lang, ReportLanguage::Zh);
        assert_eq!(memos[0].sha256, generated.record.sha256);
        assert!(
            reports(&vault, Some(&created.id), None)
                .expect("none")
                .is_empty()
        );
        let (info, name, bytes) = report_copy(&vault, &memos[0].id)
            .expect("copy")
            .expect("kept");
        assert_eq!(
            (info.id, name),
            (memos[0].id.clone(), "华东_商贸-memo-zh.pdf".to_owned())
        );
        assert_eq!(bytes, generated.bytes);
        assert!(report_copy(&vault, "no-such-id").expect("none").is_none());
        let nothing = ReportRequest {
            assessment_id: None,
            client_id: Some(" ".into()),
            lang: ReportLanguage::En,
        };
        assert!(generate_report(&mut vault, "t", &nothing, "2026-01-01").is_err());
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
