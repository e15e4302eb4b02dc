-- DPO Desk team database, schema 13: a search's findings cut to the newest before their hits
-- are built.
--
-- Profiled on the bench's restored database (1,000 assessments, 17,782 findings; docs/
-- benchmarks.md, "Team database beside the vault"): search_docs() for the body column built
-- the whole hit of every matching finding — its text by finding_text() over six columns, its
-- client, data source, vendor and archived state — and only then kept the newest `max_rows`.
-- For 同意 that is 6,028 findings: about 40 ms of the 45 ms that statement took, against
-- 12 ms for the answers beside it. Now:
--
-- 1. The findings are cut first, by the order the result is sorted by (the assessment's update
--    time, then its id; the finding's id keeps the cut the same from one search to the next),
--    with the visibility check inside the cut, and only the newest `max_rows` are built.
-- 2. assessments_recent orders assessments as that cut does, so for a common term the planner
--    walks the newest assessments and reads their findings (a few dozen) instead of every
--    finding holding the term; a rare one still goes through the trigram or bigram index
--    (the planner chooses by the bigram and trigram statistics).
-- 3. The names statement is written out as static PL/pgSQL (schema 11's text, the admin flag,
--    the pattern and the limit as parameters), so PostgreSQL keeps its plan for the session
--    (a generic plan after five custom ones): planning it anew took 9-19 ms of every search,
--    running it 1-6 ms. The other-text statement stays EXECUTEd: its plan depends on the term.
--
-- Everything else is schema 11's function unchanged.

CREATE INDEX assessments_recent ON dpodesk.assessments
    ((updated_at COLLATE "C") DESC, (id COLLATE "C") DESC);

CREATE OR REPLACE FUNCTION dpodesk.search_docs(names boolean, term text, max_rows integer)
RETURNS TABLE (kind text, id text, assessment_id text, target text, title text,
               label_zh text, label_en text, client_id text, client_name text,
               archived boolean, text text, note text, at text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
#variable_conflict use_column
DECLARE
    p_adm boolean := dpodesk.is_admin();
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
    -- Names: one statement whatever the term, written out (below: schema 11's text with the
    -- admin flag, the pattern and the limit as parameters) so PL/pgSQL keeps its plan for the
    -- session; planning it anew took 9-19 ms of each search, executing it 1-6 ms.
    IF names THEN
        RETURN QUERY
            SELECT * FROM (SELECT * FROM (SELECT 'client' AS kind, c.id, NULL::text AS assessment_id, NULL::text AS target,
                                c.name AS title, '' AS label_zh, '' AS label_en, c.id AS client_id,
                                c.name AS client_name, c.archived, c.name || ' ' || c.matter || '  ' AS text,
                                '' AS note, c.created_at AS at
                           FROM (SELECT * FROM dpodesk.clients WHERE p_adm OR id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS c
                         UNION ALL
                         SELECT 'contact', c.id, NULL, NULL, c.name, '', '', c.id, c.name, c.archived,
                                c.contact || '  ', '', c.created_at
                           FROM (SELECT * FROM dpodesk.clients WHERE p_adm OR id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS c WHERE trim(c.contact) <> ''
                         UNION ALL
                         SELECT 'data_source', s.id, NULL, NULL, s.name, '', '', c.id, c.name,
                                s.archived OR c.archived, s.name || ' ' || s.platform || '  ', '',
                                s.created_at
                           FROM (SELECT * FROM dpodesk.data_sources WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS s JOIN (SELECT * FROM dpodesk.clients WHERE p_adm OR id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS c ON c.id = s.client_id
                         UNION ALL
                         SELECT 'vendor', v.id, NULL, NULL, v.name, '', '', c.id, c.name,
                                v.archived OR c.archived, v.name || ' ' || v.service || '  ', '',
                                v.created_at
                           FROM (SELECT * FROM dpodesk.vendors WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS v JOIN (SELECT * FROM dpodesk.clients WHERE p_adm OR id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS c ON c.id = v.client_id
                         UNION ALL
                         SELECT 'contact', v.id, NULL, NULL, v.name, '', '', c.id, c.name,
                                v.archived OR c.archived, v.contact || '  ', '', v.created_at
                           FROM (SELECT * FROM dpodesk.vendors WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS v JOIN (SELECT * FROM dpodesk.clients WHERE p_adm OR id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS c ON c.id = v.client_id
                          WHERE trim(v.contact) <> ''
                         UNION ALL
                         SELECT 'assessment', a.id, a.id, NULL, a.title, '', '', c.id, c.name,
                                (coalesce(c.archived, false) OR coalesce(s.archived, false)
                      OR coalesce(v.archived, false)
                      OR EXISTS (SELECT 1 FROM (SELECT * FROM dpodesk.assessments
                      WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR p_adm
                                 ELSE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user) END) AS n WHERE n.previous_id = a.id)), a.title || '  ', '', a.created_at
                           FROM (SELECT * FROM dpodesk.assessments
                      WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR p_adm
                                 ELSE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user) END) AS a LEFT JOIN (SELECT * FROM dpodesk.clients WHERE p_adm OR id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS c ON c.id = a.client_id
                     LEFT JOIN (SELECT * FROM dpodesk.data_sources WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS s ON s.id = a.data_source_id
                     LEFT JOIN (SELECT * FROM dpodesk.vendors WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS v ON v.id = a.vendor_id
                         UNION ALL
                         SELECT 'action', t.id, t.assessment_id, nullif(t.finding_id, ''), t.title,
                                '', '', c.id, c.name, (coalesce(c.archived, false) OR coalesce(s.archived, false)
                      OR coalesce(v.archived, false)
                      OR (a.id IS NOT NULL
                          AND EXISTS (SELECT 1 FROM (SELECT * FROM dpodesk.assessments
                      WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR p_adm
                                 ELSE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user) END) AS n WHERE n.previous_id = a.id))),
                                t.title || ' ' || t.title_zh || ' ' || t.title_en || ' ' || t.owner
                                || '  ', '', t.created_at
                           FROM (SELECT * FROM dpodesk.actions
                      WHERE CASE WHEN client_id IS NOT NULL THEN p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)
                                 WHEN assessment_id IS NOT NULL
                                 THEN assessment_id IN (SELECT v.id FROM (SELECT * FROM dpodesk.assessments
                      WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR p_adm
                                 ELSE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user) END) AS v)
                                 ELSE p_adm END) AS t LEFT JOIN (SELECT * FROM dpodesk.assessments
                      WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR p_adm
                                 ELSE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user) END) AS a ON a.id = t.assessment_id
                     LEFT JOIN (SELECT * FROM dpodesk.clients WHERE p_adm OR id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS c ON c.id = coalesce(t.client_id, a.client_id)
                     LEFT JOIN (SELECT * FROM dpodesk.data_sources WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS s ON s.id = a.data_source_id
                     LEFT JOIN (SELECT * FROM dpodesk.vendors WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS v ON v.id = a.vendor_id
                         UNION ALL
                         SELECT 'evidence', e.id, a.id, e.question_id, a.title, '', '', c.id, c.name,
                                (coalesce(c.archived, false) OR coalesce(s.archived, false)
                      OR coalesce(v.archived, false)
                      OR EXISTS (SELECT 1 FROM (SELECT * FROM dpodesk.assessments
                      WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR p_adm
                                 ELSE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user) END) AS n WHERE n.previous_id = a.id)), e.file_name || '  ', '', e.added_at
                           FROM dpodesk.evidence AS e JOIN (SELECT * FROM dpodesk.assessments
                      WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR p_adm
                                 ELSE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user) END) AS a ON a.id = e.assessment_id LEFT JOIN (SELECT * FROM dpodesk.clients WHERE p_adm OR id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS c ON c.id = a.client_id
                     LEFT JOIN (SELECT * FROM dpodesk.data_sources WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS s ON s.id = a.data_source_id
                     LEFT JOIN (SELECT * FROM dpodesk.vendors WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                  WHERE g.member = session_user)) AS v ON v.id = a.vendor_id) AS d WHERE lower(d.text) LIKE pattern) AS d ORDER BY d.at COLLATE "C" DESC, d.id COLLATE "C" DESC LIMIT n;
        RETURN;
    END IF;
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
    others := format(
        'SELECT ''finding'' AS kind, a.id, a.id AS assessment_id, f.finding_id AS target,
                a.title, f.title_zh AS label_zh, f.title_en AS label_en, c.id AS client_id,
                c.name AS client_name, %2$s AS archived,
                dpodesk.finding_text(f.title_zh, f.title_en, f.explanation_zh,
                                     f.explanation_en, f.recommendation_zh,
                                     f.recommendation_en) AS text,
                '''' AS note, a.updated_at AS at
           FROM (SELECT f.*
                   FROM dpodesk.finding_docs AS f JOIN %1$s AS a ON a.id = f.assessment_id
                  WHERE f.search_text LIKE %7$L %8$s
                  ORDER BY a.updated_at COLLATE "C" DESC, a.id COLLATE "C" DESC,
                           f.finding_id COLLATE "C"
                  LIMIT %9$s) AS f
           JOIN dpodesk.assessments AS a ON a.id = f.assessment_id %3$s
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
             ELSE '' END, n);
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
