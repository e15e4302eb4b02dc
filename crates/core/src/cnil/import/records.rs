//! The answers of sections 1 and 2 (and of custom questions), the evaluations and the
//! comments: an answer where a template question is tagged with the CNIL question, else a note.

use std::collections::BTreeMap;

use super::{Mapper, label};
use crate::assessment::Answer;
use crate::cnil::architecture::{self as arch, GENERAL, Kind as CnilKind};
use crate::cnil::model::{CnilAnswer, CnilPia, Evaluation, Fix, Src};
use crate::cnil::reference::{Reference, UNKNOWN_HOME, resolve};
use crate::cnil::report::Target;
use crate::cnil::text::html_to_text;

impl Mapper<'_> {
    pub(super) fn text_answers(&mut self, pia: &CnilPia, answers: &BTreeMap<u32, &CnilAnswer>) {
        let custom: BTreeMap<u32, &str> = pia
            .header
            .structure_questions
            .iter()
            .map(|(id, title)| (*id, title.as_str()))
            .collect();
        for (id, answer) in answers {
            let standard = arch::question(*id).filter(|q| q.kind == CnilKind::Text);
            // A custom template may reuse a standard id for its own question: only a title
            // that is still the tool's translation key means the standard question.
            let standard =
                standard.filter(|_| custom.get(id).is_none_or(|t| t.starts_with("sections.")));
            let Some(q) = standard else {
                if arch::question(*id).is_some_and(|q| q.kind != CnilKind::Text)
                    && custom.get(id).is_none_or(|t| t.starts_with("sections."))
                {
                    continue; // A risk question, handled with its risk.
                }
                let title = custom.get(id).copied().unwrap_or("");
                self.answer_as_note(
                    answer,
                    GENERAL,
                    label(
                        &format!("问题 {id} {title}"),
                        &format!("Question {id} {title}"),
                    ),
                );
                continue;
            };
            self.report
                .add(format!("{}.reference_to", answer.path), Target::Link);
            let text = answer
                .text
                .as_ref()
                .map(|t| (t.path.clone(), html_to_text(&t.value)));
            let answered_by = crate::cnil::tags::home_of(self.template, q.id);
            match (answered_by, text) {
                (_, Some((path, text))) if text.is_empty() => self.report.add(path, Target::Empty),
                (Some(ours), Some((path, text))) => self.answer(ours, Answer::Text(text), &path),
                (None, Some((path, text))) => {
                    self.note(
                        q.host,
                        label(
                            &format!("{} {}", q.number(), q.zh),
                            &format!("{} {}", q.number(), q.en),
                        ),
                        &text,
                        &[&path],
                    );
                }
                (_, None) => {}
            }
            for stray in [
                answer
                    .gauge
                    .as_ref()
                    .map(|g| (g.path.clone(), g.value.to_string())),
                answer
                    .list
                    .as_ref()
                    .map(|l| (l.path.clone(), l.value.join("; "))),
            ]
            .into_iter()
            .flatten()
            {
                self.note(
                    q.host,
                    label(
                        &format!("{} {}（其他内容）", q.number(), q.zh),
                        &format!("{} {} (other content)", q.number(), q.en),
                    ),
                    &stray.1,
                    &[&stray.0],
                );
            }
        }
    }

    pub(super) fn evaluations(&mut self, pia: &CnilPia, measures: &BTreeMap<String, String>) {
        let mut seen_risks = Vec::new();
        for e in &pia.evaluations {
            let (home, zh, en) = match resolve(&e.reference.value) {
                Some(Reference::Risk(risk)) => {
                    // The first evaluation of a risk item went with the risk.
                    if !seen_risks.contains(&risk.item) {
                        seen_risks.push(risk.item);
                        continue;
                    }
                    self.report.fixes.push(Fix::UnresolvedReference {
                        path: e.reference.path.clone(),
                    });
                    (self.register, risk.zh.to_owned(), risk.en.to_owned())
                }
                Some(Reference::Measure { id }) => match measures.get(&id) {
                    Some(title) => (
                        self.register,
                        format!("3.1 措施：{title}"),
                        format!("3.1 Measure: {title}"),
                    ),
                    None => {
                        self.report.fixes.push(Fix::UnresolvedReference {
                            path: e.reference.path.clone(),
                        });
                        (
                            self.register,
                            format!("3.1 已删除或未知的措施 {id}"),
                            format!("3.1 Deleted or unknown measure {id}"),
                        )
                    }
                },
                Some(item) => {
                    let label = item.label();
                    (item.home(), label.zh, label.en)
                }
                None => {
                    self.report.fixes.push(Fix::UnresolvedReference {
                        path: e.reference.path.clone(),
                    });
                    let reference = &e.reference.value;
                    (
                        UNKNOWN_HOME,
                        format!("未知条目 {reference}"),
                        format!("Unknown item {reference}"),
                    )
                }
            };
            self.evaluation_note(e, home, &zh, &en, None);
        }
    }

    /// An evaluator's verdict as a note on `host`; an action plan (status 2) also becomes a row
    /// of the treatment plan. `risk_row` is set when the risk register already took the gauges
    /// and the person in charge.
    pub(super) fn evaluation_note(
        &mut self,
        e: &Evaluation,
        host: &str,
        item_zh: &str,
        item_en: &str,
        risk_row: Option<usize>,
    ) {
        self.report.add(&e.reference.path, Target::Link);
        let Lines {
            mut body,
            mut sources,
            mut empty,
        } = verdict_lines(e);
        if let Some(c) = &e.comment {
            let text = html_to_text(&c.value);
            if text.is_empty() {
                empty.push(c.path.clone())
            } else {
                body.push(format!("evaluator's comment / 评估意见:\n{text}"));
                sources.push(c.path.clone());
            }
        }
        // The action plan stays the CNIL tool's: planned, with its person and date, kept in the
        // CNIL record the report reads; our treatment plan has no "planned" decision to hold it.
        let action = e
            .action_plan
            .as_ref()
            .map(|a| (a.path.clone(), html_to_text(&a.value)))
            .filter(|(_, t)| !t.is_empty());
        {
            if let Some((path, text)) = &action {
                body.push(format!("action plan / 行动计划:\n{text}"));
                sources.push(path.clone());
            }
            if risk_row.is_none()
                && let Some(owner) = &e.person_in_charge
            {
                body.push(format!("person in charge / 负责人: {}", owner.value));
                sources.push(owner.path.clone());
            }
            if let Some(d) = &e.implementation_date {
                body.push(format!("planned for / 计划完成: {}", d.value));
                sources.push(d.path.clone());
            }
        }
        if let Some(d) = &e.evaluation_date {
            body.push(format!("evaluated on / 评估日期: {}", d.value));
            sources.push(d.path.clone());
        }
        if risk_row.is_none() {
            for g in [&e.residual_severity, &e.residual_likelihood]
                .into_iter()
                .flatten()
            {
                body.push(format!(
                    "residual gauge / 剩余等级 {}: {}",
                    g.path.rsplit('.').next().unwrap_or(""),
                    g.value
                ));
                sources.push(g.path.clone());
            }
        }
        for path in empty {
            self.report.add(path, Target::Empty);
        }
        if !body.is_empty() {
            let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
            self.note(
                host,
                label(
                    &format!("评估 {item_zh}"),
                    &format!("Evaluation of {item_en}"),
                ),
                &body.join("\n"),
                &refs,
            );
        }
    }

    pub(super) fn comments(&mut self, pia: &CnilPia, measures: &BTreeMap<String, String>) {
        for c in &pia.comments {
            let reference = c.reference.clone().unwrap_or_default();
            let (host, about_zh, about_en) = if c.for_measure.as_ref().is_some_and(|f| f.value) {
                match measures.get(&reference) {
                    Some(title) => (
                        self.register,
                        format!("3.1 措施：{title}"),
                        format!("3.1 Measure: {title}"),
                    ),
                    None => {
                        self.report.fixes.push(Fix::UnresolvedReference {
                            path: format!("{}.reference_to", c.path),
                        });
                        (
                            self.register,
                            format!("未知措施 {reference}"),
                            format!("unknown measure {reference}"),
                        )
                    }
                }
            } else {
                match reference.parse().ok().and_then(arch::question) {
                    Some(q) => (
                        q.host,
                        format!("{} {}", q.number(), q.zh),
                        format!("{} {}", q.number(), q.en),
                    ),
                    None => {
                        if !reference.is_empty() {
                            self.report.fixes.push(Fix::UnresolvedReference {
                                path: format!("{}.reference_to", c.path),
                            });
                        }
                        (
                            GENERAL,
                            format!("问题 {reference}"),
                            format!("question {reference}"),
                        )
                    }
                }
            };
            if c.reference.is_some() {
                self.report
                    .add(format!("{}.reference_to", c.path), Target::Link);
            }
            if let Some(flag) = &c.for_measure {
                self.report.add(&flag.path, Target::Link);
            }
            let by: Vec<&Src<String>> = [&c.author, &c.created_at].into_iter().flatten().collect();
            match &c.description {
                Some(d) => {
                    let heading = label(
                        &format!("关于 {about_zh} 的讨论"),
                        &format!("Comment on {about_en}"),
                    );
                    let heading = if by.is_empty() {
                        heading
                    } else {
                        let who: Vec<&str> = by.iter().map(|s| s.value.as_str()).collect();
                        format!("{heading} — {}", who.join(", "))
                    };
                    let mut sources = vec![d.path.as_str()];
                    sources.extend(by.iter().map(|s| s.path.as_str()));
                    self.note(host, heading, &d.value, &sources);
                }
                None => {
                    self.report
                        .add(format!("{}.description", c.path), Target::Empty);
                    for s in by {
                        self.report.add(&s.path, Target::Empty);
                    }
                }
            }
        }
    }
}

