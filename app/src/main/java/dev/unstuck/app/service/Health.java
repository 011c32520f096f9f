package dev.unstuck.app.service;

import io.javalin.config.JavalinConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz} (the process answers: liveness), {@code /readyz} (this replica can serve: its HTTP
 * server answers, the audit database was migrated and takes a real write, and it is not draining after
 * SIGTERM) and {@code /metrics} (Prometheus). Genesys trouble is shared by every replica, so it never
 * makes a replica unready (that would take them all out of the load balancer at once): it shows in
 * {@code /api/v1/orgs}, the dashboard and {@code unstuck_org_up}. No token: probes and scrapers call them.
 */
record Health(AuditHealth audit, BooleanSupplier draining, ServiceMetrics metrics) {
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
        boolean stopping = draining.getAsBoolean();
        if (stopping) {
            problems.add("draining: the service is stopping (SIGTERM)");
        }
        // The audit is checked even while draining, so the body tells everything that is wrong.
        audit.problem().ifPresent(p -> problems.add("audit: " + p));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problems.isEmpty() ? "ready" : stopping ? "draining" : "not ready");
        body.put("problems", problems);
        return body;
    }
}
