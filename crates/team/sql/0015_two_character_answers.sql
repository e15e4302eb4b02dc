-- DPO Desk team database, schema 15: a common two-character term searched through the bigram
-- index alone.
--
-- At 10,000 assessments (~965,000 answers) a search for 同意 took 11.4 s where 1,000 took 20 ms.
-- search_answers()' two-character statement asks for `bigrams(search_text) @> {term}` (the
-- bigram index, exact) and `search_text LIKE %term%`; with more rows the planner also used the
-- trigram index for the LIKE (it estimated ~7,000 rows), but a two-character pattern has no
-- trigram, so that scan returned every answer and made the bitmap lossy: each of the ~9,500
-- matching rows was then rechecked, recomputing bigrams() over its text (a SQL function the
-- planner cannot inline, ~1.1 ms a row): 10.9 of the 11.5 s. `search_text || ''` is the same
-- text to the LIKE but no index matches it, so the bigram index alone finds the rows, as the
-- one-character path already did (~34 ms for the statement at 10,000, measured on a copy of the
-- bench's database). Only that statement changes; the rows returned are the same.

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
             WHERE dpodesk.bigrams(a.search_text) @> ARRAY[%L]
               AND a.search_text || '''' LIKE %L AND %s
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
