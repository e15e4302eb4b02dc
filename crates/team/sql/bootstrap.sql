-- Run once by `team init`, before the numbered migrations, in the same transaction: the schema
-- that holds everything of DPO Desk in this database, its version, and the prefix of its roles.
-- An empty database's other schemas (public, …) are left as they are.

CREATE SCHEMA dpodesk;

-- The newest migration applied. An app that knows an older schema refuses to write.
CREATE TABLE dpodesk.schema_version (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version     integer NOT NULL,
    upgraded_at timestamptz NOT NULL DEFAULT now()
);

-- The prefix of this database's group roles (<prefix>_author, …): roles are cluster-wide, the
-- prefix is the database's name, so two firms' databases in one cluster never share a role.
CREATE TABLE dpodesk.team (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    prefix    text NOT NULL CHECK (prefix ~ '^[a-z][a-z0-9_]{0,39}$')
);
