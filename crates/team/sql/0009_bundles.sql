-- DPO Desk team database, schema 9: a matter comes in from a bundle (or a whole vault), all in the
-- importing member's one transaction, and keeps its history.
--
-- The member inserts the matter's rows himself, under his role and row-level security like any
-- write: a new client is granted to him (0002), the database writes row versions (0003), and he
-- becomes an editor of each imported assessment — he held the bundle and could have changed any
-- of it, so he may not sign it off either. What the database otherwise writes itself — an audit
-- entry's actor and time, a sign-off's signer, a comment's author — must keep what the bundle
-- says; that goes through one function, dpodesk.import_bundle(), SECURITY DEFINER like the
-- member functions (0002), EXECUTE to the author and admin groups only. It completes an import
-- the caller recorded himself (bundle_imports, imported_by = session_user) of a client he sees:
--   1. the bundle's sign-offs and comments, each on an assessment of that client, none already
--      here; a sign-off's `signer` is left empty (signed elsewhere: the database cannot say by
--      which of its members), its printed name stays the bundle's;
--   2. the import entry, written as any entry (actor: the importing member);
--   3. after it, the bundle's audit entries (bundle_audit, as the member recorded them) with their
--      own id, actor and time, re-linked into the client's chain: each goes through the chain
--      trigger, then gets its own actor and time back and is hashed again. An entry already here
--      with the same content (a matter that went out and came back) is not appended twice; one
--      with other content is refused (DP009).
-- While it runs, its transaction is marked in dpodesk.importing, which no member can read or
-- write, and the triggers that stamp the signer and the comment author stand aside.
--
-- Every foreign key becomes DEFERRABLE (still checked per statement unless a transaction defers
-- it): a matter's rows refer to each other in every direction, and an import defers the checks
-- to its COMMIT, as the vault's import does.

DO $$
DECLARE
    fk record;
BEGIN
    FOR fk IN SELECT c.conrelid::regclass AS tbl, c.conname
              FROM pg_constraint AS c
              WHERE c.contype = 'f' AND c.connamespace = 'dpodesk'::regnamespace LOOP
        EXECUTE format('ALTER TABLE %s ALTER CONSTRAINT %I DEFERRABLE INITIALLY IMMEDIATE',
                       fk.tbl, fk.conname);
    END LOOP;
END
$$;

CREATE TABLE dpodesk.importing (
    xact xid8 PRIMARY KEY
);

CREATE FUNCTION dpodesk.importing() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
    SELECT EXISTS (SELECT 1 FROM dpodesk.importing WHERE xact = pg_current_xact_id())
$$;

DROP TRIGGER signoffs_signer ON dpodesk.signoffs;
CREATE TRIGGER signoffs_signer BEFORE INSERT ON dpodesk.signoffs
FOR EACH ROW WHEN (NOT dpodesk.importing()) EXECUTE FUNCTION dpodesk.check_signoff();

DROP TRIGGER comments_by ON dpodesk.comments;
CREATE TRIGGER comments_by BEFORE INSERT OR UPDATE ON dpodesk.comments
FOR EACH ROW WHEN (NOT dpodesk.importing()) EXECUTE FUNCTION dpodesk.comment_by();

-- One imported sign-off or comment (`item`: column → value), on an assessment of `client`.
CREATE FUNCTION dpodesk.import_row(tbl text, client text, item jsonb) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    owner_client text;
    creator text;
    columns text;
BEGIN
    SELECT coalesce(a.client_id, s.client_id, v.client_id), a.created_by
    INTO owner_client, creator
    FROM dpodesk.assessments AS a
    LEFT JOIN dpodesk.data_sources AS s ON s.id = a.data_source_id
    LEFT JOIN dpodesk.vendors AS v ON v.id = a.vendor_id
    WHERE a.id = item ->> 'assessment_id';
    IF NOT FOUND OR (owner_client IS NULL AND creator <> session_user AND NOT dpodesk.is_admin())
       OR (owner_client IS NOT NULL AND owner_client <> client) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = format('an imported %s names an assessment outside the imported matter', tbl);
    END IF;
    IF tbl = 'signoffs' THEN
        item := item || jsonb_build_object('signer', '');
    END IF;
    SELECT string_agg(quote_ident(k), ', ' ORDER BY k) INTO columns
    FROM jsonb_object_keys(item) AS k;
    IF EXISTS (SELECT 1 FROM jsonb_object_keys(item) AS k
               WHERE k NOT IN (SELECT attname FROM pg_attribute
                               WHERE attrelid = format('dpodesk.%I', tbl)::regclass
                                 AND attnum > 0 AND NOT attisdropped)) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_column_reference',
            MESSAGE = format('an imported %s has a column this database does not know', tbl);
    END IF;
    EXECUTE format('INSERT INTO dpodesk.%I (%s) SELECT %s FROM jsonb_populate_record(NULL::dpodesk.%I, $1)',
                   tbl, columns, columns, tbl)
    USING item;
