//! The PIA report: the structure PIPL Art. 56, GB/T 39335 and GDPR Art. 35(7) expect — screening
//! result, systematic description, necessity and proportionality, risk table, heat maps before and
//! after measures, findings, action plan, prior consultation, DPO opinion, sign-off, retention.

use super::cnil_chapter as chapter;
use crate::assessment::{PiaVerdict, RegimeFilter, RiskLevel, RiskPoint, level_matrix, retention};
use crate::report::common::{self, Source, heading, paragraph, section_blocks, subheading};
use crate::report::model::{Block, Cell, Document, HeatMap, ReportKind, ReportLang, Table, Tone};
use crate::report::scope;
use crate::report::wording as wd;
use crate::template::Role;

/// The provisions a PIA report rests on, always in its appendix.
const BASIS: &[&str] = &[
    "PIPL-55",
    "PIPL-56-1-1",
    "PIPL-56-1-2",
    "PIPL-56-1-3",
    "PIPL-56-2",
    "GDPR-35-7-a",
    "GDPR-35-7-b",
    "GDPR-35-7-c",
    "GDPR-35-7-d",
    "GDPR-36-1",
    "GBT39335-D.5",
];

/// The heat map's colours: the one matrix scoring places risks with (`level_matrix`) through the
/// one level → colour table the risk register uses (`level_tone`), so a cell and a register row
/// never disagree.
fn matrix_tones(src: &Source) -> [[Tone; 4]; 4] {
    level_matrix(&src.template).map(|row| row.map(common::level_tone))
}

fn point_cell(point: Option<RiskPoint>, lang: ReportLang) -> Cell {
    match point {
        Some(p) => Cell::toned(
            format!(
                "{}×{} {}",
                p.impact,
                p.likelihood,
                lang.inline(&wd::risk_level(p.level))
            ),
            common::level_tone(p.level),
        ),
        None => Cell::plain("—"),
    }
}

fn risk_table(src: &Source, lang: ReportLang) -> Table {
    let rows = src
        .template
        .risk_register()
        .and_then(|id| src.answers.get(id))
        .and_then(|a| a.as_rows())
        .unwrap_or(&[]);
    Table {
        header: [
            wd::RISK,
            wd::IMPACT,
            wd::LIKELIHOOD,
            wd::INHERENT,
            wd::MEASURES,
            wd::RESIDUAL,
        ]
        .iter()
        .map(|w| lang.inline(w))
        .collect(),
        widths: vec![3.0, 1.1, 1.1, 1.5, 3.0, 1.5],
        rows: src
            .outcome
            .risks
            .iter()
            .map(|risk| {
                let measures = rows
                    .get(risk.row)
                    .and_then(|r| r.get("measures"))
                    .map(|c| match c.to_answer() {
                        crate::assessment::Answer::Text(t) => t,
                        _ => String::new(),
                    })
                    .unwrap_or_default();
                let num = |p: Option<RiskPoint>, f: fn(&RiskPoint) -> u8| {
                    p.map_or_else(|| "—".to_owned(), |p| f(&p).to_string())
                };
                vec![
                    Cell::plain(&risk.title),
                    Cell::plain(num(risk.inherent, |p| p.impact)),
                    Cell::plain(num(risk.inherent, |p| p.likelihood)),
                    point_cell(risk.inherent, lang),
                    Cell::plain(measures),
                    point_cell(risk.residual.or(risk.inherent), lang),
                ]
            })
            .collect(),
    }
}

fn heat_map(src: &Source, lang: ReportLang, title: wd::W, after: bool) -> HeatMap {
    let mut counts = [[0u32; 4]; 4];
    for risk in &src.outcome.risks {
        let point = if after {
            risk.residual.or(risk.inherent)
        } else {
            risk.inherent
        };
        if let Some(p) = point {
            let (i, l) = (usize::from(p.impact), usize::from(p.likelihood));
            if (1..=4).contains(&i) && (1..=4).contains(&l) {
                counts[i - 1][l - 1] += 1;
            }
        }
    }
    HeatMap {
        title: lang.inline(&title),
        x_label: lang.inline(&wd::LIKELIHOOD),
        y_label: lang.inline(&wd::IMPACT),
        levels: matrix_tones(src),
        counts,
    }
}

