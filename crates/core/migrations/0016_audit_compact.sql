-- DPO Desk vault, schema 16: the audit log in a compact layout. One entry per saved answer made
-- the log the largest table of a busy vault (~350 bytes an entry, a third of them hex hashes the
-- log could do without). The chain — what each entry's hash covers, schemes 1 and 2 — is the
-- same; only how an entry is stored changes:
--
-- * `prev_hash` (64 hex characters) is gone: an entry's hash is checked against the hash of the
--   entry before it, which the walk has just read. `prev_link` keeps its first 4 bytes, so the
--   walk can still tell a removed, inserted or moved entry (the link breaks) from an edited one
--   (the link holds, the hash does not); it is never what makes the chain hold.
-- * `hash` is the 32 bytes, not 64 hex characters.
-- * `erased_sha256` replaces `detail_sha256`: the summary's digest is stored only where an
--   erasure blanked the summary (NULL otherwise: the walk computes it from the summary).
-- * No UNIQUE index on `id`: nothing looks an entry up by it, and the chain covers each id.
--
-- The copy is made by core right after this script, in the same transaction
-- (crates/core/src/vault/audit_legacy.rs, convert_to_compact), which then replaces the old table
-- and checks that the new walk ends as the old one did; a VACUUM after the commit gives the freed pages back (migrate.rs).

CREATE TABLE audit_log_compact (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    entity_type   TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    summary       TEXT NOT NULL,
    prev_link     BLOB NOT NULL,
    hash          BLOB NOT NULL,
    erased_sha256 BLOB,
    scheme        INTEGER NOT NULL DEFAULT 2 CHECK (scheme IN (1, 2))
) STRICT;
