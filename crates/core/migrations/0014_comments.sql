-- Reviewers' comments on single questions of an assessment version, which the author resolves.
-- A comment never feeds scoring or a report; it lives beside the answers. A resolved comment
-- stays, marked with who resolved it and when. When a signed-off version is re-opened, its open
-- comments move to the new draft (`copy_as_next_version`), resolved ones stay with the version
-- they were resolved on.
CREATE TABLE comments (
    id            TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    question_id   TEXT NOT NULL,
    author        TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    resolved_by   TEXT,
    resolved_at   TEXT
);
CREATE INDEX comments_assessment ON comments (assessment_id, question_id);
