-- An entry recorded by mistake is withdrawn by a new version that says so (rows stay append-only):
-- the period then has no entry again, and the history keeps what was recorded and who withdrew it.
ALTER TABLE monitoring_entries ADD COLUMN withdrawn boolean NOT NULL DEFAULT false;
