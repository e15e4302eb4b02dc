-- DPO Desk team database, schema 6: each assessment's findings as words to search (the vault's
-- search documents of kind 'finding'). The client scores the assessment and writes its findings
-- here in the same unit of work as the change that altered them, so a search never scores.
-- Visible exactly where the assessment is: the policy reads assessments through their own
-- policy, as the answers' does.

CREATE TABLE dpodesk.finding_docs (
    assessment_id     text NOT NULL REFERENCES dpodesk.assessments (id) ON DELETE CASCADE,
    finding_id        text NOT NULL,
    title_zh          text NOT NULL,
    title_en          text NOT NULL,
    explanation_zh    text NOT NULL,
    explanation_en    text NOT NULL,
    recommendation_zh text NOT NULL,
    recommendation_en text NOT NULL,
    PRIMARY KEY (assessment_id, finding_id)
);

ALTER TABLE dpodesk.finding_docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.finding_docs
    USING (assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a))
    WITH CHECK (assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a));

-- Whoever may change what findings depend on rewrites them: an author saving, a reviewer or an
-- approver whose step re-opens a version. The policy keeps each to the assessments he sees.
DO $$
BEGIN
    EXECUTE format('GRANT SELECT, INSERT, DELETE ON dpodesk.finding_docs TO %I, %I, %I, %I',
                   dpodesk.group_role('author'), dpodesk.group_role('reviewer'),
                   dpodesk.group_role('approver'), dpodesk.group_role('admin'));
END
$$;
