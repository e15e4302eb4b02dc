//! Assessment use cases as the CLI asks for them: by names where the app has ids (a client's
//! name, a subject's name), an answers file, a read of everything `assess show` prints. Each
//! ends in the same rules the app's calls use (`create_assessment`, `save_answers`, …).

use super::*;
use crate::assessment::{Diff, LinkedOutcome, parse_answers};

/// Read models the CLI prints as text (the app gets the wire views instead).
pub use crate::assessment::SignOff;
pub use crate::vault::AssessmentRecord;

/// The id of the data source (data-source template) or vendor (vendor template) named `name`
/// (case and outer blanks ignored) under `client_id`; `None` when there is none. A PIA takes no
/// subject and a subject needs a client: the same refusals as [`create_assessment`].
pub fn subject_named<R: Read>(
    store: &R,
    template: &Template,
    client_id: Option<&str>,
    name: &str,
) -> crate::Result<Option<String>> {
    if matches!(template.kind, tpl::Kind::Pia | tpl::Kind::Transfer) {
        return Err(Error::InvalidInput {
            field: "link",
            reason: Invalid::NotLinkable,
        });
    }
    let Some(client_id) = client_id else {
        return Err(Error::InvalidInput {
            field: "client",
            reason: Invalid::ClientMismatch,
        });
    };
    let matches = |n: &str| n.trim().eq_ignore_ascii_case(name.trim());
    Ok(match template.kind {
        tpl::Kind::DataSource => data_sources(store, Some(client_id), false)?
            .into_iter()
            .find(|s| matches(&s.name))
            .map(|s| s.id),
        _ => vendors(store, Some(client_id), None, false)?
            .into_iter()
            .find(|v| matches(&v.name))
            .map(|v| v.id),
    })
}

/// Checks an answers file (TOML, every problem with its line, all or nothing) against the
/// assessment's template snapshot and saves it; returns how many answers changed.
pub fn answer_from_file<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    file_name: &str,
    text: &str,
) -> crate::Result<usize> {
    let template = crate::assessment::stored::assessment_template(&*store, id)?;
    let answers = parse_answers(file_name, text, &template)?;
    crate::assessment::stored::save_answers(store, actor, id, &answers)
}

/// Everything a door prints about one assessment.
#[derive(Debug, Clone)]
pub struct AssessmentRead {
    pub record: AssessmentRecord,
    pub template: Template,
    pub answers: Answers,
    pub linked: Vec<LinkedOutcome>,
    pub outcome: Outcome,
    pub sign_offs: Vec<SignOff>,
    /// SHA-256 of the canonical content.
    pub fingerprint: String,
    /// The route on each side, for a transfer assessment.
    pub transfer_route: Option<TransferRouteView>,
    /// The transfer assessments it links to, as each link follows them.
    pub linked_transfers: Vec<LinkedTransferView>,
}

pub fn read_assessment<R: Read>(store: &R, id: &str) -> crate::Result<AssessmentRead> {
    let template = crate::assessment::stored::assessment_template(store, id)?;
    // An answer given before a question was split stands for it (`assess questions` says it is
    // given, and its skeleton writes it under the new question), as scoring reads it.
    let answers = crate::assessment::with_split_answers(
        &template,
        &crate::assessment::stored::answers(store, id)?,
    );
    Ok(AssessmentRead {
        transfer_route: TransferRouteView::build(&template, &answers, &LawRegister::bundled()?),
        linked_transfers: linked_transfers(store, id)?,
        record: store.assessment(id)?,
        template,
        answers,
        linked: crate::assessment::stored::linked_outcomes(store, id)?,
        outcome: crate::assessment::stored::outcome(store, id)?,
        sign_offs: crate::assessment::stored::sign_offs(store, id)?,
        fingerprint: crate::assessment::stored::fingerprint(store, id)?,
    })
}

/// draft → in review; returns the record and its outcome (open points, unanswered questions).
pub fn submit<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
) -> crate::Result<(AssessmentRecord, Outcome)> {
    let record = super::lifecycle::submit_assessment(store, actor, id)?;
    let outcome = crate::assessment::stored::outcome(&*store, id)?;
    Ok((record, outcome))
}

/// in review → approved / rejected; returns the sign-off and the record as it left it.
pub fn sign<S: Store>(
    store: &mut S,
    actor: &str,
    request: &SignOffRequest,
) -> crate::Result<(SignOff, AssessmentRecord)> {
    // The signer is the profile's person unless another is named: a sign-off never goes out
    // under a placeholder, and with neither a name nor a profile it is refused. On a team
    // database the profile is the member's own (his display name; the database records his
    // login as the signer whatever name is printed).
    let profile = vault::profile(&*store)?;
    let member = store.signer_name()?.unwrap_or_default();
    let name = match (request.name.trim(), member.trim()) {
        ("", "") => profile.name.trim(),
        ("", member) => member,
        (given, _) => given,
    };
    if name.is_empty() {
        return Err(Error::InvalidInput {
            field: "name",
            reason: Invalid::NoSigner,
        });
    }
    let role = match request.role.trim() {
        "" => profile.role.trim(),
        given => given,
    };
    let input = vault::SignOffInput {
        name,
        role,
        decision: request.decision.into(),
        comment: &request.comment,
        attestations: &request.attestations,
        with_reservations: request.with_reservations,
    };
    let signed = super::signing::sign_off_read(
        store,
        actor,
        &request.assessment_id,
        &input,
        request.version.as_deref(),
    )?;
    Ok((signed, store.assessment(&request.assessment_id)?))
}

/// Attaches a file's bytes to an evidence question of a draft.
pub fn add_evidence<S: Store>(
    store: &mut S,
    actor: &str,
    id: &str,
    question_id: &str,
    file_name: &str,
    content: &[u8],
) -> crate::Result<EvidenceInfo> {
    super::evidence::store_evidence(store, actor, id, question_id, file_name, content)
        .map(Into::into)
}

/// Links a data-source or vendor assessment into a PIA, whose scoring then takes its findings.
pub fn link_assessment<S: Store>(
    store: &mut S,
    actor: &str,
    pia_id: &str,
    linked_id: &str,
) -> crate::Result<()> {
    super::lifecycle::link_assessment(store, actor, pia_id, linked_id)
}

/// What changed between two versions, in the domain's terms (answers as stored); the app's
/// worded comparison is [`version_diff`].
pub fn answers_diff<R: Read>(store: &R, older: &str, newer: &str) -> crate::Result<Diff> {
    let before = (
        crate::assessment::stored::answers(store, older)?,
        crate::assessment::stored::outcome(store, older)?,
    );
    let after = (
        crate::assessment::stored::answers(store, newer)?,
        crate::assessment::stored::outcome(store, newer)?,
    );
    Ok(crate::assessment::diff(
        (&before.0, &before.1),
        (&after.0, &after.1),
    ))
}
