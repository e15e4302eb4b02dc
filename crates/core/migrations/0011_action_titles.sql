-- An action's title in both languages when it was taken from its finding, so that it reads in the
-- language of the screen or report; both blank when a person typed the title (kept in `title`).
ALTER TABLE actions ADD COLUMN title_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
-- A finding has one action unless another is added on purpose: looked up on every add.
CREATE INDEX actions_finding ON actions (assessment_id, finding_id);
