-- Analytics ghosts: conversations analytics listed open that the conversation API showed ended (or did not
-- know: its 404 to a valid token). Each costs one look, then detection leaves it out for a day
-- (GhostMemory.REMEMBERED_FOR); a look after that moves last_seen on and counts in looks.
--   queue: where analytics had it waiting (name, or id); not_found: 1 when the conversation API did not know it.
CREATE TABLE analytics_ghost (
    org             TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    queue           TEXT    NOT NULL,
    not_found       INTEGER NOT NULL,
    first_seen      BIGINT  NOT NULL,
    last_seen       BIGINT  NOT NULL,
    looks           INTEGER NOT NULL,
    PRIMARY KEY (org, conversation_id)
);
-- Detection asks for an org's ghosts seen since a moment; the report counts them over a window.
CREATE INDEX analytics_ghost_org_seen ON analytics_ghost (org, last_seen);
