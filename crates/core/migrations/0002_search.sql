-- DPO Desk vault, schema 2: the search index over titles, client / data-source / vendor names and
-- answer text (crates/core/src/vault/search.rs reads it).
--
-- The index is kept in step by triggers, so every write path — core's own, a later import, a
-- re-opened version copying its answers — updates it in the same transaction as the write, and no
-- Rust code has to remember to. It lives inside the encrypted vault like everything else.
--
-- search_fts is an FTS5 table with the trigram tokenizer (case-insensitive substrings of three or
-- more characters, Chinese included). Each indexed text ends with two spaces, so that every one-
-- and two-character substring of the text begins some trigram: search.rs finds short terms such as
-- 同意 through the trigrams that start with them (search_vocab), not by scanning every row.
-- search_docs maps an FTS row to what it indexes, with a unique key for the triggers' look-ups.

CREATE TABLE search_docs (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('client', 'data_source', 'vendor', 'assessment', 'answer')),
    entity_id TEXT NOT NULL,
    -- The question id for an answer; '' otherwise.
    field     TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, entity_id, field)
) STRICT;

-- `name` holds titles and names (searched first), `body` answer text.
CREATE VIRTUAL TABLE search_fts USING fts5 (name, body, tokenize = 'trigram');
CREATE VIRTUAL TABLE search_vocab USING fts5vocab (search_fts, row);

-- "Is this the current version?" is asked for every assessment hit.
CREATE INDEX assessments_previous ON assessments (previous_id);

-- Every column of an assessment but its template snapshot. The snapshot (~190 KB of JSON) sits in
-- the middle of each row, so reading the title or any later column from the table walks the
-- snapshot's whole overflow chain (~47 pages, each decrypted): listing 10,000 assessments read
-- ~2 GB. Served from this covering index, listing and look-ups by id read a few KB instead
-- (`cargo xtask bench`, docs/benchmarks.md). Look-ups by id name it with INDEXED BY, because
-- SQLite otherwise takes the primary-key index, which is not covering.
CREATE UNIQUE INDEX assessments_summary ON assessments (
    id, kind, template_id, template_version, title, client_id, data_source_id, vendor_id, status,
    version, previous_id, created_by, created_at, updated_at
);

-- The searchable text of an answer: its text leaves (a free-text answer, the cells of a group's
-- rows, list items) except machine values — choice codes (yes, BUY, unlawful_list_trading), dates
-- and evidence ids, which hold only ASCII letters, digits, '_' and '-' — then its note. (So a
-- free-text answer of one bare Latin word is not indexed either; names and titles always are.)
CREATE VIEW search_answer_text (assessment_id, question_id, text) AS
SELECT a.assessment_id, a.question_id,
       trim(coalesce((SELECT group_concat(j.value, ' ') FROM json_tree(a.value) AS j
                      WHERE json_valid(a.value) AND j.type = 'text'
                        AND j.value GLOB '*[^-A-Za-z0-9_]*'), '')
            || ' ' || a.note)
FROM answers AS a;

-- Clients: name and matter.
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

-- Data sources: name and platform.
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

-- Vendors: name and service.
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

-- Assessments: the title.
CREATE TRIGGER assessments_search_insert AFTER INSERT ON assessments BEGIN
    INSERT INTO search_docs (kind, entity_id) VALUES ('assessment', NEW.id);
    INSERT INTO search_fts (rowid, name, body)
    VALUES ((SELECT id FROM search_docs WHERE kind = 'assessment' AND entity_id = NEW.id),
            NEW.title || '  ', '');
END;
CREATE TRIGGER assessments_search_update AFTER UPDATE OF title ON assessments
WHEN OLD.title IS NOT NEW.title BEGIN
    UPDATE search_fts SET name = NEW.title || '  '
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'assessment' AND entity_id = NEW.id);
END;
CREATE TRIGGER assessments_search_delete AFTER DELETE ON assessments BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs WHERE kind = 'assessment' AND entity_id = OLD.id);
    DELETE FROM search_docs WHERE kind = 'assessment' AND entity_id = OLD.id;
END;

-- Answers: one document per answer that has searchable text; a changed answer is indexed anew.
CREATE TRIGGER answers_search_insert AFTER INSERT ON answers BEGIN
    INSERT INTO search_docs (kind, entity_id, field)
    SELECT 'answer', t.assessment_id, t.question_id FROM search_answer_text AS t
    WHERE t.assessment_id = NEW.assessment_id AND t.question_id = NEW.question_id AND t.text <> '';
    INSERT INTO search_fts (rowid, name, body)
    SELECT d.id, '', t.text || '  '
    FROM search_answer_text AS t
    JOIN search_docs AS d ON d.kind = 'answer' AND d.entity_id = t.assessment_id AND d.field = t.question_id
    WHERE t.assessment_id = NEW.assessment_id AND t.question_id = NEW.question_id;
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
END;
CREATE TRIGGER answers_search_delete AFTER DELETE ON answers BEGIN
    DELETE FROM search_fts
    WHERE rowid = (SELECT id FROM search_docs
                   WHERE kind = 'answer' AND entity_id = OLD.assessment_id AND field = OLD.question_id);
    DELETE FROM search_docs
    WHERE kind = 'answer' AND entity_id = OLD.assessment_id AND field = OLD.question_id;
END;

-- Backfill: a vault made before this schema gets every existing row indexed now.
INSERT INTO search_docs (kind, entity_id) SELECT 'client', id FROM clients;
INSERT INTO search_docs (kind, entity_id) SELECT 'data_source', id FROM data_sources;
INSERT INTO search_docs (kind, entity_id) SELECT 'vendor', id FROM vendors;
INSERT INTO search_docs (kind, entity_id) SELECT 'assessment', id FROM assessments;
INSERT INTO search_docs (kind, entity_id, field)
SELECT 'answer', assessment_id, question_id FROM search_answer_text WHERE text <> '';

INSERT INTO search_fts (rowid, name, body)
SELECT d.id, c.name || ' ' || c.matter || '  ', ''
FROM search_docs AS d JOIN clients AS c ON d.kind = 'client' AND c.id = d.entity_id;
INSERT INTO search_fts (rowid, name, body)
SELECT d.id, s.name || ' ' || s.platform || '  ', ''
FROM search_docs AS d JOIN data_sources AS s ON d.kind = 'data_source' AND s.id = d.entity_id;
INSERT INTO search_fts (rowid, name, body)
SELECT d.id, v.name || ' ' || v.service || '  ', ''
FROM search_docs AS d JOIN vendors AS v ON d.kind = 'vendor' AND v.id = d.entity_id;
INSERT INTO search_fts (rowid, name, body)
SELECT d.id, a.title || '  ', ''
FROM search_docs AS d JOIN assessments AS a ON d.kind = 'assessment' AND a.id = d.entity_id;
INSERT INTO search_fts (rowid, name, body)
SELECT d.id, '', t.text || '  '
FROM search_docs AS d
JOIN search_answer_text AS t ON d.kind = 'answer' AND t.assessment_id = d.entity_id AND t.question_id = d.field;
