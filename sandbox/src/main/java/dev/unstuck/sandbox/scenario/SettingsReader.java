package dev.unstuck.sandbox.scenario;

import dev.unstuck.sandbox.org.Settings;

import java.util.LinkedHashSet;
import java.util.List;

/** Reads {@code settings} (in a scenario, or a {@code PATCH /sandbox/v1/settings} body) over a base. */
public final class SettingsReader {
    private SettingsReader() {}

    public static Settings apply(Settings base, ScenarioNode node) {
        node.allowOnly(new LinkedHashSet<>(Settings.NAMES));
        int invalidClientStatus = node.number("invalidClientStatus", 400, 401).orElse((long) base.invalidClientStatus()).intValue();
        int outsideDivisionStatus = node.number("outsideDivisionStatus", 403, 404).orElse((long) base.outsideDivisionStatus()).intValue();
        return new Settings(
                intOf(node, "tokenLifetimeSeconds", 1, base.tokenLifetimeSeconds()),
                invalidClientStatus,
                intOf(node, "rateLimitPerMinute", 1, base.rateLimitPerMinute()),
                intOf(node, "queueCleanupDelaySeconds", 0, base.queueCleanupDelaySeconds()),
                node.text("flowPurpose").orElse(base.flowPurpose()),
                node.text("conflictCode").orElse(base.conflictCode()),
                intOf(node, "loopIntervalSeconds", 1, base.loopIntervalSeconds()),
                intOf(node, "maxInQueueFlows", 2, base.maxInQueueFlows()),
                intOf(node, "maxCommunications", 4, base.maxCommunications()),
                intOf(node, "maxSegments", 4, base.maxSegments()),
                intOf(node, "analyticsMaxMatches", 1, base.analyticsMaxMatches()),
                node.bool("endAtInQueueFlowCap").orElse(base.endAtInQueueFlowCap()),
                outsideDivisionStatus,
                intOf(node, "analyticsLagSeconds", 0, base.analyticsLagSeconds()),
                intOf(node, "analyticsJobDelaySeconds", 0, base.analyticsJobDelaySeconds()),
                node.number("analyticsJobAvailabilityLagSeconds", 0, Settings.LONGEST_JOB_AVAILABILITY_LAG_SECONDS)
                        .orElse((long) base.analyticsJobAvailabilityLagSeconds()).intValue(),
                analytics(base.analytics(), node),
                new Settings.Limits(
                        node.number("resourceRateLimitPercent", 1, 100).orElse((long) base.limits().resourceRateLimitPercent()).intValue(),
                        intOf(node, "tokenRateLimitPerMinute", 1, base.limits().tokenRateLimitPerMinute())),
                new Settings.Grants(intOf(node, "permissionChangeDelaySeconds", 0, base.grants().permissionChangeDelaySeconds()),
                        oneOf(node, "tokenGrants", Settings.Grants.TOKEN_GRANTS, base.grants().tokenGrants())));
    }

    private static Settings.Analytics analytics(Settings.Analytics base, ScenarioNode node) {
        return new Settings.Analytics(
                node.number("analyticsJobRunningStatus", 200, 202).filter(s -> s != 201).map(Long::intValue)
                        .orElseGet(() -> rejectOr(node, "analyticsJobRunningStatus", base.jobRunningStatus())),
                intOf(node, "analyticsMaxRunningJobs", 1, base.maxRunningJobs()),
                node.number("analyticsTotalHitsSpreadPercent", 0, 50).orElse((long) base.totalHitsSpreadPercent()).intValue(),
                oneOf(node, "analyticsTooManyMatchesBody", Settings.Analytics.BODIES, base.tooManyMatchesBody()),
                oneOf(node, "divisionAccess", Settings.Analytics.ACCESS, base.divisionAccess()));
    }

    /** 201 passed the range check: refuse it; absent: the base. */
    private static int rejectOr(ScenarioNode node, String field, int fallback) {
        if (node.has(field)) {
            throw node.problem(field, "must be 200 or 202");
        }
        return fallback;
    }

    private static String oneOf(ScenarioNode node, String field, java.util.List<String> allowed, String fallback) {
        String value = node.text(field).orElse(fallback);
        if (!allowed.contains(value)) {
            throw node.problem(field, "must be one of " + String.join(", ", allowed) + ", not \"" + value + "\"");
        }
        return value;
    }

    private static int intOf(ScenarioNode node, String field, int min, int fallback) {
        return node.number(field, min, Integer.MAX_VALUE).orElse((long) fallback).intValue();
    }
}
