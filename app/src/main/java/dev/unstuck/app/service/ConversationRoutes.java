package dev.unstuck.app.service;

import dev.unstuck.app.text.UserText;
import dev.unstuck.app.view.ConversationView;
import dev.unstuck.core.engine.Inspection;
import dev.unstuck.core.engine.PlanOptions;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.GenesysId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.Locale;
import java.util.Map;

/** One conversation: {@code POST …/conversations/{id}/end} hands over to {@link Endings}; {@code GET …/conversations/{id}} inspects. */
record ConversationRoutes(OrgRuntimes orgs, Endings endings, CallerLimits limits) {
    /** The body of an ending request. */
    record EndBody(String reason, Boolean force, Boolean dryRun) {
        static final Map<String, String> RULES = Map.of(
                "reason", "'reason' must be text",
                "force", "'force' must be true or false",
                "dryRun", "'dryRun' must be true or false");
    }

    void routes(JavalinConfig config) {
        config.routes.post("/api/v1/orgs/{org}/conversations/{id}/end", this::end);
        config.routes.get("/api/v1/orgs/{org}/conversations/{id}", this::inspect);
    }

    private void end(Context ctx) {
        Caller caller = ServiceApi.caller(ctx, Role.OPERATOR);
        OrgRuntime org = orgs.get(ctx.pathParam("org"));
        String id = conversationId(ctx);
        EndBody body = JsonBody.as(ctx, EndBody.class, EndBody.RULES);
        String reason = JsonBody.text(body.reason()).orElseThrow(() -> ApiProblem.badRequest(
                "'reason' is required: say why this conversation is ended (it goes into the audit)"));
        if (reason.isBlank() || reason.length() > 500) {
            throw ApiProblem.badRequest("'reason' must be 1 to 500 characters");
        }
        boolean force = Boolean.TRUE.equals(body.force());
        boolean dryRun = Boolean.TRUE.equals(body.dryRun());
        if (force && !caller.role().includes(Role.ADMIN)) {
            throw ApiProblem.forbidden("'force' (ending a conversation with a live agent) needs the admin role; '" + caller.name()
                    + "' is " + caller.role().label());
        }
        DivisionGate.mayEnd(caller, org, id);
        Endings.Answer answer = endings.end(new Endings.Ask(org.name(), id, reason, force, dryRun, caller), Idempotency.key(ctx));
        ctx.status(answer.status()).contentType("application/json").result(answer.body());
    }

    private void inspect(Context ctx) {
        limits.take(ctx, ServiceApi.caller(ctx, Role.VIEWER));
        OrgRuntime org = orgs.get(ctx.pathParam("org"));
        String id = conversationId(ctx);
        boolean force = "true".equals(ctx.queryParam("force"));
        Inspection inspection;
        try {
            inspection = org.engine().inspect(id, new PlanOptions(force, false));
        } catch (GenesysException e) {
            throw ServiceApi.upstream(e);
        }
        if (inspection instanceof Inspection.NotFound) {
            throw ApiProblem.notFound("conversation.not.found", "Genesys knows no conversation " + id + " in org '" + org.name()
                    + "' (wrong org, or too old)");
        }
        ServiceApi.json(ctx, 200, ConversationView.json(org.client(), inspection));
    }

    private static String conversationId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!GenesysId.isValid(id)) {
            throw ApiProblem.badRequest("'" + UserText.shown(id, 64) + "' is not a conversation id; it is a UUID like "
                    + "3f2b6c1e-8d4a-4e2f-9b1a-2c3d4e5f6a7b");
        }
        return id.toLowerCase(Locale.ROOT);
    }
}
