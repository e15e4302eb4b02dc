-- DPO Desk team database, schema 16: a client's chain head found through an index a member's
-- query can use.
--
-- The head of a client's audit chain is read for every kept report, export and bundle
-- (`chain_head()` in crates/team/src/store/kept_reads.rs: `client_id = $1 ORDER BY position DESC
-- LIMIT 1`). The chain's own index is on `coalesce(client_id, ''), position`; under row-level
-- security a condition can reach an index before the policy only through leakproof operators,
-- and coalesce() is not one, so the member's read walked the whole log: 573 ms at 986,080
-- entries (10,000 assessments; 580 ms written as the index's expression; the superuser's plan,
-- with no policy, used the index in 0.08 ms). `=` on text is leakproof, so a plain index on the
-- column serves the member's read and the policy filters the one row it finds.

CREATE INDEX audit_log_client_position ON dpodesk.audit_log (client_id, position);
