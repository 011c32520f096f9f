-- unstuck serve: API tokens (only a hash is kept), the claim made before ending a conversation (so
-- concurrent requests, on one replica or several, make one set of Genesys calls and all get its
-- outcome), and the answers kept for Idempotency-Key retries.
CREATE TABLE api_token (
    name        TEXT    PRIMARY KEY,
    role        TEXT    NOT NULL,
    token_hash  TEXT    NOT NULL UNIQUE,
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL
);
CREATE TABLE ending_claim (
    org             TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    holder          TEXT    NOT NULL,
    claimed_at      BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    outcome         TEXT,
    finished_at     BIGINT,
    PRIMARY KEY (org, conversation_id)
);
CREATE TABLE idempotency_key (
    caller       TEXT    NOT NULL,
    idem_key     TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    response     TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    PRIMARY KEY (caller, idem_key)
);
