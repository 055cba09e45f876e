-- Reference data: territorial units (TERYT) and indicators.
CREATE TABLE territorial_units (
    teryt        text PRIMARY KEY,
    name         text NOT NULL,
    level        text NOT NULL CHECK (level IN ('country', 'voivodeship', 'powiat', 'gmina', 'gmina_part')),
    kind         text NULL CHECK (kind IN ('urban', 'rural', 'urban_rural', 'town_part', 'rural_part')),
    parent_teryt text NULL REFERENCES territorial_units (teryt)
);
CREATE INDEX ix_territorial_units_parent ON territorial_units (parent_teryt);

CREATE TABLE indicators (
    code            text PRIMARY KEY,
    name            text NOT NULL,
    unit_of_measure text NOT NULL,
    description     text NOT NULL,
    source          text NOT NULL,
    value_kind      text NOT NULL CHECK (value_kind IN ('count', 'rate'))
);

-- Every revision of every figure; the current one has superseded_at NULL. "As known on D" is
-- received_at <= D AND (superseded_at IS NULL OR superseded_at > D).
-- No foreign keys to the reference tables: every row is checked against them before the merge, reference
-- rows are never deleted, and per-row RI triggers would cost a bulk load of a million rows seconds.
-- The key columns are codes, compared byte-wise (COLLATE "C"): the same order for codes and periods, and a
-- far cheaper unique index than the database's linguistic collation.
CREATE TABLE observations (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator_code text COLLATE "C" NOT NULL,
    unit_teryt     text COLLATE "C" NOT NULL,
    period         text COLLATE "C" NOT NULL,
    period_kind    text COLLATE "C" NOT NULL CHECK (period_kind IN ('year', 'quarter', 'month')),
    breakdown      text COLLATE "C" NOT NULL,
    revision       integer     NOT NULL CHECK (revision >= 1),
    value          numeric     NOT NULL,
    source         text        NOT NULL,
    batch_id       text        NOT NULL,
    received_at    timestamptz NOT NULL,
    superseded_at  timestamptz NULL
);
-- The key with its revision: the lookup of the current figure during a merge, series reads, and
-- the last guard against two merges writing the same revision.
CREATE UNIQUE INDEX ux_observations_key_revision ON observations (indicator_code, unit_teryt, breakdown, period_kind, period, revision);

-- Accepted batches with the answer they got (idempotent re-sends answer from here).
CREATE TABLE observation_batches (
    batch_id    text PRIMARY KEY,
    source      text        NOT NULL,
    territory   text        NULL,
    received    bigint      NOT NULL,
    accepted    bigint      NOT NULL,
    unchanged   bigint      NOT NULL,
    revised     bigint      NOT NULL,
    received_at timestamptz NOT NULL
);

INSERT INTO indicators (code, name, unit_of_measure, description, source, value_kind) VALUES
('registered_unemployed', 'Bezrobotni zarejestrowani', 'osoby',
 'Liczba bezrobotnych zarejestrowanych w powiatowym urzędzie pracy na koniec okresu.',
 'PUP, sprawozdanie MRiPS-01 o rynku pracy (dział 1)', 'count'),
('unemployment_rate', 'Stopa bezrobocia rejestrowanego', '%',
 'Udział bezrobotnych zarejestrowanych w cywilnej ludności aktywnej zawodowo, na koniec okresu.',
 'GUS, Bank Danych Lokalnych: stopa bezrobocia rejestrowanego (poziom powiatu i wyżej)', 'rate'),
('long_term_unemployed', 'Bezrobotni długotrwale', 'osoby',
 'Bezrobotni pozostający w rejestrze łącznie ponad 12 miesięcy w ciągu ostatnich 2 lat, na koniec okresu.',
 'PUP, sprawozdanie MRiPS-01 o rynku pracy', 'count'),
('unemployed_with_benefit', 'Bezrobotni z prawem do zasiłku', 'osoby',
 'Bezrobotni posiadający prawo do zasiłku, na koniec okresu.',
 'PUP, sprawozdanie MRiPS-01 o rynku pracy', 'count'),
('inflow', 'Napływ do bezrobocia', 'osoby',
 'Osoby zarejestrowane jako bezrobotne w okresie.',
 'PUP, sprawozdanie MRiPS-01 o rynku pracy', 'count'),
('outflow', 'Odpływ z bezrobocia', 'osoby',
 'Osoby wyłączone z ewidencji bezrobotnych w okresie.',
 'PUP, sprawozdanie MRiPS-01 o rynku pracy', 'count');

-- TERYT (TERC register of GUS): gminy of a powiat are numbered 01… in alphabetical order; the 7th
-- digit is the gmina type (1 urban, 2 rural, 3 urban-rural, 4 its town, 5 its rural part).
INSERT INTO territorial_units (teryt, name, level, kind, parent_teryt) VALUES
('PL', 'Polska', 'country', NULL, NULL),
('12', 'województwo małopolskie', 'voivodeship', NULL, 'PL'),
('1203', 'powiat chrzanowski', 'powiat', NULL, '12'),
('1203013', 'Alwernia', 'gmina', 'urban_rural', '1203'),
('1203014', 'Alwernia – miasto', 'gmina_part', 'town_part', '1203013'),
('1203015', 'Alwernia – obszar wiejski', 'gmina_part', 'rural_part', '1203013'),
('1203022', 'Babice', 'gmina', 'rural', '1203'),
('1203033', 'Chrzanów', 'gmina', 'urban_rural', '1203'),
('1203034', 'Chrzanów – miasto', 'gmina_part', 'town_part', '1203033'),
('1203035', 'Chrzanów – obszar wiejski', 'gmina_part', 'rural_part', '1203033'),
('1203043', 'Libiąż', 'gmina', 'urban_rural', '1203'),
('1203044', 'Libiąż – miasto', 'gmina_part', 'town_part', '1203043'),
('1203045', 'Libiąż – obszar wiejski', 'gmina_part', 'rural_part', '1203043'),
('1203053', 'Trzebinia', 'gmina', 'urban_rural', '1203'),
('1203054', 'Trzebinia – miasto', 'gmina_part', 'town_part', '1203053'),
('1203055', 'Trzebinia – obszar wiejski', 'gmina_part', 'rural_part', '1203053');
