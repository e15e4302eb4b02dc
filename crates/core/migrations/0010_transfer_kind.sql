-- Migration 10: the fourth instrument, a
-- cross-border transfer, is an assessment kind 'transfer' with its own report kind 'transfer'.
-- The kind columns of `assessments` and `reports` have CHECK lists from 0001; SQLite cannot alter
-- a CHECK, and rebuilding `assessments` would mean rebuilding every table that references it.
-- Widening an IN list leaves every stored row valid, so the step after this script
-- (`migrate::widen_kind_checks`) edits the two table definitions in place, as SQLite documents
-- for loosening a constraint (writable_schema, then a new schema_version, then an integrity
-- check), all inside this migration's transaction.
SELECT 1;
