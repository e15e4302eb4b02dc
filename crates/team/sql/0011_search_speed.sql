-- DPO Desk team database, schema 11: search as fast as the vault's.
--
-- Two costs made a member's search several times the vault's (docs/team-mode.md, "Search"):
--
-- 1. The texts other than answers (names, titles, contacts, findings, action notes) were read
--    by a member's own LIKE, which row-level security applies after the policies (LIKE is not
--    LEAKPROOF), so it read every row he may see, and the client got every match. search_docs()
--    reads them as the owner, applying the same visibility the policies state (sql/0002 and
--    0006) in its own WHERE, and returns only the newest `max_rows` of a column: the caller asks
--    again for more when its other terms leave it short.
-- 2. A two-character term (同意, 名单) has no trigram, so a rare one cost a scan of every answer.
--    bigrams() gives a text's distinct two-character substrings, and a GIN index over it (an
--    expression index: PostgreSQL keeps it, no trigger, no extension) finds the few answers that
--    hold a rare pair; ANALYZE's statistics of the array's elements let the planner walk the
--    recency index instead for a common one. Measured before chosen: docs/team-mode.md.

CREATE FUNCTION dpodesk.bigrams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog AS $$
    SELECT coalesce(array_agg(DISTINCT substr(value, i, 2)), '{}')
    FROM generate_series(1, char_length(value) - 1) AS i
$$;

CREATE INDEX answers_bigrams ON dpodesk.answers USING gin (dpodesk.bigrams(search_text));