/// The date three years after `date` (the minimum retention), or `date` itself if unreadable.
/// The day of the latest approval, if the assessment was approved.
fn approved_on(src: &Source) -> Option<&str> {
    src.sign_offs
        .iter()
        .filter(|s| s.decision == crate::vault::Decision::Approve)
        .map(|s| s.signed_at.get(..10).unwrap_or(&s.signed_at))
        .max()
}

fn plus_years(date: &str, years: i32) -> String {
    retention::plus_years(date, years).unwrap_or_else(|| date.to_owned())
}

/// A CNIL PIA's risks and measures as the CNIL tool means them (its gauges are not our
/// before/after pair), then our register if risks were added here since the import.
fn cnil_risks(src: &Source, cnil: &crate::cnil::CnilPia, lang: ReportLang) -> Vec<Block> {
    let mut b = chapter::risks(cnil, lang);
    b.extend(chapter::measures(cnil, lang));
    if src.outcome.risks.len() > chapter::imported_rows(cnil) {
        b.push(subheading(
            lang,
            &crate::i18n::Text::new(
                "DPO Desk 风险清单（含导入后新增的风险）",
                "DPO Desk risk register (with the risks added since the import)",
            ),
        ));
        b.push(Block::Table(risk_table(src, lang)));
    }
    b
}

/// The CNIL tool's two risk maps: the author's estimates (planned measures counted) and the
/// evaluator's re-estimates, on our matrix's colours.
fn cnil_heat_maps(src: &Source, cnil: &crate::cnil::CnilPia, lang: ReportLang) -> Vec<HeatMap> {
    let (author, evaluator) = chapter::heat_counts(cnil);
    let map = |zh: &str, en: &str, counts| HeatMap {
        title: lang.inline(&crate::i18n::Text::new(zh, en)),
        x_label: lang.inline(&wd::LIKELIHOOD),
        y_label: lang.inline(&wd::IMPACT),
        levels: matrix_tones(src),
        counts,
    };
    vec![
        map(
            "作者评定（已计入计划措施）",
            "Author's estimate (with planned measures)",
            author,
        ),
        map("评估人的重新评定", "Evaluator's re-estimate", evaluator),
    ]
}

pub fn build(src: &Source, lang: ReportLang) -> Document {
    let o = &src.outcome;
    let filter = scope::of(src);
    let chapters = [
        summary(src, lang),
        screening(src, lang),
        description(src, lang),
        necessity(src, lang),
        risks(src, lang),
        heat_maps(src, &filter, lang),
        findings(src, lang),
        action_plan(src, lang),
        consultation(src, &filter, lang),
        opinion_and_sign_off(src, lang),
        retention_chapter(src, &filter, lang),
        appendix(src, &filter, lang),
    ];
    Document {
        kind: ReportKind::Pia,
        lang,
        title: lang.inline(&scope::pia_title(&filter)),
        subject: src.record.title.clone(),
        author: common::author(src, lang),
        confidentiality: lang.inline(&wd::CONFIDENTIAL),
        draft: common::draft_mark(common::is_draft(&src.record, o), lang),
        date: src.date.clone(),
        cover: common::cover(src, lang, scope::pia_title(&filter)),
        blocks: chapters.into_iter().flatten().collect(),
    }
}

/// The summary: ratings, counts, the DPO's opinion; then the points to verify.
fn summary(src: &Source, lang: ReportLang) -> Vec<Block> {
    let o = &src.outcome;
    let mut b = vec![heading(lang, &wd::SUMMARY)];
    b.extend(common::rating_badges(o, lang));
    let mut facts = Vec::new();
    let points = o.standing.points.len();
    // A CNIL PIA's need was decided in the CNIL tool; our screening questions were never asked.
    if let (None, Some(screen)) = (&src.cnil, &o.pia) {
        facts.push((
            lang.inline(&wd::PIA_NEED),
            lang.inline(&wd::pia_need(screen.need)),
        ));
    }
    facts.push((
        lang.inline(&wd::FINDING_COUNT),
        o.findings.len().to_string(),
    ));
    facts.push((lang.inline(&wd::RISK_COUNT), o.risks.len().to_string()));
    if points > 0 {
        facts.push((lang.inline(&wd::POINTS_TO_VERIFY), points.to_string()));
    }
    b.push(Block::KeyValue { rows: facts });
    if let Some(opinion) = src
        .template
        .by_role(Role::DpoOpinionText)
        .and_then(|id| common::text_answer(src, id))
    {
        b.push(paragraph(opinion.to_owned()));
    }

    b.push(heading(lang, &wd::POINTS_TO_VERIFY));
    b.extend(common::points_blocks(o, lang));
    b
}

