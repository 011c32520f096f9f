package dev.unstuck.app.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.app.store.ApiTokens;
import dev.unstuck.app.text.UserText;
import dev.unstuck.core.genesys.GenesysException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The routes of {@code /api/v1}, listed in one place and served by one class per resource
 * (conversations, sweeps, orgs, audit, tokens, events). Handlers are thin: they check the caller's role
 * and bind the body into a request record, then hand over to {@link Endings}, {@link Sweeps}, the orgs'
 * watches and the audit, and answer records. Every refusal is an {@link ApiProblem}, written by one
 * mapper in the documented error shape.
 */
final class ServiceApi {
    static final String CALLER = "unstuck.caller";
    static final String CREDENTIAL = "unstuck.credential";
    static final long MAX_BODY = JsonBody.MAX_BODY;

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

    private final Authenticator authenticator;
    private final EventStream events;
    private final TokenRoutes tokenRoutes;
    private final OrgRoutes orgRoutes;
    private final ConversationRoutes conversationRoutes;
    private final SweepRoutes sweepRoutes;
    private final AuditRoutes auditRoutes;

    ServiceApi(OrgRuntimes orgs, Authenticator authenticator, Endings endings, Sweeps sweeps, AuditFeed audit, EventStream events,
               ApiTokens tokens, ServiceMetrics metrics, Clock clock, CallerLimits limits) {
        this.authenticator = authenticator;
        this.events = events;
        this.tokenRoutes = new TokenRoutes(tokens, clock);
        this.orgRoutes = new OrgRoutes(orgs, metrics, clock);
        this.conversationRoutes = new ConversationRoutes(orgs, endings, limits);
        this.sweepRoutes = new SweepRoutes(orgs, sweeps, limits, endings.idempotency());
        this.auditRoutes = new AuditRoutes(orgs, audit, clock);
    }

    /** On every API answer, errors and the one showing a new token included: nothing to keep, nothing to sniff. */
    static final Map<String, String> HEADERS = Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff");

    void routes(JavalinConfig config) {
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrors()));
        config.routes.before("/api/v1/*", ctx -> HEADERS.forEach(ctx::header));
        config.routes.before("/api/v1/*", this::authenticate);
        tokenRoutes.routes(config);
        orgRoutes.routes(config);
        conversationRoutes.routes(config);
        sweepRoutes.routes(config);
        auditRoutes.routes(config);
        config.routes.sse("/api/v1/events", events::join);
        config.routes.get(OpenApi.PATH, ctx -> json(ctx, 200, OpenApi.document()));
    }

    private void authenticate(Context ctx) {
        if (ctx.path().equals(OpenApi.PATH)) {
            return; // public: a reader or a client generator learns the API before it has a token
        }
        List<String> authorization = Collections.list(ctx.req().getHeaders("Authorization"));
        if (authorization.size() > 1) {
            // Which one a proxy or a server reads differs; none is guessed.
            throw ApiProblem.badRequest("send one Authorization header; this request has " + authorization.size());
        }
        Credential credential = authenticator.credential(ctx);
        ctx.attribute(CALLER, credential.caller());
        ctx.attribute(CREDENTIAL, credential);
        if (ctx.method().name().equals("POST") || ctx.method().name().equals("PUT")) {
            JsonBody.read(ctx);
        }
    }

    /** The caller of this request, if its role includes {@code needed}. */
    static Caller caller(Context ctx, Role needed) {
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

    static ApiProblem upstream(GenesysException e) {
        if (e.status() == 403) {
            return new ApiProblem(502, "genesys.permission.missing", "Genesys Cloud refused the call (403): " + UserText.shown(e.getMessage(), 300));
        }
        return new ApiProblem(502, "genesys.unavailable", "Genesys Cloud did not answer as expected: " + UserText.shown(e.getMessage(), 300));
    }

    static void json(Context ctx, int status, Object value) {
        ctx.status(status).contentType("application/json").result(ApiJson.write(value));
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
        ObjectNode node = ApiJson.MAPPER.createObjectNode();
        node.put("status", status);
        node.put("code", code);
        node.put("message", message);
        node.put("requestId", requestId);
        return node;
    }
}
