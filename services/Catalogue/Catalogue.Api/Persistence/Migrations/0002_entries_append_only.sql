-- Monitoring entries are history: a correction is a new version, never an edit. The database
-- refuses UPDATE and DELETE on them, whatever code path (or person with psql) tries.
CREATE FUNCTION monitoring_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'monitoring_entries are append-only: record a new version instead of %', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER monitoring_entries_append_only
    BEFORE UPDATE OR DELETE ON monitoring_entries
    FOR EACH ROW EXECUTE FUNCTION monitoring_entries_append_only();
