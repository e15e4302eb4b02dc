//! The sign-off block every assessment report ends with: who decided what, the rating that
//! decision froze, the versions it was scored under and its reservations.

use crate::assessment::SignOff;
use crate::assessment::{Outcome, frozen_wording, rescored_note};
use crate::report::model::{Block, ReportLang, SignOffBlock};
use crate::report::wording as wd;
use crate::vault::Decision;

/// The sign-offs, each with the rating it froze, the versions it was scored under, its
/// reservations, and a note when today's rules score the same answers differently.
pub fn sign_off_block(sign_offs: &[SignOff], today: &Outcome, lang: ReportLang) -> Block {
    let entries = sign_offs
        .iter()
        .map(|s| {
            let decision = match s.decision {
                Decision::Approve => wd::APPROVE,
                Decision::Reject => wd::REJECT,
            };
            let mut rows = vec![
                (lang.inline(&wd::SIGNED_BY), s.name.clone()),
                (lang.inline(&wd::ROLE), s.role.clone()),
                (lang.inline(&wd::DECISION), lang.inline(&decision)),
                (lang.inline(&wd::SIGNED_AT), s.signed_at.clone()),
            ];
            if !s.comment.is_empty() {
                rows.push((lang.inline(&wd::COMMENT), s.comment.clone()));
            }
            if let Some(frozen) = &s.outcome {
                rows.push((
                    lang.inline(&wd::SIGNED_RATING),
                    lang.inline(&frozen_wording(frozen)),
                ));
                rows.push((
                    lang.inline(&wd::SCORED_UNDER),
                    lang.fill(
                        &wd::SCORED_UNDER_TEXT,
                        &[("engine", &s.engine_version), ("law", &s.law_version)],
                    ),
                ));
                if let Some(note) = rescored_note(frozen, today) {
                    rows.push((lang.inline(&wd::RESCORED), lang.block(&note)));
                }
            }
            if !s.reservations.is_empty() {
                let list: Vec<String> = s
                    .reservations
                    .iter()
                    .enumerate()
                    .map(|(i, p)| format!("{}. {}", i + 1, lang.block(&p.text)))
                    .collect();
                rows.push((lang.inline(&wd::RESERVATIONS), list.join("\n")));
            }
            rows.push((
                lang.inline(&wd::SIGNED_FINGERPRINT),
                s.answers_sha256.clone(),
            ));
            rows
        })
        .collect::<Vec<_>>();
    Block::SignOff(SignOffBlock {
        empty_note: entries.is_empty().then(|| lang.block(&wd::NOT_SIGNED)),
        entries,
        signature_labels: vec![lang.inline(&wd::SIGNATURE), lang.inline(&wd::DATE)],
    })
}
