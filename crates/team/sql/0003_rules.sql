-- DPO Desk team database, schema 3: the rules the database enforces whoever writes — our app,
-- psql, a script. Every rule names the member by `session_user`: the login role of the session,
-- which no SET ROLE changes and no SECURITY DEFINER function hides.
--
--   row versions     every update must carry the row_version it read; a stale one is refused
--                    (SQLSTATE DP001, its DETAIL a JSON naming who changed the row when), and
--                    row_version, changed_by, changed_at are written here, not by the caller;
--   own work         whoever created or edited an assessment (its answers, evidence or title) may
--                    not sign it off (DP002); a re-opened version inherits its editors;
--   signer           signoffs.signer is the session's member, whatever the caller sent;
--   audit            actor, time, chain position and hashes of every entry are written here;
--                    one chain per client (writers of different clients never wait on each other),
--                    hashed exactly as the vault hashes its chain (scheme 2);
--   audit_verify()   walks every chain the caller may see (an admin: all of them).

-- Server time in the vault's format (RFC 3339, UTC, milliseconds).
CREATE FUNCTION dpodesk.now_text() RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- Row versions -----------------------------------------------------------------------------------

CREATE FUNCTION dpodesk.row_version() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    old_row jsonb;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.row_version IS DISTINCT FROM OLD.row_version THEN
            old_row := to_jsonb(OLD);
            RAISE EXCEPTION USING ERRCODE = 'DP001',
                MESSAGE = format('%s %s was changed by %s at %s (version %s, not %s)',
                                 TG_TABLE_NAME, coalesce(old_row ->> 'id', old_row ->> 'assessment_id'),
                                 OLD.changed_by, OLD.changed_at, OLD.row_version, NEW.row_version),
                DETAIL = jsonb_build_object(
                    'table', TG_TABLE_NAME,
                    'id', coalesce(old_row ->> 'id',
                                   (old_row ->> 'assessment_id') || '/' || (old_row ->> 'question_id')),
                    'changed_by', OLD.changed_by,
                    'changed_at', OLD.changed_at,
                    'version', OLD.row_version)::text;
        END IF;
        NEW.row_version := OLD.row_version + 1;
    ELSE
        NEW.row_version := 1;
    END IF;
    NEW.changed_by := session_user;
    NEW.changed_at := dpodesk.now_text();
    RETURN NEW;
END
$$;

CREATE TRIGGER clients_row_version BEFORE INSERT OR UPDATE ON dpodesk.clients
FOR EACH ROW EXECUTE FUNCTION dpodesk.row_version();
CREATE TRIGGER data_sources_row_version BEFORE INSERT OR UPDATE ON dpodesk.data_sources
FOR EACH ROW EXECUTE FUNCTION dpodesk.row_version();
CREATE TRIGGER vendors_row_version BEFORE INSERT OR UPDATE ON dpodesk.vendors
FOR EACH ROW EXECUTE FUNCTION dpodesk.row_version();
CREATE TRIGGER assessments_row_version BEFORE INSERT OR UPDATE ON dpodesk.assessments
FOR EACH ROW EXECUTE FUNCTION dpodesk.row_version();
CREATE TRIGGER answers_row_version BEFORE INSERT OR UPDATE ON dpodesk.answers
FOR EACH ROW EXECUTE FUNCTION dpodesk.row_version();
CREATE TRIGGER actions_row_version BEFORE INSERT OR UPDATE ON dpodesk.actions
FOR EACH ROW EXECUTE FUNCTION dpodesk.row_version();

-- Who edited which assessment -------------------------------------------------------------------

CREATE TABLE dpodesk.assessment_editors (
    assessment_id text NOT NULL REFERENCES dpodesk.assessments (id) ON DELETE CASCADE,
    member        text NOT NULL,
    first_at      text NOT NULL,
    PRIMARY KEY (assessment_id, member)
);
ALTER TABLE dpodesk.assessment_editors ENABLE ROW LEVEL SECURITY;
CREATE POLICY granted ON dpodesk.assessment_editors USING (
    assessment_id IN (SELECT a.id FROM dpodesk.assessments AS a));

