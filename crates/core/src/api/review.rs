//! Wire types: review and sign-off.

use super::*;

/// A sign-off decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
}

impl From<Decision> for vault::Decision {
    fn from(d: Decision) -> vault::Decision {
        match d {
            Decision::Approve => vault::Decision::Approve,
            Decision::Reject => vault::Decision::Reject,
        }
    }
}

impl From<vault::Decision> for Decision {
    fn from(d: vault::Decision) -> Decision {
        match d {
            vault::Decision::Approve => Decision::Approve,
            vault::Decision::Reject => Decision::Reject,
        }
    }
}

/// One of the statements an approver attests to (core's `ATTESTATIONS`), with its wording.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AttestationView {
    pub key: String,
    pub label: Bilingual,
}

/// The wording of an attestation key; the key itself when core adds one this table lacks (a
/// test keeps the two in step).
fn attestation_label(key: &str) -> Bilingual {
    let (zh, en) = match key {
        "processing_accurate" => (
            "评估所描述的处理活动准确、完整",
            "The processing is described accurately and completely",
        ),
        "risks_understood" => (
            "我已理解所识别的风险及其评级",
            "I understand the risks identified and their rating",
        ),
        "actions_endorsed" => (
            "我认可所提出的整改措施",
            "I endorse the corrective actions proposed",
        ),
        "implementation_committed" => (
            "整改措施将按计划落实",
            "The actions will be implemented as planned",
        ),
        other => (other, other),
    };
    Bilingual {
        zh: zh.to_owned(),
        en: en.to_owned(),
    }
}

/// Every attestation an approval needs, in core's order.
pub fn attestations() -> Vec<AttestationView> {
    vault::ATTESTATIONS
        .iter()
        .map(|key| AttestationView {
            key: (*key).to_owned(),
            label: attestation_label(key),
        })
        .collect()
}

/// A recorded sign-off.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SignOffView {
    pub name: String,
    pub role: String,
    pub decision: Decision,
    pub comment: String,
    pub attestations: Vec<String>,
    /// The fingerprint of the answers that were signed.
    pub answers_sha256: String,
    pub signed_at: String,
    /// The rating as signed (frozen); null for a sign-off recorded before ratings were frozen.
    pub signed_rating: Option<Bilingual>,
    pub engine_version: String,
    pub law_version: String,
    /// Decisive points open when it was signed: an approval with any is "with reservations".
    pub reservations: Vec<OpenPointView>,
    /// Set when today's rules score the same answers differently; the signed rating stands.
    pub rescored: Option<Bilingual>,
}

impl SignOffView {
    /// A recorded sign-off, beside how today's rules score the same assessment.
    pub fn new(s: SignOff, today: &Outcome) -> SignOffView {
        SignOffView {
            signed_rating: s
                .outcome
                .as_ref()
                .map(|f| (&assessment::frozen_wording(f)).into()),
            rescored: s
                .outcome
                .as_ref()
                .and_then(|f| assessment::rescored_note(f, today))
                .map(|t| (&t).into()),
            engine_version: s.engine_version,
            law_version: s.law_version,
            reservations: s
                .reservations
                .iter()
                .map(|p| OpenPointView {
                    question_id: p.question_id.clone(),
                    text: (&p.text).into(),
                    rules: p.rules.clone(),
                })
                .collect(),
            name: s.name,
            role: s.role,
            decision: s.decision.into(),
            comment: s.comment,
            attestations: s.attestations,
            answers_sha256: s.answers_sha256,
            signed_at: s.signed_at,
        }
    }
}

/// Where an assessment stands in review: its sign-offs, what an approval attests to, the
/// versions before and after it, and who signs by default (the vault's profile; on a team
/// database, the member's display name).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReviewView {
    pub sign_offs: Vec<SignOffView>,
    pub attestations: Vec<AttestationView>,
    pub previous_version_id: Option<String>,
    /// Set once this version has been re-opened: work continues there.
    pub newer_version_id: Option<String>,
    pub default_name: String,
    pub default_role: String,
}

impl ReviewView {
    pub fn build<R: Read>(
        store: &R,
        record: &vault::AssessmentRecord,
    ) -> crate::Result<ReviewView> {
        let all = store.assessments()?;
        let newer_version_id = assessment::Versions::new(
            all.iter()
                .map(|a| (a.id.as_str(), a.previous_id.as_deref())),
        )
        .newer(&record.id)
        .map(str::to_owned);
        let profile = vault::profile(store)?;
        let today = crate::assessment::stored::outcome(store, &record.id)?;
        Ok(ReviewView {
            sign_offs: crate::assessment::stored::sign_offs(store, &record.id)?
                .into_iter()
                .map(|s| SignOffView::new(s, &today))
                .collect(),
            attestations: attestations(),
            previous_version_id: record.previous_id.clone(),
            newer_version_id,
            // A team member signs as his own profile names him, not as the firm's settings do.
            default_name: store
                .signer_name()?
                .filter(|name| !name.trim().is_empty())
                .unwrap_or(profile.name),
            default_role: profile.role,
        })
    }
}

/// A sign-off to record. Core refuses an approval without all four attestations.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SignOffRequest {
    pub assessment_id: String,
    pub name: String,
    pub role: String,
    pub decision: Decision,
    pub comment: String,
    pub attestations: Vec<String>,
    /// Approve with the open decisive points as reservations (required while any is open).
    #[serde(default)]
    pub with_reservations: bool,
    /// The assessment's `updated_at` as the signer's view read it: if anyone changed it since (an
    /// answer saved, its status moved), the sign-off is refused (kind `stale`, naming who and
    /// when) and nothing is written. Absent: signed whatever changed.
    #[serde(default)]
    #[ts(optional)]
    pub version: Option<String>,
}

/// draft → in review; returns the fresh view.
pub fn submit_assessment<S: Store>(
    store: &mut S,
    law: &LawRegister,
    actor: &str,
    id: &str,
) -> crate::Result<AssessmentView> {
    super::lifecycle::submit_assessment(store, actor, id)?;
    AssessmentView::build(store, law, id)
}

/// [`submit_assessment`] from the view the door read: `version` is its `updated_at`; if anyone
/// changed the assessment since (an answer, its status), the submission is refused (kind
/// `stale`, naming who and when) and nothing is written. `None` checks nothing.
pub fn submit_assessment_read<S: Store>(
    store: &mut S,
    law: &LawRegister,
    actor: &str,
    id: &str,
    version: Option<&str>,
) -> crate::Result<AssessmentView> {
    super::lifecycle::submit_assessment_read(store, actor, id, version)?;
    AssessmentView::build(store, law, id)
}

/// in review → approved / rejected (the signer as [`sign`] takes him); returns the fresh (now
/// read-only) view.
pub fn sign_off<S: Store>(
    store: &mut S,
    law: &LawRegister,
    actor: &str,
    request: &SignOffRequest,
) -> crate::Result<AssessmentView> {
    sign(store, actor, request)?;
    AssessmentView::build(store, law, &request.assessment_id)
}

/// Re-opens a signed-off assessment as a new draft version; returns the new version.
pub fn reopen_assessment<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
) -> crate::Result<AssessmentSummary> {
    let record = super::lifecycle::reopen_assessment(store, actor, id)?;
    let outcome = crate::assessment::stored::outcome(&*store, &record.id)?;
    Ok(AssessmentSummary::new(record, &outcome))
}
