//! Erasure proved through direct SQL as each member: only an admin erases, through the
//! database's function; everyone else is refused by the database — the function and row by row
//! alike; an admin's erasure removes every row of the client's matter, table by table, leaves
//! the other client's alone, blanks the audit summaries about it and appends the erasure's entry
//! (who and what counts, no name), and the chains still verify.

use postgres::Client;

use super::{Counts, counts, erase_matter};
use crate::audit;
use crate::error::{Denied, Error, sql_error};
use crate::members::{self, Role};
use crate::schema::access_tests::file_matter;
use crate::testing::Team;

/// Every table a matter reaches, with the rows of client `c` in it (ids start with `c`), as the
/// superuser counts them: nothing hidden by row-level security.
const TABLES: [(&str, &str); 17] = [
    ("clients", "id LIKE $1"),
    ("data_sources", "client_id LIKE $1"),
    ("vendors", "client_id LIKE $1"),
    ("assessments", "id LIKE $1"),
    ("answers", "assessment_id LIKE $1"),
    ("evidence", "assessment_id LIKE $1"),
    ("signoffs", "assessment_id LIKE $1"),
    ("actions", "id LIKE $1"),
    ("reports", "id LIKE $1"),
    ("assessment_links", "assessment_id LIKE $1"),
    ("comments", "assessment_id LIKE $1"),
    ("assessment_editors", "assessment_id LIKE $1"),
    ("client_grants", "client_id LIKE $1"),
    ("bundle_imports", "client_id LIKE $1"),
    ("bundle_audit", "import_id LIKE $1"),
    ("cnil_records", "assessment_id LIKE $1"),
    ("audit_log", "entity_id LIKE $1 AND summary <> ''"),
];

fn rows(superuser: &mut Client, c: &str) -> Vec<(&'static str, i64)> {
    let pattern = format!("{c}%");
    TABLES
        .iter()
        .map(|(table, scope)| {
            let n: i64 = superuser
                .query_one(
                    &format!("SELECT count(*) FROM dpodesk.{table} WHERE {scope}"),
                    &[&pattern],
                )
                .expect("count")
                .get(0);
            (*table, n)
        })
        .collect()
}

/// `file_matter`'s rows, and what the vault's matter has beyond them: a comment, a sign-off by
/// an approver who did not edit it, a CNIL record, a bundle import with its entries.
fn fill(team: &Team, author: &str, approver: &str, admin: &str, c: &str) {
    let mut as_author = team.session(author);
    file_matter(&mut as_author, c);
    as_author
        .batch_execute(&format!(
            "INSERT INTO comments (id, assessment_id, question_id, body, created_at)
                 VALUES ('{c}-com', '{c}-a', 'purpose', 'Which consent?', '');
             INSERT INTO cnil_records (assessment_id, document, imported_by, imported_at)
                 VALUES ('{c}-b', '{{}}', session_user, '');
             INSERT INTO bundle_imports (id, client_id, exported_by, exported_at,
                     source_head_hash, source_count, head_hash, count, imported_by, imported_at)
                 VALUES ('{c}-imp', '{c}', 'Ann', '', 'h', 1, 'h', 1, session_user, '');
             INSERT INTO bundle_audit (import_id, position, id, at, actor, action, entity_type,
                     entity_id, summary, prev_hash, hash)
                 VALUES ('{c}-imp', 1, 'x', '', 'Ann', 'client.added', 'client', '{c}',
                         'added Client {c}', '', 'h');
             INSERT INTO audit_log (action, entity_type, entity_id, summary, client_id)
                 VALUES ('answer.saved', 'assessment', '{c}-a', 'purpose = consent', '{c}');"
        ))
        .expect("the rest of the matter");
    members::grant(&mut team.session(admin), c, approver).expect("grant");
    team.session(approver)
        .execute(
            "INSERT INTO signoffs (id, assessment_id, name, role, decision, answers_sha256,
                 signed_at) VALUES ($1 || '-s', $1 || '-a', 'Pat', 'DPO', 'approve', 'x', '')",
            &[&c],
        )
        .expect("sign-off");
}

#[test]
fn only_an_admin_erases_and_the_database_refuses_everyone_else() {
    let team = Team::initialised("era_refused");
    let ann = team.member("ann", &[Role::Author]);
    let rita = team.member("rita", &[Role::Reviewer]);
    let pat = team.member("pat", &[Role::Approver]);
    let boss = team.member("boss", &[Role::Admin]);
    fill(&team, &ann, &pat, &boss, "acme");
    members::grant(&mut team.session(&boss), "acme", &rita).expect("grant");
    let mut superuser = team.superuser();
    let before = rows(&mut superuser, "acme");
    assert!(before.iter().all(|(_, n)| *n > 0), "{before:?}");

    for member in [&ann, &rita, &pat] {
        let mut session = team.session(member);
        // Our door and psql alike: the function, its preview, and row by row.
        let refused = erase_matter(&mut session, "acme");
        assert!(
            matches!(&refused, Err(Error::NotPermitted { denied: Denied::Erase, detail })
                if detail.contains("only an admin of this team database may erase")),
            "{member}: {refused:?}"
        );
        let preview = counts(&mut session, "acme");
        assert!(
            matches!(preview, Err(Error::NotPermitted { .. })),
            "{member}: {preview:?}"
        );
        for sql in [
            "DELETE FROM clients WHERE id = $1",
            "DELETE FROM answers WHERE assessment_id = $1 || '-a'",
            "DELETE FROM assessments WHERE id = $1 || '-b'",
            "DELETE FROM reports WHERE client_id = $1",
            "DELETE FROM bundle_imports WHERE client_id = $1",
        ] {
            let refused = session.execute(sql, &[&"acme"]).map_err(sql_error);
            assert!(
                matches!(refused, Err(Error::NotPermitted { .. })),
                "{member}: {sql}: {refused:?}"
            );
        }
    }
    assert_eq!(rows(&mut superuser, "acme"), before, "nothing erased");
}

