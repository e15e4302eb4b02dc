//! The chapter scaffolding both filing-ready parts share: a part is a list of chapters and
//! sections, each followed by the rows of the questions it reports (hidden ones left out) or by
//! blocks drawn elsewhere (a route, the findings, a conclusion). `pipia.rs` and `tia.rs` only say
//! which chapters, in which order, hold which facts.

use super::facts::rows;
use crate::report::common::{self, Source, heading, paragraph};
use crate::report::model::{Block, ReportLang};
use crate::report::wording::W;
use crate::template::RegimeScope;

/// One piece of a part, in reading order.
pub(super) enum Piece<'a> {
    /// A chapter heading (level 1).
    Chapter(&'a W),
    /// A section heading inside a chapter (level 2).
    Section(&'a W),
    /// The rows of these questions.
    Rows(&'a [&'a str]),
    /// Blocks drawn elsewhere.
    Blocks(Vec<Block>),
}

const NOTHING_APPLIES: W = W {
    zh: "按本评估的答案，本节没有适用的事项。",
    en: "Nothing in this section applies to the transfer as answered.",
};
const NOTHING_YET: W = W {
    zh: "本节的事项取决于尚未回答的事实，回答后才会列出。",
    en: "What belongs here depends on facts not answered yet; it appears once they are.",
};

/// Lays the pieces out as report blocks. A chapter or section whose questions are all hidden
/// keeps its place (the filing guideline's order) and says why it holds nothing, never stands
/// empty.
pub(super) fn lay_out(src: &Source, lang: ReportLang, pieces: Vec<Piece<'_>>) -> Vec<Block> {
    let mut b = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Chapter(w) => b.push(heading(lang, w)),
            Piece::Section(w) => b.push(common::subheading(lang, w)),
            Piece::Rows(ids) => b.extend(rows(src, ids, lang)),
            Piece::Blocks(blocks) => b.extend(blocks),
        }
    }
    let why = if src.outcome.standing.has_open_points() {
        &NOTHING_YET
    } else {
        &NOTHING_APPLIES
    };
    let mut out = Vec::with_capacity(b.len());
    let mut blocks = b.into_iter().peekable();
    while let Some(block) = blocks.next() {
        let empty = match (&block, blocks.peek()) {
            (Block::Heading { .. }, None) => true,
            (Block::Heading { level, .. }, Some(Block::Heading { level: next, .. })) => {
                next <= level
            }
            _ => false,
        };
        out.push(block);
        if empty {
            out.push(paragraph(lang.block(why)));
        }
    }
    out
}

/// The findings of one side (and those of both regimes): every finding but the other side's.
pub(super) fn findings(src: &Source, lang: ReportLang, other: RegimeScope) -> Vec<Block> {
    src.outcome
        .findings
        .iter()
        .filter(|f| f.regime != other)
        .map(|f| common::finding_block(f, &src.law, lang))
        .collect()
}
