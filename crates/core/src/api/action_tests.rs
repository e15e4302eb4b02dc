//! The action plan through the api: titles taken from a finding in both languages, one action per
//! finding unless another is asked for, every field editable, and the links back to the
//! assessment and the client.

use super::tests::{prohibited_assessment, vault};
use super::*;

fn from_finding(assessment_id: &str, finding_id: &str, another: bool) -> NewActionRequest {
    NewActionRequest {
        assessment_id: Some(assessment_id.to_owned()),
        client_id: None,
        finding_id: finding_id.to_owned(),
        title: String::new(),
        owner: "Li".into(),
        due_date: "2026-03-01".into(),
        note: String::new(),
        another,
    }
}

#[test]
fn a_blank_title_takes_the_findings_recommendation_in_both_languages() {
    let (_dir, mut vault) = vault();
    let law = LawRegister::bundled().expect("law");
    let (client, created) = prohibited_assessment(&mut vault, &law);
    let outcome = crate::assessment::stored::outcome(&vault, &created.id).expect("outcome");
    let finding = outcome.findings.first().expect("a finding");

    let action = add_action(
        &mut vault,
        "t",
        &from_finding(&created.id, &finding.id, false),
        "2026-02-01",
    )
    .expect("added");
    let words = action.title_words.as_ref().expect("bilingual");
    assert_eq!(words.zh, finding.recommendation.zh);
    assert_eq!(words.en, finding.recommendation.en);
    assert_ne!(words.zh, words.en);
    assert_eq!(action.title, finding.recommendation.en);
    assert_eq!(
        action.assessment_title.as_deref(),
        Some(created.title.as_str())
    );
    assert_eq!(action.client_name.as_deref(), Some(client.name.as_str()));

    // Listed across clients, the action still names where it comes from.
    let all = actions(&vault, None, None, "2026-02-01").expect("all");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].client_name.as_deref(), Some(client.name.as_str()));
    assert_eq!(all[0].title_words, action.title_words);
}

#[test]
fn a_finding_has_one_action_unless_another_is_asked_for() {
    let (_dir, mut vault) = vault();
    let law = LawRegister::bundled().expect("law");
    let (_client, created) = prohibited_assessment(&mut vault, &law);
    let finding = crate::assessment::stored::outcome(&vault, &created.id)
        .expect("outcome")
        .findings[0]
        .clone();
    let first = add_action(
        &mut vault,
        "t",
        &from_finding(&created.id, &finding.id, false),
        "2026-02-01",
    )
    .expect("first");

    let err = add_action(
        &mut vault,
        "t",
        &from_finding(&created.id, &finding.id, false),
        "2026-02-01",
    )
    .expect_err("a second click is refused");
    let Error::InvalidInput {
        field: "finding_id",
        reason: Invalid::FindingHasAction { title },
    } = &err
    else {
        panic!("{err:?}");
    };
    assert!(title.contains(&finding.recommendation.zh), "{title}");
    assert!(title.contains(&finding.recommendation.en), "{title}");
    assert!(err.message(Lang::En).contains("add another action"));
    assert!(err.message(Lang::Zh).contains("再添加一项措施"));

    let second = add_action(
        &mut vault,
        "t",
        &from_finding(&created.id, &finding.id, true),
        "2026-02-01",
    )
    .expect("another, on purpose");
    assert_ne!(second.id, first.id);
    assert_eq!(
        actions(&vault, None, Some(&created.id), "2026-02-01")
            .expect("list")
            .len(),
        2
    );
}

#[test]
fn every_field_of_an_action_can_be_edited_and_a_typed_title_is_kept_as_typed() {
    let (_dir, mut vault) = vault();
    let law = LawRegister::bundled().expect("law");
    let (_client, created) = prohibited_assessment(&mut vault, &law);
    let finding = crate::assessment::stored::outcome(&vault, &created.id)
        .expect("outcome")
        .findings[0]
        .clone();
    let action = add_action(
        &mut vault,
        "t",
        &from_finding(&created.id, &finding.id, false),
        "2026-02-01",
    )
    .expect("added");

    // The form sends back the words it showed: that is no edit, and the title stays bilingual.
    let same = UpdateActionRequest {
        id: action.id.clone(),
        status: None,
        title: Some(finding.recommendation.zh.clone()),
        owner: None,
        due_date: None,
        note: None,
        version: None,
    };
    let kept = update_action(&mut vault, "t", &same, "2026-02-01").expect("same");
    assert_eq!(kept.title_words, action.title_words);
    assert_eq!(kept.updated_at, action.updated_at, "nothing written");

    let edit = UpdateActionRequest {
        id: action.id.clone(),
        status: Some(ActionStatus::InProgress),
        title: Some("停止使用购买的名单".into()),
        owner: Some("王五".into()),
        due_date: Some("2026-04-30".into()),
        note: Some("与市场部确认".into()),
        version: None,
    };
    let edited = update_action(&mut vault, "t", &edit, "2026-05-01").expect("edited");
    assert_eq!(edited.title, "停止使用购买的名单");
    assert_eq!(edited.title_words, None, "a typed title is kept as typed");
    assert_eq!(edited.owner, "王五");
    assert_eq!(edited.due_date.as_deref(), Some("2026-04-30"));
    assert_eq!(edited.note, "与市场部确认");
    assert_eq!(edited.status.status, ActionStatus::InProgress);
    assert!(edited.overdue);
    assert_eq!(
        edited.assessment_title.as_deref(),
        Some(created.title.as_str())
    );

    let listed = actions(&vault, None, Some(&created.id), "2026-02-01").expect("list");
    assert_eq!(listed[0].title, "停止使用购买的名单");
    assert_eq!(listed[0].note, "与市场部确认");

    let blank = UpdateActionRequest {
        title: Some("  ".into()),
        ..edit
    };
    let err = update_action(&mut vault, "t", &blank, "2026-02-01").expect_err("blank");
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                field: "title",
                reason: Invalid::Empty
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_typed_title_without_a_finding_is_required() {
    let (_dir, mut vault) = vault();
    let law = LawRegister::bundled().expect("law");
    let (client, _created) = prohibited_assessment(&mut vault, &law);
    let request = NewActionRequest {
        client_id: Some(client.id.clone()),
        assessment_id: None,
        finding_id: String::new(),
        ..from_finding("", "", false)
    };
    let err = add_action(&mut vault, "t", &request, "2026-02-01").expect_err("no title");
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                field: "title",
                reason: Invalid::Empty
            }
        ),
        "{err:?}"
    );
}
