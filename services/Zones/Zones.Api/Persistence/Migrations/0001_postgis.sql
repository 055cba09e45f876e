-- Zone boundaries, plots and reference places are PostGIS geometries. Creating the extension needs a
-- superuser: deploy/run.sh (and the test template) create it beforehand, so here it is a no-op check.
CREATE EXTENSION IF NOT EXISTS postgis;
