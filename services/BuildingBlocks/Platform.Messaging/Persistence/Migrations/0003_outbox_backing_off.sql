-- Rows waiting out a back-off after a failed publish (few, usually none): the relay skips their
-- aggregates, so a later event of the same aggregate never overtakes a failed one.
CREATE INDEX ix_outbox_messages_backing_off ON outbox_messages (aggregate_id, id)
    WHERE published_at IS NULL AND dead_at IS NULL AND next_attempt_at IS NOT NULL;
