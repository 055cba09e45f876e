-- The units of the figures are the TERYT register now (register_units, from Platform.Territory's own
-- migration, loaded from a GUS TERC file or the demo subset). The service's old list goes; nothing
-- referenced it but its own parent key (observations carry the code only), and no figure is lost.
-- Independent of the order in which the two migration sources run.
ALTER TABLE territorial_units DROP CONSTRAINT IF EXISTS territorial_units_parent_teryt_fkey;
DROP TABLE territorial_units;
