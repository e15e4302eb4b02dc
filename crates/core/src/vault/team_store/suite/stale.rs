//! No lost update, on both back-ends, through `api` as the doors call it: the assessment view
//! gives each answer's version, a save carries it back, and a save made after a colleague's is
//! refused (kind `stale`, naming him, in zh and en) with nothing written; a save at the version
//! now stored lands. A register edit likewise, from the entry's `updated_at` as read, which the
//! edit request carries.

// Test code only (the suite is `#[cfg(test)]`): layers.rs reads what follows as tests, which
// may reach `api` to drive the saves as the doors do.
#[cfg(test)]
use super::{ACTOR, Backend, client_request};
use crate::api::{AnswerValue, AssessmentView, SaveAnswerRequest, save_answer};
use crate::assessment::Answer;
use crate::assessment::stored::{answers, create_assessment};
use crate::error::{Error, ErrorKind};
use crate::i18n::Lang;
use crate::law::LawRegister;
use crate::vault::NewAssessment;

const QUESTION: &str = "pia03_assessors";

/// A client and a PIA of it; returns (client id, assessment id). The stale suites' set-up.
pub(super) fn pia(b: &mut impl Backend) -> (String, String) {
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    let new = NewAssessment {
        title: "Loyalty PIA".to_owned(),
        client_id: Some(client.id.clone()),
        ..NewAssessment::default()
    };
    let template = crate::template::bundled_for_test("pia");
    let pia = create_assessment(b.store(), ACTOR, &template, new).expect("pia");
    (client.id, pia.id)
}

/// An answer to [`QUESTION`] of assessment `id`, carrying the version read (`None`: unchecked).
pub(super) fn request(id: &str, text: &str, version: Option<String>) -> SaveAnswerRequest {
    SaveAnswerRequest {
        assessment_id: id.to_owned(),
        question_id: QUESTION.to_owned(),
        value: Some(AnswerValue::Text(text.to_owned())),
        version,
    }
}

/// The answer to [`QUESTION`] as stored.
fn stored(b: &mut impl Backend, id: &str) -> Option<Answer> {
    answers(&*b.store(), id).expect("answers").remove(QUESTION)
}

/// The refusal names the colleague, is of kind `stale` and is worded in both languages.
pub(super) fn assert_stale(refused: Error, colleague: &str) {
    assert_eq!(refused.kind(), ErrorKind::Stale, "{refused:?}");
    match &refused {
        Error::Stale(crate::error::Stale { changed_by, .. }) => {
            assert_eq!(changed_by, colleague);
        }
        other => panic!("not a stale refusal: {other:?}"),
    }
    let (en, zh) = (refused.message(Lang::En), refused.message(Lang::Zh));
    assert!(en.contains(colleague) && en.contains("reload"), "{en}");
    assert!(zh.contains(colleague) && zh.contains("重新载入"), "{zh}");
}

pub(super) fn a_save_after_a_colleagues_is_refused_and_one_at_the_current_version_lands(
    mut b: impl Backend,
) {
    let law = LawRegister::bundled().expect("law");
    let (client, id) = pia(&mut b);
    save_answer(b.store(), &law, ACTOR, &request(&id, "DPO", None)).expect("first save");

    // I open the assessment; a colleague opens it too and saves the answer first.
    let opened = AssessmentView::build(&*b.store(), &law, &id).expect("view");
    let read = opened.answer_versions.get(QUESTION).cloned();
    assert!(read.is_some(), "the view gives the answer's version");
    let (mut colleague, name) = b.colleague(&client);
    let theirs = AssessmentView::build(&colleague, &law, &id).expect("colleague's view");
    assert_eq!(theirs.answer_versions.get(QUESTION), read.as_ref());
    let saved = save_answer(
        &mut colleague,
        &law,
        &name,
        &request(&id, "DPO and legal", read.clone()),
    )
    .expect("the colleague's save at the version he read lands");
    assert_ne!(saved.answer_versions.get(QUESTION), read.as_ref());

    // My save at the version I read is refused, and his answer and the audit log stand.
    let entries = b.audit_count();
    let refused = save_answer(b.store(), &law, ACTOR, &request(&id, "mine", read))
        .expect_err("a save after the colleague's is refused");
    assert_stale(refused, &name);
    assert_eq!(
        stored(&mut b, &id),
        Some(Answer::Text("DPO and legal".to_owned()))
    );
    assert_eq!(b.audit_count(), entries, "nothing written");

    // Reloaded, my save at the version now stored lands.
    let reloaded = AssessmentView::build(&*b.store(), &law, &id).expect("reload");
    let current = reloaded.answer_versions.get(QUESTION).cloned();
    assert_eq!(current.as_ref(), saved.answer_versions.get(QUESTION));
    let view = save_answer(
        b.store(),
        &law,
        ACTOR,
        &request(&id, "mine", current.clone()),
    )
    .expect("a save at the current version lands");
    assert_eq!(stored(&mut b, &id), Some(Answer::Text("mine".to_owned())));
    assert_ne!(view.answer_versions.get(QUESTION), current.as_ref());

    // A save without a version (an answers file, an older door) is saved whatever the version.
    save_answer(b.store(), &law, ACTOR, &request(&id, "unversioned", None))
        .expect("a save without a version lands");
    assert_eq!(
        stored(&mut b, &id),
        Some(Answer::Text("unversioned".to_owned()))
    );
}

