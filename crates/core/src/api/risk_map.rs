//! Wire types of the PIA heat map: the template's GB/T 39335 matrix (the level of every impact ×
//! likelihood cell) and where scoring placed each risk of the register, before and after
//! measures. The UI draws the two grids from this and computes nothing.

use super::*;
use crate::report::wording as wd;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Severe,
}

impl From<assessment::RiskLevel> for RiskLevel {
    fn from(level: assessment::RiskLevel) -> RiskLevel {
        match level {
            assessment::RiskLevel::Low => RiskLevel::Low,
            assessment::RiskLevel::Medium => RiskLevel::Medium,
            assessment::RiskLevel::High => RiskLevel::High,
            assessment::RiskLevel::Severe => RiskLevel::Severe,
        }
    }
}

/// A level of the matrix with its name (the template's, else the report's wording).
#[derive(Debug, Clone, Serialize, TS)]
pub struct RiskLevelView {
    pub level: RiskLevel,
    pub label: Bilingual,
}

/// A cell of the 4×4 grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct RiskPointView {
    /// 1–4.
    pub impact: u8,
    /// 1–4.
    pub likelihood: u8,
    pub level: RiskLevel,
}

impl From<assessment::RiskPoint> for RiskPointView {
    fn from(p: assessment::RiskPoint) -> RiskPointView {
        RiskPointView {
            impact: p.impact,
            likelihood: p.likelihood,
            level: p.level.into(),
        }
    }
}

/// A risk of the register and where it sits.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RiskView {
    /// 1-based: the row of the saved register, as the table numbers it.
    #[ts(type = "number")]
    pub number: usize,
    pub title: String,
    /// The category's label (the raw value when the template has no such choice).
    pub category: Option<Bilingual>,
    /// Inherent: before measures. Absent until impact and likelihood are rated.
    pub before: Option<RiskPointView>,
    /// After measures: the residual point, or the inherent one while no residual likelihood is
    /// rated (the level that still counts, as scoring reads it).
    pub after: Option<RiskPointView>,
}

/// The heat map of a template with a risk register.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RiskMapView {
    /// The risk register question the map belongs under.
    pub question_id: String,
    /// `cells[impact-1][likelihood-1]`: the matrix level of each cell.
    pub cells: Vec<Vec<RiskLevel>>,
    /// Every level, lowest first, with its name: the legend.
    pub levels: Vec<RiskLevelView>,
    pub risks: Vec<RiskView>,
    /// The matrix comes from a draft standard still to be checked against the published text.
    pub verify: bool,
}

impl RiskMapView {
    /// The map of a template's risk register (`None` for templates without one).
    pub fn build(template: &Template, outcome: &Outcome) -> Option<RiskMapView> {
        let register = template
            .questions()
            .map(|(_, q)| q)
            .find(|q| q.risk_register)?;
        let matrix = assessment::level_matrix(template);
        let categories = register.columns.iter().find(|c| c.id == "category");
        let category = |value: &str| -> Option<Bilingual> {
            if value.is_empty() {
                return None;
            }
            let label = categories
                .and_then(|c| c.choices.iter().find(|choice| choice.value == value))
                .map(|choice| (&choice.label).into());
            Some(label.unwrap_or_else(|| Bilingual {
                zh: value.to_owned(),
                en: value.to_owned(),
            }))
        };
        Some(RiskMapView {
            question_id: register.id.clone(),
            cells: matrix
                .iter()
                .map(|row| row.iter().map(|l| (*l).into()).collect())
                .collect(),
            levels: [
                assessment::RiskLevel::Low,
                assessment::RiskLevel::Medium,
                assessment::RiskLevel::High,
                assessment::RiskLevel::Severe,
            ]
            .into_iter()
            .map(|level| RiskLevelView {
                level: level.into(),
                label: level_label(template, level),
            })
            .collect(),
            risks: outcome
                .risks
                .iter()
                .map(|r| RiskView {
                    number: r.row + 1,
                    title: r.title.clone(),
                    category: category(&r.category),
                    before: r.inherent.map(Into::into),
                    after: r.residual.or(r.inherent).map(Into::into),
                })
                .collect(),
            verify: template.matrix.as_ref().is_some_and(|m| m.verify),
        })
    }
}

