package dev.unstuck.app.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.unstuck.app.store.ApiTokens;
import dev.unstuck.app.text.UserText;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who calls ({@code GET /api/v1/me}) and the API tokens an admin keeps ({@code /api/v1/tokens}). */
record TokenRoutes(ApiTokens tokens, Clock clock) {
    /**
     * Who the credential belongs to and what it may do: the dashboard shows it and hides what the role may
     * not do. For a person signed in with Genesys Cloud also their org, user id, the divisions where they
     * may end, and the CSRF token their changes must carry (absent for machines).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Me(String name, String role, String via, boolean mayEnd, boolean mayForce, String org, String userId,
              List<String> endDivisions, String csrfToken) {
    }

    /** A token as listed: never its secret. */
    record Listed(String name, String role, String createdAt, String createdBy) {
    }

    record TokenList(List<Listed> tokens) {
    }

    /** The body of a token request. */
    record TokenBody(String name, String role) {
        static final Map<String, String> RULES = Map.of("name", "'name' must be text", "role", "'role' must be text");
    }

    /** A new token: its secret is shown here, once. */
    record Created(String name, String role, String token) {
    }

    void routes(JavalinConfig config) {
        config.routes.get("/api/v1/me", this::me);
        config.routes.get("/api/v1/tokens", this::list);
        config.routes.post("/api/v1/tokens", this::create);
        config.routes.delete("/api/v1/tokens/{name}", this::revoke);
    }

    private void me(Context ctx) {
        Caller caller = ServiceApi.caller(ctx, Role.VIEWER);
        Optional<Caller.Person> person = caller.person();
        ServiceApi.json(ctx, 200, new Me(caller.name(), caller.role().label(), caller.via(), caller.role().includes(Role.OPERATOR),
                caller.role().includes(Role.ADMIN), person.map(Caller.Person::org).orElse(null),
                person.map(Caller.Person::userId).orElse(null), person.map(Caller.Person::endDivisions).orElse(null),
                person.map(Caller.Person::csrfToken).orElse(null)));
    }

    private void list(Context ctx) {
        ServiceApi.caller(ctx, Role.ADMIN);
        ServiceApi.json(ctx, 200, new TokenList(tokens.list().stream()
                .map(t -> new Listed(t.name(), t.role(), t.createdAt().toString(), t.createdBy())).toList()));
    }

    private void create(Context ctx) {
        Caller caller = ServiceApi.caller(ctx, Role.ADMIN);
        TokenBody body = JsonBody.as(ctx, TokenBody.class, TokenBody.RULES);
        String name = JsonBody.text(body.name()).filter(TokenNames::valid).orElseThrow(() -> ApiProblem.badRequest(TokenNames.RULE));
        Role role = JsonBody.text(body.role()).flatMap(Role::parse).orElseThrow(() -> ApiProblem.badRequest(
                "'role' must be viewer, operator or admin"));
        try {
            String token = tokens.create(name, role.label(), caller.auditName(), clock.instant());
            ServiceApi.json(ctx, 201, new Created(name, role.label(), token));
        } catch (ApiTokens.NameTaken e) {
            throw new ApiProblem(409, "token.name.taken", e.getMessage());
        }
    }

    private void revoke(Context ctx) {
        ServiceApi.caller(ctx, Role.ADMIN);
        String name = ctx.pathParam("name");
        if (!tokens.revoke(name)) {
            throw ApiProblem.notFound("token.not.found", "no token named '" + UserText.shown(name, 64) + "'");
        }
        ctx.status(204);
    }
}
