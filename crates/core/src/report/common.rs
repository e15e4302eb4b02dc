//! What the three report kinds share: the facts a builder starts from ([`Source`]), and the blocks
//! every report has — cover, rating badges, findings, sign-off, appendix of provisions, fingerprint —
//! plus answers worded for a reader. Pure: it reads only the `Source` it is given.

use std::collections::BTreeSet;

use crate::assessment::SignOff;
use crate::assessment::{
    Answer, Answers, Cell as AnswerCell, Certainty, Finding, Outcome, Rating, RegimeFilter,
    RiskLevel, decisive_questions, short_wording,
};
use crate::law::LawRegister;
use crate::report::model::{
    Bilingual, Block, Cell, Cover, FindingBlock, ProvisionEntry, ProvisionsBlock, ReportLang,
    Table, Tone,
};
use crate::report::register;
pub use crate::report::sign_off_block::sign_off_block;
use crate::report::wording::{self as wd, W};
use crate::template::{Choice, Question, QuestionType, Section, Severity, Template};
use crate::vault::{AssessmentRecord, Client, Status, Vendor};

/// Everything a single-assessment report is built from, read from the vault beforehand.
#[derive(Debug, Clone)]
pub struct Source {
    pub record: AssessmentRecord,
    pub template: Template,
    pub answers: crate::assessment::Answers,
    pub outcome: Outcome,
    pub fingerprint: String,
    pub sign_offs: Vec<SignOff>,
    pub law: LawRegister,
    pub client: Option<Client>,
    pub vendor: Option<Vendor>,
    /// Who the report is from: the profile name, blank when none is set (never the actor).
    pub author: String,
    /// The whole profile (name, role, firm), for the memo's "from" line.
    pub profile: crate::vault::Profile,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The CNIL file a PIA was imported from, when it was: what the report shows of it.
    pub cnil: Option<crate::cnil::CnilPia>,
    /// The transfer assessments this one links to, each at the version its link follows.
    pub linked_transfers: Vec<LinkedTransfer>,
}

/// A linked transfer assessment at the version its link follows (`crate::transfer::follow`).
#[derive(Debug, Clone)]
pub struct LinkedTransfer {
    pub title: String,
    pub version: i64,
    /// The latest approved version; else the current one.
    pub signed: bool,
    pub template: Template,
    pub answers: crate::assessment::Answers,
}

pub fn rating_tone(rating: Rating) -> Tone {
    match rating {
        Rating::Compliant => Tone::Green,
        Rating::Conditional => Tone::Amber,
        Rating::HighRisk => Tone::Orange,
        Rating::Prohibited => Tone::Red,
    }
}

pub fn severity_tone(severity: Severity) -> Tone {
    match severity {
        Severity::Info => Tone::Grey,
        Severity::Low => Tone::Green,
        Severity::Medium => Tone::Amber,
        Severity::High => Tone::Orange,
        Severity::Critical => Tone::Red,
    }
}

pub fn level_tone(level: RiskLevel) -> Tone {
    match level {
        RiskLevel::Low => Tone::Green,
        RiskLevel::Medium => Tone::Amber,
        RiskLevel::High => Tone::Orange,
        RiskLevel::Severe => Tone::Red,
    }
}

pub fn heading(lang: ReportLang, text: &impl Bilingual) -> Block {
    Block::Heading {
        level: 1,
        text: lang.inline(text),
    }
}

pub fn subheading(lang: ReportLang, text: &impl Bilingual) -> Block {
    Block::Heading {
        level: 2,
        text: lang.inline(text),
    }
}

pub fn paragraph(text: String) -> Block {
    Block::Paragraph { text, small: false }
}

