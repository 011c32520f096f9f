package dev.unstuck.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.sandbox.notify.Channels;
import dev.unstuck.sandbox.org.OAuthClient;
import dev.unstuck.sandbox.org.Org;
import dev.unstuck.sandbox.org.Tokens;
import dev.unstuck.sandbox.world.State;
import dev.unstuck.sandbox.world.World;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Genesys Cloud Platform API subset: the pipeline every API request passes, in order: faults,
 * authentication (401), rate limit (429), then the endpoint's own checks: body (400), permission
 * (403), existence (404), state (409). The endpoints live by resource ({@link OrgEndpoints},
 * {@link QueueEndpoints}, {@link ConversationEndpoints}, {@link ParticipantEndpoints},
 * {@link AnalyticsEndpoints}, {@link NotificationEndpoints}); a failed check throws
 * {@link PlatformError}, answered here with the platform's error body.
 */
public final class GenesysApi {
    private final State state;
    private final Faults faults;
    private final ObjectMapper json;
    private final GenesysJson views;
    private final OAuthEndpoint oauth;
    private final AuthorizeEndpoint people;
    private final Channels channels;

    public GenesysApi(State state, Faults faults, ObjectMapper json, Channels channels) {
        this.state = state;
        this.channels = channels;
        this.faults = faults;
        this.json = json;
        this.views = new GenesysJson(json);
        this.people = new AuthorizeEndpoint(state, json);
        this.oauth = new OAuthEndpoint(state, json, people);
    }

    public void register(RoutesConfig app) {
        app.exception(PlatformError.class, (e, ctx) -> Exchange.write(ctx, Answer.error(e.body()), json));
        // Javalin's own answers (no route matched, a body over the limit) speak the platform's shape too.
        app.exception(HttpResponseException.class, (e, ctx) -> Exchange.write(ctx, Answer.error(e.getStatus() == 404
                ? ErrorBody.notFound("The requested resource was not found: " + ctx.method() + " " + ctx.path())
                : ErrorBody.protocol(e.getStatus())), json));
        app.post("/oauth/token", ctx -> withFaults(ctx, () -> oauth.token(ctx)));
        app.get("/oauth/authorize", people::form);
        app.post("/oauth/authorize", people::submit);

        Routes routes = (method, path, endpoint) -> app.addHttpHandler(method, path,
                ctx -> withFaults(ctx, () -> state.locked(world -> authorized(ctx, world, method + " " + path, endpoint))));
        new OrgEndpoints(views).register(routes);
        new QueueEndpoints(views).register(routes);
        new ConversationEndpoints(views).register(routes);
        new ParticipantEndpoints(json, views).register(routes);
        new AnalyticsEndpoints(json).register(routes);
        new NotificationEndpoints(channels, json).register(routes);

        for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)) {
            routes.api(method, "/api/v2/*", call -> {
                throw new PlatformError(ErrorBody.notFound(
                        "The requested resource was not found: " + call.ctx().method() + " " + call.ctx().path()));
            });
        }
    }

    // ---- the pipeline ---------------------------------------------------------------------------

    private void withFaults(Context ctx, Supplier<Answer> next) throws InterruptedException {
        faults.apply(ctx, next, json);
    }

    private Answer authorized(Context ctx, World world, String route, Endpoint endpoint) {
        String header = Optional.ofNullable(ctx.header("Authorization")).orElse("").trim();
        if (header.length() < 7 || !header.substring(0, 7).equalsIgnoreCase("bearer ") || header.substring(7).isBlank()) {
            throw new PlatformError(ErrorBody.authenticationRequired());
        }
        Instant now = world.now();
        Tokens.Check check = world.tokens().check(header.substring(7).trim(), now);
        if (check instanceof Tokens.Check.Expired) {
            throw new PlatformError(ErrorBody.credentialsExpired());
        }
        if (!(check instanceof Tokens.Check.Valid valid)) {
            throw new PlatformError(ErrorBody.badCredentials());
        }
        // The grants as the token sees them: the org's now (an administrator's edits reach it) or as at its issue.
        Org grants = world.settings().grants().fixedAtIssue() ? world.tokens().grantsAtIssue(valid.token()) : world.org();
        OAuthClient via = grants.client(valid.token().clientId())
                .orElseThrow(() -> new PlatformError(ErrorBody.badCredentials()));
        // A user's token acts with the user's grants, not the client's.
        OAuthClient client = valid.token().userId().map(id -> grants.user(id)
                .orElseThrow(() -> new PlatformError(ErrorBody.badCredentials())).actingThrough(via)).orElse(via);
        Exchange.clientIs(ctx, client.id());
        Limited.check(ctx, world.rateLimits().admit(RateBuckets.api(valid.token(), route, world.settings()), now));
        return endpoint.handle(new Call(ctx, world, new Caller(client, valid.token(), grants), json));
    }
}
