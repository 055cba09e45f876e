-- The zone register. Geometry is WGS 84 (EPSG:4326) as received; areas are computed in PUWG 1992
-- (EPSG:2180) and distances on the ellipsoid (geography), both in SQL at write time.

-- Gminy a zone may be registered in (TERYT: WWPPGGR, powiat = first four digits). Filled by 0003.
CREATE TABLE gminy (
    teryt        text PRIMARY KEY CHECK (teryt ~ '^[0-9]{7}$'),
    name         text NOT NULL,
    powiat_teryt text NOT NULL CHECK (powiat_teryt ~ '^[0-9]{4}$'),
    powiat_name  text NOT NULL
);

-- Motorway junctions and town centres: distances are computed to them, never typed in.
CREATE TABLE reference_places (
    id          uuid PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    kind        text NOT NULL CHECK (kind IN ('motorway_junction', 'town_centre')),
    name        text NOT NULL,
    road        text NULL,
    approximate boolean NOT NULL,
    location    geometry(Point, 4326) NOT NULL
);
CREATE INDEX ix_reference_places_location ON reference_places USING gist (location);

CREATE TABLE zones (
    id                   uuid PRIMARY KEY,
    name                 text NOT NULL,
    gmina_teryt          text NOT NULL REFERENCES gminy (teryt),
    kind                 text NOT NULL,
    state                text NOT NULL,
    total_area_ha        numeric(12, 4) NOT NULL CHECK (total_area_ha > 0),
    available_area_ha    numeric(12, 4) NOT NULL CHECK (available_area_ha >= 0),
    computed_area_ha     numeric(12, 4) NOT NULL,
    year_established     integer NULL,
    sse_name             text NULL,
    psi_eligible         boolean NOT NULL,
    zoning_designation   text NULL,
    -- {"water": "available", "sewage": "planned", …}: one status per utility kind.
    utilities            jsonb NOT NULL,
    railway_siding       boolean NOT NULL,
    ownership            text NOT NULL,
    price_min_pln_m2     numeric(10, 2) NULL,
    price_max_pln_m2     numeric(10, 2) NULL,
    contact_name         text NULL,
    contact_email        text NULL,
    contact_phone        text NULL,
    description          text NULL,
    approximate_boundary boolean NOT NULL,
    boundary             geometry(MultiPolygon, 4326) NOT NULL,
    -- Derived from boundary and reference_places (kept current on every write and place import).
    motorway_junction_id uuid NULL REFERENCES reference_places (id),
    motorway_km          double precision NULL,
    version              integer NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    CONSTRAINT ck_zones_available_within_total CHECK (available_area_ha <= total_area_ha)
);
CREATE INDEX ix_zones_boundary ON zones USING gist (boundary);
-- Radius searches run ST_DWithin on geography (metres on the ellipsoid): index that expression too.
CREATE INDEX ix_zones_boundary_geography ON zones USING gist ((boundary::geography));
CREATE INDEX ix_zones_gmina ON zones (gmina_teryt);
CREATE INDEX ix_zones_available ON zones (available_area_ha);

CREATE TABLE plots (
    id               uuid PRIMARY KEY,
    zone_id          uuid NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    parcel_id        text NOT NULL,
    area_ha          numeric(12, 4) NOT NULL CHECK (area_ha > 0),
    state            text NOT NULL CHECK (state IN ('available', 'reserved', 'sold')),
    boundary         geometry(MultiPolygon, 4326) NULL,
    computed_area_ha numeric(12, 4) NULL,
    version          integer NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT ux_plots_zone_parcel UNIQUE (zone_id, parcel_id)
);
CREATE INDEX ix_plots_boundary ON plots USING gist (boundary);
