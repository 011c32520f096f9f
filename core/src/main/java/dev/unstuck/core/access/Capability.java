package dev.unstuck.core.access;

import java.util.List;

/**
 * What unstuck can do for an org, and the permissions each needs (genesys-api.md §2-§5).
 * Listed permissions are all required.
 */
public enum Capability {
    /** {@code GET /api/v2/conversations/messages/{id}} documents no permission (genesys-api.md §3.1). */
    INSPECT("read a conversation's legs (inspect, and the look before every end)",
            List.of()),
    END("end conversations: disconnect legs, tear down as last resort",
            List.of("conversation:communication:disconnect")),
    /** Sweep and watch scan conversation details and name queues. */
    DETECT("find stuck guests (sweep, watch): analytics conversation details and the queue list",
            List.of("analytics:conversationDetail:view", "routing:queue:view")),
    /**
     * Past the details query's limit (about 8,000 open guests) sweep and watch drain queue observations
     * (docs/scale.md); without this a busy org's guests beyond the limit go unfound, queue by queue.
     */
    DRAIN("find stuck guests past the analytics limit (about 8,000 open): queue observations",
            List.of("analytics:queueObservation:view")),
    /** Per-topic permissions are UNCONFIRMED in the fact sheet; this is the likeliest for the queue topics watch uses. */
    NOTIFICATIONS("follow queues live on the notification stream (watch: queue conversation topics)",
            List.of("routing:queue:view"));

    private final String description;
    private final List<String> required;

    Capability(String description, List<String> required) {
        this.description = description;
        this.required = required;
    }

    public String description() {
        return description;
    }

    public List<String> required() {
        return required;
    }
}
