-- DPO Desk vault, schema 12: search finds what a DPO types — findings, question text, actions
-- (title in both languages, owner, note), contacts and evidence file names, besides the names,
-- titles and answer text of schema 2 (crates/core/src/vault/search.rs reads the index and keeps
-- the parts SQL cannot compute).
--
-- search_docs gains those kinds. SQLite cannot change a CHECK in place, so the table is rebuilt
-- with the same ids (they are the index's rowids); the triggers of schema 2 name it, so they are
-- dropped first and created again below, unchanged.
--
-- Findings are what scoring makes of the answers, and question text sits in the template
-- snapshots' deflated JSON: neither can be computed by SQL. Triggers therefore only note which
-- assessments' findings may have changed (search_stale: its answers or links changed, or a linked
-- assessment's answers did); search.rs scores those and writes their findings into the index
-- before it searches (title and text in `body`, beside answer text, so names and titles still
-- come first), and copies the questions of any snapshot it has not read yet into
-- search_questions. Questions are few (a few hundred per template, the same for every assessment
-- started from it): search.rs reads them whole rather than through the index, so the tens of
-- thousands of findings and answers never stand between a query and them.

DROP TRIGGER clients_search_insert;
DROP TRIGGER clients_search_update;
DROP TRIGGER clients_search_delete;
DROP TRIGGER data_sources_search_insert;
DROP TRIGGER data_sources_search_update;
DROP TRIGGER data_sources_search_delete;
DROP TRIGGER vendors_search_insert;
DROP TRIGGER vendors_search_update;
DROP TRIGGER vendors_search_delete;
DROP TRIGGER assessments_search_insert;
DROP TRIGGER assessments_search_update;
DROP TRIGGER assessments_search_delete;
DROP TRIGGER answers_search_insert;
DROP TRIGGER answers_search_update;
DROP TRIGGER answers_search_delete;

CREATE TABLE search_docs_12 (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('client', 'data_source', 'vendor', 'assessment', 'answer',
                                            'finding', 'action', 'contact', 'evidence')),
    entity_id TEXT NOT NULL,
    -- An answer's question id, a finding's id, 'client' or 'vendor' for a contact; '' otherwise.
    field     TEXT NOT NULL DEFAULT '',
    -- What a hit shows as its title in each language where the entity's own is not it: a
    -- finding's title (the hit names its assessment beside it); '' otherwise.
    label_zh  TEXT NOT NULL DEFAULT '',
    label_en  TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, entity_id, field)
) STRICT;
INSERT INTO search_docs_12 (id, kind, entity_id, field) SELECT id, kind, entity_id, field FROM search_docs;
DROP TABLE search_docs;
ALTER TABLE search_docs_12 RENAME TO search_docs;

-- The assessments whose findings search.rs has still to (re)index. The triggers below add to it
-- with NOT EXISTS rather than OR IGNORE: a trigger's conflict clause gives way to that of the
-- statement that fired it.
CREATE TABLE search_stale (assessment_id TEXT PRIMARY KEY NOT NULL) STRICT, WITHOUT ROWID;
-- Each snapshot's question text, both languages; a row with question_id '' marks it as read.
CREATE TABLE search_questions (
    sha256      TEXT NOT NULL,
    question_id TEXT NOT NULL,
    text_zh     TEXT NOT NULL,
    text_en     TEXT NOT NULL,
    PRIMARY KEY (sha256, question_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX assessment_links_linked ON assessment_links (linked_id);

-- Schema 2's triggers, as they were.
CREATE TRIGGER clients_search_insert AFTER INSERT ON clients BEGIN
    INSERT INTO search_docs (kind, entity_id) VALUES ('client', NEW.id);
    INSERT INTO search_fts (rowid, name, body)
    VALUES ((SELECT id FROM search_docs WHERE kind = 'client' AND entity_id = NEW.id),
            NEW.name || ' ' || NEW.matter || '  ', '');
END;
CREATE TRIGGER clients_search_update AFTER UPDATE OF name, matter ON clients
WHEN OLD.name IS NOT NEW.name OR OLD.matter IS NOT NEW.matter BEGIN
    UPDATE search_fts SET name = NEW.name || ' ' || NEW.matter || '  '
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'client' AND entity_id = NEW.id);
END;
CREATE TRIGGER clients_search_delete AFTER DELETE ON clients BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'client' AND entity_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'client' AND entity_id = OLD.id;
END;
CREATE TRIGGER data_sources_search_insert AFTER INSERT ON data_sources BEGIN
    INSERT INTO search_docs (kind, entity_id) VALUES ('data_source', NEW.id);
    INSERT INTO search_fts (rowid, name, body)
    VALUES ((SELECT id FROM search_docs WHERE kind = 'data_source' AND entity_id = NEW.id),
            NEW.name || ' ' || NEW.platform || '  ', '');
END;
CREATE TRIGGER data_sources_search_update AFTER UPDATE OF name, platform ON data_sources
WHEN OLD.name IS NOT NEW.name OR OLD.platform IS NOT NEW.platform BEGIN
    UPDATE search_fts SET name = NEW.name || ' ' || NEW.platform || '  '
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'data_source' AND entity_id = NEW.id);
END;
CREATE TRIGGER data_sources_search_delete AFTER DELETE ON data_sources BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'data_source' AND entity_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'data_source' AND entity_id = OLD.id;
END;
CREATE TRIGGER vendors_search_insert AFTER INSERT ON vendors BEGIN
    INSERT INTO search_docs (kind, entity_id) VALUES ('vendor', NEW.id);
    INSERT INTO search_fts (rowid, name, body)
    VALUES ((SELECT id FROM search_docs WHERE kind = 'vendor' AND entity_id = NEW.id),
            NEW.name || ' ' || NEW.service || '  ', '');
