//! What a sign-off freezes: the outcome it signed (rating and its certainty, tier, PIA verdict,
//! findings), the version of the scoring engine and of the law register it was scored under, and
//! the decisive points still open (its reservations). Signed work is shown as signed; when the
//! rules of today score the same answers differently, the doors say so beside it and never
//! silently re-rate it.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::outcome::{Certainty, OpenPoint, Outcome, PiaVerdict, Rating, Tier, short_wording};
use crate::i18n::Text;
use crate::law::LawRegister;

/// The outcome a sign-off signed, as far as a reader can see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrozenOutcome {
    pub overall: Rating,
    pub eu: Option<Rating>,
    pub prc: Option<Rating>,
    pub certainty: Certainty,
    pub could_reach: Option<Rating>,
    pub tier: Option<Tier>,
    pub pia: Option<PiaVerdict>,
    /// Finding ids, most severe first.
    pub findings: Vec<String>,
}

impl FrozenOutcome {
    pub fn of(outcome: &Outcome) -> FrozenOutcome {
        FrozenOutcome {
            overall: outcome.ratings.overall,
            eu: outcome.ratings.eu,
            prc: outcome.ratings.prc,
            certainty: outcome.standing.certainty,
            could_reach: outcome.standing.could_reach,
            tier: outcome.tier,
            pia: outcome.pia.as_ref().map(|p| p.need),
            findings: outcome.findings.iter().map(|f| f.id.clone()).collect(),
        }
    }

    /// `compliant` … `prohibited`, `no_issue_found_so_far` or `undetermined`.
    pub fn rating_word(&self) -> &'static str {
        super::outcome::word(self.certainty, self.overall)
    }
}

/// The open decisive points a sign-off was given with: printed as its reservations.
pub fn reservations(outcome: &Outcome) -> Vec<OpenPoint> {
    outcome.standing.points.clone()
}

/// The law register's version: its declared version, and a short SHA-256 over every provision as
/// scoring and reports read it (key, citation, gist, verification mark), so that a register
/// changed without bumping its version is still told apart.
pub fn register_version(law: &LawRegister) -> String {
    let mut hash = Sha256::new();
    for p in law.provisions() {
        for part in [
            p.key.as_str(),
            p.article.zh.as_str(),
            p.article.en.as_str(),
            p.gist.zh.as_str(),
            p.gist.en.as_str(),
            if p.verify() { "verify" } else { "" },
        ] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
    }
    let hex: String = hash
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{}+{hex}", law.version())
}

/// How a frozen rating reads ("conditional", "undetermined", "high risk (provisional)" …).
pub fn frozen_wording(frozen: &FrozenOutcome) -> Text {
    short_wording(frozen.overall, frozen.certainty, frozen.could_reach)
}

/// Set when today's rules score the signed answers differently from what was signed: said beside
/// the signed outcome, which stays as signed.
pub fn rescored_note(frozen: &FrozenOutcome, today: &Outcome) -> Option<Text> {
    let now = FrozenOutcome::of(today);
    if &now == frozen {
        return None;
    }
    let (signed, current) = (frozen_wording(frozen), frozen_wording(&now));
    let changed = |a: &[String], b: &[String]| a.iter().filter(|x| !b.contains(x)).count();
    let (added, removed) = (
        changed(&now.findings, &frozen.findings),
        changed(&frozen.findings, &now.findings),
    );
    Some(Text::new(
        format!(
            "按现行规则重新评分结果不同：签署时为“{}”，现为“{}”（新增 {added} 项、减少 {removed} 项发现）。签署结论保持不变。",
            signed.zh, current.zh
        ),
        format!(
            "Today's rules score it differently: signed as \"{}\", now \"{}\" ({added} findings added, {removed} removed). The signed outcome stands as signed.",
            signed.en, current.en
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Ratings, Standing};
    use crate::template::Kind;

    fn outcome(overall: Rating) -> Outcome {
        Outcome {
            kind: Kind::DataSource,
            findings: Vec::new(),
            ratings: Ratings {
                eu: None,
                prc: Some(overall),
                overall,
            },
            tier: None,
            coverage: None,
            pia: None,
            risks: Vec::new(),
            unanswered_required: Vec::new(),
            required_shown: 0,
            standing: Standing::default(),
        }
    }

    #[test]
    fn a_signed_outcome_stands_and_a_different_score_today_is_said_beside_it() {
        let signed = FrozenOutcome::of(&outcome(Rating::Conditional));
        assert_eq!(rescored_note(&signed, &outcome(Rating::Conditional)), None);
        let note = rescored_note(&signed, &outcome(Rating::Prohibited)).expect("differs");
        assert!(
            note.en
                .contains("signed as \"conditional\", now \"prohibited\""),
            "{}",
            note.en
        );
        assert!(note.en.contains("stands as signed"));
        assert_eq!(frozen_wording(&signed).en, "conditional");
    }

    #[test]
    fn the_register_version_changes_with_the_register() {
        let law = LawRegister::bundled().expect("law");
        let v = register_version(&law);
        let (declared, hash) = v.split_once('+').expect("version+hash");
        assert_eq!(declared, law.version());
        assert_eq!(hash.len(), 12, "{v}");
        assert_eq!(v, register_version(&law));
    }
}
