//! The `pia` object of a CNIL file: the people, the DPO's and the data subjects' opinions, the
//! status in the CNIL tool and what is about the PIA as a whole.

use super::{Mapper, label};
use crate::assessment::Answer;
use crate::cnil::architecture::GENERAL;
use crate::cnil::model::{CnilPia, Header, Src};
use crate::cnil::report::Target;
use crate::template::Role;

/// A text field's path and value.
fn text(s: &Option<Src<String>>) -> Option<(String, String)> {
    s.as_ref().map(|s| (s.path.clone(), s.value.clone()))
}

impl Mapper<'_> {
    pub(super) fn header(&mut self, pia: &CnilPia) {
        let h = &pia.header;
        self.report.add(&h.name.path, Target::Title);
        if let Some((path, value)) = text(&h.author_name) {
            self.answer_as(Role::Assessors, Answer::Text(value), &path);
        }
        // The CNIL tool's validator is not a DPO Desk signatory: nobody signed off here. The
        // name is kept with the CNIL status, which the report shows as the CNIL tool's decision.
        if let Some((path, value)) = text(&h.validator_name) {
            self.note_on(
                Role::Signatory,
                label("CNIL 工具中的验证人", "Validator in the CNIL tool"),
                &value,
                &[&path],
            );
        }
        // The CNIL method is the GDPR's (Art. 35): the tool presumes the PIA is needed, so the
        // need was decided there — recorded as such rather than left "undetermined" for ever.
        if let Some(regimes) = &self.template.regimes {
            let routing = regimes.question.clone();
            self.derive(&routing, "eu", &h.name.path);
        }
        self.derive_as(Role::DecidedIn, "cnil_tool", &h.name.path);
        if let Some((path, value)) = text(&h.evaluator_name) {
            self.note_on(
                Role::Assessors,
                label("评估人", "Evaluator"),
                &value,
                &[&path],
            );
        }
        if !h.users.is_empty() {
            let body: Vec<&str> = h.users.iter().map(|u| u.value.as_str()).collect();
            let paths: Vec<&str> = h.users.iter().map(|u| u.path.as_str()).collect();
            self.note_on(
                Role::Assessors,
                label(
                    "CNIL 服务器上的用户及角色",
                    "Users and roles on the CNIL server",
                ),
                &body.join("\n"),
                &paths,
            );
        }
        self.dpo(h);
        self.people(h);
        self.status(h);
        self.about(h);
    }

    fn dpo(&mut self, h: &Header) {
        // The DPO block.
        if let Some(s) = &h.dpo_status {
            let verdict = if s.value == 1 {
                "favourable"
            } else {
                "unfavourable"
            };
            self.answer_as(Role::DpoOpinion, Answer::Text(verdict.to_owned()), &s.path);
        }
        if let Some((path, value)) = text(&h.dpo_opinion) {
            self.answer_as(Role::DpoOpinionText, Answer::Text(value), &path);
        }
        if let Some((path, value)) = text(&h.dpos_names) {
            self.note_on(
                Role::DpoOpinionText,
                label("DPO 姓名", "DPO name(s)"),
                &value,
                &[&path],
            );
        }
        let dpo_source = h
            .dpo_status
            .as_ref()
            .map(|s| s.path.clone())
            .or_else(|| h.dpo_opinion.as_ref().map(|s| s.path.clone()));
        if let Some(from) = &dpo_source {
            self.derive_as(Role::DpoExists, "yes", from);
            self.derive_as(Role::DpoAdvice, "yes", from);
        } else if let Some(names) = &h.dpos_names {
            self.derive_as(Role::DpoExists, "yes", &names.path);
        }
    }

    fn people(&mut self, h: &Header) {
        // The data subjects' block.
        if let Some(s) = &h.people_searched {
            let value = match (s.value, &h.people_searched_content) {
                (true, _) => "yes",
                (false, Some(_)) => "not_appropriate",
                (false, None) => "no",
            };
            self.answer_as(Role::ViewsSought, Answer::Text(value.to_owned()), &s.path);
        }
        if let Some((path, value)) = text(&h.people_searched_content) {
            self.note_on(
                Role::ViewsSought,
                label("未征求意见的理由", "Why the views were not sought"),
                &value,
                &[&path],
            );
        }
        if let Some((path, value)) = text(&h.people_opinion) {
            self.answer_as(Role::ViewsSummary, Answer::Text(value), &path);
        }
        if let Some((path, value)) = text(&h.people_names) {
            self.note_on(
                Role::ViewsSummary,
                label("被征求意见的个人或代表", "People consulted"),
                &value,
                &[&path],
            );
        }
        if let Some(s) = &h.people_status {
            let verdict = if s.value == 1 {
                "favourable (processing may go ahead) / 同意"
            } else {
                "unfavourable / 不同意"
            };
            self.note_on(
                Role::ViewsSummary,
                label("个人意见结论", "Data subjects' verdict"),
                verdict,
                &[&s.path],
            );
        }
        let people_source = [&h.people_opinion, &h.people_names]
            .into_iter()
            .flatten()
            .map(|s| s.path.clone())
            .chain(h.people_status.as_ref().map(|s| s.path.clone()))
            .next();
        if h.people_searched.is_none()
            && let Some(from) = people_source
        {
            self.derive_as(Role::ViewsSought, "yes", &from);
        }
    }

    fn status(&mut self, h: &Header) {
        // Validation: the import is always a draft; the CNIL outcome is kept for the signer.
        if let Some(s) = &h.status {
            if s.value == 0 {
                self.report.add(&s.path, Target::Empty);
            } else {
                let status = match s.value {
                    1 => "1 refused / 已驳回",
                    2 => "2 validated / 已批准",
                    3 => "3 validated with signature / 已签字批准",
                    _ => "4 processing abandoned / 已放弃处理",
                };
                self.note_on(
                    Role::Signatory,
                    label("CNIL 工具中的状态", "Status in the CNIL tool"),
                    status,
                    &[&s.path],
                );
            }
        }
        if let Some((path, value)) = text(&h.rejection_reason) {
            self.note_on(
                Role::Signatory,
                label("驳回理由", "Reason for refusal"),
                &value,
                &[&path],
            );
        }
        if let Some((path, value)) = text(&h.applied_adjustments) {
            self.note_on(
                Role::Signatory,
                label("驳回后所作的修改", "Adjustments made after refusal"),
                &value,
                &[&path],
            );
        }
    }

    fn about(&mut self, h: &Header) {
        // About the PIA as a whole.
        if let Some((path, value)) = text(&h.category) {
            self.note(GENERAL, label("类别", "Category"), &value, &[&path]);
        }
        let dates: Vec<&Src<String>> = [&h.created_at, &h.updated_at]
            .into_iter()
            .flatten()
            .collect();
        if !dates.is_empty() {
            let body = [("created", &h.created_at), ("updated", &h.updated_at)]
                .iter()
                .filter_map(|(what, s)| s.as_ref().map(|s| format!("{what} {}", s.value)))
                .collect::<Vec<_>>()
                .join(", ");
            let paths: Vec<&str> = dates.iter().map(|s| s.path.as_str()).collect();
            self.note(
                GENERAL,
                label("CNIL PIA 日期", "Dates of the CNIL PIA"),
                &body,
                &paths,
            );
        }
        let template: Vec<&Src<String>> = [&h.structure_name, &h.structure_sector]
            .into_iter()
            .flatten()
            .collect();
        if !template.is_empty() {
            let body = template
                .iter()
                .map(|s| s.value.as_str())
                .collect::<Vec<_>>()
                .join(" — ");
            let paths: Vec<&str> = template.iter().map(|s| s.path.as_str()).collect();
            self.note(
                GENERAL,
                label(
                    "CNIL 自定义模板（名称、行业）",
                    "CNIL custom template (name, sector)",
                ),
                &body,
                &paths,
            );
        }
    }
}