END;
CREATE TRIGGER vendors_search_update AFTER UPDATE OF name, service ON vendors
WHEN OLD.name IS NOT NEW.name OR OLD.service IS NOT NEW.service BEGIN
    UPDATE search_fts SET name = NEW.name || ' ' || NEW.service || '  '
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'vendor' AND entity_id = NEW.id);
END;
CREATE TRIGGER vendors_search_delete AFTER DELETE ON vendors BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'vendor' AND entity_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'vendor' AND entity_id = OLD.id;
END;
CREATE TRIGGER assessments_search_insert AFTER INSERT ON assessments BEGIN
    INSERT INTO search_docs (kind, entity_id) VALUES ('assessment', NEW.id);
    INSERT INTO search_fts (rowid, name, body)
    VALUES ((SELECT id FROM search_docs WHERE kind = 'assessment' AND entity_id = NEW.id),
            NEW.title || '  ', '');
    INSERT INTO search_stale (assessment_id)
    SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_stale WHERE assessment_id = NEW.id);
END;
CREATE TRIGGER assessments_search_update AFTER UPDATE OF title ON assessments
WHEN OLD.title IS NOT NEW.title BEGIN
    UPDATE search_fts SET name = NEW.title || '  '
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'assessment' AND entity_id = NEW.id);
END;
-- Its findings go with it.
CREATE TRIGGER assessments_search_delete AFTER DELETE ON assessments BEGIN
    DELETE FROM search_fts
    WHERE rowid IN (SELECT id FROM search_docs
                    WHERE kind IN ('assessment', 'finding') AND entity_id = OLD.id);
    DELETE FROM search_docs WHERE kind IN ('assessment', 'finding') AND entity_id = OLD.id;
    DELETE FROM search_stale WHERE assessment_id = OLD.id;
END;
CREATE TRIGGER answers_search_insert AFTER INSERT ON answers BEGIN
    INSERT INTO search_docs (kind, entity_id, field)
    SELECT 'answer', t.assessment_id, t.question_id FROM search_answer_text AS t
    WHERE t.assessment_id = NEW.assessment_id AND t.question_id = NEW.question_id AND t.text <> '';
    INSERT INTO search_fts (rowid, name, body)
    SELECT d.id, '', t.text || '  '
    FROM search_answer_text AS t
    JOIN search_docs AS d ON d.kind = 'answer' AND d.entity_id = t.assessment_id AND d.field = t.question_id
    WHERE t.assessment_id = NEW.assessment_id AND t.question_id = NEW.question_id;
    INSERT INTO search_stale (assessment_id)
    SELECT NEW.assessment_id
    WHERE NOT EXISTS (SELECT 1 FROM search_stale WHERE assessment_id = NEW.assessment_id);
    INSERT INTO search_stale (assessment_id)
    SELECT l.assessment_id FROM assessment_links AS l
    WHERE l.linked_id = NEW.assessment_id
      AND NOT EXISTS (SELECT 1 FROM search_stale WHERE assessment_id = l.assessment_id);