END
$$;

CREATE FUNCTION dpodesk.import_bundle(bundle text, entry_id text, summary text,
                                      signoffs jsonb, comments jsonb)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
DECLARE
    imp dpodesk.bundle_imports;
    item jsonb;
    e dpodesk.bundle_audit;
    r dpodesk.audit_log;
    appended bigint := 0;
BEGIN
    SELECT * INTO imp FROM dpodesk.bundle_imports AS i WHERE i.id = bundle;
    IF imp.id IS NULL OR imp.imported_by <> session_user OR NOT dpodesk.sees(imp.client_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'there is no import of this bundle by you to complete';
    END IF;
    INSERT INTO dpodesk.importing (xact) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    FOR item IN SELECT value FROM jsonb_array_elements(coalesce(signoffs, '[]'::jsonb)) LOOP
        PERFORM dpodesk.import_row('signoffs', imp.client_id, item);
    END LOOP;
    FOR item IN SELECT value FROM jsonb_array_elements(coalesce(comments, '[]'::jsonb)) LOOP
        PERFORM dpodesk.import_row('comments', imp.client_id, item);
    END LOOP;
    DELETE FROM dpodesk.importing WHERE xact = pg_current_xact_id();

    INSERT INTO dpodesk.audit_log (id, action, entity_type, entity_id, summary, client_id)
    VALUES (entry_id, 'bundle.imported', 'client', imp.client_id, summary, imp.client_id);

    FOR e IN SELECT * FROM dpodesk.bundle_audit AS b WHERE b.import_id = bundle
             ORDER BY b.position LOOP
        IF EXISTS (SELECT 1 FROM dpodesk.audit_log AS l WHERE l.id = e.id) THEN
            IF NOT EXISTS (SELECT 1 FROM dpodesk.audit_log AS l
                           WHERE l.id = e.id AND l.actor = e.actor AND l.at = e.at
                             AND l.action = e.action AND l.entity_type = e.entity_type
                             AND l.entity_id = e.entity_id AND l.summary = e.summary) THEN
                RAISE EXCEPTION USING ERRCODE = 'DP009',
                    MESSAGE = 'an audit entry of the bundle is already here with other content',
                    DETAIL = e.id;
            END IF;
            CONTINUE;
        END IF;
        INSERT INTO dpodesk.audit_log (id, action, entity_type, entity_id, summary, client_id)
        VALUES (e.id, e.action, e.entity_type, e.entity_id, e.summary, imp.client_id)
        RETURNING * INTO r;
        -- The chain trigger linked it as the member's, now; it is the bundle's entry.
        r.actor := e.actor;
        r.at := e.at;
        r.hash := dpodesk.entry_hash(r);
        UPDATE dpodesk.audit_log SET actor = r.actor, at = r.at, hash = r.hash WHERE seq = r.seq;
        UPDATE dpodesk.audit_heads SET head_hash = r.hash WHERE chain = imp.client_id;
        appended := appended + 1;
    END LOOP;
    RETURN appended;
END
$$;

DO $$
BEGIN
    EXECUTE 'REVOKE EXECUTE ON FUNCTION dpodesk.importing(), dpodesk.import_row(text, text, jsonb),
             dpodesk.import_bundle(text, text, text, jsonb, jsonb) FROM PUBLIC';
    EXECUTE format('GRANT EXECUTE ON FUNCTION dpodesk.importing() TO %I, %I, %I, %I',
                   dpodesk.group_role('author'), dpodesk.group_role('reviewer'),
                   dpodesk.group_role('approver'), dpodesk.group_role('admin'));
    EXECUTE format('GRANT EXECUTE ON FUNCTION dpodesk.import_bundle(text, text, text, jsonb, jsonb)
                    TO %I, %I', dpodesk.group_role('author'), dpodesk.group_role('admin'));
END
$$;
