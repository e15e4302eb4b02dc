//! Wire types and doors of evidence attachments: what the UI lists for each file (name, size,
//! SHA-256, who and when — never the bytes, never a path), reading a chosen file within core's size
//! cap, and attaching it. The file's bytes go from the door straight into the vault.

use std::io::Read as _;
use std::path::Path;

use super::*;
use crate::error::Entity;

/// A file attached to an evidence question, as the wizard lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EvidenceInfo {
    pub id: String,
    pub question_id: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub size: u64,
    pub sha256: String,
    pub added_by: String,
    pub added_at: String,
}

impl From<vault::EvidenceRecord> for EvidenceInfo {
    fn from(r: vault::EvidenceRecord) -> EvidenceInfo {
        EvidenceInfo {
            id: r.id,
            question_id: r.question_id,
            file_name: r.file_name,
            size: r.size,
            sha256: r.sha256,
            added_by: r.added_by,
            added_at: r.added_at,
        }
    }
}

/// The files an assessment's evidence answers list, oldest first. A re-opened version keeps the
/// ids of the files attached to the versions before it, so those are looked up along the chain.
pub fn evidence_list<R: Read>(store: &R, assessment_id: &str) -> crate::Result<Vec<EvidenceInfo>> {
    let answers = crate::assessment::stored::answers(store, assessment_id)?;
    let listed = |id: &str| {
        answers
            .values()
            .any(|a| matches!(a, assessment::Answer::List(ids) if ids.iter().any(|i| i == id)))
    };
    let mut records = store.evidence(assessment_id)?;
    let mut previous = store.assessment(assessment_id)?.previous_id;
    while let Some(id) = previous {
        records.extend(store.evidence(&id)?.into_iter().filter(|r| listed(&r.id)));
        previous = store.assessment(&id)?.previous_id;
    }
    records.sort_by(|a, b| (&a.added_at, &a.id).cmp(&(&b.added_at, &b.id)));
    Ok(records.into_iter().map(Into::into).collect())
}

/// Reads a file chosen for attaching: its name and bytes. A file over the cap is refused from its
/// size on disk before anything is read, and never more than the cap is read should it grow.
pub fn read_evidence_file(path: &Path) -> crate::Result<(String, Vec<u8>)> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let max = vault::MAX_EVIDENCE_BYTES as u64;
    let too_large = |size| Error::InvalidInput {
        field: "evidence",
        reason: Invalid::TooLarge { size, max },
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > max {
        return Err(too_large(size));
    }
    let mut content = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max + 1).read_to_end(&mut content).map_err(io)?;
    if content.len() as u64 > max {
        return Err(too_large(content.len() as u64));
    }
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Ok((name, content))
}

/// Attaches a file's bytes to an evidence question of a draft and returns the fresh view (the
/// question's answer, the progress and the attachment list all follow).
pub fn attach_evidence<S: Store>(
    store: &mut S,
    law: &LawRegister,
    actor: &str,
    assessment_id: &str,
    question_id: &str,
    file_name: &str,
    content: &[u8],
) -> crate::Result<AssessmentView> {
    store_evidence(store, actor, assessment_id, question_id, file_name, content)?;
    AssessmentView::build(store, law, assessment_id)
}

