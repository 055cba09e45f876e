-- Every version of every zone and plot, written in the same transaction as the change. The current
-- tables keep only the newest; a read model that lost its copy (reporting's changes over a period)
-- reloads the versions from here. A version keeps what the events carry, not the boundary or contact.

CREATE TABLE zone_versions (
    zone_id           uuid NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    version           integer NOT NULL,
    name              text NOT NULL,
    gmina_teryt       text NOT NULL,
    kind              text NOT NULL,
    state             text NOT NULL,
    total_area_ha     numeric(12, 4) NOT NULL,
    available_area_ha numeric(12, 4) NOT NULL,
    computed_area_ha  numeric(12, 4) NOT NULL,
    year_established  integer NULL,
    sse_name          text NULL,
    psi_eligible      boolean NOT NULL,
    motorway_km       double precision NULL,
    written_at        timestamptz NOT NULL,
    PRIMARY KEY (zone_id, version)
);

-- gmina_teryt and zone_year_established are the zone's at the time of the plot's change (as its event).
CREATE TABLE plot_versions (
    plot_id               uuid NOT NULL REFERENCES plots (id) ON DELETE CASCADE,
    version               integer NOT NULL,
    zone_id               uuid NOT NULL,
    parcel_id             text NOT NULL,
    gmina_teryt           text NOT NULL,
    area_ha               numeric(12, 4) NOT NULL,
    state                 text NOT NULL,
    previous_state        text NULL,
    zone_year_established integer NULL,
    written_at            timestamptz NOT NULL,
    PRIMARY KEY (plot_id, version)
);

-- An installation upgraded in place has no earlier versions: at least the current one becomes history.
INSERT INTO zone_versions (zone_id, version, name, gmina_teryt, kind, state, total_area_ha, available_area_ha, computed_area_ha,
                           year_established, sse_name, psi_eligible, motorway_km, written_at)
SELECT id, version, name, gmina_teryt, kind, state, total_area_ha, available_area_ha, computed_area_ha,
       year_established, sse_name, psi_eligible, motorway_km, updated_at
FROM zones;

-- The state before the current version is unknown here: previous_state stays empty.
INSERT INTO plot_versions (plot_id, version, zone_id, parcel_id, gmina_teryt, area_ha, state, previous_state, zone_year_established, written_at)
SELECT p.id, p.version, p.zone_id, p.parcel_id, z.gmina_teryt, p.area_ha, p.state, NULL, z.year_established, p.updated_at
FROM plots p JOIN zones z ON z.id = p.zone_id;
