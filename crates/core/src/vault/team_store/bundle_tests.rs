//! Bundles between a vault and the team database, against the private cluster: a vault's matter
//! imports and reads back the same through `api` (answers, outcome, sign-offs, the canonical
//! fingerprint), the bundle's audit entries keep their actors after an import entry whose actor
//! is the member, a member not granted the client sees none of it, a bundle that fails half-way
//! leaves nothing, a client changed since is refused in both languages, and the matter goes back
//! from the team database into a vault the same.

// Test code only (the module is `#[cfg(test)]`): marked so, layers.rs reads what follows as
// tests, which may drive `api` and `bundle` as the doors do.
#[cfg(test)]
use std::path::{Path, PathBuf};

use dpodesk_team::members::{self, Role};
use dpodesk_team::testing::Team;

use super::TeamStore;
use crate::api::read_assessment;
use crate::bundle::{self, KdfParams};
use crate::error::{Error, ErrorKind};
use crate::i18n::Lang;
use crate::vault::store::Read;
use crate::vault::{Passphrase, Vault};

const CHEAP: KdfParams = KdfParams {
    m_cost_kib: 64,
    t_cost: 1,
    p_cost: 1,
};

fn passphrase() -> Passphrase {
    Passphrase::new("seven quiet otters audit the lighthouse".to_owned())
}

/// The demo's client in a fresh vault, with a comment and an evidence file on a draft; returns
/// the vault, its client's id and the matter's assessment ids.
fn demo_vault(dir: &Path) -> (Vault, String, Vec<String>) {
    let mut vault =
        Vault::create(&dir.join("v.dpvault"), &passphrase(), "Lin").expect("create the vault");
    let ids = crate::demo::populate(&mut vault).expect("populate");
    crate::api::add_comment(
        &mut vault,
        "Rita Reviewer",
        &ids[0],
        "ds01_dataflow_evidence",
        "Attach the data-flow diagram.",
    )
    .expect("comment");
    crate::api::add_evidence(
        &mut vault,
        "Lin",
        &ids[0],
        "ds01_dataflow_evidence",
        "flow.txt",
        b"orders -> WeCom -> CRM",
    )
    .expect("evidence");
    let client = Read::clients(&vault, false).expect("clients")[0].id.clone();
    (vault, client, ids)
}

fn export(store: &mut impl crate::vault::store::Store, client: &str, out: &Path) -> PathBuf {
    bundle::export(store, "Exporter", client, out, &passphrase(), CHEAP).expect("export");
    out.to_path_buf()
}

fn store_of(team: &Team, member: &str) -> TeamStore {
    TeamStore::open(team.session(member)).expect("open the team store")
}

/// Each assessment reads the same in both stores: answers, outcome, sign-offs, fingerprint.
fn assert_same_matter(left: &impl Read, right: &impl Read, ids: &[String]) {
    for id in ids {
        let (a, b) = (
            read_assessment(left, id).expect("left"),
            read_assessment(right, id).expect("right"),
        );
        assert_eq!(a.fingerprint, b.fingerprint, "{id}");
        assert_eq!(a.answers, b.answers, "{id}");
        assert_eq!(
            format!("{:?}", a.outcome),
            format!("{:?}", b.outcome),
            "{id}"
        );
        assert_eq!(a.sign_offs.len(), b.sign_offs.len(), "{id}");
        assert_eq!(a.record.status, b.record.status, "{id}");
        assert_eq!(a.record.title, b.record.title, "{id}");
    }
}

/// The client's chain as a member reads it: (action, actor) in order.
fn chain(team: &Team, member: &str, client: &str) -> Vec<(String, String, String)> {
    team.session(member)
        .query(
            "SELECT id, action, actor FROM dpodesk.audit_log WHERE client_id = $1 ORDER BY position",
            &[&client],
        )
        .expect("chain")
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect()
}

