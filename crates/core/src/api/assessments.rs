//! Wire types of templates and assessments: the wizard's view and answering.

use super::*;
use crate::report::wording as wd;

/// One line of the assessments list: what it is, where it stands, and its current rating.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AssessmentSummary {
    pub id: String,
    pub kind: Kind,
    pub template_id: String,
    pub title: String,
    pub client_id: Option<String>,
    /// The client's name, where a list shows it (`None` elsewhere, or with no client).
    pub client_name: Option<String>,
    pub data_source_id: Option<String>,
    pub vendor_id: Option<String>,
    pub status: Status,
    #[ts(type = "number")]
    pub version: i64,
    /// The version this one was re-opened from.
    pub previous_id: Option<String>,
    pub rating: RatingBadge,
    #[ts(type = "number")]
    pub findings: usize,
    #[ts(type = "number")]
    pub unanswered_required: usize,
    pub updated_at: String,
}

/// Every client's name by id, archived ones included (their assessments still list).
pub(crate) fn client_names<R: Read>(store: &R) -> crate::Result<BTreeMap<String, String>> {
    Ok(store
        .clients(true)?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect())
}

impl AssessmentSummary {
    /// The summary with its client's name, for a list that shows it.
    pub(crate) fn named(mut self, names: &BTreeMap<String, String>) -> AssessmentSummary {
        self.client_name = self.client_id.as_ref().and_then(|c| names.get(c).cloned());
        self
    }

