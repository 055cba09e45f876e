-- The catalogue's archive: an archived strategy takes no new reports (those already made stay readable).
ALTER TABLE rm_strategies ADD COLUMN archived boolean NOT NULL DEFAULT false;
