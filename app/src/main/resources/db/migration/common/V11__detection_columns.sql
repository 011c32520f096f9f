-- What detection found, as columns, so reports group by them instead of parsing sentences:
--   rule: the rule crossed (stuck, looping, orphaned, stranded, idle); '' for endings a person asked for
--     (the reason column keeps the caller's free text);
--   flow_id, flow_name: the Architect flow of the guest's latest flow leg (the loop's other end);
--   queue_id: the queue's id (queue keeps the name, as the engine's look read it);
--   passes: how often the guest entered a queue or a flow, whichever more; 0 when not detected;
--   waiting_since: when the guest's current queue wait began (epoch ms), empty when not waiting.
-- Existing rows are kept; their rule is filled where the sweep's and watch's reason text says it.
ALTER TABLE audit_event ADD COLUMN rule          TEXT    NOT NULL DEFAULT '';
ALTER TABLE audit_event ADD COLUMN flow_id       TEXT    NOT NULL DEFAULT '';
ALTER TABLE audit_event ADD COLUMN flow_name     TEXT    NOT NULL DEFAULT '';
ALTER TABLE audit_event ADD COLUMN queue_id      TEXT    NOT NULL DEFAULT '';
ALTER TABLE audit_event ADD COLUMN passes        INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_event ADD COLUMN waiting_since BIGINT;

UPDATE audit_event SET rule = CASE
        WHEN reason LIKE 'stuck:%'    OR reason LIKE '%(stuck:%'    THEN 'stuck'
        WHEN reason LIKE 'looping:%'  OR reason LIKE '%(looping:%'  THEN 'looping'
        WHEN reason LIKE 'orphaned:%' OR reason LIKE '%(orphaned:%' THEN 'orphaned'
        WHEN reason LIKE 'stranded:%' OR reason LIKE '%(stranded:%' THEN 'stranded'
        WHEN reason LIKE 'idle:%'     OR reason LIKE '%(idle:%'     THEN 'idle'
        ELSE '' END;

-- The report reads an org's outcomes over a window; the audit feed pages an org newest first.
CREATE INDEX audit_event_org_time ON audit_event (org, occurred_at);
CREATE INDEX audit_event_org_id ON audit_event (org, id);