pub fn cover(src: &Source, lang: ReportLang, title: W) -> Cover {
    let r = &src.record;
    let mut rows = Vec::new();
    if let Some(client) = &src.client {
        let name = if client.matter.is_empty() {
            client.name.clone()
        } else {
            format!("{} — {}", client.name, client.matter)
        };
        rows.push((lang.inline(&wd::CLIENT), name));
    }
    rows.push((lang.inline(&wd::ASSESSMENT), r.title.clone()));
    rows.push((lang.inline(&wd::ASSESSMENT_ID), r.id.clone()));
    rows.push((
        lang.inline(&wd::TEMPLATE),
        format!(
            "{} {} ({})",
            lang.inline(&src.template.title),
            r.template_version,
            r.template_id
        ),
    ));
    rows.push((
        lang.inline(&wd::STATUS),
        format!(
            "{} · {} {}",
            lang.inline(&wd::status(r.status)),
            lang.inline(&wd::VERSION),
            r.version
        ),
    ));
    rows.push((lang.inline(&wd::REPORT_DATE), src.date.clone()));
    rows.push((lang.inline(&wd::PREPARED_BY), author(src, lang)));
    Cover {
        title: lang.block(&title),
        subtitle: r.title.clone(),
        rows,
        mark: lang.inline(&wd::CONFIDENTIAL),
    }
}

/// Who prepared the report: the profile's name, or "author not recorded" — never a guess.
pub fn author(src: &Source, lang: ReportLang) -> String {
    if src.author.trim().is_empty() {
        lang.inline(&wd::AUTHOR_NOT_RECORDED)
    } else {
        src.author.clone()
    }
}

/// Whether a report on this assessment is a draft: not approved, or a decisive point still open.
pub fn is_draft(record: &AssessmentRecord, outcome: &Outcome) -> bool {
    record.status != Status::Approved || outcome.standing.has_open_points()
}

/// The DRAFT mark of a report, when it is one.
pub fn draft_mark(draft: bool, lang: ReportLang) -> Option<String> {
    draft.then(|| lang.inline(&wd::DRAFT))
}

/// The overall rating as a reader takes it: the band, "could reach …" and the points to verify,
/// or "undetermined"; grey while undetermined.
pub fn overall_badge(outcome: &Outcome, label: W, lang: ReportLang) -> Block {
    Block::Badge {
        label: lang.inline(&label),
        value: lang.inline(&outcome.rating_wording()),
        tone: match outcome.standing.certainty {
            Certainty::Undetermined => Tone::Grey,
            _ => rating_tone(outcome.ratings.overall),
        },
    }
}

/// The open decisive questions, numbered, under an intro that says what they mean; a line
/// saying there are none otherwise.
pub fn points_blocks(outcome: &Outcome, lang: ReportLang) -> Vec<Block> {
    if outcome.standing.points.is_empty() {
        return vec![paragraph(lang.block(&wd::NO_POINTS))];
    }
    let mut blocks = vec![paragraph(lang.block(&wd::POINTS_INTRO))];
    blocks.extend(
        outcome
            .standing
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| paragraph(format!("{}. {}", i + 1, lang.block(&p.text)))),
    );
    blocks
}

/// The facts a conclusion rests on: the given answers to the decisive questions shown, worded,
/// in template order. Nothing is printed for a question left open.
pub fn decisive_facts(
    template: &Template,
    answers: &Answers,
    outcome: &Outcome,
    skip: &[&str],
    lang: ReportLang,
) -> Vec<(String, String)> {
    let decisive = decisive_questions(template);
    let filter = RegimeFilter::for_shown_answers(template, answers);
    let open: BTreeSet<&str> = outcome
        .standing
        .points
        .iter()
        .map(|p| p.question_id.as_str())
        .collect();
    template
        .questions()
        .map(|(_, q)| q)
        .filter(|q| decisive.contains(q.id.as_str()) && !open.contains(q.id.as_str()))
        .filter(|q| !skip.contains(&q.id.as_str()))
        .filter(|q| q.kind != QuestionType::Group && q.kind != QuestionType::Evidence)
        .filter_map(|q| {
            let answer = in_scope(answers.get(&q.id)?, &q.choices, &filter);
            answer
                .is_given()
                .then(|| (lang.block(&q.text), answer_text(template, q, &answer, lang)))
        })
        .collect()
}