-- A finding's searchable text, as the vault's search documents hold it; kept beside the row,
-- lower-cased, so the trigram and bigram indexes serve it (reading every finding's six texts
-- took 121 ms for 17,782 findings at 1,000 assessments).
CREATE FUNCTION dpodesk.finding_text(title_zh text, title_en text, explanation_zh text,
                                     explanation_en text, recommendation_zh text,
                                     recommendation_en text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT concat_ws(E'\n\n', trim(title_zh), trim(title_en), trim(explanation_zh),
                     trim(explanation_en), trim(recommendation_zh), trim(recommendation_en))
           || '  '
$$;
ALTER TABLE dpodesk.finding_docs
    ADD COLUMN search_text text GENERATED ALWAYS AS (lower(dpodesk.finding_text(
        title_zh, title_en, explanation_zh, explanation_en, recommendation_zh,
        recommendation_en))) STORED;
DO $$
BEGIN
    EXECUTE format('CREATE INDEX finding_docs_search ON dpodesk.finding_docs USING gin (search_text %s.gin_trgm_ops)',
                   (SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'));
END
$$;
CREATE INDEX finding_docs_bigrams ON dpodesk.finding_docs USING gin (dpodesk.bigrams(search_text));

-- As in schema 4, with the two-character path through answers_bigrams. A term of one character
-- keeps schema 4's bounded scan (newest 20,000 answers first, then one read of all).
CREATE OR REPLACE FUNCTION dpodesk.search_answers(term text, max_hits integer)
RETURNS TABLE (assessment_id text, question_id text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    pattern text := '%' || replace(replace(replace(lower(term), '\', '\\'), '%', '\%'), '_', '\_')
                    || '%';
    visible text := format(
        '(%L OR CASE WHEN s.client_id IS NULL THEN s.created_by = session_user
                     ELSE s.client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                          WHERE g.member = session_user) END)',
        dpodesk.is_admin());
    hits integer := greatest(max_hits, 0);
    window_query text;
    found integer;
BEGIN
    IF char_length(term) >= 3 THEN
        RETURN QUERY EXECUTE format(
            'SELECT a.assessment_id, a.question_id
             FROM dpodesk.answers AS a JOIN dpodesk.assessments AS s ON s.id = a.assessment_id
             WHERE a.search_text LIKE %L AND %s
             ORDER BY a.updated_at DESC LIMIT %s', pattern, visible, hits);
        RETURN;
    END IF;
    IF char_length(term) = 2 THEN
        RETURN QUERY EXECUTE format(
            'SELECT a.assessment_id, a.question_id
             FROM dpodesk.answers AS a JOIN dpodesk.assessments AS s ON s.id = a.assessment_id
             WHERE dpodesk.bigrams(a.search_text) @> ARRAY[%L] AND a.search_text LIKE %L AND %s
             ORDER BY a.updated_at DESC LIMIT %s', lower(term), pattern, visible, hits);
        RETURN;
    END IF;
    window_query := format(
        'SELECT a.assessment_id, a.question_id
         FROM (SELECT * FROM dpodesk.answers ORDER BY updated_at DESC LIMIT 20000) AS a
         JOIN dpodesk.assessments AS s ON s.id = a.assessment_id
         WHERE a.search_text LIKE %L AND %s
         ORDER BY a.updated_at DESC LIMIT %s', pattern, visible, hits);
    EXECUTE format('SELECT count(*) FROM (%s) AS w', window_query) INTO found;
    IF found >= hits THEN
        RETURN QUERY EXECUTE window_query;
    ELSE
        RETURN QUERY EXECUTE format(
            'WITH a AS MATERIALIZED (
                 SELECT assessment_id, question_id, updated_at FROM dpodesk.answers
                 WHERE search_text || '''' LIKE %L)
             SELECT a.assessment_id, a.question_id
             FROM a JOIN dpodesk.assessments AS s ON s.id = a.assessment_id
             WHERE %s
             ORDER BY a.updated_at DESC LIMIT %s', pattern, visible, hits);
    END IF;
END
$$;

-- The newest `max_rows` searchable texts of one of the vault's two columns (`names`: names,
-- titles, contacts, action titles and owners, evidence file names; else answers, findings and
-- action notes) that the caller may see and whose lower-cased text holds `term`, with the hit
-- each makes (dpodesk_team::store::search_docs). Runs as the owner, whom row-level security does
-- not filter: every table is read through a sub-select that states its policy (sql/0002_access),
-- with the caller's grants read once; answers come through search_answers(), which does the
-- same. Each statement is planned for its term (EXECUTE).
CREATE FUNCTION dpodesk.search_docs(names boolean, term text, max_rows integer)
RETURNS TABLE (kind text, id text, assessment_id text, target text, title text,
               label_zh text, label_en text, client_id text, client_name text,
               archived boolean, text text, note text, at text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    pattern text := '%' || replace(replace(replace(lower(term), '\', '\\'), '%', '\%'), '_', '\_')
                    || '%';
    adm text := CASE WHEN dpodesk.is_admin() THEN 'true' ELSE 'false' END;
    granted text := '(SELECT g.client_id FROM dpodesk.client_grants AS g
                      WHERE g.member = session_user)';
    n integer := greatest(max_rows, 0);
    clients text;
    sources text;
    vendors text;
    assessments text;
    actions text;
    in_archived text;
    joins text;
    action_joins text;
    action_archived text;
    others text;
    answers text := '';
BEGIN
    clients := format('(SELECT * FROM dpodesk.clients WHERE %s OR id IN %s)', adm, granted);
    sources := format('(SELECT * FROM dpodesk.data_sources WHERE %s OR client_id IN %s)',
                      adm, granted);
    vendors := format('(SELECT * FROM dpodesk.vendors WHERE %s OR client_id IN %s)',
                      adm, granted);
    assessments := format(
        '(SELECT * FROM dpodesk.assessments
          WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR %1$s
                     ELSE %1$s OR client_id IN %2$s END)', adm, granted);
    actions := format(
        '(SELECT * FROM dpodesk.actions
          WHERE CASE WHEN client_id IS NOT NULL THEN %1$s OR client_id IN %2$s
                     WHEN assessment_id IS NOT NULL
                     THEN assessment_id IN (SELECT v.id FROM %3$s AS v)
                     ELSE %1$s END)', adm, granted, assessments);
    -- Archived as the vault's search says of anything inside assessment `a`.
    in_archived := format(
        '(coalesce(c.archived, false) OR coalesce(s.archived, false)
          OR coalesce(v.archived, false)
          OR EXISTS (SELECT 1 FROM %s AS n WHERE n.previous_id = a.id))', assessments);
    joins := format(
        'LEFT JOIN %s AS c ON c.id = a.client_id
         LEFT JOIN %s AS s ON s.id = a.data_source_id
         LEFT JOIN %s AS v ON v.id = a.vendor_id', clients, sources, vendors);
    action_joins := format(
        'LEFT JOIN %s AS a ON a.id = t.assessment_id
         LEFT JOIN %s AS c ON c.id = coalesce(t.client_id, a.client_id)
         LEFT JOIN %s AS s ON s.id = a.data_source_id
         LEFT JOIN %s AS v ON v.id = a.vendor_id', assessments, clients, sources, vendors);
    action_archived := format(
        '(coalesce(c.archived, false) OR coalesce(s.archived, false)
          OR coalesce(v.archived, false)
          OR (a.id IS NOT NULL
              AND EXISTS (SELECT 1 FROM %s AS n WHERE n.previous_id = a.id)))', assessments);
    IF names THEN
        others := format(
            'SELECT ''client'' AS kind, c.id, NULL::text AS assessment_id, NULL::text AS target,
                    c.name AS title, '''' AS label_zh, '''' AS label_en, c.id AS client_id,
                    c.name AS client_name, c.archived, c.name || '' '' || c.matter || ''  '' AS text,
                    '''' AS note, c.created_at AS at
               FROM %1$s AS c
             UNION ALL
             SELECT ''contact'', c.id, NULL, NULL, c.name, '''', '''', c.id, c.name, c.archived,
                    c.contact || ''  '', '''', c.created_at
               FROM %1$s AS c WHERE trim(c.contact) <> ''''
             UNION ALL
             SELECT ''data_source'', s.id, NULL, NULL, s.name, '''', '''', c.id, c.name,
                    s.archived OR c.archived, s.name || '' '' || s.platform || ''  '', '''',
                    s.created_at
               FROM %2$s AS s JOIN %1$s AS c ON c.id = s.client_id
             UNION ALL
             SELECT ''vendor'', v.id, NULL, NULL, v.name, '''', '''', c.id, c.name,
                    v.archived OR c.archived, v.name || '' '' || v.service || ''  '', '''',
                    v.created_at
               FROM %3$s AS v JOIN %1$s AS c ON c.id = v.client_id
             UNION ALL
             SELECT ''contact'', v.id, NULL, NULL, v.name, '''', '''', c.id, c.name,
                    v.archived OR c.archived, v.contact || ''  '', '''', v.created_at
               FROM %3$s AS v JOIN %1$s AS c ON c.id = v.client_id
              WHERE trim(v.contact) <> ''''
             UNION ALL
             SELECT ''assessment'', a.id, a.id, NULL, a.title, '''', '''', c.id, c.name,
                    %5$s, a.title || ''  '', '''', a.created_at
               FROM %4$s AS a %6$s
             UNION ALL
             SELECT ''action'', t.id, t.assessment_id, nullif(t.finding_id, ''''), t.title,
                    '''', '''', c.id, c.name, %8$s,
                    t.title || '' '' || t.title_zh || '' '' || t.title_en || '' '' || t.owner
                    || ''  '', '''', t.created_at
               FROM %7$s AS t %9$s
             UNION ALL
             SELECT ''evidence'', e.id, a.id, e.question_id, a.title, '''', '''', c.id, c.name,
                    %5$s, e.file_name || ''  '', '''', e.added_at
               FROM dpodesk.evidence AS e JOIN %4$s AS a ON a.id = e.assessment_id %6$s',
            clients, sources, vendors, assessments, in_archived, joins, actions,
            action_archived, action_joins);
    ELSE
        others := format(
            'SELECT ''finding'' AS kind, a.id, a.id AS assessment_id, f.finding_id AS target,
                    a.title, f.title_zh AS label_zh, f.title_en AS label_en, c.id AS client_id,
                    c.name AS client_name, %2$s AS archived,
                    dpodesk.finding_text(f.title_zh, f.title_en, f.explanation_zh,
                                         f.explanation_en, f.recommendation_zh,
                                         f.recommendation_en) AS text,
                    '''' AS note, a.updated_at AS at
               FROM dpodesk.finding_docs AS f JOIN %1$s AS a ON a.id = f.assessment_id %3$s
              WHERE f.search_text LIKE %7$L %8$s
             UNION ALL
             SELECT * FROM (
                 SELECT ''action'', t.id, t.assessment_id, nullif(t.finding_id, ''''), t.title,
                        '''', '''', c.id, c.name, %5$s, t.note || ''  '' AS text, '''',
                        t.created_at
                   FROM %4$s AS t %6$s) AS d
              WHERE lower(d.text) LIKE %7$L',
            assessments, in_archived, joins, actions, action_archived, action_joins, pattern,
            CASE WHEN char_length(term) = 2
                 THEN format('AND dpodesk.bigrams(f.search_text) @> ARRAY[%L]', lower(term))
                 ELSE '' END);
        -- The answers search_answers() found, the newest `n` (it checked their visibility).
        answers := format(
            ' UNION ALL
             SELECT ''answer'', a.id, a.id, x.question_id, a.title, '''', '''', c.id, c.name,
                    %1$s, x.value, x.note, x.updated_at
               FROM dpodesk.search_answers(%2$L, %3$s) AS h
               JOIN dpodesk.answers AS x
                 ON x.assessment_id = h.assessment_id AND x.question_id = h.question_id
               JOIN dpodesk.assessments AS a ON a.id = x.assessment_id %4$s',
            in_archived, term, n, joins);
    END IF;
    IF names THEN
        others := format('SELECT * FROM (%s) AS d WHERE lower(d.text) LIKE %L', others, pattern);
    END IF;
    RETURN QUERY EXECUTE format(
        'SELECT * FROM (%s%s) AS d ORDER BY d.at COLLATE "C" DESC, d.id COLLATE "C" DESC LIMIT %s',
        others, answers, n);
END
$$;

DO $$
BEGIN
    EXECUTE 'REVOKE EXECUTE ON FUNCTION dpodesk.search_docs(boolean, text, integer) FROM PUBLIC';
    EXECUTE format('GRANT EXECUTE ON FUNCTION dpodesk.search_docs(boolean, text, integer) TO %I, %I, %I, %I',
                   dpodesk.group_role('author'), dpodesk.group_role('reviewer'),
                   dpodesk.group_role('approver'), dpodesk.group_role('admin'));
END
$$;
