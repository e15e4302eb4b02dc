-- DPO Desk vault, schema 6: the audit chain covers each summary through its SHA-256, so that a
-- matter's entries can be emptied of what they said (erasure on request) while the chain still
-- verifies.
--
-- scheme 1: the entry's hash covers the summary text (every entry before this schema);
-- scheme 2: it covers detail_sha256, the SHA-256 of the summary, which an erasure keeps while it
--           blanks the summary.
-- The re-hashing of an existing chain is done by core right after this script, in the same
-- transaction (SQL has no SHA-256 here): crates/core/src/vault/audit.rs, convert_to_digests.

ALTER TABLE audit_log ADD COLUMN detail_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN scheme INTEGER NOT NULL DEFAULT 1 CHECK (scheme IN (1, 2));
