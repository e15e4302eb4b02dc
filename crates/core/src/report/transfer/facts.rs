//! The facts of a transfer assessment as rows of a filing report: the question's words and the
//! answer as reports word it, only for questions shown for these answers. An open question says
//! "not answered", never a value.

use crate::assessment::shown_question_ids;
use crate::report::common::{Source, answer_text};
use crate::report::model::{Block, ReportLang};
use crate::report::wording as wd;

/// Questions split in two, and the one whose answer stands for both sides when the new one was
/// never answered (an assessment begun before the split): the EU importer was the one recipient.
const SPLIT: &[(&str, &str)] = &[("tr01_eu_recipient", "tr01_recipient")];

/// The EU importer's question, or the one recipient question of a template from before the split.
pub fn eu_recipient(src: &Source) -> &'static str {
    if src.template.question("tr01_eu_recipient").is_some() {
        "tr01_eu_recipient"
    } else {
        "tr01_recipient"
    }
}

/// A key-value block of these questions, in this order; hidden questions are left out.
pub fn rows(src: &Source, ids: &[&str], lang: ReportLang) -> Vec<Block> {
    let shown = shown_question_ids(&src.template, &src.answers, &[]);
    let given = |id: &str| src.answers.get(id).filter(|a| a.is_given());
    let rows: Vec<(String, String)> = ids
        .iter()
        .filter(|id| shown.iter().any(|s| s == *id))
        .filter_map(|id| src.template.question(id))
        .map(|q| {
            let before_split = || {
                SPLIT
                    .iter()
                    .find(|(new, _)| *new == q.id)
                    .and_then(|(_, old)| given(old))
            };
            let value = given(&q.id).or_else(before_split).map_or_else(
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
