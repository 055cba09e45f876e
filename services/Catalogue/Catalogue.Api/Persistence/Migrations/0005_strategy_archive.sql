-- A strategy imported by mistake (or replaced) is archived, not deleted: hidden from the public lists, kept with its
-- tree and every entry, restorable by an administrator.
ALTER TABLE strategies ADD COLUMN archived_at timestamptz NULL;
ALTER TABLE strategies ADD COLUMN archived_by text NULL;
