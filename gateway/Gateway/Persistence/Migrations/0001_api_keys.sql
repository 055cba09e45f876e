-- Machine clients' API keys. Only a SHA-256 hash of the secret is stored: the key itself is shown
-- once, when created. The prefix identifies a key in lists and logs without revealing it.
CREATE TABLE api_keys (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    prefix      text        NOT NULL UNIQUE,
    secret_hash bytea       NOT NULL,
    role        text        NOT NULL,
    territory   text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz NULL
);
