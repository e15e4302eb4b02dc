//! What only the team back-end has, through core's store: a stale save refused and worded in
//! both languages naming who changed what, the sign-off rule the database enforces, and each
//! member seeing and changing only what his grants and role allow; and what team mode does not
//! offer yet refused by name (`not_yet_tests`).

use dpodesk_team::members::{self, Role};
use dpodesk_team::store::{self as pg, Read};
use dpodesk_team::testing::Team;

use super::TeamStore;
use crate::error::{Entity, Error, ErrorKind};
use crate::i18n::Lang;
use crate::kind::Kind;
use crate::vault::register::archive;
use crate::vault::store::{Read as _, Store, Work};
use crate::vault::{
    AuditEvent, Client, Decision, NewAssessment, NewAssessmentRow, NewClient, NewDataSource,
    SignOffRow, Snapshot, Status,
};

const AT: &str = "2026-12-07T10:00:00.000Z";

fn store_of(team: &Team, member: &str) -> TeamStore {
    TeamStore::open(team.session(member)).expect("open the team store")
}

fn add_client(store: &mut TeamStore) -> String {
    let new = NewClient {
        name: "Acme".to_owned(),
        ..NewClient::default()
    };
    crate::vault::clients::add_client(store, "display name", &new)
        .expect("client")
        .id
}

/// An assessment of `client` with one answer, by the store's member.
fn add_assessment(store: &mut TeamStore, client: &str) -> String {
    let snapshot = Snapshot::from_canonical("t", "1", b"{}");
    let new = NewAssessment {
        title: "PIA".to_owned(),
        client_id: Some(client.to_owned()),
        ..NewAssessment::default()
    };
    let id = crate::id::new_id();
    let mut work = store.begin().expect("begin");
    work.insert_assessment(&NewAssessmentRow {
        id: &id,
        kind: Kind::Pia,
        snapshot: &snapshot,
        new: &new,
        created_by: "display name",
        at: AT,
    })
    .expect("assessment");
    work.put_answer(&id, "purpose", r#""loyalty""#, "display name", AT)
        .expect("answer");
    work.commit().expect("commit");
    id
}

fn sign_off(store: &mut TeamStore, assessment: &str) -> crate::Result<()> {
    let mut work = store.begin()?;
    work.insert_sign_off(&SignOffRow {
        id: crate::id::new_id(),
        assessment_id: assessment.to_owned(),
        name: "Display Name".to_owned(),
        role: "DPO".to_owned(),
        decision: Decision::Approve,
        comment: String::new(),
        attestations: Vec::new(),
        answers_sha256: "0".repeat(64),
        signed_at: AT.to_owned(),
        outcome: "null".to_owned(),
        engine_version: "1".to_owned(),
        law_version: "1".to_owned(),
        reservations: "[]".to_owned(),
    })?;
    work.append_audit(
        AuditEvent {
            actor: "Display Name",
            action: "assessment.signed_off",
            entity_type: "assessment",
            entity_id: assessment,
            summary: "approve",
        },
        AT,
    )?;
    work.commit()
}

#[test]
fn a_stale_save_is_refused_naming_who_changed_what_in_both_languages() {
    let team = Team::initialised("store_stale");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author]);
    let mut ann_store = store_of(&team, &ann);
    let client = add_client(&mut ann_store);
    members::grant(&mut team.dba(), &client, &bob).expect("grant");
    let assessment = add_assessment(&mut ann_store, &client);

    // Ann opened the assessment at version 1; Bob sends it to review first.
    let mut bob_store = store_of(&team, &bob);
    let mut work = bob_store.begin().expect("begin");
    work.set_status(&assessment, Status::InReview, AT)
        .expect("bob's save");
    work.commit().expect("commit");

    let mut session = team.session(&ann);
    let mut tx = session.transaction().expect("tx");
    let stale = pg::set_status(&mut tx, &assessment, "draft", AT, Read::Version(1))
        .map_err(Error::from)
        .expect_err("ann's save on version 1 is stale");
    drop(tx);
    assert_eq!(stale.kind(), ErrorKind::Stale, "{stale:?}");
    let en = stale.message(Lang::En);
    let zh = stale.message(Lang::Zh);
    assert!(
        en.starts_with(&format!("this assessment was changed by {bob} at ")),
        "{en}"
    );
    assert!(en.contains("reload it"), "{en}");
    assert!(
        zh.starts_with(&format!("此评估在您打开后已由 {bob} 于")),
        "{zh}"
    );
    // Nothing of Ann's landed: the status is Bob's.
    let status: String = team
        .session(&ann)
        .query_one(
            "SELECT status FROM assessments WHERE id = $1",
            &[&assessment],
        )
        .expect("status")
        .get(0);
    assert_eq!(status, "in_review");
}

