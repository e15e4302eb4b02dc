//! A COMMIT whose reply never reaches the client, for real: the member's session goes through a
//! small proxy on a Unix socket that, on seeing the client's COMMIT, cuts the client off and
//! either forwards the COMMIT to the server (which commits) or drops it (the server then sees
//! the connection end inside the transaction and rolls back). Either way the client only knows
//! that the connection failed at COMMIT; `landed` on a new session settles it, and the unit
//! lands exactly once.

use std::io::{Read, Write};
use std::net::Shutdown;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::thread::JoinHandle;

use postgres::Client;
use zeroize::Zeroizing;

use super::{AnswerSave, UnitId, landed, save_answer};
use crate::error::Error;
use crate::members::Role;
use crate::schema::access_tests::file_matter;
use crate::testing::{PASSWORD, Team};
use crate::{Env, connect};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtCommit {
    /// The server gets the COMMIT; the client gets no reply.
    Forward,
    /// Neither gets anything more.
    Drop,
}

/// Serves one connection: passes every message on until the client's COMMIT.
fn proxy(listener: UnixListener, upstream: &Path, at_commit: AtCommit) -> JoinHandle<()> {
    let upstream = upstream.to_owned();
    std::thread::spawn(move || {
        let (client, _) = listener.accept().expect("accept");
        let server = UnixStream::connect(&upstream).expect("the cluster's socket");
        let mut replies_from = server.try_clone().expect("clone");
        let mut replies_to = client.try_clone().expect("clone");
        let replies = std::thread::spawn(move || {
            // Ends when either side is shut down.
            let _ = std::io::copy(&mut replies_from, &mut replies_to);
        });
        let (mut from, mut to) = (&client, &server);
        // Untyped messages first: an optional SSL/GSS request, then the startup message.
        loop {
            let mut head = [0u8; 8];
            from.read_exact(&mut head).expect("startup");
            let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
            let mut rest = vec![0u8; len - 8];
            from.read_exact(&mut rest).expect("startup");
            to.write_all(&head)
                .and_then(|()| to.write_all(&rest))
                .expect("forward");
            let code = u32::from_be_bytes([head[4], head[5], head[6], head[7]]);
            if code != 80_877_103 && code != 80_877_104 {
                break;
            }
        }
        loop {
            let mut head = [0u8; 5];
            if from.read_exact(&mut head).is_err() {
                break;
            }
            let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
            let mut body = vec![0u8; len - 4];
            from.read_exact(&mut body).expect("message");
            let commit = head[0] == b'Q' && body.to_ascii_uppercase().starts_with(b"COMMIT");
            if commit {
                // The client first, so that no reply can reach it.
                client.shutdown(Shutdown::Both).expect("cut the client off");
                if at_commit == AtCommit::Forward {
                    to.write_all(&head)
                        .and_then(|()| to.write_all(&body))
                        .expect("forward");
                }
                server.shutdown(Shutdown::Write).expect("end the session");
                break;
            }
            to.write_all(&head)
                .and_then(|()| to.write_all(&body))
                .expect("forward");
        }
        let _ = replies.join();
    })
}

struct Cut {
    team: Team,
    ann: String,
    _dir: tempfile::TempDir,
    proxy: JoinHandle<()>,
    through_proxy: Client,
}

fn cut_at_commit(dbname: &str, at_commit: AtCommit) -> Cut {
    let team = Team::initialised(dbname);
    let ann = team.member("ann", &[Role::Author]);
    file_matter(&mut team.session(&ann), "acme");
    let dir = tempfile::tempdir().expect("dir");
    let port = team.cluster.port();
    let listener = UnixListener::bind(dir.path().join(format!(".s.PGSQL.{port}"))).expect("listen");
    let upstream = team.cluster.socket_dir().join(format!(".s.PGSQL.{port}"));
    let proxy = proxy(listener, &upstream, at_commit);
    let env = Env {
        password: Some(Zeroizing::new(PASSWORD.to_owned())),
        ..Env::default()
    };
    let through_proxy = connect(
        &format!(
            "host={} port={port} user={ann} dbname={dbname}",
            dir.path().display()
        ),
        &env,
        &mut |_| None,
    )
    .expect("through the proxy");
    Cut {
        team,
        ann,
        _dir: dir,
        proxy,
        through_proxy,
    }
}

