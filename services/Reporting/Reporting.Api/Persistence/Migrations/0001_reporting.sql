-- Read model fed by the other services' events. Every row keeps the publisher's version and
-- occurred_at, so stale or repeated events are ignored and a report can be cut off at a point in time.

CREATE TABLE rm_strategies (
    id uuid PRIMARY KEY,
    code text NOT NULL,
    name text NOT NULL,
    owner_kind text NOT NULL,
    owner_units text[] NOT NULL,
    owner_name text NOT NULL,
    period_from integer NOT NULL,
    period_to integer NOT NULL,
    adopted_by text NULL,
    mission text NULL,
    vision text NULL,
    state text NOT NULL,
    evaluation_summary_json text NULL,
    version integer NOT NULL,
    tree_version integer NOT NULL DEFAULT 0,
    occurred_at timestamptz NOT NULL
);

-- The tree as last published (StrategyTreeChanged replaces it whole).
CREATE TABLE rm_nodes (
    id uuid PRIMARY KEY,
    strategy_id uuid NOT NULL,
    parent_id uuid NULL,
    kind text NOT NULL,
    code text NOT NULL,
    title text NOT NULL,
    sort_order integer NOT NULL,
    implementers text[] NOT NULL,
    area_wide boolean NOT NULL,
    indicators_json text NOT NULL
);
CREATE INDEX ix_rm_nodes_strategy ON rm_nodes (strategy_id);

-- Every version of every monitoring entry: a report takes the newest version recorded before its cut-off.
CREATE TABLE rm_entries (
    entry_id uuid NOT NULL,
    version integer NOT NULL,
    strategy_id uuid NOT NULL,
    direction_id uuid NOT NULL,
    direction_code text NOT NULL,
    year_from integer NOT NULL,
    year_to integer NOT NULL,
    realized boolean NULL,
    status text NULL,
    status_text text NULL,
    description text NULL,
    conclusions text NULL,
    implementers text[] NOT NULL,
    recorded_at timestamptz NOT NULL,
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (entry_id, version)
);
CREATE INDEX ix_rm_entries_strategy ON rm_entries (strategy_id, direction_id);

-- Every revision of every figure, with the time it reached the labour service.
CREATE TABLE rm_observations (
    indicator text NOT NULL,
    unit text NOT NULL,
    period text NOT NULL,
    breakdown text NOT NULL,
    revision integer NOT NULL,
    value numeric NOT NULL,
    source text NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (indicator, unit, period, breakdown, revision)
);

-- Every version of every zone (registered, then changed).
CREATE TABLE rm_zone_versions (
    zone_id uuid NOT NULL,
    version integer NOT NULL,
    name text NOT NULL,
    gmina_teryt text NOT NULL,
    powiat_teryt text NOT NULL,
    kind text NOT NULL,
    state text NOT NULL,
    total_area_ha numeric NOT NULL,
    available_area_ha numeric NOT NULL,
    year_established integer NULL,
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (zone_id, version)
);

-- Names of territorial units (TERYT). Events carry codes only; the names of the demo county are
-- seeded here and the rest fall back to the code.
CREATE TABLE rm_units (
    teryt text PRIMARY KEY,
    name text NOT NULL
);
-- (Once seeded with the names of the demo county; 0003 drops the table: names come from the TERYT register.)

-- Report jobs and their artifacts.
CREATE TABLE report_jobs (
    id uuid PRIMARY KEY,
    kind text NOT NULL,
    strategy_id uuid NOT NULL,
    year_from integer NOT NULL,
    year_to integer NOT NULL,
    data_cut_off timestamptz NOT NULL,
    state text NOT NULL,
    progress integer NOT NULL,
    stage text NULL,
    error text NULL,
    attempts integer NOT NULL,
    created_at timestamptz NOT NULL,
    started_at timestamptz NULL,
    finished_at timestamptz NULL
);
CREATE INDEX ix_report_jobs_state ON report_jobs (state, created_at);

CREATE TABLE report_artifacts (
    id uuid PRIMARY KEY,
    job_id uuid NOT NULL REFERENCES report_jobs (id) ON DELETE CASCADE,
    format text NOT NULL,
    content_type text NOT NULL,
    content bytea NOT NULL,
    size_bytes bigint NOT NULL,
    sha256 text NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (job_id, format)
);
