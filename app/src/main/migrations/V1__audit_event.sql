-- One row per plan, step and outcome: who asked, why, the state before and after, and the
-- correlation ids Genesys Cloud gave, so any ending can be traced back and explained.
CREATE TABLE audit_event (
    id              @auditKey@,
    occurred_at     BIGINT  NOT NULL,
    run_id          TEXT    NOT NULL,
    org             TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    requested_by    TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    summary         TEXT    NOT NULL,
    state_before    TEXT    NOT NULL,
    state_after     TEXT    NOT NULL,
    correlation_ids TEXT    NOT NULL
);
CREATE INDEX audit_event_conversation ON audit_event (conversation_id, occurred_at);
CREATE INDEX audit_event_time ON audit_event (occurred_at);
