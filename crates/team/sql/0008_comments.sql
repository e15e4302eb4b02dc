-- DPO Desk team database, schema 8: reviewers' comments on single questions of an assessment
-- version, which the author resolves (the vault's `comments`, schema 14). The
-- database says who: the author of a comment and whoever resolves it
-- are the session's member, as the audit actor and the signer are. A comment is text only;
-- once written, only its resolution changes, and its version when a re-opened version takes
-- over the open ones. Visible exactly where its assessment is, as the answers are.

CREATE TABLE dpodesk.comments (
    id            text PRIMARY KEY,
    assessment_id text NOT NULL REFERENCES dpodesk.assessments (id),
    question_id   text NOT NULL,
    author        text NOT NULL DEFAULT session_user,
    body          text NOT NULL,
    created_at    text NOT NULL,
    resolved_by   text,
    resolved_at   text
);
CREATE INDEX comments_assessment ON dpodesk.comments (assessment_id, question_id);

CREATE FUNCTION dpodesk.comment_by() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, dpodesk AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.author := session_user;
        NEW.resolved_by := CASE WHEN NEW.resolved_at IS NULL THEN NULL ELSE session_user END;
    ELSE
        NEW.author := OLD.author;
        NEW.body := OLD.body;
        NEW.question_id := OLD.question_id;
        NEW.created_at := OLD.created_at;
        IF NEW.resolved_at IS DISTINCT FROM OLD.resolved_at THEN
            NEW.resolved_by := CASE WHEN NEW.resolved_at IS NULL THEN NULL ELSE session_user END;
        ELSE
            NEW.resolved_by := OLD.resolved_by;
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER comments_by BEFORE INSERT OR UPDATE ON dpodesk.comments
FOR EACH ROW EXECUTE FUNCTION dpodesk.comment_by();

ALTER TABLE dpodesk.comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.comments
    USING (assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a))
    WITH CHECK (assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a));

-- Every role reviews or answers: anyone who sees the assessment may comment and resolve.
DO $$
BEGIN
    EXECUTE format('GRANT SELECT, INSERT ON dpodesk.comments TO %I, %I, %I, %I',
                   dpodesk.group_role('author'), dpodesk.group_role('reviewer'),
                   dpodesk.group_role('approver'), dpodesk.group_role('admin'));
    EXECUTE format('GRANT UPDATE (assessment_id, resolved_by, resolved_at) ON dpodesk.comments
                    TO %I, %I, %I, %I',
                   dpodesk.group_role('author'), dpodesk.group_role('reviewer'),
                   dpodesk.group_role('approver'), dpodesk.group_role('admin'));
END
$$;
