-- Strategies, their trees and the monitoring entries of their directions.
CREATE TABLE strategies (
    id                 uuid        PRIMARY KEY,
    code               text        NOT NULL UNIQUE,
    name               text        NOT NULL,
    owner_kind         text        NOT NULL CHECK (owner_kind IN ('powiat', 'gmina', 'group')),
    owner_units        text[]      NOT NULL,
    owner_name         text        NOT NULL,
    period_from        integer     NOT NULL,
    period_to          integer     NOT NULL CHECK (period_to >= period_from),
    adopted_by         text        NULL,
    mission            text        NULL,
    vision             text        NULL,
    state              text        NOT NULL CHECK (state IN ('draft', 'adopted', 'closed')),
    evaluation_summary jsonb       NULL,
    source             text        NULL,
    version            integer     NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

CREATE TABLE strategy_nodes (
    id           uuid          PRIMARY KEY,
    strategy_id  uuid          NOT NULL REFERENCES strategies (id),
    parent_id    uuid          NULL REFERENCES strategy_nodes (id),
    kind         text          NOT NULL CHECK (kind IN ('area', 'domain', 'strategic_goal', 'operational_goal', 'direction')),
    code         text          NOT NULL,
    title        text          NOT NULL,
    "order"      integer       NOT NULL,
    depth        integer       NOT NULL,
    sort_key     text          NOT NULL,
    ancestor_ids uuid[]        NOT NULL,
    implementers text[]        NOT NULL,
    area_wide    boolean       NOT NULL,
    weight       numeric(9, 3) NULL,
    indicators   jsonb         NOT NULL,
    forwarded_to uuid[]        NOT NULL,
    search_text  text          NOT NULL,
    version      integer       NOT NULL,
    updated_at   timestamptz   NOT NULL
);
-- A code is unique per kind within its strategy (a strategic goal may mirror its area's code).
CREATE UNIQUE INDEX ux_strategy_nodes_code ON strategy_nodes (strategy_id, kind, code);
CREATE INDEX ix_strategy_nodes_tree ON strategy_nodes (strategy_id, sort_key);
CREATE INDEX ix_strategy_nodes_parent ON strategy_nodes (parent_id);
CREATE INDEX ix_strategy_nodes_ancestors ON strategy_nodes USING gin (ancestor_ids);

CREATE TABLE monitoring_entries (
    id             uuid        PRIMARY KEY,
    direction_id   uuid        NOT NULL REFERENCES strategy_nodes (id),
    strategy_id    uuid        NOT NULL REFERENCES strategies (id),
    year_from      integer     NOT NULL,
    year_to        integer     NOT NULL CHECK (year_to >= year_from),
    version        integer     NOT NULL CHECK (version >= 1),
    realized       boolean     NULL,
    status         text        NULL CHECK (status IN ('completed', 'continuous', 'partial', 'in_progress', 'not_started', 'not_realized', 'abandoned')),
    status_text    text        NULL,
    description    text        NULL,
    conclusions    text        NULL,
    implementers   text[]      NOT NULL,
    evidence_links text[]      NOT NULL,
    recorded_by    text        NOT NULL,
    recorded_at    timestamptz NOT NULL
);
-- The last guard of optimistic concurrency: two writers of the same next version cannot both commit.
CREATE UNIQUE INDEX ux_monitoring_entries_version ON monitoring_entries (direction_id, year_from, year_to, version);
CREATE INDEX ix_monitoring_entries_strategy_period ON monitoring_entries (strategy_id, year_from, year_to);