#[test]
fn an_approver_may_not_sign_off_what_he_edited() {
    let team = Team::initialised("store_own_work");
    let dan = team.member("dan", &[Role::Author, Role::Approver]);
    let carl = team.member("carl", &[Role::Approver]);
    let mut dan_store = store_of(&team, &dan);
    let client = add_client(&mut dan_store);
    members::grant(&mut team.dba(), &client, &carl).expect("grant");
    let assessment = add_assessment(&mut dan_store, &client);

    let refused = sign_off(&mut dan_store, &assessment).expect_err("own work");
    assert_eq!(refused.kind(), ErrorKind::OwnWork, "{refused:?}");
    assert_eq!(
        refused.message(Lang::En),
        format!("you edited the assessment {assessment}, so another approver must sign it off")
    );
    assert_eq!(
        refused.message(Lang::Zh),
        format!("您编辑过评估 {assessment}，须由另一位审批人签署")
    );

    sign_off(&mut store_of(&team, &carl), &assessment).expect("carl signs");
    let rows = team
        .session(&dan)
        .query(
            "SELECT signer, name FROM signoffs WHERE assessment_id = $1",
            &[&assessment],
        )
        .expect("signoffs");
    let rows: Vec<(String, String)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(rows, [(carl.clone(), "Display Name".to_owned())]);

    // Read back through the store, as the vault reads it (a PIA: its approval dates it).
    let signed = dan_store.sign_off_rows(&assessment).expect("sign-offs");
    assert_eq!(
        signed
            .iter()
            .map(|s| (s.name.as_str(), s.decision, s.signed_at.as_str()))
            .collect::<Vec<_>>(),
        [("Display Name", Decision::Approve, AT)]
    );
    assert_eq!(
        dan_store.pia_approved_on(&assessment).expect("approved on"),
        Some(AT.to_owned())
    );
    let actors = team
        .session(&dan)
        .query(
            "SELECT actor, action FROM audit_log WHERE client_id = $1 ORDER BY position",
            &[&client],
        )
        .expect("audit");
    let actors: Vec<(String, String)> = actors.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(
        actors,
        [
            (dan.clone(), "client.added".to_owned()),
            (carl.clone(), "assessment.signed_off".to_owned())
        ]
    );
}

