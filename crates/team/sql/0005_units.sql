-- DPO Desk team database, schema 5: units of work a client can ask about after losing its
-- connection during COMMIT. Each unit of work inserts its client-generated id here first, in
-- its own transaction: the row lands exactly when the unit's changes do. A client that does not
-- know whether its COMMIT happened asks (by trying to claim the id again, which waits for a
-- transaction still in flight) and retries only a unit that did not land; a retry of one that
-- did is refused by the primary key, so a unit never lands twice.

CREATE TABLE dpodesk.work_units (
    id           text PRIMARY KEY,
    member       text NOT NULL DEFAULT session_user,
    committed_at timestamptz NOT NULL DEFAULT now()
);

-- A member records and sees his own units only; the ids tell nothing of any client.
ALTER TABLE dpodesk.work_units ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_units ON dpodesk.work_units
    USING (member = session_user) WITH CHECK (member = session_user);

DO $$
BEGIN
    EXECUTE format('GRANT SELECT, INSERT ON dpodesk.work_units TO %I, %I, %I, %I',
                   dpodesk.group_role('author'), dpodesk.group_role('reviewer'),
                   dpodesk.group_role('approver'), dpodesk.group_role('admin'));
END
$$;
