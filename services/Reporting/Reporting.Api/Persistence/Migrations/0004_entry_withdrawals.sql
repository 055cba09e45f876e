-- The catalogue's withdrawal versions: when the newest version of a (direction, period) is withdrawn, the
-- period has no entry in a report.
ALTER TABLE rm_entries ADD COLUMN withdrawn boolean NOT NULL DEFAULT false;