#[test]
fn a_member_sees_and_changes_only_what_his_grants_and_role_allow() {
    let team = Team::initialised("store_access");
    let ann = team.member("ann", &[Role::Author]);
    let eve = team.member("eve", &[Role::Author]);
    let rita = team.member("rita", &[Role::Reviewer]);
    let mut ann_store = store_of(&team, &ann);
    let client = add_client(&mut ann_store);
    let assessment = add_assessment(&mut ann_store, &client);

    // Not granted: the client is not there for Eve, whatever she tries.
    let mut eve_store = store_of(&team, &eve);
    let not_found = |result: crate::Result<()>| match result {
        Err(Error::NotFound {
            entity: Entity::Client,
            id,
        }) => assert_eq!(id, client),
        other => panic!("expected NotFound, got {other:?}"),
    };
    not_found(eve_store.client(&client).map(drop));
    not_found(
        crate::vault::data_sources::add_data_source(
            &mut eve_store,
            "Eve",
            &NewDataSource {
                client_id: client.clone(),
                name: "Shop".to_owned(),
                channel: "WEB".to_owned(),
                ..NewDataSource::default()
            },
        )
        .map(drop),
    );
    not_found(archive::<Client, _>(&mut eve_store, "Eve", &client, true));
    assert_eq!(eve_store.clients(true).expect("eve's list"), []);
    assert_eq!(
        ann_store
            .clients(true)
            .expect("ann's list")
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        [client.as_str()]
    );

    // A reviewer granted the client reads it and sends work back, but writes no register entry
    // and no answer.
    members::grant(&mut team.dba(), &client, &rita).expect("grant");
    let mut rita_store = store_of(&team, &rita);
    assert_eq!(rita_store.client(&client).expect("granted").id, client);
    let refused = crate::vault::clients::add_client(
        &mut rita_store,
        "Rita",
        &NewClient {
            name: "Other".to_owned(),
            ..NewClient::default()
        },
    )
    .expect_err("a reviewer adds no client");
    assert_eq!(refused.kind(), ErrorKind::NotPermitted, "{refused:?}");
    assert!(
        refused
            .message(Lang::Zh)
            .starts_with("您在团队数据库中的角色不能修改评估、登记或整改措施"),
        "{}",
        refused.message(Lang::Zh)
    );
    let mut work = rita_store.begin().expect("begin");
    let refused = work
        .put_answer(&assessment, "purpose", r#""other""#, "Rita", AT)
        .expect_err("a reviewer writes no answer");
    assert_eq!(refused.kind(), ErrorKind::NotPermitted, "{refused:?}");
    drop(work);
    let mut work = rita_store.begin().expect("begin");
    work.set_status(&assessment, Status::Rejected, AT)
        .expect("a reviewer sends work back");
    work.append_audit(
        AuditEvent {
            actor: "Rita",
            action: "assessment.sent_back",
            entity_type: "assessment",
            entity_id: &assessment,
            summary: "sent back",
        },
        AT,
    )
    .expect("audit");
    work.commit().expect("commit");
    let status: String = team
        .session(&ann)
        .query_one(
            "SELECT status FROM assessments WHERE id = $1",
            &[&assessment],
        )
        .expect("status")
        .get(0);
    assert_eq!(status, "rejected");
}

#[test]
fn settings_are_an_admins_to_change() {
    let team = Team::initialised("store_settings");
    let ann = team.member("ann", &[Role::Author]);
    let ada = team.member("ada", &[Role::Admin]);
    let work_of = |member: &str| -> crate::Result<()> {
        let mut store = store_of(&team, member);
        let mut work = store.begin()?;
        work.put_setting("profile_name", member)?;
        work.put_setting("profile_name", member)?;
        work.commit()
    };
    let refused = work_of(&ann).expect_err("an author changes no setting");
    assert_eq!(refused.kind(), ErrorKind::NotPermitted, "{refused:?}");
    work_of(&ada).expect("an admin does");
    let value: String = team
        .session(&ann)
        .query_one("SELECT value FROM settings WHERE key = 'profile_name'", &[])
        .expect("setting")
        .get(0);
    assert_eq!(value, ada);

    // Read through the store by anyone; removed by an admin only, and removing twice is once.
    let setting = |member: &str| store_of(&team, member).setting("profile_name");
    assert_eq!(setting(&ann).expect("ann reads it"), Some(ada.clone()));
    let delete_of = |member: &str| -> crate::Result<()> {
        let mut store = store_of(&team, member);
        let mut work = store.begin()?;
        work.delete_setting("profile_name")?;
        work.commit()
    };
    let refused = delete_of(&ann).expect_err("an author removes no setting");
    assert_eq!(refused.kind(), ErrorKind::NotPermitted, "{refused:?}");
    assert_eq!(setting(&ann).expect("kept"), Some(ada.clone()));
    delete_of(&ada).expect("an admin removes it");
    delete_of(&ada).expect("removing what is not set is no change");
    assert_eq!(setting(&ann).expect("gone"), None);
}

/// Today's `Work` carries no version from the door, so the unit reads it just before its update
/// (`Read::InUnit`): a colleague's change that lands while the unit runs is still refused.
#[test]
fn a_change_landing_while_a_unit_runs_makes_its_save_stale() {
    let team = Team::initialised("store_race");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author]);
    let mut ann_store = store_of(&team, &ann);
    let client = add_client(&mut ann_store);
    members::grant(&mut team.dba(), &client, &bob).expect("grant");
    let assessment = add_assessment(&mut ann_store, &client);

    // Ann's unit changes the assessment and holds it, uncommitted.
    let mut ann_work = ann_store.begin().expect("begin");
    ann_work
        .touch_assessment(&assessment, "2026-12-07T11:00:00.000Z")
        .expect("ann's change");

    // Bob's unit reads the committed version, then its update waits for Ann's.
    let bob_session = team.session(&bob);
    let id = assessment.clone();
    let bob_save = std::thread::spawn(move || -> crate::Result<()> {
        let mut store = TeamStore::open(bob_session)?;
        let mut work = store.begin()?;
        work.set_status(&id, Status::InReview, AT)?;
        work.commit()
    });
    let mut watcher = team.superuser();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let waiting: i64 = watcher
            .query_one(
                "SELECT count(*) FROM pg_stat_activity
                 WHERE usename = $1 AND wait_event_type = 'Lock'",
                &[&bob],
            )
            .expect("pg_stat_activity")
            .get(0);
        if waiting == 1 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "bob's update never waited for ann's row"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    ann_work.commit().expect("ann commits");

    let refused = bob_save
        .join()
        .expect("bob's thread")
        .expect_err("bob's save is stale");
    assert_eq!(refused.kind(), ErrorKind::Stale, "{refused:?}");
    assert!(
        refused
            .message(Lang::En)
            .starts_with(&format!("this assessment was changed by {ann} at ")),
        "{}",
        refused.message(Lang::En)
    );
    let row: (String, String) = team
        .session(&ann)
        .query_one(
            "SELECT status, updated_at FROM assessments WHERE id = $1",
            &[&assessment],
        )
        .map(|row| (row.get(0), row.get(1)))
        .expect("row");
    assert_eq!(
        row,
        ("draft".to_owned(), "2026-12-07T11:00:00.000Z".to_owned())
    );
}