END;
CREATE TRIGGER answers_search_update AFTER UPDATE OF value, note ON answers BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs
                   WHERE kind = 'answer' AND entity_id = OLD.assessment_id AND field = OLD.question_id);
    DELETE FROM search_docs
    WHERE kind = 'answer' AND entity_id = OLD.assessment_id AND field = OLD.question_id;
    INSERT INTO search_docs (kind, entity_id, field)
    SELECT 'answer', t.assessment_id, t.question_id FROM search_answer_text AS t
    WHERE t.assessment_id = NEW.assessment_id AND t.question_id = NEW.question_id AND t.text <> '';
    INSERT INTO search_fts (rowid, name, body)
    SELECT d.id, '', t.text || '  '
    FROM search_answer_text AS t
    JOIN search_docs AS d ON d.kind = 'answer' AND d.entity_id = t.assessment_id AND d.field = t.question_id
    WHERE t.assessment_id = NEW.assessment_id AND t.question_id = NEW.question_id;
    INSERT INTO search_stale (assessment_id)
    SELECT NEW.assessment_id
    WHERE NOT EXISTS (SELECT 1 FROM search_stale WHERE assessment_id = NEW.assessment_id);
    INSERT INTO search_stale (assessment_id)
    SELECT l.assessment_id FROM assessment_links AS l
    WHERE l.linked_id = NEW.assessment_id
      AND NOT EXISTS (SELECT 1 FROM search_stale WHERE assessment_id = l.assessment_id);
END;
CREATE TRIGGER answers_search_delete AFTER DELETE ON answers BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs
                   WHERE kind = 'answer' AND entity_id = OLD.assessment_id AND field = OLD.question_id);
    DELETE FROM search_docs
    WHERE kind = 'answer' AND entity_id = OLD.assessment_id AND field = OLD.question_id;
    INSERT INTO search_stale (assessment_id)
    SELECT id FROM assessments WHERE id = OLD.assessment_id
      AND NOT EXISTS (SELECT 1 FROM search_stale WHERE assessment_id = OLD.assessment_id);
    INSERT INTO search_stale (assessment_id)
    SELECT l.assessment_id FROM assessment_links AS l
    WHERE l.linked_id = OLD.assessment_id
      AND NOT EXISTS (SELECT 1 FROM search_stale WHERE assessment_id = l.assessment_id);
END;

-- A PIA's findings take in those of the assessments linked to it.
CREATE TRIGGER assessment_links_search_insert AFTER INSERT ON assessment_links BEGIN
    INSERT INTO search_stale (assessment_id)
    SELECT NEW.assessment_id
    WHERE NOT EXISTS (SELECT 1 FROM search_stale WHERE assessment_id = NEW.assessment_id);
END;
CREATE TRIGGER assessment_links_search_delete AFTER DELETE ON assessment_links BEGIN
    INSERT INTO search_stale (assessment_id)
    SELECT id FROM assessments WHERE id = OLD.assessment_id
      AND NOT EXISTS (SELECT 1 FROM search_stale WHERE assessment_id = OLD.assessment_id);
END;

-- Contacts: a client's and a vendor's, one document each while not blank.
CREATE TRIGGER clients_contact_insert AFTER INSERT ON clients WHEN trim(NEW.contact) <> '' BEGIN
    INSERT INTO search_docs (kind, entity_id, field) VALUES ('contact', NEW.id, 'client');
    INSERT INTO search_fts (rowid, name, body)
    VALUES ((SELECT id FROM search_docs WHERE kind = 'contact' AND entity_id = NEW.id AND field = 'client'),
            NEW.contact || '  ', '');
END;
CREATE TRIGGER clients_contact_update AFTER UPDATE OF contact ON clients
WHEN OLD.contact IS NOT NEW.contact BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'contact' AND entity_id = OLD.id AND field = 'client');
    DELETE FROM search_docs WHERE kind = 'contact' AND entity_id = OLD.id AND field = 'client';
    INSERT INTO search_docs (kind, entity_id, field)
    SELECT 'contact', NEW.id, 'client' WHERE trim(NEW.contact) <> '';
    INSERT INTO search_fts (rowid, name, body)
    SELECT id, NEW.contact || '  ', '' FROM search_docs
    WHERE kind = 'contact' AND entity_id = NEW.id AND field = 'client';
END;
CREATE TRIGGER clients_contact_delete AFTER DELETE ON clients BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'contact' AND entity_id = OLD.id AND field = 'client');
    DELETE FROM search_docs WHERE kind = 'contact' AND entity_id = OLD.id AND field = 'client';
END;
CREATE TRIGGER vendors_contact_insert AFTER INSERT ON vendors WHEN trim(NEW.contact) <> '' BEGIN
    INSERT INTO search_docs (kind, entity_id, field) VALUES ('contact', NEW.id, 'vendor');
    INSERT INTO search_fts (rowid, name, body)
    VALUES ((SELECT id FROM search_docs WHERE kind = 'contact' AND entity_id = NEW.id AND field = 'vendor'),
            NEW.contact || '  ', '');
