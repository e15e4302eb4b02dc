-- DPO Desk team database, schema 14: the other-text search keeps its plans.
--
-- Schema 13 left search_docs()' other-text statement EXECUTEd, so it was planned anew on every
-- search: a union of findings, actions and answers, each joined to its policy sub-selects,
-- 7-10 ms of planning per search on the bench's database (docs/benchmarks.md, "Team database
-- beside the vault"). Only one part of it depends on the term: the findings' cut (schema 13),
-- whose path the planner picks from the term (the trigram or the bigram index for a rare term,
-- the newest assessments first for a common one), like search_answers()' own statements. So:
--
-- 1. The cut alone stays EXECUTEd, planned for its term: a two-table statement that returns
--    the newest `max_rows` visible findings' keys (same order and tie-breaks as schema 13).
-- 2. Everything else is one static statement: the cut findings' hits built from their keys,
--    the actions, the answers search_answers() found, each with its client, data source,
--    vendor and archived state, under the same policies written with the admin flag as a
--    parameter (as the names statement, schema 13). PL/pgSQL keeps its plan for the session
--    (a generic plan after five custom ones), since no part of it depends on the term.
--
-- The names statement is schema 13's, unchanged; the rows returned are the same.

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
    n integer := greatest(max_rows, 0);
    cut_assessments text[];
    cut_findings text[];
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
    -- The findings' cut, planned for its term: the newest `n` visible findings that hold it.
    EXECUTE format(
        'SELECT coalesce(array_agg(f.assessment_id), ''{}''), coalesce(array_agg(f.finding_id), ''{}'')
           FROM (SELECT f.assessment_id, f.finding_id
                   FROM dpodesk.finding_docs AS f
                   JOIN (SELECT * FROM dpodesk.assessments
                          WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR %1$s
                                     ELSE %1$s OR client_id IN (SELECT g.client_id
                                                                  FROM dpodesk.client_grants AS g
                                                                 WHERE g.member = session_user)
                                END) AS a ON a.id = f.assessment_id
                  WHERE f.search_text LIKE %2$L %3$s
                  ORDER BY a.updated_at COLLATE "C" DESC, a.id COLLATE "C" DESC,
                           f.finding_id COLLATE "C"
                  LIMIT %4$s) AS f',
        CASE WHEN p_adm THEN 'true' ELSE 'false' END, pattern,
        CASE WHEN char_length(term) = 2
             THEN format('AND dpodesk.bigrams(f.search_text) @> ARRAY[%L]', lower(term))
             ELSE '' END, n)
    INTO cut_assessments, cut_findings;
    -- The rest, whatever the term: the plan is kept.
    RETURN QUERY
        SELECT * FROM (
            SELECT 'finding' AS kind, a.id, a.id AS assessment_id, f.finding_id AS target,
                   a.title, f.title_zh AS label_zh, f.title_en AS label_en, c.id AS client_id,
                   c.name AS client_name,
                   (coalesce(c.archived, false) OR coalesce(s.archived, false)
                    OR coalesce(v.archived, false)
                    OR EXISTS (SELECT 1 FROM (SELECT * FROM dpodesk.assessments
                                WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR p_adm
                                           ELSE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                                                       WHERE g.member = session_user) END) AS n
                               WHERE n.previous_id = a.id)) AS archived,
                   dpodesk.finding_text(f.title_zh, f.title_en, f.explanation_zh, f.explanation_en,
                                        f.recommendation_zh, f.recommendation_en) AS text,
                   '' AS note, a.updated_at AS at
              FROM unnest(cut_assessments, cut_findings) AS k (assessment_id, finding_id)
              JOIN dpodesk.finding_docs AS f
                ON f.assessment_id = k.assessment_id AND f.finding_id = k.finding_id
              JOIN dpodesk.assessments AS a ON a.id = f.assessment_id
              LEFT JOIN (SELECT * FROM dpodesk.clients WHERE p_adm OR id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                         WHERE g.member = session_user)) AS c ON c.id = a.client_id
              LEFT JOIN (SELECT * FROM dpodesk.data_sources WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                         WHERE g.member = session_user)) AS s ON s.id = a.data_source_id
              LEFT JOIN (SELECT * FROM dpodesk.vendors WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                         WHERE g.member = session_user)) AS v ON v.id = a.vendor_id
            UNION ALL
            SELECT * FROM (
                SELECT 'action', t.id, t.assessment_id, nullif(t.finding_id, ''), t.title, '', '',
                       c.id, c.name,
                       (coalesce(c.archived, false) OR coalesce(s.archived, false)
                        OR coalesce(v.archived, false)
                        OR (a.id IS NOT NULL
                            AND EXISTS (SELECT 1 FROM (SELECT * FROM dpodesk.assessments
                                WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR p_adm
                                           ELSE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                                                       WHERE g.member = session_user) END) AS n
                                        WHERE n.previous_id = a.id))),
                       t.note || '  ' AS text, '', t.created_at
                  FROM (SELECT * FROM dpodesk.actions
                         WHERE CASE WHEN client_id IS NOT NULL
                                    THEN p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                                                WHERE g.member = session_user)
                                    WHEN assessment_id IS NOT NULL
                                    THEN assessment_id IN (SELECT w.id FROM (SELECT * FROM dpodesk.assessments
                                WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR p_adm
                                           ELSE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                                                       WHERE g.member = session_user) END) AS w)
                                    ELSE p_adm END) AS t
                  LEFT JOIN (SELECT * FROM dpodesk.assessments
                              WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR p_adm
                                         ELSE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                                                     WHERE g.member = session_user) END) AS a
                         ON a.id = t.assessment_id
                  LEFT JOIN (SELECT * FROM dpodesk.clients WHERE p_adm OR id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                             WHERE g.member = session_user)) AS c ON c.id = coalesce(t.client_id, a.client_id)
                  LEFT JOIN (SELECT * FROM dpodesk.data_sources WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                             WHERE g.member = session_user)) AS s ON s.id = a.data_source_id
                  LEFT JOIN (SELECT * FROM dpodesk.vendors WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                             WHERE g.member = session_user)) AS v ON v.id = a.vendor_id) AS d
             WHERE lower(d.text) LIKE pattern
            UNION ALL
            -- The answers search_answers() found, the newest `n` (it checked their visibility).
            SELECT 'answer', a.id, a.id, x.question_id, a.title, '', '', c.id, c.name,
                   (coalesce(c.archived, false) OR coalesce(s.archived, false)
                    OR coalesce(v.archived, false)
                    OR EXISTS (SELECT 1 FROM (SELECT * FROM dpodesk.assessments
                                WHERE CASE WHEN client_id IS NULL THEN created_by = session_user OR p_adm
                                           ELSE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                                                                       WHERE g.member = session_user) END) AS n
                               WHERE n.previous_id = a.id)),
                   x.value, x.note, x.updated_at
              FROM dpodesk.search_answers(term, n) AS h
              JOIN dpodesk.answers AS x
                ON x.assessment_id = h.assessment_id AND x.question_id = h.question_id
              JOIN dpodesk.assessments AS a ON a.id = x.assessment_id
              LEFT JOIN (SELECT * FROM dpodesk.clients WHERE p_adm OR id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                         WHERE g.member = session_user)) AS c ON c.id = a.client_id
              LEFT JOIN (SELECT * FROM dpodesk.data_sources WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                         WHERE g.member = session_user)) AS s ON s.id = a.data_source_id
              LEFT JOIN (SELECT * FROM dpodesk.vendors WHERE p_adm OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                         WHERE g.member = session_user)) AS v ON v.id = a.vendor_id
        ) AS d ORDER BY d.at COLLATE "C" DESC, d.id COLLATE "C" DESC LIMIT n;
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