#[test]
fn findings_written_for_search_are_replaced_whole_and_seen_only_where_the_assessment_is() {
    use crate::i18n::Text;
    use crate::vault::search::FindingDoc;
    let team = Team::initialised("store_findings");
    let ann = team.member("ann", &[Role::Author]);
    let eve = team.member("eve", &[Role::Author]);
    let mut ann_store = store_of(&team, &ann);
    let client = add_client(&mut ann_store);
    let assessment = add_assessment(&mut ann_store, &client);
    let doc = |id: &str, en: &str| FindingDoc {
        finding_id: id.to_owned(),
        title: Text::new(format!("{en}（中文）"), en.to_owned()),
        explanation: Text::new("说明".to_owned(), "why".to_owned()),
        recommendation: Text::new("建议".to_owned(), "what to do".to_owned()),
    };
    for docs in [
        vec![doc("F1", "No consent"), doc("F2", "No opt-out")],
        vec![doc("F2", "No opt-out")],
    ] {
        let mut work = ann_store.begin().expect("begin");
        work.put_search_findings(&assessment, &docs)
            .expect("findings");
        work.commit().expect("commit");
    }
    let titles = |member: &str| -> Vec<String> {
        team.session(member)
            .query(
                "SELECT title_en FROM dpodesk.finding_docs WHERE assessment_id = $1",
                &[&assessment],
            )
            .expect("read")
            .iter()
            .map(|row| row.get(0))
            .collect()
    };
    assert_eq!(titles(&ann), ["No opt-out"]);
    assert!(
        titles(&eve).is_empty(),
        "not granted: nothing of the client"
    );
}