/// Note lines, the fields they came from, and the fields found empty.
#[derive(Default)]
struct Lines {
    body: Vec<String>,
    sources: Vec<String>,
    empty: Vec<String>,
}

/// The evaluator's verdict and its submission state, as note lines.
fn verdict_lines(e: &Evaluation) -> Lines {
    let mut lines = Lines::default();
    let (body, sources, empty) = (&mut lines.body, &mut lines.sources, &mut lines.empty);
    match &e.status {
        Some(s) if s.value > 0 => {
            body.push(
                match s.value {
                    1 => "verdict: to correct / 结论：需修改",
                    2 => "verdict: improvable, action planned / 结论：可改进，已计划行动",
                    _ => "verdict: acceptable / 结论：可接受",
                }
                .to_owned(),
            );
            sources.push(s.path.clone());
        }
        Some(s) => empty.push(s.path.clone()),
        None => {}
    }
    match &e.global_status {
        Some(s) if s.value > 0 => {
            body.push(
                if s.value == 1 {
                    "submitted: sent back to the author / 已提交：退回作者"
                } else {
                    "submitted: done / 已提交：完成"
                }
                .to_owned(),
            );
            sources.push(s.path.clone());
        }
        Some(s) => empty.push(s.path.clone()),
        None => {}
    }
    lines
}
