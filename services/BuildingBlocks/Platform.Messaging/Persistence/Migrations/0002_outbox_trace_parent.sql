-- The trace of the change that wrote a message, continued by the relay's publish and every consumer.
ALTER TABLE outbox_messages ADD COLUMN trace_parent text NULL;
