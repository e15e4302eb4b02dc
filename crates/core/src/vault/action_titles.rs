//! Migration 12's back-fill of the action titles migration 11 left blank: an action taken on a
//! finding before titles were kept in both languages gets the finding's words in both, read from
//! its assessment's template snapshot — only when its title is still those words in one of the
//! languages (a title someone typed stays theirs, shown as typed in both languages).

use std::collections::HashMap;

use rusqlite::{Connection, params};

use serde::Deserialize;

use super::snapshots;
use crate::error::Result;

/// The little of a template snapshot this back-fill reads: its rules' ids and titles. Read as
/// plain JSON, not as `template::Template`: a migration is history and the store knows no
/// template's meaning, so a later change of the template type cannot change what it does.
#[derive(Deserialize)]
struct SnapshotRules {
    #[serde(default)]
    rules: Vec<RuleTitle>,
}

#[derive(Deserialize)]
struct RuleTitle {
    id: String,
    title: Words,
}

#[derive(Deserialize)]
struct Words {
    zh: String,
    en: String,
}

pub(super) fn backfill(conn: &Connection) -> Result<()> {
    let rows: Vec<(String, String, String, String)> = conn
        .prepare(
            "SELECT t.id, t.title, t.finding_id, a.template_sha256
             FROM actions AS t JOIN assessments AS a ON a.id = t.assessment_id
             WHERE t.finding_id <> '' AND t.title_zh = '' AND t.title_en = ''
               AND a.template_sha256 IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut templates: HashMap<String, Option<SnapshotRules>> = HashMap::new();
    for (id, title, finding, sha256) in rows {
        if !templates.contains_key(&sha256) {
            // An unreadable snapshot is `vault check`'s to report; its actions keep one title.
            let template = snapshots::canonical_content(conn, &sha256)?
                .and_then(|json| serde_json::from_slice(&json).ok());
            templates.insert(sha256.clone(), template);
        }
        let Some(rule) = templates
            .get(&sha256)
            .and_then(Option::as_ref)
            .and_then(|t| t.rules.iter().find(|r| r.id == finding))
        else {
            continue;
        };
        let typed = title.trim();
        if typed == rule.title.zh.trim() || typed == rule.title.en.trim() {
            conn.execute(
                "UPDATE actions SET title_zh = ?2, title_en = ?3 WHERE id = ?1",
                params![id, rule.title.zh, rule.title.en],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::vault::migrate::migrate_to;
    use crate::vault::snapshots::{self, Snapshot};

    #[test]
    fn old_actions_on_a_finding_get_its_words_in_both_languages_and_typed_ones_stay() {
        let mut conn = Connection::open_in_memory().expect("memory");
        migrate_to(&mut conn, 11).expect("schema 11");
        let template = crate::template::bundled_for_test("data-source");
        let rule = template
            .rules
            .iter()
            .find(|r| r.title.zh != r.title.en)
            .expect("a rule");
        let sha = snapshots::store(
            &conn,
            &Snapshot::of(&template.id, &template.version, &template).expect("snapshot"),
        )
        .expect("store");
        conn.execute(
            "INSERT INTO assessments (id, kind, template_id, template_version, template_sha256,
                 title, created_by, created_at, updated_at)
             VALUES ('a1', 'data_source', ?1, ?2, ?3, 'T', 'me', 'now', 'now')",
            rusqlite::params![template.id, template.version, sha],
        )
        .expect("assessment");
        let action = |id: &str, finding: &str, title: &str| {
            conn.execute(
                "INSERT INTO actions (id, assessment_id, finding_id, title, created_at, updated_at)
                 VALUES (?1, 'a1', ?2, ?3, 'now', 'now')",
                rusqlite::params![id, finding, title],
            )
            .expect("action");
        };
        action("taken-in-english", &rule.id, &rule.title.en);
        action("taken-in-chinese", &rule.id, &rule.title.zh);
        action("typed", &rule.id, "Call the broker about the list");
        action("no-such-rule", "prescreen:BUY", "Stop using the list");
        migrate_to(&mut conn, 12).expect("schema 12");

        let words = |id: &str| -> (String, String, String) {
            conn.query_row(
                "SELECT title, title_zh, title_en FROM actions WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .expect("row")
        };
        for id in ["taken-in-english", "taken-in-chinese"] {
            let (_, zh, en) = words(id);
            assert_eq!(
                (zh.as_str(), en.as_str()),
                (rule.title.zh.as_str(), rule.title.en.as_str())
            );
        }
        assert_eq!(
            words("typed"),
            (
                "Call the broker about the list".to_owned(),
                String::new(),
                String::new()
            )
        );
        assert_eq!(words("no-such-rule").1, "");
    }
}