CREATE FUNCTION dpodesk.note_editor() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    edited text;
BEGIN
    IF TG_TABLE_NAME = 'assessments' THEN
        edited := NEW.id;
    ELSIF TG_OP = 'DELETE' THEN
        edited := OLD.assessment_id;
    ELSE
        edited := NEW.assessment_id;
    END IF;
    INSERT INTO dpodesk.assessment_editors (assessment_id, member, first_at)
    SELECT edited, session_user, dpodesk.now_text()
    WHERE EXISTS (SELECT 1 FROM dpodesk.assessments WHERE id = edited)
    ON CONFLICT DO NOTHING;
    -- A re-opened version carries its predecessor's answers, and with them their authors.
    -- (Nested: PL/pgSQL does not stop at the first false operand of AND, and only an assessment
    -- row has a previous_id.)
    IF TG_TABLE_NAME = 'assessments' AND TG_OP = 'INSERT' THEN
        IF NEW.previous_id IS NOT NULL THEN
            INSERT INTO dpodesk.assessment_editors (assessment_id, member, first_at)
            SELECT NEW.id, e.member, e.first_at
            FROM dpodesk.assessment_editors AS e WHERE e.assessment_id = NEW.previous_id
            ON CONFLICT DO NOTHING;
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER assessments_created_by AFTER INSERT ON dpodesk.assessments
FOR EACH ROW EXECUTE FUNCTION dpodesk.note_editor();
CREATE TRIGGER assessments_retitled_by AFTER UPDATE OF title ON dpodesk.assessments
FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION dpodesk.note_editor();
CREATE TRIGGER answers_edited_by AFTER INSERT OR UPDATE OR DELETE ON dpodesk.answers
FOR EACH ROW EXECUTE FUNCTION dpodesk.note_editor();
CREATE TRIGGER evidence_edited_by AFTER INSERT OR DELETE ON dpodesk.evidence
FOR EACH ROW EXECUTE FUNCTION dpodesk.note_editor();

-- Sign-offs ----------------------------------------------------------------------------------------

CREATE FUNCTION dpodesk.check_signoff() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
BEGIN
    NEW.signer := session_user;
    IF EXISTS (SELECT 1 FROM dpodesk.assessment_editors
               WHERE assessment_id = NEW.assessment_id AND member = session_user) THEN
        RAISE EXCEPTION USING ERRCODE = 'DP002',
            MESSAGE = format('%s edited assessment %s and may not sign it off',
                             session_user, NEW.assessment_id),
            DETAIL = NEW.assessment_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER signoffs_signer BEFORE INSERT ON dpodesk.signoffs
FOR EACH ROW EXECUTE FUNCTION dpodesk.check_signoff();

-- The audit chains -------------------------------------------------------------------------------