#[test]
fn a_vault_matter_imports_into_the_team_database_and_keeps_its_history() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut vault, client, ids) = demo_vault(dir.path());
    // The matter's entries as the bundle carries them (its export is recorded after).
    let vault_entries = {
        let mut collected = None;
        vault
            .read_matter(&client, |c, _| {
                collected = Some(c.audit);
                Ok(())
            })
            .expect("read");
        collected.expect("entries")
    };
    let file = export(&mut vault, &client, &dir.path().join("m.dpodesk"));

    let team = Team::initialised("bundle_in");
    let ann = team.member("ann", &[Role::Author]);
    let bob = team.member("bob", &[Role::Author, Role::Approver]);
    let mut store = store_of(&team, &ann);
    let info = bundle::import_bundle(&mut store, "Ann", &file, &passphrase()).expect("import");
    assert!(!info.already_imported && info.added > 0, "{info:?}");
    assert_eq!(info.client_id, client);
    assert_same_matter(&vault, &store, &ids);
    // Their findings are searchable, and their list summaries stored.
    let (findings, summaries): (i64, i64) = {
        let row = team
            .session(&ann)
            .query_one(
                "SELECT (SELECT count(*) FROM dpodesk.finding_docs),
                        (SELECT count(*) FROM dpodesk.assessment_summaries)",
                &[],
            )
            .expect("counts");
        (row.get(0), row.get(1))
    };
    assert!(findings > 0);
    assert_eq!(summaries, ids.len() as i64);
    // Comments and evidence came with their authors and bytes.
    let threads = crate::api::list_comments(&store, &ids[0]).expect("comments");
    let comment = &threads[0].comments[0];
    assert_eq!(comment.author, "Rita Reviewer");
    let evidence = crate::api::evidence_list(&store, &ids[0]).expect("evidence");
    assert_eq!(evidence.len(), 1);
    let bytes: Vec<u8> = team
        .session(&ann)
        .query_one("SELECT content FROM dpodesk.evidence", &[])
        .expect("bytes")
        .get(0);
    assert_eq!(bytes, b"orders -> WeCom -> CRM");

    // The import entry is Ann's; after it, the vault's entries with their own actors and ids.
    let here = chain(&team, &ann, &client);
    let start = here
        .iter()
        .position(|(_, action, _)| action == "bundle.imported")
        .expect("the import entry");
    assert_eq!(here[start].2, ann, "the import entry's actor is the member");
    let after: Vec<_> = here[start + 1..].iter().collect();
    assert_eq!(after.len(), vault_entries.len());
    for (entry, (id, action, actor)) in vault_entries.iter().zip(after) {
        assert_eq!(
            (&entry.id, &entry.action, &entry.actor),
            (id, action, actor)
        );
    }
    assert!(
        vault_entries
            .iter()
            .any(|e| e.actor == crate::demo::DEMO_ACTOR)
    );
    // The chain still verifies with them re-linked in.
    let checks = dpodesk_team::audit::verify(&mut team.session(&ann)).expect("verify");
    assert!(checks.iter().all(|c| c.broken.is_none()), "{checks:?}");
    assert_eq!(
        store.verify_audit_of(&client).expect("verified").count,
        here.len() as u64
    );
    // An imported sign-off keeps its printed name and has no signer here.
    let signers: Vec<(String, String)> = team
        .session(&ann)
        .query("SELECT name, signer FROM dpodesk.signoffs ORDER BY id", &[])
        .expect("sign-offs")
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert!(!signers.is_empty());
    assert!(
        signers
            .iter()
            .all(|(name, signer)| !name.is_empty() && signer.is_empty())
    );

    // Bob is not granted the client: nothing of it, through the store or in SQL.
    let bob_store = store_of(&team, &bob);
    assert!(Read::clients(&bob_store, true).expect("clients").is_empty());
    let mut bob_sql = team.session(&bob);
    for table in [
        "clients",
        "assessments",
        "answers",
        "signoffs",
        "comments",
        "evidence",
        "audit_log",
        "bundle_imports",
        "bundle_audit",
    ] {
        let n: i64 = bob_sql
            .query_one(&format!("SELECT count(*) FROM dpodesk.{table}"), &[])
            .expect("count")
            .get(0);
        assert_eq!(n, 0, "{table}");
    }
    // He cannot export it either: to him there is no such client, and no file is made.
    let mut bob_store = bob_store;
    let out = dir.path().join("bob.dpodesk");
    let denied = bundle::export(&mut bob_store, "Bob", &client, &out, &passphrase(), CHEAP)
        .expect_err("not granted");
    assert_eq!(denied.kind(), ErrorKind::NotFound, "{denied:?}");
    assert!(!out.exists());
    // Nor can he import it over Ann's: the client is there, hidden from him.
    let hidden = bundle::import_bundle(&mut bob_store, "Bob", &file, &passphrase())
        .expect_err("hidden from bob");
    assert!(
        hidden
            .message(Lang::En)
            .starts_with(&format!("this bundle's client {client} is already in the team database, under a client not granted to you")),
        "{}",
        hidden.message(Lang::En)
    );
    assert!(hidden.message(Lang::Zh).contains("未授权给您"));

    // Imported again: nothing new, nothing written.
    members::grant(&mut team.dba(), &client, &bob).expect("grant");
    let again = bundle::import_bundle(&mut store, "Ann", &file, &passphrase()).expect("again");
    assert!(again.already_imported, "{again:?}");
}

