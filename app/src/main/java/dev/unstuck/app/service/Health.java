package dev.unstuck.app.service;

import io.javalin.config.JavalinConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /healthz} (the process answers), {@code /readyz} (every org's credentials work and every org
 * this replica watches has a connected notification channel; the reasons in the body when not) and
 * {@code /metrics} (Prometheus). No token: probes and scrapers call them.
 */
final class Health {
    private final Orgs orgs;
    private final boolean watching;
    private final ServiceMetrics metrics;

    Health(Orgs orgs, boolean watching, ServiceMetrics metrics) {
        this.orgs = orgs;
        this.watching = watching;
        this.metrics = metrics;
    }

    void routes(JavalinConfig config) {
        config.routes.get("/healthz", ctx -> ServiceApi.json(ctx, 200, Map.of("status", "alive")));
        config.routes.get("/readyz", ctx -> {
            Map<String, Object> body = readiness();
            ServiceApi.json(ctx, body.get("status").equals("ready") ? 200 : 503, body);
        });
        config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    }

    Map<String, Object> readiness() {
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (OrgRuntime org : orgs.all()) {
            statuses.add(Service.orgStatus(org, watching));
            org.credentialProblem().ifPresent(p -> problems.add(org.name() + ": " + p));
            if (watching && org.watch().isPresent() && !org.channelConnected()) {
                problems.add(org.name() + ": the notification channel is not connected");
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problems.isEmpty() ? "ready" : "not ready");
        body.put("problems", problems);
        body.put("orgs", statuses);
        return body;
    }
}
