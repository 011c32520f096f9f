-- The audit becomes a write-ahead journal, and reports read columns instead of parsing text.
--   queue, outcome, status, dry_run: what reports filter on (outcome: ended, already-ended, skipped,
--     failed, planned for outcome rows; accepted, refused, unreachable, unknown for completed acts).
--   act_id: links an act's intent (written before its HTTP call) to its completion (after the answer).
--   audit_run: each run's liveness (a lease renewed while it runs, and its process on this host).
--   audit_claim: the conversations a run is ending; a claim of a run that stopped is what the next
--     run finishes first.
-- Existing rows are kept and their new columns filled from their text where it says enough.
ALTER TABLE audit_event ADD COLUMN queue   TEXT    NOT NULL DEFAULT '';
ALTER TABLE audit_event ADD COLUMN outcome TEXT    NOT NULL DEFAULT '';
ALTER TABLE audit_event ADD COLUMN status  INTEGER;
ALTER TABLE audit_event ADD COLUMN dry_run INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_event ADD COLUMN act_id  TEXT    NOT NULL DEFAULT '';

UPDATE audit_event SET outcome = CASE
        WHEN summary LIKE 'already ended%' THEN 'already-ended'
        WHEN summary LIKE 'ended%'         THEN 'ended'
        WHEN summary LIKE 'skipped%'       THEN 'skipped'
        WHEN summary LIKE 'failed%'        THEN 'failed'
        WHEN summary LIKE 'would %'        THEN 'planned'
        ELSE '' END
    WHERE kind = 'outcome';

UPDATE audit_event SET status = CASE
        WHEN summary LIKE '% -> unreachable%' THEN 0
        ELSE CAST(@statusInSummary@ AS INTEGER) END
    WHERE kind = 'step' AND @summaryHasStatus@;
UPDATE audit_event SET outcome = CASE
        WHEN status = 0 THEN 'unreachable'
        WHEN status BETWEEN 200 AND 299 THEN 'accepted'
        ELSE 'refused' END
    WHERE kind = 'step' AND status IS NOT NULL;

-- A dry run wrote a plan and a "would ..." outcome for each conversation it looked at.
UPDATE audit_event SET dry_run = 1
    WHERE EXISTS (SELECT 1 FROM audit_event o
                  WHERE o.kind = 'outcome' AND o.outcome = 'planned'
                    AND o.run_id = audit_event.run_id AND o.conversation_id = audit_event.conversation_id);

-- The queue leg as the state text wrote it: acd(Support):connected
UPDATE audit_event SET queue = @queueInState@
    WHERE @stateHasQueue@;

CREATE INDEX audit_event_run ON audit_event (run_id, occurred_at);
CREATE INDEX audit_event_act ON audit_event (act_id);
CREATE INDEX audit_event_org_conversation ON audit_event (org, conversation_id);

CREATE TABLE audit_run (
    run_id      TEXT    PRIMARY KEY,
    command     TEXT    NOT NULL,
    caller      TEXT    NOT NULL,
    host        TEXT    NOT NULL,
    pid         BIGINT  NOT NULL,
    pid_started BIGINT  NOT NULL,
    started_at  BIGINT  NOT NULL,
    alive_until BIGINT  NOT NULL,
    ended_at    BIGINT
);

CREATE TABLE audit_claim (
    org             TEXT   NOT NULL,
    conversation_id TEXT   NOT NULL,
    run_id          TEXT   NOT NULL,
    claimed_at      BIGINT NOT NULL,
    PRIMARY KEY (org, conversation_id)
);

-- Runs of the previous version that stopped between a plan and its outcome left an ending begun:
-- claim it for the run that began it (a run with no audit_run row counts as stopped).
INSERT INTO audit_claim (org, conversation_id, run_id, claimed_at)
SELECT p.org, p.conversation_id, MAX(p.run_id), MAX(p.occurred_at)
FROM audit_event p
WHERE p.kind = 'plan' AND p.dry_run = 0
  AND NOT EXISTS (SELECT 1 FROM audit_event o
                  WHERE o.kind = 'outcome' AND o.org = p.org AND o.conversation_id = p.conversation_id AND o.id > p.id)
GROUP BY p.org, p.conversation_id;
