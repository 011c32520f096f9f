-- People signed in to the dashboard with their Genesys Cloud account: a server-side session per sign-in.
-- Only the SHA-256 of the session id is kept (the id is the cookie); the Genesys token is not kept at all:
-- what the person may do was read from Genesys at sign-in and is held here until the session ends.
-- Written once for SQLite and PostgreSQL: the SQL is the same.
CREATE TABLE web_session (
    id_hash        TEXT    PRIMARY KEY,
    org            TEXT    NOT NULL,
    user_id        TEXT    NOT NULL,
    user_name      TEXT    NOT NULL,
    role           TEXT    NOT NULL,
    end_divisions  TEXT    NOT NULL,
    csrf_token     TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    last_seen_at   BIGINT  NOT NULL,
    ended_at       BIGINT
);
