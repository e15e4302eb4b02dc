//! The one table builder of every export: registers and an assessment read from the vault into
//! [`Table`]s, headers and fixed words in the reader's language. Answers are worded as the reports
//! word them (`report::value_text`), so a spreadsheet and a report never disagree.

use std::collections::HashMap;

use crate::assessment::{Answer, RegimeFilter, shown_question_ids};
use crate::error::Result;
use crate::i18n::Lang;
use crate::law::LawRegister;
use crate::report::wording::{self as wd, W};
use crate::report::{ReportLang, answer_text, value_text};
use crate::template::{QuestionType, RegimeScope, Template};
use crate::vault::store::Read;
use crate::vault::{ActionFilter, DataSourceFilter, VendorFilter};

use super::{Column, Table, Value};

const fn w(zh: &'static str, en: &'static str) -> W {
    W { zh, en }
}

// Sheet names (at most 31 characters).
const SOURCES: W = w("数据来源", "Data sources");
const VENDORS: W = w("受托方", "Vendors");
const ACTIONS: W = w("整改行动", "Actions");
const ANSWERS: W = w("答复与发现", "Answers and findings");

// Headers.
const ID: W = w("编号", "ID");
const CLIENT: W = w("客户", "Client");
const NAME: W = w("名称", "Name");
const CHANNEL: W = w("渠道代码", "Channel");
const PLATFORM: W = w("联系平台", "Platform");
const NOTES: W = w("备注", "Notes");
const ARCHIVED: W = w("已归档", "Archived");
const CREATED: W = w("创建时间（UTC）", "Created (UTC)");
const UPDATED: W = w("更新时间（UTC）", "Updated (UTC)");
const COUNTRY: W = w("所在国家或地区", "Country");
const SERVICE: W = w("服务", "Service");
const CONTACT: W = w("联系人", "Contact");
const NEXT_REVIEW: W = w("下次复审日期", "Next review");
const ASSESSMENT: W = w("评估", "Assessment");
const FINDING: W = w("发现", "Finding");
const TITLE: W = w("标题", "Title");
const OWNER: W = w("负责人", "Owner");
const DUE: W = w("截止日期", "Due date");
const STATUS: W = w("状态", "Status");
const NOTE: W = w("说明", "Note");
const PART: W = w("类别", "Part");
const SECTION: W = w("章节", "Section");
const QUESTION_OR_FINDING: W = w("问题或发现", "Question or finding");
const ANSWER_OR_EXPLANATION: W = w("答复或说明", "Answer or explanation");
const SEVERITY: W = w("严重程度", "Severity");
const REGIME: W = w("法域", "Regime");
const RECOMMENDATION: W = w("建议", "Recommendation");
const CITATIONS: W = w("依据", "Authority");

// Cell words.
const YES: W = w("是", "yes");
const NO: W = w("否", "no");
const PART_ANSWER: W = w("答复", "answer");
const PART_FINDING: W = w("发现", "finding");
const REGIME_EU: W = w("欧盟", "EU");
const REGIME_PRC: W = w("中国", "PRC");
const REGIME_BOTH: W = w("欧盟及中国", "EU and PRC");

fn word(lang: Lang, w: W) -> String {
    lang.pick(w.zh, w.en).to_owned()
}

