-- ExportObservations filtered by batch (reporting fetches a batch announced without values) walks one
-- batch's rows in id order instead of scanning every figure ever received.
CREATE INDEX ix_observations_batch ON observations (batch_id, id);