-- The 8 bytes of n, little-endian (the length prefix of core's fields_hash).
CREATE FUNCTION dpodesk.le64(n bigint) RETURNS bytea
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT decode(string_agg(lpad(to_hex((n >> (8 * i)) & 255), 2, '0'), '' ORDER BY i), 'hex')
    FROM generate_series(0, 7) AS i
$$;

-- SHA-256 over each field as its UTF-8 length (8 bytes, little-endian) then its bytes: the same
-- bytes as core's vault::audit fields_hash, so either side verifies the other's entries.
CREATE FUNCTION dpodesk.fields_hash(fields text[]) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, dpodesk AS $$
    SELECT encode(sha256(string_agg(dpodesk.le64(octet_length(convert_to(f, 'UTF8')))
                                    || convert_to(f, 'UTF8'), ''::bytea ORDER BY i)), 'hex')
    FROM unnest(fields) WITH ORDINALITY AS t (f, i)
$$;

CREATE FUNCTION dpodesk.entry_hash(e dpodesk.audit_log) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, dpodesk AS $$
    SELECT dpodesk.fields_hash(ARRAY['dpodesk-audit-2', e.prev_hash, e.id, e.at, e.actor, e.action,
                                     e.entity_type, e.entity_id, e.detail_sha256])
$$;

CREATE FUNCTION dpodesk.chain_entry() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    chain_key text := coalesce(NEW.client_id, '');
    head dpodesk.audit_heads;
BEGIN
    NEW.actor := session_user;
    NEW.at := dpodesk.now_text();
    NEW.scheme := 2;
    NEW.detail_sha256 := encode(sha256(convert_to(NEW.summary, 'UTF8')), 'hex');
    INSERT INTO dpodesk.audit_heads (chain, head_hash, count)
    VALUES (chain_key, repeat('0', 64), 0) ON CONFLICT DO NOTHING;
    -- Writers of one client queue here; other clients' chains are other rows.
    SELECT * INTO head FROM dpodesk.audit_heads WHERE chain = chain_key FOR UPDATE;
    NEW.prev_hash := head.head_hash;
    NEW.position := head.count + 1;
    NEW.hash := dpodesk.entry_hash(NEW);
    UPDATE dpodesk.audit_heads SET head_hash = NEW.hash, count = NEW.position
    WHERE chain = chain_key;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON dpodesk.audit_log
FOR EACH ROW EXECUTE FUNCTION dpodesk.chain_entry();

-- One row per chain the caller may see: its client (NULL: the firm's chain), entries walked, the
-- head reached, and the first break (position, entry id, reason as core's AuditBreak: altered,
-- unlinked, tail_cut, anchor_mismatch) or NULLs. SECURITY DEFINER so that nothing of a visible
-- chain can be hidden from the walk and the heads (unreadable to members) can be compared.
CREATE FUNCTION dpodesk.audit_verify()
RETURNS TABLE (client_id text, entries bigint, head_hash text, broken_position bigint,
               broken_id text, reason text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    chain_key text;
    e dpodesk.audit_log;
    head dpodesk.audit_heads;
    expected text;
    n bigint;
BEGIN
    FOR chain_key IN
        SELECT c FROM (SELECT chain AS c FROM dpodesk.audit_heads
                       UNION SELECT coalesce(l.client_id, '') FROM dpodesk.audit_log AS l) AS chains
        WHERE CASE WHEN c = '' THEN dpodesk.is_admin() ELSE dpodesk.sees(c) END
        ORDER BY c
    LOOP
        client_id := nullif(chain_key, '');
        expected := repeat('0', 64);
        n := 0;
        broken_position := NULL;
        broken_id := NULL;
        reason := NULL;
        FOR e IN SELECT * FROM dpodesk.audit_log AS l
                 WHERE coalesce(l.client_id, '') = chain_key ORDER BY l.position LOOP
            n := n + 1;
            IF e.position <> n OR e.prev_hash <> expected THEN
                reason := 'unlinked';
            ELSIF (e.summary <> ''
                   AND encode(sha256(convert_to(e.summary, 'UTF8')), 'hex') <> e.detail_sha256)
                  OR dpodesk.entry_hash(e) <> e.hash THEN
                reason := 'altered';
            END IF;
            IF reason IS NOT NULL THEN
                broken_position := n;
                broken_id := e.id;
                EXIT;
            END IF;
            expected := e.hash;
        END LOOP;
        IF reason IS NULL THEN
            SELECT * INTO head FROM dpodesk.audit_heads AS h WHERE h.chain = chain_key;
            IF head.chain IS NULL OR head.head_hash <> expected OR head.count <> n THEN
                reason := CASE WHEN head.count > n THEN 'tail_cut' ELSE 'anchor_mismatch' END;
                broken_position := n;
            END IF;
        END IF;
        entries := n;
        head_hash := expected;
        RETURN NEXT;
    END LOOP;
END
$$;

DO $$
DECLARE
    author text := dpodesk.group_role('author');
    reviewer text := dpodesk.group_role('reviewer');
    approver text := dpodesk.group_role('approver');
    admin text := dpodesk.group_role('admin');
BEGIN
    EXECUTE 'REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA dpodesk FROM PUBLIC';
    EXECUTE format('GRANT SELECT ON dpodesk.assessment_editors TO %I, %I, %I, %I',
                   author, reviewer, approver, admin);
    EXECUTE format('GRANT EXECUTE ON FUNCTION dpodesk.audit_verify(), dpodesk.now_text()
                    TO %I, %I, %I, %I', author, reviewer, approver, admin);
END
$$;