fn columns(lang: Lang, spec: &[(W, f64)]) -> Vec<Column> {
    spec.iter()
        .map(|(w, width)| Column {
            header: word(lang, *w),
            width: *width,
        })
        .collect()
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn date(d: Option<&str>) -> Value {
    match d {
        Some(d) if !d.trim().is_empty() => Value::Date(d.to_owned()),
        _ => text(""),
    }
}

fn yes_no(lang: Lang, v: bool) -> Value {
    text(word(lang, if v { YES } else { NO }))
}

/// Client names by id, archived clients included (a register row may belong to one).
fn client_names<R: Read>(store: &R) -> Result<HashMap<String, String>> {
    Ok(store
        .clients(true)?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect())
}

fn client_id<R: Read>(store: &R, client: Option<&str>) -> Result<Option<String>> {
    client
        .map(|c| crate::vault::resolve_client(store, c).map(|c| c.id))
        .transpose()
}

pub(super) fn data_sources<R: Read>(
    store: &R,
    client: Option<&str>,
    include_archived: bool,
    lang: Lang,
) -> Result<Table> {
    let names = client_names(store)?;
    let sources = store.data_sources(&DataSourceFilter {
        client_id: client_id(store, client)?,
        include_archived,
    })?;
    Ok(Table {
        name: word(lang, SOURCES),
        columns: columns(
            lang,
            &[
                (ID, 38.0),
                (CLIENT, 24.0),
                (NAME, 28.0),
                (CHANNEL, 10.0),
                (PLATFORM, 14.0),
                (NOTES, 40.0),
                (ARCHIVED, 8.0),
                (CREATED, 20.0),
                (UPDATED, 20.0),
            ],
        ),
        rows: sources
            .into_iter()
            .map(|s| {
                vec![
                    text(&s.id),
                    text(names.get(&s.client_id).cloned().unwrap_or_default()),
                    text(s.name),
                    text(s.channel),
                    text(s.platform),
                    text(s.notes),
                    yes_no(lang, s.archived),
                    Value::DateTime(s.created_at),
                    Value::DateTime(s.updated_at),
                ]
            })
            .collect(),
    })
}

pub(super) fn vendors<R: Read>(
    store: &R,
    client: Option<&str>,
    include_archived: bool,
    lang: Lang,
) -> Result<Table> {
    let names = client_names(store)?;
    let vendors = store.vendors(&VendorFilter {
        client_id: client_id(store, client)?,
        include_archived,
        ..Default::default()
    })?;
    Ok(Table {
        name: word(lang, VENDORS),
        columns: columns(
            lang,
            &[
                (ID, 38.0),
                (CLIENT, 24.0),
                (NAME, 28.0),
                (COUNTRY, 12.0),
                (SERVICE, 24.0),
                (CONTACT, 24.0),
                (NEXT_REVIEW, 14.0),
                (NOTES, 40.0),
                (ARCHIVED, 8.0),
                (CREATED, 20.0),
                (UPDATED, 20.0),
            ],
        ),
        rows: vendors
            .into_iter()
            .map(|v| {
                vec![
                    text(&v.id),
                    text(names.get(&v.client_id).cloned().unwrap_or_default()),
                    text(v.name),
                    text(v.country),
                    text(v.service),
                    text(v.contact),
                    date(v.next_review.as_deref()),
                    text(v.notes),
                    yes_no(lang, v.archived),
                    Value::DateTime(v.created_at),
                    Value::DateTime(v.updated_at),
                ]
            })
            .collect(),
    })
}

pub(super) fn actions<R: Read>(store: &R, client: Option<&str>, lang: Lang) -> Result<Table> {
    let names = client_names(store)?;
    let assessments: HashMap<String, (Option<String>, String)> = store
        .assessments()?
        .into_iter()
        .map(|a| (a.id, (a.client_id, a.title)))
        .collect();
    let actions = store.actions(&ActionFilter {
        client_id: client_id(store, client)?,
        ..Default::default()
    })?;
    Ok(Table {
        name: word(lang, ACTIONS),
        columns: columns(
            lang,
            &[
                (ID, 38.0),
                (CLIENT, 24.0),
                (ASSESSMENT, 28.0),
                (FINDING, 20.0),
                (TITLE, 36.0),
                (OWNER, 18.0),
                (DUE, 12.0),
                (STATUS, 10.0),
                (NOTE, 40.0),
                (CREATED, 20.0),
                (UPDATED, 20.0),
            ],
        ),
        rows: actions
            .into_iter()
            .map(|a| {
                let assessment = a.assessment_id.as_ref().and_then(|id| assessments.get(id));
                // An action filed only under an assessment belongs to the assessment's client.
                let client = a
                    .client_id
                    .clone()
                    .or_else(|| assessment.and_then(|(c, _)| c.clone()));
                vec![
                    text(&a.id),
                    text(
                        client
                            .and_then(|c| names.get(&c).cloned())
                            .unwrap_or_default(),
                    ),
                    text(assessment.map(|(_, t)| t.clone()).unwrap_or_default()),
                    text(a.finding_id.clone()),
                    text(a.title_in(lang)),
                    text(a.owner),
                    date(a.due_date.as_deref()),
                    text(a.status.label(lang)),
                    text(a.note),
                    Value::DateTime(a.created_at),
                    Value::DateTime(a.updated_at),
                ]
            })
            .collect(),
    })
}

fn report_lang(lang: Lang) -> ReportLang {
    match lang {
        Lang::Zh => ReportLang::Zh,
        Lang::En => ReportLang::En,
    }
}

/// A group answer, one line per row: "1. Column: value; Column: value".
fn group_text(
    template: &Template,
    q: &crate::template::Question,
    answer: &Answer,
    filter: &RegimeFilter,
    lang: Lang,
) -> String {
    let rl = report_lang(lang);
    let Some(rows) = answer.as_rows() else {
        return String::new();
    };
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let cells: Vec<String> = q
                .columns
                .iter()
                .filter(|c| c.regime.is_none_or(|r| filter.allows(r)))
                .filter_map(|c| {
                    let value = row.get(&c.id)?.to_answer();
                    value.is_given().then(|| {
                        format!(
                            "{}: {}",
                            lang.pick(&c.label.zh, &c.label.en),
                            value_text(template, c.kind, &c.choices, &value, rl)
                        )
                    })
                })
                .collect();
            format!("{}. {}", i + 1, cells.join("; "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn answers<R: Read>(store: &R, id: &str, lang: Lang) -> Result<Table> {
    let template = crate::assessment::stored::assessment_template(store, id)?;
    let answers = crate::assessment::stored::answers(store, id)?;
    let outcome = crate::assessment::stored::outcome(store, id)?;
    let linked = crate::assessment::stored::linked_outcomes(store, id)?;
    let law = LawRegister::bundled()?;
    let rl = report_lang(lang);
    let shown = shown_question_ids(&template, &answers, &linked);
    let filter = RegimeFilter::for_shown_answers(&template, &answers);
    let part_answer = word(lang, PART_ANSWER);
    let empty = || text("");

    let mut rows = Vec::new();
    for (section, q) in template.questions() {
        if !shown.contains(&q.id) {
            continue;
        }
        let answer = answers.get(&q.id).filter(|a| a.is_given());
        let value = match answer {
            Some(a) if q.kind == QuestionType::Group => {
                text(group_text(&template, q, a, &filter, lang))
            }
            Some(Answer::Text(d)) if q.kind == QuestionType::Date => date(Some(d)),
            Some(a) => text(answer_text(&template, q, a, rl)),
            None if outcome.unanswered_required.contains(&q.id) => {
                text(lang.pick(wd::NOT_ANSWERED.zh, wd::NOT_ANSWERED.en))
            }
            None => empty(),
        };
        rows.push(vec![
            text(&part_answer),
            text(lang.pick(&section.title.zh, &section.title.en)),
            text(&q.id),
            text(lang.pick(&q.text.zh, &q.text.en)),
            value,
            empty(),
            empty(),
            empty(),
            empty(),
        ]);
    }
    let part_finding = word(lang, PART_FINDING);
    for f in &outcome.findings {
        let regime = match f.regime {
            RegimeScope::Eu => REGIME_EU,
            RegimeScope::Prc => REGIME_PRC,
            RegimeScope::Both => REGIME_BOTH,
        };
        let citations: Vec<String> = f
            .cite
            .iter()
            .map(|k| {
                law.get(k).map_or_else(
                    || k.clone(),
                    |p| lang.pick(&p.article.zh, &p.article.en).to_owned(),
                )
            })
            .collect();
        rows.push(vec![
            text(&part_finding),
            empty(),
            text(&f.id),
            text(lang.pick(&f.title.zh, &f.title.en)),
            text(lang.pick(&f.explanation.zh, &f.explanation.en)),
            text(lang.pick(wd::severity(f.severity).zh, wd::severity(f.severity).en)),
            text(word(lang, regime)),
            text(lang.pick(&f.recommendation.zh, &f.recommendation.en)),
            text(citations.join("\n")),
        ]);
    }
    Ok(Table {
        name: word(lang, ANSWERS),
        columns: columns(
            lang,
            &[
                (PART, 8.0),
                (SECTION, 24.0),
                (ID, 24.0),
                (QUESTION_OR_FINDING, 48.0),
                (ANSWER_OR_EXPLANATION, 48.0),
                (SEVERITY, 10.0),
                (REGIME, 12.0),
                (RECOMMENDATION, 48.0),
                (CITATIONS, 30.0),
            ],
        ),
        rows,
    })
}
