-- A PIA imported from the CNIL PIA tool keeps the CNIL file it came from, as read (repairs done,
-- in the tool's own shape): the evaluator's verdicts, the measures one by one, the people and
-- statuses have no question of our template to live in, and the report and a later export to the
-- CNIL tool read them from here. Written once by the import, in the same transaction as the
-- assessment; deleted with it.
CREATE TABLE cnil_records (
    assessment_id  TEXT PRIMARY KEY NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    document       TEXT NOT NULL,  -- the CNIL PIA file as JSON
    imported_by    TEXT NOT NULL,
    imported_at    TEXT NOT NULL
) STRICT;
