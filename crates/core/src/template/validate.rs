//! Template validation: everything that can be wrong with a template that parsed. Problems are
//! collected (an author fixes them in one pass) and each names its place: the section, question,
//! column, choice or rule id, and what is wrong.

use std::collections::{BTreeMap, BTreeSet};

use super::cnil_tags::CNIL_TEXT_QUESTIONS;
use super::condition::Condition;
use super::model::{Kind, Question, QuestionType, Template, YNP_VALUES};
use super::role::ROLES;
use crate::error::{Error, Result, TemplateProblem};
use crate::i18n::Text;
use crate::law::LawRegister;

pub(super) fn validate(file: &str, template: &Template, law: &LawRegister) -> Result<()> {
    let mut check = Check {
        problems: Vec::new(),
        law,
    };
    check.header(template);
    let questions = check.questions(template);
    check.sections(template, &questions);
    check.rules(template, &questions);
    check.roles(template);
    check.regimes_and_matrix(template, &questions);
    if check.problems.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidTemplate {
            file: file.to_owned(),
            problems: check.problems,
        })
    }
}

struct Check<'a> {
    problems: Vec<TemplateProblem>,
    law: &'a LawRegister,
}

impl Check<'_> {
    fn problem(&mut self, problem: String) {
        self.problems.push(TemplateProblem::Other(problem));
    }

    /// Each section's and question's conditions, and what choices name: gated questions,
    /// member-state and platform keys.
    fn sections(&mut self, template: &Template, questions: &BTreeMap<&str, &Question>) {
        for section in &template.sections {
            if let Some(condition) = &section.show_if {
                self.condition(
                    &format!("section {}: show_if", section.id),
                    condition,
                    questions,
                    template.kind,
                );
            }
            for question in &section.questions {
                if let Some(condition) = &question.show_if {
                    self.condition(
                        &format!("question {}: show_if", question.id),
                        condition,
                        questions,
                        template.kind,
                    );
                }
                if let Some(condition) = &question.required_when {
                    if !question.required {
                        self.problem(format!(
                            "question {}: `required_when` narrows `required = true`, which is missing",
                            question.id
                        ));
                    }
                    self.condition(
                        &format!("question {}: required_when", question.id),
                        condition,
                        questions,
                        template.kind,
                    );
                }
                if let Some(from) = &question.split_from {
                    match questions.get(from.as_str()) {
                        Some(old) if old.id != question.id && old.kind == question.kind => {}
                        _ => self.problem(format!(
                            "question {}: `split_from` names {from}, which is not another question of the same type",
                            question.id
                        )),
                    }
                }
                for choice in &question.choices {
                    for gate in &choice.gates {
                        if !questions.contains_key(gate.as_str()) {
                            self.problem(format!(
                                "question {}: choice {} gates unknown question {gate}",
                                question.id, choice.value
                            ));
                        }
                    }
                    if let Some(national) = &choice.national
                        && (crate::law::regime_of_key(national)
                            != Some(crate::law::LawRegime::MemberState)
                            || !self.law.contains(national))
                    {
                        self.problem(format!(
                            "question {}: choice {} names {national}, which is not a member-state key",
                            question.id, choice.value
                        ));
                    }
                    if let Some(platform) = &choice.platform
                        && (crate::law::side_of_key(platform) != Some(crate::law::Side::Platform)
                            || !self.law.contains(platform))
                    {
                        self.problem(format!(
                            "question {}: choice {} names {platform}, which is not a platform-terms key",
                            question.id, choice.value
                        ));
                    }
                }
            }
        }
    }

    /// The routing question of `[regimes]` and its values, and the 4×4 risk matrix.
    fn regimes_and_matrix(&mut self, template: &Template, questions: &BTreeMap<&str, &Question>) {
        if let Some(regimes) = &template.regimes {
            match questions.get(regimes.question.as_str()) {
                None => self.problem(format!(
                    "regimes: unknown routing question {}",
                    regimes.question
                )),
                Some(q) => {
                    let allowed = q.allowed_values();
                    for value in regimes.eu.iter().chain(&regimes.prc) {
                        if !allowed.contains(&value.as_str()) {
                            self.problem(format!(
                                "regimes: {value} is not a value of question {}",
                                q.id
                            ));
                        }
                    }
                }
            }
        }
        if let Some(matrix) = &template.matrix
            && (matrix.levels.len() != 4 || matrix.levels.iter().any(|row| row.len() != 4))
        {
            self.problem("matrix: levels must be 4 rows of 4 (impact × likelihood)".to_owned());
        }
    }

    /// Each role the template's kind reads is on one question of a fitting type, and the required
    /// ones are there: a report or importer looks its question up by role, never by id.
    fn roles(&mut self, template: &Template) {
        let all: Vec<&Question> = template
            .sections
            .iter()
            .flat_map(|s| &s.questions)
            .collect();
        for spec in ROLES.iter().filter(|s| s.kind == template.kind) {
            let carriers: Vec<&&Question> =
                all.iter().filter(|q| q.role == Some(spec.role)).collect();
            let role = spec.role.as_str().to_owned();
            match carriers.as_slice() {
                [] if spec.required => self.problems.push(TemplateProblem::MissingRole {
                    role,
                    user: spec.user,
                }),
                [] => {}
                [q] if !spec.types.contains(&q.kind) => {
                    self.problems.push(TemplateProblem::RoleOnWrongType {
                        role,
                        question: q.id.clone(),
                        expected: spec
                            .types
                            .iter()
                            .map(|t| format!("{t:?}"))
                            .collect::<Vec<_>>()
                            .join(" / "),
                    });
                }
                [_] => {}
                several => self.problems.push(TemplateProblem::DuplicateRole {
                    role,
                    questions: several.iter().map(|q| q.id.clone()).collect(),
                }),
            }
        }
        for q in &all {
            if let Some(role) = q.role
                && !ROLES
                    .iter()
                    .any(|s| s.kind == template.kind && s.role == role)
            {
                self.problem(format!(
                    "question {}: role = \"{}\" means nothing in a {} template",
                    q.id,
                    role.as_str(),
                    template.kind.as_str()
                ));
            }
        }
    }

    fn text(&mut self, place: &str, text: &Text) {
        if text.zh.trim().is_empty() {
            self.problem(format!("{place}: the zh text is missing"));
        }
        if text.en.trim().is_empty() {
            self.problem(format!("{place}: the en text is missing"));
        }
    }

    fn citations(&mut self, place: &str, cite: &[String]) {
        if cite.is_empty() {
            self.problem(format!(
                "{place}: cites no provision (add at least one key to `cite`)"
            ));
        }
        for key in cite {
            if !self.law.contains(key) {
                self.problem(format!(
                    "{place}: unknown citation key {key} (not in the law register)"
                ));
            }
        }
    }

    fn header(&mut self, template: &Template) {
        let id_ok = !template.id.is_empty()
            && template
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            self.problem(format!(
                "id {:?}: use lowercase letters, digits and dashes",
                template.id
            ));
        }
        if semver::Version::parse(&template.version).is_err() {
            self.problem(format!(
                "version {:?} is not a semantic version (e.g. 1.0.0)",
                template.version
            ));
        }
        self.text("title", &template.title);
        self.text("description", &template.description);
        if template.sections.is_empty() {
            self.problem("the template has no sections".to_owned());
        }
        if let Some(scales) = &template.scales {
            for (name, levels) in [
                ("likelihood", &scales.likelihood),
                ("severity", &scales.severity),
            ] {
                if levels.len() != 4 {
                    self.problem(format!("scales.{name}: needs exactly 4 levels"));
                }
                for (i, level) in levels.iter().enumerate() {
                    self.text(&format!("scales.{name}[{}]", i + 1), level);
                }
            }
        }
    }

    /// Checks every section and question and returns the questions by id.
    fn questions<'t>(&mut self, template: &'t Template) -> BTreeMap<&'t str, &'t Question> {
        let mut questions = BTreeMap::new();
        let mut sections = BTreeSet::new();
        for section in &template.sections {
            if !sections.insert(section.id.as_str()) {
                self.problem(format!("section {}: duplicate id", section.id));
            }
            self.text(&format!("section {}: title", section.id), &section.title);
            if let Some(description) = &section.description {
                self.text(&format!("section {}: description", section.id), description);
            }
            for question in &section.questions {
                if questions.insert(question.id.as_str(), question).is_some() {
                    self.problem(format!("question {}: duplicate id", question.id));
                }
                self.question(question);
            }
        }
        questions
    }

    fn question(&mut self, q: &Question) {
        let place = format!("question {}", q.id);
        self.text(&format!("{place}: text"), &q.text);
        if let Some(help) = &q.help {
            self.text(&format!("{place}: help"), help);
        }
        for (which, help) in [("help_eu", &q.help_eu), ("help_prc", &q.help_prc)] {
            match (help, &q.help) {
                (Some(text), Some(_)) => self.text(&format!("{place}: {which}"), text),
                (Some(_), None) => self.problem(format!(
                    "{place}: `{which}` replaces a `help`, which is missing"
                )),
                (None, _) => {}
            }
        }
        match (&q.unit, q.kind) {
            (Some(unit), QuestionType::Number) => self.text(&format!("{place}: unit"), unit),
            (Some(_), _) => self.problem(format!("{place}: only a number question has a `unit`")),
            // A bare figure leaves the reader of a memo to guess days, months or people.
            (None, QuestionType::Number) => self.problem(format!(
                "{place}: a number question needs a `unit` (zh and en, e.g. months / 个月)"
            )),
            (None, _) => {}
        }
        self.citations(&place, &q.cite);
        if let Some(tag) = &q.cnil
            && (q.kind != QuestionType::Text || !CNIL_TEXT_QUESTIONS.contains(&tag.as_str()))
        {
            self.problems.push(TemplateProblem::UnknownCnilTag {
                question: q.id.clone(),
                tag: tag.clone(),
            });
        }
        let choice_like = matches!(
            q.kind,
            QuestionType::SingleChoice | QuestionType::MultiChoice
        );
        if choice_like && q.choices.is_empty() {
            self.problem(format!("{place}: a {:?} question needs choices", q.kind));
        }
        if !choice_like && !q.choices.is_empty() {
            self.problem(format!("{place}: only choice questions take `choices`"));
        }
        let mut values = BTreeSet::new();
        for choice in &q.choices {
            if !values.insert(choice.value.as_str()) {
                self.problem(format!("{place}: duplicate choice value {}", choice.value));
            }
            self.text(&format!("{place}: choice {}", choice.value), &choice.label);
        }
        if let Some(options) = &q.options {
            if q.kind != QuestionType::Ynp {
                self.problem(format!("{place}: only ynp questions take `options`"));
            }
            for option in options {
                if !YNP_VALUES.contains(&option.as_str()) {
                    self.problem(format!(
                        "{place}: option {option} is not one of yes/no/partial/na"
                    ));
                }
            }
        }
        if (q.kind == QuestionType::Group) == q.columns.is_empty() {
            self.problem(format!(
                "{place}: group questions, and only they, need `columns`"
            ));
        }
        let mut columns = BTreeSet::new();
        for column in &q.columns {
            if !columns.insert(column.id.as_str()) {
                self.problem(format!("{place}: duplicate column {}", column.id));
            }
            self.text(&format!("{place}: column {}", column.id), &column.label);
            if column.kind == QuestionType::Group || column.kind == QuestionType::Evidence {
                self.problem(format!(
                    "{place}: column {} cannot be a {:?}",
                    column.id, column.kind
                ));
            }
            for choice in &column.choices {
                self.text(
                    &format!("{place}: column {} choice {}", column.id, choice.value),
                    &choice.label,
                );
            }
        }
        if q.gate {
            // A number or date gate (a retention period) has no worst value to name.
            match &q.worst {
                None if q.allowed_values().is_empty() => {}
                None => self.problem(format!("{place}: a gate question needs `worst`")),
                Some(worst) => {
                    let allowed = q.allowed_values();
                    if !allowed.is_empty() && worst.as_str().is_none_or(|w| !allowed.contains(&w)) {
                        self.problem(format!("{place}: worst {worst} is not one of its values"));
                    }
                }
            }
        }
        if q.clause.is_some() && q.kind != QuestionType::Ynp {
            self.problem(format!("{place}: a contract clause must be a ynp question"));
        }
    }

    fn rules(&mut self, template: &Template, questions: &BTreeMap<&str, &Question>) {
        let mut ids = BTreeSet::new();
        for rule in &template.rules {
            let place = format!("rule {}", rule.id);
            if !ids.insert(rule.id.as_str()) {
                self.problem(format!("{place}: duplicate id"));
            }
            self.text(&format!("{place}: title"), &rule.title);
            self.text(&format!("{place}: explanation"), &rule.explanation);
            self.text(&format!("{place}: recommendation"), &rule.recommendation);
            self.citations(&place, &rule.cite);
            for (i, extra) in rule.cite_when.iter().enumerate() {
                let at = format!("{place}: cite_when[{i}]");
                self.citations(&at, &extra.cite);
                self.condition(&at, &extra.when, questions, template.kind);
            }
            for (which, wording) in [("eu_only", &rule.eu_only), ("prc_only", &rule.prc_only)] {
                let Some(wording) = wording else { continue };
                if rule.regime != crate::template::RegimeScope::Both {
                    self.problem(format!(
                        "{place}: `{which}` is only for a rule of both regimes"
                    ));
                }
                for (field, text) in [
                    ("title", &wording.title),
                    ("explanation", &wording.explanation),
                    ("recommendation", &wording.recommendation),
                ] {
                    if let Some(text) = text {
                        self.text(&format!("{place}: {which}.{field}"), text);
                    }
                }
            }
            if rule.pia.is_some() && template.kind != Kind::Pia {
                self.problem(format!(
                    "{place}: `pia` is only meaningful in a PIA template"
                ));
            }
            self.condition(
                &format!("{place}: when"),
                &rule.when,
                questions,
                template.kind,
            );
        }
    }

    fn condition(
        &mut self,
        place: &str,
        condition: &Condition,
        questions: &BTreeMap<&str, &Question>,
        kind: Kind,
    ) {
        if kind != Kind::Pia && contains_linked(condition) {
            self.problem(format!(
                "{place}: `linked` conditions only work in a PIA template"
            ));
        }
        if let Some(linked) = has_link(condition) {
            let can_link = matches!(kind, Kind::DataSource | Kind::Vendor | Kind::Pia);
            if !can_link || linked != Kind::Transfer {
                self.problem(format!(
                    "{place}: `has_link` names a transfer assessment, from a data-source, vendor or PIA template"
                ));
            }
        }
        for reference in condition.references() {
            let (label, allowed, numeric, multi) = match reference.group {
                None => match questions.get(reference.id) {
                    None => {
                        self.problem(format!("{place}: unknown question {}", reference.id));
                        continue;
                    }
                    Some(q) => (
                        format!("question {}", q.id),
                        q.allowed_values(),
                        is_numeric(q.kind),
                        q.kind == QuestionType::MultiChoice,
                    ),
                },
                Some(group) => {
                    let column = questions
                        .get(group)
                        .and_then(|g| g.columns.iter().find(|c| c.id == reference.id));
                    match column {
                        None => {
                            self.problem(format!(
                                "{place}: group {group} has no column {}",
                                reference.id
                            ));
                            continue;
                        }
                        Some(c) => (
                            format!("column {group}.{}", c.id),
                            c.allowed_values(),
                            is_numeric(c.kind),
                            c.kind == QuestionType::MultiChoice,
                        ),
                    }
                }
            };
            for value in &reference.values {
                match value {
                    toml::Value::String(s)
                        if !allowed.is_empty() && !allowed.contains(&s.as_str()) =>
                    {
                        self.problem(format!("{place}: {s} is not a value of {label}"));
                    }
                    toml::Value::Integer(_) | toml::Value::Float(_) if !numeric => {
                        self.problem(format!("{place}: {label} is not numeric"));
                    }
                    _ => {}
                }
            }
            for value in &reference.strings {
                if !multi {
                    self.problem(format!(
                        "{place}: contains needs a multi_choice, and {label} is not one"
                    ));
                } else if !allowed.contains(value) {
                    self.problem(format!("{place}: {value} is not a value of {label}"));
                }
            }
        }
    }
}

fn is_numeric(kind: QuestionType) -> bool {
    matches!(
        kind,
        QuestionType::Number | QuestionType::Likelihood | QuestionType::Severity
    )
}

/// The kind a `has_link` inside this condition names, if any.
fn has_link(condition: &Condition) -> Option<Kind> {
    match condition {
        Condition::HasLink(kind) => Some(*kind),
        Condition::All(all) | Condition::Any(all) => all.iter().find_map(has_link),
        Condition::Not(inner) | Condition::AnyRow { when: inner, .. } => has_link(inner),
        _ => None,
    }
}

fn contains_linked(condition: &Condition) -> bool {
    match condition {
        Condition::Linked { .. } => true,
        Condition::All(all) | Condition::Any(all) => all.iter().any(contains_linked),
        Condition::Not(inner) | Condition::AnyRow { when: inner, .. } => contains_linked(inner),
        _ => false,
    }
}
