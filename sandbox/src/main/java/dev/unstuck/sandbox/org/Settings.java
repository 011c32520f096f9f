package dev.unstuck.sandbox.org;

import java.util.List;

/**
 * The org-wide knobs, mostly the places where Genesys behaviour is UNCONFIRMED (docs/sandbox.md has
 * the table and the reasons for each default).
 */
public record Settings(int tokenLifetimeSeconds, int invalidClientStatus, int rateLimitPerMinute,
                       int queueCleanupDelaySeconds, String flowPurpose, String conflictCode,
                       int loopIntervalSeconds, int maxInQueueFlows, int maxCommunications, int maxSegments,
                       int analyticsMaxMatches, boolean endAtInQueueFlowCap, int outsideDivisionStatus,
                       int analyticsLagSeconds, int analyticsJobDelaySeconds, int analyticsJobAvailabilityLagSeconds,
                       int resourceRateLimitPercent, int tokenRateLimitPerMinute) {
    public static final List<String> NAMES = List.of("tokenLifetimeSeconds", "invalidClientStatus",
            "rateLimitPerMinute", "queueCleanupDelaySeconds", "flowPurpose", "conflictCode", "loopIntervalSeconds",
            "maxInQueueFlows", "maxCommunications", "maxSegments", "analyticsMaxMatches", "endAtInQueueFlowCap",
            "outsideDivisionStatus", "analyticsLagSeconds", "analyticsJobDelaySeconds", "analyticsJobAvailabilityLagSeconds",
            "resourceRateLimitPercent", "tokenRateLimitPerMinute");

    public static Settings defaults() {
        return new Settings(86400, 401, 300, 180, "workflow", "general.conflict", 120, 10, 100, 250, 8000, false, 403, 0, 10, 60, 60, 180);
    }
}
