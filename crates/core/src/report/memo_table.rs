//! The memo's channel table: one row per channel, a column per regime in scope, each rating cell
//! carrying its channel's certainty. Split from `memo.rs`, which assembles the whole memo.

use crate::assessment::{Certainty, Outcome, Rating, RegimeFilter, short_wording};
use crate::report::common::rating_tone;
use crate::report::memo::{Channel, MemoSource};
use crate::report::model::{Cell, ReportLang, Table, Tone};
use crate::report::wording::{self as wd, W};
use crate::template::Role;

type RatingOf = fn(&Channel) -> Option<Rating>;

fn prc_rating(c: &Channel) -> Option<Rating> {
    c.outcome.ratings.prc
}

fn eu_rating(c: &Channel) -> Option<Rating> {
    c.outcome.ratings.eu
}

/// The channel table: one row per channel, with a rating column for each regime in scope.
pub(super) fn channel_table(src: &MemoSource, filter: &RegimeFilter, lang: ReportLang) -> Table {
    let mut header = vec![
        "#".to_owned(),
        lang.inline(&wd::CHANNEL),
        lang.inline(&wd::CHANNEL_TYPE),
    ];
    let mut widths = vec![0.4, 2.6, 2.2];
    let regimes: Vec<(W, RatingOf)> = [
        (filter.prc(), wd::PRC_RATING, prc_rating as RatingOf),
        (filter.eu(), wd::EU_RATING, eu_rating),
    ]
    .into_iter()
    .filter(|(applies, _, _)| *applies)
    .map(|(_, label, rating)| (label, rating))
    .collect();
    for (label, _) in &regimes {
        header.push(lang.inline(label));
        widths.push(1.5);
    }
    header.push(lang.inline(&wd::OVERALL_RATING));
    widths.push(1.5);
    let rows = src
        .channels
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut row = vec![
                Cell::plain((i + 1).to_string()),
                Cell::plain(c.name(lang)),
                Cell::plain(c.fact_of(Role::Channel, lang).unwrap_or_default()),
            ];
            row.extend(
                regimes
                    .iter()
                    .map(|(_, rating)| regime_cell(rating(c), &c.outcome, lang)),
            );
            row.push(overall_cell(&c.outcome, lang));
            row
        })
        .collect();
    Table {
        header,
        widths,
        rows,
    }
}

/// A regime's rating of a channel in a table cell: it carries the channel's certainty, so it is
/// never a bare "compliant" while decisive points are open, and grey while undetermined.
fn regime_cell(rating: Option<Rating>, outcome: &Outcome, lang: ReportLang) -> Cell {
    let certainty = outcome.standing.certainty;
    match rating {
        Some(r) => {
            let text = lang.inline(&short_wording(r, certainty, None));
            match certainty {
                Certainty::Undetermined => Cell::toned(text, Tone::Grey),
                _ => Cell::toned(text, rating_tone(r)),
            }
        }
        None => Cell::toned(lang.inline(&wd::NOT_APPLICABLE), Tone::Grey),
    }
}

/// A channel's overall rating in a table cell: grey while undetermined.
fn overall_cell(outcome: &Outcome, lang: ReportLang) -> Cell {
    let text = lang.inline(&outcome.standing.short_wording(outcome.ratings.overall));
    match outcome.standing.certainty {
        Certainty::Undetermined => Cell::toned(text, Tone::Grey),
        _ => Cell::toned(text, rating_tone(outcome.ratings.overall)),
    }
}
