-- DPO Desk team database, schema 4: search over answer text (the vault's search_fts and
-- search_answer_text, done the PostgreSQL way).
--
-- answers.search_text is the answer's searchable text, lower-cased, kept by PostgreSQL itself (a
-- stored generated column): the text leaves of the JSON value except machine values (choice
-- codes, dates, evidence ids: only ASCII letters, digits, '_' and '-'), then the note — the
-- vault's rule. A pg_trgm GIN index serves terms of three characters or more; a shorter term has
-- no trigram and is found by a bounded scan, newest answer first, through answers_recent
-- (docs/team-mode.md has the measurement behind this choice). pg_trgm is a trusted extension
-- shipped with PostgreSQL: the database's owner may create it.
--
-- Members search through search_answers(), not with LIKE on the table: under row-level security
-- PostgreSQL applies a member's own conditions only after the policies, unless their operators
-- are LEAKPROOF, and LIKE is not (only a superuser could mark it) — so no index could ever serve
-- a member's LIKE, and every search would read all the answers he may see.

CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA dpodesk;

CREATE FUNCTION dpodesk.answer_text(value text, note text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$
DECLARE
    leaves text;
BEGIN
    BEGIN
        SELECT string_agg(leaf #>> '{}', ' ') INTO leaves
        FROM jsonb_path_query(value::jsonb, 'strict $.**') AS leaf
        WHERE jsonb_typeof(leaf) = 'string' AND (leaf #>> '{}') ~ '[^-A-Za-z0-9_]';
    EXCEPTION WHEN invalid_text_representation THEN
        leaves := NULL;
    END;
    RETURN lower(trim(coalesce(leaves, '') || ' ' || note));
END
$$;

ALTER TABLE dpodesk.answers
    ADD COLUMN search_text text GENERATED ALWAYS AS (dpodesk.answer_text(value, note)) STORED;

DO $$
BEGIN
    -- The operator class lives where the extension is (dpodesk, or public when a DBA had
    -- installed pg_trgm there before).
    EXECUTE format('CREATE INDEX answers_search ON dpodesk.answers USING gin (search_text %s.gin_trgm_ops)',
                   (SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'));
END
$$;
CREATE INDEX answers_recent ON dpodesk.answers (updated_at DESC);

-- The newest `max_hits` answers the caller may see whose text holds `term` (case-insensitive,
-- taken literally). It runs as the owner, whom row-level security does not filter, so it applies
-- the assessments' policy itself (sql/0002_access.sql) and returns ids only: the rows are then
-- read through the policies as usual. Each statement is planned for its term (EXECUTE).
--   3+ characters: the trigram index finds the candidates.
--   shorter: first the newest 20,000 answers through answers_recent — a common term (同意) has
--   its hits there; when it has fewer, one sequential read of all answers for the term, then
--   the visibility test on the few matches. MATERIALIZED keeps the planner from walking the
--   recency index row by row or joining every answer, and `search_text || ''` from reading the
--   whole trigram index (what a term without trigrams makes of it): each measured four to six
--   times slower for a rare term.
CREATE FUNCTION dpodesk.search_answers(term text, max_hits integer)
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

DO $$
BEGIN
    EXECUTE 'REVOKE EXECUTE ON FUNCTION dpodesk.search_answers(text, integer) FROM PUBLIC';
    EXECUTE format('GRANT EXECUTE ON FUNCTION dpodesk.search_answers(text, integer) TO %I, %I, %I, %I',
                   dpodesk.group_role('author'), dpodesk.group_role('reviewer'),
                   dpodesk.group_role('approver'), dpodesk.group_role('admin'));
END
$$;
