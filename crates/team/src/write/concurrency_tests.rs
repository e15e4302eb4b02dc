//! No lost and no silently overwritten write: 20 writers, each its own member and session,
//! save answers 100 times each against the version they read, on the same answers (one client,
//! ten writers, three answers of two assessments) and in pairs on other clients' assessments.
//! Every save either lands on the version its writer read or is refused as stale; afterwards
//! each answer's versions are exactly its landed saves, its value the last of them, its audit
//! entries exactly those saves, and every chain whole.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use postgres::Client;

use super::{AnswerSave, UnitId, save_answer};
use crate::audit;
use crate::error::Error;
use crate::members::{self, Role};
use crate::schema::access_tests::file_matter;
use crate::testing::Team;

const WRITERS: usize = 20;
const SAVES: usize = 100;
/// Every this many landed saves, a writer also tries once more with the version it had read
/// before its own save: a stale save by construction, which must be refused.
const FORCED_STALE_EVERY: usize = 10;

/// (client, assessment, question)
type Key = (String, String, String);

/// The answer writer `w` saves at its `n`th save.
fn target(w: usize, n: usize) -> Key {
    if w < 10 {
        let (assessment, question) =
            [("hot-a", "q0"), ("hot-a", "q1"), ("hot-b", "q0")][(w + n) % 3];
        ("hot".into(), assessment.into(), question.into())
    } else {
        let client = format!("c{}", (w - 10) / 2);
        (client.clone(), format!("{client}-a"), "q0".into())
    }
}

fn read_version(session: &mut Client, key: &Key) -> i64 {
    session
        .query_opt(
            "SELECT row_version FROM answers WHERE assessment_id = $1 AND question_id = $2",
            &[&key.1, &key.2],
        )
        .expect("read")
        .map_or(0, |row| row.get(0))
}

#[derive(Default)]
struct Tally {
    /// (answer, version it got, value)
    landed: Vec<(Key, i64, String)>,
    refused: usize,
    forced_refused: usize,
}

fn writer(team: &Team, member: &str, w: usize) -> Tally {
    let mut session = team.session(member);
    let mut tally = Tally::default();
    for n in 0..SAVES {
        let key = target(w, n);
        let read = read_version(&mut session, &key);
        let value = format!("\"w{w}-{n}\"");
        let save = AnswerSave {
            client_id: Some(&key.0),
            assessment_id: &key.1,
            question_id: &key.2,
            value: &value,
            note: "",
            read_version: read,
            at: "2026-12-07T00:00:00.000Z",
            summary: &value,
        };
        match save_answer(&mut session, &UnitId::new(), &save) {
            Ok(version) => {
                assert_eq!(version, read + 1, "a save lands on the version it read");
                tally.landed.push((key.clone(), version, value.clone()));
                if tally.landed.len() % FORCED_STALE_EVERY == 0 {
                    let stale = AnswerSave {
                        value: "\"stale\"",
                        summary: "stale",
                        ..save
                    };
                    match save_answer(&mut session, &UnitId::new(), &stale) {
                        Err(Error::Stale { .. }) => tally.forced_refused += 1,
                        other => panic!("a stale save was not refused: {other:?}"),
                    }
                }
            }
            Err(Error::Stale { .. }) => tally.refused += 1,
            Err(other) => panic!("writer {w} save {n}: {other:?}"),
        }
    }
    tally
}

