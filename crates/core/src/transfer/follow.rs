//! Which version of a linked transfer assessment a link shows: the latest approved (signed)
//! version of its chain, else the chain's current version. Pure over the stored records.

use crate::vault::{AssessmentRecord, Status};

/// The version a link to `linked_id` follows, and whether it is a signed one.
pub fn follow<'a>(
    all: &'a [AssessmentRecord],
    linked_id: &str,
) -> Option<(&'a AssessmentRecord, bool)> {
    let find = |id: &str| all.iter().find(|a| a.id == id);
    // Back to the first version, then forward through every version re-opened from it.
    let mut first = find(linked_id)?;
    while let Some(previous) = first.previous_id.as_deref().and_then(find) {
        first = previous;
    }
    let mut chain = vec![first];
    while let Some(next) = all
        .iter()
        .find(|a| a.previous_id.as_deref() == Some(chain[chain.len() - 1].id.as_str()))
    {
        chain.push(next);
    }
    match chain.iter().rev().find(|a| a.status == Status::Approved) {
        Some(signed) => Some((signed, true)),
        None => chain.last().map(|current| (*current, false)),
    }
}
