-- Matters imported from .dpodesk bundles. The import itself is one entry in this vault's audit log
-- (it names the bundle and its chain head); the matter's history as the exporting vault recorded
-- it is kept here, entry by entry, so it can be read and re-verified against that head later
-- without the bundle file. Neither table is ever updated: an import only inserts.

CREATE TABLE bundle_imports (
    id                TEXT PRIMARY KEY NOT NULL,  -- the bundle's id (one per export)
    client_id         TEXT NOT NULL REFERENCES clients (id),
    exported_by       TEXT NOT NULL,
    exported_at       TEXT NOT NULL,
    -- The exporting vault's own audit head when the bundle was made.
    source_head_hash  TEXT NOT NULL,
    source_count      INTEGER NOT NULL,
    -- The bundle's chain over the matter's entries (see bundle_audit).
    head_hash         TEXT NOT NULL,
    count             INTEGER NOT NULL,
    imported_by       TEXT NOT NULL,
    imported_at       TEXT NOT NULL
) STRICT;

-- The matter's audit entries exactly as the exporting vault wrote them (their own hash and the
-- hash of the entry before them in that vault), in order; the bundle's chain re-links them from
-- the genesis hash so that the sequence alone verifies and ends in bundle_imports.head_hash.
CREATE TABLE bundle_audit (
    import_id    TEXT NOT NULL REFERENCES bundle_imports (id),
    position     INTEGER NOT NULL,
    id           TEXT NOT NULL,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity_type  TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    summary      TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL,
    PRIMARY KEY (import_id, position)
) STRICT, WITHOUT ROWID;