/// An answer without the choices of a regime out of scope: a PRC-only report never names the EU
/// lawful basis even where the answer ticked it.
fn in_scope(answer: &Answer, choices: &[Choice], filter: &RegimeFilter) -> Answer {
    let foreign = |value: &String| {
        choices
            .iter()
            .any(|c| &c.value == value && c.regime.is_some_and(|r| !filter.allows(r)))
    };
    match answer {
        Answer::List(values) => {
            Answer::List(values.iter().filter(|v| !foreign(v)).cloned().collect())
        }
        Answer::Text(value) if foreign(value) => Answer::List(Vec::new()),
        other => other.clone(),
    }
}

/// Overall and per-regime rating badges.
pub fn rating_badges(outcome: &Outcome, lang: ReportLang) -> Vec<Block> {
    let mut blocks = vec![overall_badge(outcome, wd::OVERALL_RATING, lang)];
    for (label, rating) in [
        (wd::PRC_RATING, outcome.ratings.prc),
        (wd::EU_RATING, outcome.ratings.eu),
    ] {
        // A regime out of scope has no badge: its name would be a foreign-regime mention. A
        // regime's band carries the assessment's certainty: never a bare "compliant" while
        // decisive points are open.
        if let Some(rating) = rating {
            blocks.push(Block::Badge {
                label: lang.inline(&label),
                value: lang.inline(&short_wording(rating, outcome.standing.certainty, None)),
                tone: match outcome.standing.certainty {
                    Certainty::Undetermined => Tone::Grey,
                    _ => rating_tone(rating),
                },
            });
        }
    }
    blocks
}

/// A citation as lawyers write it, in the report language(s); the key itself when unknown.
pub fn citation(law: &LawRegister, key: &str, lang: ReportLang) -> String {
    law.get(key)
        .map_or_else(|| key.to_owned(), |p| lang.inline(&p.article))
}

pub fn finding_block(finding: &Finding, law: &LawRegister, lang: ReportLang) -> Block {
    Block::Finding(FindingBlock {
        severity: lang.inline(&wd::severity(finding.severity)),
        tone: severity_tone(finding.severity),
        title: lang.block(&finding.title),
        explanation: lang.block(&finding.explanation),
        recommendation_label: lang.inline(&wd::RECOMMENDATION),
        recommendation: lang.block(&finding.recommendation),
        citations_label: lang.inline(&wd::CITATIONS),
        citations: finding
            .cite
            .iter()
            .map(|k| citation(law, k, lang))
            .collect(),
    })
}

/// "No findings" only when nothing decisive is open; else "none so far", which is not good news.
pub fn no_findings(outcome: &Outcome) -> &'static wd::W {
    if outcome.standing.has_open_points() {
        &wd::NO_FINDINGS_SO_FAR
    } else {
        &wd::NO_FINDINGS
    }
}

pub fn findings_blocks(outcome: &Outcome, law: &LawRegister, lang: ReportLang) -> Vec<Block> {
    if outcome.findings.is_empty() {
        return vec![paragraph(lang.block(no_findings(outcome)))];
    }
    outcome
        .findings
        .iter()
        .map(|f| finding_block(f, law, lang))
        .collect()
}

/// The appendix: every provision the findings cite, plus the report's own legal basis, in key
/// order, with how each was verified, after the register's version note.
pub fn provisions_block(
    outcome: &Outcome,
    law: &LawRegister,
    basis: &[&str],
    lang: ReportLang,
) -> Vec<Block> {
    let keys: BTreeSet<&str> = outcome
        .findings
        .iter()
        .flat_map(|f| f.cite.iter().map(String::as_str))
        .chain(basis.iter().copied())
        .collect();
    provisions_for(keys, law, lang)
}