fn save<'a>(value: &'a str) -> AnswerSave<'a> {
    AnswerSave {
        client_id: Some("acme"),
        assessment_id: "acme-a",
        question_id: "q0",
        value,
        note: "",
        read_version: 0,
        at: "2026-12-07T00:00:00.000Z",
        summary: value,
    }
}

/// How many times the change, its audit entry and its unit are in the database.
fn times_landed(session: &mut Client, value: &str, unit: &UnitId) -> (i64, i64, i64) {
    let count = |session: &mut Client, sql: &str, param: &str| -> i64 {
        session.query_one(sql, &[&param]).expect("count").get(0)
    };
    (
        count(
            session,
            "SELECT count(*) FROM answers WHERE question_id = 'q0' AND value = $1",
            value,
        ),
        count(
            session,
            "SELECT count(*) FROM audit_log WHERE action = 'answer.saved' AND summary = $1",
            value,
        ),
        count(
            session,
            "SELECT count(*) FROM work_units WHERE id = $1",
            unit.as_str(),
        ),
    )
}

#[test]
fn a_commit_that_landed_without_a_reply_is_found_and_never_applied_twice() {
    let mut cut = cut_at_commit("wr_commit_landed", AtCommit::Forward);
    let unit = UnitId::new();
    let lost = save_answer(&mut cut.through_proxy, &unit, &save("\"once\""));
    assert!(
        matches!(&lost, Err(Error::CommitUnknown { unit: u }) if u == unit.as_str()),
        "{lost:?}"
    );
    cut.proxy.join().expect("proxy");

    let mut again = cut.team.session(&cut.ann);
    assert!(
        landed(&mut again, &unit).expect("ask"),
        "the COMMIT reached the server"
    );
    // A caller that retries anyway is refused: nothing lands twice.
    let retried = save_answer(&mut again, &unit, &save("\"once\""));
    assert!(
        matches!(&retried, Err(Error::UnitLanded { unit: u }) if u == unit.as_str()),
        "{retried:?}"
    );
    assert_eq!(times_landed(&mut again, "\"once\"", &unit), (1, 1, 1));
    let version: i64 = again
        .query_one(
            "SELECT row_version FROM answers WHERE question_id = 'q0'",
            &[],
        )
        .expect("read")
        .get(0);
    assert_eq!(version, 1, "saved once");
}

#[test]
fn a_commit_that_never_reached_the_server_is_found_missing_and_retried_once() {
    let mut cut = cut_at_commit("wr_commit_lost", AtCommit::Drop);
    let unit = UnitId::new();
    let lost = save_answer(&mut cut.through_proxy, &unit, &save("\"retried\""));
    assert!(
        matches!(&lost, Err(Error::CommitUnknown { unit: u }) if u == unit.as_str()),
        "{lost:?}"
    );
    cut.proxy.join().expect("proxy");

    let mut again = cut.team.session(&cut.ann);
    // The old session may still be open on the server: `landed` waits for its end.
    assert!(!landed(&mut again, &unit).expect("ask"), "nothing landed");
    assert_eq!(times_landed(&mut again, "\"retried\"", &unit), (0, 0, 0));
    assert_eq!(
        save_answer(&mut again, &unit, &save("\"retried\"")).expect("the retry"),
        1
    );
    assert!(landed(&mut again, &unit).expect("ask"));
    assert_eq!(times_landed(&mut again, "\"retried\"", &unit), (1, 1, 1));
}
