//! The facts of a transfer assessment as rows of a filing report: the question's words and the
//! answer as reports word it, only for questions shown for these answers. An open question says
//! "not answered", never a value.

use crate::assessment::shown_question_ids;
use crate::report::common::{Source, answer_text};
use crate::report::model::{Block, ReportLang};
use crate::report::wording as wd;

/// A key-value block of these questions, in this order; hidden questions are left out.
pub fn rows(src: &Source, ids: &[&str], lang: ReportLang) -> Vec<Block> {
    let shown = shown_question_ids(&src.template, &src.answers, &[]);
    let rows: Vec<(String, String)> = ids
        .iter()
        .filter(|id| shown.iter().any(|s| s == *id))
        .filter_map(|id| src.template.question(id))
        .map(|q| {
            let value = src.answers.get(&q.id).filter(|a| a.is_given()).map_or_else(
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
