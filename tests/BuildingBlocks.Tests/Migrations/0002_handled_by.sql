-- Which replica handled a note: the two-replica tests show the work is shared.
ALTER TABLE handled_notes ADD COLUMN handled_by text NOT NULL DEFAULT '';
