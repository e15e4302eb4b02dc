-- DPO Desk team database, schema 2: who may do what, enforced by PostgreSQL.
--
-- Group roles <prefix>_author, _reviewer, _approver and _admin (the prefix is the database's name,
-- dpodesk.team; roles are cluster-wide). Members are login roles in one or more groups, made and
-- changed only through the SECURITY DEFINER functions below, which the schema's owner (the DBA
-- who ran `team init`, a role allowed to create roles) lends his right to create roles, and which
-- admins alone may call. Table privileges go to the groups, never to a member; row-level security
-- then shows a member only the clients granted to him (dpodesk.client_grants) and everything
-- hanging from them; an admin sees all. Members get no CREATE or TEMPORARY anywhere, so nothing
-- they create can stand in for an object these rules name.

CREATE FUNCTION dpodesk.group_role(kind text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, dpodesk AS $$
    SELECT prefix || '_' || kind FROM dpodesk.team
$$;

-- Whether the session's login role is an admin of this database (or its owner, the DBA).
CREATE FUNCTION dpodesk.is_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
    SELECT pg_has_role(session_user, dpodesk.group_role('admin'), 'MEMBER')
        OR session_user = (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'dpodesk')
$$;

CREATE TABLE dpodesk.members (
    name         text PRIMARY KEY,
    display_name text NOT NULL DEFAULT '',
    roles        text[] NOT NULL,
    disabled     boolean NOT NULL DEFAULT false,
    added_by     text NOT NULL DEFAULT session_user,
    added_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dpodesk.client_grants (
    client_id  text NOT NULL REFERENCES dpodesk.clients (id) ON DELETE CASCADE,
    member     text NOT NULL REFERENCES dpodesk.members (name) ON DELETE CASCADE,
    granted_by text NOT NULL DEFAULT session_user,
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, member)
);
CREATE INDEX client_grants_member ON dpodesk.client_grants (member, client_id);

-- Whether the session sees the client: for audit_verify(), once per chain. The policies below
-- spell the same test out instead of calling this: PostgreSQL does not inline a function whose
-- body has a sub-select, and a call per row (each running its sub-selects) made a search over
-- 300,000 answers take minutes. Written in the policy, `(SELECT is_admin())` is an InitPlan run
-- once per statement and `IN (SELECT …)` a hashed SubPlan: the member's grants read once.
CREATE FUNCTION dpodesk.sees(client text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT (SELECT dpodesk.is_admin())
        OR client IN (SELECT g.client_id FROM dpodesk.client_grants AS g
                      WHERE g.member = session_user)
$$;

DO $$
DECLARE
    kind text;
    author text := dpodesk.group_role('author');
    reviewer text := dpodesk.group_role('reviewer');
    approver text := dpodesk.group_role('approver');
    admin text := dpodesk.group_role('admin');
BEGIN
    FOREACH kind IN ARRAY ARRAY['author', 'reviewer', 'approver', 'admin'] LOOP
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = dpodesk.group_role(kind)) THEN
            RAISE EXCEPTION USING ERRCODE = 'DP004',
                MESSAGE = 'a role of this database''s prefix exists already',
                DETAIL = dpodesk.group_role(kind);
        END IF;
        EXECUTE format('CREATE ROLE %I NOLOGIN', dpodesk.group_role(kind));
    END LOOP;
    -- An admin works as an author too (moving a vault in, fixing a register).
    EXECUTE format('GRANT %I TO %I', author, admin);

    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I, %I, %I, %I',
                   current_database(), author, reviewer, approver, admin);
    EXECUTE format('GRANT USAGE ON SCHEMA dpodesk TO %I, %I, %I, %I',
                   author, reviewer, approver, admin);
    -- Everyone reads every table; row-level security picks the rows.
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA dpodesk TO %I, %I, %I, %I',
                   author, reviewer, approver, admin);
    EXECUTE format('REVOKE SELECT ON dpodesk.audit_heads FROM %I, %I, %I, %I',
                   author, reviewer, approver, admin);
    EXECUTE format(
        'GRANT INSERT, UPDATE, DELETE ON dpodesk.clients, dpodesk.data_sources, dpodesk.vendors,
             dpodesk.assessments, dpodesk.assessment_links, dpodesk.answers, dpodesk.evidence,
             dpodesk.actions, dpodesk.reports, dpodesk.cnil_records, dpodesk.bundle_imports,
             dpodesk.bundle_audit TO %I', author);
    EXECUTE format('GRANT INSERT ON dpodesk.template_snapshots TO %I', author);
    -- A reviewer sends work back, an approver records the decision's status.
    EXECUTE format('GRANT UPDATE (status, updated_at, keep_until, dpo_opinion, row_version)
                    ON dpodesk.assessments TO %I, %I', reviewer, approver);
    EXECUTE format('GRANT INSERT ON dpodesk.signoffs TO %I', approver);
    EXECUTE format('GRANT INSERT ON dpodesk.audit_log TO %I, %I, %I, %I',
                   author, reviewer, approver, admin);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON dpodesk.settings TO %I', admin);
    -- The management functions are the admins' (and each checks is_admin() itself).
    EXECUTE 'REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA dpodesk FROM PUBLIC';
    EXECUTE format('GRANT EXECUTE ON FUNCTION dpodesk.group_role(text), dpodesk.is_admin(),
                    dpodesk.sees(text) TO %I, %I, %I, %I', author, reviewer, approver, admin);
END
$$;

-- Member management. Each checks that the caller is an admin; names are plain identifiers; a
-- password arrives as a SCRAM-SHA-256 verifier computed by the client, never as plaintext.

CREATE FUNCTION dpodesk.check_admin() RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, dpodesk AS $$
BEGIN
    IF NOT dpodesk.is_admin() THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'only an admin of this team database may manage members and grants';
    END IF;
END
$$;

CREATE FUNCTION dpodesk.check_member(member text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, dpodesk AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM dpodesk.members WHERE name = member) THEN
        RAISE EXCEPTION USING ERRCODE = 'DP003', MESSAGE = 'no such member', DETAIL = member;
    END IF;
END
$$;

CREATE FUNCTION dpodesk.check_verifier(verifier text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
BEGIN
    IF verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = 'a password must arrive as a SCRAM-SHA-256 verifier';
    END IF;
END
$$;

CREATE FUNCTION dpodesk.member_add(member text, kinds text[], verifier text, display text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    kind text;
BEGIN
    PERFORM dpodesk.check_admin();
    IF member !~ '^[a-z][a-z0-9_]{0,49}$' THEN
        RAISE EXCEPTION USING ERRCODE = 'DP005', MESSAGE = 'not a usable member name',
            DETAIL = member;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = member) THEN
        RAISE EXCEPTION USING ERRCODE = 'DP004', MESSAGE = 'the role exists', DETAIL = member;
    END IF;
    IF cardinality(kinds) = 0
       OR NOT kinds <@ ARRAY['author', 'reviewer', 'approver', 'admin'] THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = 'roles are author, reviewer, approver and admin';
    END IF;
    PERFORM dpodesk.check_verifier(verifier);
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', member, verifier);
    FOREACH kind IN ARRAY kinds LOOP
        EXECUTE format('GRANT %I TO %I', dpodesk.group_role(kind), member);
    END LOOP;
    INSERT INTO dpodesk.members (name, display_name, roles) VALUES (member, display, kinds);
END
$$;

-- A disabled member can no longer log in and, in a session still open, holds no privilege.
CREATE FUNCTION dpodesk.member_disable(member text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    kind text;
BEGIN
    PERFORM dpodesk.check_admin();
    PERFORM dpodesk.check_member(member);
    FOREACH kind IN ARRAY ARRAY['author', 'reviewer', 'approver', 'admin'] LOOP
        EXECUTE format('REVOKE %I FROM %I', dpodesk.group_role(kind), member);
    END LOOP;
    EXECUTE format('ALTER ROLE %I NOLOGIN', member);
    UPDATE dpodesk.members SET disabled = true WHERE name = member;
END
$$;

CREATE FUNCTION dpodesk.member_enable(member text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    kind text;
BEGIN
    PERFORM dpodesk.check_admin();
    PERFORM dpodesk.check_member(member);
    FOREACH kind IN ARRAY (SELECT roles FROM dpodesk.members WHERE name = member) LOOP
        EXECUTE format('GRANT %I TO %I', dpodesk.group_role(kind), member);
    END LOOP;
    EXECUTE format('ALTER ROLE %I LOGIN', member);
    UPDATE dpodesk.members SET disabled = false WHERE name = member;
END
$$;

-- The login role goes; the member's name stays in the audit log and on what he signed.
CREATE FUNCTION dpodesk.member_remove(member text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    kind text;
BEGIN
    PERFORM dpodesk.check_admin();
    PERFORM dpodesk.check_member(member);
    FOREACH kind IN ARRAY ARRAY['author', 'reviewer', 'approver', 'admin'] LOOP
        EXECUTE format('REVOKE %I FROM %I', dpodesk.group_role(kind), member);
    END LOOP;
    DELETE FROM dpodesk.members WHERE name = member;
    EXECUTE format('DROP ROLE %I', member);
END
$$;

-- An admin resets anyone's password; a member changes his own.
CREATE FUNCTION dpodesk.member_password(member text, verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
BEGIN
    IF member <> session_user THEN
        PERFORM dpodesk.check_admin();
    END IF;
    PERFORM dpodesk.check_member(member);
    PERFORM dpodesk.check_verifier(verifier);
    EXECUTE format('ALTER ROLE %I PASSWORD %L', member, verifier);
END
$$;

CREATE FUNCTION dpodesk.grant_client(client text, member text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
BEGIN
    PERFORM dpodesk.check_admin();
    PERFORM dpodesk.check_member(member);
    INSERT INTO dpodesk.client_grants (client_id, member) VALUES (client, member)
    ON CONFLICT DO NOTHING;
END
$$;

CREATE FUNCTION dpodesk.revoke_client(client text, member text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
BEGIN
    PERFORM dpodesk.check_admin();
    PERFORM dpodesk.check_member(member);
    DELETE FROM dpodesk.client_grants AS g WHERE g.client_id = client AND g.member = revoke_client.member;
END
$$;

-- A new client is granted to the member who made it. Admins need no grant: they see every client,
-- those made before they became admins included.
CREATE FUNCTION dpodesk.grant_to_creator() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
BEGIN
    INSERT INTO dpodesk.client_grants (client_id, member, granted_by)
    SELECT NEW.id, session_user, session_user
    WHERE EXISTS (SELECT 1 FROM dpodesk.members WHERE name = session_user)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER clients_grant_to_creator AFTER INSERT ON dpodesk.clients
FOR EACH ROW EXECUTE FUNCTION dpodesk.grant_to_creator();

DO $$
BEGIN
    EXECUTE format('GRANT EXECUTE ON FUNCTION dpodesk.member_add(text, text[], text, text),
                    dpodesk.member_disable(text), dpodesk.member_enable(text),
                    dpodesk.member_remove(text), dpodesk.member_password(text, text),
                    dpodesk.grant_client(text, text), dpodesk.revoke_client(text, text)
                    TO %I, %I, %I, %I',
                   dpodesk.group_role('author'), dpodesk.group_role('reviewer'),
                   dpodesk.group_role('approver'), dpodesk.group_role('admin'));
END
$$;

-- Row-level security. A policy's sub-select on another table is itself filtered by that table's
-- policies, so a row hanging from an assessment is visible exactly when the assessment is. The
-- sub-selects are `IN (SELECT …)`, uncorrelated, so each is read once per statement and hashed.
ALTER TABLE dpodesk.clients ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.clients USING ((SELECT dpodesk.is_admin())
         OR id IN (SELECT g.client_id FROM dpodesk.client_grants AS g WHERE g.member = session_user));
-- A member creates a client he cannot see yet: the trigger grants it to him after the insert.
CREATE POLICY create_client ON dpodesk.clients FOR INSERT WITH CHECK (true);

ALTER TABLE dpodesk.client_grants ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_grants ON dpodesk.client_grants
    USING (member = session_user OR (SELECT dpodesk.is_admin()));

ALTER TABLE dpodesk.data_sources ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.data_sources USING ((SELECT dpodesk.is_admin())
         OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g WHERE g.member = session_user));
ALTER TABLE dpodesk.vendors ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.vendors USING ((SELECT dpodesk.is_admin())
         OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g WHERE g.member = session_user));
ALTER TABLE dpodesk.bundle_imports ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.bundle_imports USING ((SELECT dpodesk.is_admin())
         OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g WHERE g.member = session_user));

-- An assessment filed under no client is its creator's and the admins'.
ALTER TABLE dpodesk.assessments ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.assessments USING (
    CASE WHEN client_id IS NULL
         THEN created_by = session_user OR (SELECT dpodesk.is_admin())
         ELSE ((SELECT dpodesk.is_admin())
         OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g WHERE g.member = session_user)) END);

ALTER TABLE dpodesk.assessment_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.assessment_links USING (
    assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a));
ALTER TABLE dpodesk.answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.answers USING (
    assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a));
ALTER TABLE dpodesk.evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.evidence USING (
    assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a));
ALTER TABLE dpodesk.signoffs ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.signoffs USING (
    assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a));
ALTER TABLE dpodesk.cnil_records ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.cnil_records USING (
    assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a));
ALTER TABLE dpodesk.bundle_audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.bundle_audit USING (
    import_id IN (SELECT i.id FROM dpodesk.bundle_imports AS i));

-- Actions and reports name a client, an assessment, or (firm-wide) neither: admins only.
ALTER TABLE dpodesk.actions ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.actions USING (
    CASE WHEN client_id IS NOT NULL THEN ((SELECT dpodesk.is_admin())
         OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g WHERE g.member = session_user))
         WHEN assessment_id IS NOT NULL
         THEN assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a)
         ELSE (SELECT dpodesk.is_admin()) END);
ALTER TABLE dpodesk.reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.reports USING (
    CASE WHEN client_id IS NOT NULL THEN ((SELECT dpodesk.is_admin())
         OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g WHERE g.member = session_user))
         WHEN assessment_id IS NOT NULL
         THEN assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a)
         ELSE (SELECT dpodesk.is_admin()) END);

-- A client's chain is read by those who see the client; the firm's chain (no client) by admins.
-- Anyone may append to the firm's chain (a template imported, a setting changed).
ALTER TABLE dpodesk.audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.audit_log FOR SELECT USING (
    CASE WHEN client_id IS NULL THEN (SELECT dpodesk.is_admin())
         ELSE ((SELECT dpodesk.is_admin())
         OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g WHERE g.member = session_user)) END);
CREATE POLICY append ON dpodesk.audit_log FOR INSERT WITH CHECK (
    client_id IS NULL OR ((SELECT dpodesk.is_admin())
         OR client_id IN (SELECT g.client_id FROM dpodesk.client_grants AS g WHERE g.member = session_user)));