    pub fn new(record: vault::AssessmentRecord, outcome: &Outcome) -> AssessmentSummary {
        AssessmentSummary {
            id: record.id,
            kind: record.kind.into(),
            template_id: record.template_id,
            title: record.title,
            client_id: record.client_id,
            client_name: None,
            data_source_id: record.data_source_id,
            vendor_id: record.vendor_id,
            status: record.status.into(),
            version: record.version,
            previous_id: record.previous_id,
            rating: RatingBadge::overall(outcome),
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

impl From<&AnswerValue> for assessment::Answer {
    fn from(value: &AnswerValue) -> assessment::Answer {
        let cell = |c: &CellValue| match c {
            CellValue::Number(n) => Cell::Number(*n),
            CellValue::Text(t) => Cell::Text(t.clone()),
            CellValue::List(l) => Cell::List(l.clone()),
        };
        match value {
            AnswerValue::Number(n) => assessment::Answer::Number(*n),
            AnswerValue::Text(t) => assessment::Answer::Text(t.clone()),
            AnswerValue::List(l) => assessment::Answer::List(l.clone()),
            AnswerValue::Rows(rows) => assessment::Answer::Rows(
                rows.iter()
                    .map(|row| row.iter().map(|(k, c)| (k.clone(), cell(c))).collect())
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
    /// The answer's version as the view gave it (`AssessmentView::answer_versions`, "" for a
    /// question it had no answer to): if anyone saved this answer since, the save is refused
    /// (kind `stale`) and nothing is written. Absent: saved whatever the version.
    #[serde(default)]
    #[ts(optional)]
    pub version: Option<String>,
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
    /// For `group`: the table's columns, in template order.
    pub columns: Vec<ColumnView>,
    /// For `group`: the starting rows offered (the PIA risk catalogue).
    pub catalogue: Vec<CatalogueEntryView>,
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
            columns: q.columns.iter().map(Into::into).collect(),
            catalogue: q.catalogue.iter().map(CatalogueEntryView::new).collect(),
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
    /// Required questions shown (as the total counts them: optional ones are left out).
    #[ts(type = "number")]
    pub shown: usize,
    #[ts(type = "number")]
    pub answered: usize,
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
    /// How many required questions are shown: the wizard's progress is over these alone.
    #[ts(type = "number")]
    pub required_shown: usize,
    /// Vendor assessments: the vendor's tier and the contract's clause coverage.
    pub tier: Option<TierBadge>,
    pub coverage: Option<CoverageView>,
    pub standing: StandingView,
}

impl From<&Outcome> for OutcomeView {
    fn from(o: &Outcome) -> OutcomeView {
        OutcomeView {
            ratings: RatingsView {
                eu: o.ratings.eu.map(|r| RatingBadge::regime(r, o)),
                prc: o.ratings.prc.map(|r| RatingBadge::regime(r, o)),
                overall: RatingBadge::overall(o),
            },
            findings: o.findings.iter().map(Into::into).collect(),
            unanswered_required: o.unanswered_required.clone(),
            required_shown: o.required_shown,
            // "low (provisional)" while decisive points are open: a blank never raises a tier.
            tier: o.tier.map(|t| TierBadge {
                label: (&wd::tier_as_known(t, o.standing.certainty)).into(),
                ..t.into()
            }),
            coverage: o.coverage.as_ref().map(Into::into),
            standing: StandingView {
                certainty: o.standing.certainty.into(),
                could_reach: o.standing.could_reach.map(Into::into),
                points: o
                    .standing
                    .points
                    .iter()
                    .map(|p| OpenPointView {
                        question_id: p.question_id.clone(),
                        text: (&p.text).into(),
                        rules: p.rules.clone(),
                    })
                    .collect(),
            },
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
    /// The version of each stored answer, by question id, as read with `answers`: what a save
    /// carries back (`SaveAnswerRequest::version`) so that one made after a colleague's is refused.
    pub answer_versions: BTreeMap<String, String>,
    pub outcome: OutcomeView,
    /// The findings counted by severity, grouped, and the few to fix first.
    pub findings_summary: FindingsSummary,
    /// The citation (as lawyers write it) of every provision the questions and findings cite.
    pub citations: BTreeMap<String, Bilingual>,
    /// Labels of the 1–4 likelihood and severity levels, when the template has them.
    pub likelihood_labels: Vec<Bilingual>,
    pub severity_labels: Vec<Bilingual>,
    /// Only a draft can be answered.
    pub editable: bool,
    /// Comments may be added and resolved (a draft or a version in review).
    pub takes_comments: bool,
    pub review: ReviewView,
    /// The heat map, for a template with a risk register.
    pub risk_map: Option<RiskMapView>,
    /// The files the evidence answers list, oldest first.
    pub evidence: Vec<EvidenceInfo>,
    /// The route on each side, for a transfer assessment.
    pub transfer_route: Option<TransferRouteView>,
    /// The transfer assessments it links to, with their routes.
    pub linked_transfers: Vec<LinkedTransferView>,
}

impl AssessmentView {
    pub fn build<R: Read>(store: &R, law: &LawRegister, id: &str) -> crate::Result<AssessmentView> {
        let record = store.assessment(id)?;
        let template = crate::assessment::stored::shared_template(store, id)?;
        // An answer given before a question was split fills the new question's field, as
        // scoring reads it: progress and the wizard agree with the outcome.
        let answers = assessment::with_split_answers(
            &template,
            &crate::assessment::stored::answers(store, id)?,
        );
        let linked = crate::assessment::stored::linked_outcomes(store, id)?;
        let outcome = assessment::score(&template, &answers, &linked);
        let shown = shown_question_ids(&template, &answers, &linked);
        let review = ReviewView::build(store, &record)?;
        let mut view =
            AssessmentView::new(record, &template, &answers, &outcome, shown, law, review);
        view.answer_versions = store.answer_versions(id)?;
        view.evidence = evidence_list(store, id)?;
        view.linked_transfers = linked_transfers(store, id)?;
        Ok(view)
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
        // The wizard's citation chips: only what is in this assessment's regime scope.
        let scope = assessment::RegimeFilter::for_shown_answers(template, answers);
        let question_view = |q: &tpl::Question| {
            let mut view = QuestionView::from(q);
            view.cite = scope.citations(&view.cite);
            view.help = scope.help(q).map(Into::into);
            view.required = assessment::is_required(q, answers);
            view.columns = q
                .columns
                .iter()
                .filter(|c| c.regime.is_none_or(|r| scope.allows(r)))
                .map(Into::into)
                .collect();
            view
        };
        let sections: Vec<SectionView> = template
            .sections
            .iter()
            .map(|s| {
                // The questions the total counts (scoring's `required_shown`): optional ones never
                // hold a section back, and the sections add up to the total.
                let counted: Vec<&tpl::Question> = s
                    .questions
                    .iter()
                    .filter(|q| is_shown(&q.id) && assessment::is_required(q, answers))
                    .collect();
                SectionView {
                    id: s.id.clone(),
                    title: (&s.title).into(),
                    description: s.description.as_ref().map(Into::into),
                    questions: s.questions.iter().map(question_view).collect(),
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
        for key in cited.filter(|k| scope.cites(k)) {
            if let Some(p) = law.get(key) {
                citations.insert(key.clone(), (&p.article).into());
            }
        }
        let mut outcome_view = OutcomeView::from(outcome);
        for f in &mut outcome_view.findings {
            if let Some(rule) = template.rules.iter().find(|r| r.id == f.id) {
                f.theme = rule.theme.clone();
                f.cleared_by_link = rule.when.cleared_by_link().map(Into::into);
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
            takes_comments: super::comments::takes_comments(record.status),
            assessment: AssessmentSummary::new(record, outcome),
            template_title: (&template.title).into(),
            template_version: template.version.clone(),
            sections,
            answers: answers
                .iter()
                .filter(|(_, a)| a.is_given())
                .map(|(k, a)| (k.clone(), a.into()))
                .collect(),
            answer_versions: BTreeMap::new(),
            shown,
            outcome: outcome_view,
            findings_summary: FindingsSummary::new(template, outcome),
            citations,
            likelihood_labels: labels(|s| &s.likelihood),
            severity_labels: labels(|s| &s.severity),
            review,
            risk_map: RiskMapView::build(template, outcome),
            evidence: Vec::new(),
            transfer_route: TransferRouteView::build(template, answers, law),
            linked_transfers: Vec::new(),
        }
    }
}

/// The answer a request asks to store, checked against the assessment's own template snapshot
/// the same way as an answers file. `None` (cleared) is stored as a blank answer.
pub fn checked_answer(
    template: &Template,
    request: &SaveAnswerRequest,
) -> crate::Result<assessment::Answer> {
    let refused = |question: Option<&str>, problem: AnswerProblem| Error::Answers {
        file: None,
        problems: vec![AnswerIssue {
            line: None,
            question: question.map(str::to_owned),
            problem,
        }],
    };
    let id = request.question_id.as_str();
    let question = template.question(id).ok_or_else(|| {
        let unknown = AnswerProblem::UnknownQuestion {
            id: id.to_owned(),
            template: template.id.clone(),
        };
        refused(None, unknown)
    })?;
    match &request.value {
        None => Ok(assessment::Answer::Text(String::new())),
        Some(value) => check_answer(question, &assessment::Answer::from(value).to_toml())
            .map_err(|problem| refused(Some(id), problem)),
    }
}

/// Saves one answer and returns the fresh view, so the findings follow each answer.
pub fn save_answer<S: Store>(
    store: &mut S,
    law: &LawRegister,
    actor: &str,
    request: &SaveAnswerRequest,
) -> crate::Result<AssessmentView> {
    let template = crate::assessment::stored::shared_template(&*store, &request.assessment_id)?;
    let answer = checked_answer(&template, request)?;
    let answers: Answers = [(request.question_id.clone(), answer)]
        .into_iter()
        .collect();
    let read: BTreeMap<String, String> = request
        .version
        .iter()
        .map(|version| (request.question_id.clone(), version.clone()))
        .collect();
    crate::assessment::stored::save_answers_read(
        store,
        actor,
        &request.assessment_id,
        &answers,
        &read,
    )?;
    AssessmentView::build(store, law, &request.assessment_id)
}

/// Every assessment (newest first), or one client's, with its current rating.
pub fn assessment_summaries<R: Read>(
    store: &R,
    client_id: Option<&str>,
) -> crate::Result<Vec<AssessmentSummary>> {
    recent_assessment_summaries(store, client_id, usize::MAX)
}

/// The `limit` newest assessments (or one client's) with their current rating: each rating is
/// a scoring of its answers, so a screen showing a few should not score ten thousand.
pub fn recent_assessment_summaries<R: Read>(
    store: &R,
    client_id: Option<&str>,
    limit: usize,
) -> crate::Result<Vec<AssessmentSummary>> {
    let names = client_names(store)?;
    store
        .assessments()?
        .into_iter()
        .filter(|r| client_id.is_none_or(|c| r.client_id.as_deref() == Some(c)))
        .take(limit)
        .map(|r| {
            let outcome = crate::assessment::stored::outcome(store, &r.id)?;
            Ok(AssessmentSummary::new(r, &outcome).named(&names))
        })
        .collect()
}

/// Starts an assessment from one of `templates` (the bundled ones, or a library's:
/// `template::Library::templates`). The subject (data source or vendor) must belong to the
/// chosen client.
pub fn create_assessment<S: Store>(
    store: &mut S,
    templates: &[Template],
    actor: &str,
    request: &NewAssessmentRequest,
) -> crate::Result<AssessmentSummary> {
    let template = templates
        .iter()
        .find(|t| t.id == request.template_id)
        .ok_or_else(|| Error::InvalidTemplate {
            file: request.template_id.clone(),
            problems: vec!["no template in the library has this id".to_owned().into()],
        })?;
    fn blank(id: &Option<String>) -> Option<&str> {
        id.as_deref().map(str::trim).filter(|id| !id.is_empty())
    }
    let client = blank(&request.client_id)
        .map(|id| store.client(id))
        .transpose()?;
    let mut new = vault::NewAssessment {
        title: request.title.clone(),
        client_id: client.as_ref().map(|c| c.id.clone()),
        ..vault::NewAssessment::default()
    };
    let mut prefill = Answers::new();
    if let Some(subject) = blank(&request.subject_id) {
        let owner = match template.kind {
            tpl::Kind::DataSource => {
                let source = store.data_source(subject)?;
                prefill = prefilled_from_source(template, &source);
                new.data_source_id = Some(source.id);
                source.client_id
            }
            tpl::Kind::Vendor => {
                let vendor = store.vendor(subject)?;
                new.vendor_id = Some(vendor.id);
                vendor.client_id
            }
            tpl::Kind::Pia | tpl::Kind::Transfer => {
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
    // The wizard starts where the register stands: the channel is not asked twice. The
    // assessment and those answers are one unit of work: neither lands without the other.
    let record =
        crate::assessment::stored::create_assessment_with(store, actor, template, new, &prefill)?;
    let outcome = crate::assessment::stored::outcome(&*store, &record.id)?;
    Ok(AssessmentSummary::new(record, &outcome))
}
