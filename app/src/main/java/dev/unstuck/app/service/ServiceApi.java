package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.app.report.Window;
import dev.unstuck.app.store.ApiTokens;
import dev.unstuck.app.text.UserText;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.engine.Inspection;
import dev.unstuck.core.engine.PlanOptions;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.GenesysId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The routes of {@code /api/v1}, declared in one place; handlers are thin: they check the caller's
 * role and the input, then hand over to {@link Endings}, {@link Sweeps}, the orgs' watches and the
 * audit. Every refusal is an {@link ApiProblem}, written by one mapper in the documented error shape.
 */
final class ServiceApi {
    static final String CALLER = "unstuck.caller";
    static final long MAX_BODY = 64 * 1024;
    /** Rows of an audit CSV export, at most and by default. */
    static final int CSV_ROWS = 10_000;
    /** The report's window when the caller names none. */
    static final String DEFAULT_REPORT_WINDOW = "7d";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final Orgs orgs;
    private final Authenticator authenticator;
    private final Endings endings;
    private final Sweeps sweeps;
    private final AuditFeed audit;
    private final EventStream events;
    private final ApiTokens tokens;
    private final Views views;
    private final ServiceMetrics metrics;
    private final Clock clock;

    ServiceApi(Orgs orgs, Authenticator authenticator, Endings endings, Sweeps sweeps, AuditFeed audit, EventStream events,
               ApiTokens tokens, Views views, ServiceMetrics metrics, Clock clock) {
        this.orgs = orgs;
        this.authenticator = authenticator;
        this.endings = endings;
        this.sweeps = sweeps;
        this.audit = audit;
        this.events = events;
        this.tokens = tokens;
        this.views = views;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The routes, as {@code openapi.json} lists them (a test keeps the two equal). */
    static final List<String> ROUTES = List.of(
            "GET /api/v1/me",
            "GET /api/v1/orgs",
            "POST /api/v1/orgs/{org}/conversations/{id}/end",
            "GET /api/v1/orgs/{org}/conversations/{id}",
            "POST /api/v1/orgs/{org}/sweeps",
            "GET /api/v1/orgs/{org}/sweeps/{sweepId}",
            "GET /api/v1/orgs/{org}/queues",
            "GET /api/v1/audit",
            "GET /api/v1/report",
            "GET /api/v1/events",
            "GET /api/v1/tokens",
            "POST /api/v1/tokens",
            "DELETE /api/v1/tokens/{name}",
            "GET /api/v1/openapi.json");

    void routes(JavalinConfig config) {
        config.routes.before("/api/v1/*", this::authenticate);
        config.routes.get("/api/v1/me", this::me);
        config.routes.get("/api/v1/orgs", this::listOrgs);
        config.routes.post("/api/v1/orgs/{org}/conversations/{id}/end", this::end);
        config.routes.get("/api/v1/orgs/{org}/conversations/{id}", this::inspect);
        config.routes.post("/api/v1/orgs/{org}/sweeps", this::startSweep);
        config.routes.get("/api/v1/orgs/{org}/sweeps/{sweepId}", this::readSweep);
        config.routes.get("/api/v1/orgs/{org}/queues", this::queues);
        config.routes.get("/api/v1/audit", this::audit);
        config.routes.get("/api/v1/report", this::report);
        config.routes.sse("/api/v1/events", events::join);
        config.routes.get("/api/v1/tokens", this::listTokens);
        config.routes.post("/api/v1/tokens", this::createToken);
        config.routes.delete("/api/v1/tokens/{name}", this::revokeToken);
        config.routes.get("/api/v1/openapi.json", ctx -> json(ctx, 200, OpenApi.document()));
    }

    private void authenticate(Context ctx) {
        Caller caller = authenticator.caller(ctx);
        ctx.attribute(CALLER, caller);
        if (ctx.method().name().equals("POST") || ctx.method().name().equals("PUT")) {
            checkBody(ctx);
        }
    }

    /** Bodies up to this size are read and thrown away before a 413, so the caller gets the answer. */
    private static final long DISCARDED_AT_MOST = 1L << 20;

    /**
     * Reads a too-large body (up to a megabyte) before answering: a server that answers while the client
     * is still sending and then closes leaves most clients with a broken pipe instead of the 413.
     */
    private static void discard(Context ctx, long length) {
        if (length > DISCARDED_AT_MOST) {
            return;
        }
        try (java.io.InputStream in = ctx.req().getInputStream()) {
            byte[] buffer = new byte[8192];
            long read = 0;
            for (int n = in.read(buffer); n >= 0 && read < DISCARDED_AT_MOST; n = in.read(buffer)) {
                read += n;
            }
        } catch (java.io.IOException e) {
            // The caller went away; the 413 is answered to no one.
        }
    }

    private static void checkBody(Context ctx) {
        long length = ctx.contentLength();
        if (length > MAX_BODY) {
            discard(ctx, length);
            throw new ApiProblem(413, "body.too.large", "the request body is " + length + " bytes; at most " + MAX_BODY + " are read");
        }
        String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        if (length > 0 && !type.startsWith("application/json")) {
            throw new ApiProblem(415, "unsupported.media.type", "send the body as JSON with 'Content-Type: application/json'");
        }
    }

    private static Caller caller(Context ctx, Role needed) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw ApiProblem.unauthorized("this call needs a bearer token");
        }
        if (!caller.role().includes(needed)) {
            throw ApiProblem.forbidden("'" + caller.name() + "' has the role " + caller.role().label() + "; this needs "
                    + needed.label());
        }
        return caller;
    }

    /** Who the credential belongs to and what it may do: the dashboard shows it and hides what the role may not do. */
    private void me(Context ctx) {
        Caller caller = caller(ctx, Role.VIEWER);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", caller.name());
        out.put("role", caller.role().label());
        out.put("via", caller.via());
        out.put("mayEnd", caller.role().includes(Role.OPERATOR));
        out.put("mayForce", caller.role().includes(Role.ADMIN));
        caller.person().ifPresent(p -> {
            out.put("org", p.org());
            out.put("userId", p.userId());
            out.put("endDivisions", p.endDivisions());
            out.put("csrfToken", p.csrfToken());
        });
        json(ctx, 200, out);
    }

    private void listOrgs(Context ctx) {
        caller(ctx, Role.VIEWER);
        List<Map<String, Object>> out = new ArrayList<>();
        for (OrgRuntime org : orgs.all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("org", org.name());
            entry.put("region", org.target().region().toString());
            entry.put("watchedHere", org.watch().isPresent());
            entry.put("channelConnected", org.channelConnected());
            entry.put("credentials", org.credentialProblem().orElse("ok"));
            // The watch's state as this replica knows it, without asking Genesys: for the dashboard's Now page.
            entry.put("lastScan", org.lastScan().map(Object::toString).orElse(null));
            entry.put("lastHeard", org.watch().isPresent() && org.lastHeard().isAfter(java.time.Instant.EPOCH)
                    ? org.lastHeard().toString() : null);
            entry.put("following", org.watch().map(dev.unstuck.core.detect.Watch::tracking).orElse(0));
            entry.put("limit", org.detection().limit());
            entry.put("atLimit", org.watch().isPresent() && org.atLimit(clock.instant()));
            entry.put("budgetUsed", Math.round(metrics.budgetUsed(org.name()) * 1000) / 1000.0);
            entry.put("requestsPerMinute", org.target().settings().requestsPerMinute());
            out.add(entry);
        }
        json(ctx, 200, Map.of("orgs", out));
    }

    private void end(Context ctx) {
        Caller caller = caller(ctx, Role.OPERATOR);
        OrgRuntime org = orgs.get(ctx.pathParam("org"));
        String id = conversationId(ctx);
        JsonNode body = body(ctx);
        String reason = text(body, "reason").orElseThrow(() -> ApiProblem.badRequest(
                "'reason' is required: say why this conversation is ended (it goes into the audit)"));
        if (reason.isBlank() || reason.length() > 500) {
            throw ApiProblem.badRequest("'reason' must be 1 to 500 characters");
        }
        boolean force = flag(body, "force");
        boolean dryRun = flag(body, "dryRun");
        if (force && !caller.role().includes(Role.ADMIN)) {
            throw ApiProblem.forbidden("'force' (ending a conversation with a live agent) needs the admin role; '" + caller.name()
                    + "' is " + caller.role().label());
        }
        Optional<String> key = Optional.ofNullable(ctx.header("Idempotency-Key"));
        if (key.isPresent() && !IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
            throw ApiProblem.badRequest("Idempotency-Key must be 1 to 200 visible ASCII characters");
        }
        DivisionGate.mayEnd(caller, org, id);
        Endings.Answer answer = endings.end(new Endings.Ask(org.name(), id, reason, force, dryRun, caller), key);
        ctx.status(answer.status()).contentType("application/json").result(answer.body());
    }

    private void inspect(Context ctx) {
        caller(ctx, Role.VIEWER);
        OrgRuntime org = orgs.get(ctx.pathParam("org"));
        String id = conversationId(ctx);
        boolean force = "true".equals(ctx.queryParam("force"));
        Inspection inspection;
        try {
            inspection = org.engine().inspect(id, new PlanOptions(force, false));
        } catch (GenesysException e) {
            throw upstream(e);
        }
        if (inspection instanceof Inspection.NotFound) {
            throw ApiProblem.notFound("conversation.not.found", "Genesys knows no conversation " + id + " in org '" + org.name()
                    + "' (wrong org, or too old)");
        }
        json(ctx, 200, views.inspection().apply(org.client(), inspection));
    }

    private void startSweep(Context ctx) {
        Caller caller = caller(ctx, Role.OPERATOR);
        OrgRuntime org = orgs.get(ctx.pathParam("org"));
        JsonNode body = body(ctx);
        boolean dryRun = flag(body, "dryRun");
        List<String> queues = new ArrayList<>();
        JsonNode q = body.path("queues");
        if (!q.isMissingNode() && !q.isNull()) {
            if (!q.isArray()) {
                throw ApiProblem.badRequest("'queues' must be a list of queue names or ids");
            }
            q.forEach(n -> {
                if (!n.isTextual() || n.asText().isBlank()) {
                    throw ApiProblem.badRequest("'queues' must be a list of queue names or ids");
                }
                queues.add(n.asText());
            });
        }
        Optional<Integer> limit = Optional.empty();
        JsonNode l = body.path("limit");
        if (!l.isMissingNode() && !l.isNull()) {
            if (!l.canConvertToInt() || !l.isIntegralNumber() || l.asInt() < 1) {
                throw ApiProblem.badRequest("'limit' must be a whole number of at least 1");
            }
            limit = Optional.of(l.asInt());
        }
        String reason = text(body, "reason").orElse("unstuck serve sweep");
        Sweeps.Job job = sweeps.start(new Sweeps.Ask(org.name(), dryRun, queues, limit, reason, caller));
        ctx.header("Location", "/api/v1/orgs/" + org.name() + "/sweeps/" + job.id);
        json(ctx, 202, job.json());
    }

    private void readSweep(Context ctx) {
        caller(ctx, Role.VIEWER);
        OrgRuntime org = orgs.get(ctx.pathParam("org"));
        json(ctx, 200, sweeps.get(org.name(), ctx.pathParam("sweepId")).json());
    }

    private void queues(Context ctx) {
        caller(ctx, Role.VIEWER);
        OrgRuntime org = orgs.get(ctx.pathParam("org"));
        Map<String, Map<String, Object>> byQueue = new TreeMap<>();
        for (Finding f : org.picture()) {
            Map<String, Object> row = byQueue.computeIfAbsent(f.queue(), name -> {
                Map<String, Object> fresh = new LinkedHashMap<>();
                fresh.put("queue", name);
                fresh.put("queueId", f.guest().queueId().orElse(""));
                fresh.put("waiting", 0);
                fresh.put("stuck", 0);
                fresh.put("looping", 0);
                fresh.put("orphaned", 0);
                fresh.put("stranded", 0);
                fresh.put("idle", 0);
                return fresh;
            });
            row.merge("waiting", 1, (a, b) -> (Integer) a + (Integer) b);
            if (f.toEnd() && row.containsKey(f.why())) {
                row.merge(f.why(), 1, (a, b) -> (Integer) a + (Integer) b);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("org", org.name());
        out.put("watchedHere", org.watch().isPresent());
        out.put("at", clock.instant().toString());
        out.put("queues", new ArrayList<>(byQueue.values()));
        json(ctx, 200, out);
    }

    private void audit(Context ctx) {
        caller(ctx, Role.VIEWER);
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("").trim().toLowerCase(Locale.ROOT);
        if (!format.isEmpty() && !format.equals("json") && !format.equals("csv")) {
            throw ApiProblem.badRequest("'format' must be json or csv");
        }
        boolean csv = format.equals("csv")
                || format.isEmpty() && Optional.ofNullable(ctx.header("Accept")).orElse("").toLowerCase(Locale.ROOT).contains("text/csv");
        if (!csv) {
            json(ctx, 200, audit.page(AuditFeed.Filter.from(ctx::queryParam)));
            return;
        }
        // An export: more rows a page, the next page's cursor in a header.
        AuditFeed.CsvPage page = audit.csv(AuditFeed.Filter.from(ctx::queryParam, CSV_ROWS, CSV_ROWS));
        page.nextCursor().ifPresent(next -> ctx.header("X-Next-Cursor", next));
        ctx.header("Content-Disposition", "attachment; filename=\"unstuck-audit.csv\"");
        ctx.status(200).contentType("text/csv; charset=utf-8").result(page.text());
    }

    private void report(Context ctx) {
        caller(ctx, Role.VIEWER);
        String name = Optional.ofNullable(ctx.queryParam("org")).map(String::trim).filter(o -> !o.isEmpty())
                .orElseThrow(() -> ApiProblem.badRequest("'org' is required: the org to report on"));
        OrgRuntime org = orgs.get(name);
        Window.Parsed parsed = Window.parse(Optional.ofNullable(ctx.queryParam("since")).orElse(DEFAULT_REPORT_WINDOW),
                Optional.ofNullable(ctx.queryParam("until")), clock.instant());
        if (parsed instanceof Window.Parsed.Bad bad) {
            throw ApiProblem.badRequest(bad.problem());
        }
        Window window = ((Window.Parsed.Ok) parsed).window();
        json(ctx, 200, audit.report(org.name(), window.since(), window.until()).json());
    }

    private void listTokens(Context ctx) {
        caller(ctx, Role.ADMIN);
        json(ctx, 200, Map.of("tokens", tokens.list().stream().map(t -> Map.of("name", t.name(), "role", t.role(),
                "createdAt", t.createdAt().toString(), "createdBy", t.createdBy())).toList()));
    }

    private void createToken(Context ctx) {
        Caller caller = caller(ctx, Role.ADMIN);
        JsonNode body = body(ctx);
        String name = text(body, "name").filter(TokenNames::valid).orElseThrow(() -> ApiProblem.badRequest(TokenNames.RULE));
        Role role = text(body, "role").flatMap(Role::parse).orElseThrow(() -> ApiProblem.badRequest(
                "'role' must be viewer, operator or admin"));
        try {
            String token = tokens.create(name, role.label(), caller.auditName(), clock.instant());
            json(ctx, 201, Map.of("name", name, "role", role.label(), "token", token));
        } catch (ApiTokens.NameTaken e) {
            throw new ApiProblem(409, "token.name.taken", e.getMessage());
        }
    }

    private void revokeToken(Context ctx) {
        caller(ctx, Role.ADMIN);
        String name = ctx.pathParam("name");
        if (!tokens.revoke(name)) {
            throw ApiProblem.notFound("token.not.found", "no token named '" + UserText.shown(name, 64) + "'");
        }
        ctx.status(204);
    }

    private static String conversationId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!GenesysId.isValid(id)) {
            throw ApiProblem.badRequest("'" + UserText.shown(id, 64) + "' is not a conversation id; it is a UUID like "
                    + "3f2b6c1e-8d4a-4e2f-9b1a-2c3d4e5f6a7b");
        }
        return id.toLowerCase(Locale.ROOT);
    }

    private static JsonNode body(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BODY) {
            throw new ApiProblem(413, "body.too.large", "the request body is over " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiProblem.badRequest("the body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not valid JSON: " + UserText.shown(e.getOriginalMessage(), 120));
        } catch (IOException e) {
            throw ApiProblem.badRequest("the body could not be read: " + UserText.shown(e.getMessage(), 120));
        }
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiProblem.badRequest("'" + field + "' must be text");
        }
        return Optional.of(node.asText().trim());
    }

    private static boolean flag(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiProblem.badRequest("'" + field + "' must be true or false");
        }
        return node.asBoolean();
    }

    static ApiProblem upstream(GenesysException e) {
        if (e.status() == 403) {
            return new ApiProblem(502, "genesys.permission.missing", "Genesys Cloud refused the call (403): " + UserText.shown(e.getMessage(), 300));
        }
        return new ApiProblem(502, "genesys.unavailable", "Genesys Cloud did not answer as expected: " + UserText.shown(e.getMessage(), 300));
    }

    static void json(Context ctx, int status, Object value) {
        ctx.status(status).contentType("application/json").result(Endings.write(value));
    }

    /** The request id: the caller's {@code X-Request-Id} when it is sane, else a fresh one. */
    static String requestId(Context ctx) {
        String given = ctx.header("X-Request-Id");
        if (given != null && given.matches("[A-Za-z0-9._-]{1,100}")) {
            return given;
        }
        return UUID.randomUUID().toString();
    }

    static ObjectNode errorBody(int status, String code, String message, String requestId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", status);
        node.put("code", code);
        node.put("message", message);
        node.put("requestId", requestId);
        return node;
    }
}
