-- Gminy and their names now come from the copy of the TERYT register (Platform.Territory's register_units,
-- kept from labour's TerritorialRegisterChanged): the service's own list of eight gminy goes. A zone's gmina is
-- checked against the register when it is written; the column keeps the code as before.
ALTER TABLE zones DROP CONSTRAINT IF EXISTS zones_gmina_teryt_fkey;
DROP TABLE gminy;
