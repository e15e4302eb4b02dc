//! The facts of a transfer assessment as rows of a filing report: the question's words and the
//! answer as reports word it, only for questions shown for these answers. An open question says
//! "not answered", never a value.

use crate::assessment::{shown_question_ids, with_split_answers};
use crate::report::common::{Source, answer_text};
use crate::report::model::{Block, ReportLang};
use crate::report::wording as wd;

/// The EU side's question, or the one question of a template from before the split (the EU
/// importer and its country were the one recipient and its country): `tr01_eu_recipient` or
/// `tr01_recipient`, `tr01_eu_recipient_country` or `tr01_recipient_country`.
pub fn eu_side<'a>(src: &Source, split: &'a str, before: &'a str) -> &'a str {
    if src.template.question(split).is_some() {
        split
    } else {
        before
    }
}

/// A key-value block of these questions, in this order; hidden questions are left out.
pub fn rows(src: &Source, ids: &[&str], lang: ReportLang) -> Vec<Block> {
    let shown = shown_question_ids(&src.template, &src.answers, &[]);
    // An answer given before a question was split stands for it, as in scoring.
    let answers = with_split_answers(&src.template, &src.answers);
    let rows: Vec<(String, String)> = ids
        .iter()
        .filter(|id| shown.iter().any(|s| s == *id))
        .filter_map(|id| src.template.question(id))
        .map(|q| {
            let value = answers.get(&q.id).filter(|a| a.is_given()).map_or_else(
                || lang.inline(&wd::NOT_ANSWERED),
                |a| answer_text(&src.template, q, a, lang),
            );
            (lang.block(&q.text), value)
        })
        .collect();
    if rows.is_empty() {
        Vec::new()
    } else {
        vec![Block::KeyValue { rows }]
    }
}
