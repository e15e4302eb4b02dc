-- DPO Desk vault, schema 7: keep-until dates. A client (its whole matter) and an assessment version
-- can carry the date until which it is kept (YYYY-MM-DD; NULL: none set). The date only prompts:
-- the dashboard lists what is past it with an erase action, and nothing is erased without the
-- user's confirmation.
--
-- A signed-off PIA is kept at least three years from its approval (PIPL Art. 56(2)), longer when
-- its answers ask for it; core sets that date on sign-off, and right after this script fills it in
-- for PIAs approved before this schema (crates/core/src/vault/retention.rs, backfill).

ALTER TABLE clients ADD COLUMN keep_until TEXT;
ALTER TABLE assessments ADD COLUMN keep_until TEXT;

-- The dashboard asks for what is past its date; most rows carry none, and the assessment row's
-- later columns sit behind the template snapshot's overflow pages.
CREATE INDEX assessments_keep_until ON assessments (keep_until, id) WHERE keep_until IS NOT NULL;
CREATE INDEX clients_keep_until ON clients (keep_until) WHERE keep_until IS NOT NULL;