#[test]
fn an_admins_erasure_removes_every_row_of_the_matter_and_leaves_its_trace() {
    let team = Team::initialised("era_done");
    let ann = team.member("ann", &[Role::Author]);
    let pat = team.member("pat", &[Role::Approver]);
    let boss = team.member("boss", &[Role::Admin]);
    fill(&team, &ann, &pat, &boss, "acme");
    fill(&team, &ann, &pat, &boss, "bolt");
    let mut superuser = team.superuser();
    let acme = rows(&mut superuser, "acme");
    let bolt = rows(&mut superuser, "bolt");
    let expected = Counts {
        data_sources: 1,
        vendors: 1,
        assessments: 2,
        answers: 1,
        links: 1,
        signoffs: 1,
        evidence: 1,
        reports: 1,
        actions: 1,
        bundle_imports: 1,
        // client.added (file_matter's), answer.saved.
        audit_entries: 2,
        kept_until: None,
    };
    let mut as_boss = team.session(&boss);
    assert_eq!(counts(&mut as_boss, "acme").expect("preview"), expected);

    // Rolled back, nothing of it lands.
    let mut tx = as_boss.transaction().expect("begin");
    erase_matter(&mut tx, "acme").expect("erase");
    tx.rollback().expect("rollback");
    assert_eq!(rows(&mut superuser, "acme"), acme);

    let mut tx = as_boss.transaction().expect("begin");
    assert_eq!(erase_matter(&mut tx, "acme").expect("erase"), expected);
    tx.commit().expect("commit");

    // Every row of the matter went, in every table; the other client kept all of his.
    let after = rows(&mut superuser, "acme");
    let left: Vec<_> = after
        .iter()
        .filter(|(table, n)| *n != 0 && *table != "audit_log")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert_eq!(rows(&mut superuser, "bolt"), bolt);
    // The snapshot stays: bolt's assessments use it.
    let snapshots: i64 = superuser
        .query_one("SELECT count(*) FROM dpodesk.template_snapshots", &[])
        .expect("count")
        .get(0);
    assert_eq!(snapshots, 1);

    // The chain keeps every entry, the old ones blanked, and ends with the erasure's: the
    // admin's, counts only.
    let chain = superuser
        .query(
            "SELECT action, actor, summary FROM dpodesk.audit_log
             WHERE client_id = 'acme' ORDER BY position",
            &[],
        )
        .expect("chain");
    let chain: Vec<(String, String, String)> = chain
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(chain.len(), 3, "{chain:?}");
    assert_eq!((chain[0].2.as_str(), chain[1].2.as_str()), ("", ""));
    assert_eq!(
        (
            chain[2].0.as_str(),
            chain[2].1.as_str(),
            chain[2].2.as_str()
        ),
        (
            "client.erased",
            boss.as_str(),
            "erased 1 client, 1 data sources, 1 vendors, 2 assessment versions, 1 answers, \
             1 links, 1 sign-offs, 1 evidence files, 1 reports, 1 actions, 1 bundle imports; \
             2 audit entries blanked"
        )
    );
    assert!(!chain[2].2.contains("Client acme"));
    // Every chain still verifies; only admins see the erased client's.
    let walked = audit::verify(&mut as_boss).expect("verify");
    assert!(walked.iter().all(|c| c.broken.is_none()), "{walked:?}");
    assert_eq!(
        walked
            .iter()
            .map(|c| (c.client_id.as_deref(), c.entries))
            .collect::<Vec<_>>(),
        [(Some("acme"), 3), (Some("bolt"), 2)]
    );
    let anns: Vec<_> = audit::verify(&mut team.session(&ann))
        .expect("verify")
        .into_iter()
        .map(|c| c.client_id)
        .collect();
    assert_eq!(anns, [Some("bolt".to_owned())]);
    assert!(!audit::covers_all(&mut team.session(&ann)).expect("is admin"));
    assert!(audit::covers_all(&mut as_boss).expect("is admin"));
}

#[test]
fn a_matter_another_relies_on_is_not_erased() {
    let team = Team::initialised("era_relied");
    let ann = team.member("ann", &[Role::Author]);
    let pat = team.member("pat", &[Role::Approver]);
    let boss = team.member("boss", &[Role::Admin]);
    fill(&team, &ann, &pat, &boss, "acme");
    fill(&team, &ann, &pat, &boss, "bolt");
    team.session(&ann)
        .execute(
            "INSERT INTO assessment_links (assessment_id, linked_id) VALUES ('bolt-a', 'acme-b')",
            &[],
        )
        .expect("bolt's PIA relies on acme's");
    let mut superuser = team.superuser();
    let before = rows(&mut superuser, "acme");
    let mut as_boss = team.session(&boss);
    for refused in [
        counts(&mut as_boss, "acme").map(|_| ()),
        erase_matter(&mut as_boss, "acme").map(|_| ()),
    ] {
        assert!(
            matches!(&refused, Err(Error::ReliedOnElsewhere { assessment_id }) if assessment_id == "bolt-a"),
            "{refused:?}"
        );
    }
    assert_eq!(rows(&mut superuser, "acme"), before);
    let unknown = counts(&mut as_boss, "nobody");
    assert!(
        matches!(&unknown, Err(Error::UnknownClient { name }) if name == "nobody"),
        "{unknown:?}"
    );
}
