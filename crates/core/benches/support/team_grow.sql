-- Bench only (crates/core/benches/support/team_grow.rs): the filled team database of the base
-- size copied `copies` more times on the server, as if the generator had gone on writing.
-- Run as the cluster's superuser in one transaction, with session_replication_role = replica
-- (no triggers: every column they would write is written here, from the rows they wrote for the
-- base). Inputs, in temporary tables made by the caller:
--   grow_copies (k, shift_ms)            copy k's times (and ids' UUIDv7 times) moved on by shift_ms
--   grow_clients (old_id, k, name, matter, contact)   the generator's client number c + k × base
-- and pg_temp.grow_base(): how many assessments the base has (titles "… #i" become i + k × base).

-- A UUIDv7 moved on in time: its first 48 bits are the milliseconds since 1970; the rest is kept,
-- and copies never overlap in time, so the ids stay unique and sort as they were written.
CREATE FUNCTION pg_temp.shift_id(id text, ms bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || substr(id, 14)
    FROM (SELECT lpad(to_hex(('x' || substr(id, 1, 8) || substr(id, 10, 4))::bit(48)::bigint + ms),
                      12, '0') AS h) AS t
$$;

-- A time in the store's text form (RFC 3339 UTC, milliseconds) moved on; other text is kept.
CREATE FUNCTION pg_temp.shift_at(at text, ms bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN at ~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
                THEN to_char((at::timestamptz + ms * interval '1 millisecond') AT TIME ZONE 'UTC',
                             'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                ELSE at END
$$;

-- An assessment's title in copy k: the generator numbers titles "… #i"; the 300-answer one has
-- no number and gets its copy's first ("… #1000").
CREATE FUNCTION pg_temp.copy_title(title text, k integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN title ~ '#\d+$'
                THEN regexp_replace(title, '#\d+$',
                                    '#' || (substring(title from '#(\d+)$')::bigint
                                            + k * pg_temp.grow_base()))
                ELSE title || ' #' || k * pg_temp.grow_base() END
$$;

-- Every id the copies rename: the base's rows' ids, per copy.
CREATE TEMP TABLE grow_ids (old text, k integer, new text, PRIMARY KEY (old, k));
INSERT INTO grow_ids
SELECT o.id, c.k, pg_temp.shift_id(o.id, c.shift_ms)
FROM (SELECT id FROM dpodesk.clients UNION ALL SELECT id FROM dpodesk.data_sources
      UNION ALL SELECT id FROM dpodesk.vendors UNION ALL SELECT id FROM dpodesk.assessments
      UNION ALL SELECT id FROM dpodesk.audit_log UNION ALL SELECT id FROM dpodesk.work_units) AS o
CROSS JOIN grow_copies AS c;

-- pg_temp.copy_rows(table, overrides, joins, order): each row of the table, once per copy (c.k,
-- c.shift_ms in scope, the row as o), with `overrides` (a jsonb expression) laid over it, inserted
-- in `order`; columns the database generates are left to it (search texts computed as for any
-- insert, audit_log.seq numbered on).
CREATE FUNCTION pg_temp.copy_rows(tbl regclass, overrides text, joins text DEFAULT '',
                                  ord text DEFAULT 'c.k')
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    cols text;
    n bigint;
BEGIN
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
    FROM pg_attribute
    WHERE attrelid = tbl AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
      AND attidentity <> 'a';
    EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM (SELECT (jsonb_populate_record(NULL::%s, '
                   'to_jsonb(o) || %s)).* FROM %s AS o CROSS JOIN grow_copies AS c %s '
                   'ORDER BY %s) AS r',
                   tbl, cols, cols, tbl, overrides, tbl, joins, ord);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;

-- The base's rows, before any copy is added.
CREATE TEMP TABLE grow_base_assessments AS SELECT id FROM dpodesk.assessments;

SELECT pg_temp.copy_rows('dpodesk.clients', $$jsonb_build_object(
    'id', (SELECT new FROM grow_ids WHERE old = o.id AND k = c.k),
    'name', n.name, 'matter', n.matter, 'contact', n.contact,
    'created_at', pg_temp.shift_at(o.created_at, c.shift_ms),
    'updated_at', pg_temp.shift_at(o.updated_at, c.shift_ms),
    'changed_at', pg_temp.shift_at(o.changed_at, c.shift_ms))$$,
    'JOIN grow_clients AS n ON n.old_id = o.id AND n.k = c.k');

SELECT pg_temp.copy_rows('dpodesk.client_grants', $$jsonb_build_object(
    'client_id', (SELECT new FROM grow_ids WHERE old = o.client_id AND k = c.k),
    'granted_at', o.granted_at + c.shift_ms * interval '1 millisecond')$$);

SELECT pg_temp.copy_rows(t, $$jsonb_build_object(
    'id', (SELECT new FROM grow_ids WHERE old = o.id AND k = c.k),
    'client_id', (SELECT new FROM grow_ids WHERE old = o.client_id AND k = c.k),
    'created_at', pg_temp.shift_at(o.created_at, c.shift_ms),
    'updated_at', pg_temp.shift_at(o.updated_at, c.shift_ms),
    'changed_at', pg_temp.shift_at(o.changed_at, c.shift_ms))$$)
FROM unnest(ARRAY['dpodesk.data_sources', 'dpodesk.vendors']::regclass[]) AS t;

SELECT pg_temp.copy_rows('dpodesk.assessments', $$jsonb_build_object(
    'id', (SELECT new FROM grow_ids WHERE old = o.id AND k = c.k),
    'client_id', (SELECT new FROM grow_ids WHERE old = o.client_id AND k = c.k),
    'data_source_id', (SELECT new FROM grow_ids WHERE old = o.data_source_id AND k = c.k),
    'vendor_id', (SELECT new FROM grow_ids WHERE old = o.vendor_id AND k = c.k),
    'previous_id', (SELECT new FROM grow_ids WHERE old = o.previous_id AND k = c.k),
    'title', pg_temp.copy_title(o.title, c.k),
    'created_at', pg_temp.shift_at(o.created_at, c.shift_ms),
    'updated_at', pg_temp.shift_at(o.updated_at, c.shift_ms),
    'changed_at', pg_temp.shift_at(o.changed_at, c.shift_ms))$$);

SELECT pg_temp.copy_rows('dpodesk.answers', $$jsonb_build_object(
    'assessment_id', (SELECT new FROM grow_ids WHERE old = o.assessment_id AND k = c.k),
    'updated_at', pg_temp.shift_at(o.updated_at, c.shift_ms),
    'changed_at', pg_temp.shift_at(o.changed_at, c.shift_ms))$$);

SELECT pg_temp.copy_rows('dpodesk.assessment_editors', $$jsonb_build_object(
    'assessment_id', (SELECT new FROM grow_ids WHERE old = o.assessment_id AND k = c.k),
    'first_at', pg_temp.shift_at(o.first_at, c.shift_ms))$$);

SELECT pg_temp.copy_rows(t, $$jsonb_build_object(
    'assessment_id', (SELECT new FROM grow_ids WHERE old = o.assessment_id AND k = c.k))$$)
FROM unnest(ARRAY['dpodesk.finding_docs', 'dpodesk.assessment_summaries']::regclass[]) AS t;

SELECT pg_temp.copy_rows('dpodesk.work_units', $$jsonb_build_object(
    'id', (SELECT new FROM grow_ids WHERE old = o.id AND k = c.k),
    'committed_at', o.committed_at + c.shift_ms * interval '1 millisecond')$$);

-- The audit entries: each client's chain copied under its copy, in order; the hashes follow.
-- A summary that names the client or the assessment names the copy's.
SELECT pg_temp.copy_rows('dpodesk.audit_log', $$jsonb_build_object(
    'id', (SELECT new FROM grow_ids WHERE old = o.id AND k = c.k),
    'at', pg_temp.shift_at(o.at, c.shift_ms),
    'entity_id', coalesce((SELECT new FROM grow_ids WHERE old = o.entity_id AND k = c.k),
                          o.entity_id),
    'client_id', (SELECT new FROM grow_ids WHERE old = o.client_id AND k = c.k),
    'summary', CASE WHEN ba.id IS NOT NULL
                    THEN replace(o.summary, ba.title, pg_temp.copy_title(ba.title, c.k))
                    ELSE replace(o.summary, b.name, n.name) END)$$,
    'JOIN dpodesk.clients AS b ON b.id = o.client_id
     JOIN grow_clients AS n ON n.old_id = o.client_id AND n.k = c.k
     LEFT JOIN grow_base_assessments AS bid ON bid.id = o.entity_id
     LEFT JOIN dpodesk.assessments AS ba ON ba.id = bid.id', 'c.k, o.seq');

-- Each copied chain hashed as chain_entry() hashes a new entry (dpodesk.entry_hash, the
-- summary's digest), position by position, and its head recorded as chain_entry() records it.
DO $$
DECLARE
    chain text;
    e dpodesk.audit_log;
    prev text;
    n bigint;
BEGIN
    FOR chain IN SELECT g.new FROM grow_ids AS g JOIN dpodesk.clients AS b ON b.id = g.old LOOP
        prev := repeat('0', 64);
        n := 0;
        FOR e IN SELECT * FROM dpodesk.audit_log WHERE client_id = chain ORDER BY position LOOP
            n := n + 1;
            e.prev_hash := prev;
            e.detail_sha256 := encode(sha256(convert_to(e.summary, 'UTF8')), 'hex');
            e.hash := dpodesk.entry_hash(e);
            UPDATE dpodesk.audit_log
            SET prev_hash = e.prev_hash, detail_sha256 = e.detail_sha256, hash = e.hash
            WHERE seq = e.seq;
            prev := e.hash;
        END LOOP;
        INSERT INTO dpodesk.audit_heads (chain, head_hash, count) VALUES (chain, prev, n);
    END LOOP;
END
$$;
