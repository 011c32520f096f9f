package dev.unstuck.app.service;

import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.Watch;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The orgs this service serves ({@code GET /api/v1/orgs}) and the queues' picture of one ({@code GET …/queues}). */
record OrgRoutes(OrgRuntimes orgs, ServiceMetrics metrics, Clock clock) {
    /** Why a finding is ended, as {@link QueueRow} counts them. */
    private static final List<String> COUNTED = List.of("stuck", "looping", "orphaned", "stranded", "idle");

    /** One org as the API shows it: the watch's state as this replica knows it, without asking Genesys (the Now page). */
    record OrgView(String org, String region, boolean up, String problem, boolean watchedHere, boolean channelConnected, String credentials,
                   String lastScan, String lastHeard, int following, int limit, boolean atLimit, double budgetUsed, int requestsPerMinute) {
    }

    record OrgList(List<OrgView> orgs) {
    }

    /** One queue: guests waiting in it and those to end, by why. */
    record QueueRow(String queue, String queueId, int waiting, int stuck, int looping, int orphaned, int stranded, int idle) {
        QueueRow count(Finding f) {
            String why = f.toEnd() && COUNTED.contains(f.why()) ? f.why() : "";
            return new QueueRow(queue, queueId, waiting + 1, stuck + is(why, "stuck"), looping + is(why, "looping"),
                    orphaned + is(why, "orphaned"), stranded + is(why, "stranded"), idle + is(why, "idle"));
        }

        private static int is(String why, String name) {
            return why.equals(name) ? 1 : 0;
        }
    }

    record QueuePicture(String org, boolean watchedHere, String at, List<QueueRow> queues) {
    }

    void routes(JavalinConfig config) {
        config.routes.get("/api/v1/orgs", this::list);
        config.routes.get("/api/v1/orgs/{org}/queues", this::queues);
    }

    private void list(Context ctx) {
        ServiceApi.caller(ctx, Role.VIEWER);
        List<OrgView> out = new ArrayList<>();
        for (OrgRuntime org : orgs.all()) {
            boolean watched = org.watch().isPresent();
            // Genesys trouble of this org shows here and in unstuck_org_up, never in /readyz.
            out.add(new OrgView(org.name(), org.regionName(), org.trouble().isEmpty(), org.trouble().orElse(null), watched,
                    org.channelConnected(),
                    org.credentials(), org.lastScan().map(Object::toString).orElse(null),
                    watched && org.lastHeard().isAfter(Instant.EPOCH) ? org.lastHeard().toString() : null,
                    org.watch().map(Watch::tracking).orElse(0), org.detection().limit(), watched && org.atLimit(clock.instant()),
                    Math.round(metrics.budgetUsed(org.name()) * 1000) / 1000.0, org.genesys().settings().requestsPerMinute()));
        }
        ServiceApi.json(ctx, 200, new OrgList(out));
    }

    private void queues(Context ctx) {
        ServiceApi.caller(ctx, Role.VIEWER);
        OrgRuntime org = orgs.get(ctx.pathParam("org"));
        Map<String, QueueRow> byQueue = new TreeMap<>();
        for (Finding f : org.picture()) {
            byQueue.computeIfAbsent(f.queue(), name -> new QueueRow(name, f.guest().queueId().orElse(""), 0, 0, 0, 0, 0, 0));
            byQueue.computeIfPresent(f.queue(), (name, row) -> row.count(f));
        }
        ServiceApi.json(ctx, 200, new QueuePicture(org.name(), org.watch().isPresent(), clock.instant().toString(),
                new ArrayList<>(byQueue.values())));
    }
}