/// The template's name for a level (`[matrix] labels`), else the report's.
fn level_label(template: &Template, level: assessment::RiskLevel) -> Bilingual {
    let key = match level {
        assessment::RiskLevel::Low => "low",
        assessment::RiskLevel::Medium => "medium",
        assessment::RiskLevel::High => "high",
        assessment::RiskLevel::Severe => "severe",
    };
    let text: Option<Text> = template
        .matrix
        .as_ref()
        .and_then(|m| m.labels.get(key))
        .and_then(|v| v.clone().try_into().ok());
    (&text.unwrap_or_else(|| wd::risk_level(level).text())).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Passphrase;

    fn pia(vault: &mut Vault, law: &LawRegister) -> String {
        let templates = tpl::bundled(law).expect("templates");
        let request = NewAssessmentRequest {
            template_id: "pia".into(),
            title: "Loyalty PIA".into(),
            client_id: None,
            subject_id: None,
        };
        create_assessment(vault, &templates, "t", &request)
            .expect("created")
            .id
    }

    fn cells(pairs: &[(&str, CellValue)]) -> BTreeMap<String, CellValue> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    /// The register's columns and catalogue reach the UI; the map shows the template's matrix and
    /// places each saved risk where scoring put it, before and after measures.
    #[test]
    fn the_heat_map_carries_the_matrix_and_places_the_risks() {
        let dir = tempfile::tempdir().expect("temp dir");
        let passphrase = Passphrase::new("correct horse battery staple".to_owned());
        let mut vault =
            Vault::create(&dir.path().join("v.dpvault"), &passphrase, "t").expect("vault");
        let law = LawRegister::bundled().expect("law");
        let id = pia(&mut vault, &law);

        let view = AssessmentView::build(&vault, &law, &id).expect("view");
        let register = view
            .sections
            .iter()
            .flat_map(|s| s.questions.iter())
            .find(|q| q.id == "pia10_risks")
            .expect("register");
        assert_eq!(register.kind, QuestionKind::Group);
        let likelihood = register
            .columns
            .iter()
            .find(|c| c.id == "likelihood")
            .expect("likelihood column");
        assert_eq!(
            (likelihood.kind, likelihood.required),
            (QuestionKind::Likelihood, true)
        );
        let category = register
            .columns
            .iter()
            .find(|c| c.id == "category")
            .expect("category");
        assert!(
            category
                .choices
                .iter()
                .any(|c| c.label.en == "Cross-border access")
        );
        assert_eq!(register.catalogue.len(), 12);
        assert!(register.catalogue[0].label.zh.contains("批量导出"));
        assert_eq!(
            register.catalogue[0].en.get("category"),
            Some(&CellValue::Text("unlawful_list_trading".into()))
        );

        let map = view.risk_map.expect("a PIA has a heat map");
        assert_eq!(map.question_id, "pia10_risks");
        assert!(map.risks.is_empty());
        assert!(map.verify);
        // GB/T 39335 D.5 as the template states it: impact 4 × likelihood 1 is medium.
        assert_eq!(map.cells[0][0], RiskLevel::Low);
        assert_eq!(map.cells[3][0], RiskLevel::Medium);
        assert_eq!(map.cells[1][3], RiskLevel::High);
        assert_eq!(map.cells[3][3], RiskLevel::Severe);
        assert_eq!(map.levels[3].label.en, "Severe (very high)");

        let rows = vec![
            cells(&[
                ("title", CellValue::Text("List resold".into())),
                ("category", CellValue::Text("unlawful_list_trading".into())),
                ("impact", CellValue::Number(3.0)),
                ("likelihood", CellValue::Number(3.0)),
                ("residual_impact", CellValue::Number(2.0)),
                ("residual_likelihood", CellValue::Number(1.0)),
            ]),
            cells(&[
                ("title", CellValue::Text("自定义风险".into())),
                ("category", CellValue::Text("other".into())),
                ("impact_property", CellValue::Number(4.0)),
                ("impact_rights", CellValue::Number(2.0)),
                ("likelihood", CellValue::Number(2.0)),
            ]),
        ];
        let request = SaveAnswerRequest {
            assessment_id: id.clone(),
            question_id: "pia10_risks".into(),
            value: Some(AnswerValue::Rows(rows)),
            version: None,
        };
        let view = save_answer(&mut vault, &law, "t", &request).expect("saved");
        let map = view.risk_map.expect("map");
        assert_eq!(map.risks.len(), 2);
        let first = &map.risks[0];
        assert_eq!((first.number, first.title.as_str()), (1, "List resold"));
        assert_eq!(
            first.category.as_ref().map(|c| c.en.as_str()),
            Some("Unlawful list trading or reuse")
        );
        let point = |impact, likelihood, level| RiskPointView {
            impact,
            likelihood,
            level,
        };
        assert_eq!(first.before, Some(point(3, 3, RiskLevel::High)));
        assert_eq!(first.after, Some(point(2, 1, RiskLevel::Low)));
        // The highest GB/T dimension is the impact; with no residual rating the inherent point
        // still counts after measures.
        let second = &map.risks[1];
        assert_eq!(second.before, Some(point(4, 2, RiskLevel::High)));
        assert_eq!(second.after, second.before);

        let data_source = NewAssessmentRequest {
            template_id: "data-source".into(),
            title: "x".into(),
            client_id: None,
            subject_id: None,
        };
        let templates = tpl::bundled(&law).expect("templates");
        let other = create_assessment(&mut vault, &templates, "t", &data_source).expect("ds");
        let view = AssessmentView::build(&vault, &law, &other.id).expect("view");
        assert!(view.risk_map.is_none());
    }
}
