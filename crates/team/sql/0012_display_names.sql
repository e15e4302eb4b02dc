-- DPO Desk team database, schema 12: a member's display name, the name printed on what he signs.
-- Set by an admin (`team member add --display-name`, `team member display-name`) or by the member
-- himself; the login name stays the identity (signoffs.signer, the audit actor), so a display name
-- is only how people read it.

CREATE FUNCTION dpodesk.member_display_name(member text, display text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, dpodesk AS $$
BEGIN
    IF member <> session_user THEN
        PERFORM dpodesk.check_admin();
    END IF;
    PERFORM dpodesk.check_member(member);
    IF length(btrim(display)) = 0 OR length(display) > 200 THEN
        RAISE EXCEPTION USING ERRCODE = 'DP006', MESSAGE = 'not a usable display name',
            DETAIL = display;
    END IF;
    UPDATE dpodesk.members SET display_name = btrim(display) WHERE name = member;
END
$$;

DO $$
BEGIN
    EXECUTE 'REVOKE EXECUTE ON FUNCTION dpodesk.member_display_name(text, text) FROM PUBLIC';
    EXECUTE format('GRANT EXECUTE ON FUNCTION dpodesk.member_display_name(text, text)
                    TO %I, %I, %I, %I',
                   dpodesk.group_role('author'), dpodesk.group_role('reviewer'),
                   dpodesk.group_role('approver'), dpodesk.group_role('admin'));
END
$$;
