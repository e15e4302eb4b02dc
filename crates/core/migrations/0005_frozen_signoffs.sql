-- A sign-off freezes what it signed: the outcome (rating and its certainty, tier, PIA verdict,
-- finding ids) as JSON, the scoring engine's version and the law register's version it was
-- scored under, and the decisive points still open when it was given (its reservations, JSON).
-- Sign-offs recorded before this migration keep empty values: they froze nothing, and the doors
-- say so rather than guess. (Schema version 3 is intentionally unused.)

ALTER TABLE signoffs ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE signoffs ADD COLUMN engine_version TEXT NOT NULL DEFAULT '';
ALTER TABLE signoffs ADD COLUMN law_version TEXT NOT NULL DEFAULT '';
ALTER TABLE signoffs ADD COLUMN reservations TEXT NOT NULL DEFAULT '[]';
