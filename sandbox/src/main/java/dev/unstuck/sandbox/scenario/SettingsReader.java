package dev.unstuck.sandbox.scenario;

import dev.unstuck.sandbox.org.Settings;

import java.util.LinkedHashSet;

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
                intOf(node, "analyticsJobAvailabilityLagSeconds", 0, base.analyticsJobAvailabilityLagSeconds()),
                node.number("resourceRateLimitPercent", 1, 100).orElse((long) base.resourceRateLimitPercent()).intValue(),
                intOf(node, "tokenRateLimitPerMinute", 1, base.tokenRateLimitPerMinute()));
    }

    private static int intOf(ScenarioNode node, String field, int min, int fallback) {
        return node.number(field, min, Integer.MAX_VALUE).orElse((long) fallback).intValue();
    }
}
