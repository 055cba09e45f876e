-- Once the service's own list of accepted gminy (powiat chrzanowski and three cities). Gminy and their names now
-- come from the copy of the TERYT register (0005 drops the table), so a fresh database no longer fills it; an
-- installation that ran the old script keeps its rows until 0005.
SELECT 1;
