package dev.unstuck.sandbox.http;

import io.javalin.http.HandlerType;

/** Who the caller is and what it may do: the token, OAuth client and role endpoints (fact sheet §1). */
final class OrgEndpoints {
    private final GenesysJson views;

    OrgEndpoints(GenesysJson views) {
        this.views = views;
    }

    void register(Routes routes) {
        routes.api(HandlerType.GET, "/api/v2/tokens/me", this::tokensMe);
        routes.api(HandlerType.GET, "/api/v2/oauth/clients/{clientId}", this::oauthClient);
        routes.api(HandlerType.GET, "/api/v2/authorization/roles/{roleId}", this::role);
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
