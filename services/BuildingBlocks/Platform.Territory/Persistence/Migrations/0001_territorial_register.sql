-- The TERYT register (owner: labour) or a service's copy of it: one row per code, ended units kept
-- (valid_to), former names with their validity in former_names.
CREATE TABLE register_units (
    code         text COLLATE "C" PRIMARY KEY,
    name         text NOT NULL,
    level        text NOT NULL,
    kind         text NULL,
    parent_code  text COLLATE "C" NULL,
    description  text NULL,
    valid_from   date NULL,
    valid_to     date NULL,
    former_names jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX ix_register_units_parent ON register_units (parent_code);

CREATE TABLE register_state (
    id          int PRIMARY KEY CHECK (id = 1),
    version     int NOT NULL,
    state_as_of date NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The owner's import reports (what each file added, renamed, ended); empty in a copy.
CREATE TABLE register_imports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version     int NOT NULL,
    file_name   text NULL,
    state_as_of date NOT NULL,
    encoding    text NOT NULL,
    rows        int NOT NULL,
    added       int NOT NULL,
    renamed     int NOT NULL,
    ended       int NOT NULL,
    reinstated  int NOT NULL,
    report      jsonb NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now(),
    imported_by text NULL
);
