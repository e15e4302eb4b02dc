-- DPO Desk vault, schema 13: each assessment version's list summary (ratings, certainty,
-- progress over the required questions, a PIA's next review date) as JSON text, so that the
-- client overview and the portfolio read it instead of scoring every assessment
-- (crates/core/src/vault/summaries.rs). Scoring is a rule above the store: the unit of work that
-- changes answers or links writes the new summary after the change; the triggers below only drop
-- a summary that a change made stale, so a write that does not score leaves it missing (and
-- api scores it again) rather than wrong. Existing assessments start without one: api scores
-- them on first use, in batches.

CREATE TABLE assessment_summaries (
    assessment_id TEXT PRIMARY KEY NOT NULL,
    summary       TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER assessments_summary_delete AFTER DELETE ON assessments BEGIN
    DELETE FROM assessment_summaries WHERE assessment_id = OLD.id;
END;

-- An answer changes its assessment's summary and that of every assessment linking to it (a PIA
-- takes in the rating of what it links to).
CREATE TRIGGER answers_summary_insert AFTER INSERT ON answers BEGIN
    DELETE FROM assessment_summaries
    WHERE assessment_id = NEW.assessment_id
       OR assessment_id IN (SELECT assessment_id FROM assessment_links WHERE linked_id = NEW.assessment_id);
END;
CREATE TRIGGER answers_summary_update AFTER UPDATE OF value ON answers BEGIN
    DELETE FROM assessment_summaries
    WHERE assessment_id IN (OLD.assessment_id, NEW.assessment_id)
       OR assessment_id IN (SELECT assessment_id FROM assessment_links
                            WHERE linked_id IN (OLD.assessment_id, NEW.assessment_id));
END;
CREATE TRIGGER answers_summary_delete AFTER DELETE ON answers BEGIN
    DELETE FROM assessment_summaries
    WHERE assessment_id = OLD.assessment_id
       OR assessment_id IN (SELECT assessment_id FROM assessment_links WHERE linked_id = OLD.assessment_id);
END;

CREATE TRIGGER assessment_links_summary_insert AFTER INSERT ON assessment_links BEGIN
    DELETE FROM assessment_summaries WHERE assessment_id = NEW.assessment_id;
END;
CREATE TRIGGER assessment_links_summary_delete AFTER DELETE ON assessment_links BEGIN
    DELETE FROM assessment_summaries WHERE assessment_id = OLD.assessment_id;
END;