pub(super) fn a_first_answer_a_colleague_gave_meanwhile_is_not_overwritten(mut b: impl Backend) {
    let law = LawRegister::bundled().expect("law");
    let (client, id) = pia(&mut b);
    let opened = AssessmentView::build(&*b.store(), &law, &id).expect("view");
    assert_eq!(
        opened.answer_versions.get(QUESTION),
        None,
        "not answered yet"
    );

    let (mut colleague, name) = b.colleague(&client);
    let first = Some(String::new());
    save_answer(
        &mut colleague,
        &law,
        &name,
        &request(&id, "theirs", first.clone()),
    )
    .expect("the first answer lands");

    // I also saw no answer: mine, saved as the first, is refused.
    let refused = save_answer(b.store(), &law, ACTOR, &request(&id, "mine", first))
        .expect_err("the question was answered meanwhile");
    assert_stale(refused, &name);
    assert_eq!(stored(&mut b, &id), Some(Answer::Text("theirs".to_owned())));
}

pub(super) fn a_register_edit_after_a_colleagues_is_refused_and_one_from_a_fresh_read_lands(
    mut b: impl Backend,
) {
    use crate::api::{UpdateClientRequest, update_client};
    use crate::vault::store::Read;
    let client = crate::vault::clients::add_client(b.store(), ACTOR, &client_request("Acme"))
        .expect("client");
    // Every field is sent, as the app's form sends them, with the version it loaded.
    let edit = |name: &str, matter: &str, version: Option<&str>| UpdateClientRequest {
        id: client.id.clone(),
        name: name.to_owned(),
        matter: matter.to_owned(),
        contact: client.contact.clone(),
        notes: client.notes.clone(),
        version: version.map(str::to_owned),
    };
    let read = client.updated_at.clone();
    let (mut colleague, name) = b.colleague(&client.id);
    let theirs = edit("Acme Holdings", &client.matter, Some(&read));
    let edited = update_client(&mut colleague, &name, &theirs)
        .expect("the colleague's edit from the entry he read lands");

    let entries = b.audit_count();
    let mine = edit(&client.name, "Membership", Some(&read));
    let refused = update_client(b.store(), ACTOR, &mine)
        .expect_err("an edit from the entry as it was before is refused");
    assert_stale(refused, &name);
    let stored = b.store().client(&client.id).expect("client");
    assert_eq!(
        (stored.name.as_str(), stored.matter.as_str()),
        ("Acme Holdings", "Loyalty programme"),
        "the colleague's edit stands, mine is not written"
    );
    assert_eq!(b.audit_count(), entries, "nothing written");

    let fresh = b.store().client(&client.id).expect("reload");
    assert_eq!(fresh.updated_at, edited.updated_at);
    let landed = update_client(
        b.store(),
        ACTOR,
        &edit(&fresh.name, "Membership", Some(&fresh.updated_at)),
    )
    .expect("an edit from a fresh read lands");
    assert_eq!(
        (landed.name.as_str(), landed.matter.as_str()),
        ("Acme Holdings", "Membership")
    );
    // An older door sends no version: saved whatever was stored.
    let unversioned = update_client(b.store(), ACTOR, &edit("Acme", "Membership", None))
        .expect("an edit without a version lands");
    assert_eq!(unversioned.name, "Acme");
}
