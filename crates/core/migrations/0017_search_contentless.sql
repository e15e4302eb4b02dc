-- DPO Desk vault, schema 17: the search index without its own copy of the text. Schema 2's FTS5
-- table stored every indexed text twice — in the inverted index (`search_fts_data`) and, whole,
-- in `search_fts_content` — so the index was 58 % of a generated 10,000-assessment vault
-- (docs/benchmarks.md, "The search index made contentless"). Search reads a hit's text only to
-- confirm a short term and to cut its snippet, and every text but a finding's lives in its own
-- row anyway (a client's name, an answer's value and note, an action's note …).
--
-- * `search_fts` is now contentless (`content=''`) with `contentless_delete=1`: the triggers of
--   schemas 2 and 12 still add and delete its rows; a delete needs no old text (so an erased
--   matter's text goes from the index even where the row it came from is already gone), and an
--   update must give every column, hence the five update triggers below.
-- * `detail=column`: the index keeps which column each trigram occurs in, not where. A term of
--   three or more characters is looked up as all its trigrams (search/mod.rs) and confirmed on
--   the text read back, as one- and two-character terms already were.
-- * `search_doc_text` (a view) gives each document's text as the triggers index it: search reads
--   a hit's text from it, and this migration rebuilds the index from it.
-- * `search_finding_texts` keeps a finding's indexed text, which has no other home (scoring makes
--   it above the store), once per distinct text: a rule's finding reads the same in every
--   assessment it is found in (348 texts for 17,782 findings at 1,000 assessments). Each
--   finding's document points at its text (`search_findings`); both go with the `search_docs`
--   row (triggers below), a text with its last finding, so an erased matter's findings go with it.
--
-- Every statement can run again on a vault of this schema brought back to an older version
-- number (tests do so). A VACUUM after the commit gives the old content's pages back (migrate.rs).

CREATE TABLE IF NOT EXISTS search_finding_texts (
    id   INTEGER PRIMARY KEY,
    body TEXT NOT NULL UNIQUE
) STRICT;
CREATE TABLE IF NOT EXISTS search_findings (
    id      INTEGER PRIMARY KEY,
    text_id INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS search_findings_text ON search_findings (text_id);
-- The findings' text is read from the old index before it goes (NULL from a contentless one).
-- The temporary table is held in memory (SQLCipher is built with SQLITE_TEMP_STORE=2).
CREATE TEMP TABLE search_findings_old AS
SELECT d.id AS id, f.body AS body FROM search_docs AS d JOIN search_fts AS f ON f.rowid = d.id
WHERE d.kind = 'finding' AND f.body IS NOT NULL;
INSERT OR IGNORE INTO search_finding_texts (body) SELECT body FROM temp.search_findings_old ORDER BY id;
INSERT OR IGNORE INTO search_findings (id, text_id)
SELECT o.id, t.id FROM temp.search_findings_old AS o JOIN search_finding_texts AS t ON t.body = o.body;
DROP TABLE temp.search_findings_old;

DROP TRIGGER IF EXISTS search_docs_findings_delete;
CREATE TRIGGER search_docs_findings_delete AFTER DELETE ON search_docs WHEN OLD.kind = 'finding' BEGIN
    DELETE FROM search_findings WHERE id = OLD.id;
END;
DROP TRIGGER IF EXISTS search_findings_text_delete;
CREATE TRIGGER search_findings_text_delete AFTER DELETE ON search_findings BEGIN
    DELETE FROM search_finding_texts WHERE id = OLD.text_id
      AND NOT EXISTS (SELECT 1 FROM search_findings WHERE text_id = OLD.text_id);
END;

-- Each document's text, columns as in search_fts; the expressions are the triggers' own.
DROP VIEW IF EXISTS search_doc_text;
CREATE VIEW search_doc_text (id, name, body) AS
SELECT d.id, c.name || ' ' || c.matter || '  ', ''
FROM search_docs AS d JOIN clients AS c ON c.id = d.entity_id WHERE d.kind = 'client'
UNION ALL
SELECT d.id, s.name || ' ' || s.platform || '  ', ''
FROM search_docs AS d JOIN data_sources AS s ON s.id = d.entity_id WHERE d.kind = 'data_source'
UNION ALL
SELECT d.id, v.name || ' ' || v.service || '  ', ''
FROM search_docs AS d JOIN vendors AS v ON v.id = d.entity_id WHERE d.kind = 'vendor'
UNION ALL
SELECT d.id, a.title || '  ', ''
FROM search_docs AS d JOIN assessments AS a ON a.id = d.entity_id WHERE d.kind = 'assessment'
UNION ALL
SELECT d.id, '', t.text || '  '
FROM search_docs AS d
JOIN search_answer_text AS t ON t.assessment_id = d.entity_id AND t.question_id = d.field
WHERE d.kind = 'answer'
UNION ALL
SELECT d.id, '', t.body
FROM search_docs AS d JOIN search_findings AS f ON f.id = d.id
JOIN search_finding_texts AS t ON t.id = f.text_id WHERE d.kind = 'finding'
UNION ALL
SELECT d.id, c.contact || '  ', ''
FROM search_docs AS d JOIN clients AS c ON c.id = d.entity_id
WHERE d.kind = 'contact' AND d.field = 'client'
UNION ALL
SELECT d.id, v.contact || '  ', ''
FROM search_docs AS d JOIN vendors AS v ON v.id = d.entity_id
WHERE d.kind = 'contact' AND d.field = 'vendor'
UNION ALL
SELECT d.id, a.title || ' ' || a.title_zh || ' ' || a.title_en || ' ' || a.owner || '  ', a.note || '  '
FROM search_docs AS d JOIN actions AS a ON a.id = d.entity_id WHERE d.kind = 'action'
UNION ALL
SELECT d.id, e.file_name || '  ', ''
FROM search_docs AS d JOIN evidence AS e ON e.id = d.entity_id WHERE d.kind = 'evidence';

-- The index anew, from the rows.
DROP TABLE IF EXISTS search_vocab;
DROP TABLE IF EXISTS search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5 (
    name, body, tokenize = 'trigram', content = '', contentless_delete = 1, detail = column
);
CREATE VIRTUAL TABLE search_vocab USING fts5vocab (search_fts, row);
INSERT INTO search_fts (rowid, name, body) SELECT id, name, body FROM search_doc_text ORDER BY id;
INSERT INTO search_fts (search_fts) VALUES ('optimize');

-- A contentless table takes an UPDATE only of every column: the update triggers of schema 12, so.
DROP TRIGGER IF EXISTS clients_search_update;
CREATE TRIGGER clients_search_update AFTER UPDATE OF name, matter ON clients
WHEN OLD.name IS NOT NEW.name OR OLD.matter IS NOT NEW.matter BEGIN
    UPDATE search_fts SET name = NEW.name || ' ' || NEW.matter || '  ', body = ''
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'client' AND entity_id = NEW.id);
END;
DROP TRIGGER IF EXISTS data_sources_search_update;
CREATE TRIGGER data_sources_search_update AFTER UPDATE OF name, platform ON data_sources
WHEN OLD.name IS NOT NEW.name OR OLD.platform IS NOT NEW.platform BEGIN
    UPDATE search_fts SET name = NEW.name || ' ' || NEW.platform || '  ', body = ''
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'data_source' AND entity_id = NEW.id);
END;
DROP TRIGGER IF EXISTS vendors_search_update;
CREATE TRIGGER vendors_search_update AFTER UPDATE OF name, service ON vendors
WHEN OLD.name IS NOT NEW.name OR OLD.service IS NOT NEW.service BEGIN
    UPDATE search_fts SET name = NEW.name || ' ' || NEW.service || '  ', body = ''
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'vendor' AND entity_id = NEW.id);
END;
DROP TRIGGER IF EXISTS assessments_search_update;
CREATE TRIGGER assessments_search_update AFTER UPDATE OF title ON assessments
WHEN OLD.title IS NOT NEW.title BEGIN
    UPDATE search_fts SET name = NEW.title || '  ', body = ''
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'assessment' AND entity_id = NEW.id);
END;
-- As schema 12's, which already gave both columns; created again for the same reason as the rest.
DROP TRIGGER IF EXISTS actions_search_update;
CREATE TRIGGER actions_search_update AFTER UPDATE OF title, title_zh, title_en, owner, note ON actions BEGIN
    UPDATE search_fts
    SET name = NEW.title || ' ' || NEW.title_zh || ' ' || NEW.title_en || ' ' || NEW.owner || '  ',
        body = NEW.note || '  '
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'action' AND entity_id = NEW.id);
END;
