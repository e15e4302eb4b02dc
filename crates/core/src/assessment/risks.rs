//! PIA risks: each row of the risk register placed on the 4×4 grid (impact × likelihood, before
//! and after measures) through the one matrix the reports draw too, and the findings a residual
//! risk of medium or above yields. Pure, like the rest of scoring.

use std::collections::BTreeSet;

use super::answer::{Answer, Answers, Row};
use super::outcome::{Finding, FindingSource, RiskLevel, RiskPoint, RiskPosition};
use crate::i18n::Text;
use crate::template::{Question, RegimeScope, Severity, Template};

/// GB/T 39335 (2019 approval draft, Table D.5): `DEFAULT_MATRIX[impact-1][likelihood-1]`.
/// A template's `[matrix]` replaces it.
pub(crate) const DEFAULT_MATRIX: [[RiskLevel; 4]; 4] = {
    use RiskLevel::{High as H, Low as L, Medium as M, Severe as S};
    [[L, L, M, M], [L, M, M, H], [M, M, H, S], [M, H, S, S]]
};

pub(crate) fn risk_positions(
    template: &Template,
    visible: &Answers,
    shown: &BTreeSet<&str>,
) -> Vec<RiskPosition> {
    let matrix = level_matrix(template);
    let mut positions = Vec::new();
    for (_, q) in template
        .questions()
        .filter(|(_, q)| q.risk_register && shown.contains(q.id.as_str()))
    {
        let Some(rows) = visible.get(&q.id).and_then(Answer::as_rows) else {
            continue;
        };
        for (index, row) in rows.iter().enumerate() {
            let inherent_impact = level(row, "impact").or_else(|| dimension_impact(row));
            let inherent = point(&matrix, inherent_impact, level(row, "likelihood"));
            let residual = point(
                &matrix,
                level(row, "residual_impact").or(inherent_impact),
                level(row, "residual_likelihood"),
            );
            positions.push(RiskPosition {
                row: index,
                title: cell_text(row, "title"),
                category: cell_text(row, "category"),
                inherent,
                residual,
            });
        }
    }
    positions
}

/// A residual risk that stays medium or above is a finding (severe → critical, high → high,
/// medium → medium); where no residual is given, the inherent level stands.
pub(crate) fn risk_findings(template: &Template, risks: &[RiskPosition], out: &mut Vec<Finding>) {
    let (cite, requirements) = template
        .questions()
        .find(|(_, q)| q.risk_register)
        .map(|(_, q): (_, &Question)| (q.cite.clone(), q.requirements.clone()))
        .unwrap_or_default();
    for risk in risks {
        let Some(point) = risk.residual.or(risk.inherent) else {
            continue;
        };
        let (severity, zh, en) = match point.level {
            RiskLevel::Severe => (Severity::Critical, "严重", "severe"),
            RiskLevel::High => (Severity::High, "高", "high"),
            RiskLevel::Medium => (Severity::Medium, "中", "medium"),
            RiskLevel::Low => continue,
        };
        out.push(Finding {
            id: format!("risk:{}", risk.row),
            source: FindingSource::Risk,
            severity,
            regime: RegimeScope::Both,
            title: Text::new(
                format!("剩余风险仍为{zh}：{}", risk.title),
                format!("Residual risk remains {en}: {}", risk.title),
            ),
            explanation: Text::new(
                format!("采取措施后，该风险的影响程度为 {}、可能性为 {}（共 4 级）。", point.impact, point.likelihood),
                format!("After measures, its impact is {} and its likelihood {} (of 4).", point.impact, point.likelihood),
            ),
            recommendation: Text::new(
                "补充并落实措施，或由负责人书面接受该风险；高风险仍存在时应考虑事先咨询监管机构。",
                "Add and implement measures, or have the owner accept the risk in writing; if high risk remains, consider prior consultation with the authority.",
            ),
            cite: cite.clone(),
            requirements: requirements.clone(),
            penalty: Vec::new(),
            consequences: Vec::new(),
        });
    }
}

/// The template's risk matrix (`[impact-1][likelihood-1]`), GB/T 39335's where it has none: the
/// one table that places risks, shared with the doors that draw it.
pub fn level_matrix(template: &Template) -> [[RiskLevel; 4]; 4] {
    let mut matrix = DEFAULT_MATRIX;
    if let Some(custom) = &template.matrix {
        for (i, row) in custom.levels.iter().take(4).enumerate() {
            for (j, cell) in row.iter().take(4).enumerate() {
                if let Some(level) = RiskLevel::parse(cell) {
                    matrix[i][j] = level;
                }
            }
        }
    }
    matrix
}

fn point(
    matrix: &[[RiskLevel; 4]; 4],
    impact: Option<u8>,
    likelihood: Option<u8>,
) -> Option<RiskPoint> {
    let (impact, likelihood) = (impact?, likelihood?);
    let level = matrix[usize::from(impact - 1)][usize::from(likelihood - 1)];
    Some(RiskPoint {
        impact,
        likelihood,
        level,
    })
}

fn level(row: &Row, column: &str) -> Option<u8> {
    match row.get(column)?.to_answer() {
        Answer::Number(n) if (1.0..=4.0).contains(&n) => Some(n.round() as u8),
        _ => None,
    }
}

/// GB/T 39335: the impact is the highest of the four dimensions assessed.
fn dimension_impact(row: &Row) -> Option<u8> {
    row.keys()
        .filter(|k| k.starts_with("impact_"))
        .filter_map(|k| level(row, k))
        .max()
}

fn cell_text(row: &Row, column: &str) -> String {
    row.get(column)
        .and_then(|c| c.to_answer().as_text().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gbt_matrix_places_risks() {
        let m = DEFAULT_MATRIX;
        assert_eq!(m[3][3], RiskLevel::Severe);
        assert_eq!(m[3][0], RiskLevel::Medium);
        assert_eq!(m[0][0], RiskLevel::Low);
        assert_eq!(m[2][1], RiskLevel::Medium);
        assert_eq!(m[1][3], RiskLevel::High);
    }
}
