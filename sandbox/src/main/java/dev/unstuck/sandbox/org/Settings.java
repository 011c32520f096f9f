package dev.unstuck.sandbox.org;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/**
 * The org-wide knobs, mostly the places where Genesys behaviour is UNCONFIRMED (docs/sandbox.md has
 * the table and the reasons for each default). Defaults are the platform's worst documented behaviour;
 * a test that needs a kinder platform asks for it here.
 */
public record Settings(int tokenLifetimeSeconds, int invalidClientStatus, int rateLimitPerMinute,
                       int queueCleanupDelaySeconds, String flowPurpose, String conflictCode,
                       int loopIntervalSeconds, int maxInQueueFlows, int maxCommunications, int maxSegments,
                       int analyticsMaxMatches, boolean endAtInQueueFlowCap, int outsideDivisionStatus,
                       int analyticsLagSeconds, int analyticsJobDelaySeconds, int analyticsJobAvailabilityLagSeconds,
                       @JsonUnwrapped Analytics analytics, @JsonUnwrapped Limits limits, @JsonUnwrapped Grants grants) {
    public static final List<String> NAMES = List.of("tokenLifetimeSeconds", "invalidClientStatus",
            "rateLimitPerMinute", "queueCleanupDelaySeconds", "flowPurpose", "conflictCode", "loopIntervalSeconds",
            "maxInQueueFlows", "maxCommunications", "maxSegments", "analyticsMaxMatches", "endAtInQueueFlowCap",
            "outsideDivisionStatus", "analyticsLagSeconds", "analyticsJobDelaySeconds", "analyticsJobAvailabilityLagSeconds",
            "analyticsJobRunningStatus", "analyticsMaxRunningJobs", "analyticsTotalHitsSpreadPercent",
            "analyticsTooManyMatchesBody", "divisionAccess", "resourceRateLimitPercent", "tokenRateLimitPerMinute",
            "permissionChangeDelaySeconds", "tokenGrants");

    /** The most a job's availability date may trail now: the field reports up to 48 hours. */
    public static final int LONGEST_JOB_AVAILABILITY_LAG_SECONDS = 172_800;

    /**
     * The analytics knobs added for issue 21, kept together so the record above does not grow one
     * positional argument per setting.
     *
     * @param jobRunningStatus what {@code GET .../details/jobs/{jobId}} answers while a job runs: 202 or 200
     * @param maxRunningJobs how many details jobs of the org may be QUEUED or PENDING at once; one more is 429
     * @param totalHitsSpreadPercent how far the details query's {@code totalHits} may stray from the true count (0 = exact)
     * @param tooManyMatchesBody {@code generic} (the platform's plain 502 body) or {@code descriptive} (names the matches)
     * @param divisionAccess {@code all}: a caller must reach every division of a conversation; {@code any}: one is enough
     */
    public record Analytics(@JsonProperty("analyticsJobRunningStatus") int jobRunningStatus,
                            @JsonProperty("analyticsMaxRunningJobs") int maxRunningJobs,
                            @JsonProperty("analyticsTotalHitsSpreadPercent") int totalHitsSpreadPercent,
                            @JsonProperty("analyticsTooManyMatchesBody") String tooManyMatchesBody,
                            @JsonProperty("divisionAccess") String divisionAccess) {
        public static final List<String> BODIES = List.of("generic", "descriptive");
        public static final List<String> ACCESS = List.of("all", "any");

        public static Analytics defaults() {
            return new Analytics(202, 5, 5, "generic", "all");
        }

        public boolean descriptiveTooManyBody() {
            return tooManyMatchesBody.equals("descriptive");
        }

        public boolean needsEveryDivision() {
            return divisionAccess.equals("all");
        }
    }

    /**
     * The rate limits beside the per-token one (docs/sandbox.md, "Rate limits").
     *
     * @param resourceRateLimitPercent each route, and the analytics and notifications namespaces, allow this share
     *     of {@code rateLimitPerMinute} (60: 180 of 300, the observed {@code inin-ratelimit-allowed})
     * @param tokenRateLimitPerMinute {@code POST /oauth/token} per OAuth client ({@code auth.api})
     */
    public record Limits(@JsonProperty("resourceRateLimitPercent") int resourceRateLimitPercent,
                         @JsonProperty("tokenRateLimitPerMinute") int tokenRateLimitPerMinute) {
        public static Limits defaults() {
            return new Limits(60, 180);
        }
    }

    /**
     * How an administrator's edit of a role reaches the calls (docs/sandbox.md, "Clients and roles").
     *
     * @param permissionChangeDelaySeconds a permission taken from or given to a role is in force for every token
     *     (the ones issued before it too) this long after the edit: the help center's "it can take up to five
     *     minutes for permission updates to make their way through Genesys Cloud and take effect"
     * @param tokenGrants {@code current}: a token acts with its client's grants as they are (edits reach it);
     *     {@code atIssue}: with the grants its client had when it was issued, so an edit reaches only new
     *     tokens (whether Genesys does this is UNCONFIRMED)
     */
    public record Grants(@JsonProperty("permissionChangeDelaySeconds") int permissionChangeDelaySeconds,
                         @JsonProperty("tokenGrants") String tokenGrants) {
        public static final List<String> TOKEN_GRANTS = List.of("current", "atIssue");

        public static Grants defaults() {
            return new Grants(300, "current");
        }

        public boolean fixedAtIssue() {
            return tokenGrants.equals("atIssue");
        }
    }

    public static Settings defaults() {
        return new Settings(86400, 401, 300, 180, "workflow", "general.conflict", 120, 10, 100, 250, 8000, false, 403,
                10, 60, 86_400, Analytics.defaults(), Limits.defaults(), Grants.defaults());
    }
}
