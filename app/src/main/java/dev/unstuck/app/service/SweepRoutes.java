package dev.unstuck.app.service;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST …/sweeps} starts a sweep in the background; {@code GET …/sweeps/{sweepId}} reads its progress and report. */
record SweepRoutes(OrgRuntimes orgs, Sweeps sweeps, CallerLimits limits, Idempotency idempotency) {
    private static final String QUEUES_RULE = "'queues' must be a list of queue names or ids";
    private static final String LIMIT_RULE = "'limit' must be a whole number of at least 1";

    /** The body of a sweep request; every field optional. */
    record SweepBody(Boolean dryRun, List<String> queues, Integer limit, String reason) {
        static final Map<String, String> RULES = Map.of(
                "dryRun", "'dryRun' must be true or false",
                "queues", QUEUES_RULE,
                "limit", LIMIT_RULE,
                "reason", "'reason' must be text");
    }

    void routes(JavalinConfig config) {
        config.routes.post("/api/v1/orgs/{org}/sweeps", this::start);
        config.routes.get("/api/v1/orgs/{org}/sweeps/{sweepId}", this::read);
    }

    private void start(Context ctx) {
        Caller caller = ServiceApi.caller(ctx, Role.OPERATOR);
        limits.take(ctx, caller);
        OrgRuntime org = orgs.get(ctx.pathParam("org"));
        SweepBody body = JsonBody.as(ctx, SweepBody.class, SweepBody.RULES);
        List<String> queues = Optional.ofNullable(body.queues()).orElse(List.of());
        if (queues.stream().anyMatch(q -> q == null || q.isBlank())) {
            throw ApiProblem.badRequest(QUEUES_RULE);
        }
        if (body.limit() != null && body.limit() < 1) {
            throw ApiProblem.badRequest(LIMIT_RULE);
        }
        String reason = JsonBody.text(body.reason()).orElse("unstuck serve sweep");
        Sweeps.Ask ask = new Sweeps.Ask(org.name(), Boolean.TRUE.equals(body.dryRun()), List.copyOf(queues),
                Optional.ofNullable(body.limit()), reason, caller);
        String request = "sweep\n" + ask.org() + "\n" + ask.dryRun() + "\n" + String.join("\n", ask.queues()) + "\n"
                + ask.limit().map(String::valueOf).orElse("") + "\n" + ask.reason();
        Idempotency.Answer answer = idempotency.once(caller, Idempotency.key(ctx), request,
                () -> new Idempotency.Answer(202, ApiJson.write(sweeps.start(ask).view())));
        // A retry gets the first answer, so the sweep it names (the one started then) is where to read it.
        String id = ApiJson.read(answer.body()).path("id").asText();
        ctx.header("Location", "/api/v1/orgs/" + org.name() + "/sweeps/" + id);
        ctx.status(answer.status()).contentType("application/json").result(answer.body());
    }

    private void read(Context ctx) {
        ServiceApi.caller(ctx, Role.VIEWER);
        OrgRuntime org = orgs.get(ctx.pathParam("org"));
        ServiceApi.json(ctx, 200, sweeps.get(org.name(), ctx.pathParam("sweepId")).view());
    }
}
