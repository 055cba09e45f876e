-- Owners are units of the TERYT register (checked by the service against its copy): a voivodeship may own a
-- strategy too. Strategies are listed by the units they touch (owner_units && {unit, ancestors, descendants}).
ALTER TABLE strategies DROP CONSTRAINT IF EXISTS strategies_owner_kind_check;
ALTER TABLE strategies ADD CONSTRAINT strategies_owner_kind_check CHECK (owner_kind IN ('voivodeship', 'powiat', 'gmina', 'group'));
CREATE INDEX IF NOT EXISTS strategies_owner_units ON strategies USING gin (owner_units);
