-- The labour batch that wrote each figure revision: a batch announced without values is fetched over
-- gRPC by its id, and what arrived can be checked against the labour service batch by batch. NULL for
-- rows loaded before this column existed.
ALTER TABLE rm_observations ADD COLUMN batch_id text NULL;

-- Every version of every plot (PlotStateChanged, or the zones rebuild): the report counts available,
-- reserved and sold hectares per gmina at its cut-off and the plots sold in its period.
CREATE TABLE rm_plot_versions (
    plot_id uuid NOT NULL,
    version integer NOT NULL,
    zone_id uuid NOT NULL,
    parcel_id text NOT NULL,
    gmina_teryt text NOT NULL,
    area_ha numeric NOT NULL,
    state text NOT NULL,
    previous_state text NULL,
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (plot_id, version)
);
CREATE INDEX ix_rm_plot_versions_gmina ON rm_plot_versions (gmina_teryt);
