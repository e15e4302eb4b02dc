-- DPO Desk vault, schema 9: each template snapshot stored once. An assessment pins the template it
-- was started with; until now every assessment kept its own copy (~190 KB of JSON), so a vault of
-- 10,000 assessments held the same few templates 10,000 times (1.75 GB of 2.34 GB). Now each
-- distinct snapshot is one row, keyed by the SHA-256 of its canonical JSON (sorted keys, no
-- whitespace, UTF-8), and an assessment names it by that hash.
--
-- Plain tables and a text hash, so the team-mode PostgreSQL store shares the layout. There
-- `template_sha256` is NOT NULL REFERENCES template_snapshots; here SQLite's ALTER TABLE can add
-- neither to a table with rows (and a referencing column could never be dropped again without
-- rebuilding the table), so core writes the hash with every assessment, removes only snapshots
-- no assessment names, and `vault check` refuses an assessment whose snapshot is missing.
--
-- Right after this script, core moves each assessment's inline snapshot into this table (one row
-- per distinct hash), fills `template_sha256` and drops the old column
-- (crates/core/src/vault/snapshots.rs, `move_inline`).

CREATE TABLE template_snapshots (
    sha256           TEXT PRIMARY KEY NOT NULL,  -- of the canonical JSON, lower-case hex
    template_id      TEXT NOT NULL,
    template_version TEXT NOT NULL,
    size             INTEGER NOT NULL,           -- bytes of the canonical JSON
    content          BLOB NOT NULL               -- the canonical JSON, deflated (RFC 1951)
) STRICT;

ALTER TABLE assessments ADD COLUMN template_sha256 TEXT;
CREATE INDEX assessments_template ON assessments (template_sha256);
