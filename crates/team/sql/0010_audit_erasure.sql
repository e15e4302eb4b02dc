-- DPO Desk team database, schema 10: the audit walk says what it expected and what it found, and
-- erasing a client's matter becomes the admins' alone, done by the database.
--
--   audit_verify()         as in schema 3, and a break now carries the hash the walk expected
--                          and the one it found (the entry's own, the previous link, or the
--                          recorded head);
--   erasure_counts(c)      what erasing client c would remove (the vault's preview);
--   erase_matter(c)        removes the matter's rows in the caller's transaction, blanks what
--                          the audit log said about them (entries and hashes stay, as in the
--                          vault), drops a template snapshot only the matter used, and appends
--                          the erasure's own entry — counts only — so that no erasure, from our
--                          app or from psql, leaves no trace;
--   no DELETE              members lose DELETE on every table of a matter: the vault deletes
--                          such rows only to erase, and here only erase_matter does, for an admin.
--
-- Each function is SECURITY DEFINER (the schema's owner: row-level security would hide part of a
-- matter from the walk or the erasure), with its search_path pinned, EXECUTE only to the
-- database's four groups, and checks the caller itself.

DROP FUNCTION dpodesk.audit_verify();

-- One row per chain the caller may see: its client (NULL: the firm's chain), entries walked, the
-- head reached, and the first break — position, entry id (none past the last entry), reason as
-- core's AuditBreak (altered, unlinked, tail_cut, anchor_mismatch), and the hash expected there
-- and the one found — or NULLs.
CREATE FUNCTION dpodesk.audit_verify()
RETURNS TABLE (client_id text, entries bigint, head_hash text, broken_position bigint,
               broken_id text, reason text, expected_hash text, found_hash text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    chain_key text;
    e dpodesk.audit_log;
    head dpodesk.audit_heads;
    expected text;
    digest text;
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
        expected_hash := NULL;
        found_hash := NULL;
        FOR e IN SELECT * FROM dpodesk.audit_log AS l
                 WHERE coalesce(l.client_id, '') = chain_key ORDER BY l.position LOOP
            n := n + 1;
            digest := encode(sha256(convert_to(e.summary, 'UTF8')), 'hex');
            IF e.position <> n OR e.prev_hash <> expected THEN
                reason := 'unlinked';
                expected_hash := expected;
                found_hash := e.prev_hash;
            ELSIF e.summary <> '' AND digest <> e.detail_sha256 THEN
                -- An erasure blanks a summary and keeps its digest; any other change shows here.
                reason := 'altered';
                expected_hash := e.detail_sha256;
                found_hash := digest;
            ELSIF dpodesk.entry_hash(e) <> e.hash THEN
                reason := 'altered';
                expected_hash := e.hash;
                found_hash := dpodesk.entry_hash(e);
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
                expected_hash := head.head_hash;
                found_hash := expected;
            END IF;
        END IF;
        entries := n;
        head_hash := expected;
        RETURN NEXT;
    END LOOP;
END
$$;

-- Erasure ---------------------------------------------------------------------------------------

-- The matter's assessments: filed under the client or about its data sources and vendors, with
-- every version before and after them (the vault's erase.rs, the same fixed point). Runs as the
-- definer of the functions below, which alone call it.
CREATE FUNCTION dpodesk.matter_assessments(client text) RETURNS text[]
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    ids text[];
    more text[];
BEGIN
    ids := ARRAY(
        SELECT a.id FROM dpodesk.assessments AS a
        WHERE a.client_id = client
           OR a.data_source_id IN (SELECT s.id FROM dpodesk.data_sources AS s WHERE s.client_id = client)
           OR a.vendor_id IN (SELECT v.id FROM dpodesk.vendors AS v WHERE v.client_id = client));
    LOOP
        more := ARRAY(
            SELECT DISTINCT x.id FROM (
                SELECT a.previous_id AS id FROM dpodesk.assessments AS a
                WHERE a.id = ANY (ids) AND a.previous_id IS NOT NULL
                UNION SELECT a.id FROM dpodesk.assessments AS a WHERE a.previous_id = ANY (ids)
            ) AS x
            WHERE NOT x.id = ANY (ids));
        EXIT WHEN cardinality(more) = 0;
        ids := ids || more;
    END LOOP;
    RETURN ids;
END
$$;

-- Every id of the matter an audit entry can be about (the vault's AUDITED tables).
CREATE FUNCTION dpodesk.matter_entities(client text, ids text[]) RETURNS text[]
LANGUAGE sql STABLE SET search_path = pg_catalog, dpodesk AS $$
    SELECT ARRAY(
        SELECT client
        UNION ALL SELECT s.id FROM dpodesk.data_sources AS s WHERE s.client_id = client
        UNION ALL SELECT v.id FROM dpodesk.vendors AS v WHERE v.client_id = client
        UNION ALL SELECT unnest(ids)
        UNION ALL SELECT e.id FROM dpodesk.evidence AS e WHERE e.assessment_id = ANY (ids)
        UNION ALL SELECT s.id FROM dpodesk.signoffs AS s WHERE s.assessment_id = ANY (ids)
        UNION ALL SELECT r.id FROM dpodesk.reports AS r
                  WHERE r.client_id = client OR r.assessment_id = ANY (ids)
        UNION ALL SELECT c.id FROM dpodesk.comments AS c WHERE c.assessment_id = ANY (ids)
        UNION ALL SELECT x.id FROM dpodesk.actions AS x
                  WHERE x.client_id = client OR x.assessment_id = ANY (ids)
        UNION ALL SELECT b.id FROM dpodesk.bundle_imports AS b WHERE b.client_id = client)
$$;

-- What erasing client `client` removes, as the vault counts it; refused to all but admins, for a
-- client that does not exist, and when an assessment outside the matter links to one inside it
-- (erasing would change that other matter).
CREATE FUNCTION dpodesk.erasure_counts(client text)
RETURNS TABLE (data_sources bigint, vendors bigint, assessments bigint, answers bigint,
               links bigint, signoffs bigint, evidence bigint, reports bigint, actions bigint,
               bundle_imports bigint, audit_entries bigint, kept_until text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    ids text[];
    relying text;
BEGIN
    IF NOT dpodesk.is_admin() THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'only an admin of this team database may erase a client''s matter';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM dpodesk.clients AS c WHERE c.id = client) THEN
        RAISE EXCEPTION USING ERRCODE = 'DP011', MESSAGE = 'no such client', DETAIL = client;
    END IF;
    ids := dpodesk.matter_assessments(client);
    SELECT l.assessment_id INTO relying FROM dpodesk.assessment_links AS l
    WHERE l.linked_id = ANY (ids) AND NOT l.assessment_id = ANY (ids) LIMIT 1;
    IF relying IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'DP010',
            MESSAGE = format('assessment %s of another matter relies on this one', relying),
            DETAIL = relying;
    END IF;
    data_sources := (SELECT count(*) FROM dpodesk.data_sources AS s WHERE s.client_id = client);
    vendors := (SELECT count(*) FROM dpodesk.vendors AS v WHERE v.client_id = client);
    assessments := (SELECT count(*) FROM dpodesk.assessments AS a WHERE a.id = ANY (ids));
    answers := (SELECT count(*) FROM dpodesk.answers AS a WHERE a.assessment_id = ANY (ids));
    links := (SELECT count(*) FROM dpodesk.assessment_links AS l WHERE l.assessment_id = ANY (ids));
    signoffs := (SELECT count(*) FROM dpodesk.signoffs AS s WHERE s.assessment_id = ANY (ids));
    evidence := (SELECT count(*) FROM dpodesk.evidence AS e WHERE e.assessment_id = ANY (ids));
    reports := (SELECT count(*) FROM dpodesk.reports AS r
                WHERE r.client_id = client OR r.assessment_id = ANY (ids));
    actions := (SELECT count(*) FROM dpodesk.actions AS x
                WHERE x.client_id = client OR x.assessment_id = ANY (ids));
    bundle_imports := (SELECT count(*) FROM dpodesk.bundle_imports AS b WHERE b.client_id = client);
    audit_entries := (SELECT count(*) FROM dpodesk.audit_log AS l
                      WHERE l.summary <> ''
                        AND l.entity_id = ANY (dpodesk.matter_entities(client, ids)));
    kept_until := (SELECT max(k) FROM (
                       SELECT c.keep_until AS k FROM dpodesk.clients AS c WHERE c.id = client
                       UNION ALL SELECT a.keep_until FROM dpodesk.assessments AS a
                                 WHERE a.id = ANY (ids)) AS kept);
    RETURN NEXT;
END
$$;

-- Erases client `client`'s matter in the caller's transaction (all of it, or nothing when the
-- transaction rolls back) and returns what went. The client's row is locked first, so a
-- colleague's write under it waits and then finds it gone. The erasure's entry joins the client's
-- chain (entries outlive their client); its actor and time are written by the chain's trigger.
CREATE FUNCTION dpodesk.erase_matter(client text)
RETURNS TABLE (data_sources bigint, vendors bigint, assessments bigint, answers bigint,
               links bigint, signoffs bigint, evidence bigint, reports bigint, actions bigint,
               bundle_imports bigint, audit_entries bigint, kept_until text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    ids text[];
    entities text[];
    templates text[];
    counted record;
BEGIN
    IF NOT dpodesk.is_admin() THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'only an admin of this team database may erase a client''s matter';
    END IF;
    PERFORM 1 FROM dpodesk.clients AS c WHERE c.id = client FOR UPDATE;
    SELECT * INTO counted FROM dpodesk.erasure_counts(client);
    ids := dpodesk.matter_assessments(client);
    entities := dpodesk.matter_entities(client, ids);
    templates := ARRAY(SELECT DISTINCT a.template_sha256 FROM dpodesk.assessments AS a
                       WHERE a.id = ANY (ids));

    DELETE FROM dpodesk.comments AS t WHERE t.assessment_id = ANY (ids);
    DELETE FROM dpodesk.evidence AS t WHERE t.assessment_id = ANY (ids);
    DELETE FROM dpodesk.signoffs AS t WHERE t.assessment_id = ANY (ids);
    DELETE FROM dpodesk.answers AS t WHERE t.assessment_id = ANY (ids);
    DELETE FROM dpodesk.assessment_links AS t WHERE t.assessment_id = ANY (ids);
    DELETE FROM dpodesk.actions AS t WHERE t.client_id = client OR t.assessment_id = ANY (ids);
    DELETE FROM dpodesk.reports AS t WHERE t.client_id = client OR t.assessment_id = ANY (ids);
    -- Findings, summaries, CNIL records and editors go with their assessment (ON DELETE CASCADE).
    DELETE FROM dpodesk.assessments AS t WHERE t.id = ANY (ids);
    DELETE FROM dpodesk.data_sources AS t WHERE t.client_id = client;
    DELETE FROM dpodesk.vendors AS t WHERE t.client_id = client;
    DELETE FROM dpodesk.bundle_audit AS t
    WHERE t.import_id IN (SELECT b.id FROM dpodesk.bundle_imports AS b WHERE b.client_id = client);
    DELETE FROM dpodesk.bundle_imports AS t WHERE t.client_id = client;
    -- The grants go with the client (ON DELETE CASCADE).
    DELETE FROM dpodesk.clients AS t WHERE t.id = client;
    -- A firm's own template could name the client in its title: one only this matter used goes.
    DELETE FROM dpodesk.template_snapshots AS t
    WHERE t.sha256 = ANY (templates)
      AND NOT EXISTS (SELECT 1 FROM dpodesk.assessments AS a WHERE a.template_sha256 = t.sha256);
    -- Each entry keeps its digest and hash, so the chains still verify.
    UPDATE dpodesk.audit_log AS l SET summary = ''
    WHERE l.summary <> '' AND l.entity_id = ANY (entities);

    INSERT INTO dpodesk.audit_log (action, entity_type, entity_id, summary, client_id)
    VALUES ('client.erased', 'client', client, format(
        'erased 1 client, %s data sources, %s vendors, %s assessment versions, %s answers, '
        '%s links, %s sign-offs, %s evidence files, %s reports, %s actions, %s bundle imports; '
        '%s audit entries blanked',
        counted.data_sources, counted.vendors, counted.assessments, counted.answers,
        counted.links, counted.signoffs, counted.evidence, counted.reports, counted.actions,
        counted.bundle_imports, counted.audit_entries), client);

    data_sources := counted.data_sources;
    vendors := counted.vendors;
    assessments := counted.assessments;
    answers := counted.answers;
    links := counted.links;
    signoffs := counted.signoffs;
    evidence := counted.evidence;
    reports := counted.reports;
    actions := counted.actions;
    bundle_imports := counted.bundle_imports;
    audit_entries := counted.audit_entries;
    kept_until := counted.kept_until;
    RETURN NEXT;
END
$$;

DO $$
DECLARE
    author text := dpodesk.group_role('author');
    reviewer text := dpodesk.group_role('reviewer');
    approver text := dpodesk.group_role('approver');
    admin text := dpodesk.group_role('admin');
BEGIN
    EXECUTE 'REVOKE EXECUTE ON FUNCTION dpodesk.audit_verify(),
             dpodesk.matter_assessments(text), dpodesk.matter_entities(text, text[]),
             dpodesk.erasure_counts(text), dpodesk.erase_matter(text) FROM PUBLIC';
    EXECUTE format('GRANT EXECUTE ON FUNCTION dpodesk.audit_verify(),
                    dpodesk.erasure_counts(text), dpodesk.erase_matter(text)
                    TO %I, %I, %I, %I', author, reviewer, approver, admin);
    -- The admin group works as an author through membership, so this reaches admins too: they
    -- erase through erase_matter, never row by row.
    EXECUTE format('REVOKE DELETE ON dpodesk.clients, dpodesk.data_sources, dpodesk.vendors,
                    dpodesk.assessments, dpodesk.assessment_links, dpodesk.answers,
                    dpodesk.evidence, dpodesk.actions, dpodesk.reports, dpodesk.cnil_records,
                    dpodesk.bundle_imports, dpodesk.bundle_audit FROM %I', author);
END
$$;
