-- Durable outbox: written in the same transaction as the change it announces.
CREATE TABLE outbox_messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id      uuid        NOT NULL UNIQUE,
    aggregate_id    text        NOT NULL,
    message_type    text        NOT NULL,
    body            jsonb       NOT NULL,
    correlation_id  text        NULL,
    occurred_at     timestamptz NOT NULL,
    published_at    timestamptz NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text        NULL,
    next_attempt_at timestamptz NULL,
    dead_at         timestamptz NULL
);
-- The relay reads only what is still to be sent, in order.
CREATE INDEX ix_outbox_messages_pending ON outbox_messages (id) WHERE published_at IS NULL AND dead_at IS NULL;

-- Inbox: one row per handled message and consumer; the primary key is the last guard against duplicates.
CREATE TABLE inbox_messages (
    message_id   uuid        NOT NULL,
    consumer     text        NOT NULL,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (message_id, consumer)
);
