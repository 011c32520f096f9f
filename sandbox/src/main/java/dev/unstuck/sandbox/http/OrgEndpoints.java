package dev.unstuck.sandbox.http;

import dev.unstuck.sandbox.org.Division;
import dev.unstuck.sandbox.org.Org;
import dev.unstuck.sandbox.org.Permission;
import dev.unstuck.sandbox.org.User;
import io.javalin.http.HandlerType;

import java.util.List;

/** Who the caller is and what it may do: the token, OAuth client and role endpoints (fact sheet §1). */
record OrgEndpoints(GenesysJson views) {
    void register(Routes routes) {
        routes.api(HandlerType.GET, "/api/v2/tokens/me", this::tokensMe);
        routes.api(HandlerType.HEAD, "/api/v2/tokens/me", call -> Answer.empty(200));
        routes.api(HandlerType.DELETE, "/api/v2/tokens/me", this::revokeOwnToken);
        routes.api(HandlerType.GET, "/api/v2/oauth/clients/{clientId}", this::oauthClient);
        routes.api(HandlerType.GET, "/api/v2/authorization/roles/{roleId}", this::role);
        routes.api(HandlerType.GET, "/api/v2/authorization/divisions", this::divisions);
        routes.api(HandlerType.GET, "/api/v2/authorization/divisions/home", this::homeDivision);
        routes.api(HandlerType.GET, "/api/v2/users/me", this::userMe);
        routes.api(HandlerType.GET, "/api/v2/authorization/divisionspermitted/me", this::divisionsPermitted);
    }

    /** Every division of the org, whatever the caller's grants ("Requires no permissions"). */
    private Answer divisions(Call call) {
        int pageSize = intParam(call, "pageSize", 25);
        int pageNumber = intParam(call, "pageNumber", 1);
        if (pageSize < 1 || pageNumber < 1) {
            throw new PlatformError(ErrorBody.badRequest("pageSize and pageNumber must be at least 1"));
        }
        List<String> ids = call.ctx().queryParams("id");
        List<Division> all = call.world().org().divisions().stream().filter(d -> ids.isEmpty() || ids.contains(d.id())).toList();
        return Answer.json(200, views.divisionListing(all, pageSize, pageNumber));
    }

    private Answer homeDivision(Call call) {
        return Answer.json(200, views.division(call.world().org().homeDivision()));
    }

    /**
     * The signed-in user ({@code User}; with {@code expand=authorization}, {@code UserAuthorization}: roles and
     * permissions); a client-credentials token has none (a 400, as the field reports).
     */
    private Answer userMe(Call call) {
        User user = user(call);
        boolean authorization = call.ctx().queryParams("expand").stream()
                .flatMap(e -> java.util.Arrays.stream(e.split(","))).anyMatch(e -> e.trim().equals("authorization"));
        return Answer.json(200, views.user(user, call.world().org(), authorization));
    }

    /** {@code List<AuthzDivision>}: the divisions where the signed-in user holds {@code permission}. */
    private Answer divisionsPermitted(Call call) {
        User user = user(call);
        String permission = call.ctx().queryParam("permission");
        if (permission == null || !Permission.isValid(permission)) {
            throw new PlatformError(ErrorBody.badRequest("permission must be a permission domain:entity:action"));
        }
        Permission wanted = Permission.parse(permission);
        Org org = call.world().org();
        var node = call.json().createArrayNode();
        for (Division d : org.divisions()) {
            if (user.roleDivisions().stream().anyMatch(g -> g.coversDivision(d.id())
                    && org.role(g.roleId()).map(r -> r.grants(wanted)).orElse(false))) {
                node.add(views.division(d));
            }
        }
        return Answer.json(200, node);
    }

    private static User user(Call call) {
        return call.caller().token().userId().flatMap(id -> call.world().org().user(id))
                .orElseThrow(() -> new PlatformError(ErrorBody.badRequest(
                        "This request requires a user context. Client credentials cannot be used for requests to this resource.")));
    }

    private static int intParam(Call call, String name, int fallback) {
        String text = call.ctx().queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new PlatformError(ErrorBody.badRequest(name + " must be a whole number"));
        }
    }

    /** Revokes the token the call came with (the next call with it: 401 {@code bad.credentials}). */
    private Answer revokeOwnToken(Call call) {
        call.world().tokens().revoke(call.caller().token().value());
        return Answer.empty(204);
    }

    private Answer tokensMe(Call call) {
        return Answer.json(200, views.tokenInfo(call.caller().client(), call.world().org()));
    }

    private Answer oauthClient(Call call) {
        call.require("oauth:client:view");
        return call.world().org().client(call.path("clientId"))
                .map(c -> Answer.json(200, views.oauthClient(c, call.world().org(), call.world().settings())))
                .orElseThrow(() -> new PlatformError(ErrorBody.notFound("OAuth client " + call.path("clientId") + " not found")));
    }

    private Answer role(Call call) {
        call.require("authorization:role:view");
        return call.world().org().role(call.path("roleId"))
                .map(r -> Answer.json(200, views.role(r)))
                .orElseThrow(() -> new PlatformError(ErrorBody.notFound("Role " + call.path("roleId") + " not found")));
    }
}