/// Whether a PIA is needed, and why.
fn screening(src: &Source, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![heading(lang, &wd::SCREENING)];
    if src.cnil.is_some() {
        b.extend(chapter::screening(lang));
    } else if let Some(screen) = &src.outcome.pia {
        let reasons = screen
            .reasons
            .iter()
            .map(|id| {
                src.template
                    .rules
                    .iter()
                    .find(|r| &r.id == id)
                    .map_or_else(|| id.clone(), |r| lang.inline(&r.title))
            })
            .collect::<Vec<_>>();
        let mut rows = vec![(
            lang.inline(&wd::PIA_NEED),
            lang.inline(&wd::pia_need(screen.need)),
        )];
        if !reasons.is_empty() {
            rows.push((lang.inline(&wd::REASONS), reasons.join("\n")));
        }
        b.push(Block::KeyValue { rows });
    }
    if let Some(s) = common::section(&src.template, "triggers") {
        b.extend(section_blocks(src, s, lang, &[]));
    }
    b
}

fn description(src: &Source, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![heading(lang, &wd::DESCRIPTION)];
    for id in ["description", "planning"] {
        if let Some(s) = common::section(&src.template, id) {
            b.push(subheading(lang, &s.title));
            b.extend(section_blocks(src, s, lang, &[]));
        }
    }
    if let Some(cnil) = &src.cnil {
        b.extend(chapter::context(cnil, lang));
    }
    b
}

fn necessity(src: &Source, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![heading(lang, &wd::NECESSITY)];
    if let Some(cnil) = &src.cnil {
        b.extend(chapter::necessity(cnil, lang));
    }
    if let Some(s) = common::section(&src.template, "necessity") {
        // A CNIL PIA answers necessity in its own questions; ours show once someone answers them.
        let answered = s
            .questions
            .iter()
            .any(|q| src.answers.get(&q.id).is_some_and(|a| a.is_given()));
        if src.cnil.is_none() || answered {
            b.extend(section_blocks(src, s, lang, &[]));
        }
    }
    b
}

/// The risk register, and the sections on risk sources and impact.
fn risks(src: &Source, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![heading(lang, &wd::RISKS)];
    if let Some(cnil) = &src.cnil {
        b.extend(cnil_risks(src, cnil, lang));
    } else if src.outcome.risks.is_empty() {
        b.push(paragraph(lang.block(&wd::NO_RISKS)));
    } else {
        b.push(Block::Table(risk_table(src, lang)));
    }
    for id in ["risk_sources", "impact_likelihood"] {
        if let Some(s) = common::section(&src.template, id) {
            let blocks = section_blocks(src, s, lang, &[]);
            if !blocks.is_empty() {
                b.push(subheading(lang, &s.title));
                b.extend(blocks);
            }
        }
    }
    b
}

fn heat_maps(src: &Source, filter: &RegimeFilter, lang: ReportLang) -> Vec<Block> {
    vec![
        heading(lang, &wd::HEAT_MAPS),
        Block::HeatMaps(match &src.cnil {
            Some(cnil) => cnil_heat_maps(src, cnil, lang),
            None => vec![
                heat_map(src, lang, wd::BEFORE_MEASURES, false),
                heat_map(src, lang, wd::AFTER_MEASURES, true),
            ],
        }),
        Block::Paragraph {
            text: lang.block(&scope::heat_map_note(filter)),
            small: true,
        },
    ]
}

fn findings(src: &Source, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![heading(lang, &wd::FINDINGS)];
    b.extend(common::findings_blocks(&src.outcome, &src.law, lang));
    b
}

