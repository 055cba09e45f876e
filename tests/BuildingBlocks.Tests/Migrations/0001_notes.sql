CREATE TABLE notes (id uuid PRIMARY KEY, text text NOT NULL);
-- No unique key on note_id on purpose: a message handled twice would show as two rows.
CREATE TABLE handled_notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note_id uuid NOT NULL, text text NOT NULL);