END;
CREATE TRIGGER vendors_contact_update AFTER UPDATE OF contact ON vendors
WHEN OLD.contact IS NOT NEW.contact BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'contact' AND entity_id = OLD.id AND field = 'vendor');
    DELETE FROM search_docs WHERE kind = 'contact' AND entity_id = OLD.id AND field = 'vendor';
    INSERT INTO search_docs (kind, entity_id, field)
    SELECT 'contact', NEW.id, 'vendor' WHERE trim(NEW.contact) <> '';
    INSERT INTO search_fts (rowid, name, body)
    SELECT id, NEW.contact || '  ', '' FROM search_docs
    WHERE kind = 'contact' AND entity_id = NEW.id AND field = 'vendor';
END;
CREATE TRIGGER vendors_contact_delete AFTER DELETE ON vendors BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'contact' AND entity_id = OLD.id AND field = 'vendor');
    DELETE FROM search_docs WHERE kind = 'contact' AND entity_id = OLD.id AND field = 'vendor';
END;

-- Actions: the title as typed and in both languages, and the owner (searched first); the note.
CREATE TRIGGER actions_search_insert AFTER INSERT ON actions BEGIN
    INSERT INTO search_docs (kind, entity_id) VALUES ('action', NEW.id);
    INSERT INTO search_fts (rowid, name, body)
    VALUES ((SELECT id FROM search_docs WHERE kind = 'action' AND entity_id = NEW.id),
            NEW.title || ' ' || NEW.title_zh || ' ' || NEW.title_en || ' ' || NEW.owner || '  ',
            NEW.note || '  ');
END;
CREATE TRIGGER actions_search_update AFTER UPDATE OF title, title_zh, title_en, owner, note ON actions BEGIN
    UPDATE search_fts
    SET name = NEW.title || ' ' || NEW.title_zh || ' ' || NEW.title_en || ' ' || NEW.owner || '  ',
        body = NEW.note || '  '
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'action' AND entity_id = NEW.id);
END;
CREATE TRIGGER actions_search_delete AFTER DELETE ON actions BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'action' AND entity_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'action' AND entity_id = OLD.id;
END;

-- Evidence: the file's name.
CREATE TRIGGER evidence_search_insert AFTER INSERT ON evidence BEGIN
    INSERT INTO search_docs (kind, entity_id) VALUES ('evidence', NEW.id);
    INSERT INTO search_fts (rowid, name, body)
    VALUES ((SELECT id FROM search_docs WHERE kind = 'evidence' AND entity_id = NEW.id),
            NEW.file_name || '  ', '');
END;
CREATE TRIGGER evidence_search_delete AFTER DELETE ON evidence BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'evidence' AND entity_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'evidence' AND entity_id = OLD.id;
END;

-- A snapshot's questions go with it.
CREATE TRIGGER template_snapshots_search_delete AFTER DELETE ON template_snapshots BEGIN
    DELETE FROM search_questions WHERE sha256 = OLD.sha256;
END;

-- Backfill: what exists now is indexed now; findings are scored by search.rs on first use.
INSERT INTO search_docs (kind, entity_id, field)
SELECT 'contact', id, 'client' FROM clients WHERE trim(contact) <> '';
INSERT INTO search_docs (kind, entity_id, field)
SELECT 'contact', id, 'vendor' FROM vendors WHERE trim(contact) <> '';
INSERT INTO search_docs (kind, entity_id) SELECT 'action', id FROM actions;
INSERT INTO search_docs (kind, entity_id) SELECT 'evidence', id FROM evidence;
INSERT INTO search_fts (rowid, name, body)
SELECT d.id, c.contact || '  ', ''
FROM search_docs AS d JOIN clients AS c ON d.kind = 'contact' AND d.field = 'client' AND c.id = d.entity_id;
INSERT INTO search_fts (rowid, name, body)
SELECT d.id, v.contact || '  ', ''
FROM search_docs AS d JOIN vendors AS v ON d.kind = 'contact' AND d.field = 'vendor' AND v.id = d.entity_id;
INSERT INTO search_fts (rowid, name, body)
SELECT d.id, a.title || ' ' || a.title_zh || ' ' || a.title_en || ' ' || a.owner || '  ', a.note || '  '
FROM search_docs AS d JOIN actions AS a ON d.kind = 'action' AND a.id = d.entity_id;
INSERT INTO search_fts (rowid, name, body)
SELECT d.id, e.file_name || '  ', ''
FROM search_docs AS d JOIN evidence AS e ON d.kind = 'evidence' AND e.id = d.entity_id;
INSERT INTO search_stale (assessment_id) SELECT id FROM assessments;
