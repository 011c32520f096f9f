-- One claim mechanism instead of two: the claims a run makes on the conversations it ends (audit_claim,
-- V2) and the claims an API request makes before ending one, keeping its outcome for the callers who
-- wait (ending_claim, V10), become rows of one table told apart by their purpose ('run', 'request').
--   holder: the run id ('run') or the replica and thread ('request');
--   expires_at: when a request's claim lapses unless finished; empty for a run's claim, which lives as
--     long as its run's lease (audit_run);
--   outcome, finished_at: a request's outcome (JSON) and when it was written; empty for a run's claim.
-- Every existing claim is moved as it was, so what a stopped run left is still finished by the next run.
-- Written once for SQLite and PostgreSQL: the SQL is the same.
CREATE TABLE conversation_claim (
    org             TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    purpose         TEXT    NOT NULL,
    holder          TEXT    NOT NULL,
    claimed_at      BIGINT  NOT NULL,
    expires_at      BIGINT,
    outcome         TEXT,
    finished_at     BIGINT,
    PRIMARY KEY (org, conversation_id, purpose)
);

INSERT INTO conversation_claim (org, conversation_id, purpose, holder, claimed_at)
SELECT org, conversation_id, 'run', run_id, claimed_at FROM audit_claim;

INSERT INTO conversation_claim (org, conversation_id, purpose, holder, claimed_at, expires_at, outcome, finished_at)
SELECT org, conversation_id, 'request', holder, claimed_at, expires_at, outcome, finished_at FROM ending_claim;

DROP TABLE audit_claim;
DROP TABLE ending_claim;
