-- Unit names come from the copy of the TERYT register (Platform.Territory's register_units, kept from labour's
-- TerritorialRegisterChanged), not from a list of the demo county seeded here.
DROP TABLE rm_units;