#[test]
fn twenty_concurrent_writers_lose_nothing_and_every_stale_save_is_refused() {
    let team = Team::initialised("wr_race");
    let boss = team.member("boss", &[Role::Admin]);
    let mut as_boss = team.session(&boss);
    let clients = ["hot", "c0", "c1", "c2", "c3", "c4"];
    for client in clients {
        file_matter(&mut as_boss, client);
    }
    let writers: Vec<String> = (0..WRITERS)
        .map(|w| {
            let name = team.member(&format!("w{w:02}"), &[Role::Author]);
            members::grant(&mut team.dba(), &target(w, 0).0, &name).expect("grant");
            name
        })
        .collect();
    let entries_before: BTreeMap<Option<String>, i64> = audit::verify(&mut as_boss)
        .expect("verify")
        .into_iter()
        .map(|c| (c.client_id, c.entries))
        .collect();

    let started = Instant::now();
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = writers
            .iter()
            .enumerate()
            .map(|(w, member)| {
                let team = &team;
                scope.spawn(move || writer(team, member, w))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a writer panicked"))
            .collect()
    });
    let elapsed = started.elapsed();

    let landed: Vec<&(Key, i64, String)> = tallies.iter().flat_map(|t| &t.landed).collect();
    let refused: usize = tallies.iter().map(|t| t.refused).sum();
    let forced: usize = tallies.iter().map(|t| t.forced_refused).sum();
    assert_eq!(
        landed.len() + refused,
        WRITERS * SAVES,
        "every save accounted for"
    );
    let forced_tried: usize = tallies
        .iter()
        .map(|t| t.landed.len() / FORCED_STALE_EVERY)
        .sum();
    assert_eq!(
        forced, forced_tried,
        "every deliberately stale save refused"
    );
    eprintln!(
        "{WRITERS} writers x {SAVES} saves in {:.1} s: {} landed, {refused} refused as stale in races, {forced} deliberately stale saves refused",
        elapsed.as_secs_f64(),
        landed.len()
    );

    // Per answer: the landed saves hold versions 1..=n with no gap and no version twice (two
    // saves on one version would be a silent overwrite), and the row is the last of them.
    let mut by_answer: BTreeMap<&Key, Vec<(i64, &str)>> = BTreeMap::new();
    for (key, version, value) in &landed {
        by_answer.entry(key).or_default().push((*version, value));
    }
    for (key, saves) in &mut by_answer {
        saves.sort();
        let versions: Vec<i64> = saves.iter().map(|s| s.0).collect();
        assert_eq!(
            versions,
            (1..=saves.len() as i64).collect::<Vec<_>>(),
            "{key:?}"
        );
        let row = as_boss
            .query_one(
                "SELECT row_version, value FROM answers WHERE assessment_id = $1 AND question_id = $2",
                &[&key.1, &key.2],
            )
            .expect("row");
        assert_eq!(row.get::<_, i64>(0), saves.len() as i64, "{key:?}");
        assert_eq!(row.get::<_, String>(1), saves[saves.len() - 1].1, "{key:?}");

        // Its audit entries are exactly its landed saves: none lost, none for a refused save.
        let summaries: BTreeSet<String> = as_boss
            .query(
                "SELECT summary FROM audit_log WHERE action = 'answer.saved' AND entity_id = $1",
                &[&key.1],
            )
            .expect("entries")
            .iter()
            .map(|r| r.get(0))
            .collect();
        for (_, value) in saves.iter() {
            assert!(summaries.contains(*value), "{key:?} {value}");
        }
        assert!(!summaries.contains("stale"));
    }
    let per_assessment: BTreeMap<&str, usize> = landed.iter().fold(BTreeMap::new(), |mut m, l| {
        *m.entry(l.0.1.as_str()).or_default() += 1;
        m
    });
    for (assessment, count) in &per_assessment {
        let entries: i64 = as_boss
            .query_one(
                "SELECT count(*) FROM audit_log WHERE action = 'answer.saved' AND entity_id = $1",
                &[assessment],
            )
            .expect("count")
            .get(0);
        assert_eq!(entries, *count as i64, "{assessment}");
    }

    // Each client's chain grew by its landed saves and is unforked and unbroken.
    let per_client: BTreeMap<&str, i64> = landed.iter().fold(BTreeMap::new(), |mut m, l| {
        *m.entry(l.0.0.as_str()).or_default() += 1;
        m
    });
    for chain in audit::verify(&mut as_boss).expect("verify") {
        assert_eq!(chain.broken, None, "{chain:?}");
        let grown = chain
            .client_id
            .as_deref()
            .and_then(|c| per_client.get(c))
            .copied()
            .unwrap_or(0);
        assert_eq!(
            chain.entries,
            entries_before[&chain.client_id] + grown,
            "{chain:?}"
        );
    }
    // One unit recorded per landed save, and none for a refused one.
    let units: i64 = team
        .superuser()
        .query_one("SELECT count(*) FROM dpodesk.work_units", &[])
        .expect("units")
        .get(0);
    assert_eq!(units, landed.len() as i64);
}