fn action_plan(src: &Source, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![heading(lang, &wd::ACTION_PLAN)];
    if let Some(cnil) = &src.cnil {
        b.extend(chapter::action_plan(cnil, lang));
    }
    let plan = src.template.by_role(Role::ActionPlan);
    match (
        plan.and_then(|id| src.template.section_of(id)),
        plan.and_then(|id| src.answers.get(id)),
    ) {
        (Some(s), Some(a)) if a.is_given() => b.extend(section_blocks(src, s, lang, &[])),
        _ if src.cnil.is_some() => {}
        _ => b.push(paragraph(lang.block(&wd::NO_ACTIONS))),
    }
    b
}

/// Prior consultation of the authority: whether it is due, by the residual risks.
fn consultation(src: &Source, filter: &RegimeFilter, lang: ReportLang) -> Vec<Block> {
    let o = &src.outcome;
    let mut b = vec![heading(lang, &wd::CONSULTATION)];
    let residual_high = o.risks.iter().any(|r| {
        r.residual
            .or(r.inherent)
            .is_some_and(|p| p.level >= RiskLevel::High)
    });
    b.push(paragraph(
        lang.block(&scope::consultation(
            filter,
            residual_high,
            o.risks.is_empty(),
            o.pia
                .as_ref()
                .is_some_and(|p| p.need == PiaVerdict::NotRequired),
        )),
    ));
    if let Some(s) = common::section(&src.template, "consultation") {
        b.extend(section_blocks(src, s, lang, &[]));
    }
    b
}

fn opinion_and_sign_off(src: &Source, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![heading(lang, &wd::DPO_OPINION)];
    if let Some(s) = common::section(&src.template, "conclusion") {
        b.extend(section_blocks(src, s, lang, &[]));
    }
    if let Some(cnil) = &src.cnil {
        b.extend(chapter::opinions(cnil, lang));
    }

    b.push(heading(lang, &wd::SIGN_OFF));
    if let Some(cnil) = &src.cnil {
        b.extend(chapter::validation(cnil, lang));
    }
    b.push(common::sign_off_block(&src.sign_offs, &src.outcome, lang));
    b
}

/// How long the report is kept, from the approval and the years decided.
fn retention_chapter(src: &Source, filter: &RegimeFilter, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![heading(lang, &wd::RETENTION)];
    match scope::retention_note_eu_only(filter) {
        Some(note) => b.push(paragraph(lang.block(&note))),
        // The three years run from the approval: before one, no end date exists to print.
        None => match approved_on(src) {
            Some(day) => b.push(paragraph(lang.fill(
                &wd::RETENTION_NOTE,
                &[("date", &plus_years(day, retention::MIN_YEARS))],
            ))),
            None => b.push(paragraph(lang.block(&wd::RETENTION_NOTE_UNAPPROVED))),
        },
    }
    // The years decided are printed only when the question was answered: the legal minimum that
    // `retention::years` falls back to is not a decision anyone took.
    let years_question = retention::years_question(&src.template);
    let decided = years_question
        .and_then(|id| src.answers.get(id))
        .is_some_and(|a| a.is_given());
    b.push(paragraph(if decided {
        let years = retention::years(&src.template, &src.answers);
        lang.fill(&wd::RETENTION_YEARS, &[("n", &years.to_string())])
    } else {
        lang.block(&wd::RETENTION_YEARS_OPEN)
    }));
    if let Some(id) = years_question
        && let Some(s) = src.template.section_of(id)
    {
        b.extend(section_blocks(src, s, lang, &[id]));
    }
    b
}

fn appendix(src: &Source, filter: &RegimeFilter, lang: ReportLang) -> Vec<Block> {
    let mut b = vec![heading(lang, &wd::APPENDIX)];
    b.extend(common::provisions_block(
        &src.outcome,
        &src.law,
        &scope::basis(filter, BASIS),
        lang,
    ));
    b.push(common::fingerprint_block(&src.fingerprint, lang));
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_is_three_years_on() {
        assert_eq!(plus_years("2025-03-14", 3), "2028-03-14");
        assert_eq!(plus_years("2024-02-29", 3), "2027-02-28");
    }
}
