-- DPO Desk team database, schema 7: each assessment version's list summary (the vault's
-- assessment_summaries: ratings, certainty, progress over the required questions, a PIA's next
-- review date, as JSON text). The client scores the assessment and writes its summary in the
-- same unit of work as the change that altered it, beside its findings (schema 6), so that the
-- client overview and the portfolio read it instead of scoring every assessment. A version
-- without one (older than this schema) is scored by the client on first use and written then.
-- Visible exactly where the assessment is, as the findings are.

CREATE TABLE dpodesk.assessment_summaries (
    assessment_id text PRIMARY KEY REFERENCES dpodesk.assessments (id) ON DELETE CASCADE,
    summary       text NOT NULL
);

ALTER TABLE dpodesk.assessment_summaries ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.assessment_summaries
    USING (assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a))
    WITH CHECK (assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a));

-- Whoever rewrites findings rewrites summaries; any member who lists assessments may write the
-- missing ones of those he sees.
DO $$
BEGIN
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON dpodesk.assessment_summaries TO %I, %I, %I, %I',
                   dpodesk.group_role('author'), dpodesk.group_role('reviewer'),
                   dpodesk.group_role('approver'), dpodesk.group_role('admin'));
END
$$;