/// The register's version note, then the appendix of these provisions in key order, each with
/// its official source and how it was verified; keys the register does not know are left out.
pub fn provisions_for(keys: BTreeSet<&str>, law: &LawRegister, lang: ReportLang) -> Vec<Block> {
    let note = register::note(&keys, law, lang);
    let entries = keys
        .into_iter()
        .filter_map(|key| law.get(key))
        .map(|p| ProvisionEntry {
            key: p.key.clone(),
            citation: lang.inline(&p.article),
            title: lang.block(&p.title),
            gist: register::gist_with_source(p, lang),
            verify: register::mark(p, lang),
        })
        .collect();
    let table = Block::Provisions(ProvisionsBlock {
        header: [wd::KEY, wd::CITATION, wd::SHORT_TITLE, wd::GIST]
            .iter()
            .map(|w| lang.inline(w))
            .collect(),
        entries,
    });
    vec![note, table]
}

pub fn fingerprint_block(sha256: &str, lang: ReportLang) -> Block {
    Block::Fingerprint {
        label: lang.inline(&wd::FINGERPRINT),
        sha256: sha256.to_owned(),
        note: lang.block(&wd::FINGERPRINT_NOTE),
    }
}

/// The audit chain head when the report was drawn (count and hash), said to be the vault's log
/// or the team database's chain of the client, as the store says which it read.
pub fn audit_head_block(
    count: u64,
    head_hash: &str,
    chain: crate::vault::AuditChain,
    lang: ReportLang,
) -> Block {
    let note = match chain {
        crate::vault::AuditChain::Vault => &wd::AUDIT_HEAD_NOTE,
        crate::vault::AuditChain::TeamClient => &wd::AUDIT_HEAD_NOTE_TEAM,
    };
    Block::Fingerprint {
        label: lang.fill(&wd::AUDIT_HEAD, &[("n", &count.to_string())]),
        sha256: head_hash.to_owned(),
        note: lang.block(note),
    }
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn choice_label(choices: &[Choice], value: &str, lang: ReportLang) -> String {
    choices
        .iter()
        .find(|c| c.value == value)
        .map_or_else(|| value.to_owned(), |c| lang.inline(&c.label))
}

fn ynp(value: &str, lang: ReportLang) -> String {
    match value {
        "yes" => lang.inline(&wd::YES),
        "no" => lang.inline(&wd::NO),
        "partial" => lang.inline(&wd::PARTIAL),
        "na" => lang.inline(&wd::NA),
        other => other.to_owned(),
    }
}

/// A scale level (1–4) with its label from the template's scales.
fn level(template: &Template, kind: QuestionType, n: f64, lang: ReportLang) -> String {
    let labels = template.scales.as_ref().map(|s| match kind {
        QuestionType::Likelihood => &s.likelihood,
        _ => &s.severity,
    });
    let index = n as usize;
    match labels.and_then(|l| l.get(index.wrapping_sub(1))) {
        Some(label) => format!("{} {}", number(n), lang.inline(label)),
        None => number(n),
    }
}

/// An answer (or a group cell) worded for a reader.
pub fn value_text(
    template: &Template,
    kind: QuestionType,
    choices: &[Choice],
    answer: &Answer,
    lang: ReportLang,
) -> String {
    match (kind, answer) {
        (QuestionType::Ynp, Answer::Text(v)) => ynp(v, lang),
        (QuestionType::SingleChoice, Answer::Text(v)) => choice_label(choices, v, lang),
        (QuestionType::MultiChoice, Answer::List(values)) => values
            .iter()
            .map(|v| choice_label(choices, v, lang))
            .collect::<Vec<_>>()
            .join("; "),
        (QuestionType::Likelihood | QuestionType::Severity, Answer::Number(n)) => {
            level(template, kind, *n, lang)
        }
        (QuestionType::Evidence, Answer::List(ids)) => lang.inline(&wd::attachments(ids.len())),
        (_, Answer::Number(n)) => number(*n),
        (_, Answer::Text(t)) => t.clone(),
        (_, Answer::List(items)) => items.join("; "),
        (_, Answer::Rows(rows)) => format!("{}", rows.len()),
    }
}

/// A question's answer worded for a reader, a number with the question's unit ("36 months",
/// "36个月"): a bare figure leaves the reader to guess days, months or people.
pub fn answer_text(template: &Template, q: &Question, answer: &Answer, lang: ReportLang) -> String {
    let text = value_text(template, q.kind, &q.choices, answer, lang);
    match (&q.unit, answer) {
        (Some(unit), Answer::Number(_)) => lang.inline(&crate::i18n::Text::new(
            format!("{text}{}", unit.zh.trim()),
            format!("{text} {}", unit.en.trim()),
        )),
        _ => text,
    }
}

fn cell_answer(cell: &AnswerCell) -> Answer {
    cell.to_answer()
}

/// A group answer as a data table (columns in template order; empty columns left out).
pub fn group_table(
    template: &Template,
    question: &Question,
    rows: &[crate::assessment::Row],
    filter: &crate::assessment::RegimeFilter,
    lang: ReportLang,
) -> Table {
    let columns: Vec<_> = question
        .columns
        .iter()
        .filter(|c| c.regime.is_none_or(|r| filter.allows(r)))
        .filter(|c| {
            rows.iter()
                .any(|r| r.get(&c.id).is_some_and(|v| cell_answer(v).is_given()))
        })
        .collect();
    let widths = columns
        .iter()
        .map(|c| match c.kind {
            QuestionType::Text => 3.0,
            QuestionType::SingleChoice | QuestionType::MultiChoice => 2.0,
            _ => 1.2,
        })
        .collect();
    Table {
        header: columns.iter().map(|c| lang.inline(&c.label)).collect(),
        widths,
        rows: rows
            .iter()
            .map(|row| {
                columns
                    .iter()
                    .map(|c| {
                        Cell::plain(row.get(&c.id).map_or_else(String::new, |v| {
                            value_text(template, c.kind, &c.choices, &cell_answer(v), lang)
                        }))
                    })
                    .collect()
            })
            .collect(),
    }
}

/// A template section's answers: a question → answer list, then each answered group as a table.
/// Questions with no answer are left out, except required ones, which say so.
pub fn section_blocks(
    src: &Source,
    section: &Section,
    lang: ReportLang,
    skip: &[&str],
) -> Vec<Block> {
    let mut rows = Vec::new();
    let mut tables = Vec::new();
    // Answers left behind by questions that other answers hide (e.g. the other regime's) are
    // not part of the work.
    let shown = crate::assessment::shown_question_ids(&src.template, &src.answers, &[]);
    let filter = crate::assessment::RegimeFilter::for_shown_answers(&src.template, &src.answers);
    for q in &section.questions {
        if skip.contains(&q.id.as_str()) || !shown.contains(&q.id) {
            continue;
        }
        match src.answers.get(&q.id).filter(|a| a.is_given()) {
            Some(Answer::Rows(group)) if q.kind == QuestionType::Group => {
                tables.push(Block::Paragraph {
                    text: lang.block(&q.text),
                    small: false,
                });
                tables.push(Block::Table(group_table(
                    &src.template,
                    q,
                    group,
                    &filter,
                    lang,
                )));
            }
            Some(answer) => rows.push((
                lang.block(&q.text),
                answer_text(&src.template, q, answer, lang),
            )),
            None if src.outcome.unanswered_required.contains(&q.id) => {
                rows.push((lang.block(&q.text), lang.inline(&wd::NOT_ANSWERED)))
            }
            None => {}
        }
    }
    let mut blocks = Vec::new();
    if !rows.is_empty() {
        blocks.push(Block::KeyValue { rows });
    }
    blocks.extend(tables);
    blocks
}

/// The template section with this id, if the snapshot has it.
pub fn section<'a>(template: &'a Template, id: &str) -> Option<&'a Section> {
    template.sections.iter().find(|s| s.id == id)
}

/// A text answer, if given.
pub fn text_answer<'a>(src: &'a Source, id: &str) -> Option<&'a str> {
    src.answers
        .get(id)
        .and_then(Answer::as_text)
        .filter(|t| !t.trim().is_empty())
}