#[test]
fn a_bundle_that_fails_half_way_leaves_nothing_in_the_team_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut vault, client, _) = demo_vault(dir.path());
    bundle::export(
        &mut vault,
        "Lin",
        &client,
        &dir.path().join("good.dpodesk"),
        &Passphrase::new(bundle::FUZZ_PASSPHRASE.to_owned()),
        CHEAP,
    )
    .expect("export");
    // The last assessment row gets a status the database refuses: found only when its turn
    // comes, after the client, its registers and the other assessments went in.
    let sealed = std::fs::read(dir.path().join("good.dpodesk")).expect("read");
    let plain = bundle::fuzz_plaintext(&sealed).expect("open");
    let len = u64::from_be_bytes(plain[1..9].try_into().expect("len")) as usize;
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&plain[9..9 + len]).expect("manifest");
    let tables = manifest["tables"].as_array_mut().expect("tables");
    let assessments = tables
        .iter_mut()
        .find(|t| t["name"] == "assessments")
        .expect("assessments");
    let status = assessments["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .position(|c| c == "status")
        .expect("status");
    let rows = assessments["rows"].as_array_mut().expect("rows");
    let last = rows.len() - 1;
    rows[last][status] = "bogus".into();
    let json = serde_json::to_vec(&manifest).expect("json");
    let mut changed = vec![b'M'];
    changed.extend_from_slice(&(json.len() as u64).to_be_bytes());
    changed.extend_from_slice(&json);
    changed.extend_from_slice(&plain[9 + len..]);
    let bad = dir.path().join("bad.dpodesk");
    std::fs::write(
        &bad,
        bundle::fuzz_seal(&changed, bundle::FORMAT_VERSION).expect("seal"),
    )
    .expect("write");

    let team = Team::initialised("bundle_half");
    let ann = team.member("ann", &[Role::Author]);
    let mut store = store_of(&team, &ann);
    let failed = bundle::import_bundle(
        &mut store,
        "Ann",
        &bad,
        &Passphrase::new(bundle::FUZZ_PASSPHRASE.to_owned()),
    );
    assert!(failed.is_err(), "{failed:?}");
    let mut superuser = team.superuser();
    for table in [
        "clients",
        "data_sources",
        "vendors",
        "template_snapshots",
        "assessments",
        "answers",
        "signoffs",
        "comments",
        "evidence",
        "actions",
        "audit_log",
        "bundle_imports",
        "bundle_audit",
        "client_grants",
        "assessment_editors",
    ] {
        let n: i64 = superuser
            .query_one(&format!("SELECT count(*) FROM dpodesk.{table}"), &[])
            .expect("count")
            .get(0);
        assert_eq!(n, 0, "{table} after a failed import");
    }
}

#[test]
fn a_client_changed_since_is_refused_and_the_matter_goes_back_to_a_vault_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut vault, client, ids) = demo_vault(dir.path());
    let file = export(&mut vault, &client, &dir.path().join("m.dpodesk"));
    let team = Team::initialised("bundle_back");
    let ann = team.member("ann", &[Role::Author]);
    let mut store = store_of(&team, &ann);
    bundle::import_bundle(&mut store, "Ann", &file, &passphrase()).expect("import");

    // Team → vault: a fresh vault reads the same matter, history included.
    let back = export(&mut store, &client, &dir.path().join("back.dpodesk"));
    let mut other =
        Vault::create(&dir.path().join("o.dpvault"), &passphrase(), "Olga").expect("vault");
    let info = bundle::import_bundle(&mut other, "Olga", &back, &passphrase()).expect("import");
    assert!(info.chain.count > 0);
    assert_same_matter(&store, &other, &ids);
    assert_same_matter(&vault, &other, &ids);

    // The matter changed on the vault's side since: its client's matter differs here.
    let edit = crate::vault::clients::UpdateClient {
        matter: Some("another matter".to_owned()),
        ..Default::default()
    };
    crate::vault::clients::update_client(&mut vault, "Lin", &client, &edit).expect("edit");
    let changed = export(&mut vault, &client, &dir.path().join("changed.dpodesk"));
    let refused = bundle::import_bundle(&mut store, "Ann", &changed, &passphrase())
        .expect_err("a different client");
    assert_eq!(refused.kind(), ErrorKind::BundleConflict, "{refused:?}");
    assert!(
        matches!(&refused, Error::BundleConflict { table, id } if table == "clients" && id == &client)
    );
    assert!(
        refused
            .message(Lang::En)
            .starts_with(&format!("the client {client} already exists here")),
        "{}",
        refused.message(Lang::En)
    );
    assert!(refused.message(Lang::Zh).contains("内容不同"));
}