/// The rules of an attachment — within the size cap, on a draft, to an evidence question of the
/// assessment's template — then the store keeps it with its audit entry. Both doors attach
/// through here.
pub(crate) fn store_evidence<S: Store>(
    store: &mut S,
    actor: &str,
    assessment_id: &str,
    question_id: &str,
    file_name: &str,
    content: &[u8],
) -> crate::Result<vault::EvidenceRecord> {
    if content.len() > vault::MAX_EVIDENCE_BYTES {
        return Err(Error::InvalidInput {
            field: "evidence",
            reason: Invalid::TooLarge {
                size: content.len() as u64,
                max: vault::MAX_EVIDENCE_BYTES as u64,
            },
        });
    }
    if store.assessment(assessment_id)?.status != vault::Status::Draft {
        return Err(Error::InvalidInput {
            field: "status",
            reason: Invalid::NotDraft,
        });
    }
    let is_evidence = crate::assessment::stored::assessment_template(&*store, assessment_id)?
        .question(question_id)
        .is_some_and(|q| q.kind == tpl::QuestionType::Evidence);
    if !is_evidence {
        return Err(Error::NotFound {
            entity: Entity::EvidenceSlot,
            id: question_id.to_owned(),
        });
    }
    crate::assessment::stored::add_evidence(
        store,
        actor,
        assessment_id,
        question_id,
        file_name,
        content,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Attached through the API, a file is listed with its name, size, SHA-256 and time; a
    /// re-opened version still lists it, since its evidence answer still names it.
    #[test]
    fn an_attached_file_is_listed_and_carried_into_the_next_version() {
        let (dir, mut vault, law, id) = crate::api::test_support::one_assessment("pia", "PIA");

        let file = dir.path().join("数据流转图.txt");
        std::fs::write(&file, b"hello").expect("file");
        let (name, content) = read_evidence_file(&file).expect("read");
        assert_eq!(name, "数据流转图.txt");
        let view = attach_evidence(
            &mut vault,
            &law,
            "Wang",
            &id,
            "pia04_dataflow_evidence",
            &name,
            &content,
        )
        .expect("attached");
        assert_eq!(view.evidence.len(), 1);
        let listed = &view.evidence[0];
        assert_eq!(
            (
                listed.question_id.as_str(),
                listed.file_name.as_str(),
                listed.size,
                listed.added_by.as_str()
            ),
            ("pia04_dataflow_evidence", "数据流转图.txt", 5, "Wang")
        );
        assert_eq!(
            listed.sha256,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert_eq!(
            view.answers.get("pia04_dataflow_evidence"),
            Some(&AnswerValue::List(vec![listed.id.clone()]))
        );

        // Not an evidence question: refused, nothing listed.
        let refused = attach_evidence(&mut vault, &law, "t", &id, "pia01_regime", "x", b"x");
        assert!(matches!(refused, Err(Error::NotFound { .. })));

        vault.submit_assessment("t", &id).expect("submitted");
        let attestations: Vec<String> = vault::ATTESTATIONS.iter().map(|a| (*a).into()).collect();
        let input = vault::SignOffInput {
            name: "Wang",
            role: "DPO",
            decision: vault::Decision::Reject,
            comment: "",
            attestations: &attestations,
            with_reservations: true,
        };
        vault.sign_off("t", &id, &input).expect("signed off");
        let next =
            crate::api::lifecycle::reopen_assessment(&mut vault, "t", &id).expect("reopened");
        let carried = evidence_list(&vault, &next.id).expect("list");
        assert_eq!(carried, view.evidence);
    }

    /// A file over core's cap is refused from its size on disk, before it is read (a sparse
    /// file of that size costs nothing to make), with the sizes in the message.
    #[test]
    fn a_file_over_the_cap_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("huge.bin");
        let file = std::fs::File::create(&path).expect("file");
        file.set_len(vault::MAX_EVIDENCE_BYTES as u64 + 1)
            .expect("sparse length");
        let refused = read_evidence_file(&path).expect_err("too large");
        assert!(matches!(
            refused,
            Error::InvalidInput {
                field: "evidence",
                reason: Invalid::TooLarge { .. }
            }
        ));
        assert!(refused.message(Lang::En).contains("limited to 50 MB"));
        std::fs::write(&path, vec![7u8; 1024]).expect("small");
        assert_eq!(read_evidence_file(&path).expect("read").1.len(), 1024);
        assert!(matches!(
            read_evidence_file(&dir.path().join("missing")),
            Err(Error::Io { .. })
        ));
    }
}
