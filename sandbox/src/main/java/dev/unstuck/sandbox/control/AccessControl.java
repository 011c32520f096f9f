package dev.unstuck.sandbox.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unstuck.sandbox.notify.Channel;
import dev.unstuck.sandbox.notify.Channels;
import dev.unstuck.sandbox.notify.Frames;
import dev.unstuck.sandbox.org.OAuthClient;
import dev.unstuck.sandbox.org.Permission;
import dev.unstuck.sandbox.org.Role;
import dev.unstuck.sandbox.world.State;
import dev.unstuck.sandbox.world.World;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an administrator does to the org's access while a test runs (docs/sandbox.md, "Clients and roles"):
 * {@code PATCH /sandbox/v1/clients/{id}} {@code {"state": "inactive"}} disables an OAuth client (the token
 * endpoint refuses it, every token it was given is revoked and its channels' sockets are told so and
 * closed) and {@code "active"} enables it again;
 * {@code PATCH /sandbox/v1/roles/{id or name}} {@code {"take": [...], "give": [...]}} edits a role's
 * permissions, in force {@code permissionChangeDelaySeconds} later.
 */
public record AccessControl(State state, Channels channels, ObjectMapper json) {
    private static final Set<String> STATES = Set.of("active", "inactive", "disabled");

    public void register(RoutesConfig app) {
        app.patch("/sandbox/v1/clients/{id}", ctx -> control().send(ctx, state.locked(world -> client(ctx, world))));
        app.patch("/sandbox/v1/roles/{id}", ctx -> control().send(ctx, state.locked(world -> role(ctx, world))));
    }

    private Reply client(Context ctx, World world) {
        Optional<OAuthClient> client = world.org().client(ctx.pathParam("id"));
        if (client.isEmpty()) {
            return control().problem(404, "no OAuth client " + ctx.pathParam("id"));
        }
        String wanted = control().body(ctx).map(b -> b.path("state").asText("")).orElse("");
        if (!STATES.contains(wanted)) {
            return control().problem(400, "state must be one of active, inactive, disabled");
        }
        OAuthClient changed = client.get().inState(wanted);
        world.changeOrg(world.org().withClient(changed));
        int revoked = changed.active() ? 0 : world.tokens().revokeClient(changed.id(), world.now());
        if (!changed.active()) {
            // As with any revoked token: the notice on each of the client's sockets, then the socket closes.
            for (Channel c : channels.forClient(changed.id())) {
                channels.send(c, frames().tokenRevoked(c.id()));
                channels.closeSocket(c, 4001, "token revoked");
            }
        }
        return Reply.ok(json.createObjectNode().put("id", changed.id()).put("state", changed.state()).put("revokedTokens", revoked));
    }

    private Reply role(Context ctx, World world) {
        String key = ctx.pathParam("id");
        Optional<Role> role = world.org().roles().stream().filter(r -> r.id().equals(key) || r.name().equals(key)).findFirst();
        if (role.isEmpty()) {
            return control().problem(404, "no role " + key);
        }
        Optional<JsonNode> body = control().body(ctx);
        List<Permission> taken;
        List<Permission> given;
        try {
            taken = permissions(body, "take");
            given = permissions(body, "give");
        } catch (IllegalArgumentException e) {
            return control().problem(400, e.getMessage());
        }
        if (taken.isEmpty() && given.isEmpty()) {
            return control().problem(400, "say which permissions to \"take\" from the role or \"give\" it (lists of domain:entity:action)");
        }
        String id = role.get().id();
        Instant effective = world.now().plusSeconds(world.settings().grants().permissionChangeDelaySeconds());
        // Applied to the role as it is then, so edits made one after the other all count.
        world.at(effective, () -> world.org().role(id).ifPresent(r -> world.changeOrg(world.org().withRole(r.changed(taken, given)))));
        ObjectNode answer = json.createObjectNode().put("id", id).put("name", role.get().name()).put("effectiveAt", effective.toString());
        taken.forEach(p -> answer.withArray("take").add(p.toString()));
        given.forEach(p -> answer.withArray("give").add(p.toString()));
        return Reply.ok(answer);
    }

    private static List<Permission> permissions(Optional<JsonNode> body, String field) {
        List<Permission> out = new ArrayList<>();
        JsonNode list = body.map(b -> b.path(field)).orElse(null);
        if (list == null || list.isMissingNode()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(field + " must be a list of permissions (domain:entity:action)");
        }
        for (JsonNode p : list) {
            out.add(Permission.parse(p.asText("")));
        }
        return out;
    }

    private ControlJson control() {
        return new ControlJson(json);
    }

    private Frames frames() {
        return new Frames(json);
    }
}
