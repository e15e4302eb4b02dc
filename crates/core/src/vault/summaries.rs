//! The list summary of each assessment version (`assessment::Summary`, as JSON text): written by
//! the unit of work that changed what it depends on, read whole by the overview and the
//! portfolio. Triggers (migration 13) drop a version's summary whenever its answers or links
//! change, or a linked assessment's answers do, so that a write which does not score (a bundle
//! import) leaves it missing rather than wrong; `api` scores the missing ones again.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;

/// Stores `summary` as assessment `id`'s, replacing any there.
pub(crate) fn put(conn: &Connection, id: &str, summary: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO assessment_summaries (assessment_id, summary) VALUES (?1, ?2)
         ON CONFLICT (assessment_id) DO UPDATE SET summary = excluded.summary",
    )?
    .execute([id, summary])?;
    Ok(())
}

/// Every stored summary, by assessment id.
pub(crate) fn all(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt =
        conn.prepare_cached("SELECT assessment_id, summary FROM assessment_summaries")?;
    let rows = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    // Migration 13 on a vault of the previous schema: the demo vault's rows copied into a fresh
    // vault of schema 12 (generated here, never committed), which has no summaries; the first
    // list scores them, and they come out as those the demo's own writes stored.
    use std::collections::HashMap;
    use std::path::Path;

    use rusqlite::Connection;

    use crate::assessment::Summary;
    use crate::law::LawRegister;
    use crate::vault::store::Read;
    use crate::vault::{Passphrase, Vault, migrate};

    const PASS: &str = "correct horse battery staple 13";
    const DATE: &str = "2026-05-04";

    fn passphrase() -> Passphrase {
        Passphrase::new(PASS.to_owned())
    }

    /// A vault of schema 12 holding `from`'s rows (its search index rebuilt by the triggers).
    fn schema_12_from(from: &Vault, path: &Path) {
        let mut conn = Connection::open(path).expect("open");
        conn.key(None::<&str>, PASS.as_bytes(), false).expect("key");
        migrate::migrate_to(&mut conn, 12).expect("schema 12");
        conn.execute(
            "ATTACH DATABASE ?1 AS source KEY ?2",
            [from.path().to_string_lossy().as_ref(), PASS],
        )
        .expect("attach");
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM main.sqlite_master WHERE type = 'table'
                   AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%'",
            )
            .expect("tables")
            .query_map([], |row| row.get(0))
            .expect("tables")
            .collect::<rusqlite::Result<_>>()
            .expect("tables");
        assert!(!tables.iter().any(|t| t == "assessment_summaries"));
        for table in tables {
            // The log in the layout before schema 16 (migrate_tests_support.rs).
            if table == "audit_log" {
                crate::vault::migrate_tests_support::old_audit_log(&conn);
                continue;
            }
            let list = crate::vault::bundle_store::columns(&conn, &table)
                .expect("columns")
                .join(", ");
            conn.execute(
                &format!("INSERT INTO main.{table} ({list}) SELECT {list} FROM source.{table}"),
                [],
            )
            .expect("copy");
        }
        conn.execute("DETACH DATABASE source", []).expect("detach");
    }

    fn summaries(vault: &Vault) -> HashMap<String, Summary> {
        vault
            .summaries()
            .expect("summaries")
            .into_iter()
            .map(|(id, json)| (id, Summary::from_json(&json).expect("readable")))
            .collect()
    }

    #[test]
    fn a_vault_of_schema_12_gets_the_summaries_a_fresh_scoring_gives_on_its_first_list() {
        let dir = tempfile::tempdir().expect("tempdir");
        let demo = crate::demo::create(dir.path(), &passphrase(), DATE, false).expect("demo");
        let mut source = Vault::open(&demo.vault, &passphrase()).expect("open demo");
        let law = LawRegister::bundled().expect("law");
        let written = summaries(&source);
        let ids: Vec<String> = source
            .assessments()
            .expect("assessments")
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert!(ids.len() >= 5, "the demo has channels, a vendor and PIAs");
        assert_eq!(written.len(), ids.len(), "every write stored its summary");
        let rows = crate::api::portfolio(&mut source, &law, DATE).expect("portfolio");

        let old = dir.path().join("old.dpvault");
        schema_12_from(&source, &old);
        drop(source);
        let mut migrated = Vault::open(&old, &passphrase()).expect("open migrates");
        assert!(migrated.summaries().expect("summaries").is_empty());
        let migrated_rows = crate::api::portfolio(&mut migrated, &law, DATE).expect("portfolio");

        let caught_up = summaries(&migrated);
        assert_eq!(caught_up, written);
        for id in &ids {
            let fresh = Summary::of(
                &crate::assessment::stored::outcome(&migrated, id).expect("outcome"),
                &crate::assessment::stored::answers(&migrated, id).expect("answers"),
            );
            assert_eq!(caught_up.get(id), Some(&fresh), "{id}");
        }
        let json = |rows| serde_json::to_string(&rows).expect("json");
        assert_eq!(json(migrated_rows), json(rows));
    }

    #[test]
    fn a_change_of_answers_or_links_drops_the_summaries_it_makes_stale() {
        let dir = tempfile::tempdir().expect("tempdir");
        let demo = crate::demo::create(dir.path(), &passphrase(), DATE, false).expect("demo");
        let vault = Vault::open(&demo.vault, &passphrase()).expect("open demo");
        let (pia, linked): (String, String) = vault
            .conn
            .query_row(
                "SELECT assessment_id, linked_id FROM assessment_links LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .expect("the demo links a PIA");
        let has = |id: &str| summaries(&vault).contains_key(id);
        assert!(has(&pia) && has(&linked));
        // Behind the store's back, as a write that does not score would.
        vault
            .conn
            .execute(
                "UPDATE answers SET value = value || ' ' WHERE assessment_id = ?1
                   AND question_id = (SELECT min(question_id) FROM answers WHERE assessment_id = ?1)",
                [&linked],
            )
            .expect("update");
        assert!(!has(&linked), "its own summary");
        assert!(!has(&pia), "the summary of the PIA that links to it");
    }
}
